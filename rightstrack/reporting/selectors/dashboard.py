"""The cycle dashboard: each participant's report status, lateness and last activity."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from rightstrack.bodies.models import Body
from rightstrack.core.collation import vi_order
from rightstrack.core.scope import read_roots, scoped
from rightstrack.places.models import Region
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.models import CycleParticipant, Report, ReportingCycle


@dataclass(frozen=True)
class DashboardRow:
    body: Body
    report: Report | None
    status: str | None
    submitted_at: datetime.datetime | None  # the latest submission
    is_late: bool  # judged on the first submission (a resubmission after a return is not late for it)
    last_activity_at: datetime.datetime | None
    # A predecessor committee's row: the reader's committee took over its work and reads, never changes, it.
    read_only: bool = False
    first_submitted_at: datetime.datetime | None = None

    @property
    def resubmitted(self) -> bool:
        """Submitted again after the first time (after a return): both dates are worth showing."""
        return bool(
            self.first_submitted_at
            and self.submitted_at
            and timezone.localdate(self.first_submitted_at) != timezone.localdate(self.submitted_at)
        )


@dataclass(frozen=True)
class CycleDashboard:
    cycle: ReportingCycle
    rows: list[DashboardRow]
    counts: dict[str, int] = field(default_factory=dict)  # by report status, over the region's rows
    total: int = 0
    late: int = 0
    region: Region | None = None  # the region filter applied, if any (an empty result then says so)
    narrowed: bool = False  # the reports were narrowed by another app's filters (tagging's tag)

    @property
    def has_read_only(self) -> bool:
        return any(row.read_only for row in self.rows)


def cycle_dashboard(
    *,
    user: Any,
    cycle: ReportingCycle,
    region: Region | None = None,
    region_on: datetime.date | None = None,
    status: str | None = None,
    late: bool | None = None,
    today: datetime.date | None = None,
    reports_filter: Callable[[QuerySet[Report]], QuerySet[Report]] | None = None,
) -> CycleDashboard:
    """Each participant the user may see: report status, submitted on, late or not, last activity.

    ``region`` keeps the participants whose province was in it on ``region_on`` (default: the date the cycle's
    participants were chosen, else the end of its period). Counts cover the region's rows before the status
    and lateness filters. ``reports_filter`` narrows the (scoped) reports, without a query of its own: the
    filters other apps add to the reports' lists (tagging's tag, ``DashboardFilterForm``); the participants
    are then those whose report it keeps, and the counts cover them. Three queries whatever the number of
    participants.
    """
    today = today or timezone.localdate()
    participants = scoped(user, CycleParticipant.objects.filter(cycle=cycle))
    reports = scoped(user, Report.objects.filter(cycle=cycle))
    if region is not None:
        units = region.units_on(region_on or cycle.region_on or cycle.period_end)
        participants = participants.filter(body__unit__in=units)
        reports = reports.filter(body__unit__in=units)
    if reports_filter is not None:
        reports = reports_filter(reports)
        participants = participants.filter(body_id__in=reports.values("body_id"))  # a subquery, not a query
    by_body = {report.body_id: report for report in reports.select_related("submitted_by")}
    read_only_paths = tuple(body.path for body in read_roots(user))
    rows: list[DashboardRow] = []
    for participant in participants.select_related("body", "body__unit").order_by(
        vi_order("body__unit__name"),
        vi_order("body__name"),  # by province (Vietnamese order), then name
    ):
        report = by_body.get(participant.body_id)
        if report is not None:
            report.cycle = cycle  # already loaded: is_late reads the deadline without a query
            is_late = report.is_late(today)
        else:
            is_late = cycle.status != CycleStatus.PLANNED and today > cycle.deadline
        rows.append(
            DashboardRow(
                body=participant.body,
                report=report,
                status=report.status if report else None,
                submitted_at=report.submitted_at if report else None,
                is_late=is_late,
                last_activity_at=report.last_activity_at if report else None,
                read_only=bool(read_only_paths) and participant.body.path.startswith(read_only_paths),
                first_submitted_at=report.first_submitted_at if report else None,
            )
        )
    rows.sort(key=lambda row: row.read_only)  # the reader's own first, then their predecessors' (stable)
    counted = Counter(row.status for row in rows if row.status)
    counts = {value: counted.get(value, 0) for value in ReportStatus.values}
    late_count = sum(1 for row in rows if row.is_late)
    total = len(rows)
    if status:
        rows = [row for row in rows if row.status == status]
    if late is not None:
        rows = [row for row in rows if row.is_late == late]
    return CycleDashboard(
        cycle=cycle,
        rows=rows,
        counts=counts,
        total=total,
        late=late_count,
        region=region,
        narrowed=reports_filter is not None,
    )
