"""Writes from the pages and the API leave audit records with who, when (UTC), from where, under which
request id, and the values before and after; a refused write leaves none."""

# An entry's ``changes`` is JSON (``Any | None`` to mypy); these tests read the keys they just wrote.
# mypy: disable-error-code="index, operator"

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from rightstrack.accounts.choices import Role
from rightstrack.bodies.models import Membership
from tests.conftest import World

from .audit_helpers import assert_utc_now, entries_for, high_water, last_for, new_entries

# The world itself was built through the services, so it is already on record -----------------------------


def test_building_through_services_is_recorded(world: World) -> None:
    created = entries_for(world.committee_a)
    assert [e.action for e in created] == ["create"]
    assert created[0].after["path"] == world.committee_a.path
    assert created[0].source == "system" and created[0].actor is None
    assert "password" not in entries_for(world.users["focal_a"])[0].after


# UI ----------------------------------------------------------------------------------------------------


def test_ui_edit_records_actor_source_request_id_and_changes(world: World, client_for: Any) -> None:
    response = client_for("secretariat").post(
        reverse("bodies:body_edit", args=[world.committee_a.pk]),
        {
            "code": "committee-a",
            "name": "Ban Chỉ đạo nhân quyền thành phố Đà Nẵng",
            "kind": "provincial_committee",
            "level": "provincial",
            "parent": world.national.pk,
            "unit": world.province_a.pk,
            "established_on": "2025-07-01",
        },
    )
    assert response.status_code == 302
    entry = last_for(world.committee_a)
    assert (entry.action, entry.source, entry.actor, entry.actor_label) == (
        "update",
        "web",
        world.users["secretariat"],
        "secretariat",
    )
    assert entry.request_id and entry.request_id == response["X-Request-ID"]
    assert entry.before["name"] == "Ban Chỉ đạo Đà Nẵng"
    assert entry.after["name"] == "Ban Chỉ đạo nhân quyền thành phố Đà Nẵng"
    assert (entry.before["established_on"], entry.after["established_on"]) == (None, "2025-07-01")
    assert_utc_now(entry)


def test_one_request_shares_one_request_id(world: World, client_for: Any) -> None:
    mark = high_water()
    response = client_for("focal_a").post(
        reverse("bodies:membership_create", args=[world.committee_a.pk]),
        {
            "position": "member",
            "person_name": "Đỗ Văn Em",
            "person_title": "Giám đốc Sở",
            "start_on": "2025-08-01",
        },
    )
    assert response.status_code == 302
    entries = new_entries(mark)
    assert [(e.content_type.model, e.action) for e in entries] == [
        ("person", "create"),
        ("membership", "create"),
    ]
    assert {e.request_id for e in entries} == {response["X-Request-ID"]}
    assert {e.actor_label for e in entries} == {"focal_a"}
    assert entries[1].after["body"] == world.committee_a.pk and entries[1].before is None


PROXY_ID = "0123456789abcdef0123456789abcdef"  # nginx's $request_id


@pytest.mark.parametrize("request_id", [PROXY_ID, "9f1c2e0a-5b7d-4c3e-8a9b-0c1d2e3f4a5b"])
def test_a_proxys_request_id_is_kept(request_id: str, world: World, client_for: Any) -> None:
    client = client_for("focal_a")
    response = client.post(
        reverse("bodies:membership_end", args=[world.seat_a.pk]),
        {"end_on": "2025-12-31"},
        HTTP_X_REQUEST_ID=request_id,
    )
    assert response["X-Request-ID"] == request_id
    entry = last_for(world.seat_a)
    assert (entry.request_id, entry.before["end_on"], entry.after["end_on"]) == (
        request_id,
        None,
        "2025-12-31",
    )


