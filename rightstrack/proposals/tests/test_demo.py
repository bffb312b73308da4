"""The demo's laws and policies and its proposals. It reads the whole demo, loaded once (`demo` fixture)."""

from __future__ import annotations

from rightstrack.core.models import AuditEntry
from rightstrack.laws.demo import load_laws_demo
from rightstrack.laws.models import LegalDocument, LegalStatus
from rightstrack.proposals.demo import FROM_CONFERENCE, FROM_REPORT, FROM_REPORTS, load_proposals_demo
from rightstrack.proposals.models import Proposal


def test_the_demo_has_six_laws_three_proposals_and_loads_once(demo: None) -> None:
    symbols = set(LegalDocument.objects.values_list("symbol", flat=True))
    assert symbols == {"", "14/2012/QH13", "104/2016/QH13", "30/2020/NĐ-CP", "202/2025/QH15", "90/QĐ-TTg"}
    constitution = LegalDocument.objects.get(kind="constitution")
    assert constitution.part == "Chương II" and str(constitution.in_force_from) == "2014-01-01"
    not_in_practice = LegalStatus.objects.get(status="not_in_practice")
    assert not_in_practice.document.symbol == "104/2016/QH13"
    assert not_in_practice.changes.count() == 1

    standing = Proposal.objects.filter(merged_into__isnull=True)
    assert set(standing.values_list("topic", flat=True)) == {FROM_CONFERENCE, FROM_REPORTS, FROM_REPORT}
    from_conference = standing.get(topic=FROM_CONFERENCE)
    conference = from_conference.sources.get().conference
    assert conference is not None and str(conference.date) == "2025-08-02"
    assert from_conference.status == "considering"
    merged = standing.get(topic=FROM_REPORTS)
    assert merged.status == "adopted" and merged.merged.count() == 2
    assert merged.sources.filter(via__isnull=False, section__isnull=False).count() == 2
    section = standing.get(topic=FROM_REPORT).sources.get().section
    assert section is not None and section.section.key == "proposals"

    audit = AuditEntry.objects.count()
    load_laws_demo()
    load_proposals_demo()
    assert AuditEntry.objects.count() == audit  # a second load writes nothing
