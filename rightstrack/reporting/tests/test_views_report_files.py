"""The report pages' files: Word in (preview, moves, import, refusals) and Word, PDF, ZIP and XLSX out."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.utils import translation
from django.utils.html import escape
from openpyxl import load_workbook

from rightstrack.exchange.tests import files as report_files
from rightstrack.reporting.choices import RevisionReason
from rightstrack.reporting.models import Report, ReportRevision
from rightstrack.reporting.services import report_save
from rightstrack.reporting.views.imports import IMPORT_SESSION_KEY
from tests.world import signed_in

from .conftest import World
from .pages import (
    PDF_BYTES,
    content_of,
    messages_of,
    sections_of,
    url,
    via_job,
)

# Word in --------------------------------------------------------------------------------------------


def upload(client: Client, report: Report, data: bytes, name: str = "bao-cao.docx") -> Any:
    """Upload a Word file. Reading it is a job (run at once here): its page's fragment leads on to the
    preview, whose first answer takes the job's plan into the session; a file it refused stays on its page."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url("report_import", report.pk), {"file": SimpleUploadedFile(name, data)})
    if response.status_code == 302 and response["Location"].startswith("/jobs/"):
        progress = client.get(response["Location"] + "progress/", HTTP_HX_REQUEST="true")
        if "HX-Redirect" in progress:
            return client.get(progress["HX-Redirect"])
        return client.get(response["Location"])
    return response


def test_a_word_report_is_previewed_moved_and_imported(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"lessons": "<p>Đã có</p>"},
        figures={},
    )
    client = signed_in(world.focal_hanoi)
    response = upload(client, report, report_files.bold_numbered_vietnamese())
    assert response.status_code == 302 and response["Location"] == url("report_import_preview", report.pk)
    report.refresh_from_db()
    assert report.version == 2 and sections_of(report)["situation"] == ""  # nothing saved before confirming

    preview = client.get(url("report_import_preview", report.pk))
    assert preview.status_code == 200
    parts = {p.part.heading: p.part for p in preview.context["parts"]}
    assert parts["I. TÌNH HÌNH CHUNG"].target == "situation"
    other = parts["IV. MỘT SỐ NỘI DUNG KHÁC"]
    assert other.target == "unplaced"
    html = preview.content.decode()
    assert "No matching section" in html and "Text before the first heading" in html

    moves = {f"move_{p.id}": p.target for p in parts.values()}
    moves[f"move_{other.id}"] = "lessons"
    updated = client.post(url("report_import_preview", report.pk), moves | {"action": "preview"})
    assert updated.status_code == 200
    lessons = next(o for o in updated.context["outcome"] if o["view"].key == "lessons")
    assert [p.part.id for p in lessons["parts"]] == [other.id] and lessons["replaces"]

    done = client.post(url("report_import_preview", report.pk), moves | {"action": "confirm"}, follow=True)
    assert done.redirect_chain[-1][0] == url("report_edit", report.pk)
    text = sections_of(report)
    assert "ổn định" in text["situation"]
    assert "<table>" in text["results-education"] and "Tuyên truyền" in text["results-education"]
    assert "Nội dung không thuộc mục nào" in text["lessons"] and "Đã có" not in text["lessons"]
    report.refresh_from_db()
    assert "Thực hiện Kế hoạch số 45/KH-BCĐ" in report.unplaced_html  # kept aside, never dropped
    assert ReportRevision.objects.filter(report=report, reason=RevisionReason.IMPORT).count() == 1
    assert str(report.pk) not in client.session.get(IMPORT_SESSION_KEY, {})
    assert "Thực hiện Kế hoạch số 45/KH-BCĐ" in client.get(url("report_edit", report.pk)).content.decode()


def test_an_import_confirmed_after_someone_saved_asks_again(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    upload(client, report, report_files.styled_english())
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=1,
        sections={"lessons": "<p>B</p>"},
        figures={},
    )
    response = client.post(url("report_import_preview", report.pk), {"action": "confirm"}, follow=True)
    assert response.redirect_chain[-1][0] == url("report_import_preview", report.pk)
    assert any("after you uploaded the document" in m for m in messages_of(response))
    assert sections_of(report)["lessons"] == "<p>B</p>"
    client.post(url("report_import_preview", report.pk), {"action": "confirm"})
    assert "Coordinate early." in sections_of(report)["lessons"]