@pytest.mark.parametrize(
    "request_id",
    [
        "<script>",
        "trace-0123456789",  # sane characters, but not the strict form
        PROXY_ID + "\n",  # a line break after a valid id: no forged log lines
        PROXY_ID + "0",
        PROXY_ID.upper(),
        "x" * 10_000,
    ],
)
def test_a_malformed_request_id_is_replaced(request_id: str, world: World, client_for: Any) -> None:
    response = client_for("focal_a").post(
        reverse("bodies:membership_end", args=[world.seat_a.pk]),
        {"end_on": "2025-12-31"},
        HTTP_X_REQUEST_ID=request_id,
    )
    assert response["X-Request-ID"] != request_id
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert last_for(world.seat_a).request_id == response["X-Request-ID"]


def test_ui_user_changes_record_role_before_and_after_and_no_password(world: World, client_for: Any) -> None:
    user = world.users["focal_b"]
    response = client_for("admin").post(
        reverse("accounts:user_edit", args=[user.pk]),
        {
            "username": "focal_b",
            "body": world.national.pk,
            "role": Role.REVIEWER,
            "preferred_language": "vi",
            "is_active": "on",
            "password": "another-long-password-2026",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.role, user.body) == (Role.REVIEWER, world.national)
    update, password = entries_for(user)[-2:]
    assert (update.action, password.action) == ("update", "password_changed")
    assert (update.before["role"], update.after["role"]) == (Role.PROVINCIAL_FOCAL_POINT, Role.REVIEWER)
    assert (update.before["body"], update.after["body"]) == (world.committee_b.pk, world.national.pk)
    for entry in (update, password):
        assert entry.source == "web" and entry.actor == world.users["admin"]
        assert "password" not in (entry.before or {}) and "password" not in (entry.after or {})
        assert user.password not in str(entry.before) + str(entry.after)


def test_a_refused_write_records_nothing(world: World, client_for: Any) -> None:
    mark = high_water()
    response = client_for("focal_a").post(
        reverse("bodies:membership_create", args=[world.committee_a.pk]),
        {"position": "member", "person_name": "Đỗ Văn Em", "start_on": "2025-08-01", "end_on": "2025-01-01"},
    )
    assert response.status_code == 200
    assert new_entries(mark) == []


# API ---------------------------------------------------------------------------------------------------


def test_api_write_records_source_api(world: World, api_for: Any) -> None:
    response = api_for("secretariat").patch(
        f"/api/bodies/{world.committee_b.pk}/", {"name_en": "Can Tho Steering Committee"}, format="json"
    )
    assert response.status_code == 200
    entry = last_for(world.committee_b)
    assert (entry.source, entry.action, entry.actor) == ("api", "update", world.users["secretariat"])
    assert (entry.before["name_en"], entry.after["name_en"]) == ("", "Can Tho Steering Committee")
    assert entry.request_id == response["X-Request-ID"]


def test_token_authenticated_write_is_attributed(world: World) -> None:
    """A real token (no session): the actor is known only to the API layer and still reaches the record."""
    token = Token.objects.create(user=world.users["focal_a"])
    client = APIClient()
    anonymous = client.post(
        f"/api/bodies/{world.committee_a.pk}/memberships/",
        {"position": "member", "person_name": "Vũ Thị Giang", "start_on": "2025-08-01"},
        format="json",
    )
    assert anonymous.status_code == 403
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(
        f"/api/bodies/{world.committee_a.pk}/memberships/",
        {"position": "member", "person_name": "Vũ Thị Giang", "start_on": "2025-08-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    entry = last_for(Membership.objects.get(pk=response.json()["id"]))
    assert (entry.actor, entry.source, entry.request_id) == (
        world.users["focal_a"],
        "api",
        response["X-Request-ID"],
    )
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert bad.get("/api/bodies/").status_code == 403  # session auth comes first: no 401 challenge


def test_api_user_role_change_is_recorded(world: World, api_for: Any) -> None:
    user = world.users["agency"]
    response = api_for("admin").patch(f"/api/users/{user.pk}/", {"role": Role.ADMIN}, format="json")
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.role, user.is_staff) == (Role.ADMIN, True)
    entry = last_for(user)
    assert (entry.before["role"], entry.after["role"]) == (Role.AGENCY_FOCAL_POINT, Role.ADMIN)
    assert (entry.before["is_staff"], entry.after["is_staff"]) == (False, True)
