"""Activities summed into a report's figures, as a suggestion the writer accepts one figure at a time.

A template's figure draws on activities when its key is one of ``SOURCES`` (docs/decisions: "Activity sums
as figure suggestions"): the default template's three awareness and training figures, and a few keys a
secretariat may give its own figures. The sums cover the activities of the report's body and of the bodies
under it that started within the cycle's period. Nothing is written until the writer accepts a figure, and
then through the report's own save (version check, revision, audit).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.activities.choices import ActivityKind
from rightstrack.activities.models import Activity
from rightstrack.activities.selectors import activities_of
from rightstrack.core.audit import audit_record
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.reporting.models import Report, ReportFigure, TemplateIndicator
from rightstrack.reporting.services import report_save

Measure = Literal["count", "participants", "officials_trained"]
ALL_KINDS = tuple(kind.value for kind in ActivityKind)
AWARENESS = (ActivityKind.AWARENESS.value, ActivityKind.LAW_DISSEMINATION.value)


@dataclass(frozen=True)
class Source:
    measure: Measure
    kinds: tuple[str, ...]
    description: Any

    def value(self, by_kind: dict[str, dict[str, int]]) -> int:
        return sum(by_kind.get(kind, {}).get(self.measure, 0) for kind in self.kinds)


SOURCES: dict[str, Source] = {
    "awareness-sessions": Source(
        "count", AWARENESS, gettext_lazy("awareness and law-dissemination activities")
    ),
    "awareness-participants": Source(
        "participants", AWARENESS, gettext_lazy("participants in awareness and law-dissemination activities")
    ),
    "staff-trained": Source("officials_trained", ALL_KINDS, gettext_lazy("officials trained")),
    "activities": Source("count", ALL_KINDS, gettext_lazy("activities of every kind")),
    "activities-participants": Source("participants", ALL_KINDS, gettext_lazy("participants")),
    "activities-training": Source("count", (ActivityKind.TRAINING.value,), gettext_lazy("training sessions")),
    "activities-law-dissemination": Source(
        "count", (ActivityKind.LAW_DISSEMINATION.value,), gettext_lazy("law-dissemination activities")
    ),
    "activities-awareness": Source(
        "count", (ActivityKind.AWARENESS.value,), gettext_lazy("awareness activities")
    ),
}


@dataclass(frozen=True)
class Suggestion:
    indicator: TemplateIndicator
    current: Decimal | None
    value: int
    source: Source

    @property
    def differs(self) -> bool:
        return self.current is None or self.current != Decimal(self.value)


def sums_by_kind(queryset: QuerySet[Activity]) -> dict[str, dict[str, int]]:
    """Count, participants and officials trained per kind, in one query."""
    rows = (
        queryset.order_by()
        .values("kind")
        .annotate(
            count=Count("pk"),
            participants=Coalesce(Sum("participants"), 0),
            officials_trained=Coalesce(Sum("officials_trained"), 0),
        )
    )
    return {
        row["kind"]: {
            "count": int(row["count"]),
            "participants": int(row["participants"]),
            "officials_trained": int(row["officials_trained"]),
        }
        for row in rows
    }


def report_activities(report: Report) -> QuerySet[Activity]:
    cycle = report.cycle
    return activities_of(report.body, cycle.period_start, cycle.period_end)


def suggestions(report: Report) -> list[Suggestion]:
    """The figures of the report's template that activities can fill, with the sums (three queries)."""
    indicators = [i for i in report.template.indicators.order_by("order") if i.key in SOURCES]
    if not indicators:
        return []
    by_kind = sums_by_kind(report_activities(report))
    current = {
        f.indicator_id: f.value for f in ReportFigure.objects.filter(report=report, indicator__in=indicators)
    }
    return [
        Suggestion(i, current.get(i.pk), SOURCES[i.key].value(by_kind), SOURCES[i.key]) for i in indicators
    ]


@transaction.atomic
def activity_figure_accept(*, actor: Actor | None, report: Report, key: str, expected_version: int) -> Report:
    """Write the activities' sum into the report's figure ``key`` (the writer's click), through the
    report's save: refused when the report is not editable or was saved since ``expected_version``."""
    if actor is not None:
        ensure_can(actor, "reporting.change_report", report)
    found = {s.indicator.key: s for s in suggestions(report)}
    if key not in found:
        raise ValidationError(
            _("This report has no figure that activities can fill under “%(key)s”.") % {"key": key},
            code="unknown",
        )
    suggestion = found[key]
    saved = report_save(
        actor=actor,
        report=report,
        expected_version=expected_version,
        sections={},
        figures={key: suggestion.value},
    )
    audit_record(
        obj=saved,
        action="activity_figure_accepted",
        before={"figure": key, "value": None if suggestion.current is None else str(suggestion.current)},
        after={"figure": key, "value": suggestion.value},
        actor=actor,
    )
    return saved
