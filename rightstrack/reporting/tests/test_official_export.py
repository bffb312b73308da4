"""A report exported in the official format (Decree 30/2020/NĐ-CP): the form, the files, the letterhead
remembered per body, the API and the cycle's ZIP; read back with python-docx and pypdf."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import zipfile
from typing import Any

import docx
import pypdf
import pytest
from django.test import TestCase
from docx.shared import Mm

from rightstrack.bodies.choices import Position
from rightstrack.bodies.models import Letterhead, Membership
from rightstrack.bodies.services import membership_create
from rightstrack.core.audit import AuditEntry
from rightstrack.exchange.official import FONT, MARGINS_MM, MOTTO, NATIONAL_NAME
from rightstrack.reporting.models import Report
from rightstrack.reporting.services import report_save
from rightstrack.reporting.tests.pages import content_of, via_job
from tests.world import World, api_client, signed_in, url

STEM = "bao-cao-nhan-quyen-2025-01-2025-06-ha-noi"


def export_url(report: Report) -> str:
    return url("reporting:report_export_official", report.pk)


def form_data(**changes: Any) -> dict[str, Any]:
    return {
        "parent_name": "Ủy ban nhân dân thành phố Hà Nội",
        "issuing_name": "Ban Chỉ đạo về quyền con người",
        "number": "42",
        "symbol": "BC-BCĐ",
        "place": "Hà Nội",
        "date": "2025-07-03",
        "summary": "Kết quả công tác bảo đảm quyền con người 6 tháng đầu năm 2025",
        "recipients": "Văn phòng thường trực Ban Chỉ đạo của Chính phủ\nThường trực Thành ủy",
        "signer": "",
        "signer_authority": "KT. Trưởng ban",
        "signer_position": "Phó Trưởng ban",
        "signer_name": "Đỗ Minh Châu",
        "file_format": "docx",
    } | changes


def paragraphs(document: Any) -> list[Any]:
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


def texts(document: Any) -> list[str]:
    return [p.text.strip() for p in paragraphs(document) if p.text.strip()]


@pytest.fixture
def written(world: World, report: Report) -> Report:
    return report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=report.version,
        sections={"situation": "<p>Tổ chức 14 hội nghị cho hơn 2.600 lượt người.</p>"},
        figures={},
    )


def test_the_exported_word_file_has_the_decrees_layout(world: World, written: Report) -> None:
    response = signed_in(world.focal_hanoi, "vi").post(export_url(written), form_data())
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{STEM}.docx"'
    document = docx.Document(io.BytesIO(content_of(response)))
    lines = texts(document)
    for expected in (
        NATIONAL_NAME,
        MOTTO,
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        "BAN CHỈ ĐẠO VỀ QUYỀN CON NGƯỜI",
        "Số: 42/BC-BCĐ",
        "Hà Nội, ngày 03 tháng 7 năm 2025",
        "BÁO CÁO",
        "Kết quả công tác bảo đảm quyền con người 6 tháng đầu năm 2025",
        "Nơi nhận:",
        "- Văn phòng thường trực Ban Chỉ đạo của Chính phủ;",
        "- Thường trực Thành ủy;",
        "- Lưu: VT.",
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Đỗ Minh Châu",
        "Tổ chức 14 hội nghị cho hơn 2.600 lượt người.",
    ):
        assert expected in lines, expected
    date = next(p for p in paragraphs(document) if p.text == "Hà Nội, ngày 03 tháng 7 năm 2025")
    assert all(run.italic for run in date.runs)
    assert lines.index("KT. TRƯỞNG BAN") < lines.index("PHÓ TRƯỞNG BAN") < lines.index("Đỗ Minh Châu")
    assert document.styles["Normal"].font.name == FONT
    assert all(run.font.name in (None, FONT) for p in paragraphs(document) for run in p.runs)
    section = document.sections[0]
    for side, millimetres in MARGINS_MM.items():
        assert abs(getattr(section, f"{side}_margin") - Mm(millimetres)) < Mm(0.1), side
    # What the status says of a draft has no place in a sent document.
    assert not any(line.startswith("Trạng thái") for line in lines)


def test_the_pdf_is_a_job_whose_first_page_shows_the_national_header(world: World, written: Report) -> None:
    client = signed_in(world.focal_hanoi, "vi")
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(export_url(written), form_data(file_format="pdf"))
    assert started.status_code == 302 and started["Location"].startswith("/jobs/")
    page = client.get(started["Location"]).content.decode()
    link = re.search(r'href="(/jobs/\d+/download/)"', page)
    assert link is not None, page
    download = client.get(link.group(1))
    assert download.status_code == 200 and f'filename="{STEM}.pdf"' in download["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(content_of(download)))
    first = unicodedata.normalize("NFC", reader.pages[0].extract_text())
    assert NATIONAL_NAME in first and MOTTO in first and "Số: 42/BC-BCĐ" in first
    assert "Hà Nội, ngày 03 tháng 7 năm 2025" in first


def test_the_form_offers_the_data_first_then_what_the_body_used_last(world: World, written: Report) -> None:
    client = signed_in(world.focal_hanoi, "vi")
    first = client.get(export_url(written))
    assert first.status_code == 200
    initial = first.context["form"].initial
    assert initial["issuing_name"] == world.hanoi_committee.name and initial["place"] == "Hà Nội"
    assert initial["parent_name"].startswith("Ủy ban nhân dân") and initial["parent_name"].endswith("Hà Nội")
    assert initial["recipients"] == world.national.name  # the report goes up to the parent body
    assert initial["summary"] == "6 tháng đầu năm 2025"  # the cycle's name, less the kind "Báo cáo"
    assert isinstance(initial["date"], datetime.date)  # today, in the user's time zone
    assert initial["number"] == ""  # the registry numbers the document when it is issued

    client.post(export_url(written), form_data())
    letterhead = Letterhead.objects.get(body=world.hanoi_committee)
    assert letterhead.symbol == "BC-BCĐ" and letterhead.signer_name == "Đỗ Minh Châu"
    assert AuditEntry.objects.for_object(letterhead).filter(action="create").exists()
    again = client.get(export_url(written)).context["form"].initial
    assert again["symbol"] == "BC-BCĐ" and again["parent_name"] == "Ủy ban nhân dân thành phố Hà Nội"
    assert again["recipients"].splitlines() == [
        "Văn phòng thường trực Ban Chỉ đạo của Chính phủ",
        "Thường trực Thành ủy",
    ]
    assert again["number"] == ""  # numbers are never carried over


def test_a_reader_who_may_not_change_the_letterhead_exports_without_changing_it(
    world: World, written: Report
) -> None:
    response = signed_in(world.reviewer).post(export_url(written), form_data())
    assert response.status_code == 200 and content_of(response).startswith(b"PK")
    assert not Letterhead.objects.filter(body=world.hanoi_committee).exists()


def test_the_signer_is_a_seat_of_the_body_and_fills_the_blank_lines(world: World, written: Report) -> None:
    seat = membership_create(
        actor=world.secretariat,
        body=world.hanoi_committee,
        position=Position.STANDING_DEPUTY_HEAD,
        person_name="Vũ Thị Hoa",
        start_on=datetime.date(2024, 1, 1),
    )
    data = form_data(signer=str(seat.pk), signer_authority="", signer_position="", signer_name="")
    client = signed_in(world.focal_hanoi, "vi")
    response = client.post(export_url(written), data)
    lines = texts(docx.Document(io.BytesIO(content_of(response))))
    assert "KT. TRƯỞNG BAN" in lines and "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" in lines and "Vũ Thị Hoa" in lines
    # A seat of another body is not offered, and not accepted.
    other = Membership.objects.get(pk=world.seat_a.pk)
    refused = signed_in(world.secretariat).post(export_url(written), form_data(signer=str(other.pk)))
    assert refused.status_code == 200 and "signer" in refused.context["form"].errors


def test_the_english_interface_keeps_the_legal_form_in_vietnamese(world: World, written: Report) -> None:
    client = signed_in(world.focal_hanoi_en, language="en")
    page = client.get(export_url(written)).content.decode()
    assert "Issuing body" in page and "Download Word (DOCX)" in page
    response = client.post(export_url(written), form_data())
    lines = texts(docx.Document(io.BytesIO(content_of(response))))
    assert NATIONAL_NAME in lines and "Nơi nhận:" in lines and "BÁO CÁO" in lines
    assert any("General situation" in line for line in lines)  # the body follows the interface
    assert response["Content-Disposition"] == f'attachment; filename="{STEM}.docx"'  # one name for a file


def test_the_api_exports_word_at_once_and_pdf_as_a_job(world: World, written: Report) -> None:
    api = api_client(world.focal_hanoi)
    path = f"/api/reports/{written.pk}/export-official/"
    word = api.post(path, {"number": "7", "symbol": "BC-BCĐ", "recipients": ["Như trên"]}, format="json")
    assert word.status_code == 200, word.content[:300]
    lines = texts(docx.Document(io.BytesIO(word.getvalue())))
    assert "Số: 7/BC-BCĐ" in lines and "- Như trên;" in lines and "Hà Nội" in " ".join(lines)
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = api.post(path + "?format=pdf", {"number": "7"}, format="json")
    assert started.status_code == 202
    job = api.get(started["Location"]).json()
    assert job["state"] == "succeeded", job
    pdf = api.get(job["result_url"])
    first = unicodedata.normalize("NFC", pypdf.PdfReader(io.BytesIO(pdf.getvalue())).pages[0].extract_text())
    assert NATIONAL_NAME in first
    # Out of scope: not found; a seat of another body: refused.
    assert api_client(world.focal_hue).post(path, {}, format="json").status_code == 404
    other = api.post(path, {"signer": world.seat_a.pk}, format="json")
    assert other.status_code in (400, 404) and b"signer" in other.content


def test_the_cycle_zip_lays_out_every_report_under_its_own_body(world: World, written: Report) -> None:
    signed_in(world.focal_hanoi, "vi").post(export_url(written), form_data())
    zip_url = url("reporting:cycle_export_zip", written.cycle.pk) + "?layout=official"
    archive = via_job(signed_in(world.secretariat), zip_url)
    with zipfile.ZipFile(io.BytesIO(content_of(archive))) as zipped:
        names = sorted(zipped.namelist())
        assert names == [f"{STEM}.docx", "bao-cao-nhan-quyen-2025-01-2025-06-hue.docx"]
        hanoi = texts(docx.Document(io.BytesIO(zipped.read(f"{STEM}.docx"))))
        hue = texts(docx.Document(io.BytesIO(zipped.read(names[1]))))
    assert NATIONAL_NAME in hanoi and "Đỗ Minh Châu" in hanoi  # Hà Nội's remembered letterhead
    assert NATIONAL_NAME in hue and "BAN CHỈ ĐẠO TỈNH HUẾ" in hue and "Huế, ngày" in " ".join(hue)
    assert "Đỗ Minh Châu" not in hue
