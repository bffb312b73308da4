"""Fanning a directive out into tasks: the bodies it targets, as of the day, within the issuer's reach."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.bodies.rules import acting_for
from rightstrack.bodies.selectors import commune_bodies_of
from rightstrack.core.audit import audit_record, snapshot
from rightstrack.core.scope import ensure_can, scoped
from rightstrack.core.types import Actor
from rightstrack.followup.choices import TargetMode
from rightstrack.followup.models import Directive, Task
from rightstrack.followup.services._common import (
    clean_text,
    day_text,
    names_of,
)
from rightstrack.reporting.selectors import provincial_committees_on


@dataclass(frozen=True)
class Target:
    """Whom a directive's tasks go to: exactly one of a list of bodies, the conference's participants, all
    provincial committees, all member ministries, or the commune-level bodies of a province (optionally of
    some kinds only, e.g. the police); the groups are taken as of ``on`` (default: today)."""

    bodies: Sequence[Body] | None = None
    conference_participants: bool = False
    all_provincial: bool = False
    member_ministries: bool = False
    communes_of: Body | None = None
    commune_kinds: Sequence[str] = ()
    on: datetime.date | None = None

    @property
    def ways(self) -> int:
        return sum(
            [
                self.bodies is not None,
                self.conference_participants,
                self.all_provincial,
                self.member_ministries,
                self.communes_of is not None,
            ]
        )

    @property
    def mode(self) -> str:
        if self.conference_participants:
            return TargetMode.CONFERENCE
        if self.all_provincial:
            return TargetMode.PROVINCIAL
        if self.member_ministries:
            return TargetMode.MINISTRIES
        if self.communes_of is not None:
            return TargetMode.COMMUNES
        return TargetMode.BODIES


@dataclass
class Assigned:
    """What a fan-out did: the tasks it created, and the bodies that had one already (left as they were)."""

    created: list[Task] = field(default_factory=list)
    existing: int = 0


MAX_SUCCESSION_STEPS = 8


def successors_on(bodies: Sequence[Body], on: datetime.date) -> list[Body]:
    """Each body, or — when it was dissolved by ``on`` — the body that succeeded it (a conference of the 63
    provinces' committees gives its tasks to the 34 of today); each body once, in the order first met."""
    found: dict[int, Body] = {}
    for body in bodies:
        current = body
        for _step in range(MAX_SUCCESSION_STEPS):
            if current.dissolved_on is None or current.dissolved_on > on or current.successor_id is None:
                break
            current = Body.objects.get(pk=current.successor_id)
        found.setdefault(current.pk, current)
    return list(found.values())


def target_bodies(directive: Directive, target: Target, actor: Actor | None = None) -> list[Body]:
    """The bodies ``target`` names for ``directive`` (checked for scope by ``tasks_assign``)."""
    if target.ways != 1:
        raise ValidationError(
            _(
                "Choose whom to assign one way: bodies from the list, all participants of the conference, "
                "all provincial committees, all member ministries, or the commune-level bodies of a province."
            )
        )
    on = target.on or timezone.localdate()
    reach = acting_for(directive.issuer)
    assert reach is not None
    if target.conference_participants:
        if directive.conference_id is None:
            raise ValidationError(
                {"target": _("This directive has no conference: choose the bodies another way.")}
            )
        conference = directive.conference
        assert conference is not None
        participants = [p.body for p in conference.participants.select_related("body").order_by("body__name")]
        return successors_on(participants, on)
    if target.all_provincial:
        return list(provincial_committees_on(on).filter(path__startswith=reach.path))
    if target.member_ministries:
        return list(
            Body.objects.subtree_of(reach).filter(kind=BodyKind.MINISTRY).active_on(on).order_by("name", "pk")
        )
    if target.communes_of is not None:
        if actor is not None:
            ensure_can(actor, "bodies.view_body", target.communes_of)
        # Every commune-level body when no kind is ticked (the bodies app's default is the People's
        # Committees and the police); in name order, as tasks are created.
        kinds = list(target.commune_kinds) or list(BodyKind.values)
        return list(
            commune_bodies_of(target.communes_of, user=None, kinds=kinds, on=on).order_by("name", "pk")
        )
    seen: dict[int, Body] = {}
    for body in target.bodies or ():
        seen.setdefault(body.pk, body)
    return list(seen.values())


def check_reach(directive: Directive, bodies: list[Body]) -> None:
    reach = acting_for(directive.issuer)
    assert reach is not None
    outside = [body for body in bodies if not body.path.startswith(reach.path)]
    if outside:
        raise ValidationError(
            {
                "target": ValidationError(
                    _(
                        "These bodies are outside the scope of the issuing body (%(issuer)s): %(names)s. "
                        "Assign tasks to the issuer's own bodies."
                    ),
                    params={"issuer": directive.issuer.name, "names": names_of(outside)},
                )
            }
        )


@transaction.atomic
def tasks_assign(
    *,
    actor: Actor | None,
    directive: Directive,
    target: Target,
    due_on: datetime.date,
    note: str = "",
) -> Assigned:
    """One task per body ``target`` names, due on ``due_on``; a body that has a task of this directive
    already keeps it (running the same fan-out twice adds nothing)."""
    if actor is not None:
        ensure_can(actor, "followup.assign_task", directive)
    locked = (
        Directive.objects.select_for_update(of=("self",))  # conference is nullable: lock the directive alone
        .select_related("issuer", "conference")
        .get(pk=directive.pk)
    )
    if due_on is None:
        raise ValidationError({"due_on": _("Enter the date the tasks are due.")})
    if due_on < locked.issued_on:
        raise ValidationError(
            {
                "due_on": ValidationError(
                    _(
                        "A task cannot be due (%(due)s) before its directive was issued (%(issued)s). "
                        "Choose a later date."
                    ),
                    params={"due": day_text(due_on), "issued": day_text(locked.issued_on)},
                )
            }
        )
    bodies = target_bodies(locked, target, actor)
    if not bodies:
        raise ValidationError({"target": _("No body matches this choice: nothing was assigned.")})
    if actor is not None:
        ids = {body.pk for body in bodies}
        visible = set(scoped(actor, Body.objects.filter(pk__in=ids)).values_list("pk", flat=True))
        if visible != ids:
            raise Http404(_("Not found, or not within your scope."))
    check_reach(locked, bodies)
    present = set(Task.objects.filter(directive=locked).values_list("body_id", flat=True))
    note = clean_text(note, field_name="note")
    result = Assigned(existing=sum(1 for body in bodies if body.pk in present))
    for body in bodies:
        if body.pk in present:
            continue
        task = Task(directive=locked, body=body, due_on=due_on, note=note, created_by=actor)
        task.full_clean(validate_unique=False)
        task.save()
        result.created.append(task)
    for task in result.created:
        audit_record(obj=task, action="create", actor=actor, after={**snapshot(task), "mode": target.mode})
    return result
