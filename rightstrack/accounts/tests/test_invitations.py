"""Onboarding by invitation (decision 0019): the administrator creates the user without a password; the
user gets a single-use, expiring link by e-mail and sets their own password; every step is audited."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import Invitation, User
from rightstrack.accounts.services import user_invite
from rightstrack.core.models import AuditEntry
from tests.world import World

NEW_PASSWORD = "một mật khẩu dài 2026"


def create_without_password(client: Any, world: World, **extra: Any) -> Any:
    return client.post(
        reverse("accounts:user_create"),
        {
            "username": "lan",
            "last_name": "Trần Thị",
            "first_name": "Lan",
            "email": "lan@example.org",
            "body": world.committee_a.pk,
            "role": Role.PROVINCIAL_FOCAL_POINT,
            "preferred_language": "vi",
            "is_active": "on",
            "password": "",
        }
        | extra,
    )


def link_in(message: Any) -> str:
    match = re.search(r"https?://\S+/invitation/(\S+)/", message.body)
    assert match, message.body
    return reverse("invitation_accept", args=[match.group(1)])


@pytest.fixture
def invited(world: World, client_for: Any, django_capture_on_commit_callbacks: Any) -> str:
    """Lan, created by the administrator without a password; the path of the link she was e-mailed."""
    with django_capture_on_commit_callbacks(execute=True):
        response = create_without_password(client_for("admin"), world)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["lan@example.org"]
    return link_in(message)


def test_a_user_created_without_a_password_is_invited_and_cannot_sign_in_yet(invited: str) -> None:
    lan = User.objects.get(username="lan")
    assert not lan.has_usable_password()
    (invitation,) = Invitation.objects.filter(user=lan)
    assert invitation.token_hash not in invited  # only the hash is stored
    assert invitation.expires_at - timezone.now() > datetime.timedelta(hours=71)
    entry = AuditEntry.objects.get(action="invited", object_id=str(lan.pk))
    assert invited.split("/")[-2] not in str(entry.after)  # the link never reaches the audit log
    assert not User.objects.get(username="lan").check_password(NEW_PASSWORD)


def test_the_link_sets_the_password_once(invited: str, client: Any) -> None:
    page = client.get(invited)
    assert page.status_code == 200 and "lan" in page.content.decode()
    response = client.post(invited, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert User.objects.get(username="lan").check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="password_set").count() == 1
    assert client.get(invited).status_code == 404  # single use
    again = client.post(invited, {"new_password1": "khác hẳn 2026 nhé", "new_password2": "khác hẳn 2026 nhé"})
    assert again.status_code == 404
    assert User.objects.get(username="lan").check_password(NEW_PASSWORD)


def test_the_password_is_checked_by_the_validators_in_vietnamese(invited: str, client: Any) -> None:
    response = client.post(invited, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert "Mật khẩu quá ngắn" in response.content.decode()
    assert Invitation.objects.get().used_at is None  # not spent by a refused password


def test_an_expired_link_does_not_work(invited: str, client: Any) -> None:
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    page = client.get(invited)
    assert page.status_code == 404
    assert "Đường dẫn mời này không dùng được" in page.content.decode()


def test_a_new_invitation_ends_the_old_link(
    invited: str, world: World, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        user_invite(actor=world.admin, user=User.objects.get(username="lan"))
    newer = link_in(mail.outbox[-1])
    assert client.get(invited).status_code == 404
    assert client.get(newer).status_code == 200


def test_without_password_or_e_mail_the_form_asks_for_one(world: World, client_for: Any) -> None:
    response = create_without_password(client_for("admin", language="en"), world, email="")
    assert response.status_code == 200
    assert "Give an e-mail address for the invitation" in response.content.decode()
    assert not User.objects.filter(username="lan").exists()


def test_the_administrator_sends_an_invitation_again(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    user = world.users["focal_a"]
    User.objects.filter(pk=user.pk).update(email="focal.a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("admin").post(reverse("accounts:user_invite", args=[user.pk]))
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["focal.a@example.org"]
    assert client_for("secretariat").post(reverse("accounts:user_invite", args=[user.pk])).status_code == 403
