"""Bodies and seats: bad input gets a clear error in the user's language and changes nothing; the body tree
stays coherent; services refuse actors outside their scope or role."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from rightstrack.accounts.choices import Role
from rightstrack.accounts.services import user_create
from rightstrack.bodies.choices import BodyKind, Position
from rightstrack.bodies.models import Body, Membership
from rightstrack.bodies.services import body_create, body_update, membership_create, membership_update
from rightstrack.core.models import AuditEntry
from tests.conftest import World

START = datetime.date(2025, 7, 1)
ENDS_BEFORE = {
    "en": "A membership cannot end before it starts.",
    "vi": "Ngày kết thúc không được trước ngày bắt đầu.",
}
ONE_HOLDER_FORM = {
    "en": "A seat is held by a person or by an agency: fill in exactly one.",
    "vi": "Một vị trí do một cá nhân hoặc một cơ quan đảm nhiệm",
}
UNDER_ITSELF = {
    "en": "A body cannot be placed under itself.",
    "vi": "Không thể đặt một cơ quan trực thuộc chính nó.",
}


# A membership ending before it starts ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "vi"])
def test_service_refuses_a_membership_ending_before_it_starts(
    language: str, world: World, unchanged: Any
) -> None:
    with translation.override(language), pytest.raises(ValidationError) as caught:
        membership_create(
            actor=world.users["focal_a"],
            body=world.committee_a,
            position=Position.MEMBER,
            person=world.seat_pc_a.person,
            start_on=START,
            end_on=START - datetime.timedelta(days=1),
        )
    with translation.override(language):
        assert caught.value.message_dict == {"end_on": [ENDS_BEFORE[language]]}
    unchanged()


def test_service_refuses_ending_an_existing_seat_before_it_started(world: World, unchanged: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        membership_update(
            actor=world.users["focal_a"], membership=world.seat_a, end_on=datetime.date(2020, 1, 1)
        )
    assert "end_on" in caught.value.message_dict
    world.seat_a.refresh_from_db()
    assert world.seat_a.end_on is None
    unchanged()


def test_a_membership_may_end_on_the_day_it_starts(world: World) -> None:
    seat = membership_update(actor=world.users["focal_a"], membership=world.seat_a, end_on=START)
    assert seat.end_on == START


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("how", ["header", "cookie"])
def test_form_says_so_in_the_users_language(
    language: str, how: str, world: World, client_for: Any, unchanged: Any, settings: Any
) -> None:
    client = client_for("focal_a", language="en" if how == "cookie" else language)
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("bodies:membership_create", args=[world.committee_a.pk]),
        {"position": "member", "person_name": "Đỗ Văn Em", "start_on": "2025-08-01", "end_on": "2025-07-31"},
    )
    assert response.status_code == 200
    assert ENDS_BEFORE[language] in response.content.decode()
    assert ENDS_BEFORE["vi" if language == "en" else "en"] not in response.content.decode()
    unchanged()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_api_says_so_in_the_users_language(language: str, world: World, api_for: Any, unchanged: Any) -> None:
    response = api_for("focal_a").post(
        f"/api/bodies/{world.committee_a.pk}/memberships/",
        {"position": "member", "person_name": "Đỗ Văn Em", "start_on": "2025-08-01", "end_on": "2025-07-31"},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert response.json() == {"end_on": [ENDS_BEFORE[language]]}
    assert not Membership.objects.filter(person__full_name="Đỗ Văn Em").exists()


def test_database_refuses_a_membership_ending_before_it_starts(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            body=world.committee_a,
            person=world.seat_a.person,
            position=Position.MEMBER,
            start_on=START,
            end_on=START - datetime.timedelta(days=1),
        )


# A seat held by both a person and an agency, or by neither --------------------------------------------


@pytest.mark.parametrize("holders", ["both", "neither"])
def test_service_refuses_a_seat_with_two_holders_or_none(holders: str, world: World, unchanged: Any) -> None:
    both = holders == "both"
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        membership_create(
            actor=world.users["secretariat"],
            body=world.national,
            position=Position.MEMBER,
            person=world.seat_a.person if both else None,
            member_body=world.foreign if both else None,
            start_on=START,
        )
    with translation.override("en"):  # said once, in words, not as a technical constraint name
        assert caught.value.messages == ["A seat is held by a person or by an agency: choose exactly one."]
    unchanged()


@pytest.mark.parametrize("holders", ["both", "neither"])
@pytest.mark.parametrize("language", ["en", "vi"])
def test_form_refuses_a_seat_with_two_holders_or_none(
    holders: str, language: str, world: World, client_for: Any, unchanged: Any
) -> None:
    data: dict[str, Any] = {"position": "member", "start_on": "2025-08-01"}
    if holders == "both":
        data |= {"person_name": "Đỗ Văn Em", "member_body": str(world.foreign.pk)}
    response = client_for("secretariat", language=language).post(
        reverse("bodies:membership_create", args=[world.national.pk]), data
    )
    assert response.status_code == 200
    assert ONE_HOLDER_FORM[language] in response.content.decode()
    unchanged()


@pytest.mark.parametrize("holders", ["both", "neither"])
def test_api_refuses_a_seat_with_two_holders_or_none(
    holders: str, world: World, api_for: Any, unchanged: Any
) -> None:
    data: dict[str, Any] = {"position": "member", "start_on": "2025-08-01"}
    if holders == "both":
        data |= {"person_name": "Đỗ Văn Em", "member_body": world.foreign.pk}
    response = api_for("secretariat").post(
        f"/api/bodies/{world.national.pk}/memberships/", data, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["A seat is held by a person or by an agency: choose exactly one."]
    }
    assert not Membership.objects.filter(person__full_name="Đỗ Văn Em").exists()


def test_database_refuses_a_seat_with_two_holders(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            body=world.national,
            person=world.seat_a.person,
            member_body=world.foreign,
            position=Position.MEMBER,
            start_on=START,
        )


def test_a_body_cannot_sit_in_itself(world: World, unchanged: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        membership_create(
            actor=None,
            body=world.national,
            position=Position.MEMBER,
            member_body=world.national,
            start_on=START,
        )
    assert "member_body" in caught.value.message_dict
    unchanged()


# Moving bodies keeps the tree coherent -----------------------------------------------------------------


def test_moving_a_body_moves_its_subtree(world: World) -> None:
    sub = body_create(
        actor=None, code="ward", name="Phường Hải Châu", kind=BodyKind.PEOPLES_COMMITTEE, parent=world.pc_a
    )
    body_update(actor=world.users["secretariat"], body=world.committee_a, parent=world.justice)
    for body in (world.committee_a, world.pc_a, sub):
        body.refresh_from_db()
    assert world.committee_a.path == f"{world.justice.path}{world.committee_a.pk:06d}/"
    assert world.pc_a.path == f"{world.committee_a.path}{world.pc_a.pk:06d}/"
    assert sub.path == f"{world.pc_a.path}{sub.pk:06d}/"
    assert set(Body.objects.subtree_of(world.justice).values_list("code", flat=True)) == {
        "justice",
        "committee-a",
        "pc-a",
        "ward",
    }
    # Untouched branches keep their paths.
    world.committee_b.refresh_from_db()
    assert world.committee_b.path == f"{world.national.path}{world.committee_b.pk:06d}/"


def test_scope_follows_a_move(world: World, api_for: Any) -> None:
    """The agency focal point sees A's subtree once A is placed under their ministry."""
    assert api_for("agency").get(f"/api/bodies/{world.pc_a.pk}/").status_code == 404
    body_update(actor=world.users["admin"], body=world.committee_a, parent=world.justice)
    assert api_for("agency").get(f"/api/bodies/{world.pc_a.pk}/").status_code == 200
    assert api_for("focal_a").get(f"/api/bodies/{world.pc_a.pk}/").status_code == 200


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_body_cannot_move_under_its_own_subtree(language: str, world: World, unchanged: Any) -> None:
    paths = dict(Body.objects.values_list("code", "path"))
    for new_parent in (world.committee_a, world.pc_a):
        with translation.override(language), pytest.raises(ValidationError) as caught:
            body_update(actor=world.users["admin"], body=world.committee_a, parent=new_parent)
        with translation.override(language):
            assert caught.value.message_dict == {"parent": [UNDER_ITSELF[language]]}
    assert dict(Body.objects.values_list("code", "path")) == paths
    unchanged()


