"""`rightstrack recommendations load-sdg`: the SDG goals, targets and indicators from the shipped file."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from rightstrack.core.context import action_context
from rightstrack.recommendations.services import sdg_load


class Command(BaseCommand):
    help = "Load (or refresh) the SDG framework: 17 goals, 169 targets and the global indicators."

    def handle(self, *args: Any, **options: Any) -> None:
        with action_context(source="cli"):
            result = sdg_load(actor=None)
        self.stdout.write(
            _("SDG framework loaded: %(goals)s goals, %(targets)s targets, %(indicators)s indicators.")
            % {"goals": result.goals, "targets": result.targets, "indicators": result.indicators}
        )
