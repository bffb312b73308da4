"""What a view used to orchestrate is one service call now: one transaction, one outcome."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from rightstrack.accounts.models import User
from rightstrack.bodies.models import Membership, Person
from rightstrack.core.models import AuditEntry
from tests.conftest import World


def test_an_inactive_user_is_created_inactive_in_one_step(world: World, client_for: Any) -> None:
    response = client_for("admin").post(
        reverse("accounts:user_create"),
        {
            "username": "tam.nghi",
            "last_name": "Lê",
            "first_name": "Tâm",
            "body": world.committee_a.pk,
            "role": "provincial_focal_point",
            "preferred_language": "vi",
            "password": "Zq8!mật-khẩu-dài",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="tam.nghi")
    assert not user.is_active and user.check_password("Zq8!mật-khẩu-dài")
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=user.pk
    )
    assert [e.action for e in entries] == ["create"]  # created as it is, not created then changed


def test_a_refused_password_changes_nothing_else(world: World, client_for: Any) -> None:
    person = world.users["focal_a"]
    response = client_for("admin").post(
        reverse("accounts:user_edit", args=[person.pk]),
        {
            "username": person.username,
            "last_name": "Tên mới",
            "body": person.body_id,
            "role": person.role,
            "preferred_language": "vi",
            "is_active": "on",
            "password": "123",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors
    person.refresh_from_db()
    assert person.last_name != "Tên mới"  # the name and the password are one transaction


def test_a_seat_for_a_new_person_is_one_call_in_every_interface(
    world: World, client_for: Any, api_for: Any
) -> None:
    seat = {"position": "member", "start_on": "2024-01-01", "person_title": "Phó Giám đốc"}
    page = client_for("focal_a").post(
        reverse("bodies:membership_create", args=[world.committee_a.pk]),
        seat | {"person_name": "Võ Thị Hạnh"},
    )
    assert page.status_code == 302
    api = api_for("focal_a").post(
        f"/api/bodies/{world.committee_a.pk}/memberships/",
        seat | {"person_name": "Võ Thị Hạnh"},
        format="json",
    )
    assert api.status_code == 201, api.content
    person = Person.objects.get(full_name="Võ Thị Hạnh")  # found the second time, not recorded twice
    assert Membership.objects.filter(person=person, body=world.committee_a).count() == 2
    renamed = api_for("focal_a").patch(
        f"/api/memberships/{api.json()['id']}/", {"person_name": "Đặng Văn Lâm"}, format="json"
    )
    assert renamed.status_code == 200 and renamed.json()["person_name"] == "Đặng Văn Lâm"
