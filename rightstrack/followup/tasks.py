"""Background work for follow-up: thin wrappers over the services, safe to run again."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from rightstrack.core.context import action_context
from rightstrack.followup.services import task_reminders_send


@task()
def send_task_reminders(*, today: str | None = None) -> int:
    """Run daily (e.g. `rightstrack tasks remind` from cron); ``today`` as YYYY-MM-DD, default today."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    with action_context(source="task"):
        return task_reminders_send(today=day)
