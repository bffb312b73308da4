"""The next cycle answers the directives: a body's report lists its open and recently closed tasks in the
section on earlier directives, saves what it says about each with the report (one service call, one
transaction, under the report's version), may propose a task done, and the answers show on the task, in the
task API, in the report's read view and files, and in the consolidated pack."""

from __future__ import annotations

import io
import json
from typing import Any

import docx
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from rightstrack.core.models import AuditEntry
from rightstrack.followup.choices import TaskStatus
from rightstrack.followup.models import Task, TaskAnswer, TaskUpdate
from rightstrack.followup.selectors import report_tasks
from rightstrack.followup.services import task_update
from rightstrack.reporting.exceptions import StaleReport
from rightstrack.reporting.models import Report
from rightstrack.reporting.services import report_save
from tests.world import World, api_client

pytestmark = pytest.mark.usefixtures("followup")
ANSWER = "Đã rà soát, đánh giá kết quả tại 12 xã, phường."


def fresh(report: Report) -> Report:
    return Report.objects.select_related("cycle", "body", "template").get(pk=report.pk)


def answer(world: World, text: str = ANSWER, *, task: Task | None = None, **parts: Any) -> Report:
    report = fresh(world.reporting().report_a)
    task = task or world.followup().task_a
    return report_save(
        actor=world.focal_a,
        report=report,
        expected_version=report.version,
        sections={},
        figures={},
        extensions={"task_answers": {str(task.pk): {"text": text, **parts}}},
    )


def state(world: World) -> tuple[Any, ...]:
    report = fresh(world.reporting().report_a)
    return (
        report.version,
        TaskAnswer.objects.count(),
        TaskUpdate.objects.count(),
        AuditEntry.objects.count(),
        tuple(Task.objects.order_by("pk").values_list("status", "done_proposed_at")),
    )


# The service ---------------------------------------------------------------------------------------------


def test_the_report_lists_the_bodys_live_tasks_and_not_other_bodies(world: World) -> None:
    tasks = list(report_tasks(fresh(world.reporting().report_a)))
    assert world.followup().task_a in tasks
    assert all(task.body_id == world.committee_a.pk for task in tasks)


def test_an_answer_is_saved_with_the_report_linked_to_task_and_report(world: World) -> None:
    before = fresh(world.reporting().report_a).version
    saved = answer(world)
    stored = TaskAnswer.objects.get(task=world.followup().task_a)
    assert stored.report_id == saved.pk and stored.text == ANSWER and stored.updated_by == world.focal_a
    assert saved.version == before + 1  # an answer is a change of the report: colleagues' saves go stale
    assert AuditEntry.objects.for_object(stored).filter(action="create").exists()
    saved_entry = AuditEntry.objects.for_object(saved).filter(action="content_saved").latest("pk")
    assert saved_entry.after is not None
    assert saved_entry.after["extensions"] == {
        "task_answers": {str(world.followup().task_a.pk): {"text": ANSWER}}
    }
    # The same answer again changes nothing, not even the version.
    assert answer(world).version == saved.version


def test_answering_another_bodys_task_is_refused_and_changes_nothing(world: World) -> None:
    before = state(world)
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        report = fresh(world.reporting().report_a)
        report_save(
            actor=world.focal_a,
            report=report,
            expected_version=report.version,
            sections={"situation": "<p>Có thay đổi.</p>"},
            figures={},
            extensions={"task_answers": {str(world.followup().task_b.pk): {"text": ANSWER}}},
        )
    assert "chỉ trả lời" in " ".join(caught.value.messages) or caught.value.messages
    assert state(world) == before
    assert "Có thay đổi" not in fresh(world.reporting().report_a).sections.get(section__key="situation").html


def test_a_cancelled_task_cannot_be_answered(world: World) -> None:
    task_update(actor=world.secretariat, task=world.followup().task_a, status=TaskStatus.CANCELLED)
    before = state(world)
    with pytest.raises(ValidationError):
        answer(world)
    assert state(world) == before


def test_an_unknown_extension_or_task_is_refused(world: World) -> None:
    report = fresh(world.reporting().report_a)
    extensions: Any
    for extensions in ({"nothing": {}}, {"task_answers": {"abc": {"text": "x"}}}, {"task_answers": []}):
        with pytest.raises(ValidationError):
            report_save(
                actor=world.focal_a,
                report=report,
                expected_version=report.version,
                sections={},
                figures={},
                extensions=extensions,
            )
    assert not TaskAnswer.objects.exists()


