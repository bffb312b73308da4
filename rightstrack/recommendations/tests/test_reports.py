"""Groups and reports back: the recommendations by theme or cluster with their counts by status (scoped), the
mid-term report and the national report draft as real Word files in the official layout, the matrix as a
real Excel file; from the page (a job), the API and the CLI."""

from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.services import (
    assessment_add,
    cluster_create,
    measure_add,
    recommendation_assign,
)
from tests.world import World

pytestmark = pytest.mark.usefixtures("recommendations")


def _assessed(world: World) -> Any:
    """UPR 120.1 (supported) led by the Ministry of Justice with A supporting, in a cluster, with a measure
    and two assessments (the latest: partially implemented); 120.2 (noted, A's) not assessed."""
    recs = world.recommendations()
    cluster = cluster_create(actor=world.secretariat, name="Education and children")
    recs.upr.clusters.add(cluster)
    recommendation_assign(
        actor=world.secretariat, recommendation=recs.upr, lead=world.justice, supporting=[world.committee_a]
    )
    measure_add(
        actor=world.agency,
        recommendation=recs.upr,
        what="Biên soạn tài liệu giáo dục quyền con người",
        due_on=datetime.date(2027, 6, 30),
    )
    assessment_add(
        actor=world.agency,
        recommendation=recs.upr,
        status="in_progress",
        assessed_on=datetime.date(2026, 1, 10),
    )
    assessment_add(
        actor=world.secretariat,  # the office sees province A's report, cited as evidence
        recommendation=recs.upr,
        status="partially_implemented",
        assessed_on=datetime.date(2026, 6, 1),
        note="Đã thí điểm ở 20 trường",
        sections=[world.reporting().report_a.sections.first()],
    )
    return recs


def test_groups_by_theme_count_each_status(world: World, signed_in: Any) -> None:
    _assessed(world)
    page = signed_in("secretariat").get(reverse("recommendations:clusters"), {"by": "theme"})
    assert page.status_code == 200
    rows = {row["label"]: row for row in page.context["rows"]}
    child = rows["Rights of the child"]
    # 120.1 (partially implemented, its latest) and 120.2 (not assessed); CEDAW has no theme
    cells = dict(child["cells"])
    assert cells["Partially implemented"] == 1 and cells["Not assessed yet"] == 1
    assert child["total"] == 2 and rows["No theme"]["total"] == 1
    found = re.search(r'id="clusters-chart-data"[^>]*>(.*?)</script>', page.content.decode())
    assert found is not None
    chart = json.loads(found.group(1))
    assert "Rights of the child" in chart["labels"] and len(chart["datasets"]) == 5


def test_groups_by_cluster_are_scoped(world: World, signed_in: Any) -> None:
    _assessed(world)
    office = signed_in("secretariat").get(reverse("recommendations:clusters"), {"by": "cluster"})
    assert {r["label"] for r in office.context["rows"]} == {"Education and children", "Not in any cluster"}
    province_b = signed_in("focal_b").get(reverse("recommendations:clusters"), {"by": "cluster"})
    assert province_b.context["rows"] == []  # none of these recommendations is B's to see
    refused = signed_in("focal_b").get(reverse("recommendations:clusters"), {"by": "nonsense"})
    assert refused.status_code == 400


def _report(client: Any, kind: str, **form: str) -> Job:
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.post(reverse("recommendations:report"), {"kind": kind, "by": "cluster", **form})
    assert answer.status_code == 302 and answer["Location"].startswith("/jobs/"), answer
    job = Job.objects.get(pk=int(answer["Location"].split("/")[2]))
    assert job.state == JobState.SUCCEEDED, job.error
    return job


