"""Proposal services: made from a report's passage, a pack's proposals part or a conference; answered once;
merged traceably and taken out again; every refusal translated and changing nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from rightstrack.core.models import AuditEntry
from rightstrack.packs.services import pack_create, pack_refresh
from rightstrack.proposals.models import Proposal, ProposalSource, ProposalStatusChange
from rightstrack.proposals.services import (
    Source,
    proposal_create,
    proposal_from_pack,
    proposal_merge,
    proposal_status_change,
    proposal_unmerge,
    proposal_update,
)
from rightstrack.reporting.models import ReportSection
from rightstrack.reporting.services import report_submit
from tests.world import World

pytestmark = pytest.mark.usefixtures("proposals")


def counts() -> tuple[int, ...]:
    return (
        Proposal.objects.count(),
        ProposalSource.objects.count(),
        ProposalStatusChange.objects.count(),
        AuditEntry.objects.count(),
    )


def section_of(report: Any, key: str = "proposals") -> ReportSection:
    return ReportSection.objects.get(report=report, section__key=key)


def test_a_proposal_from_a_report_keeps_the_passage_and_its_body(world: World) -> None:
    of_a = world.proposals().of_a
    (source,) = of_a.sources.all()
    assert (source.kind, source.body, source.section.report) == (
        "report",
        world.committee_a,
        world.reporting().report_a,
    )
    assert "30/2020/ND-CP" in source.text
    assert list(of_a.documents.all()) == [world.legal().decree]
    assert list(of_a.changes.values_list("previous", "status")) == [("", "submitted")]


def test_a_passage_from_another_bodys_report_outside_scope_is_not_found(world: World) -> None:
    before = counts()
    with pytest.raises(Http404):
        proposal_create(
            actor=world.focal_a,
            body=world.committee_a,
            kind="other",
            topic="Đề xuất",
            text="Nội dung",
            authority="Chính phủ",
            sources=[Source(section=section_of(world.reporting().report_b))],
        )
    assert counts() == before


def test_a_passage_from_a_report_of_another_body_is_refused_with_the_reason(world: World) -> None:
    """The standing office sees both reports, but B's passage is not A's proposal."""
    before = counts()
    with pytest.raises(ValidationError) as refused:
        proposal_create(
            actor=world.secretariat,
            body=world.committee_a,
            kind="other",
            topic="Đề xuất",
            text="Nội dung",
            authority="Chính phủ",
            sources=[Source(section=section_of(world.reporting().report_b))],
        )
    assert "is not among the bodies of" in str(refused.value.message_dict["sources"])
    assert counts() == before


def test_a_province_cannot_propose_for_another(world: World) -> None:
    with pytest.raises(Http404):
        proposal_create(
            actor=world.focal_a, body=world.committee_b, kind="other", topic="X", text="Y", authority="Z"
        )


def test_the_authoritys_answer_is_recorded_with_its_history(world: World) -> None:
    of_b = world.proposals().of_b
    proposal_status_change(actor=world.secretariat, proposal=of_b, status="considering")
    answered = proposal_status_change(
        actor=world.secretariat, proposal=of_b, status="adopted", response="Đồng ý bố trí từ năm 2026."
    )
    assert (answered.status, answered.response) == ("adopted", "Đồng ý bố trí từ năm 2026.")
    assert list(answered.changes.order_by("changed_at", "id").values_list("previous", "status")) == [
        ("", "submitted"),
        ("submitted", "considering"),
        ("considering", "adopted"),
    ]


def test_a_status_change_not_allowed_is_refused_and_changes_nothing(world: World) -> None:
    of_b = world.proposals().of_b
    proposal_status_change(actor=world.secretariat, proposal=of_b, status="declined", response="Không")
    before = counts()
    with pytest.raises(ValidationError) as refused:
        proposal_status_change(actor=world.secretariat, proposal=of_b, status="submitted")
    assert "cannot become" in str(refused.value.message_dict["status"])
    assert counts() == before
    of_b.refresh_from_db()
    assert of_b.status == "declined"


def test_only_the_standing_office_records_answers(world: World) -> None:
    with pytest.raises(PermissionDenied):
        proposal_status_change(actor=world.focal_a, proposal=world.proposals().of_a, status="adopted")


def test_merging_keeps_every_source_and_can_be_undone(world: World) -> None:
    found = world.proposals()
    merged = proposal_merge(
        actor=world.secretariat, target=found.national, proposals=[found.of_a, found.of_b]
    )
    assert merged.sources.count() == 3
    assert set(merged.sources.exclude(via=None).values_list("via_id", flat=True)) == {
        found.of_a.pk,
        found.of_b.pk,
    }
    assert list(merged.documents.all()) == [world.legal().decree]
    found.of_a.refresh_from_db()
    assert found.of_a.merged_into == merged
    assert AuditEntry.objects.for_object(merged).filter(action="merge").exists()
    proposal_unmerge(actor=world.secretariat, proposal=found.of_a)
    assert merged.sources.count() == 2
    found.of_a.refresh_from_db()
    assert found.of_a.merged_into is None
    assert AuditEntry.objects.for_object(found.of_a).filter(action="unmerged").exists()


def test_a_merged_proposal_is_answered_on_the_one_it_was_merged_into(world: World) -> None:
    found = world.proposals()
    proposal_merge(actor=world.secretariat, target=found.national, proposals=[found.of_a])
    with pytest.raises(ValidationError) as refused:
        proposal_status_change(actor=world.secretariat, proposal=found.of_a, status="adopted")
    assert "merged into another" in str(refused.value.message_dict["status"])


def test_merging_twice_is_refused(world: World) -> None:
    found = world.proposals()
    proposal_merge(actor=world.secretariat, target=found.national, proposals=[found.of_a])
    before = counts()
    with pytest.raises(ValidationError):
        proposal_merge(actor=world.secretariat, target=found.of_b, proposals=[found.of_a])
    assert counts() == before


def test_a_province_cannot_merge(world: World) -> None:
    found = world.proposals()
    with pytest.raises((PermissionDenied, Http404)):
        proposal_merge(actor=world.focal_a, target=found.of_a, proposals=[found.of_b])


def test_one_click_from_the_packs_proposals_part(world: World) -> None:
    reporting = world.reporting()
    report_a = reporting.report_a
    report_a.refresh_from_db()
    report_submit(actor=world.focal_a, report=report_a)
    pack = pack_create(actor=world.secretariat, cycle=reporting.cycle)
    pack, _reused = pack_refresh(actor=world.secretariat, pack=pack)
    proposal = proposal_from_pack(actor=world.secretariat, pack=pack, group=0)
    assert proposal.body == pack.organiser
    (source,) = proposal.sources.all()
    assert (source.kind, source.pack, source.section) == ("pack", pack, section_of(report_a))
    assert proposal_from_pack(actor=world.secretariat, pack=pack, group=0) == proposal  # not twice
    with pytest.raises(ValidationError):
        proposal_from_pack(actor=world.secretariat, pack=pack, group=7)


def test_an_update_changes_the_text_and_the_laws(world: World) -> None:
    of_a = world.proposals().of_a
    updated = proposal_update(actor=world.focal_a, proposal=of_a, topic="Chủ đề mới", documents=[])
    assert (updated.topic, updated.documents.count()) == ("Chủ đề mới", 0)
    with pytest.raises(ValidationError):
        proposal_update(actor=world.focal_a, proposal=of_a, topic="")
    of_a.refresh_from_db()
    assert of_a.topic == "Chủ đề mới"
