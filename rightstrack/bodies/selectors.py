"""Reads of bodies and memberships, scoped by the caller, relations loaded up front."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone, translation

from rightstrack.bodies.choices import BodyKind, BodyLevel, Position
from rightstrack.bodies.models import Body, Letterhead, Membership
from rightstrack.bodies.rules import acting_for
from rightstrack.core.collation import vi_order
from rightstrack.core.scope import scoped
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit

# Seats in the order a committee lists them: head first, then deputies, members, agencies, focal points.
POSITION_RANK = Case(
    *(When(position=value, then=Value(rank)) for rank, value in enumerate(Position.values)),
    default=Value(len(Position.values)),
    output_field=IntegerField(),
)


def body_list() -> QuerySet[Body]:
    return (
        Body.objects.select_related("unit", "parent", "successor")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__end_on__isnull=True), distinct=True)
        )
        .order_by("path")
    )


def body_detail() -> QuerySet[Body]:
    return Body.objects.select_related("unit", "parent", "successor").prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("person", "member_body")
            .annotate(rank=POSITION_RANK)
            .order_by(F("end_on").desc(nulls_first=True), "rank", "start_on"),
        ),
        "predecessors",
    )


def home_summary(*, user: Any) -> dict[str, Any]:
    """The figures of the home page's bodies panel (templates/bodies/home_panel.html): three COUNTs."""
    bodies = scoped(user, Body.objects.all())
    return {
        "body_count": bodies.count(),
        "provincial_committee_count": bodies.filter(
            kind=BodyKind.PROVINCIAL_COMMITTEE, dissolved_on__isnull=True
        ).count(),
        "member_count": scoped(user, Membership.objects.filter(end_on__isnull=True)).count(),
    }


REFERENCE_ISSUES_LIMIT = 10


def reference_issues_panel(*, user: Any) -> dict[str, Any]:
    """Reference data an administrator should put right (two queries per kind of issue):

    - active bodies whose administrative unit has ended (a merger ended the province, the committee did not
      follow: dissolve it with its successor, or move it to the new unit);
    - active provincial committees with no administrative unit (they cannot be found by place or region).
    """
    today = timezone.localdate()
    active = scoped(user, Body.objects.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today)))
    unit_ended = active.filter(unit__valid_to__lt=today).select_related("unit").order_by("name")
    no_unit = active.filter(kind=BodyKind.PROVINCIAL_COMMITTEE, unit__isnull=True).order_by("name")
    return {
        "unit_ended": list(unit_ended[:REFERENCE_ISSUES_LIMIT]),
        "unit_ended_total": unit_ended.count(),
        "no_unit": list(no_unit[:REFERENCE_ISSUES_LIMIT]),
        "no_unit_total": no_unit.count(),
    }


def assigned_panel(*, user: Any) -> dict[str, Any] | None:
    """An agency focal point's "assigned to your body" when nothing is: the panels of the apps that assign
    work (UN recommendations with their measures and assessments, follow-up tasks) are marked
    ``assigned_work`` and take its place as soon as one of them has rows (core.views.HomeView); this says
    what will appear there (no query)."""
    if user.body_id is None:
        return None
    return {"body": user.body}


def without_dissolved(
    bodies: QuerySet[Body] | None, *, keep: Any = None, communes_of: AdministrativeUnit | None = None
) -> QuerySet[Body]:
    """The bodies that exist today, for a form's list, and ``keep`` (the current choice) even if it has been
    dissolved since, so editing never loses a value.

    Commune-level bodies (thousands once communes are loaded) are left out, except ``keep`` and those of the
    province ``communes_of`` (a commune body's form offers its province's other communes as successors)."""
    current = Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=timezone.localdate())
    offered = ~Q(level=BodyLevel.COMMUNE)
    if communes_of is not None:
        offered |= Q(unit__parent_id=communes_of.pk)
    bodies = Body.objects.all() if bodies is None else bodies
    condition = current & offered
    if keep:
        condition |= Q(pk=getattr(keep, "pk", keep))
    return bodies.filter(condition).order_by(vi_order("name"))  # a form's list reads in alphabetical order


# Letterheads ---------------------------------------------------------------------------------------------

_DEPUTIES = (Position.STANDING_DEPUTY_HEAD, Position.DEPUTY_HEAD)


@dataclass
class LetterheadValues:
    """What an official document of a body carries about its issuer: the body's remembered letterhead, or
    what the data suggests when it has none (always in Vietnamese: the decree's form is Vietnamese)."""

    parent_name: str = ""
    issuing_name: str = ""
    symbol: str = ""
    place: str = ""
    recipients: list[str] = field(default_factory=list)
    signer: Membership | None = None
    signer_authority: str = ""
    signer_position: str = ""
    signer_name: str = ""
    remembered: bool = False


