"""Every read of conferences, scoped, with relations loaded up front (a constant number of queries)."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from rightstrack.conferences.models import (
    Conference,
    ConferenceDocument,
    ConferenceMediaLink,
    ConferenceParticipant,
    ConferencePresentation,
)
from rightstrack.core.collation import vi_order
from rightstrack.core.scope import scoped

UPCOMING_ON_HOME = 5


def conference_list() -> QuerySet[Conference]:
    return Conference.objects.select_related("organiser", "place", "cycle").annotate(
        participant_count=Count("participants", distinct=True),
        presenter_count=Count("presentations", distinct=True),
    )


def conference_detail() -> QuerySet[Conference]:
    return Conference.objects.select_related(
        "organiser",
        "place",
        "region",
        "cycle",
        "chair",
        "chair__person",
        "chair__body",
        "created_by",
    ).prefetch_related(
        Prefetch(
            "participants",
            queryset=ConferenceParticipant.objects.select_related("body", "body__unit").order_by(
                vi_order("body__name")
            ),
        ),
        Prefetch(
            "presentations",
            queryset=ConferencePresentation.objects.select_related(
                "body", "body__unit", "report", "report__cycle"
            ).order_by("order", "id"),
        ),
        Prefetch("documents", queryset=ConferenceDocument.objects.order_by("uploaded_at", "id")),
        Prefetch("media_links", queryset=ConferenceMediaLink.objects.order_by("published_on", "id")),
        "place__successors",
    )


def place_today(conference: Conference) -> list[Any]:
    """The units the conference's place is part of today (itself when it still exists)."""
    if conference.place is None or conference.place.is_current():
        return []
    return conference.place.current_successors()


def home_upcoming(*, user: Any) -> dict[str, Any]:
    """The home panel: the next conferences the user's bodies take part in (or organise)."""
    today = timezone.localdate()
    upcoming = list(
        scoped(user, Conference.objects.select_related("place").filter(date__gte=today)).order_by(
            "date", "start_time", "pk"
        )[:UPCOMING_ON_HOME]
    )
    return {"conferences": upcoming}


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    conferences: list[Conference] = field(default_factory=list)


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Day]]
    previous: datetime.date
    next: datetime.date
    count: int

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def days_with_conferences(self) -> list[Day]:
        return [day for week in self.weeks for day in week if day.in_month and day.conferences]


def conference_month(*, queryset: QuerySet[Conference], year: int, month: int) -> Month:
    """The weeks (Monday first) of one month with the conferences of ``queryset`` (already scoped and
    filtered) on their days: one query."""
    weeks_of = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks_of[0][0], weeks_of[-1][-1]
    rows = queryset.filter(date__gte=first, date__lte=last).order_by("date", "start_time", "pk")
    by_day: dict[datetime.date, list[Conference]] = {}
    for conference in rows:
        by_day.setdefault(conference.date, []).append(conference)
    today = timezone.localdate()
    weeks = [
        [Day(day, day.month == month, day == today, by_day.get(day, [])) for day in week] for week in weeks_of
    ]
    start = datetime.date(year, month, 1)
    previous = (start - datetime.timedelta(days=1)).replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    count = sum(len(v) for d, v in by_day.items() if d.month == month)
    return Month(year, month, weeks, previous, following, count)
