"""Every read of activities, with relations loaded up front (a constant number of queries), and the sums
that feed a report's figures."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce

from rightstrack.activities.choices import ActivityKind
from rightstrack.activities.models import Activity, AudienceGroup
from rightstrack.bodies.models import Body


def activity_list() -> QuerySet[Activity]:
    return Activity.objects.select_related("body", "place").prefetch_related(
        Prefetch("audiences", queryset=AudienceGroup.objects.order_by("order", "code"))
    )


def audience_groups(*, active_only: bool = True) -> QuerySet[AudienceGroup]:
    groups = AudienceGroup.objects.order_by("order", "code")
    return groups.filter(active=True) if active_only else groups


def in_period(
    queryset: QuerySet[Activity], date_from: datetime.date | None, date_to: datetime.date | None
) -> QuerySet[Activity]:
    """Activities that took place (started) within the period; either end may be open."""
    if date_from is not None:
        queryset = queryset.filter(date__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(date__lte=date_to)
    return queryset


def activities_for_body(
    body: Body,
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    kinds: Iterable[str] | None = None,
) -> QuerySet[Activity]:
    """The activities of ``body`` and of the bodies under it that started within the period (the evidence a
    task or a report's figures rest on). Not scoped: the caller has checked the body is in the reader's
    scope, as every activity under it then is."""
    return (
        activity_list()
        .filter(pk__in=activities_of(body, date_from, date_to, kinds).values("pk"))
        .order_by("date", "pk")
    )


def activities_of(
    body: Body,
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    kinds: Iterable[str] | None = None,
) -> QuerySet[Activity]:
    """``activities_for_body`` as a plain queryset, for sums."""
    queryset = in_period(Activity.objects.filter(body__path__startswith=body.path), date_from, date_to)
    if kinds is not None:
        queryset = queryset.filter(kind__in=list(kinds))
    return queryset


@dataclass(frozen=True)
class Totals:
    """What a set of activities adds up to: how many of each kind, participants, officials trained."""

    count: int
    participants: int
    officials_trained: int
    by_kind: dict[str, int]

    def count_of(self, kinds: Iterable[str]) -> int:
        return sum(self.by_kind.get(kind, 0) for kind in kinds)

    @property
    def kinds(self) -> list[tuple[str, Any, int]]:
        return [(kind.value, kind.label, self.by_kind.get(kind.value, 0)) for kind in ActivityKind]


def totals(queryset: QuerySet[Activity]) -> Totals:
    """Totals in two queries, whatever the number of activities."""
    plain = queryset.order_by().values("pk")  # drop prefetches and ordering: the aggregate reads ids only
    base = Activity.objects.filter(pk__in=plain)
    sums = base.aggregate(
        count=Count("pk"),
        participants=Coalesce(Sum("participants"), 0),
        officials=Coalesce(Sum("officials_trained"), 0),
    )
    by_kind = {row["kind"]: row["n"] for row in base.order_by().values("kind").annotate(n=Count("pk"))}
    return Totals(
        count=int(sums["count"]),
        participants=int(sums["participants"]),
        officials_trained=int(sums["officials"]),
        by_kind=by_kind,
    )


def participants_of(queryset: QuerySet[Activity], kinds: Iterable[str]) -> int:
    value = queryset.order_by().filter(kind__in=list(kinds)).aggregate(n=Coalesce(Sum("participants"), 0))
    return int(value["n"])


def existing_keys(body: Body, dates: Iterable[datetime.date]) -> QuerySet[Activity]:
    """The body's activities on these days (to find a row entered twice)."""
    return Activity.objects.filter(body=body, date__in=set(dates)).only("pk", "date", "kind", "topic")
