"""Cycles, templates, revisions and files out over the API; the OpenAPI schema."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.models import Report, ReportingCycle, ReportTemplate
from tests.world import api_client as client_for

from .api_helpers import via_job
from .conftest import DEADLINE, PERIOD_END, PERIOD_START, World

# Cycles and templates ----------------------------------------------------------------------------------


def test_the_standing_office_plans_opens_filters_and_closes_a_cycle(
    world: World, template: ReportTemplate
) -> None:
    client = client_for(world.secretariat)
    created = client.post(
        "/api/cycles/",
        {
            "name": "Báo cáo năm 2025",
            "name_en": "Annual report 2025",
            "period_start": str(PERIOD_START),
            "period_end": str(PERIOD_END),
            "deadline": str(DEADLINE),
            "template": template.pk,
            "participants": [world.hanoi_committee.pk, world.hue_committee.pk],
            "status": CycleStatus.CLOSED,  # read-only: a new cycle is always planned
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    cycle_id = created.json()["id"]
    assert created.json()["status"] == CycleStatus.PLANNED
    assert {b["code"] for b in created.json()["participants"]} == {"bcd-hanoi", "bcd-hue"}

    renamed = client.patch(
        f"/api/cycles/{cycle_id}/", {"deadline": "2025-07-20", "status": "open"}, format="json"
    )
    assert renamed.status_code == 200 and renamed.json()["deadline"] == "2025-07-20"
    assert renamed.json()["status"] == CycleStatus.PLANNED

    assert [c["id"] for c in client.get("/api/cycles/?status=planned").json()["results"]] == [cycle_id]
    opened = client.post(f"/api/cycles/{cycle_id}/open/")
    assert opened.status_code == 200 and opened.json()["status"] == CycleStatus.OPEN
    assert Report.objects.filter(cycle_id=cycle_id).count() == 2
    assert client.post(f"/api/cycles/{cycle_id}/open/").status_code == 200  # creates nothing more
    assert Report.objects.filter(cycle_id=cycle_id).count() == 2
    assert client.get("/api/cycles/?status=planned").json()["count"] == 0

    board = client.get(f"/api/cycles/{cycle_id}/dashboard/").json()
    assert board["total"] == 2 and board["counts"][ReportStatus.DRAFT] == 2

    closed = client.post(f"/api/cycles/{cycle_id}/close/")
    assert closed.status_code == 200 and closed.json()["status"] == CycleStatus.CLOSED
    again = client.patch(f"/api/cycles/{cycle_id}/", {"name": "Đổi tên"}, format="json")
    assert again.status_code == 400


def test_a_cycle_with_a_bad_period_or_unseen_participants_is_refused(
    world: World, template: ReportTemplate
) -> None:
    client = client_for(world.secretariat)
    base = {"name": "Kỳ lỗi", "template": template.pk, "period_start": "2025-06-30", "deadline": "2025-07-15"}
    backwards = client.post("/api/cycles/", {**base, "period_end": "2025-01-01"}, format="json")
    assert backwards.status_code == 400 and "period_end" in backwards.json()
    assert not ReportingCycle.objects.exists()


def test_templates_are_listed_with_their_outline_and_revised_by_the_standing_office(
    world: World, template: ReportTemplate
) -> None:
    listed = client_for(world.focal_hue).get("/api/report-templates/").json()
    assert listed["count"] == 1
    outline = listed["results"][0]
    assert outline["sections"][0]["key"] == "situation"
    assert any(s["parent"] == "results" for s in outline["sections"])
    assert any(i["key"] == "awareness-sessions" for i in outline["indicators"])

    client = client_for(world.secretariat)
    sections = [
        *outline["sections"],
        {"key": "gender", "title": "Bình đẳng giới", "title_en": "Gender equality"},
    ]
    revised = client.post(
        f"/api/report-templates/{template.pk}/revise/",
        {"sections": sections, "name_en": "Periodic report (2026)"},
        format="json",
    )
    assert revised.status_code == 201, revised.content
    body = revised.json()
    assert body["version"] == 2 and body["is_current"] and body["sections"][-1]["key"] == "gender"
    assert body["name_en"] == "Periodic report (2026)"
    current = client.get("/api/report-templates/?current=true").json()["results"]
    assert [t["version"] for t in current] == [2]

    broken = client.post(
        f"/api/report-templates/{template.pk}/revise/",
        {"sections": [{"key": "a", "title": "A"}, {"key": "a", "title": "A again"}]},
        format="json",
    )
    assert broken.status_code == 400
    assert ReportTemplate.objects.count() == 2


# Revisions ---------------------------------------------------------------------------------------------


def test_revisions_and_their_diff(world: World, report: Report) -> None:
    client = client_for(world.focal_hanoi)
    for version, text in ((1, "<p>Dòng một.</p>"), (2, "<p>Dòng một.</p><p>Dòng hai.</p>")):
        client.patch(
            f"/api/reports/{report.pk}/content/",
            {"expected_version": version, "sections": {"situation": text}},
            format="json",
        )
    revisions = client.get(f"/api/reports/{report.pk}/revisions/").json()
    assert [r["number"] for r in revisions] == [2, 1]
    one = client.get(f"/api/reports/{report.pk}/revisions/1/").json()
    assert one["snapshot"]["sections"]["situation"] == "<p>Dòng một.</p>"
    assert client.get(f"/api/reports/{report.pk}/revisions/9/").status_code == 404
    diff = client.get(f"/api/reports/{report.pk}/diff/?from=1&to=2").json()
    assert diff["from_revision"] == 1 and diff["to_revision"] == 2
    assert [c["title"] for c in diff["changes"]] == ["General situation"]
    assert "+Dòng hai." in diff["changes"][0]["diff"]
    assert client.get(f"/api/reports/{report.pk}/diff/?from=1").status_code == 400


# Files out ---------------------------------------------------------------------------------------------


def test_a_report_exports_as_word_and_pdf(world: World, report: Report) -> None:
    client = client_for(world.focal_hanoi)
    client.patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": 1,
            "sections": {"situation": "<p>Tình hình ổn định.</p>"},
            "figures": {"awareness-sessions": "45"},
        },
        format="json",
    )
    word = client.get(f"/api/reports/{report.pk}/export/?format=docx")
    assert word.status_code == 200
    assert word["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert 'filename="bao-cao-nhan-quyen-2025-01-2025-06-ha-noi.docx"' in word["Content-Disposition"]
    document = Document(io.BytesIO(word.content))
    texts = [p.text for p in document.paragraphs]
    assert any("General situation" in t for t in texts) and "Tình hình ổn định." in texts
    assert client.get(f"/api/reports/{report.pk}/export/").content[:2] == b"PK"  # Word by default

    pdf = via_job(client, f"/api/reports/{report.pk}/export/?format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.getvalue().startswith(b"%PDF")

    missing = client.get("/api/reports/999999/export/?format=pdf")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    assert client.get(f"/api/reports/{report.pk}/export/?format=exe").status_code == 404


def test_a_cycle_exports_the_figures_and_reports_within_scope(
    world: World, cycle: ReportingCycle, report: Report, hue_report: Report
) -> None:
    client_for(world.focal_hue).patch(
        f"/api/reports/{hue_report.pk}/content/",
        {"expected_version": 1, "figures": {"awareness-sessions": "12"}},
        format="json",
    )
    sheet = client_for(world.focal_hue).get(f"/api/cycles/{cycle.pk}/export/?format=xlsx")
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:3]] == ["bcd-hue", None]  # only Huế (and the totals row)
    assert 12 in rows[1]
    everything = client_for(world.secretariat).get(f"/api/cycles/{cycle.pk}/export/?format=xlsx")
    codes = [
        row[1] for row in load_workbook(io.BytesIO(everything.content)).active.iter_rows(values_only=True)
    ]
    assert "bcd-hanoi" in codes and "bcd-hue" in codes
    archive = via_job(client_for(world.secretariat), f"/api/cycles/{cycle.pk}/export/?format=zip")
    assert archive.status_code == 200
    assert sorted(zipfile.ZipFile(io.BytesIO(archive.getvalue())).namelist()) == [
        "bao-cao-nhan-quyen-2025-01-2025-06-ha-noi.docx",
        "bao-cao-nhan-quyen-2025-01-2025-06-hue.docx",
    ]


# The schema --------------------------------------------------------------------------------------------


def test_the_openapi_schema_validates_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = target.read_text()
    for path in (
        "/api/cycles/{id}/dashboard/",
        "/api/reports/{id}/content/",
        "/api/reports/{id}/import-docx/",
        "/api/reports/{id}/export/",
        "/api/report-templates/{id}/revise/",
        "/api/cycles/{id}/export/",
    ):
        assert f"  {path}:" in schema
