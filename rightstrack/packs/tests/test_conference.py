"""A conference's pack: the cycle it reviews, its participants, its presenters first and marked; a conference
that reviews no cycle is refused, and nothing is made."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rightstrack.conferences.choices import ConferenceKind
from rightstrack.conferences.services import Participants, conference_create
from rightstrack.packs.choices import Selection
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.packs.services import pack_create, pack_refresh
from rightstrack.packs.tests.helpers import built_content
from tests.world import signed_in

pytestmark = pytest.mark.django_db


def _conference(world: Any, cycle: Any, **kwargs: Any) -> Any:
    fields: dict[str, Any] = {
        "actor": world.secretariat,
        "kind": ConferenceKind.REGIONAL_REVIEW,
        "title": "Hội nghị sơ kết năm 2024",
        "date": datetime.date(2025, 8, 2),
        "organiser": world.national,
        "participants": Participants(bodies=[world.committee_a, world.committee_b, world.hanoi_committee]),
        "presenters": [world.hanoi_committee],
    }
    fields.update(kwargs)
    if cycle is not None:
        fields["cycle"] = cycle
    return conference_create(**fields)


def test_a_conference_pack_covers_its_participants_presenters_first(world, pack_world):
    conference = _conference(world, pack_world.cycle)
    pack = pack_create(actor=world.secretariat, conference=conference)
    assert pack.selection == Selection.CONFERENCE and pack.cycle == pack_world.cycle
    assert set(pack.bodies.all()) == {world.committee_a, world.committee_b, world.hanoi_committee}
    with translation.override("vi"):
        content = built_content(pack_refresh(actor=world.secretariat, pack=pack)[0])
    assert content["bodies"][0]["name"] == world.hanoi_committee.name and content["bodies"][0]["presenting"]
    assert not any(b["presenting"] for b in content["bodies"][1:])
    assert pack.title.startswith("Tài liệu tổng hợp — Hội nghị sơ kết năm 2024")


def test_a_conference_that_reviews_no_cycle_is_refused(world, pack_world):
    conference = _conference(world, None)
    with pytest.raises(ValidationError) as error:
        pack_create(actor=world.secretariat, conference=conference)
    assert "conference" in error.value.message_dict
    assert not ConsolidatedPack.objects.exists()


def test_the_form_makes_a_conference_pack(world, pack_world):
    conference = _conference(world, pack_world.cycle)
    client = signed_in(world.secretariat)
    page = client.get(f"/packs/new/?conference={conference.pk}").content.decode()
    assert f'<option value="{conference.pk}" selected>' in page
    made = client.post("/packs/new/", {"conference": conference.pk, "selection": "all"})
    assert made.status_code == 302
    assert ConsolidatedPack.objects.get().conference == conference
