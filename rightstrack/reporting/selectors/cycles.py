"""Reads of cycles, and the provincial committees that exist on a day (a cycle's participants)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.places.models import Region
from rightstrack.reporting.models import ReportingCycle


def provincial_committees_on(day: datetime.date, *, region: Region | None = None) -> QuerySet[Body]:
    """Provincial committees that exist on ``day``, optionally those whose province is in ``region`` then."""
    bodies = (
        Body.objects.filter(kind=BodyKind.PROVINCIAL_COMMITTEE)
        .active_on(day)
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=day))
    )
    if region is not None:
        bodies = bodies.filter(unit__in=region.units_on(day))
    return bodies.select_related("unit").order_by("name")


def cycle_list() -> QuerySet[ReportingCycle]:
    return ReportingCycle.objects.select_related("template", "region").annotate(
        participant_count=Count("participants", distinct=True)
    )


def cycle_detail() -> QuerySet[ReportingCycle]:
    return ReportingCycle.objects.select_related("template", "region", "created_by")
