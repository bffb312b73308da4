"""`rightstrack reporting_default_template`: create the default report template (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rightstrack.core.context import action_context
from rightstrack.reporting.services import template_create_default


class Command(BaseCommand):
    help = "Create the default provincial report template (DESIGN.md outline) unless it exists."

    def handle(self, *args: Any, **options: Any) -> None:
        with action_context(source="cli"):
            template = template_create_default(actor=None)
        self.stdout.write(f"Default template: {template.family} v{template.version} (id {template.pk}).")