def test_moving_needs_rights_at_the_destination(world: World, unchanged: Any) -> None:
    office_a = user_create(actor=None, username="office_a", body=world.committee_a, role=Role.SECRETARIAT)
    counts_before = AuditEntry.objects.count()
    with pytest.raises(Http404):
        body_update(actor=office_a, body=world.pc_a, parent=world.committee_b)
    world.pc_a.refresh_from_db()
    assert world.pc_a.parent == world.committee_a
    assert AuditEntry.objects.count() == counts_before


def test_a_body_cannot_be_dissolved_before_it_was_established(world: World, unchanged: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        body_update(
            actor=world.users["admin"],
            body=world.committee_b,
            established_on=datetime.date(2020, 1, 1),
            dissolved_on=datetime.date(2019, 12, 31),
        )
    assert "dissolved_on" in caught.value.message_dict
    world.committee_b.refresh_from_db()
    assert world.committee_b.established_on is None
    unchanged()


def test_services_refuse_actors_outside_scope_or_role(world: World, unchanged: Any) -> None:
    seat: dict[str, Any] = {"position": Position.MEMBER, "person": world.seat_a.person, "start_on": START}
    with pytest.raises(Http404):
        membership_create(actor=world.users["focal_b"], body=world.committee_a, **seat)
    with pytest.raises(PermissionDenied):
        membership_create(actor=world.users["reviewer"], body=world.committee_a, **seat)
    with pytest.raises(PermissionDenied):
        user_create(actor=world.users["secretariat"], username="x", body=world.office, role=Role.SECRETARIAT)
    with pytest.raises(PermissionDenied):
        body_create(
            actor=world.users["focal_a"], code="x", name="x", kind=BodyKind.OTHER, parent=world.committee_a
        )
    unchanged()
