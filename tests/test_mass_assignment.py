"""Protected fields cannot be set by mass assignment: not a user's role, body or staff flags, not an object's
body, path or status, and never an object outside the writer's scope, through forms or the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body, Membership
from rightstrack.core.models import AuditEntry
from tests.conftest import World
from tests.factories import UserFactory


def state(user: User) -> tuple[Any, ...]:
    user.refresh_from_db()
    return (user.role, user.body_id, user.is_staff, user.is_superuser, user.is_active, user.username)


# Users -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        {"role": Role.ADMIN},
        {"role": Role.SECRETARIAT, "first_name": "Lan"},
        {"body": "B"},
        {"body": "national"},
        {"is_staff": True, "is_superuser": True},
        {"username": "someone.else"},
    ],
    ids=["role=admin", "role=secretariat", "body=B", "body=national", "staff flags", "username"],
)
@pytest.mark.parametrize("method", ["patch", "put"])
def test_focal_point_cannot_promote_or_move_themself(
    payload: dict[str, Any], method: str, world: World, api_for: Any
) -> None:
    me = world.users["focal_a"]
    before, audited = state(me), AuditEntry.objects.count()
    bodies = {"B": world.committee_b.pk, "national": world.national.pk}
    data = {k: bodies.get(v, v) if k == "body" else v for k, v in payload.items()}
    if method == "put":
        data = {"username": me.username, "body": me.body_id, "role": me.role} | data
    response = getattr(api_for("focal_a"), method)(f"/api/users/{me.pk}/", data, format="json")
    assert response.status_code == 403, response.content
    assert state(me) == before
    assert me.first_name == ""
    assert AuditEntry.objects.count() == audited


def test_me_is_read_only(world: World, api_for: Any) -> None:
    me = world.users["focal_a"]
    before = state(me)
    response = api_for("focal_a").patch("/api/users/me/", {"role": Role.ADMIN}, format="json")
    assert response.status_code == 405
    assert state(me) == before


def test_administrator_cannot_set_flags_the_api_does_not_expose(world: World, api_for: Any) -> None:
    user = world.users["focal_a"]
    response = api_for("admin").patch(
        f"/api/users/{user.pk}/",
        {"first_name": "Lan", "is_superuser": True, "is_staff": True, "is_active": False, "username": "x"},
        format="json",
    )
    assert response.status_code == 200, response.content
    user.refresh_from_db()
    assert user.first_name == "Lan"
    assert (user.is_superuser, user.is_staff, user.is_active, user.username) == (
        False,
        False,
        True,
        "focal_a",
    )


def test_staff_flag_follows_the_role_not_the_payload(world: World, api_for: Any) -> None:
    user = world.users["focal_a"]
    api_for("admin").patch(f"/api/users/{user.pk}/", {"role": Role.ADMIN}, format="json")
    user.refresh_from_db()
    assert (user.role, user.is_staff, user.is_superuser) == (Role.ADMIN, True, False)


@pytest.mark.parametrize("persona", ["secretariat", "reviewer", "focal_a", "agency"])
def test_only_administrators_create_users(persona: str, world: World, api_for: Any, client_for: Any) -> None:
    payload = {
        "username": "intruder",
        "body": world.national.pk,
        "role": Role.ADMIN,
        "password": "a-long-test-password-2026",
        "preferred_language": "vi",
    }
    assert api_for(persona).post("/api/users/", payload, format="json").status_code == 403
    assert client_for(persona).post(reverse("accounts:user_create"), payload).status_code == 403
    assert not User.objects.filter(username="intruder").exists()


def test_user_form_ignores_staff_flags_and_username(world: World, client_for: Any) -> None:
    user = world.users["focal_b"]
    response = client_for("admin").post(
        reverse("accounts:user_edit", args=[user.pk]),
        {
            "username": "renamed",
            "body": world.committee_b.pk,
            "role": Role.PROVINCIAL_FOCAL_POINT,
            "preferred_language": "en",
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
            "last_name": "Trần",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.last_name == "Trần"
    assert (user.username, user.is_superuser, user.is_staff) == ("focal_b", False, False)


# Bodies ------------------------------------------------------------------------------------------------


@pytest.fixture
def provincial_secretariat(world: World) -> User:
    """Standing-office staff of province A: may add and change bodies, but only within A's subtree."""
    return UserFactory(username="office_a", body=world.committee_a, role=Role.SECRETARIAT)