def test_proposing_done_in_the_report_waits_for_the_issuer_who_confirms(world: World) -> None:
    answer(world, propose_done=True)
    task = Task.objects.get(pk=world.followup().task_a.pk)
    assert task.status == TaskStatus.IN_PROGRESS and task.done_proposed_at is not None
    note = task.updates.latest("pk")
    assert note.proposes_done and note.text == ANSWER and note.author == world.focal_a
    confirmed = task_update(actor=world.reviewer, task=task, status=TaskStatus.DONE, text="Đạt yêu cầu.")
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE and confirmed.status_to == TaskStatus.DONE
    # A done task stays listed in the report that answered it, and cannot be proposed again.
    assert task in list(report_tasks(fresh(world.reporting().report_a)))
    count = TaskUpdate.objects.count()
    answer(world, propose_done=True)
    assert TaskUpdate.objects.count() == count


def test_a_stale_save_saves_no_answer(world: World) -> None:
    report = fresh(world.reporting().report_a)
    with pytest.raises(StaleReport):
        report_save(
            actor=world.focal_a,
            report=report,
            expected_version=report.version - 1,
            sections={},
            figures={},
            extensions={"task_answers": {str(world.followup().task_a.pk): {"text": ANSWER}}},
        )
    assert not TaskAnswer.objects.exists()


# Pages, autosave and the API -------------------------------------------------------------------------------


def test_the_editor_shows_a_box_per_task_and_the_plain_form_saves_it(world: World, client_for: Any) -> None:
    focal = client_for("focal_a", language="vi")
    report = fresh(world.reporting().report_a)
    task = world.followup().task_a
    edit = reverse("reporting:report_edit", args=[report.pk])
    page = focal.get(edit).content.decode()
    name = f"ext-task_answers-{task.pk}-text"
    assert f'name="{name}"' in page and "Đề nghị xác nhận hoàn thành" in page
    assert page.index('id="section-directives"') < page.index(name)  # inside the directives section
    response = focal.post(
        edit,
        {"expected_version": report.version, name: ANSWER, f"ext-task_answers-{task.pk}-propose_done": "1"},
    )
    assert response.status_code == 302
    assert TaskAnswer.objects.get(task=task).text == ANSWER
    assert Task.objects.get(pk=task.pk).done_proposed_at is not None
    # A stale form shows the answer as typed again, with nothing saved.
    response = focal.post(edit, {"expected_version": report.version, name: "Viết lại."})
    assert response.status_code == 409 and "Viết lại." in response.content.decode()
    assert TaskAnswer.objects.get(task=task).text == ANSWER


def test_the_autosave_saves_answers_and_refuses_a_stale_one(world: World, client_for: Any) -> None:
    focal = client_for("focal_a", language="vi")
    report = fresh(world.reporting().report_a)
    task = world.followup().task_a
    autosave = reverse("reporting:report_autosave", args=[report.pk])
    payload: dict[str, Any] = {
        "version": report.version,
        "extensions": {"task_answers": {str(task.pk): {"text": ANSWER}}},
    }
    response = focal.post(autosave, json.dumps(payload), content_type="application/json")
    assert response.status_code == 200 and response.json()["version"] == report.version + 1
    assert TaskAnswer.objects.get(task=task).text == ANSWER
    payload["extensions"]["task_answers"][str(task.pk)]["text"] = "Khác."
    response = focal.post(autosave, json.dumps(payload), content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "stale"
    assert TaskAnswer.objects.get(task=task).text == ANSWER
    payload["extensions"] = {"task_answers": {str(world.followup().task_b.pk): {"text": "x"}}}
    payload["version"] = report.version + 1
    response = focal.post(autosave, json.dumps(payload), content_type="application/json")
    assert response.status_code == 400


def test_the_api_saves_answers_and_the_task_api_shows_them(world: World) -> None:
    report = fresh(world.reporting().report_a)
    task = world.followup().task_a
    client = api_client(world.focal_a)
    response = client.patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": report.version,
            "extensions": {"task_answers": {str(task.pk): {"text": ANSWER, "propose_done": True}}},
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    listed = response.json()["extensions"]["task_answers"][str(task.pk)]
    assert listed["text"] == ANSWER and listed["done_proposed"] and listed["answerable"]
    detail = api_client(world.secretariat).get(f"/api/tasks/{task.pk}/").json()
    assert detail["answers"][0]["text"] == ANSWER and detail["answers"][0]["report"] == report.pk
    assert detail["done_proposed"] is True
    other = api_client(world.focal_a).patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": report.version + 1,
            "extensions": {"task_answers": {str(world.followup().task_b.pk): {"text": "x"}}},
        },
        format="json",
    )
    assert other.status_code == 400


