"""`rightstrack tasks overdue [--body CODE] [--today YYYY-MM-DD] [--json]`: the tasks still open or in
progress after their due date, the longest overdue first (with a body: its own and its sub-bodies')."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rightstrack.bodies.models import Body
from rightstrack.followup.selectors import overdue_tasks


class Command(BaseCommand):
    help = "List overdue tasks (open or in progress after their due date), the longest overdue first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", help="Only the tasks of this body (its code) and the bodies under it.")
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--json", action="store_true", help="One JSON object a line instead of a table.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = (
                datetime.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
            )
        except ValueError:
            raise CommandError(f"--today must be a date as YYYY-MM-DD; it is {options['today']!r}.") from None
        tasks = overdue_tasks(today=today)
        if options["body"]:
            body = Body.objects.filter(code=options["body"]).first()
            if body is None:
                raise CommandError(
                    f"No body has the code {options['body']!r}; give a body's code, e.g. ministry-justice."
                )
            tasks = tasks.filter(body__path__startswith=body.path)
        count = 0
        for task in tasks.iterator(chunk_size=500):
            count += 1
            late = (today - task.due_on).days
            if options["json"]:
                row = {
                    "task": task.pk,
                    "directive": task.directive_id,
                    "body": task.body.code,
                    "body_name": task.body.name,
                    "due_on": task.due_on.isoformat(),
                    "days_overdue": late,
                    "status": task.status,
                    "text": task.directive.text or task.directive.text_en,
                }
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            else:
                text = task.directive.text or task.directive.text_en
                text = text if len(text) <= 70 else text[:69] + "…"
                self.stdout.write(
                    f"{task.due_on:%d/%m/%Y}  {late:>4}d  {task.body.code:<24}  {task.body.name}  —  {text}"
                )
        if not options["json"]:
            self.stderr.write(f"{count} overdue task(s) on {today.isoformat()}.")
