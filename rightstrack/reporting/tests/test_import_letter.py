"""A provincial report as officials send it, imported into the default template: the combined heading feeds
two sections, the letter's furniture stays out of the report; on the preview page and through the API."""

from __future__ import annotations

import datetime
import re

import docx
from django.test import TestCase

from rightstrack.exchange.import_plan import LETTER, import_docx
from rightstrack.exchange.tests.files import bold, save
from rightstrack.exchange.tests.test_letter import letter
from rightstrack.reporting.default_template import DEFAULT_SECTIONS
from rightstrack.reporting.models import Report
from rightstrack.reporting.tests.pages import sections_of
from rightstrack.reporting.tests.test_views_report_files import upload
from tests.world import World, api_client, signed_in, url


def test_the_default_template_reads_a_combined_heading_and_the_letters_furniture() -> None:
    plan = import_docx(letter(combined="whole"), list(DEFAULT_SECTIONS))
    assert "kinh phí còn hạn hẹp" in plan.assignments["limitations"]
    assert "II. HẠN CHẾ, KHÓ KHĂN" in plan.assignments["difficulties"]  # the note, naming the heading
    assert "Nơi nhận:" in plan.letter_html and "Nơi nhận" not in plan.unplaced_html


def test_the_preview_labels_each_part_and_the_import_leaves_the_furniture_out(
    world: World, report: Report
) -> None:
    client = signed_in(world.focal_hanoi)
    upload(client, report, letter(combined="split"))
    preview = client.get(url("reporting:report_import_preview", report.pk))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Letter furniture (national header, number, recipients, signature)" in page
    assert "A combined heading: it also names" in page and "Exact match" in page
    parts = preview.context["parts"]
    assert {p.part.target for p in parts if p.part.kind == "letter"} == {LETTER}
    moves = {f"move_{p.part.id}": p.part.target for p in parts}
    done = client.post(url("reporting:report_import_preview", report.pk), moves | {"action": "confirm"})
    assert done.status_code == 302
    text = sections_of(report)
    assert "phối hợp có lúc chưa kịp thời" in text["limitations"]
    assert "Kinh phí cho công tác tuyên truyền" in text["difficulties"]
    report.refresh_from_db()
    everything = " ".join([*text.values(), report.unplaced_html])
    assert "Nơi nhận" not in everything and "CỘNG HÒA" not in everything and "Hoàng Thị Thu" not in everything