def body_payload(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "code": "dept-justice-a",
        "name": "Sở Tư pháp",
        "kind": "department",
        "level": "provincial",
        "parent": world.committee_a.pk,
    } | changes


def test_body_under_a_parent_outside_scope_is_refused(
    world: World, provincial_secretariat: User, api_for: Any
) -> None:
    client = api_for("agency")
    client.force_authenticate(user=provincial_secretariat)
    refused = client.post("/api/bodies/", body_payload(world, parent=world.committee_b.pk), format="json")
    assert refused.status_code == 400
    assert "parent" in refused.json()
    assert not Body.objects.filter(code="dept-justice-a").exists()
    allowed = client.post("/api/bodies/", body_payload(world), format="json")
    assert allowed.status_code == 201, allowed.content
    assert Body.objects.get(code="dept-justice-a").parent == world.committee_a


@pytest.mark.parametrize("persona", ["focal_a", "focal_b", "agency", "reviewer"])
def test_roles_that_do_not_run_bodies_cannot_add_any(persona: str, world: World, api_for: Any) -> None:
    for parent in (world.committee_a, world.committee_b, world.national):
        response = api_for(persona).post("/api/bodies/", body_payload(world, parent=parent.pk), format="json")
        assert response.status_code in {400, 403}
    assert not Body.objects.filter(code="dept-justice-a").exists()


def test_body_cannot_be_moved_or_pointed_outside_scope(
    world: World, provincial_secretariat: User, api_for: Any
) -> None:
    client = api_for("agency")
    client.force_authenticate(user=provincial_secretariat)
    pc_a = world.pc_a
    for field in ("parent", "successor"):
        response = client.patch(f"/api/bodies/{pc_a.pk}/", {field: world.committee_b.pk}, format="json")
        assert response.status_code == 400, field
    pc_a.refresh_from_db()
    assert (pc_a.parent, pc_a.successor, pc_a.path) == (
        world.committee_a,
        None,
        world.committee_a.path + f"{pc_a.pk:06d}/",
    )


def test_body_path_and_code_are_not_writable(world: World, api_for: Any, client_for: Any) -> None:
    body = world.committee_a
    path = body.path
    api = api_for("secretariat").patch(
        f"/api/bodies/{body.pk}/", {"path": "000999/", "code": "hijacked", "name": "Tên mới"}, format="json"
    )
    assert api.status_code == 200
    page = client_for("secretariat").post(
        reverse("bodies:body_edit", args=[body.pk]),
        {
            "code": "hijacked",
            "path": "000999/",
            "name": "Tên mới hơn",
            "kind": "provincial_committee",
            "level": "provincial",
            "parent": world.national.pk,
        },
    )
    assert page.status_code == 302
    body.refresh_from_db()
    assert (body.code, body.path, body.name) == ("committee-a", path, "Tên mới hơn")


def test_new_body_gets_its_path_from_its_parent_not_the_form(world: World, client_for: Any) -> None:
    response = client_for("secretariat").post(
        reverse("bodies:body_create"), body_payload(world, path="000999/", unit="")
    )
    assert response.status_code == 302
    body = Body.objects.get(code="dept-justice-a")
    assert body.path == f"{world.committee_a.path}{body.pk:06d}/"


def test_form_refuses_a_parent_outside_scope(world: World, provincial_secretariat: User, client: Any) -> None:
    client.force_login(provincial_secretariat)
    response = client.post(reverse("bodies:body_create"), body_payload(world, parent=world.committee_b.pk))
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not Body.objects.filter(code="dept-justice-a").exists()


# Memberships -------------------------------------------------------------------------------------------


