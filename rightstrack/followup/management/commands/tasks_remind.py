"""`rightstrack tasks remind [--today YYYY-MM-DD]`: send the task reminders due (safe to run often)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rightstrack.core.context import action_context
from rightstrack.followup.services import task_reminders_send


class Command(BaseCommand):
    help = "Send the reminders of tasks due soon or overdue; each goes out once, however often this runs."

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
            fired = task_reminders_send(today=today)
        self.stdout.write(f"{fired} task reminder(s) sent for {today.isoformat()}.")
