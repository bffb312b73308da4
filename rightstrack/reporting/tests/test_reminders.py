"""Reminders: due soon and overdue, each once per report however often the job runs."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import translation

from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.models import Notification
from rightstrack.reporting.choices import ReminderKind
from rightstrack.reporting.models import ReportReminder
from rightstrack.reporting.services import reminders_send, report_submit
from rightstrack.reporting.tasks import send_deadline_reminders

from .conftest import DEADLINE

SEVEN_DAYS_BEFORE = DEADLINE - datetime.timedelta(days=7)


def test_nothing_is_sent_before_the_window(world, cycle) -> None:
    assert reminders_send(today=SEVEN_DAYS_BEFORE - datetime.timedelta(days=1)) == 0
    assert not Notification.objects.exists()


def test_due_soon_once_then_overdue_once(world, cycle, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=SEVEN_DAYS_BEFORE) == 2  # Hà Nội and Huế
    due = Notification.objects.filter(kind=NotificationKind.REMINDER_DUE_SOON)
    assert set(due.values_list("user__username", flat=True)) == {"hanoi", "hanoi.en", "hue"}
    assert len(mail.outbox) == 2  # Huế's focal point has no e-mail address

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=SEVEN_DAYS_BEFORE) == 0
        assert reminders_send(today=DEADLINE) == 0  # the due-soon trigger has fired for this report
    assert due.count() == 3 and len(mail.outbox) == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=DEADLINE + datetime.timedelta(days=1)) == 2
        assert reminders_send(today=DEADLINE + datetime.timedelta(days=2)) == 0
    assert Notification.objects.filter(kind=NotificationKind.REMINDER_OVERDUE).count() == 3
    assert set(ReportReminder.objects.values_list("kind", flat=True)) == {
        ReminderKind.DUE_SOON,
        ReminderKind.OVERDUE,
    }
    assert ReportReminder.objects.count() == 4
    assert len(mail.outbox) == 4


def test_a_missed_day_is_caught_up_within_the_window(world, cycle) -> None:
    assert reminders_send(today=DEADLINE - datetime.timedelta(days=2)) == 2
    assert ReportReminder.objects.filter(kind=ReminderKind.DUE_SOON).count() == 2


def test_submitted_reports_get_no_reminder(world, cycle, report) -> None:
    report_submit(actor=world.focal_hanoi, report=report)
    assert reminders_send(today=DEADLINE + datetime.timedelta(days=3)) == 1
    assert not Notification.objects.filter(user__body=world.hanoi_committee).exists()


def test_reminders_are_written_in_each_recipients_language(world, cycle) -> None:
    reminders_send(today=DEADLINE + datetime.timedelta(days=1))
    english = Notification.objects.get(user=world.focal_hanoi_en).title
    vietnamese = Notification.objects.get(user=world.focal_hanoi).title
    msgid = "Your report for “%(cycle)s” was due on %(deadline)s and has not been submitted yet."
    assert english.startswith("Your report for “First half of 2025” was due on")
    with translation.override("vi"):
        assert vietnamese.startswith(translation.gettext(msgid).split("%(cycle)s")[0])
        assert "Báo cáo 6 tháng đầu năm 2025" in vietnamese


def test_the_task_and_the_command_send_nothing_twice(world, cycle) -> None:
    result = send_deadline_reminders.enqueue(today=SEVEN_DAYS_BEFORE.isoformat())
    assert result.return_value == 2
    call_command("send_reminders", "--today", SEVEN_DAYS_BEFORE.isoformat())
    assert ReportReminder.objects.count() == 2
    assert Notification.objects.count() == 3
