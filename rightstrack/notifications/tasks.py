"""Background work for notifications: thin wrappers over the services."""

from __future__ import annotations

from django_tasks import task

from rightstrack.core.context import action_context
from rightstrack.notifications.services import notification_emails_send


@task()
def send_notification_emails(*, notification_ids: list[int]) -> int:
    with action_context(source="task"):
        return notification_emails_send(notification_ids=notification_ids)
