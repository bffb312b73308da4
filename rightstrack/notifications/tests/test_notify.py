"""notify: one message per recipient in their language, once per trigger, e-mailed once after commit."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.accounts.services import user_create
from rightstrack.bodies.choices import BodyKind, BodyLevel
from rightstrack.bodies.services import body_create
from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.models import Notification
from rightstrack.notifications.selectors import notifications_for, unread_count, unread_for
from rightstrack.notifications.services import (
    EMAIL_CLAIM_SECONDS,
    EmailsNotSent,
    notification_emails_send,
    notification_mark_read,
    notifications_mark_all_read,
    notify,
)


@pytest.fixture
def people(db: Any) -> dict[str, User]:
    body = body_create(
        actor=None,
        code="national",
        name="Ban Chỉ đạo",
        kind=BodyKind.NATIONAL_COMMITTEE,
        level=BodyLevel.NATIONAL,
    )

    def person(username: str, language: str, email: str = "", active: bool = True) -> User:
        user = user_create(
            actor=None,
            username=username,
            body=body,
            role=Role.SECRETARIAT,
            email=email,
            preferred_language=language,
        )
        if not active:
            User.objects.filter(pk=user.pk).update(is_active=False)
            user.refresh_from_db()
        return user

    return {
        "lan": person("lan", "vi", "lan@example.org"),
        "anna": person("anna", "en", "anna@example.org"),
        "nomail": person("nomail", "vi"),
        "gone": person("gone", "en", "gone@example.org", active=False),
    }


def _notify(people: dict[str, User], **kwargs: Any) -> list[Notification]:
    return notify(
        users=people.values(),
        kind=NotificationKind.OTHER,
        title_factory=lambda: gettext("Notifications"),
        url="/reports/1/",
        **kwargs,
    )


def test_each_active_recipient_gets_one_message_in_their_language(
    people, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify(people)
    assert {n.user.username for n in created} == {"lan", "anna", "nomail"}
    titles = {n.user.username: n.title for n in created}
    assert titles["anna"] == "Notifications"
    with translation.override("vi"):
        assert titles["lan"] == gettext("Notifications")
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "lan@example.org"]
    english = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert english.subject == "[rightstrack] Notifications"
    assert "/reports/1/" in english.body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_a_repeated_trigger_adds_nothing(people, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _notify(people, dedupe_key="reminder:1:overdue")
        again = _notify(people, dedupe_key="reminder:1:overdue")
    assert again == []
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 2
    _notify(people, dedupe_key="reminder:1:due_soon")
    assert Notification.objects.count() == 6


def test_sending_the_mails_again_sends_nothing(people, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify(people)
    assert notification_emails_send(notification_ids=[n.pk for n in created]) == 0
    assert len(mail.outbox) == 2


def test_only_the_recipient_marks_a_message_read(people) -> None:
    message = _notify(people)[0]
    other = next(user for user in people.values() if user.pk != message.user_id and user.is_active)
    with pytest.raises(Http404):
        notification_mark_read(actor=other, notification=message)
    owner = message.user
    assert unread_count(user=owner) == 1
    notification_mark_read(actor=owner, notification=message)
    assert unread_count(user=owner) == 0 and notifications_for(user=owner).count() == 1
    _notify(people)
    assert notifications_mark_all_read(actor=owner) == 1
    assert not unread_for(user=owner).exists()


def test_a_failed_mail_is_retried_alone(people, settings, django_capture_on_commit_callbacks) -> None:
    """The second of two messages fails: the first stays marked sent; the retry sends exactly the second."""
    settings.EMAIL_BACKEND = "rightstrack.notifications.tests.mail_backends.RefusingEmailBackend"
    settings.TEST_EMAIL_REFUSE = ["lan@example.org"]
    first = _notify({"anna": people["anna"]}, email=False)[0]
    second = _notify({"lan": people["lan"]}, email=False)[0]
    ids = [first.pk, second.pk]

    with pytest.raises(EmailsNotSent):
        notification_emails_send(notification_ids=ids)
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.emailed_at is not None
    assert second.emailed_at is None and second.email_claimed_at is None

    settings.TEST_EMAIL_REFUSE = []
    assert notification_emails_send(notification_ids=ids) == 1
    assert [m.to for m in mail.outbox] == [["anna@example.org"], ["lan@example.org"]]
    assert notification_emails_send(notification_ids=ids) == 0
    assert len(mail.outbox) == 2


def test_a_message_another_sender_holds_is_left_to_it(people) -> None:
    """A claimed message is not sent twice by a concurrent run; a claim left by a crash expires."""
    message = _notify({"anna": people["anna"]}, email=False)[0]
    Notification.objects.filter(pk=message.pk).update(email_claimed_at=timezone.now())
    assert notification_emails_send(notification_ids=[message.pk]) == 0
    assert mail.outbox == []
    stale = timezone.now() - datetime.timedelta(seconds=EMAIL_CLAIM_SECONDS + 1)
    Notification.objects.filter(pk=message.pk).update(email_claimed_at=stale)
    assert notification_emails_send(notification_ids=[message.pk]) == 1
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
