"""Attachments: checked on upload, stored under reports/<cycle>/<body>/, only on editable reports."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from rightstrack.core.models import AuditEntry
from rightstrack.reporting.exceptions import ReportNotEditable
from rightstrack.reporting.models import Attachment
from rightstrack.reporting.services import (
    ATTACHMENT_KINDS,
    ATTACHMENT_MAX_BYTES,
    attachment_add,
    attachment_delete,
    report_submit,
)

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _pdf(name: str = "Phụ lục 1.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_checked_file_is_attached(world, cycle, report) -> None:
    attachment = attachment_add(actor=world.focal_hanoi, report=report, uploaded_file=_pdf())
    assert (
        attachment.original_name == "Phụ lục 1.pdf"
        and attachment.kind == "pdf"
        and attachment.size == len(PDF)
    )
    name = attachment.file.name or ""
    assert name.startswith(f"reports/{cycle.pk}/{world.hanoi_committee.pk}/")
    assert name.endswith(".pdf") and "Phụ" not in name
    assert AuditEntry.objects.filter(action="create", content_type__model="attachment").count() == 1
    report.refresh_from_db()
    assert report.version == 1  # attaching never makes a colleague's text save stale

    storage = attachment.file.storage
    attachment_delete(actor=world.focal_hanoi, attachment=attachment)
    assert not Attachment.objects.exists()
    assert storage.exists(name)  # removed only once the transaction commits


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.pdf", b"MZ\x90\x00" + bytes(200), "wrong_type"),  # a program named .pdf
        ("page.pdf", b"<html><!-- %PDF-1.7 --><script>alert(1)</script></html>", "wrong_type"),
        ("big.pdf", PDF + bytes(ATTACHMENT_MAX_BYTES), "too_large"),
    ],
)
def test_a_refused_file_is_not_attached(world, report, name: str, content: bytes, code: str) -> None:
    with pytest.raises(ValidationError) as error:
        attachment_add(actor=world.focal_hanoi, report=report, uploaded_file=_pdf(name, content))
    assert error.value.code == code
    assert not Attachment.objects.exists()


def test_only_the_attachment_kinds_are_accepted() -> None:
    assert ATTACHMENT_KINDS == {"pdf", "docx", "xlsx", "odt", "ods", "png", "jpeg"}


def test_the_stored_name_is_normalised_to_the_kind_found(world, report) -> None:
    attachment = attachment_add(actor=world.focal_hanoi, report=report, uploaded_file=_pdf("x.pdf\x00.html"))
    assert attachment.original_name == "x.pdf" and attachment.kind == "pdf"


def test_no_attachments_on_a_submitted_report_or_another_province(world, report, hue_report) -> None:
    with pytest.raises(Http404):
        attachment_add(actor=world.focal_hanoi, report=hue_report, uploaded_file=_pdf())
    report = report_submit(actor=world.focal_hanoi, report=report)
    with pytest.raises(ReportNotEditable):
        attachment_add(actor=world.focal_hanoi, report=report, uploaded_file=_pdf())
    assert not Attachment.objects.exists()
