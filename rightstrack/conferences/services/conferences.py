"""The conference itself: created, corrected and deleted with its participants and presenters, the rules
between its fields (the chair's seat on the day, the cycle begun by then) checked on every write.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body, Membership
from rightstrack.conferences.models import (
    Conference,
)
from rightstrack.conferences.services.participants import (
    AS_OF_MODES,
    Participants,
    Presenter,
    _choose,
    _presentations,
    _write_rows,
)
from rightstrack.core.audit import audit_record, audited_delete, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.places.models import AdministrativeUnit
from rightstrack.reporting.models import ReportingCycle

# What the conference's own form and the API set directly (participants and presenters are chosen apart).
CONFERENCE_FIELDS = (
    "kind",
    "title",
    "title_en",
    "date",
    "start_time",
    "end_time",
    "place",
    "venue",
    "organiser",
    "chair",
    "cycle",
    "attendee_count",
    "agenda",
    "minutes",
)


def _day(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def _check_references(actor: Actor | None, fields: dict[str, Any]) -> None:
    """Every object the call names must be within the actor's scope (404 otherwise, like a missing one)."""
    if actor is None:
        return
    checks = {
        "organiser": "bodies.view_body",
        "chair": "bodies.view_membership",
        "place": "places.view_administrativeunit",
        "cycle": "reporting.view_reportingcycle",
    }
    for name, permission in checks.items():
        value = fields.get(name)
        if value is not None:
            ensure_can(actor, permission, value)


def _check_conference(conference: Conference) -> None:
    """The rules between the fields: the chair held the seat on the day, the cycle had begun by then."""
    errors: dict[str, Any] = {}
    chair: Membership | None = conference.chair
    if chair is not None and conference.date:
        if chair.person_id is None:
            errors["chair"] = _("The chair is a person: choose a seat held by a person, not by an agency.")
        elif not chair.is_current(conference.date):
            errors["chair"] = ValidationError(
                _(
                    "%(person)s held no position in %(body)s on %(date)s (this seat as %(position)s ran "
                    "from %(start)s to %(end)s). Choose who held a position on the day."
                ),
                params={
                    "person": chair.person.full_name if chair.person else "",
                    "body": chair.body.name,
                    "date": _day(conference.date),
                    "position": chair.get_position_display(),
                    "start": _day(chair.start_on),
                    "end": _day(chair.end_on) if chair.end_on else _("today"),
                },
            )
    cycle: ReportingCycle | None = conference.cycle
    if cycle is not None and conference.date and conference.date < cycle.period_start:
        errors["date"] = ValidationError(
            _(
                "The cycle “%(cycle)s” begins on %(start)s: on %(date)s there was nothing of it to review. "
                "Check the date or the cycle."
            ),
            params={
                "cycle": cycle.display_name,
                "start": _day(cycle.period_start),
                "date": _day(conference.date),
            },
        )
    if errors:
        raise ValidationError(errors)


def _state(conference: Conference) -> dict[str, Any]:
    """What an audit record keeps of a conference: its fields, participants and presenters."""
    return {
        **snapshot(conference),
        "participants": sorted(conference.participants.values_list("body_id", flat=True)),
        "presenters": [[p.body_id, p.report_id] for p in conference.presentations.order_by("order", "id")],
    }


@transaction.atomic
def conference_create(
    *,
    actor: Actor | None,
    kind: str,
    title: str,
    date: datetime.date,
    organiser: Body,
    title_en: str = "",
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    place: AdministrativeUnit | None = None,
    venue: str = "",
    chair: Membership | None = None,
    cycle: ReportingCycle | None = None,
    attendee_count: int | None = None,
    agenda: str = "",
    minutes: str = "",
    participants: Participants | None = None,
    presenters: Sequence[Body | Presenter] = (),
) -> Conference:
    """A conference with its participating bodies and presenters, in one step or not at all."""
    fields: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "title_en": title_en,
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "place": place,
        "venue": venue,
        "organiser": organiser,
        "chair": chair,
        "cycle": cycle,
        "attendee_count": attendee_count,
        "agenda": agenda,
        "minutes": minutes,
    }
    if actor is not None:
        ensure_can(actor, "conferences.add_conference", Conference(organiser=organiser))
    _check_references(actor, fields)
    choice = participants or Participants(bodies=[])
    conference = Conference(
        **fields,
        participants_mode=choice.mode,
        region=choice.region,
        participants_on=(choice.on or date) if choice.mode in AS_OF_MODES else None,
        created_by=actor,
    )
    conference.full_clean()
    _check_conference(conference)
    bodies = _choose(conference, choice, actor)
    rows = _presentations(conference, bodies, presenters, actor)
    conference.save()
    _write_rows(conference, bodies, rows)
    audit_record(obj=conference, action="create", after=_state(conference), actor=actor)
    return conference


@transaction.atomic
def conference_update(
    *,
    actor: Actor | None,
    conference: Conference,
    participants: Participants | None = None,
    presenters: Sequence[Body | Presenter] | None = None,
    **fields: Any,
) -> Conference:
    """Change a conference's fields; ``participants`` (a new choice) and ``presenters`` replace the rows
    when given. Everything is checked against the state after the change, in one transaction."""
    unknown = set(fields) - set(CONFERENCE_FIELDS)
    if unknown:
        raise TypeError(f"conference_update cannot set {sorted(unknown)}")
    if actor is not None:
        ensure_can(actor, "conferences.change_conference", conference)
    locked = Conference.objects.select_for_update().get(pk=conference.pk)
    before = _state(locked)
    _check_references(actor, fields)
    if actor is not None and "organiser" in fields and fields["organiser"] != locked.organiser:
        ensure_can(actor, "conferences.add_conference", Conference(organiser=fields["organiser"]))
    for name, value in fields.items():
        setattr(locked, name, value)
    if participants is not None:
        locked.participants_mode = participants.mode
        locked.region = participants.region
        locked.participants_on = (
            (participants.on or locked.date) if participants.mode in AS_OF_MODES else None
        )
    locked.full_clean()
    _check_conference(locked)
    if participants is not None:
        bodies = _choose(locked, participants, actor)
    else:  # the present participants must still fit the (perhaps new) organiser
        present = [p.body for p in locked.participants.select_related("body")]
        bodies = _choose(locked, Participants(bodies=present), actor)
    if presenters is None:
        kept = [
            Presenter(body=p.body, report=p.report if locked.cycle_id and p.report_id else None)
            for p in locked.presentations.select_related("body", "report").order_by("order", "id")
        ]
        if any(p.report is not None and p.report.cycle_id != locked.cycle_id for p in kept):
            kept = [
                Presenter(body=p.body) for p in kept
            ]  # the cycle changed: each body's report of the new one
        presenters = kept
    rows = _presentations(locked, bodies, presenters, actor)
    locked.save()
    _write_rows(locked, bodies, rows)
    after = _state(locked)
    if after != before:
        audit_record(obj=locked, action="update", before=before, after=after, actor=actor)
    return locked


@transaction.atomic
def conference_delete(*, actor: Actor | None, conference: Conference) -> None:
    """Remove a conference, its rows and its stored files (the files go once the transaction commits)."""
    if actor is not None:
        ensure_can(actor, "conferences.delete_conference", conference)
    files = [(d.file.storage, d.file.name) for d in conference.documents.all() if d.file.name]
    audited_delete(conference, actor=actor)

    def remove_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)
