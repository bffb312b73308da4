"""The register's services: documents with parsed symbols, statuses per body with their history, citations
found in reports (idempotent), and refusals that change nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from rightstrack.core.models import AuditEntry
from rightstrack.laws.choices import ImplementationStatus, LegalKind
from rightstrack.laws.models import LegalDocument, LegalMention, LegalStatus, LegalStatusChange
from rightstrack.laws.services import (
    legal_document_create,
    legal_document_update,
    legal_status_set,
    mentions_detect,
)
from rightstrack.reporting.services import report_save
from tests.world import World

pytestmark = pytest.mark.usefixtures("legal")


def counts() -> tuple[int, ...]:
    return (
        LegalDocument.objects.count(),
        LegalStatus.objects.count(),
        LegalStatusChange.objects.count(),
        LegalMention.objects.count(),
        AuditEntry.objects.count(),
    )


def test_a_symbol_typed_loosely_is_stored_in_its_official_form(world: World) -> None:
    document = legal_document_create(
        actor=world.secretariat,
        kind=LegalKind.LAW,
        symbol="số 104 / 2016 / qh13",
        title="Luật Tiếp cận thông tin",
        issuer="Quốc hội",
    )
    assert (document.symbol, document.symbol_key) == ("104/2016/QH13", "104/2016/QH13")
    assert AuditEntry.objects.for_object(document).filter(action="create").exists()


@pytest.mark.parametrize("symbol", ["30/2020", "Nghị định văn thư", "30-2020-ND-CP", "NĐ-CP/30/2020"])
def test_a_malformed_symbol_is_refused_with_the_reason_and_nothing_changes(world: World, symbol: str) -> None:
    before = counts()
    with pytest.raises(ValidationError) as refused:
        legal_document_create(
            actor=world.secretariat, kind=LegalKind.DECREE, symbol=symbol, title="X", issuer="Chính phủ"
        )
    assert "is not a number and symbol" in str(refused.value.message_dict["symbol"])
    assert counts() == before


def test_the_same_document_typed_another_way_is_refused(world: World) -> None:
    before = counts()
    with pytest.raises(ValidationError) as refused:
        legal_document_create(
            actor=world.secretariat, kind=LegalKind.DECREE, symbol="30/2020/nd-cp", title="X", issuer="CP"
        )
    assert "already in the register" in str(refused.value.message_dict["symbol"])
    assert counts() == before


def test_only_the_standing_office_keeps_the_register(world: World) -> None:
    with pytest.raises(Exception) as refused:
        legal_document_create(
            actor=world.focal_a, kind=LegalKind.LAW, symbol="1/2020/QH14", title="X", issuer="QH"
        )
    assert refused.type.__name__ == "PermissionDenied"


def test_a_status_change_keeps_the_previous_one_in_the_history(world: World) -> None:
    legal = world.legal()
    record = legal_status_set(
        actor=world.focal_b,
        document=legal.decree,
        body=world.committee_b,
        status=ImplementationStatus.APPLIED,
        since=datetime.date(2025, 9, 1),
    )
    history = list(record.changes.order_by("changed_at", "id").values_list("previous", "status"))
    assert history == [("", "not_in_practice"), ("not_in_practice", "applied")]


def test_a_province_cannot_record_a_status_for_another(world: World) -> None:
    before = counts()
    with pytest.raises(Http404):
        legal_status_set(
            actor=world.focal_a,
            document=world.legal().decree,
            body=world.committee_b,
            status=ImplementationStatus.APPLIED,
        )
    assert counts() == before


def test_a_repealed_status_cannot_be_left(world: World) -> None:
    legal = world.legal()
    legal_status_set(
        actor=world.secretariat,
        document=legal.decree,
        body=world.committee_a,
        status=ImplementationStatus.REPEALED,
    )
    before = counts()
    with pytest.raises(ValidationError) as refused:
        legal_status_set(
            actor=world.secretariat,
            document=legal.decree,
            body=world.committee_a,
            status=ImplementationStatus.APPLIED,
        )
    assert "cannot become" in str(refused.value.message_dict["status"])
    assert counts() == before


def test_in_force_in_a_body_before_the_document_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        legal_status_set(
            actor=world.secretariat,
            document=world.legal().decree,
            body=world.hanoi_committee,
            status=ImplementationStatus.APPLIED,
            since=datetime.date(2019, 1, 1),
        )
    assert "came into force on 05/03/2020" in str(refused.value.message_dict["since"])


def test_the_citation_is_found_by_its_symbol_typed_without_the_stroke(world: World) -> None:
    mention = world.legal().mention
    assert mention.section.report_id == world.reporting().report_a.pk
    assert mention.cited_as == "30/2020/ND-CP"
    assert "Đề nghị sửa đổi" in mention.excerpt


def test_detecting_twice_changes_nothing(world: World) -> None:
    before = counts()
    result = mentions_detect(actor=world.secretariat)
    assert (result.added, result.removed) == (0, 0)
    assert counts() == before


def test_a_citation_no_longer_written_is_removed_and_a_new_one_added(world: World) -> None:
    legal = world.legal()
    law = legal_document_create(
        actor=world.secretariat,
        kind=LegalKind.LAW,
        symbol="14/2012/QH13",
        title="Luật PBGDPL",
        issuer="Quốc hội",
    )
    report = world.reporting().report_a
    report.refresh_from_db()
    report_save(
        actor=world.focal_a,
        report=report,
        expected_version=report.version,
        sections={"proposals": "<p>Thực hiện Luật số 14/2012/QH13.</p>"},
        figures={},
    )
    result = mentions_detect(actor=world.secretariat)
    assert (result.added, result.removed) == (1, 1)
    assert list(LegalMention.objects.values_list("document_id", flat=True)) == [law.pk]
    assert not LegalMention.objects.filter(document=legal.decree).exists()


def test_an_update_with_a_malformed_symbol_changes_nothing(world: World) -> None:
    decree = world.legal().decree
    with pytest.raises(ValidationError):
        legal_document_update(actor=world.secretariat, document=decree, symbol="ba mươi", title="Khác")
    decree.refresh_from_db()
    assert (decree.symbol, decree.title) == ("30/2020/NĐ-CP", "Nghị định về công tác văn thư")