def test_cancelling_an_import_changes_nothing(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    assert client.get(url("report_import_preview", report.pk)).status_code == 302  # nothing uploaded yet
    upload(client, report, report_files.styled_english())
    response = client.post(url("report_import_preview", report.pk), {"action": "cancel"}, follow=True)
    assert "Import cancelled: nothing was changed." in messages_of(response)
    report.refresh_from_db()
    assert report.version == 1 and all(html == "" for html in sections_of(report).values())


BAD_FILES = {
    "empty": (b"", "The file is empty. Choose the file again and upload it."),
    "pdf": (
        PDF_BYTES,
        "This file is %(found)s, not %(expected)s. Save it in that format and upload it again.",
    ),
    "corrupt": (
        b"PK\x03\x04" + b"\x00garbage" * 200,
        "This file is damaged or unreadable. Open it in your office software, save it again and upload it.",
    ),
    "no_headings": (
        None,
        "No headings found in this document, so its text cannot be matched to the report's sections. "
        "Mark the section titles with Word's Heading styles, or number them in bold "
        "(“I.”, “1.”, “1.1.”), then upload it again.",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
@pytest.mark.parametrize("language", ["vi", "en"])
def test_bad_word_files_are_refused_with_a_translated_message(
    world: World, report: Report, case: str, language: str
) -> None:
    data, message = BAD_FILES[case]
    if data is None:
        data = report_files.no_headings()
    client = signed_in(world.focal_hanoi, language)
    response = upload(client, report, data)
    assert response.status_code == 200
    with translation.override(language):
        expected = translation.gettext(message)
        if case == "pdf":
            from rightstrack.exchange.uploads import kind_label

            expected = expected % {"found": kind_label("pdf"), "expected": kind_label("docx")}
    assert escape(expected) in response.content.decode()
    report.refresh_from_db()
    assert report.version == 1 and str(report.pk) not in client.session.get(IMPORT_SESSION_KEY, {})


def test_a_word_file_over_the_size_limit_is_refused_before_it_is_read(world: World, report: Report) -> None:
    from rightstrack.exchange.uploads import DEFAULT_MAX_BYTES

    response = upload(signed_in(world.focal_hanoi), report, b"PK\x03\x04" + b"\0" * DEFAULT_MAX_BYTES)
    assert response.status_code == 200 and "files of at most" in response.content.decode()
    report.refresh_from_db()
    assert report.version == 1


# Word, PDF, ZIP and XLSX out ------------------------------------------------------------------------


def test_one_report_exports_as_word_and_pdf(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Ổn định.</p><table><tr><td>a</td><td>1</td></tr></table>"},
        figures={"awareness-sessions": "45"},
    )
    client = signed_in(world.focal_hanoi, "vi")
    word = client.get(url("report_export_docx", report.pk))
    assert word.status_code == 200 and word["Content-Disposition"].startswith("attachment;")
    # The province and the period, never an internal code.
    assert word["Content-Disposition"].endswith('"bao-cao-nhan-quyen-2025-01-2025-06-ha-noi.docx"')
    document = docx.Document(io.BytesIO(content_of(word)))
    texts = [p.text for p in document.paragraphs]
    assert any("Tình hình chung" in t for t in texts) and any("Ổn định." in t for t in texts)
    assert document.tables  # the section's table and the figures
    pdf = via_job(client, url("report_export_pdf", report.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert content_of(pdf).startswith(b"%PDF")


def test_a_cycle_exports_as_a_zip_of_word_files_and_one_workbook(
    world: World, cycle: Any, report: Report, hue_report: Report
) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={},
        figures={"staff-trained": "12"},
    )
    report_save(
        actor=world.focal_hue,
        report=hue_report,
        expected_version=1,
        sections={},
        figures={"staff-trained": "3"},
    )
    office = signed_in(world.secretariat)
    archive = via_job(office, url("cycle_export_zip", cycle.pk))
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(content_of(archive))) as zipped:
        names = sorted(zipped.namelist())
        stem = "bao-cao-nhan-quyen-2025-01-2025-06"
        assert names == [f"{stem}-ha-noi.docx", f"{stem}-hue.docx"]
        for name in names:
            docx.Document(io.BytesIO(zipped.read(name)))
    workbook = office.get(url("cycle_export_figures", cycle.pk))
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(content_of(workbook))).active
    rows = [row for row in sheet.iter_rows(values_only=True)]
    bodies = [row[1] for row in rows[1:] if row[1]]
    assert sorted(bodies) == ["bcd-hanoi", "bcd-hue"]  # one row per body (then the totals)
    # A focal point gets their own body's report only.
    own = via_job(signed_in(world.focal_hue), url("cycle_export_zip", cycle.pk))
    with zipfile.ZipFile(io.BytesIO(content_of(own))) as zipped:
        assert zipped.namelist() == ["bao-cao-nhan-quyen-2025-01-2025-06-hue.docx"]
    agency = signed_in(world.agency).get(url("cycle_export_zip", cycle.pk), follow=True)
    assert any("no reports in this cycle" in m for m in messages_of(agency))
