"""`rightstrack send_reminders [--today YYYY-MM-DD]`: send due deadline reminders (safe to run often)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rightstrack.core.context import action_context
from rightstrack.reporting.services import reminders_send


class Command(BaseCommand):
    help = "Send the deadline reminders due today; each reminder goes out once, however often this runs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = (
                datetime.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
            )
        except ValueError:
            raise CommandError(f"--today must be a date as YYYY-MM-DD; it is {options['today']!r}.") from None
        with action_context(source="cli"):
            fired = reminders_send(today=today)
        self.stdout.write(f"{fired} reminder(s) sent for {today.isoformat()}.")
