"""An accepted upload is recorded by its content's kind, a clean name, its size and declared type, and
stored whole on a row left for its service to save; a refused one raises the check's error.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from rightstrack.conferences.models import ConferenceDocument
from rightstrack.exchange.stored_uploads import CheckedUpload, accept_upload, store_on
from rightstrack.exchange.tests.files import save

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
FILES = {"pdf", "docx"}


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Báo cáo quý III: tình hình thực hiện.")
    return save(document)


DOCX = _docx()


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_an_upload_is_recorded_by_its_content_with_a_clean_name() -> None:
    upload = SimpleUploadedFile("Báo cáo quý\u202e3.pdf", DOCX, content_type="application/" + "x" * 150)

    checked = accept_upload(upload, allowed=FILES)

    declared = ("application/" + "x" * 150)[:100]
    assert checked == CheckedUpload("docx", "Báo cáo quý3.docx", len(DOCX), declared)
    assert checked.columns() == {
        "original_name": "Báo cáo quý3.docx",
        "size": len(DOCX),
        "content_type": checked.content_type,
        "kind": "docx",
    }
    assert upload.tell() == 0


def test_a_plain_file_is_measured_and_named_from_the_name_given() -> None:
    checked = accept_upload(io.BytesIO(PDF), allowed=FILES, name="C:\\Tài liệu\\thư mời.PDF")

    assert checked == CheckedUpload(kind="pdf", name="thư mời.pdf", size=len(PDF), content_type="")
    assert accept_upload(io.BytesIO(PDF), allowed=FILES).name == "file.pdf"  # no name at all


def test_a_name_claiming_another_kind_is_refused_only_where_asked() -> None:
    assert accept_upload(SimpleUploadedFile("report.docx", PDF), allowed=FILES).name == "report.pdf"
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        accept_upload(SimpleUploadedFile("report.docx", PDF), allowed=FILES, refuse_misnamed=True)
    assert refused.value.code == "wrong_type"
    assert "This file is a PDF document, not a Word document (.docx)" in refused.value.messages[0]
    renamed = SimpleUploadedFile("report.docx", PDF)  # the name given is the one judged, not the file's own
    assert accept_upload(renamed, allowed=FILES, name="report.pdf", refuse_misnamed=True).kind == "pdf"


@pytest.mark.parametrize(
    ("data", "max_bytes", "code"),
    [(b"", 100, "empty"), (PDF, 10, "too_large"), (b"MZ\x90\x00" + bytes(60), 100, "wrong_type")],
)
def test_a_refused_upload_raises_the_checks_error(data: bytes, max_bytes: int, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        accept_upload(SimpleUploadedFile("a.pdf", data), allowed=FILES, max_bytes=max_bytes)
    assert refused.value.code == code


def _temporary(data: bytes) -> File:
    upload = TemporaryUploadedFile("báo cáo.docx", "application/octet-stream", len(data), None)
    upload.write(data)
    return upload


@pytest.mark.parametrize(
    "make",
    [lambda data: SimpleUploadedFile("báo cáo.docx", data), _temporary, ContentFile],
    ids=["in memory", "spooled to disk", "bytes read"],
)
def test_the_whole_file_is_stored_on_the_row_which_stays_unsaved(
    media: Path, make: Callable[[bytes], File]
) -> None:
    content = make(DOCX)
    content.read()  # a reader before left it at its end
    row = ConferenceDocument(title="Tài liệu hội nghị")

    store_on(row, "file", content, name="Báo cáo quý3.docx")

    stored = row.file.name or ""
    assert row.pk is None
    assert stored.startswith("conferences/") and stored.endswith(".docx")
    assert "Báo cáo" not in stored  # the stored path never comes from the uploader
    assert (media / stored).read_bytes() == DOCX
    content.close()


@given(name=st.text(max_size=300))
def test_any_name_is_recorded_without_folders_or_control_characters(name: str) -> None:
    recorded = accept_upload(io.BytesIO(PDF), allowed=FILES, name=name).name

    assert recorded.endswith(".pdf") and len(recorded) <= 255
    assert not any(ch in recorded for ch in "/\\\x00\n\u202e")