def test_membership_body_comes_from_the_url_not_the_payload(world: World, api_for: Any) -> None:
    response = api_for("focal_a").post(
        f"/api/bodies/{world.committee_a.pk}/memberships/",
        {
            "body": world.committee_b.pk,
            "position": "member",
            "person_name": "Đỗ Văn Em",
            "start_on": "2025-08-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["body"] == world.committee_a.pk
    assert Membership.objects.get(pk=response.json()["id"]).body == world.committee_a
    assert list(Membership.objects.filter(body=world.committee_b)) == [world.seat_b]


def test_membership_cannot_be_moved_to_another_body(world: World, api_for: Any) -> None:
    response = api_for("secretariat").patch(
        f"/api/memberships/{world.seat_a.pk}/",
        {"body": world.committee_b.pk, "title": "Trưởng ban"},
        format="json",
    )
    assert response.status_code == 200
    world.seat_a.refresh_from_db()
    assert (world.seat_a.body, world.seat_a.title) == (world.committee_a, "Trưởng ban")


def test_focal_point_cannot_seat_an_agency_outside_scope(world: World, api_for: Any) -> None:
    """An unseen body is as good as a missing one, as a seat holder too (the form offers only those seen)."""
    for method, url in (
        ("post", f"/api/bodies/{world.committee_a.pk}/memberships/"),
        ("patch", f"/api/memberships/{world.seat_a.pk}/"),
    ):
        data = {"position": "member", "member_body": world.committee_b.pk, "start_on": "2025-08-01"}
        if method == "patch":
            data = {"member_body": world.committee_b.pk, "person_name": ""}
        response = getattr(api_for("focal_a"), method)(url, data, format="json")
        assert response.status_code == 400, (method, response.content)
        assert "member_body" in response.json()
    assert not Membership.objects.filter(member_body=world.committee_b).exists()


def test_membership_form_ignores_body_and_path(world: World, client_for: Any) -> None:
    response = client_for("focal_a").post(
        reverse("bodies:membership_create", args=[world.committee_a.pk]),
        {
            "body": world.committee_b.pk,
            "body_id": world.committee_b.pk,
            "path": world.committee_b.path,
            "position": "member",
            "person_name": "Đỗ Văn Em",
            "start_on": "2025-08-01",
        },
    )
    assert response.status_code == 302
    seat = Membership.objects.get(person__full_name="Đỗ Văn Em")
    assert seat.body == world.committee_a
    assert list(Membership.objects.filter(body=world.committee_b)) == [world.seat_b]


def test_membership_form_refuses_an_agency_outside_scope(world: World, client_for: Any) -> None:
    response = client_for("focal_a").post(
        reverse("bodies:membership_create", args=[world.committee_a.pk]),
        {"position": "member", "member_body": world.committee_b.pk, "start_on": "2025-08-01"},
    )
    assert response.status_code == 200
    assert "member_body" in response.context["form"].errors
    assert not Membership.objects.filter(member_body=world.committee_b).exists()


def test_ending_a_seat_changes_only_its_last_day(world: World, client_for: Any) -> None:
    seat = world.seat_a
    response = client_for("focal_a").post(
        reverse("bodies:membership_end", args=[seat.pk]),
        {
            "end_on": "2025-12-31",
            "body": world.committee_b.pk,
            "start_on": "2020-01-01",
            "position": "member",
            "person": world.seat_b.person_id,
        },
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.body, seat.start_on.isoformat(), seat.position, seat.person.full_name) == (
        world.committee_a,
        "2025-07-01",
        "head",
        "Nguyễn Văn An",
    )
    assert seat.end_on.isoformat() == "2025-12-31"


# Reports: status and body are the workflow's, never the writer's ---------------------------------------


def test_report_content_cannot_set_status_or_body(world: World, api_for: Any) -> None:
    report = world.reporting().report_a
    response = api_for("focal_a").patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": report.version,
            "sections": {"situation": "<p>Cập nhật.</p>"},
            "status": "accepted",
            "body": world.committee_b.pk,
            "accepted_by": world.users["reviewer"].pk,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    report.refresh_from_db()
    assert (report.status, report.body, report.accepted_by) == ("draft", world.committee_a, None)
