"""The consolidated pack's part "Thực hiện chỉ đạo": completion of each directive across the pack's bodies
and what each body wrote in its included report; in the content, the page and the Word file; built in a
fixed number of queries."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from rightstrack.followup.models import Task
from rightstrack.followup.services import Target, directive_create, tasks_assign
from rightstrack.packs.selectors import pack_sources
from rightstrack.packs.services import pack_build, pack_create
from rightstrack.reporting.models import Report
from rightstrack.reporting.services import report_return, report_save, report_submit
from tests.world import World

pytestmark = pytest.mark.usefixtures("followup")
ANSWER_B = "Đã tổ chức 8 hội nghị phổ biến pháp luật cho cán bộ cấp xã."


def answer_in_b(world: World, task: Task, text: str) -> Report:
    """B's submitted report is returned, answers ``task`` and is submitted again."""
    report = Report.objects.get(pk=world.reporting().report_b.pk)
    if report.status == "submitted":
        report = report_return(
            actor=world.secretariat, report=report, comments=[("", "Trả lời các chỉ đạo.")]
        )
    report = report_save(
        actor=world.focal_b,
        report=report,
        expected_version=report.version,
        sections={},
        figures={},
        extensions={"task_answers": {str(task.pk): {"text": text}}},
    )
    return report_submit(actor=world.focal_b, report=report)


def part_of(content: Any) -> dict[str, Any]:
    (part,) = [p for p in content["parts"] if p["key"] == "directives"]
    return part


def test_the_pack_shows_completion_and_what_each_body_wrote(world: World, client_for: Any) -> None:
    followup = world.followup()
    answer_in_b(world, followup.task_b, ANSWER_B)
    pack = pack_create(actor=world.secretariat, cycle=world.reporting().cycle)
    with translation.override("vi"):
        built = pack_build(actor=world.secretariat, pack=pack, file_format="docx")
    pack.refresh_from_db()
    part = part_of(pack.content)
    assert part["title"] == "Thực hiện chỉ đạo"
    by_text = {d["text"]: d for d in part["directives"]}
    to_b = by_text[followup.to_b.text]
    assert to_b["total"] == 1 and to_b["counts"]["open"] == 1
    assert to_b["answers"] == [
        {
            "body": world.committee_b.pk,
            "name": world.committee_b.name,
            "status": "open",
            "text": ANSWER_B,
            "report": world.reporting().report_b.pk,
        }
    ]
    conference = by_text[followup.from_conference.text]
    assert conference["total"] == 1 and conference["counts"]["overdue"] == 1  # A's (B took no part)
    assert conference["answers"] == []  # A's report is a draft: not in the pack

    # The Word file has the part, its table and B's answer.
    document = docx.Document(io.BytesIO(built.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert any(text.endswith("Thực hiện chỉ đạo") for text in paragraphs)
    assert f"{world.committee_b.name}: {ANSWER_B}" in paragraphs
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert followup.to_b.text in cells and "% hoàn thành" in cells

    # The page shows it too.
    page = client_for("secretariat", language="vi").get(reverse("packs:pack_detail", args=[pack.pk]))
    text = page.content.decode()
    assert 'data-pack-part="directives"' in text and ANSWER_B in text


def test_a_new_answer_makes_the_pack_build_again(world: World) -> None:
    pack = pack_create(actor=world.secretariat, cycle=world.reporting().cycle)
    first = pack_build(actor=world.secretariat, pack=pack, file_format="docx")
    assert first
    pack.refresh_from_db()
    assert not any(d["answers"] for d in part_of(pack.content)["directives"])
    answer_in_b(world, world.followup().task_b, ANSWER_B)
    pack.refresh_from_db()
    built = pack_build(actor=world.secretariat, pack=pack, file_format="pdf")
    assert built.content.startswith(b"%PDF")
    pack.refresh_from_db()
    answers = [a["text"] for d in part_of(pack.content)["directives"] for a in d["answers"]]
    assert answers == [ANSWER_B]


def test_the_part_costs_the_same_queries_with_more_directives_tasks_and_answers(world: World) -> None:
    answer_in_b(world, world.followup().task_b, ANSWER_B)
    pack = pack_create(actor=world.secretariat, cycle=world.reporting().cycle)

    def cost() -> tuple[int, int]:
        pack_sources(pack, user=world.secretariat)  # warm the user's scope root, as in a build
        with CaptureQueriesContext(connection) as queries:
            sources = pack_sources(pack, user=world.secretariat)
        return len(queries), len(part_of({"parts": sources.parts})["directives"])

    few, directives = cost()
    for number in range(4):
        directive = directive_create(
            actor=world.secretariat,
            issuer=world.national,
            kind=world.followup().kind,
            text=f"Chỉ đạo số {number} cho hai tỉnh.",
            issued_on=world.followup().from_conference.issued_on,
        )
        tasks_assign(
            actor=world.secretariat,
            directive=directive,
            target=Target(bodies=[world.committee_a, world.committee_b]),
            due_on=world.followup().task_b.due_on,
        )
        answer_in_b(
            world, Task.objects.get(directive=directive, body=world.committee_b), f"Trả lời {number}."
        )
    many, more = cost()
    assert more == directives + 4
    assert many == few
