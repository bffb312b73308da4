"""A foreign key to an object outside the user's scope is "not found", word for word like a missing id,
in the API and in the forms; permission is checked before the payload; no role but the administrator's can
make a body a root (issue 8, items 2 and 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body
from rightstrack.bodies.services import body_create, body_update
from tests.conftest import World
from tests.factories import UserFactory

MISSING = 987654


@pytest.fixture
def office_a(world: World) -> User:
    """A secretariat account whose scope is province A only."""
    return UserFactory(username="office_a", body=world.committee_a, role=Role.SECRETARIAT)


def _api(api_for: Any, user: User) -> Any:
    client = api_for("agency")
    client.force_authenticate(user=user)
    return client


def _body(world: World, **changes: Any) -> dict[str, Any]:
    return (
        {"code": "dept-a", "name": "Sở Tư pháp", "kind": "department", "level": "provincial"}
        | {"parent": world.committee_a.pk}
        | changes
    )


@pytest.mark.parametrize("field", ["parent", "successor"])
def test_api_create_answers_out_of_scope_and_missing_alike(
    field: str, world: World, office_a: User, api_for: Any
) -> None:
    client = _api(api_for, office_a)
    outside = client.post("/api/bodies/", _body(world, **{field: world.committee_b.pk}), format="json")
    missing = client.post("/api/bodies/", _body(world, **{field: MISSING}), format="json")
    assert outside.status_code == missing.status_code == 400
    assert outside.content == missing.content
    assert outside.json() == {field: ["Not found, or not within your scope."]}


@pytest.mark.parametrize("field", ["parent", "successor"])
def test_api_update_answers_out_of_scope_and_missing_alike(
    field: str, world: World, office_a: User, api_for: Any
) -> None:
    client = _api(api_for, office_a)
    url = f"/api/bodies/{world.pc_a.pk}/"
    outside = client.patch(url, {field: world.committee_b.pk}, format="json")
    missing = client.patch(url, {field: MISSING}, format="json")
    assert outside.status_code == missing.status_code == 400
    assert outside.content == missing.content


def test_api_membership_agency_out_of_scope_and_missing_alike(world: World, api_for: Any) -> None:
    client = api_for("focal_a")
    url = f"/api/bodies/{world.committee_a.pk}/memberships/"
    seat = {"position": "member", "start_on": "2024-01-01"}
    outside = client.post(url, seat | {"member_body": world.committee_b.pk}, format="json")
    missing = client.post(url, seat | {"member_body": MISSING}, format="json")
    assert outside.status_code == missing.status_code == 400
    assert outside.content == missing.content


def test_api_user_body_out_of_scope_and_missing_alike(world: World, api_for: Any) -> None:
    """Administrators see every body, so only a missing id is possible for them; the text is the same."""
    response = api_for("admin").post(
        "/api/users/", {"username": "x", "role": "reviewer", "body": MISSING, "password": "Zq8!long-pass"}
    )
    assert response.json()["body"] == ["Not found, or not within your scope."]


@pytest.mark.parametrize("persona", ["focal_a", "focal_b", "agency", "reviewer"])
def test_api_checks_permission_before_the_payload(persona: str, world: World, api_for: Any) -> None:
    client = api_for(persona)
    assert client.post("/api/bodies/", {}, format="json").status_code == 403
    assert client.post("/api/bodies/", {"parent": "nonsense"}, format="json").status_code == 403
    assert client.patch(
        f"/api/bodies/{world.committee_a.pk}/", {"parent": "x"}, format="json"
    ).status_code in {
        403,
        404,
    }


def test_form_answers_out_of_scope_and_missing_alike(world: World, office_a: User, client: Any) -> None:
    client.force_login(office_a)
    url = reverse("bodies:body_create")
    outside = client.post(url, _body(world, parent=world.committee_b.pk)).context["form"].errors["parent"]
    missing = client.post(url, _body(world, parent=MISSING)).context["form"].errors["parent"]
    assert outside == missing and len(outside) == 1


# A root body is an administrator's act -------------------------------------------------------------------


def test_secretariat_cannot_create_a_root_body(world: World, api_for: Any, client_for: Any) -> None:
    api = api_for("secretariat").post("/api/bodies/", _body(world, parent=None), format="json")
    assert api.status_code == 403
    page = client_for("secretariat").post(reverse("bodies:body_create"), _body(world, parent=""))
    assert page.status_code == 200 and "parent" in page.context["form"].errors
    with pytest.raises(PermissionDenied):
        body_create(actor=world.users["secretariat"], code="root", name="Gốc", kind="department", parent=None)
    assert not Body.objects.filter(code__in=["dept-a", "root"]).exists()


def test_secretariat_cannot_move_a_body_to_no_parent(world: World, api_for: Any, client_for: Any) -> None:
    body = world.pc_a
    path = body.path
    assert (
        api_for("secretariat").patch(f"/api/bodies/{body.pk}/", {"parent": None}, format="json").status_code
        == 403
    )
    form = {"code": body.code, "name": body.name, "kind": body.kind, "level": body.level, "parent": ""}
    page = client_for("secretariat").post(reverse("bodies:body_edit", args=[body.pk]), form)
    assert page.status_code == 200 and "parent" in page.context["form"].errors
    with pytest.raises(PermissionDenied):
        body_update(actor=world.users["secretariat"], body=Body.objects.get(pk=body.pk), parent=None)
    body.refresh_from_db()
    assert (body.parent, body.path) == (world.committee_a, path)
    # The secretariat still sees it: nothing moved out of their scope.
    assert client_for("secretariat").get(body.get_absolute_url()).status_code == 200


def test_administrator_may_create_and_move_to_a_root(world: World, api_for: Any) -> None:
    client = api_for("admin")
    assert client.post("/api/bodies/", _body(world, parent=None), format="json").status_code == 201
    assert client.patch(f"/api/bodies/{world.pc_b.pk}/", {"parent": None}, format="json").status_code == 200
    world.pc_b.refresh_from_db()
    assert world.pc_b.parent is None and world.pc_b.path == f"{world.pc_b.pk:06d}/"


def test_secretariat_may_still_edit_the_root_it_runs(world: World, client_for: Any) -> None:
    """The national committee is a root: renaming it is no move, so the secretariat keeps that right."""
    national = world.national
    form = {
        "code": national.code,
        "name": "Tên mới",
        "kind": national.kind,
        "level": national.level,
        "parent": "",
    }
    response = client_for("secretariat").post(reverse("bodies:body_edit", args=[national.pk]), form)
    assert response.status_code == 302, response.context and response.context["form"].errors
    national.refresh_from_db()
    assert national.name == "Tên mới"
