"""Lists never leak what is out of scope, and protected fields cannot be set by mass assignment."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from foundation_world import World

from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body, Membership

# The bodies each persona must see, by code (written out, not computed with the code under test).
VISIBLE_BODIES = {
    "admin": {"national", "office", "justice", "committee-a", "pc-a", "committee-b"},
    "secretariat": {"national", "office", "justice", "committee-a", "pc-a", "committee-b"},
    "reviewer": {"national", "office", "justice", "committee-a", "pc-a", "committee-b"},
    "focal_a": {"committee-a", "pc-a"},
    "focal_b": {"committee-b"},
    "agency": {"justice"},
}
VISIBLE_USERS = {
    "admin": {"admin", "secretariat", "reviewer", "focal_a", "focal_b", "agency"},
    "focal_a": {"focal_a"},
    "focal_b": {"focal_b"},
    "agency": {"agency"},
}


@pytest.mark.parametrize("persona", list(VISIBLE_BODIES))
def test_body_lists_show_exactly_the_scope(persona: str, world: World, client_for: Any, api_for: Any) -> None:
    page = client_for(persona).get(reverse("bodies:body_list"))
    assert {b.code for b in page.context["object_list"]} == VISIBLE_BODIES[persona]
    api = api_for(persona).get("/api/bodies/", {"page_size": 2})
    codes = {row["code"] for row in api.json()["results"]}
    while api.json()["next"]:  # every page, not only the first
        api = api_for(persona).get(api.json()["next"])
        codes |= {row["code"] for row in api.json()["results"]}
    assert codes == VISIBLE_BODIES[persona]
    filtered = api_for(persona).get("/api/bodies/", {"kind": "provincial_committee"})
    assert {r["code"] for r in filtered.json()["results"]} == VISIBLE_BODIES[persona] & {
        "committee-a",
        "committee-b",
    }


@pytest.mark.parametrize("persona", list(VISIBLE_USERS))
def test_user_lists_show_exactly_the_scope(persona: str, world: World, client_for: Any, api_for: Any) -> None:
    page = client_for(persona).get(reverse("accounts:user_list"))
    assert {u.username for u in page.context["object_list"]} == VISIBLE_USERS[persona]
    rows = api_for(persona).get("/api/users/").json()["results"]
    assert {r["username"] for r in rows} == VISIBLE_USERS[persona]


def test_membership_list_and_search_never_leak(world: World, api_for: Any, client_for: Any) -> None:
    rows = api_for("focal_b").get("/api/memberships/").json()["results"]
    assert [r["id"] for r in rows] == [world.seat_b.pk]
    searched = client_for("focal_b").get(reverse("bodies:body_list"), {"q": "Đà Nẵng"})
    assert list(searched.context["object_list"]) == []
    assert "Ban Chỉ đạo Đà Nẵng" not in searched.content.decode()


def test_a_focal_point_cannot_make_themselves_admin_or_move(world: World, api_for: Any) -> None:
    me = world.users["focal_a"]
    response = api_for("focal_a").patch(
        f"/api/users/{me.pk}/", {"role": "admin", "body": world.national.pk}, format="json"
    )
    assert response.status_code == 403
    me.refresh_from_db()
    assert (me.role, me.body_id, me.is_staff) == ("provincial_focal_point", world.committee_a.pk, False)


def test_a_non_admin_cannot_create_users(world: World, api_for: Any) -> None:
    response = api_for("secretariat").post(
        "/api/users/",
        {"username": "intruder", "body": world.office.pk, "role": "admin", "password": "x-long-password-1"},
        format="json",
    )
    assert response.status_code == 403
    assert not User.objects.filter(username="intruder").exists()


def test_a_body_cannot_be_created_under_an_unseen_parent(world: World, api_for: Any) -> None:
    response = api_for("agency").post(
        "/api/bodies/",
        {
            "code": "x",
            "name": "X",
            "kind": "department",
            "level": "provincial",
            "parent": world.committee_b.pk,
        },
        format="json",
    )
    assert response.status_code in (400, 403, 404)
    assert not Body.objects.filter(code="x").exists()


def test_membership_body_comes_from_the_url_not_the_payload(world: World, api_for: Any) -> None:
    response = api_for("focal_a").post(
        f"/api/bodies/{world.committee_a.pk}/memberships/",
        {
            "position": "member",
            "person_name": "Phạm Văn Dũng",
            "start_on": "2025-08-01",
            "body": world.committee_b.pk,
        },
        format="json",
    )
    assert response.status_code == 201
    assert Membership.objects.get(pk=response.json()["id"]).body == world.committee_a
    assert world.committee_b.memberships.count() == 1


def test_the_membership_form_ignores_extra_fields(world: World, client_for: Any) -> None:
    response = client_for("focal_a").post(
        reverse("bodies:membership_create", args=[world.committee_a.pk]),
        {
            "position": "member",
            "person_name": "Võ Thị Em",
            "start_on": "2025-08-01",
            "body": world.committee_b.pk,
            "path": "000001/",
        },
    )
    assert response.status_code == 302
    seat = Membership.objects.get(person__full_name="Võ Thị Em")
    assert seat.body == world.committee_a
    assert Body.objects.get(pk=world.committee_a.pk).path == world.committee_a.path


def test_a_focal_point_cannot_seat_members_in_another_province(world: World, client_for: Any) -> None:
    response = client_for("focal_a").post(
        reverse("bodies:membership_create", args=[world.committee_b.pk]),
        {"position": "member", "person_name": "Đỗ Văn Giang", "start_on": "2025-08-01"},
    )
    assert response.status_code == 404
    assert not Membership.objects.filter(person__full_name="Đỗ Văn Giang").exists()
