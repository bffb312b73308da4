"""Task reminders: each trigger fires once per task, however often the job runs.

Triggers, per task still open or in progress:
- ``due_soon``: on any day from ``due_on - DUE_SOON_DAYS`` to the due date (a window, so a missed run is
  caught up the next day);
- ``overdue``: on any day after the due date.
A TaskReminder row (unique per task and kind) records that a trigger fired; the notifications carry a dedupe
key as well, so a retried or concurrent run sends nothing twice. The reminder goes to the focal points of the
assigned body, or — for a body without its own (a commune's police) — to those of the body above it.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.followup.choices import LIVE_STATUSES, TaskReminderKind
from rightstrack.followup.models import Task, TaskReminder
from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.services import notify
from rightstrack.reporting.selectors import focal_points_of

DUE_SOON_DAYS = 7

_NOTIFICATION_KIND = {
    TaskReminderKind.DUE_SOON: NotificationKind.TASK_DUE_SOON,
    TaskReminderKind.OVERDUE: NotificationKind.TASK_OVERDUE,
}


def reminder_due(task: Task, today: datetime.date) -> str | None:
    """Which trigger, if any, applies to ``task`` on ``today``."""
    if task.status not in LIVE_STATUSES:
        return None
    if today > task.due_on:
        return TaskReminderKind.OVERDUE
    if task.due_on - datetime.timedelta(days=DUE_SOON_DAYS) <= today:
        return TaskReminderKind.DUE_SOON
    return None


def _recipients(task: Task) -> list[User]:
    people = list(focal_points_of(task.body))
    if not people and task.body.parent_id is not None:
        people = list(focal_points_of(task.body.parent))  # type: ignore[arg-type]
    return people


def _title(task: Task, kind: str) -> str:
    params = {
        "body": task.body.name,
        "directive": str(task.directive),
        "due": date_format(task.due_on, "SHORT_DATE_FORMAT"),
    }
    if kind == TaskReminderKind.OVERDUE:
        return _("The task of %(body)s “%(directive)s” was due on %(due)s and is not done yet.") % params
    return _("Reminder: the task of %(body)s “%(directive)s” is due on %(due)s.") % params


def _fire(task: Task, kind: str, today: datetime.date) -> bool:
    with transaction.atomic():
        try:
            with transaction.atomic():
                reminder = TaskReminder.objects.create(task=task, kind=kind, sent_on=today)
        except IntegrityError:
            return False  # fired already (perhaps by a run happening at the same time)
        sent = notify(
            users=_recipients(task),
            kind=_NOTIFICATION_KIND[TaskReminderKind(kind)],
            title_factory=lambda: _title(task, kind),
            url=task.get_absolute_url(),
            dedupe_key=f"task-reminder:{task.pk}:{kind}",
        )
        reminder.recipients = len(sent)
        reminder.save(update_fields=["recipients"])
    return True


def task_reminders_send(*, today: datetime.date) -> int:
    """Fire every trigger due on ``today`` that has not fired yet; returns how many fired."""
    window = today + datetime.timedelta(days=DUE_SOON_DAYS)
    tasks = (
        Task.objects.filter(status__in=LIVE_STATUSES, due_on__lte=window)
        .exclude(Q(due_on__lt=today) & Q(reminders__kind=TaskReminderKind.OVERDUE))
        .select_related("body", "body__parent", "directive")
        .prefetch_related("reminders")
        .order_by("due_on", "pk")
    )
    fired = 0
    for task in tasks:
        kind = reminder_due(task, today)
        if kind is None or any(r.kind == kind for r in task.reminders.all()):
            continue
        if _fire(task, kind, today):
            fired += 1
    return fired
