"""Reads of bodies and memberships, scoped by the caller, relations loaded up front."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from rightstrack.bodies.choices import BodyKind, Position
from rightstrack.bodies.models import Body, Membership
from rightstrack.core.scope import scoped

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
    """An agency focal point's "assigned to your body". Nothing is assigned to agencies yet (recommendations,
    measures and tasks come with later apps), so the panel says so and names what will appear (no query)."""
    if user.body_id is None:
        return None
    return {"body": user.body}


def without_dissolved(bodies: QuerySet[Body] | None, *, keep: Any = None) -> QuerySet[Body]:
    """The bodies that exist today, for a form's list, and ``keep`` (the current choice) even if it has been
    dissolved since, so editing never loses a value."""
    current = Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=timezone.localdate())
    bodies = Body.objects.all() if bodies is None else bodies
    if keep:
        current |= Q(pk=getattr(keep, "pk", keep))
    return bodies.filter(current)
