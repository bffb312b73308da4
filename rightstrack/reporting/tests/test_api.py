"""Reporting over the API: the whole journey from a Word file to an accepted report, scoped, conflict-safe."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation
from docx import Document
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from rightstrack.core.models import AuditEntry
from rightstrack.reporting.choices import CycleStatus, ReportStatus, RevisionReason
from rightstrack.reporting.models import Report, ReportingCycle, ReportRevision, ReportTemplate
from tests.world import api_client as client_for

from .conftest import DEADLINE, PERIOD_END, PERIOD_START, World


def docx_bytes(*blocks: tuple[str, str]) -> bytes:
    """A Word document from (style, text) blocks, e.g. ("Heading 1", "Tình hình chung")."""
    document = Document()
    for style, text in blocks:
        if style.startswith("Heading"):
            document.add_heading(text, level=int(style.split()[-1]))
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PROVINCIAL_REPORT = (
    ("Normal", "ỦY BAN NHÂN DÂN TỈNH — BÁO CÁO 6 THÁNG"),
    ("Heading 1", "I. Tình hình chung"),
    ("Normal", "Tình hình kinh tế - xã hội ổn định."),
    ("Heading 1", "II. Kết quả thực hiện"),
    ("Heading 2", "1. Giáo dục, đào tạo, tuyên truyền, nâng cao nhận thức về quyền con người"),
    ("Normal", "Tổ chức 45 buổi tuyên truyền cho 3.200 lượt người."),
    ("Heading 1", "III. Hạn chế, thiếu sót"),
    ("Normal", "Cán bộ cơ sở còn thiếu kinh nghiệm."),
    ("Heading 1", "Phụ lục ảnh hoạt động"),
    ("Normal", "Ảnh hội nghị tập huấn tháng 3."),
)


def detail(client: APIClient, report: Report) -> dict[str, Any]:
    response = client.get(f"/api/reports/{report.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def upload(client: APIClient, report: Report, data: bytes, **fields: Any) -> Any:
    payload = {"file": SimpleUploadedFile("Báo cáo 6 tháng.docx", data), **fields}
    with TestCase.captureOnCommitCallbacks(execute=True):  # a preview is a job: run it at once here
        return client.post(f"/api/reports/{report.pk}/import-docx/", payload, format="multipart")


def job_of(client: APIClient, started: Any) -> dict[str, Any]:
    """A preview answers 202 with its job at once; the job, polled at its URL."""
    assert started.status_code == 202, started.content
    job = client.get(started["Location"])
    assert job.status_code == 200
    return job.json()


# The whole journey -------------------------------------------------------------------------------------


def test_a_word_report_travels_from_import_to_acceptance_through_the_api(
    world: World, cycle: ReportingCycle, report: Report
) -> None:
    focal, reviewer = client_for(world.focal_hanoi), client_for(world.reviewer)
    document = docx_bytes(*PROVINCIAL_REPORT)

    # 1. The focal point uploads the Word file and gets the plan; nothing is saved yet.
    job = job_of(focal, upload(focal, report, document))
    assert job["state"] == "succeeded" and job["percent"] == 100, job
    plan = job["result"]
    assert plan["version"] == 1
    assert set(plan["plan"]["sections"]) == {"situation", "results-education", "limitations"}
    assert "3.200 lượt người" in plan["plan"]["sections"]["results-education"]
    matched = {m["text"]: m["section_key"] for m in plan["plan"]["matches"]}
    assert matched["I. Tình hình chung"] == "situation" and matched["Phụ lục ảnh hoạt động"] is None
    assert "ỦY BAN NHÂN DÂN" in plan["plan"]["unplaced"] and plan["plan"]["unplaced_parts"] == 2
    appendix = next(p for p in plan["plan"]["parts"] if p["heading"] == "Phụ lục ảnh hoạt động")
    report.refresh_from_db()
    assert report.version == 1 and not report.unplaced_html

    # 2. She confirms, moving the photo appendix into the international cooperation section.
    applied = upload(
        focal,
        report,
        document,
        apply="true",
        expected_version="1",
        moves=f'{{"{appendix["id"]}": "results-international"}}',
    )
    assert applied.status_code == 200, applied.content
    saved = applied.json()["report"]
    assert applied.json()["applied"] is True and saved["version"] == 2
    assert saved["sections"]["situation"] == "<p>Tình hình kinh tế - xã hội ổn định.</p>"
    assert "Ảnh hội nghị tập huấn" in saved["sections"]["results-international"]
    assert saved["unplaced"] == "<p>ỦY BAN NHÂN DÂN TỈNH — BÁO CÁO 6 THÁNG</p>"  # kept, never dropped

    # 3. She fixes a section, then submits.
    fixed = focal.patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": 2,
            "sections": {"situation": "<p>Tình hình kinh tế - xã hội ổn định, tăng trưởng 7%.</p>"},
            "figures": {"awareness-sessions": "45", "awareness-participants": "3200"},
            "unplaced": "",
        },
        format="json",
    )
    assert fixed.status_code == 200 and fixed.json()["version"] == 3
    submitted = focal.post(f"/api/reports/{report.pk}/submit/", {"expected_version": 3}, format="json")
    assert submitted.status_code == 200 and submitted.json()["status"] == ReportStatus.SUBMITTED

    # 4. The reviewer returns it with comments.
    returned = reviewer.post(
        f"/api/reports/{report.pk}/return/",
        {
            "comments": [
                {"section": "limitations", "text": "Nêu rõ nguyên nhân của hạn chế."},
                {"section": None, "text": "Bổ sung số liệu hộ được hỗ trợ."},
            ]
        },
        format="json",
    )
    assert returned.status_code == 200, returned.content
    assert returned.json()["status"] == ReportStatus.RETURNED

    # 5. The focal point reads the comments, revises and resubmits.
    seen = detail(focal, report)
    assert {(c["section"], c["text"]) for c in seen["comments"]} == {
        ("limitations", "Nêu rõ nguyên nhân của hạn chế."),
        (None, "Bổ sung số liệu hộ được hỗ trợ."),
    }
    revised = focal.patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": seen["version"],
            "sections": {"limitations": "<p>Cán bộ cơ sở còn thiếu kinh nghiệm do thay đổi nhân sự.</p>"},
            "figures": {"households-supported": "120"},
        },
        format="json",
    )
    assert revised.status_code == 200
    resubmitted = focal.post(
        f"/api/reports/{report.pk}/submit/", {"expected_version": revised.json()["version"]}
    )
    assert resubmitted.status_code == 200 and resubmitted.json()["status"] == ReportStatus.SUBMITTED

    # 6. The reviewer accepts; the dashboard shows it.
    accepted = reviewer.post(f"/api/reports/{report.pk}/accept/")
    assert accepted.status_code == 200 and accepted.json()["status"] == ReportStatus.ACCEPTED
    board = client_for(world.secretariat).get(f"/api/cycles/{cycle.pk}/dashboard/").json()
    assert board["counts"][ReportStatus.ACCEPTED] == 1 and board["counts"][ReportStatus.DRAFT] == 1
    row = next(r for r in board["rows"] if r["body"]["code"] == "bcd-hanoi")
    assert row["status"] == ReportStatus.ACCEPTED and row["report"] == report.pk
    only_accepted = client_for(world.secretariat).get(f"/api/cycles/{cycle.pk}/dashboard/?status=accepted")
    assert [r["body"]["code"] for r in only_accepted.json()["rows"]] == ["bcd-hanoi"]

    history = [r["reason"] for r in detail(reviewer, report)["revisions"]]
    assert history == ["accept", "submit", "save", "return", "submit", "save", "import"]


def test_an_import_that_is_not_a_word_file_or_is_stale_changes_nothing(world: World, report: Report) -> None:
    focal = client_for(world.focal_hanoi)
    renamed_pdf = upload(
        focal, report, b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", apply="true", expected_version="1"
    )
    assert renamed_pdf.status_code == 400
    assert "PDF" in renamed_pdf.json()["file"][0]
    no_version = upload(focal, report, docx_bytes(*PROVINCIAL_REPORT), apply="true")
    assert no_version.status_code == 400 and "expected_version" in no_version.json()
    bad_move = job_of(focal, upload(focal, report, docx_bytes(*PROVINCIAL_REPORT), moves='{"part-1": "x"}'))
    assert bad_move["state"] == "failed" and bad_move["error"] and bad_move["result"] is None
    not_word = upload(focal, report, b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")  # refused before any job
    assert not_word.status_code == 400 and "PDF" in not_word.json()["file"][0]
    focal.patch(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 1, "sections": {"situation": "<p>Đã sửa.</p>"}},
        format="json",
    )
    stale = upload(focal, report, docx_bytes(*PROVINCIAL_REPORT), apply="true", expected_version="1")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    report.refresh_from_db()
    assert report.version == 2 and report.unplaced_html == ""
    assert report.sections.get(section__key="situation").html == "<p>Đã sửa.</p>"
    assert upload(client_for(world.reviewer), report, docx_bytes(*PROVINCIAL_REPORT)).status_code == 403


# Content, workflow, conflicts --------------------------------------------------------------------------


def test_a_save_returns_the_new_version_and_content(world: World, report: Report) -> None:
    client = client_for(world.focal_hanoi)
    response = client.patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": 1,
            "sections": {"situation": "<p>Ổn định.</p><script>alert(1)</script>"},
            "figures": {"awareness-sessions": "45", "staff-trained": 12},
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2
    assert body["sections"]["situation"] == "<p>Ổn định.</p>"
    assert body["figures"]["awareness-sessions"] == "45" and body["figures"]["staff-trained"] == "12"
    assert body["sections"]["limitations"] == ""  # keys left out stay as they were
    assert [r["reason"] for r in body["revisions"]] == [RevisionReason.SAVE]


def test_a_stale_save_answers_409_with_the_current_content(world: World, report: Report) -> None:
    first, second = client_for(world.focal_hanoi), client_for(world.focal_hanoi_en)
    saved = first.put(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 1, "sections": {"situation": "<p>Bản của chị Lan.</p>"}},
        format="json",
    )
    assert saved.status_code == 200
    stale = second.patch(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 1, "sections": {"situation": "<p>Bản của anh Minh.</p>"}, "figures": {}},
        format="json",
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "stale" and "version 2" in body["detail"]
    assert body["current"]["version"] == 2
    assert body["current"]["sections"]["situation"] == "<p>Bản của chị Lan.</p>"
    assert body["attempted"]["sections"] == {"situation": "<p>Bản của anh Minh.</p>"}
    report.refresh_from_db()
    assert report.version == 2
    assert report.sections.get(section__key="situation").html == "<p>Bản của chị Lan.</p>"


def test_bad_figures_and_unknown_keys_answer_400_with_every_error(world: World, report: Report) -> None:
    response = client_for(world.focal_hanoi).patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": 1,
            "sections": {"no-such-section": "x"},
            "figures": {"awareness-sessions": "1.250", "staff-trained": -3, "poverty-rate": True},
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert (
        "sections" in errors and "figures.awareness-sessions" in errors and "figures.staff-trained" in errors
    )
    assert "figures.poverty-rate" in errors
    report.refresh_from_db()
    assert report.version == 1


def test_a_double_submit_makes_one_transition(world: World, report: Report) -> None:
    client = client_for(world.focal_hanoi)
    first = client.post(f"/api/reports/{report.pk}/submit/", {"expected_version": 1}, format="json")
    second = client.post(f"/api/reports/{report.pk}/submit/", {"expected_version": 1}, format="json")
    assert first.status_code == second.status_code == 200
    assert first.json()["status"] == second.json()["status"] == ReportStatus.SUBMITTED
    assert first.json()["version"] == second.json()["version"] == 2
    assert ReportRevision.objects.filter(report=report, reason=RevisionReason.SUBMIT).count() == 1
    assert AuditEntry.objects.filter(action="submitted", object_id=str(report.pk)).count() == 1


def test_a_submit_on_an_older_version_is_refused_with_409(world: World, report: Report) -> None:
    client = client_for(world.focal_hanoi)
    client.patch(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 1, "sections": {"situation": "<p>Mới.</p>"}},
        format="json",
    )
    response = client.post(f"/api/reports/{report.pk}/submit/", {"expected_version": 1}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "stale"
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_steps_the_status_does_not_allow_answer_409_with_a_translated_message(
    world: World, report: Report
) -> None:
    response = client_for(world.reviewer).post(f"/api/reports/{report.pk}/accept/")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "A report that is “Draft” cannot become “Accepted”.",
        "code": "invalid_transition",
    }
    with translation.override("vi"):
        vietnamese = client_for(world.reviewer)
        vietnamese.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        response = vietnamese.post(f"/api/reports/{report.pk}/accept/")
    assert response.status_code == 409 and "Draft" not in response.json()["detail"]

    client_for(world.focal_hanoi).post(f"/api/reports/{report.pk}/submit/")
    edit = client_for(world.focal_hanoi).patch(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 2, "sections": {"situation": "<p>Sửa sau khi gửi.</p>"}},
        format="json",
    )
    assert edit.status_code == 409 and edit.json()["code"] == "read_only"


def test_a_return_needs_a_comment(world: World, report: Report) -> None:
    client_for(world.focal_hanoi).post(f"/api/reports/{report.pk}/submit/")
    reviewer = client_for(world.reviewer)
    empty = reviewer.post(
        f"/api/reports/{report.pk}/return/", {"comments": [{"section": None, "text": " "}]}, format="json"
    )
    assert empty.status_code == 400 and "comments" in empty.json()
    unknown = reviewer.post(
        f"/api/reports/{report.pk}/return/",
        {"comments": [{"section": "nowhere", "text": "Bổ sung."}]},
        format="json",
    )
    assert unknown.status_code == 400
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_roles_that_may_not_act_get_403(world: World, report: Report, template: ReportTemplate) -> None:
    reviewer, focal = client_for(world.reviewer), client_for(world.focal_hanoi)
    assert (
        reviewer.patch(
            f"/api/reports/{report.pk}/content/", {"expected_version": 1, "sections": {}}, format="json"
        ).status_code
        == 403
    )
    assert reviewer.post(f"/api/reports/{report.pk}/submit/").status_code == 403
    focal.post(f"/api/reports/{report.pk}/submit/")
    assert focal.post(f"/api/reports/{report.pk}/accept/").status_code == 403
    assert (
        focal.post(
            f"/api/reports/{report.pk}/return/", {"comments": [{"text": "Tự trả lại"}]}, format="json"
        ).status_code
        == 403
    )
    assert focal.post("/api/cycles/", {"name": "x"}, format="json").status_code == 403
    assert focal.post(f"/api/report-templates/{template.pk}/revise/", {}, format="json").status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_mass_assignment_of_body_status_or_version_is_ignored(world: World, report: Report) -> None:
    client = client_for(world.focal_hanoi)
    response = client.patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": 1,
            "sections": {"situation": "<p>Nội dung.</p>"},
            "status": ReportStatus.ACCEPTED,
            "body": world.hue_committee.pk,
            "cycle": 999,
            "version": 50,
            "submitted_by": world.reviewer.pk,
        },
        format="json",
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert (report.status, report.body_id, report.version, report.submitted_by_id) == (
        ReportStatus.DRAFT,
        world.hanoi_committee.pk,
        2,
        None,
    )
    # The report itself has no generic write: only the content and workflow actions change it.
    for method in ("put", "patch", "delete"):
        assert (
            getattr(client, method)(f"/api/reports/{report.pk}/", {"status": "accepted"}).status_code == 405
        )
    assert client.post("/api/reports/", {"body": world.hanoi_committee.pk}).status_code == 405


def test_token_authentication_works_and_anonymous_requests_are_refused(world: World, report: Report) -> None:
    anonymous = client_for(None)
    assert anonymous.get("/api/reports/").status_code in {401, 403}
    token = Token.objects.create(user=world.focal_hanoi)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    listed = client.get("/api/reports/")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [report.pk]
    saved = client.patch(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 1, "sections": {"situation": "<p>Qua token.</p>"}},
        format="json",
    )
    assert saved.status_code == 200
    entry = AuditEntry.objects.filter(action="content_saved").latest("id")
    assert entry.actor_id == world.focal_hanoi.pk and entry.source == "api"


# Scope -------------------------------------------------------------------------------------------------

REPORT_ENDPOINTS = [
    ("get", "/api/reports/{id}/", None),
    ("put", "/api/reports/{id}/content/", {"expected_version": 1, "sections": {}}),
    ("patch", "/api/reports/{id}/content/", {"expected_version": 1, "sections": {}}),
    ("post", "/api/reports/{id}/submit/", {}),
    ("post", "/api/reports/{id}/return/", {"comments": [{"text": "x"}]}),
    ("post", "/api/reports/{id}/accept/", {}),
    ("get", "/api/reports/{id}/revisions/", None),
    ("get", "/api/reports/{id}/revisions/1/", None),
    ("get", "/api/reports/{id}/diff/?from=1&to=1", None),
    ("post", "/api/reports/{id}/import-docx/", {}),
    ("get", "/api/reports/{id}/export/?format=docx", None),
    ("get", "/api/reports/{id}/export/?format=pdf", None),
]


@pytest.mark.parametrize(("method", "url", "data"), REPORT_ENDPOINTS)
def test_reports_of_another_province_answer_404_on_every_endpoint(
    world: World, report: Report, hue_report: Report, method: str, url: str, data: Any
) -> None:
    ReportRevision.objects.create(
        report=hue_report, number=1, report_version=1, status="draft", reason="save"
    )
    for user in (world.focal_hanoi, world.agency):
        response = getattr(client_for(user), method)(url.format(id=hue_report.pk), data, format="json")
        assert response.status_code == 404, (user.username, response.content)
    hue_report.refresh_from_db()
    assert (hue_report.status, hue_report.version) == (ReportStatus.DRAFT, 1)


def test_lists_and_dashboards_show_only_what_is_in_scope(world: World, cycle: ReportingCycle) -> None:
    listed = client_for(world.focal_hue).get("/api/reports/").json()
    assert [row["body"]["code"] for row in listed["results"]] == ["bcd-hue"]
    assert client_for(world.agency).get("/api/reports/").json()["count"] == 0
    everyone = client_for(world.secretariat).get(f"/api/reports/?cycle={cycle.pk}").json()
    assert everyone["count"] == 2
    board = client_for(world.focal_hue).get(f"/api/cycles/{cycle.pk}/dashboard/").json()
    assert [row["body"]["code"] for row in board["rows"]] == ["bcd-hue"] and board["total"] == 1
    cycle_detail = client_for(world.focal_hue).get(f"/api/cycles/{cycle.pk}/").json()
    assert [body["code"] for body in cycle_detail["participants"]] == ["bcd-hue"]


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


def via_job(client: Any, url: str) -> Any:
    """A long export answers 202 with its job at once (the job runs at once here); poll it, then fetch."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.get(url)
    assert started.status_code == 202 and started["Location"] == started.json()["url"], started.content
    job = client.get(started.json()["url"]).json()
    assert job["state"] == "succeeded" and job["percent"] == 100, job
    return client.get(job["result_url"])


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
