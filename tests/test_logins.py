"""Sign-ins, sessions and API tokens as a security office expects: 20 wrong passwords lock an account for a
while and leave a log line and an audit record each; API tokens expire, rotate, and die on a password
change, on signing out and on deactivation; a signed-in session ends after a spell of inactivity."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from rightstrack.accounts import services
from rightstrack.accounts.models import User
from rightstrack.core.middleware import IdleSessionMiddleware
from rightstrack.core.models import AuditEntry
from tests.conftest import World
from tests.factories import PASSWORD


def sign_in(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def actions_about(username: str) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_repr=username).order_by("id").values_list("action", flat=True)
    )


# Throttling and lockout ----------------------------------------------------------------------------------


def test_twenty_wrong_passwords_lock_the_account_for_a_while(world: World, caplog: Any) -> None:
    assert settings.AXES_FAILURE_LIMIT == 20
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    caplog.set_level(logging.WARNING, logger="rightstrack.accounts.signin")
    for attempt in range(1, 20):
        response = sign_in(client, "focal_a", f"wrong-{attempt}")
        assert response.status_code == 200, attempt  # the form again, with its error
    locked = sign_in(client, "focal_a", "wrong-20")
    assert locked.status_code == 429
    assert "Account locked" in locked.content.decode()

    # Even the right password is refused while the lock holds, and nobody is signed in.
    refused = sign_in(client, "focal_a", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session

    user = world.users["focal_a"]
    failures = AuditEntry.objects.filter(action="login_failed", object_id=str(user.pk))
    assert failures.count() == 21  # the twenty, and the attempt made during the lock
    assert {e.after["username"] for e in failures} == {"focal_a"}
    assert all(e.source == "web" and e.request_id for e in failures)
    # One for the attempt that locked it, one for the attempt refused while locked.
    assert AuditEntry.objects.filter(action="locked_out", object_id=str(user.pk)).count() == 2
    logged = [r.getMessage() for r in caplog.records if r.name == "rightstrack.accounts.signin"]
    assert sum("sign-in failed for user name 'focal_a'" in m for m in logged) == 21
    assert any("locked out" in m for m in logged)

    # Another account is not affected.
    assert sign_in(Client(), "focal_b", PASSWORD).status_code == 302

    # Once the lockout time has passed, the right password works again.
    past = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    AccessAttempt.objects.filter(username="focal_a").update(attempt_time=past)
    assert sign_in(client, "focal_a", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_failure_for_an_unknown_user_name_is_recorded_too(world: World) -> None:
    response = sign_in(Client(HTTP_ACCEPT_LANGUAGE="en"), "nobody-here", "guess")
    assert response.status_code == 200
    (entry,) = AuditEntry.objects.filter(action="login_failed")
    assert (entry.object_id, entry.object_repr, entry.after["username"]) == ("", "nobody-here", "nobody-here")


def test_the_lockout_page_is_translated(world: World) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    for attempt in range(20):
        response = sign_in(client, "focal_b", f"sai-{attempt}")
    assert response.status_code == 429
    assert "Tài khoản bị khóa" in response.content.decode()


# API tokens ----------------------------------------------------------------------------------------------


def token_client(key: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def issue(world: World, persona: str = "focal_a") -> str:
    user = world.users[persona]
    return services.token_issue(actor=user, user=user).key


def works(key: str) -> bool:
    """Whether the API takes the token (a refused one is a 403: session authentication, first in line,
    sends no challenge, so DRF does not answer 401)."""
    status = token_client(key).get("/api/users/me/").status_code
    assert status in {200, 403}
    return status == 200


def test_a_token_stops_working_after_a_password_change(world: World) -> None:
    key = issue(world)
    assert works(key)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["focal_a"])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-password-2027",
            "new_password2": "a-new-long-password-2027",
        },
    )
    assert response.status_code == 302
    assert not works(key)
    assert not Token.objects.filter(user=world.users["focal_a"]).exists()
    assert set(actions_about("focal_a")[-2:]) == {"password_changed", "token_revoked"}
    revoked = AuditEntry.objects.filter(action="token_revoked").get()
    assert revoked.after == {"reason": "password_changed"}
    assert key not in str(list(AuditEntry.objects.values_list("object_id", "before", "after")))


def test_a_password_set_by_an_administrator_ends_the_tokens_too(world: World) -> None:
    key = issue(world)
    services.user_set_password(
        actor=world.users["admin"], user=world.users["focal_a"], password="an-admin-chosen-password-1"
    )
    assert not works(key)


def test_signing_out_ends_the_users_tokens(world: World) -> None:
    key = issue(world)
    client = Client()
    client.force_login(world.users["focal_a"])
    assert client.post(reverse("logout")).status_code == 302
    assert not works(key)


def test_deactivation_ends_the_users_tokens(world: World) -> None:
    key = issue(world)
    services.user_update(actor=world.users["admin"], user=world.users["focal_a"], is_active=False)
    assert not Token.objects.filter(user=world.users["focal_a"]).exists()
    assert not works(key)


def test_a_token_expires(world: World) -> None:
    key = issue(world)
    ttl = datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS)
    Token.objects.filter(key=key).update(created=timezone.now() - ttl + datetime.timedelta(minutes=1))
    assert works(key)
    Token.objects.filter(key=key).update(created=timezone.now() - ttl)
    response = token_client(key).get("/api/users/me/")
    assert response.status_code == 403
    assert "expired" in response.json()["detail"]
    assert not Token.objects.filter(key=key).exists()


def test_a_user_rotates_and_revokes_their_own_token_over_the_api(world: World) -> None:
    old = issue(world)
    response = token_client(old).post("/api/users/me/token/")
    assert response.status_code == 201
    new = response.json()["token"]
    assert new != old and not works(old) and works(new)
    expires = datetime.datetime.fromisoformat(response.json()["expires_at"])
    assert (
        abs(expires - timezone.now() - datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS)).total_seconds()
        < 60
    )
    assert token_client(new).delete("/api/users/me/token/").status_code == 204
    assert not works(new)
    assert actions_about("focal_a")[-3:] == ["token_issued", "token_issued", "token_revoked"]


def test_only_an_administrator_issues_a_token_for_someone_else(world: World) -> None:
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises((PermissionDenied, Http404)):
        services.token_issue(actor=world.users["focal_b"], user=world.users["focal_a"])
    assert services.token_issue(actor=world.users["admin"], user=world.users["focal_a"]).key


# Self-service password change ----------------------------------------------------------------------------


def test_the_password_page_is_in_the_user_menu_and_translated(world: World) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(world.users["agency"])
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("password_change")}"' in home and "Đổi mật khẩu" in home
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "Mật khẩu cũ" in page.content.decode()


def test_a_wrong_old_password_changes_nothing(world: World) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["agency"])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "not-it",
            "new_password1": "a-new-long-password-2027",
            "new_password2": "a-new-long-password-2027",
        },
    )
    assert response.status_code == 200
    assert User.objects.get(username="agency").check_password(PASSWORD)
    assert "password_changed" not in actions_about("agency")


def test_after_the_change_this_session_stays_and_the_new_password_works(world: World) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["agency"])
    other = Client()
    other.force_login(world.users["agency"])
    new = "a-new-long-password-2027"
    client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert client.get(reverse("home")).status_code == 200
    assert other.get(reverse("home")).status_code == 302  # every other session has ended
    assert sign_in(Client(), "agency", new).status_code == 302


# Idle timeout --------------------------------------------------------------------------------------------


def test_sessions_end_after_thirty_idle_minutes_by_default(world: World) -> None:
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = Client()
    assert sign_in(client, "reviewer", PASSWORD).status_code == 302
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = session.expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < remaining <= datetime.timedelta(minutes=30)

    # Idle past the limit: the stored session has expired, and the next page asks to sign in again.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_activity_pushes_the_idle_limit_forward_at_most_once_a_minute(world: World) -> None:
    client = Client()
    assert sign_in(client, "reviewer", PASSWORD).status_code == 302
    key = client.session.session_key
    soon = timezone.now() + datetime.timedelta(minutes=5)
    Session.objects.filter(pk=key).update(expire_date=soon)
    client.get(reverse("home"))
    assert Session.objects.get(pk=key).expire_date == soon  # renewed less than a minute ago: no write

    session = client.session
    session[IdleSessionMiddleware.KEY] = session[IdleSessionMiddleware.KEY] - 61
    session.save()
    Session.objects.filter(pk=key).update(expire_date=soon)
    client.get(reverse("home"))
    assert Session.objects.get(pk=key).expire_date > timezone.now() + datetime.timedelta(minutes=29)