def test_the_task_page_shows_the_answer_with_a_link_to_the_report(world: World, client_for: Any) -> None:
    answer(world)
    task = world.followup().task_a
    page = client_for("secretariat", language="vi").get(reverse("followup:task_detail", args=[task.pk]))
    text = page.content.decode()
    assert ANSWER in text and reverse("reporting:report_detail", args=[world.reporting().report_a.pk]) in text


def test_the_read_view_and_the_word_file_carry_the_answer_as_section_text(
    world: World, client_for: Any
) -> None:
    answer(world)
    report = world.reporting().report_a
    focal = client_for("focal_a", language="vi")
    page = focal.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    directive = world.followup().from_conference.text
    assert f"Nhiệm vụ: {directive}" in page and ANSWER in page
    response = focal.get(reverse("reporting:report_export_docx", args=[report.pk]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    lines = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert f"Nhiệm vụ: {directive} — {ANSWER}" in lines


def test_the_editor_costs_the_same_queries_with_more_tasks(world: World, client_for: Any) -> None:
    from rightstrack.followup.services import Target, directive_create, tasks_assign

    focal = client_for("focal_a", language="vi")
    edit = reverse("reporting:report_edit", args=[world.reporting().report_a.pk])

    def cost() -> int:
        focal.get(edit)  # the session's idle clock renews at most once a minute: a write, not the page's
        with CaptureQueriesContext(connection) as queries:
            assert focal.get(edit).status_code == 200
        return len(queries)

    first = cost()
    for number in range(3):
        directive = directive_create(
            actor=world.secretariat,
            issuer=world.national,
            kind=world.followup().kind,
            text=f"Chỉ đạo bổ sung số {number}.",
            issued_on=world.followup().from_conference.issued_on,
        )
        tasks_assign(
            actor=world.secretariat,
            directive=directive,
            target=Target(bodies=[world.committee_a]),
            due_on=world.followup().task_b.due_on,
        )
        answer(world, f"Trả lời {number}.", task=Task.objects.get(directive=directive))
    page = focal.get(edit).content.decode()
    assert "Chỉ đạo bổ sung số 2." in page
    assert cost() == first


def test_an_answered_task_fills_its_section_for_the_check_before_submitting(world: World) -> None:
    from rightstrack.reporting.selectors import submission_check

    title = "Kết quả thực hiện các chỉ đạo trước đây"
    with translation.override("vi"):
        assert any(title in s for s in submission_check(fresh(world.reporting().report_a)).empty_sections)
        answer(world)
        assert not any(title in s for s in submission_check(fresh(world.reporting().report_a)).empty_sections)


def test_a_task_numbered_past_999_is_answered_from_the_vietnamese_editor(
    world: World, client_for: Any
) -> None:
    """The page writes each task's number for the editor's script; in Vietnamese a number past 999 reads
    "12.345", which the save refused as "not a task": ids are written as they are, never localized."""
    from rightstrack.followup.services import directive_create

    directive = directive_create(
        actor=world.secretariat,
        issuer=world.national,
        kind=world.followup().kind,
        text="Chỉ đạo có số thứ tự lớn.",
        issued_on=world.followup().from_conference.issued_on,
    )
    task = Task.objects.create(
        pk=12345, directive=directive, body=world.committee_a, due_on=world.followup().task_b.due_on
    )
    report = fresh(world.reporting().report_a)
    focal = client_for("focal_a", language="vi")
    page = focal.get(reverse("reporting:report_edit", args=[report.pk])).content.decode()
    assert 'data-item="12345"' in page and 'id="task-answer-12345"' in page
    assert "12.345" not in page
    # What the script sends with that number is saved.
    response = focal.post(
        reverse("reporting:report_autosave", args=[report.pk]),
        data=json.dumps(
            {"version": report.version, "extensions": {"task_answers": {"12345": {"text": ANSWER}}}}
        ),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert TaskAnswer.objects.get(task=task).text == ANSWER
