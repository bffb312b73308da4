"""The services: a batch saves every row or none, each refusal named by row and field; scope is checked for
every body, activity and unit; every change is audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from rightstrack.activities.choices import ActivityKind
from rightstrack.activities.models import Activity, AudienceGroup
from rightstrack.activities.selectors import activities_for_body
from rightstrack.activities.services import (
    ActivityInput,
    BatchInvalid,
    activities_save_batch,
    activity_delete,
    activity_update,
)
from rightstrack.core.models import AuditEntry
from tests.world import Activities, World

DAY = datetime.date(2025, 6, 3)


def row(**changes: object) -> ActivityInput:
    values: dict[str, object] = {
        "date": DAY,
        "kind": ActivityKind.AWARENESS,
        "topic": "Tuyên truyền về quyền con người",
        "participants": 40,
    }
    values.update(changes)
    return ActivityInput(**values)  # type: ignore[arg-type]


def test_a_batch_of_twenty_rows_is_saved_at_once_and_audited(world: World) -> None:
    before = AuditEntry.objects.count()
    rows = [row(topic=f"Buổi tuyên truyền số {n}", participants=n) for n in range(1, 21)]
    result = activities_save_batch(actor=world.focal_a, body=world.committee_a, rows=rows)
    assert len(result.created) == 20
    assert Activity.objects.filter(body=world.committee_a, date=DAY).count() == 20
    assert AuditEntry.objects.count() == before + 20
    entry = AuditEntry.objects.filter(action="create").latest("pk")
    assert entry.actor == world.focal_a


def test_one_bad_row_refuses_the_batch_naming_row_and_field(world: World) -> None:
    rows = [
        row(topic="Một"),
        row(topic="", participants=3),
        row(topic="Ba", date_end=DAY - datetime.timedelta(1)),
    ]
    with pytest.raises(BatchInvalid) as refused:
        activities_save_batch(actor=world.focal_a, body=world.committee_a, rows=rows)
    assert set(refused.value.rows) == {1, 2}
    assert "topic" in refused.value.rows[1]
    assert "date_end" in refused.value.rows[2]
    assert any(message.startswith("Row 2") for message in refused.value.messages)
    assert not Activity.objects.filter(topic="Một").exists()


def test_a_row_entered_twice_in_the_batch_is_refused(world: World) -> None:
    with pytest.raises(BatchInvalid) as refused:
        activities_save_batch(
            actor=world.focal_a,
            body=world.committee_a,
            rows=[row(), row(topic="  TUYÊN TRUYỀN về quyền con người ")],
        )
    assert list(refused.value.rows) == [1]
    assert "row 1" in refused.value.rows[1]["__all__"][0]


def test_a_row_already_recorded_is_refused(world: World, activities: Activities) -> None:
    existing = activities.a_awareness
    with pytest.raises(BatchInvalid) as refused:
        activities_save_batch(
            actor=world.focal_a,
            body=world.committee_a,
            rows=[row(date=existing.date, kind=existing.kind, topic=existing.topic)],
        )
    assert "Already recorded" in refused.value.rows[0]["__all__"][0]


def test_an_activity_for_a_body_outside_scope_is_not_found(world: World) -> None:
    with pytest.raises(Http404):
        activities_save_batch(actor=world.focal_a, body=world.committee_b, rows=[row()])
    assert not Activity.objects.filter(body=world.committee_b, date=DAY).exists()


def test_a_reviewer_reads_but_does_not_record(world: World) -> None:
    with pytest.raises(PermissionDenied):
        activities_save_batch(actor=world.reviewer, body=world.committee_a, rows=[row()])


def test_a_focal_point_records_for_the_bodies_under_theirs(world: World) -> None:
    result = activities_save_batch(actor=world.focal_a, body=world.pc_a, rows=[row()])
    assert result.created[0].body == world.pc_a


def test_changing_another_bodys_activity_is_refused(world: World, activities: Activities) -> None:
    with pytest.raises(Http404):
        activity_update(actor=world.focal_a, activity=activities.b_awareness, participants=1)
    activities.b_awareness.refresh_from_db()
    assert activities.b_awareness.participants == 55


def test_an_edit_is_audited_with_before_and_after(world: World, activities: Activities) -> None:
    activity = activities.a_awareness
    activity_update(actor=world.focal_a, activity=activity, participants=95, audiences=[])
    activity.refresh_from_db()
    assert activity.participants == 95
    entry = AuditEntry.objects.filter(action="update", object_id=str(activity.pk)).latest("pk")
    before, after = entry.before or {}, entry.after or {}
    assert before["participants"] == 80 and after["participants"] == 95
    assert before["audiences"] == ["ethnic-minorities", "women"] and after["audiences"] == []


def test_a_batch_changes_and_deletes_existing_rows(world: World, activities: Activities) -> None:
    training, awareness = activities.a_training, activities.a_awareness
    awareness_pk = awareness.pk
    result = activities_save_batch(
        actor=world.focal_a,
        body=world.committee_a,
        rows=[
            row(
                activity=training,
                date=training.date,
                kind=training.kind,
                topic=training.topic,
                participants=7,
            ),
            row(activity=awareness, delete=True),
            row(topic="Mới"),
        ],
    )
    assert (len(result.created), len(result.updated), result.deleted) == (1, 1, 1)
    assert not Activity.objects.filter(pk=awareness_pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(awareness_pk)).exists()


def test_a_batch_cannot_move_another_bodys_activity_into_this_one(
    world: World, activities: Activities
) -> None:
    with pytest.raises(BatchInvalid):
        activities_save_batch(
            actor=world.admin, body=world.committee_a, rows=[row(activity=activities.b_awareness)]
        )


def test_delete_outside_scope_is_not_found(world: World, activities: Activities) -> None:
    with pytest.raises(Http404):
        activity_delete(actor=world.focal_b, activity=activities.a_training)
    assert Activity.objects.filter(pk=activities.a_training.pk).exists()


def test_activities_for_body_takes_the_subtree_the_period_and_the_kinds(
    world: World, activities: Activities
) -> None:
    a = activities_for_body(world.committee_a, datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))
    assert list(a) == [activities.a_training, activities.a_awareness, activities.pc_a_dissemination]
    trainings = activities_for_body(world.committee_a, None, None, kinds=[ActivityKind.TRAINING])
    assert list(trainings) == [activities.a_training]
    assert not activities_for_body(world.committee_a, datetime.date(2025, 7, 1), None).exists()


def test_audience_groups_are_seeded(world: World) -> None:
    assert AudienceGroup.objects.filter(
        code="religious-dignitaries", name_en="Religious dignitaries"
    ).exists()
