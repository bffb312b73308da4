"""Every write on activities: keyword-only, atomic, scope-checked for every body and unit it sets, audited.

``activities_save_batch`` is the one door for the list form, the spreadsheet import and the API's batch: it
validates every row first (fields, scope, rows entered twice in the batch or already recorded) and either
saves them all or raises ``BatchInvalid`` naming each problem by row and field, having changed nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.activities import selectors
from rightstrack.activities.choices import DEFAULT_AUDIENCE_GROUPS
from rightstrack.activities.models import Activity, AudienceGroup
from rightstrack.bodies.models import Body
from rightstrack.core.audit import audit_record, audit_records_bulk, audited_delete, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.core.text import fold
from rightstrack.core.types import Actor
from rightstrack.places.models import AdministrativeUnit

FIELDS = (
    "date",
    "date_end",
    "kind",
    "topic",
    "topic_en",
    "participants",
    "officials_trained",
    "place_text",
    "place",
    "notes",
)
MAX_BATCH = 20_000
BULK = 500


@dataclass(frozen=True)
class ActivityInput:
    """One row of the list form or of a spreadsheet: a new activity, a change to ``activity``, or (with
    ``delete``) its removal."""

    date: datetime.date | None
    kind: str
    topic: str
    date_end: datetime.date | None = None
    topic_en: str = ""
    participants: int | None = 0
    officials_trained: int | None = 0
    audiences: Sequence[AudienceGroup] = ()
    place_text: str = ""
    place: AdministrativeUnit | None = None
    notes: str = ""
    activity: Activity | None = None
    delete: bool = False

    def values(self) -> dict[str, Any]:
        values = {name: getattr(self, name) for name in FIELDS}
        values["participants"] = self.participants or 0
        values["officials_trained"] = self.officials_trained or 0
        values["topic"] = (self.topic or "").strip()
        values["topic_en"] = (self.topic_en or "").strip()
        values["place_text"] = (self.place_text or "").strip()
        return values


class BatchInvalid(ValidationError):
    """Some rows cannot be saved: ``rows`` maps a row's index (from 0) to its field's messages
    ("__all__" for the row as a whole). Nothing was saved."""

    def __init__(self, rows: dict[int, dict[str, list[str]]], labels: Sequence[str] | None = None) -> None:
        self.rows = rows
        messages = []
        for index in sorted(rows):
            label = labels[index] if labels else str(index + 1)
            for name, texts in rows[index].items():
                for text in texts:
                    messages.append(
                        _("Row %(row)s, %(field)s: %(message)s")
                        % {"row": label, "field": field_label(name), "message": text}
                        if name != "__all__"
                        else _("Row %(row)s: %(message)s") % {"row": label, "message": text}
                    )
        super().__init__(messages, code="invalid_rows")


def field_label(name: str) -> str:
    try:
        return str(getattr(Activity._meta.get_field(name), "verbose_name", name))
    except Exception:  # noqa: BLE001 - an unknown name is shown as it is
        return name


@dataclass
class BatchResult:
    created: list[Activity] = field(default_factory=list)
    updated: list[Activity] = field(default_factory=list)
    deleted: int = 0


def _duplicate_key(day: datetime.date | None, kind: str, topic: str) -> tuple[Any, str, str]:
    return (day, kind, fold(topic or "", separators=True))


def _state(activity: Activity) -> dict[str, Any]:
    state = snapshot(activity)
    state["audiences"] = sorted(group.code for group in activity.audiences.all())
    return state


def check_batch(
    *, actor: Actor | None, body: Body, rows: Sequence[ActivityInput]
) -> dict[int, dict[str, list[str]]]:
    """Every problem of every row (empty: all rows can be saved). Scope refusals raise (404/403)."""
    if actor is not None:
        ensure_can(actor, "bodies.view_body", body)
        ensure_can(actor, "activities.add_activity", Activity(body=body))
    problems: dict[int, dict[str, list[str]]] = {}

    def add(index: int, name: str, message: str) -> None:
        problems.setdefault(index, {}).setdefault(name, []).append(message)

    if len(rows) > MAX_BATCH:
        add(0, "__all__", _("Save at most %(count)s rows at once.") % {"count": MAX_BATCH})
        return problems
    changed_ids = set()
    for index, row in enumerate(rows):
        if row.activity is not None:
            if row.activity.body_id != body.pk:
                add(index, "__all__", _("This activity belongs to another body."))
                continue
            if actor is not None:
                ensure_can(
                    actor,
                    "activities.delete_activity" if row.delete else "activities.change_activity",
                    row.activity,
                )
            changed_ids.add(row.activity.pk)
        if row.delete:
            continue
        if actor is not None and row.place is not None:
            ensure_can(actor, "places.view_administrativeunit", row.place)
        candidate = Activity(body=body, **row.values())
        try:
            # The body and the unit are checked above, in scope; a foreign key's own check is a query a row.
            candidate.full_clean(
                exclude=["created_by", "body", "place"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    add(index, name, message)
        if row.date and row.date_end and row.date_end < row.date:
            add(index, "date_end", _("The last day is before the first."))
    # Rows entered twice: within the batch, and against what the body has already recorded.
    seen: dict[tuple[Any, str, str], int] = {}
    for index, row in enumerate(rows):
        if row.delete or row.date is None or not (row.topic or "").strip():
            continue
        key = _duplicate_key(row.date, row.kind, row.topic)
        if key in seen:
            add(
                index,
                "__all__",
                _("The same activity (date, kind and topic) as row %(row)s.") % {"row": seen[key] + 1},
            )
        else:
            seen[key] = index
    dates = [row.date for row in rows if row.date is not None and not row.delete]
    if dates:
        recorded = {
            _duplicate_key(a.date, a.kind, a.topic): a
            for a in selectors.existing_keys(body, dates).exclude(pk__in=changed_ids)
        }
        for key, index in seen.items():
            if key in recorded:
                add(
                    index,
                    "__all__",
                    _("Already recorded: “%(activity)s”.") % {"activity": recorded[key]},
                )
    return problems


@transaction.atomic
def activities_save_batch(
    *,
    actor: Actor | None,
    body: Body,
    rows: Sequence[ActivityInput],
    labels: Sequence[str] | None = None,
) -> BatchResult:
    """Create, change and delete the body's activities the rows describe, all or none.

    ``labels`` name the rows in messages (a spreadsheet's row numbers); by default 1, 2, 3…"""
    problems = check_batch(actor=actor, body=body, rows=rows)
    if problems:
        raise BatchInvalid(problems, labels)
    result = BatchResult()
    new_rows = []
    for row in rows:
        if row.activity is not None and row.delete:
            audited_delete(row.activity, actor=actor)
            result.deleted += 1
        elif row.activity is not None:
            result.updated.append(_update(row, actor))
        else:
            new_rows.append(row)
    if new_rows:
        result.created = _create(body, new_rows, actor)
    return result


def _update(row: ActivityInput, actor: Actor | None) -> Activity:
    assert row.activity is not None
    activity = Activity.objects.select_for_update().get(pk=row.activity.pk)
    before = _state(activity)
    for name, value in row.values().items():
        setattr(activity, name, value)
    activity.save()
    activity.audiences.set(row.audiences)
    after = _state(activity)
    if before != after:
        audit_record(obj=activity, action="update", before=before, after=after, actor=actor)
    return activity


def _create(body: Body, rows: Sequence[ActivityInput], actor: Actor | None) -> list[Activity]:
    """New activities in a few queries whatever their number (a spreadsheet of thousands of rows): the
    rows, their audience links and one audit record each, in bulk. Checked in ``check_batch``; the
    database's constraints stand behind it."""
    created_by = _user(actor)
    activities = Activity.objects.bulk_create(
        [Activity(body=body, created_by=created_by, **row.values()) for row in rows], batch_size=BULK
    )
    links = Activity.audiences.through
    link_rows = [
        links(activity_id=activity.pk, audiencegroup_id=group.pk)
        for activity, row in zip(activities, rows, strict=True)
        for group in dict.fromkeys(row.audiences)
    ]
    links.objects.bulk_create(link_rows, batch_size=BULK)
    audit_records_bulk(
        activities,
        action="create",
        actor=actor,
        afters=[
            snapshot(activity) | {"audiences": sorted(g.code for g in dict.fromkeys(row.audiences))}
            for activity, row in zip(activities, rows, strict=True)
        ],
    )
    return activities


def _user(actor: Actor | None) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def activity_update(*, actor: Actor | None, activity: Activity, **changes: Any) -> Activity:
    """Change one activity (its page, the API): the batch's checks, for one row."""
    current = {name: getattr(activity, name) for name in FIELDS}
    audiences = changes.pop("audiences", None)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    values = current | changes
    row = ActivityInput(
        activity=activity,
        audiences=list(activity.audiences.all()) if audiences is None else list(audiences),
        **values,
    )
    try:
        return activities_save_batch(actor=actor, body=activity.body, rows=[row]).updated[0]
    except BatchInvalid as error:
        raise ValidationError(error.rows.get(0, {})) from None


def activity_create(*, actor: Actor | None, body: Body, **values: Any) -> Activity:
    """Record one activity (the API): the batch's checks, for one row."""
    audiences = values.pop("audiences", ())
    row = ActivityInput(audiences=list(audiences), **values)
    try:
        return activities_save_batch(actor=actor, body=body, rows=[row]).created[0]
    except BatchInvalid as error:
        raise ValidationError(error.rows.get(0, {})) from None


@transaction.atomic
def activity_delete(*, actor: Actor | None, activity: Activity) -> None:
    if actor is not None:
        ensure_can(actor, "activities.delete_activity", activity)
    audited_delete(activity, actor=actor)


@transaction.atomic
def audience_groups_ensure(*, actor: Actor | None = None) -> list[AudienceGroup]:
    """Create the default audience groups that are missing (by code; none is changed, a retired one stays
    retired); returns those created. The migration seeds them; a flushed database (tests, a reset demo) needs
    this."""
    present = set(AudienceGroup.objects.values_list("code", flat=True))
    created = []
    for order, (code, name, name_en) in enumerate(DEFAULT_AUDIENCE_GROUPS, start=1):
        if code not in present:
            group = AudienceGroup.objects.create(code=code, name=name, name_en=name_en, order=order)
            audit_record(obj=group, action="create", actor=actor)
            created.append(group)
    return created


def audiences_by_name(groups: Iterable[AudienceGroup]) -> dict[str, AudienceGroup]:
    """Each group under its code and its names, folded (how a spreadsheet may write it)."""
    found: dict[str, AudienceGroup] = {}
    for group in groups:
        for name in (group.code, group.name, group.name_en):
            if name:
                found.setdefault(fold(name, separators=True), group)
    return found
