"""The commune level: each commune's People's Committee and police under the provincial committee, created
once, seen by the province's users and nobody else's, and found in one query for fanning tasks out."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from rightstrack.bodies.choices import BodyKind, BodyLevel
from rightstrack.bodies.models import Body
from rightstrack.bodies.selectors import commune_bodies_of
from rightstrack.bodies.services import body_update, commune_bodies_create
from rightstrack.core.models import AuditEntry
from tests.conftest import World
from tests.world import add_communes

KINDS = {BodyKind.PEOPLES_COMMITTEE, BodyKind.POLICE}


def commune_bodies(world: World) -> Any:
    return Body.objects.filter(level=BodyLevel.COMMUNE, unit__parent=world.province_a)


def test_each_commune_gets_its_peoples_committee_and_police_under_the_committee(world: World) -> None:
    communes = add_communes(world.province_a, 0, 12)
    created = commune_bodies_create(actor=world.secretariat, province=world.province_a)
    # The world's own commune of A (Hải Châu) counts too.
    assert len(created) == 2 * (len(communes) + 1) == commune_bodies(world).count()
    for body in commune_bodies(world).select_related("unit"):
        assert body.parent_id == world.committee_a.pk
        assert body.path.startswith(world.committee_a.path) and body.path.endswith(f"{body.pk:06d}/")
        assert body.kind in KINDS and body.level == BodyLevel.COMMUNE
        assert body.unit is not None and body.unit.name in body.name and (body.unit.kind or "") in body.name
        assert body.name_en
    per_commune = {
        unit.pk: set(commune_bodies(world).filter(unit=unit).values_list("kind", flat=True))
        for unit in communes
    }
    assert all(kinds == KINDS for kinds in per_commune.values())
    assert AuditEntry.objects.filter(
        action="create", object_id__in=[str(b.pk) for b in created]
    ).count() == len(created)


def test_a_second_run_creates_nothing_and_records_nothing(world: World) -> None:
    add_communes(world.province_a, 0, 5)
    commune_bodies_create(actor=None, province=world.province_a)
    count, audits = commune_bodies(world).count(), AuditEntry.objects.count()
    assert commune_bodies_create(actor=world.admin, province=world.province_a) == []
    assert commune_bodies(world).count() == count and AuditEntry.objects.count() == audits


def test_a_body_moved_since_is_not_created_again(world: World) -> None:
    add_communes(world.province_a, 0, 2)
    police = next(
        b for b in commune_bodies_create(actor=None, province=world.province_a) if b.kind == BodyKind.POLICE
    )
    body_update(actor=None, body=police, parent=world.pc_a)
    assert commune_bodies_create(actor=None, province=world.province_a) == []


def test_a_new_commune_gets_only_its_own_bodies(world: World) -> None:
    add_communes(world.province_a, 0, 3)
    commune_bodies_create(actor=None, province=world.province_a)
    (new,) = add_communes(world.province_a, 3, 1)
    created = commune_bodies_create(actor=None, province=world.province_a)
    assert {(b.unit_id, b.kind) for b in created} == {(new.pk, k) for k in KINDS}


def test_only_those_who_may_add_bodies_under_the_committee_create_them(world: World) -> None:
    add_communes(world.province_a, 0, 2)
    with pytest.raises(PermissionDenied):
        commune_bodies_create(actor=world.focal_a, province=world.province_a)
    with pytest.raises(PermissionDenied):
        commune_bodies_create(actor=world.reviewer, province=world.province_a)
    assert not commune_bodies(world).exists()


def test_a_province_without_an_active_committee_is_refused_clearly(world: World) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"province": world.quang_tri_old}, "no active provincial steering committee"),
        ({"province": world.commune_a}, "for a province"),
        (
            {"province": world.province_a, "committee": world.committee_b},
            "not the committee of this province",
        ),
    ]
    with translation.override("en"):
        for arguments, message in cases:
            with pytest.raises(ValidationError, match=message):
                commune_bodies_create(actor=None, **arguments)
    assert not Body.objects.filter(level=BodyLevel.COMMUNE).exists()


# The selector the follow-up app fans tasks out with ------------------------------------------------------


def test_the_selector_finds_them_by_province_or_by_committee(world: World) -> None:
    add_communes(world.province_a, 0, 6)
    add_communes(world.province_b, 0, 4)
    commune_bodies_create(actor=None, province=world.province_a)
    commune_bodies_create(actor=None, province=world.province_b)
    by_unit = list(commune_bodies_of(world.province_a, user=None))
    by_committee = list(commune_bodies_of(world.committee_a, user=None))
    by_office_of = list(commune_bodies_of(world.committee_b, user=None))
    assert by_unit == by_committee and len(by_unit) == 2 * 7
    assert {b.unit.parent_id for b in by_office_of if b.unit} == {world.province_b.pk}
    police = list(commune_bodies_of(world.province_a, user=None, kinds=[BodyKind.POLICE]))
    assert len(police) == 7 and {b.kind for b in police} == {BodyKind.POLICE}


def test_the_selector_reads_in_the_users_scope(world: World) -> None:
    add_communes(world.province_a, 0, 3)
    commune_bodies_create(actor=None, province=world.province_a)
    assert len(commune_bodies_of(world.province_a, user=world.focal_a)) == 8
    assert len(commune_bodies_of(world.province_a, user=world.secretariat)) == 8
    assert list(commune_bodies_of(world.province_a, user=world.focal_b)) == []
    assert list(commune_bodies_of(world.province_a, user=world.agency)) == []


def test_dissolved_commune_bodies_are_left_out(world: World) -> None:
    add_communes(world.province_a, 0, 2)
    body = commune_bodies_create(actor=None, province=world.province_a)[0]
    body_update(actor=None, body=body, dissolved_on=datetime.date(2025, 12, 31))
    assert body not in list(commune_bodies_of(world.province_a, user=None, on=datetime.date(2026, 1, 1)))
    assert body in list(commune_bodies_of(world.province_a, user=None, on=datetime.date(2025, 12, 1)))


@pytest.mark.parametrize("growth", [50, 500])
def test_the_selector_is_one_query_whatever_the_number_of_communes(world: World, growth: int) -> None:
    add_communes(world.province_a, 0, growth)
    commune_bodies_create(actor=None, province=world.province_a)
    with CaptureQueriesContext(connection) as queries:
        bodies = commune_bodies_of(world.committee_a, user=world.focal_a)
        found = [(str(b.unit), str(b.parent)) for b in bodies]
    assert len(found) == 2 * (growth + 1)
    assert len(queries) == 1


# Scope ------------------------------------------------------------------------------------------------------


def test_the_province_sees_its_communes_bodies_and_others_get_404(world: World, client_for: Any) -> None:
    add_communes(world.province_a, 0, 3)
    body = commune_bodies_create(actor=None, province=world.province_a)[0]
    url = reverse("bodies:body_detail", args=[body.pk])
    assert client_for("focal_a").get(url).status_code == 200
    assert client_for("secretariat").get(url).status_code == 200
    assert client_for("focal_b").get(url).status_code == 404
    assert client_for("agency").get(url).status_code == 404
    listed = client_for("focal_a").get(reverse("bodies:body_list") + "?level=commune")
    assert body.name in listed.content.decode()
    assert (
        body.name
        not in client_for("focal_b").get(reverse("bodies:body_list") + "?level=commune").content.decode()
    )


# Pages that list bodies stay light however many communes are loaded ----------------------------------------

FORMS = [
    ("accounts:user_create", lambda w: [], "admin"),
    ("bodies:body_create", lambda w: [], "secretariat"),
    ("bodies:body_edit", lambda w: [w.pc_a.pk], "secretariat"),
    ("bodies:membership_create", lambda w: [w.committee_a.pk], "secretariat"),
    ("bodies:body_list", lambda w: [], "secretariat"),
    ("bodies:body_list", lambda w: [], "focal_a"),
]


def _measure(client: Any, url: str) -> tuple[int, int]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), len(response.content)


@pytest.mark.parametrize(("name", "args", "persona"), FORMS, ids=[f"{n} {p}" for n, _, p in FORMS])
def test_body_selects_and_lists_do_not_grow_with_commune_bodies(
    world: World, client_for: Any, name: str, args: Any, persona: str
) -> None:
    """50 or 500 communes with their bodies: the same queries and the same page (selects leave commune-level
    bodies out; the body list is paginated)."""
    url = reverse(name, args=args(world))
    client = client_for(persona)
    add_communes(world.province_a, 0, 50)
    commune_bodies_create(actor=None, province=world.province_a)
    few = _measure(client, url)
    add_communes(world.province_a, 50, 450)
    commune_bodies_create(actor=None, province=world.province_a)
    many = _measure(client, url)
    assert many[0] == few[0], (few, many)
    assert abs(many[1] - few[1]) < 200, (few, many)  # a figure or a name may differ, not 900 options


def test_a_commune_body_may_be_succeeded_by_another_commune_body_of_its_province(
    world: World, client_for: Any
) -> None:
    add_communes(world.province_a, 0, 3)
    add_communes(world.province_b, 0, 1)
    ours = commune_bodies_create(actor=None, province=world.province_a)
    theirs = commune_bodies_create(actor=None, province=world.province_b)
    page = client_for("secretariat").get(reverse("bodies:body_edit", args=[ours[0].pk])).content.decode()
    assert f'value="{ours[2].pk}"' in page
    assert f'value="{theirs[0].pk}"' not in page
