"""Reporting over the API: the whole journey from a Word file to an accepted report, through jobs."""

from __future__ import annotations

from typing import Any

from rightstrack.core.jobs.services import job_run
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.models import Report, ReportingCycle
from tests.world import api_client as client_for

from .api_helpers import PROVINCIAL_REPORT, detail, docx_bytes, job_of, upload
from .conftest import World

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

    # 2. She confirms, moving the photo appendix into the international cooperation section: a job too,
    #    which reads the file again and saves it as one import revision.
    applied = job_of(
        focal,
        upload(
            focal,
            report,
            document,
            apply="true",
            expected_version="1",
            moves=f'{{"{appendix["id"]}": "results-international"}}',
        ),
    )
    assert applied["state"] == "succeeded" and applied["kind"] == "reporting.apply_docx", applied
    assert applied["result"]["applied"] is True and applied["result"]["report"] == report.pk
    assert applied["result"]["version"] == 2 and applied["result"]["plan"]["unplaced_parts"] == 1
    saved = detail(focal, report)
    assert saved["version"] == 2
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
    submitted = focal.post(
        f"/api/reports/{report.pk}/submit/", {"expected_version": 3, "confirm": True}, format="json"
    )
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
        f"/api/reports/{report.pk}/submit/", {"expected_version": revised.json()["version"], "confirm": True}
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
    assert stale.status_code == 409 and stale.json()["code"] == "stale"  # refused before any job
    assert stale.json()["current"]["sections"]["situation"] == "<p>Đã sửa.</p>"
    report.refresh_from_db()
    assert report.version == 2 and report.unplaced_html == ""
    assert report.sections.get(section__key="situation").html == "<p>Đã sửa.</p>"
    assert upload(client_for(world.reviewer), report, docx_bytes(*PROVINCIAL_REPORT)).status_code == 403


def test_an_import_saved_by_someone_else_while_queued_fails_its_job_and_saves_nothing(
    world: World, report: Report, settings: Any
) -> None:
    focal = client_for(world.focal_hanoi)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, not run
    started = upload(focal, report, docx_bytes(*PROVINCIAL_REPORT), apply="true", expected_version="1")
    assert started.status_code == 202 and report.sections.get(section__key="situation").html == ""
    focal.patch(  # a colleague saves while the job waits for a worker
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 1, "sections": {"situation": "<p>Bản của đồng nghiệp.</p>"}},
        format="json",
    )
    job = job_run(job_id=started.json()["id"])
    assert job is not None and job.state == "failed" and "version 2" in job.error
    report.refresh_from_db()
    assert report.version == 2 and report.sections.get(section__key="situation").html == (
        "<p>Bản của đồng nghiệp.</p>"
    )
    assert report.revisions.filter(reason="import").count() == 0
