"""A message reads in the language of the page it is read on (issue 7: no Vietnamese left on an English page,
no English on a Vietnamese one), while its e-mail goes out in the recipient's own language; and the home page
lists the messages waiting."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from rightstrack.accounts.models import User
from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.models import Notification
from rightstrack.notifications.services import notify
from tests.conftest import World

INBOX = reverse("notifications:notification_list")
CYCLE = "Báo cáo 6 tháng đầu năm 2025"
EN = f"Your report for “{CYCLE}” was accepted."
VI = f"Báo cáo kỳ “{CYCLE}” của đơn vị đã được chấp thuận."


def accepted(users: list[User]) -> list[Notification]:
    return notify(
        users=users,
        kind=NotificationKind.REPORT_ACCEPTED,
        title_factory=lambda: gettext("Your report for “%(cycle)s” was accepted.") % {"cycle": CYCLE},
        url="/reporting/cycles/",
    )


def test_the_message_is_kept_in_each_language_and_e_mailed_in_the_recipients(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    vietnamese, english = world.users["focal_hanoi"], world.users["focal_hanoi_en"]
    with django_capture_on_commit_callbacks(execute=True):
        created = {n.user_id: n for n in accepted([vietnamese, english])}
    for message in created.values():
        assert message.titles == {"vi": VI, "en": EN}
    assert created[vietnamese.pk].title == VI and created[english.pk].title == EN
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[vietnamese.email] == f"[rightstrack] {VI}"
    assert subjects[english.email] == f"[rightstrack] {EN}"


def test_the_inbox_and_the_home_page_show_it_in_the_pages_language(world: World, signed_in: Any) -> None:
    accepted([world.users["focal_hanoi"]])  # a recipient who reads Vietnamese e-mails
    for language, shown, other in (("en", EN, VI), ("vi", VI, EN)):
        client = signed_in("focal_hanoi", language=language)
        for url in (INBOX, reverse("home")):
            page = client.get(url).content.decode()
            assert shown in page and other not in page, (language, url)


def test_a_message_written_before_shows_as_it_was_written(world: World, signed_in: Any) -> None:
    Notification.objects.create(user=world.users["focal_hanoi"], kind=NotificationKind.OTHER, title=VI)
    page = signed_in("focal_hanoi", language="en").get(INBOX).content.decode()
    assert VI in page