def signer_choices(body: Body, *, day: datetime.date) -> QuerySet[Membership]:
    """The people who sit in ``body`` on ``day``, head first: who may sign its documents."""
    return (
        Membership.objects.filter(body=body, person__isnull=False, start_on__lte=day)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
        .select_related("person", "body")
        .annotate(rank=POSITION_RANK)
        .order_by("rank", "start_on", "pk")
    )


def letterhead_values(body: Body, *, day: datetime.date) -> LetterheadValues:
    """The body's remembered letterhead, or one suggested by its unit, its parent and its head."""
    stored = Letterhead.objects.select_related("signer__person").filter(body=body).first()
    if stored is not None:
        return LetterheadValues(
            parent_name=stored.parent_name,
            issuing_name=stored.issuing_name or body.name,
            symbol=stored.symbol,
            place=stored.place,
            recipients=[line for line in stored.recipients.splitlines() if line.strip()],
            signer=stored.signer,
            signer_authority=stored.signer_authority,
            signer_position=stored.signer_position,
            signer_name=stored.signer_name,
            remembered=True,
        )
    unit = body.unit
    local = unit is not None and unit.level != UnitLevel.COUNTRY
    if unit is None or body.kind == BodyKind.PEOPLES_COMMITTEE or not local:
        parent_name = body.parent.name if body.parent and body.kind != BodyKind.PEOPLES_COMMITTEE else ""
    else:
        # A local body works under its People's Committee (Ủy ban nhân dân tỉnh/thành phố/xã …).
        parent_name = " ".join(part for part in ("Ủy ban nhân dân", unit.kind, unit.name) if part)
    values = LetterheadValues(
        parent_name=parent_name,
        issuing_name=body.name,
        symbol="BC",
        place=unit.name if local and unit is not None else "",
        recipients=[body.parent.name] if body.parent else [],
    )
    head = signer_choices(body, day=day).first()
    if head is not None:
        values.signer = head
        values.signer_authority, values.signer_position, values.signer_name = signer_lines(head)
    return values


def signer_lines(seat: Membership) -> tuple[str, str, str]:
    """How a seat signs (authority, position, name) in the decree's form: the head for the body ("TM."),
    a deputy for the head ("KT."), anyone else in their own name."""
    with translation.override("vi"):
        position = seat.title or str(Position(seat.position).label)
        head = str(Position.HEAD.label)
    body = seat.body
    short_name = body.name
    if body.unit is not None and short_name.endswith(body.unit.name):
        short_name = short_name[: -len(body.unit.name)].strip()
        kind = body.unit.kind
        if kind and short_name.endswith(kind):
            short_name = short_name[: -len(kind)].strip()
    if seat.position == Position.HEAD:
        authority = f"TM. {short_name}"
    elif seat.position in _DEPUTIES:
        authority = f"KT. {head}"
    else:
        authority = ""
    return authority, position, seat.person.full_name if seat.person else ""


# The commune level ----------------------------------------------------------------------------------------

COMMUNE_LEVEL_KINDS = (BodyKind.PEOPLES_COMMITTEE, BodyKind.POLICE)


def commune_bodies_of(
    province: AdministrativeUnit | Body,
    *,
    user: Any,
    kinds: Iterable[str] | None = None,
    on: datetime.date | None = None,
) -> QuerySet[Body]:
    """The commune-level bodies of a province: what a task for "the commune-level bodies of a province" fans
    out to. One query, however many communes (the caller iterates the queryset once).

    ``province``: the province (an ``AdministrativeUnit`` of level province: bodies of level commune whose
    unit lies in it) or its steering committee (a ``Body``; a standing office stands for its committee:
    bodies of level commune in its subtree). ``user``: whose scope to read in (None: the system, unscoped,
    for services that checked their actor themselves). ``kinds``: body kinds, default People's Committees
    and police. ``on``: bodies not dissolved on that day (default today). Ordered by commune name, then kind;
    ``unit`` and ``parent`` are loaded with each body."""
    bodies = Body.objects.filter(level=BodyLevel.COMMUNE, kind__in=list(kinds or COMMUNE_LEVEL_KINDS))
    if isinstance(province, Body):
        root = acting_for(province) or province
        bodies = bodies.filter(path__startswith=root.path)
    else:
        bodies = bodies.filter(unit__parent_id=province.pk)
    bodies = bodies.active_on(on or timezone.localdate()).select_related("unit", "parent")
    bodies = bodies.order_by("unit__name_ascii", "unit__code", "kind", "pk")
    return bodies if user is None else scoped(user, bodies)
