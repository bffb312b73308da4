"""A provincial report as officials send it, imported into the default template: the combined heading feeds
two sections, the letter's furniture stays out of the report; on the preview page and through the API."""

from __future__ import annotations

from django.test import TestCase

from rightstrack.exchange.import_plan import LETTER, import_docx
from rightstrack.exchange.tests.test_letter import letter
from rightstrack.reporting.default_template import DEFAULT_SECTIONS
from rightstrack.reporting.models import Report
from rightstrack.reporting.tests.pages import sections_of
from rightstrack.reporting.tests.test_views_reports import upload
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
