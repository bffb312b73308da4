"""Run the demo loaders the apps registered (core.registry), in their order, in one transaction."""

from __future__ import annotations

from django.db import transaction

from rightstrack.core.registry import DemoResult, demo_loaders


@transaction.atomic
def load_demo() -> list[tuple[str, DemoResult]]:
    """Each app's loader, lower apps first (places before bodies before accounts...); idempotent like them."""
    return [(app_label, load()) for app_label, load in demo_loaders()]