def test_the_api_plan_says_what_is_furniture_and_what_a_combined_heading_names(
    world: World, report: Report
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api_client(world.focal_hanoi)
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(
            f"/api/reports/{report.pk}/import-docx/",
            {"file": SimpleUploadedFile("bao-cao.docx", letter(combined="lead-in"))},
            format="multipart",
        )
    assert started.status_code == 202, started.content
    job = client.get(started["Location"]).json()
    plan = job["result"]["plan"]
    kinds = {part["kind"] for part in plan["parts"]}
    assert {"content", "letter"} <= kinds
    assert "Nơi nhận:" in plan["letter"] and "Nơi nhận" not in plan["unplaced"]
    combined = next(m for m in plan["matches"] if m["text"] == "II. HẠN CHẾ, KHÓ KHĂN")
    assert combined["section_key"] == "limitations" and combined["also"] == ["difficulties"]
    assert "kinh phí" in plan["sections"]["difficulties"]


# Kept with the document (issue 7, item 5) -------------------------------------------------------------


def import_letter(world: World, report: Report, **options: object) -> Report:
    client = signed_in(world.focal_hanoi)
    upload(client, report, letter(**options))  # type: ignore[arg-type]
    preview = client.get(url("reporting:report_import_preview", report.pk))
    moves = {f"move_{p.part.id}": p.part.target for p in preview.context["parts"]}
    done = client.post(url("reporting:report_import_preview", report.pk), moves | {"action": "confirm"})
    assert done.status_code == 302
    report.refresh_from_db()
    return report


def test_the_letters_furniture_is_stored_with_the_report_and_shown_on_its_page(
    world: World, report: Report
) -> None:
    report = import_letter(world, report)
    kept = report.letter
    assert (kept["number"], kept["symbol"], kept["place"], kept["date"]) == (
        "25",
        "BC-BCĐ",
        "Lâm Đồng",
        "2025-07-10",
    )
    assert kept["signer_name"] == "Hoàng Thị Thu" and kept["signer_authority"] == "KT. TRƯỞNG BAN"
    assert kept["signer_position"] == "PHÓ TRƯỞNG BAN" and kept["archive"] == "VT, VP"
    assert kept["recipients"] == ["Văn phòng thường trực", "UBND tỉnh Lâm Đồng"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in kept["text"]

    english = signed_in(world.focal_hanoi).get(url("reporting:report_detail", report.pk)).content.decode()
    assert "From the imported letter" in english and "25/BC-BCĐ" in english
    assert (
        "Lâm Đồng, 10 July 2025" in english and "KT. TRƯỞNG BAN · PHÓ TRƯỞNG BAN · Hoàng Thị Thu" in english
    )
    vietnamese = (
        signed_in(world.focal_hanoi, "vi").get(url("reporting:report_detail", report.pk)).content.decode()
    )
    assert "Theo văn bản Word đã nhập" in vietnamese and "Lâm Đồng, 10/07/2025" in vietnamese


def test_the_official_export_starts_from_the_imported_letter_where_the_letterhead_says_nothing(
    world: World, report: Report
) -> None:
    report = import_letter(world, report, closing_as_table=True)
    export = url("reporting:report_export_official", report.pk)
    initial = signed_in(world.focal_hanoi, "vi").get(export).context["form"].initial
    assert (initial["number"], initial["symbol"], initial["place"]) == ("25", "BC-BCĐ", "Lâm Đồng")
    assert initial["date"] == datetime.date(2025, 7, 10)
    assert (initial["signer_authority"], initial["signer_position"], initial["signer_name"]) == (
        "TM. BAN CHỈ ĐẠO",
        "TRƯỞNG BAN",
        "Hoàng Thị Thu",
    )
    assert initial["signer"] is None and initial["recipients"] == "Văn phòng thường trực"


def test_an_import_without_furniture_keeps_the_letter_already_kept(world: World, report: Report) -> None:
    report = import_letter(world, report)
    plain = docx.Document()
    bold(plain, "I. TÌNH HÌNH CHUNG")
    plain.add_paragraph("Tình hình ổn định.")
    client = signed_in(world.focal_hanoi)
    upload(client, report, save(plain))
    preview = client.get(url("reporting:report_import_preview", report.pk))
    moves = {f"move_{p.part.id}": p.part.target for p in preview.context["parts"]}
    client.post(url("reporting:report_import_preview", report.pk), moves | {"action": "confirm"})
    report.refresh_from_db()
    assert "Tình hình ổn định." in sections_of(report)["situation"]  # applied
    assert report.letter["number"] == "25"


def test_the_preview_tells_an_exact_match_from_a_close_one(world: World, report: Report) -> None:
    from rightstrack.exchange.tests import files

    for language, exact, close in (
        ("en", "Exact match", "Close match"),
        ("vi", "Khớp hoàn toàn", "Gần khớp"),
    ):
        client = signed_in(world.focal_hanoi, language)
        upload(client, report, files.bold_numbered_vietnamese())
        page = client.get(url("reporting:report_import_preview", report.pk)).content.decode()
        assert f'<span class="rt-status rt-match-exact">{exact}</span>' in page, language
        # "1. Xây dựng thể chế" for "Xây dựng, hoàn thiện thể chế, chính sách pháp luật"
        scores = [int(n) for n in re.findall(rf'rt-match-fuzzy">{close} · (\d+)%</span>', page)]
        assert scores and all(75 <= score < 100 for score in scores), (language, scores)
