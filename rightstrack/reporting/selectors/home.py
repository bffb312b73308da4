"""What reporting puts on the home page: the writer's reports, the reviewer's queue (docs/decisions/0018).

Each function is a home panel's context (``core.registry.HomePanel``) and costs a fixed number of queries,
however many reports, sections or comments there are (tests/test_queries.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from rightstrack.accounts.choices import Role
from rightstrack.core.collation import vi_order
from rightstrack.core.scope import scoped
from rightstrack.exchange.html import html_has_text
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.models import Report, ReportSection, ReviewComment

LIST_LIMIT = 10  # rows a home list shows; the rest is counted and linked
CHANGED_WITHOUT_VISIT = datetime.timedelta(days=7)  # "recently" on a first visit


@dataclass(frozen=True)
class WriterRow:
    report: Report
    days_left: int  # negative once the deadline has passed
    sections_written: int
    sections_total: int
    figures_missing: int
    latest_comment: ReviewComment | None

    @property
    def days_late(self) -> int:
        return -self.days_left


def _open_reports(user: Any) -> QuerySet[Report]:
    return scoped(user, Report.objects.filter(cycle__status=CycleStatus.OPEN)).select_related("cycle", "body")


def writer_panel(*, user: Any, today: datetime.date | None = None) -> dict[str, Any] | None:
    """The reports of the user's body in open cycles, whatever their status (a submitted report stays here
    with its status): days left, sections written of all, figures missing, the latest reviewer comment.

    Four queries. ``None`` (no panel) for a user without a body, or an agency focal point with no report.
    """
    if user.body_id is None:
        return None
    today = today or timezone.localdate()
    latest_comment = ReviewComment.objects.filter(report=OuterRef("pk")).order_by("-created_at", "-id")
    reports = list(
        _open_reports(user)
        .filter(body_id=user.body_id)
        .annotate(
            figures_missing=Count("figures", filter=Q(figures__value__isnull=True)),
            latest_comment_id=Subquery(latest_comment.values("pk")[:1]),
        )
        .order_by("cycle__deadline", "cycle__name")
    )
    if not reports and user.role != Role.PROVINCIAL_FOCAL_POINT:
        return None
    written: dict[int, int] = {}
    total: dict[int, int] = {}
    sections = ReportSection.objects.filter(report__in=reports).order_by()  # counted: no order, no joins
    for report_id, html in sections.values_list("report_id", "html"):
        total[report_id] = total.get(report_id, 0) + 1
        if html_has_text(html):
            written[report_id] = written.get(report_id, 0) + 1
    comment_ids = [r.latest_comment_id for r in reports if r.latest_comment_id]  # type: ignore[attr-defined]
    comments = {
        c.pk: c for c in ReviewComment.objects.filter(pk__in=comment_ids).select_related("author", "section")
    }
    rows = [
        WriterRow(
            report=report,
            days_left=(report.cycle.deadline - today).days,
            sections_written=written.get(report.pk, 0),
            sections_total=total.get(report.pk, 0),
            figures_missing=report.figures_missing,  # type: ignore[attr-defined]
            latest_comment=comments.get(report.latest_comment_id),  # type: ignore[attr-defined]
        )
        for report in reports
    ]
    return {"rows": rows, "body": user.body, "today": today}


@dataclass(frozen=True)
class Listed:
    """The first rows of a list and how many there are in all."""

    rows: list[Any]
    total: int

    @property
    def more(self) -> int:
        return max(self.total - len(self.rows), 0)


def _listed(queryset: QuerySet[Report]) -> Listed:
    return Listed(rows=list(queryset[:LIST_LIMIT]), total=queryset.count())


def review_panel(
    *, user: Any, since: datetime.datetime | None = None, today: datetime.date | None = None
) -> dict[str, Any]:
    """The standing office's and reviewers' work: the review queue (oldest first), the reports of open
    cycles that are overdue (never sent) or were sent late, and what changed since the previous visit.

    Eight queries, however many reports.
    """
    today = today or timezone.localdate()
    queue = (
        scoped(user, Report.objects.filter(status=ReportStatus.SUBMITTED))
        .select_related("cycle", "body")
        .order_by("submitted_at", "pk")
    )
    overdue = (
        _open_reports(user)
        .filter(first_submitted_at__isnull=True, cycle__deadline__lt=today)
        .order_by("cycle__deadline", vi_order("body__name"))
    )
    late = (
        _open_reports(user)
        .annotate(first_sent_on=TruncDate("first_submitted_at"))
        .filter(first_sent_on__gt=F("cycle__deadline"))
        .order_by("-first_submitted_at")
    )
    changed_since = since or (timezone.now() - CHANGED_WITHOUT_VISIT)
    changed = (
        scoped(user, Report.objects.filter(last_activity_at__gt=changed_since))
        .select_related("cycle", "body")
        .order_by("-last_activity_at", "pk")
    )
    return {
        "queue": _listed(queue),
        "overdue": _listed(overdue),
        "late": _listed(late),
        "changed": _listed(changed),
        "since": since,
        "today": today,
    }
