"""The inbox: each user's own messages, unread first; marking read is a POST; the header shows the count."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rightstrack.accounts.models import User
from rightstrack.core.context_processors import navigation
from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.models import Notification
from tests.world import World, signed_in

INBOX = reverse("notifications:notification_list")
READ_ALL = reverse("notifications:notification_read_all")


def read_url(notification: Notification) -> str:
    return reverse("notifications:notification_read", args=[notification.pk])


@pytest.fixture
def people(world: World) -> dict[str, User]:
    """The world's secretariat, reviewer and administrator, by the names these tests know them by."""
    return {"lan": world.secretariat, "minh": world.reviewer, "admin": world.admin}


def message(user: User, title: str, *, read: bool = False, url: str = "/bodies/") -> Notification:
    return Notification.objects.create(
        user=user,
        kind=NotificationKind.OTHER,
        title=title,
        url=url,
        read_at=timezone.now() if read else None,
    )


def test_the_inbox_lists_own_messages_unread_first(people) -> None:
    newer_read = message(people["lan"], "Read one", read=True)
    older_unread = message(people["lan"], "Unread one")
    Notification.objects.filter(pk=older_unread.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    message(people["minh"], "Someone else's")
    response = signed_in(people["lan"]).get(INBOX)
    assert response.status_code == 200
    assert [n.title for n in response.context["object_list"]] == ["Unread one", "Read one"]
    assert "Someone else&#x27;s" not in response.content.decode()
    assert response.context["unread"] == 1
    assert newer_read.pk in {n.pk for n in response.context["object_list"]}


def test_administrators_see_only_their_own_messages_too(people) -> None:
    message(people["lan"], "For Lan")
    response = signed_in(people["admin"]).get(INBOX)
    assert list(response.context["object_list"]) == []


def test_the_inbox_filters_unread(people) -> None:
    message(people["lan"], "Read one", read=True)
    message(people["lan"], "Unread one")
    response = signed_in(people["lan"]).get(INBOX, {"unread": "true"})
    assert [n.title for n in response.context["object_list"]] == ["Unread one"]


def test_marking_one_read_is_a_post(people) -> None:
    note = message(people["lan"], "Please review")
    client = signed_in(people["lan"])
    assert client.get(read_url(note)).status_code == 405
    response = client.post(read_url(note), {"next": INBOX + "?unread=true"})
    assert response.status_code == 302 and response["Location"] == INBOX + "?unread=true"
    note.refresh_from_db()
    assert note.read_at is not None


def test_opening_a_message_marks_it_read_and_follows_its_link(people) -> None:
    note = message(people["lan"], "Report submitted", url="/reporting/cycles/")
    response = signed_in(people["lan"]).post(read_url(note), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/reporting/cycles/"
    note.refresh_from_db()
    assert note.is_read


def test_a_link_to_another_site_is_not_followed(people) -> None:
    note = message(people["lan"], "Odd", url="https://example.com/elsewhere")
    response = signed_in(people["lan"]).post(read_url(note), {"open": "1"})
    assert response["Location"] == INBOX
    response = signed_in(people["lan"]).post(read_url(note), {"next": "//example.com/"})
    assert response["Location"] == INBOX


def test_someone_elses_message_is_not_found(people) -> None:
    note = message(people["minh"], "For Minh")
    assert signed_in(people["lan"]).post(read_url(note)).status_code == 404
    assert signed_in(people["admin"]).post(read_url(note)).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_marking_all_read(people) -> None:
    mine = [message(people["lan"], f"Message {n}") for n in range(3)]
    theirs = message(people["minh"], "Not mine")
    client = signed_in(people["lan"])
    assert client.get(READ_ALL).status_code == 405
    response = client.post(READ_ALL, follow=True)
    assert "3 notifications marked as read." in response.content.decode()
    assert all(Notification.objects.get(pk=n.pk).is_read for n in mine)
    assert not Notification.objects.get(pk=theirs.pk).is_read


def test_anonymous_visitors_are_sent_to_sign_in(db) -> None:
    assert Client().get(INBOX)["Location"].startswith(reverse("login"))


def test_the_header_shows_the_unread_count(people) -> None:
    for n in range(2):
        message(people["lan"], f"Message {n}")
    message(people["lan"], "Old", read=True)
    html = signed_in(people["lan"]).get(reverse("bodies:body_list")).content.decode()
    assert f'href="{INBOX}"' in html
    assert '<span class="rt-nav-count" aria-hidden="true">2</span>' in html
    assert "(2 unread)" in html


def test_the_unread_count_costs_one_query(people) -> None:
    for n in range(5):
        message(people["lan"], f"Message {n}")
    request = RequestFactory().get("/")
    request.user = people["lan"]
    with CaptureQueriesContext(connection) as queries:
        context = navigation(request)
    assert context["unread_count"] == 5
    inbox_queries = [q["sql"] for q in queries if "notifications_notification" in q["sql"]]
    assert len(inbox_queries) == 1 and "COUNT(" in inbox_queries[0].upper()


def test_the_inbox_in_vietnamese(people) -> None:
    message(people["lan"], "Báo cáo đã được gửi")
    html = signed_in(people["lan"], "vi").get(INBOX).content.decode()
    assert '<html lang="vi">' in html and "Mark all as read" not in html
