"""Reads of cycles, and the provincial committees that exist on a day (a cycle's participants)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.collation import vi_order
from rightstrack.core.scope import scoped
from rightstrack.places.models import Region
from rightstrack.reporting.models import CycleParticipant, ReportingCycle


def provincial_committees_on(day: datetime.date, *, region: Region | None = None) -> QuerySet[Body]:
    """Provincial committees that exist on ``day``, optionally those whose province is in ``region`` then."""
    bodies = (
        Body.objects.filter(kind=BodyKind.PROVINCIAL_COMMITTEE)
        .active_on(day)
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=day))
    )
    if region is not None:
        bodies = bodies.filter(unit__in=region.units_on(day))
    return bodies.select_related("unit").order_by(vi_order("name"))


def cycle_list(*, user: Any = None) -> QuerySet[ReportingCycle]:
    """Cycles with ``participant_count``: the participants ``user`` may see (a province counts its own, not
    the 38 others), or all of them when no reader is given (internal use: opening, exports)."""
    participants = CycleParticipant.objects.all()
    if user is not None:
        participants = scoped(user, participants)
    count = (
        participants.filter(cycle=OuterRef("pk"))
        .order_by()
        .values("cycle")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return ReportingCycle.objects.select_related("template", "region").annotate(
        participant_count=Coalesce(Subquery(count), 0)
    )


def cycle_detail() -> QuerySet[ReportingCycle]:
    return ReportingCycle.objects.select_related("template", "region", "created_by")
