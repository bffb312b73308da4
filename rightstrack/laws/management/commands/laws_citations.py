"""`rightstrack laws citations`: find the register's documents cited (by their symbol) in every report."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rightstrack.core.context import action_context
from rightstrack.laws.services import mentions_detect


class Command(BaseCommand):
    help = (
        "Read every report's section answers, find the laws and policies of the register they cite by number "
        "and symbol, and bring the citations up to date (new ones added, those no longer written removed). "
        "Safe to run again: a second run changes nothing. The web page's button runs the same as a job."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with action_context(source="cli"):
            result = mentions_detect(actor=None)
        self.stdout.write(
            f"Read {result.sections} report section(s): {result.found} citation(s), "
            f"{result.added} added, {result.removed} removed."
        )
