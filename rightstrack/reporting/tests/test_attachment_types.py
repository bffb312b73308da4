"""An attachment whose content does not match its name is refused with the message the Word import gives
(issue 7, item 9): a PDF named ``.docx`` is "a PDF document, not a Word document (.docx)", on both pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import translation
from django.utils.html import escape

from rightstrack.exchange.tests import files as report_files
from rightstrack.exchange.uploads import DOCX, check_bytes
from rightstrack.reporting.models import Attachment, Report
from tests.world import signed_in

from .conftest import World
from .pages import PDF_BYTES, messages_of, url

WORD_IMPORT_MESSAGE = (
    "This file is a PDF document, not a Word document (.docx). Save it in that format and upload it again."
)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_pdf_named_docx_is_refused_as_an_attachment_as_the_word_import_refuses_it(
    world: World, report: Report, language: str
) -> None:
    client = signed_in(world.focal_hanoi if language == "vi" else world.focal_hanoi_en, language)
    with translation.override(language), pytest.raises(ValidationError) as refused:
        check_bytes(PDF_BYTES, allowed={DOCX})  # what the Word import checks
    expected = refused.value.messages[0]
    if language == "en":
        assert expected == WORD_IMPORT_MESSAGE

    with TestCase.captureOnCommitCallbacks(execute=True):
        imported = client.post(
            url("report_import", report.pk), {"file": SimpleUploadedFile("Báo cáo.docx", PDF_BYTES)}
        )
    assert imported.status_code == 200 and escape(expected) in imported.content.decode()

    attached = client.post(
        url("report_attachment_add", report.pk),
        {"file": SimpleUploadedFile("Báo cáo.docx", PDF_BYTES, content_type="application/pdf")},
        follow=True,
    )
    assert messages_of(attached) == [expected]
    assert not Attachment.objects.filter(report=report).exists()


def test_files_whose_names_match_their_content_are_attached_and_an_unknown_extension_is_named_by_content(
    world: World, report: Report
) -> None:
    client = signed_in(world.focal_hanoi)
    for name, data in (
        ("Phụ lục.pdf", PDF_BYTES),
        ("Báo cáo.docx", report_files.no_headings()),
        ("scan", PDF_BYTES),  # no extension: stored under the kind found
    ):
        response = client.post(
            url("report_attachment_add", report.pk), {"file": SimpleUploadedFile(name, data)}
        )
        assert response.status_code == 302, name
    names = sorted(Attachment.objects.filter(report=report).values_list("original_name", flat=True))
    assert names == ["Báo cáo.docx", "Phụ lục.pdf", "scan.pdf"]


def test_the_check_names_what_the_file_really_is(world: World, report: Report) -> None:
    from rightstrack.exchange.uploads import kind_of_name

    assert kind_of_name("Báo cáo.DOCX") == "docx"
    assert kind_of_name("ảnh.jpeg") == kind_of_name("ảnh.jpg") == "jpeg"
    assert kind_of_name(".docx") is None and kind_of_name("README") is None and kind_of_name("x.exe") is None
