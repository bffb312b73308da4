"""Deleting a document from the register: one entered by mistake goes, with the citations found for it, and
the audit log keeps it; one that a body's status, a proposal or a piece of evidence refers to stays, the
refusal naming what holds it; only the standing office deletes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rightstrack.core.models import AuditEntry
from rightstrack.laws.choices import LegalKind
from rightstrack.laws.models import LegalDocument, LegalMention, LegalStatus
from rightstrack.laws.services import legal_document_create, legal_document_delete, mentions_detect
from rightstrack.proposals.services import proposal_update
from rightstrack.reporting.services import report_save
from tests.world import World

pytestmark = pytest.mark.usefixtures("legal")


def mistaken(world: World, *, cited: bool = False) -> LegalDocument:
    """A law added by mistake; ``cited``: A's report cites it (found by the citations job)."""
    document = legal_document_create(
        actor=world.secretariat,
        kind=LegalKind.LAW,
        symbol="104/2016/QH13",
        title="Luật Tiếp cận thông tin",
        issuer="Quốc hội",
    )
    if cited:
        report = world.reporting().report_a
        report.refresh_from_db()
        report_save(
            actor=world.focal_a,
            report=report,
            expected_version=report.version,
            sections={"situation": "<p>Thực hiện Luật số 104/2016/QH13 về tiếp cận thông tin.</p>"},
            figures={},
        )
        mentions_detect(actor=None)
        assert LegalMention.objects.filter(document=document).exists()
    return document


def test_a_document_entered_by_mistake_goes_with_its_citations_and_the_audit_keeps_it(world: World) -> None:
    document = mistaken(world, cited=True)
    pk = document.pk
    legal_document_delete(actor=world.secretariat, document=document)
    assert not LegalDocument.objects.filter(pk=pk).exists()
    assert not LegalMention.objects.filter(document_id=pk).exists()
    deleted = AuditEntry.objects.get(action="delete", object_id=str(pk), content_type__model="legaldocument")
    assert deleted.before is not None and deleted.before["symbol"] == "104/2016/QH13"
    assert AuditEntry.objects.filter(content_type__model="legalmention", action="cascade_delete").exists()


def test_a_document_with_statuses_stays_and_the_refusal_says_why(world: World) -> None:
    decree = world.legal().decree
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        legal_document_delete(actor=world.secretariat, document=decree)
    assert "implementation statuses (2)" in refused.value.messages[0]
    assert LegalStatus.objects.filter(document=decree).count() == 2
    assert LegalMention.objects.filter(document=decree).exists()
    assert AuditEntry.objects.count() == audit


def test_a_document_a_proposal_concerns_stays(world: World) -> None:
    document = mistaken(world)
    proposal = world.proposals().of_b
    proposal_update(actor=world.secretariat, proposal=proposal, documents=[document])
    with pytest.raises(ValidationError) as refused:
        legal_document_delete(actor=world.secretariat, document=document)
    assert "proposals (1)" in refused.value.messages[0]
    assert list(proposal.documents.all()) == [document]


def test_a_document_a_task_cites_as_evidence_stays(world: World) -> None:
    from rightstrack.followup.services import Evidence, task_update

    document = mistaken(world)
    task_update(
        actor=world.focal_a,
        task=world.followup().task_a,
        text="Căn cứ luật.",
        evidence=[Evidence(legal_document=document)],
    )
    with pytest.raises(ValidationError) as refused:
        legal_document_delete(actor=world.secretariat, document=document)
    assert "evidence (1)" in refused.value.messages[0]
    assert LegalDocument.objects.filter(pk=document.pk).exists()


def test_only_the_standing_office_deletes(world: World) -> None:
    document = mistaken(world)
    with pytest.raises(PermissionDenied):
        legal_document_delete(actor=world.focal_a, document=document)
    assert LegalDocument.objects.filter(pk=document.pk).exists()


def test_the_page_confirms_then_deletes(world: World, client_for: Any) -> None:
    document = mistaken(world)
    office = client_for("secretariat")
    page = office.get(document.get_absolute_url()).content.decode()
    url = reverse("laws:document_delete", args=[document.pk])
    assert url in page
    assert "btn-danger" in office.get(url).content.decode()
    gone = office.post(url)
    assert gone.status_code == 302 and gone["Location"] == reverse("laws:document_list")
    assert not LegalDocument.objects.filter(pk=document.pk).exists()
    assert url not in client_for("focal_a").get(world.legal().decree.get_absolute_url()).content.decode()


def test_the_page_lists_what_refers_to_the_document_in_vietnamese(world: World, client_for: Any) -> None:
    decree = world.legal().decree
    url = reverse("laws:document_delete", args=[decree.pk])
    page = client_for("secretariat", language="vi").get(url).content.decode()
    assert "btn-danger" not in page and "Không thể xóa văn bản" in page
    refused = client_for("secretariat").post(url)
    assert refused.status_code == 302 and refused["Location"] == decree.get_absolute_url()
    assert LegalDocument.objects.filter(pk=decree.pk).exists()


def test_the_api_deletes_refuses_with_the_reason_and_forbids_a_province(world: World, api_for: Any) -> None:
    document = mistaken(world)
    decree = world.legal().decree
    assert api_for("focal_a").delete(f"/api/laws/{document.pk}/").status_code == 403
    refused = api_for("secretariat").delete(f"/api/laws/{decree.pk}/")
    assert refused.status_code == 400 and "implementation statuses" in str(refused.json())
    assert api_for("secretariat").delete(f"/api/laws/{document.pk}/").status_code == 204
    assert not LegalDocument.objects.filter(pk=document.pk).exists()
