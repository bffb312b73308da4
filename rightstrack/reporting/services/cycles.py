"""Writing reporting cycles: create, choose participants, open (one draft per participant), close."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body
from rightstrack.core.audit import audit_record, audited_update, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.places.models import Region
from rightstrack.reporting.choices import CycleStatus
from rightstrack.reporting.models import (
    DEFAULT_REMINDER_DAYS,
    CycleParticipant,
    Report,
    ReportFigure,
    ReportingCycle,
    ReportSection,
    ReportTemplate,
)
from rightstrack.reporting.selectors import provincial_committees_on

# What a cycle's own form and the API's create call set directly, in the order the form shows them.
CYCLE_FIELDS = (
    "name",
    "name_en",
    "period_start",
    "period_end",
    "deadline",
    "template",
    "reminder_days_before",
)
CYCLE_EDITABLE_FIELDS = frozenset(CYCLE_FIELDS)


def _unique(bodies: Iterable[Body]) -> list[Body]:
    seen: dict[int, Body] = {}
    for body in bodies:
        seen.setdefault(body.pk, body)
    return list(seen.values())


@transaction.atomic
def cycle_create(
    *,
    actor: User | None,
    name: str,
    period_start: datetime.date,
    period_end: datetime.date,
    deadline: datetime.date,
    template: ReportTemplate,
    name_en: str = "",
    reminder_days_before: int = DEFAULT_REMINDER_DAYS,
    participants: list[Body] | None = None,
    region: Region | None = None,
    region_on: datetime.date | None = None,
    all_provincial: bool = False,
) -> ReportingCycle:
    """A planned cycle with its participants: a list of bodies, the provincial committees of a region as of
    ``region_on``, or all provincial committees active on ``region_on`` (both default to today).
    """
    if actor is not None:
        ensure_can(actor, "reporting.add_reportingcycle")
        for body in participants or ():  # every body named must be within the actor's scope
            ensure_can(actor, "bodies.view_body", body)
    if sum([participants is not None, region is not None, all_provincial]) > 1:
        raise ValidationError(
            _("Choose the participants one way: a list of bodies, a region, or all provincial committees.")
        )
    as_of = (region_on or timezone.localdate()) if (region is not None or all_provincial) else None
    cycle = ReportingCycle(
        name=name,
        name_en=name_en,
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
        template=template,
        reminder_days_before=reminder_days_before,
        region=region,
        region_on=as_of,
        created_by=actor,
    )
    cycle.full_clean()
    cycle.save()
    if participants is not None:
        bodies = _unique(participants)
    elif as_of is not None:
        bodies = list(provincial_committees_on(as_of, region=region))
    else:
        bodies = []
    CycleParticipant.objects.bulk_create(CycleParticipant(cycle=cycle, body=body) for body in bodies)
    audit_record(
        obj=cycle,
        action="create",
        after={**snapshot(cycle), "participants": [b.pk for b in bodies]},
        actor=actor,
    )
    return cycle


@transaction.atomic
def cycle_update(
    *,
    actor: User | None,
    cycle: ReportingCycle,
    participants: Iterable[Body] | None = None,
    chosen_from: Iterable[Body] | None = None,
    **fields: Any,
) -> ReportingCycle:
    """Change a cycle's name, period, deadline or reminder days; its template only while it is planned.

    ``participants``: the bodies to be in the cycle; those missing are added (in an open cycle each gets its
    draft report at once). ``chosen_from``: the bodies the choice was made from (a page lists only some);
    while the cycle is planned, a present participant among them that is not chosen is taken out. Every
    body named must be within the actor's scope. All of it happens in one transaction, or none of it.
    """
    if actor is not None:
        ensure_can(actor, "reporting.change_reportingcycle", cycle)
    unknown = set(fields) - CYCLE_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"cycle_update cannot set {sorted(unknown)}")
    if cycle.status == CycleStatus.CLOSED:
        raise ValidationError(_("This cycle is closed and can no longer be changed."))
    if "template" in fields and fields["template"] != cycle.template and cycle.status != CycleStatus.PLANNED:
        raise ValidationError(
            {
                "template": _(
                    "The template can only be changed before the cycle opens: reports already use it."
                )
            }
        )
    cycle = audited_update(cycle, actor=actor, fields=fields)
    if participants is None:
        return cycle
    chosen = _unique(participants)  # cycle_add_participants checks each one is within the actor's scope
    present = set(cycle.participants.values_list("body_id", flat=True))
    added = [body for body in chosen if body.pk not in present]
    if added:
        cycle_add_participants(actor=actor, cycle=cycle, bodies=added)
    if chosen_from is not None and cycle.status == CycleStatus.PLANNED:
        chosen_ids = {body.pk for body in chosen}
        for body in _unique(chosen_from):
            if body.pk in present and body.pk not in chosen_ids:
                cycle_remove_participant(actor=actor, cycle=cycle, body=body)
    return cycle


def _reports_create(*, actor: User | None, cycle: ReportingCycle, bodies: list[Body]) -> list[Report]:
    """A draft report, with an empty section per heading and a blank figure per indicator, for each body
    that has none yet in ``cycle``."""
    existing = set(Report.objects.filter(cycle=cycle).values_list("body_id", flat=True))
    missing = [body for body in bodies if body.pk not in existing]
    if not missing:
        return []
    template = cycle.template
    section_ids = list(template.sections.order_by("order").values_list("pk", flat=True))
    indicator_ids = list(template.indicators.order_by("order").values_list("pk", flat=True))
    now = timezone.now()
    drafts = [Report(cycle=cycle, body=body, template=template, last_activity_at=now) for body in missing]
    for draft in drafts:  # every part is empty in the first version and stays so until a save changes it
        draft.unplaced_changed_in = draft.version
    reports = Report.objects.bulk_create(drafts)
    ReportSection.objects.bulk_create(
        ReportSection(report=report, section_id=section_id, changed_in=report.version)
        for report in reports
        for section_id in section_ids
    )
    ReportFigure.objects.bulk_create(
        ReportFigure(report=report, indicator_id=indicator_id, changed_in=report.version)
        for report in reports
        for indicator_id in indicator_ids
    )
    for report in reports:
        audit_record(obj=report, action="create", actor=actor)
    return reports


@transaction.atomic
def cycle_add_participants(
    *, actor: User | None, cycle: ReportingCycle, bodies: Iterable[Body]
) -> list[CycleParticipant]:
    """Add bodies to a cycle; in an open cycle each new participant gets its draft report at once."""
    bodies = list(bodies)
    if actor is not None:
        ensure_can(actor, "reporting.change_reportingcycle", cycle)
        for body in bodies:
            ensure_can(actor, "bodies.view_body", body)
    locked = ReportingCycle.objects.select_for_update().select_related("template").get(pk=cycle.pk)
    if locked.status == CycleStatus.CLOSED:
        raise ValidationError(_("This cycle is closed and can no longer be changed."))
    present = set(locked.participants.values_list("body_id", flat=True))
    new_bodies = [body for body in _unique(bodies) if body.pk not in present]
    added = CycleParticipant.objects.bulk_create(
        CycleParticipant(cycle=locked, body=body) for body in new_bodies
    )
    if added:
        audit_record(
            obj=locked,
            action="participants_added",
            before={"participants": sorted(present)},
            after={"participants": sorted(present | {b.pk for b in new_bodies})},
            actor=actor,
        )
    if locked.status == CycleStatus.OPEN:
        _reports_create(actor=actor, cycle=locked, bodies=new_bodies)
    return added


@transaction.atomic
def cycle_remove_participant(*, actor: User | None, cycle: ReportingCycle, body: Body) -> None:
    """Take a body out of a cycle that has not opened (once open, its report is part of the record)."""
    if actor is not None:
        ensure_can(actor, "reporting.change_reportingcycle", cycle)
    locked = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.status != CycleStatus.PLANNED:
        raise ValidationError(_("Participants can only be removed before the cycle opens."))
    present = set(locked.participants.values_list("body_id", flat=True))
    if body.pk in present:
        CycleParticipant.objects.filter(cycle=locked, body=body).delete()
        audit_record(
            obj=locked,
            action="participant_removed",
            before={"participants": sorted(present)},
            after={"participants": sorted(present - {body.pk})},
            actor=actor,
        )


@transaction.atomic
def cycle_open(*, actor: User | None, cycle: ReportingCycle) -> ReportingCycle:
    """Open the cycle and create one draft report per participant; a second call creates nothing."""
    if actor is not None:
        ensure_can(actor, "reporting.open_reportingcycle", cycle)
    locked = ReportingCycle.objects.select_for_update().select_related("template").get(pk=cycle.pk)
    if locked.status == CycleStatus.CLOSED:
        raise ValidationError(_("This cycle is closed; it cannot be opened again."))
    bodies = [p.body for p in locked.participants.select_related("body").order_by("body__name")]
    if not bodies:
        raise ValidationError(_("Add at least one participant before opening the cycle."))
    if locked.status == CycleStatus.PLANNED:
        before = snapshot(locked)
        locked.status = CycleStatus.OPEN
        locked.opened_at = timezone.now()
        locked.save(update_fields=["status", "opened_at"])
        audit_record(obj=locked, action="opened", before=before, actor=actor)
    _reports_create(actor=actor, cycle=locked, bodies=bodies)
    return locked


@transaction.atomic
def cycle_close(*, actor: User | None, cycle: ReportingCycle) -> ReportingCycle:
    """Close an open cycle: its reports can no longer be edited, submitted or returned (accepting can).

    Closing a closed cycle changes nothing."""
    if actor is not None:
        ensure_can(actor, "reporting.close_reportingcycle", cycle)
    locked = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.status == CycleStatus.CLOSED:
        return locked
    if locked.status != CycleStatus.OPEN:
        raise ValidationError(_("Only an open cycle can be closed."))
    before = snapshot(locked)
    locked.status = CycleStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    audit_record(obj=locked, action="closed", before=before, actor=actor)
    return locked