def _paragraphs(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


def test_the_national_report_draft_in_the_official_layout(world: World, signed_in: Any) -> None:
    recs = _assessed(world)
    job = _report(signed_in("secretariat", language="vi"), "national")
    assert job.result_name.endswith(".docx")
    texts = _paragraphs(job.result.read())
    joined = "\n".join(texts)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in joined and "BÁO CÁO" in joined
    assert "Dự thảo Báo cáo quốc gia" in joined
    assert any(t.endswith("Education and children") for t in texts)  # a part per cluster
    assert "120.1" in joined and "120.2" in joined and recs.cedaw.number in joined  # all, noted included
    assert "Đưa giáo dục quyền con người vào chương trình học ở trường" in joined  # the Vietnamese text
    assert "Bộ Tư pháp" in joined or world.justice.name in joined  # the lead body
    assert "Đã thí điểm ở 20 trường" in joined  # the latest assessment's note
    assert "Lập trường: Ủng hộ" in joined and "Ghi nhận" in joined  # the State's position, both kinds
    assert "Biên soạn tài liệu giáo dục quyền con người" in joined  # the measure
    section = world.reporting().report_a.sections.first()
    assert section.section.display_title in joined  # the evidence


def test_the_mid_term_report_covers_the_supported_ones(world: World, signed_in: Any) -> None:
    _assessed(world)
    job = _report(signed_in("secretariat", language="en"), "midterm")
    joined = "\n".join(_paragraphs(job.result.read()))
    assert "120.1" in joined and "120.2" not in joined  # 120.2 was noted
    assert "Partially implemented" in joined


def test_the_matrix_as_excel_for_what_the_reader_sees(world: World, signed_in: Any) -> None:
    recs = _assessed(world)
    job = _report(signed_in("agency", language="en"), "matrix", query="")
    sheet = openpyxl.load_workbook(io.BytesIO(job.result.read())).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=2)]
    # the ministry sees the one it leads, not the others
    assert [r["Number"] for r in rows] == [recs.upr.number]
    assert rows[0]["Lead body"] == world.justice.name and rows[0]["Status"] == "Partially implemented"
    assert rows[0]["Clusters"] == "Education and children"


def test_the_api_and_the_cli_write_reports(world: World, api_for: Any, tmp_path: Path) -> None:
    _assessed(world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = api_for("secretariat").post(
            "/api/recommendations/report/?mechanism=UPR", {"kind": "matrix"}, format="json"
        )
    assert answer.status_code == 202
    job = Job.objects.get(pk=answer.json()["job"])
    sheet = openpyxl.load_workbook(io.BytesIO(job.result.read())).active
    assert sheet.max_row == 1 + Recommendation.objects.filter(mechanism="UPR").count()
    bad = api_for("secretariat").post("/api/recommendations/report/", {"kind": "poem"}, format="json")
    assert bad.status_code == 400
    out = tmp_path / "bao-cao.docx"
    call_command("recommendations_report", "national", "-o", str(out), "--by", "theme")
    assert "BÁO CÁO" in "\n".join(_paragraphs(out.read_bytes()))


def test_a_report_of_nothing_says_so(world: World, signed_in: Any) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = signed_in("secretariat").post(
            reverse("recommendations:report"), {"kind": "national", "by": "theme", "query": "q=zzzzzz"}
        )
    job = Job.objects.get(pk=int(answer["Location"].split("/")[2]))
    assert job.state == JobState.FAILED and "No recommendation matches" in job.error


def test_the_matrix_is_written_a_chunk_at_a_time_in_number_order(
    world: World, signed_in: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Read and written a chunk of recommendations at a time (here one), the job counting the chunks; the
    rows in the lists' order (140.9 before 140.116), the same through the CLI."""
    from rightstrack.recommendations import reports
    from rightstrack.recommendations.services import recommendation_create

    monkeypatch.setattr(reports, "MATRIX_CHUNK", 1)
    owner = world.recommendations().upr.owner
    for number in ("140.116", "140.9"):
        recommendation_create(
            actor=world.secretariat, owner=owner, mechanism="UPR", session="46", number=number, text="Ensure"
        )
    expected = list(
        Recommendation.objects.order_by("mechanism", "sort_key", "pk").values_list("number", flat=True)
    )
    job = _report(signed_in("secretariat", language="en"), "matrix", query="")
    assert job.total == len(expected) + 1 and job.done == job.total
    sheet = openpyxl.load_workbook(io.BytesIO(job.result.read())).active
    numbers = [row[2].value for row in sheet.iter_rows(min_row=2)]
    assert numbers == expected and numbers.index("140.9") < numbers.index("140.116")
    out = tmp_path / "ma-tran.xlsx"
    call_command("recommendations_report", "matrix", "-o", str(out))
    cli = openpyxl.load_workbook(out).active
    assert [row[2].value for row in cli.iter_rows(min_row=2)] == expected
