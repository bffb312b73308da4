"""Reads of bodies and memberships, scoped by the caller, relations loaded up front."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When

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
