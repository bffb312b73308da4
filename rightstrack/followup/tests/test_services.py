"""Directives and tasks: recorded and fanned out within the issuer's scope, idempotently; a task moves only
by the allowed transitions, by the right side; every bad input refused with a translated reason and nothing
changed; "overdue" computed from the due date, never stored."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.bodies.choices import BodyKind, BodyLevel
from rightstrack.core.models import AuditEntry
from rightstrack.followup.choices import TaskStatus
from rightstrack.followup.models import Directive, DirectiveKind, Task, TaskEvidence, TaskUpdate
from rightstrack.followup.services import (
    Evidence,
    Target,
    directive_create,
    directive_kind_create,
    directive_update,
    task_reschedule,
    task_update,
    tasks_assign,
)
from rightstrack.reporting.models import ReportSection
from tests.factories import BodyFactory, UserFactory
from tests.world import MINIMAL_PDF, World

pytestmark = pytest.mark.usefixtures("followup")
ISSUED = datetime.date(2025, 8, 2)


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Directive, Task, TaskUpdate, TaskEvidence, AuditEntry))


def new_directive(world: World, **changes: Any) -> Directive:
    fields: dict[str, Any] = {
        "actor": world.secretariat,
        "issuer": world.national,
        "kind": DirectiveKind.objects.get(code="grassroots"),
        "text": "Giao công an cấp xã bảo đảm quyền con người ở cơ sở.",
        "issued_on": ISSUED,
    }
    return directive_create(**(fields | changes))


def refused(call: Any, field: str | None = None) -> str:
    """The call is refused (with a Vietnamese message on ``field``) and nothing is written."""
    before = counts()
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        call()
    assert counts() == before
    error = caught.value
    messages = error.message_dict[field] if field else error.messages
    assert messages
    return " ".join(messages)


# Directives ----------------------------------------------------------------------------------------------


def test_a_directive_from_a_conference_is_issued_on_its_day(world: World) -> None:
    directive = new_directive(world, conference=world.conferences().with_a, issued_on=None)
    assert directive.issued_on == world.conferences().with_a.date
    assert AuditEntry.objects.for_object(directive).filter(action="create").exists()


def test_a_directive_has_one_source_at_most(world: World) -> None:
    text = refused(
        lambda: new_directive(world, conference=world.conferences().with_a, source_document="Thông báo 1/TB")
    )
    assert "hội nghị" in text.lower()


def test_a_directive_cannot_be_issued_before_its_conference(world: World) -> None:
    text = refused(
        lambda: new_directive(
            world, conference=world.conferences().with_a, issued_on=datetime.date(2025, 8, 1)
        ),
        "issued_on",
    )
    assert "02/08/2025" in text


def test_a_focal_point_issues_no_directive(world: World) -> None:
    with pytest.raises(PermissionDenied):
        new_directive(world, actor=world.focal_a, issuer=world.committee_a)


def test_a_provincial_office_issues_only_for_its_own_province(world: World) -> None:
    office_a: Any = UserFactory(username="office_a", body=world.committee_a, role="secretariat")
    directive = new_directive(world, actor=office_a, issuer=world.committee_a)
    assert directive.issuer == world.committee_a
    with pytest.raises(Http404):  # the national committee is outside A's scope
        new_directive(world, actor=office_a, issuer=world.national)


def test_moving_the_date_of_issue_after_a_task_is_due_is_refused(world: World) -> None:
    directive = world.followup().from_conference
    text = refused(
        lambda: directive_update(
            actor=world.secretariat, directive=directive, issued_on=datetime.date(2026, 1, 5)
        ),
        "issued_on",
    )
    assert "31/12/2025" in text


def test_a_retired_kind_is_offered_for_no_new_directive(world: World) -> None:
    kind = directive_kind_create(
        actor=world.secretariat, code="old", name="Cũ", name_en="Old", is_active=False
    )
    refused(lambda: new_directive(world, kind=kind), "kind")


# Fanning out ---------------------------------------------------------------------------------------------


def test_assigning_twice_adds_no_task(world: World) -> None:
    directive = new_directive(world)
    first = tasks_assign(
        actor=world.secretariat,
        directive=directive,
        target=Target(bodies=[world.committee_a, world.committee_b]),
        due_on=datetime.date(2026, 3, 31),
    )
    again = tasks_assign(
        actor=world.secretariat,
        directive=directive,
        target=Target(bodies=[world.committee_b, world.committee_a, world.committee_a]),
        due_on=datetime.date(2026, 6, 30),
    )
    assert len(first.created) == 2 and first.existing == 0
    assert again.created == [] and again.existing == 2
    assert directive.tasks.count() == 2
    assert set(directive.tasks.values_list("due_on", flat=True)) == {datetime.date(2026, 3, 31)}


def test_a_task_due_before_its_directive_is_refused(world: World) -> None:
    directive = new_directive(world)
    text = refused(
        lambda: tasks_assign(
            actor=world.secretariat,
            directive=directive,
            target=Target(bodies=[world.committee_a]),
            due_on=datetime.date(2025, 8, 1),
        ),
        "due_on",
    )
    assert "01/08/2025" in text and "02/08/2025" in text


def test_a_body_outside_the_issuers_scope_is_refused(world: World) -> None:
    directive = new_directive(world, actor=world.admin, issuer=world.committee_a)
    text = refused(
        lambda: tasks_assign(
            actor=world.admin,
            directive=directive,
            target=Target(bodies=[world.pc_a, world.committee_b]),
            due_on=datetime.date(2026, 1, 1),
        ),
        "target",
    )
    assert world.committee_b.name in text and world.pc_a.name not in text


def test_a_provincial_office_cannot_even_name_another_province(world: World) -> None:
    office_a: Any = UserFactory(username="office_a", body=world.committee_a, role="secretariat")
    directive = new_directive(world, actor=office_a, issuer=world.committee_a)
    before = counts()
    with pytest.raises(Http404):
        tasks_assign(
            actor=office_a,
            directive=directive,
            target=Target(bodies=[world.committee_b]),
            due_on=datetime.date(2026, 1, 1),
        )
    assert counts() == before


def test_a_focal_point_assigns_nothing(world: World) -> None:
    with pytest.raises(Http404):
        tasks_assign(
            actor=world.focal_b,
            directive=world.followup().to_ministries,
            target=Target(bodies=[world.committee_b]),
            due_on=datetime.date(2026, 1, 1),
        )


def test_one_way_of_choosing_at_a_time(world: World) -> None:
    directive = new_directive(world)
    refused(
        lambda: tasks_assign(
            actor=world.secretariat,
            directive=directive,
            target=Target(bodies=[world.committee_a], all_provincial=True),
            due_on=datetime.date(2026, 1, 1),
        )
    )


def test_conference_participants_need_a_conference(world: World) -> None:
    directive = new_directive(world)
    refused(
        lambda: tasks_assign(
            actor=world.secretariat,
            directive=directive,
            target=Target(conference_participants=True),
            due_on=datetime.date(2026, 1, 1),
        ),
        "target",
    )


def test_all_provincial_committees_that_exist_today(world: World) -> None:
    directive = new_directive(world)
    result = tasks_assign(
        actor=world.secretariat,
        directive=directive,
        target=Target(all_provincial=True),
        due_on=datetime.date(2026, 1, 1),
    )
    bodies = {task.body for task in result.created}
    assert {world.committee_a, world.committee_b, world.hanoi_committee, world.hue_committee} <= bodies
    assert world.quang_tri_committee not in bodies  # dissolved on 1 July 2025
    assert all(body.kind == BodyKind.PROVINCIAL_COMMITTEE for body in bodies)


def test_all_member_ministries(world: World) -> None:
    assert {t.body for t in world.followup().to_ministries.tasks.all()} == {world.justice, world.foreign}


def test_the_commune_level_bodies_of_a_province(world: World) -> None:
    police: Any = BodyFactory(
        code="police-hai-chau",
        name="Công an phường Hải Châu",
        kind=BodyKind.POLICE,
        level=BodyLevel.COMMUNE,
        parent=world.committee_a,
        unit=world.commune_a,
    )
    committee: Any = BodyFactory(
        code="ubnd-hai-chau",
        name="UBND phường Hải Châu",
        kind=BodyKind.PEOPLES_COMMITTEE,
        level=BodyLevel.COMMUNE,
        parent=world.committee_a,
        unit=world.commune_a,
    )
    BodyFactory(
        code="police-b",
        name="Công an xã B",
        kind=BodyKind.POLICE,
        level=BodyLevel.COMMUNE,
        parent=world.committee_b,
    )
    directive = new_directive(world)
    every = tasks_assign(
        actor=world.secretariat,
        directive=new_directive(world, text="Mọi cơ quan cấp xã."),
        target=Target(communes_of=world.committee_a),
        due_on=datetime.date(2026, 1, 1),
    )  # no kind ticked: every commune-level body of the province, in name order (the bodies app's lookup)
    assert [task.body for task in every.created] == sorted([police, committee], key=lambda b: (b.name, b.pk))
    result = tasks_assign(
        actor=world.secretariat,
        directive=directive,
        target=Target(communes_of=world.committee_a, commune_kinds=[BodyKind.POLICE]),
        due_on=datetime.date(2026, 1, 1),
    )
    assert [task.body for task in result.created] == [police]


# Progress and transitions --------------------------------------------------------------------------------


def test_the_assignee_proposes_done_and_the_office_confirms(world: World) -> None:
    task = world.followup().task_b
    update = task_update(actor=world.focal_b, task=task, text="Đã tổ chức 12 hội nghị.", propose_done=True)
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.done_proposed_at is not None
    assert update.status_from == TaskStatus.OPEN and update.status_to == TaskStatus.IN_PROGRESS
    task_update(actor=world.secretariat, task=task, status=TaskStatus.DONE, text="Xác nhận.")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.done_proposed_at is None
    assert task.closed_on == timezone.localdate()


def test_the_assignee_cannot_close_a_task(world: World) -> None:
    task = world.followup().task_b
    text = refused(lambda: task_update(actor=world.focal_b, task=task, status=TaskStatus.DONE), "status")
    assert text
    refused(lambda: task_update(actor=world.focal_b, task=task, status=TaskStatus.CANCELLED), "status")


def test_reopening_a_done_task_needs_a_reason(world: World) -> None:
    task = world.followup().task_b
    task_update(actor=world.secretariat, task=task, status=TaskStatus.DONE)
    refused(lambda: task_update(actor=world.secretariat, task=task, status=TaskStatus.OPEN), "text")
    task_update(actor=world.secretariat, task=task, status=TaskStatus.OPEN, text="Chưa đủ bằng chứng.")
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN and task.closed_on is None


def test_a_cancelled_task_reopens_only_as_open(world: World) -> None:
    task = world.followup().task_b
    task_update(actor=world.secretariat, task=task, status=TaskStatus.CANCELLED, text="Không còn phù hợp.")
    refused(
        lambda: task_update(actor=world.secretariat, task=task, status=TaskStatus.IN_PROGRESS, text="Lại."),
        "status",
    )


def test_turning_a_proposal_down_needs_a_reason(world: World) -> None:
    task = world.followup().task_b
    task_update(actor=world.focal_b, task=task, propose_done=True, text="Xong.")
    refused(lambda: task_update(actor=world.reviewer, task=task, status=TaskStatus.IN_PROGRESS), "text")
    task_update(actor=world.reviewer, task=task, status=TaskStatus.IN_PROGRESS, text="Thiếu báo cáo.")
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.done_proposed_at is None


def test_an_empty_note_records_nothing(world: World) -> None:
    refused(lambda: task_update(actor=world.focal_b, task=world.followup().task_b, text="   "))


def test_another_province_cannot_touch_the_task(world: World) -> None:
    with pytest.raises(Http404):
        task_update(actor=world.focal_a, task=world.followup().task_b, text="Không phải của tôi.")


def test_the_ministry_updates_its_own_task(world: World) -> None:
    task = world.followup().task_justice
    task_update(actor=world.agency, task=task, text="Đang xây dựng dự thảo.", status=TaskStatus.IN_PROGRESS)
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    with pytest.raises(Http404):
        task_update(
            actor=world.agency,
            task=Task.objects.get(directive=task.directive, body=world.foreign),
            text="Không phải của tôi.",
        )


# Evidence ------------------------------------------------------------------------------------------------


def _section_of(report: Any) -> ReportSection:
    section = ReportSection.objects.filter(report=report).first()
    if section is None:
        template_section = report.template.sections.order_by("order").first()
        section = ReportSection.objects.create(report=report, section=template_section, html="<p>Kết quả</p>")
    return section


def test_evidence_from_the_bodys_own_report(world: World) -> None:
    task = world.followup().task_b
    section = _section_of(world.reporting().report_b)
    update = task_update(actor=world.focal_b, task=task, evidence=[Evidence(report_section=section)])
    assert update.evidence.get().report_section == section


def test_evidence_from_another_bodys_report_is_refused(world: World) -> None:
    task = world.followup().task_b
    section = _section_of(world.reporting().report_a)
    text = refused(
        lambda: task_update(actor=world.secretariat, task=task, evidence=[Evidence(report_section=section)]),
        "evidence",
    )
    assert world.committee_a.name in text


def test_an_evidence_file_is_checked_by_its_content(world: World) -> None:
    task = world.followup().task_b
    disguised = SimpleUploadedFile(
        "báo cáo.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf"
    )
    refused(lambda: task_update(actor=world.focal_b, task=task, evidence=[Evidence(file=disguised)]))
    real = SimpleUploadedFile("báo cáo.pdf", MINIMAL_PDF, content_type="application/pdf")
    update = task_update(actor=world.focal_b, task=task, evidence=[Evidence(file=real)])
    stored = update.evidence.get()
    assert stored.file_kind == "pdf" and stored.original_name.endswith(".pdf")


def test_rescheduling_never_before_the_directive(world: World) -> None:
    task = world.followup().task_b
    refused(
        lambda: task_reschedule(actor=world.secretariat, task=task, due_on=datetime.date(2025, 1, 1)),
        "due_on",
    )
    with pytest.raises(PermissionDenied):
        task_reschedule(actor=world.focal_b, task=task, due_on=datetime.date(2031, 1, 1))
    assert (
        task_reschedule(actor=world.secretariat, task=task, due_on=datetime.date(2031, 1, 1)).due_on.year
        == 2031
    )


# Overdue: computed, never typed ----------------------------------------------------------------------------


def test_the_conference_task_is_overdue_and_the_annotation_agrees(world: World) -> None:
    task = Task.objects.with_overdue().get(pk=world.followup().task_a.pk)
    assert getattr(task, "overdue", None) is True and task.is_overdue()
    assert Task.objects.overdue().filter(pk=task.pk).exists()
    assert task.status == TaskStatus.IN_PROGRESS  # stored as it was; "overdue" is not a status


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    status=st.sampled_from(list(TaskStatus.values)),
    due=st.dates(min_value=datetime.date(2025, 8, 2), max_value=datetime.date(2030, 12, 31)),
    today=st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2031, 12, 31)),
)
def test_overdue_in_the_database_matches_overdue_in_python(
    world: World, status: str, due: datetime.date, today: datetime.date
) -> None:
    task = world.followup().task_b
    Task.objects.filter(pk=task.pk).update(status=status, due_on=due)
    row = Task.objects.with_overdue(today).get(pk=task.pk)
    plain = Task.objects.get(pk=task.pk)
    expected = status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS) and due < today
    assert bool(getattr(row, "overdue", None)) == expected == plain.is_overdue(today)
    assert Task.objects.overdue(today).filter(pk=task.pk).exists() == expected
