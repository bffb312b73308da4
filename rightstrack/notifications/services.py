"""Sending messages: one in-app row per recipient, written in each of the site's languages, then one e-mail in
the recipient's language after commit.

Notifications are personal messages derived from changes that are themselves audited (a report submitted, a
reminder recorded), so creating or reading one writes no audit record of its own.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.notifications.models import Notification

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[rightstrack] "
EMAIL_CLAIM_SECONDS = 600  # a sender that has not finished within this time is taken to have crashed
MAX_TITLE = 500


def _language_of(user: User) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


@transaction.atomic
def notify(
    *,
    users: Iterable[User],
    kind: str,
    title_factory: Callable[[], str],
    url: str = "",
    dedupe_key: str | None = None,
    email: bool = True,
) -> list[Notification]:
    """Tell each active user once; ``title_factory`` runs once in each of the site's languages: the message
    is kept in all of them (the page shows the reader's) and e-mailed in the recipient's own.

    With a ``dedupe_key``, a recipient who already has a message for that key gets nothing new, also when two
    runs race (the database's unique constraint decides). E-mails go out after commit, as a background task.
    """
    recipients = {user.pk: user for user in users if user.pk is not None and user.is_active}
    if not recipients:
        return []
    already: set[int] = set()
    if dedupe_key:
        already = set(
            Notification.objects.filter(user_id__in=recipients, dedupe_key=dedupe_key).values_list(
                "user_id", flat=True
            )
        )
    written: dict[str, str] = {}

    # The message is the same for every recipient: it is written once in each language.
    def title_in(language: str) -> str:
        if language not in written:
            with translation.override(language):
                written[language] = str(title_factory())[:MAX_TITLE]
        return written[language]

    created: list[Notification] = []
    for user in recipients.values():
        if user.pk in already:
            continue
        title = title_in(_language_of(user))
        titles = {code: title_in(code) for code, _name in settings.LANGUAGES}
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        user=user,
                        kind=kind,
                        title=title,
                        titles=titles,
                        url=url[:500],
                        dedupe_key=dedupe_key or "",
                    )
                )
        except IntegrityError:
            if not dedupe_key:
                raise
    to_email = [n.pk for n in created if email and n.user.email]
    if to_email:
        transaction.on_commit(lambda: _enqueue_emails(to_email))
    return created


def _enqueue_emails(notification_ids: list[int]) -> None:
    from rightstrack.notifications.tasks import send_notification_emails

    send_notification_emails.enqueue(notification_ids=notification_ids)


def _absolute(url: str) -> str:
    """A link for an e-mail: a path on this site becomes an address under SITE_URL."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}/{url.lstrip('/')}"


def _message(notification: Notification) -> EmailMessage:
    user = notification.user
    with translation.override(_language_of(user)):
        lines = [notification.title, ""]
        link = _absolute(notification.url)
        if link:
            lines += [link, ""]
        lines.append(_("You receive this message because you have an account on rightstrack."))
        body = "\n".join(lines)
    subject = (SUBJECT_PREFIX + notification.title).replace("\n", " ")[:250]
    # The same Message-ID every time this message is sent: if a sender dies between handing it to the mail
    # server and marking it sent, the retry's copy is recognisably the same message (mail clients merge it).
    host = urlsplit(settings.SITE_URL).hostname or "rightstrack"
    headers = {"Message-ID": f"<notification-{notification.pk}@{host}>"}
    return EmailMessage(subject=subject, body=body, to=[user.email], headers=headers)


class EmailsNotSent(Exception):
    """Some messages could not be e-mailed; they stay unsent, so running the task again sends just those."""


def _claim(notification_ids: list[int]) -> list[int]:
    """Take the unsent messages in one short transaction (no lock is held while mail goes out)."""
    now = timezone.now()
    abandoned = now - datetime.timedelta(
        seconds=getattr(settings, "EMAIL_CLAIM_SECONDS", EMAIL_CLAIM_SECONDS)
    )
    with transaction.atomic():
        ids = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=notification_ids, emailed_at__isnull=True)
            .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=abandoned))
            .exclude(user__email="")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=ids).update(email_claimed_at=now)
    return ids


def notification_emails_send(*, notification_ids: list[int]) -> int:
    """E-mail the given messages not yet e-mailed; safe to retry.

    The messages are claimed and the claim committed; then each is sent and marked sent on its own, outside
    any transaction, so a failure leaves the ones already sent marked and only the rest for a retry. A
    message that fails is released at once; if any failed, ``EmailsNotSent`` is raised at the end (the task
    shows as failed and may be run again).
    """
    ids = _claim(notification_ids)
    if not ids:
        return 0
    sent, failed = 0, 0
    pending = Notification.objects.select_related("user").filter(pk__in=ids).order_by("pk")
    with get_connection() as connection:
        for notification in pending:
            try:
                connection.send_messages([_message(notification)])
            except Exception:
                logger.exception("E-mail for notification %s failed; it stays unsent", notification.pk)
                Notification.objects.filter(pk=notification.pk).update(email_claimed_at=None)
                failed += 1
                continue
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
            sent += 1
    if failed:
        raise EmailsNotSent(f"{failed} of {len(ids)} e-mail(s) could not be sent; run the task again.")
    return sent


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's own messages read; anyone else's is 'not found'."""
    if notification.user_id != actor.pk:
        raise Http404(_("Not found, or not within your scope."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: User) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
