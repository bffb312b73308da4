"""Making and building packs: what they cover, what the content says, the cache and the stale flag, the empty
pack, and refusals that change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from rightstrack.packs.choices import Selection
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.packs.selectors import pack_is_stale
from rightstrack.packs.services import pack_build, pack_create, pack_refresh
from rightstrack.packs.tests.helpers import built_content, docx_headings, docx_text
from rightstrack.reporting.services import report_return

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese() -> Any:
    """The pack is written in the builder's language: these tests read it in Vietnamese."""
    with translation.override("vi"):
        yield


def test_a_pack_covers_the_cycles_participants_and_puts_presenters_first(world, pack_world):
    pack = pack_create(actor=world.secretariat, cycle=pack_world.cycle, presenting=[world.hanoi_committee])
    assert set(pack.bodies.all()) == {
        world.committee_a,
        world.committee_b,
        world.hanoi_committee,
        world.hue_committee,
    }
    assert pack.organiser == world.national
    built, reused = pack_refresh(actor=world.secretariat, pack=pack)
    assert not reused
    content = built_content(built)
    names = [b["name"] for b in content["bodies"]]
    assert names[0] == world.hanoi_committee.name
    assert content["bodies"][0]["presenting"] is True


def test_a_region_pack_covers_the_participants_in_the_region(world, pack_world):
    pack = pack_create(
        actor=world.secretariat, cycle=pack_world.cycle, selection=Selection.REGION, region=world.region
    )
    assert list(pack.bodies.all()) == [world.committee_b]


def test_the_content_consolidates_texts_figures_and_recurring_points(world, pack_world):
    pack = pack_create(actor=world.secretariat, cycle=pack_world.cycle)
    content = built_content(pack_refresh(actor=world.secretariat, pack=pack)[0])
    assert content["included"] == 3
    assert content["not_submitted"] == [world.hue_committee.name]
    situation = next(a for a in content["areas"] if a["key"] == "situation")
    assert {e["name"] for e in situation["entries"]} == {
        world.committee_a.name,
        world.committee_b.name,
        world.hanoi_committee.name,
    }
    sessions = next(f for f in content["figures"] if f["key"] == "awareness-sessions")
    assert sessions["total"] == "670" and sessions["median"] == "150"
    poverty = next(f for f in content["figures"] if f["key"] == "poverty-rate")
    assert poverty["sums"] is False and poverty["median"] == "1.25"
    themes = {t["key"]: t for t in content["themes"]}
    shared = [g for g in themes["shortcomings"]["groups"] if g["count"] >= 2]
    # the part-time commune staff (A, B) and the thin budget (A, Hà Nội), each in other words
    assert {frozenset(g["sources"]) for g in shared} == {
        frozenset({world.committee_a.name, world.committee_b.name}),
        frozenset({world.committee_a.name, world.hanoi_committee.name}),
    }
    proposal = themes["proposals"]["groups"][0]
    assert proposal["count"] == 2 and proposal["authorities"] == ["Bộ Tư pháp"]
    assert all(m["url"].startswith("/reporting/reports/") for m in proposal["members"])
    assert themes["lessons"]["groups"][0]["count"] == 2


def test_the_word_file_has_every_province_the_figures_and_the_groups(world, pack_world):
    pack = pack_create(actor=world.secretariat, cycle=pack_world.cycle)
    with translation.override("vi"):
        built = pack_build(actor=world.secretariat, pack=pack, file_format="docx")
    text = docx_text(built.content)
    for name in (world.committee_a.name, world.committee_b.name, world.hanoi_committee.name):
        assert name in text
    assert "Thủ đô Hà Nội phát triển ổn định." in text
    assert "Tổng cộng" in text or "Total" in text
    assert "\t670\t" in text or "\t670" in text
    headings = docx_headings(built.content)
    assert any("Hạn chế, khó khăn chung" in h for h in headings)
    assert built.name.endswith(".docx") and built.content[:2] == b"PK"


def test_the_pdf_is_written_with_its_charts(world, pack_world):
    pack = pack_create(actor=world.secretariat, cycle=pack_world.cycle)
    built = pack_build(actor=world.secretariat, pack=pack, file_format="pdf")
    assert built.content.startswith(b"%PDF") and b"/Image" in built.content


def test_a_second_build_reuses_the_content_until_a_report_changes(world, pack_world):
    pack = pack_create(actor=world.secretariat, cycle=pack_world.cycle)
    pack, reused = pack_refresh(actor=world.secretariat, pack=pack)
    assert not reused and not pack_is_stale(pack, user=world.secretariat)
    pack, reused = pack_refresh(actor=world.secretariat, pack=pack)
    assert reused
    report_return(
        actor=world.secretariat, report=pack_world.reports["committee_b"], comments=[("", "Bổ sung số liệu.")]
    )
    assert pack_is_stale(pack, user=world.secretariat)
    pack, reused = pack_refresh(actor=world.secretariat, pack=pack)
    assert not reused and not pack_is_stale(pack, user=world.secretariat)
    assert built_content(pack)["included"] == 2
    assert world.committee_b.name in built_content(pack)["not_submitted"]


def test_a_cycle_with_no_submitted_report_gives_an_empty_pack_naming_who_is_missing(world, pack_world):
    pack = pack_create(actor=world.secretariat, cycle=pack_world.empty_cycle)
    with translation.override("en"):
        built = pack_build(actor=world.secretariat, pack=pack, file_format="docx")
    content = built_content(ConsolidatedPack.objects.get(pk=pack.pk))
    assert content["included"] == 0
    assert set(content["not_submitted"]) == {world.committee_a.name, world.committee_b.name}
    assert all(not theme["groups"] for theme in content["themes"])
    text = docx_text(built.content)
    assert "No report of this cycle has been submitted yet" in text
    assert world.committee_a.name in text and world.committee_b.name in text


def test_a_body_without_a_report_is_named_as_never_sent(world, pack_world):
    pack = pack_create(
        actor=world.secretariat,
        cycle=pack_world.cycle,
        selection=Selection.LIST,
        bodies=[world.committee_a, world.pc_a],
    )
    content = built_content(pack_refresh(actor=world.secretariat, pack=pack)[0])
    assert content["missing"] == [world.pc_a.name]


def test_a_presenter_outside_the_pack_is_refused_and_nothing_is_made(world, pack_world):
    with pytest.raises(ValidationError) as error:
        pack_create(
            actor=world.secretariat,
            cycle=pack_world.cycle,
            selection=Selection.REGION,
            region=world.region,
            presenting=[world.committee_a],
        )
    assert "presenting" in error.value.message_dict
    assert not ConsolidatedPack.objects.exists()


def test_a_region_without_participants_is_refused(world, pack_world):
    with pytest.raises(ValidationError):
        pack_create(
            actor=world.secretariat,
            cycle=pack_world.empty_cycle,
            selection=Selection.REGION,
            region=world.north_central,
        )
    assert not ConsolidatedPack.objects.exists()


@pytest.mark.parametrize("persona", ["focal_a", "reviewer", "agency"])
def test_only_the_standing_office_makes_packs(world, pack_world, persona):
    with pytest.raises(PermissionDenied):
        pack_create(actor=world.users[persona], cycle=pack_world.cycle)
    assert not ConsolidatedPack.objects.exists()


def test_a_focal_point_cannot_build_or_see_a_pack(world, pack_world):
    pack = pack_create(actor=world.secretariat, cycle=pack_world.cycle)
    with pytest.raises(Http404):
        pack_refresh(actor=world.focal_a, pack=pack)
