"""Attachments: checked on upload, stored under reports/<cycle>/<body>/, only on editable reports."""

from __future__ import annotations

import sys
import types
from typing import Any

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


@pytest.fixture
def checks(monkeypatch: Any) -> list[dict]:
    """Stand in for rightstrack.reporting.upload_checks: records calls, refuses files named *.exe."""
    calls: list[dict] = []

    def check_upload(file: Any, *, allowed: set[str], max_bytes: int) -> str:
        calls.append({"name": file.name, "allowed": allowed, "max_bytes": max_bytes})
        if file.name.endswith(".exe"):
            raise ValidationError("This kind of file cannot be attached.")
        return "pdf"

    module = types.ModuleType("rightstrack.reporting.upload_checks")
    module.check_upload = check_upload  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "rightstrack.reporting.upload_checks", module)
    return calls


def _pdf(name: str = "Phụ lục 1.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7\n...", content_type="application/pdf")


def test_a_checked_file_is_attached(world, cycle, report, checks) -> None:
    attachment = attachment_add(actor=world.focal_hanoi, report=report, uploaded_file=_pdf())
    assert checks == [
        {"name": "Phụ lục 1.pdf", "allowed": set(ATTACHMENT_KINDS), "max_bytes": ATTACHMENT_MAX_BYTES}
    ]
    assert attachment.original_name == "Phụ lục 1.pdf" and attachment.kind == "pdf" and attachment.size == 12
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


def test_a_refused_file_is_not_attached(world, report, checks) -> None:
    with pytest.raises(ValidationError):
        attachment_add(actor=world.focal_hanoi, report=report, uploaded_file=_pdf("virus.exe"))
    assert not Attachment.objects.exists()


def test_no_attachments_on_a_submitted_report_or_another_province(world, report, hue_report, checks) -> None:
    with pytest.raises(Http404):
        attachment_add(actor=world.focal_hanoi, report=hue_report, uploaded_file=_pdf())
    report = report_submit(actor=world.focal_hanoi, report=report)
    with pytest.raises(ReportNotEditable):
        attachment_add(actor=world.focal_hanoi, report=report, uploaded_file=_pdf())
    assert checks == []
