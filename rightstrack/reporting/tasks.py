"""Background work for reporting: thin wrappers over the services, safe to run again."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from rightstrack.core.context import action_context
from rightstrack.reporting.services import reminders_send, report_event_notify


@task()
def notify_report_event(*, report_id: int, kind: str, revision_number: int) -> int:
    with action_context(source="task"):
        return report_event_notify(report_id=report_id, kind=kind, revision_number=revision_number)


@task()
def send_deadline_reminders(*, today: str | None = None) -> int:
    """Run daily (e.g. `rightstrack send_reminders` from cron); ``today`` as YYYY-MM-DD, default today."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    with action_context(source="task"):
        return reminders_send(today=day)
