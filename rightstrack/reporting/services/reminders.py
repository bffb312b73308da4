"""Deadline reminders: each trigger fires once per report, however often the job runs.

Triggers, per report never yet submitted in an open cycle:
- ``due_soon``: on any day from ``deadline - reminder_days_before`` to the deadline (a window rather than one
  day, so a missed run is caught up the next day);
- ``overdue``: on any day after the deadline.
A ReportReminder row (unique per report and kind) records that a trigger fired; the notifications carry a
dedupe key as well, so a retried or concurrent run sends nothing twice.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.services import notify
from rightstrack.reporting.choices import CycleStatus, ReminderKind, ReportStatus
from rightstrack.reporting.models import Report, ReportReminder
from rightstrack.reporting.selectors import focal_points_of

_NOTIFICATION_KIND = {
    ReminderKind.DUE_SOON: NotificationKind.REMINDER_DUE_SOON,
    ReminderKind.OVERDUE: NotificationKind.REMINDER_OVERDUE,
}


def reminder_due(report: Report, today: datetime.date) -> str | None:
    """Which trigger, if any, applies to ``report`` on ``today``."""
    cycle = report.cycle
    if cycle.status != CycleStatus.OPEN or report.first_submitted_at is not None:
        return None
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        return None
    if today > cycle.deadline:
        return ReminderKind.OVERDUE
    if cycle.deadline - datetime.timedelta(days=cycle.reminder_days_before) <= today:
        return ReminderKind.DUE_SOON
    return None


def _title_factory(report: Report, kind: str) -> str:
    params = {
        "cycle": report.cycle.display_name,
        "deadline": date_format(report.cycle.deadline, "SHORT_DATE_FORMAT"),
    }
    if kind == ReminderKind.OVERDUE:
        return (
            _("Your report for “%(cycle)s” was due on %(deadline)s and has not been submitted yet.") % params
        )
    return _("Reminder: your report for “%(cycle)s” is due on %(deadline)s.") % params


def _fire(report: Report, kind: str, today: datetime.date) -> bool:
    with transaction.atomic():
        try:
            with transaction.atomic():
                reminder = ReportReminder.objects.create(report=report, kind=kind, sent_on=today)
        except IntegrityError:
            return False  # fired already (perhaps by a run happening at the same time)
        sent = notify(
            users=list(focal_points_of(report.body)),
            kind=_NOTIFICATION_KIND[ReminderKind(kind)],
            title_factory=lambda: _title_factory(report, kind),
            url=report.get_absolute_url(),
            dedupe_key=f"reminder:{report.pk}:{kind}",
        )
        reminder.recipients = len(sent)
        reminder.save(update_fields=["recipients"])
    return True


def reminders_send(*, today: datetime.date) -> int:
    """Fire every trigger due on ``today`` that has not fired yet; returns how many fired."""
    reports = (
        Report.objects.filter(
            cycle__status=CycleStatus.OPEN,
            first_submitted_at__isnull=True,
            status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED],
        )
        .select_related("cycle", "body")
        .prefetch_related("reminders")
        .order_by("cycle_id", "body__name")
    )
    fired = 0
    for report in reports:
        kind = reminder_due(report, today)
        if kind is None or any(r.kind == kind for r in report.reminders.all()):
            continue
        if _fire(report, kind, today):
            fired += 1
    return fired
