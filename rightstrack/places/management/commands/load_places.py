"""`rightstrack load_places`: load Viet Nam's provinces before and after 1 July 2025 (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.context import action_context
from rightstrack.places.services import places_load_vietnam


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Load Viet Nam, its 63 provinces before and 34 provinces after 1 July 2025, the successions between "
        "them, aliases and regions. Running it again changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with action_context(source="cli"):
            counts = places_load_vietnam()
        self.stdout.write(
            _("Places loaded: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % counts
        )
