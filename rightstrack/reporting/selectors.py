"""Reads for reporting: scoped, with their relations loaded up front, in a constant number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.scope import scoped
from rightstrack.places.models import Region
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.content import html_to_text, text_diff
from rightstrack.reporting.models import (
    Attachment,
    CycleParticipant,
    Report,
    ReportFigure,
    ReportingCycle,
    ReportRevision,
    ReportSection,
    ReportTemplate,
    ReviewComment,
    TemplateIndicator,
    TemplateSection,
)

FOCAL_POINT_ROLES = (Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT)
REVIEWER_ROLES = (Role.REVIEWER, Role.SECRETARIAT)

# Bodies and people ----------------------------------------------------------------------------------


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


def focal_points_of(body: Body) -> QuerySet[User]:
    """The people who write ``body``'s reports."""
    return User.objects.filter(body=body, is_active=True, role__in=FOCAL_POINT_ROLES).order_by("username")


def reviewers_for(body: Body) -> QuerySet[User]:
    """Reviewers and standing-office staff whose scope covers ``body``: their body (or the committee their
    standing office acts for) is ``body`` or one of its ancestors."""
    ancestors = [int(step) for step in body.path.strip("/").split("/") if step] if body.path else [body.pk]
    return User.objects.filter(
        Q(body_id__in=ancestors) | Q(body__kind=BodyKind.STANDING_OFFICE, body__parent_id__in=ancestors),
        is_active=True,
        role__in=REVIEWER_ROLES,
    ).order_by("username")


# Templates ------------------------------------------------------------------------------------------


def template_list() -> QuerySet[ReportTemplate]:
    return ReportTemplate.objects.annotate(
        section_count=Count("sections", distinct=True), report_count=Count("reports", distinct=True)
    ).order_by("family", "-version")


def template_current(family: str) -> ReportTemplate | None:
    return ReportTemplate.objects.filter(family=family, is_current=True).first()


def template_detail() -> QuerySet[ReportTemplate]:
    return ReportTemplate.objects.select_related("created_by").prefetch_related(
        Prefetch("sections", queryset=TemplateSection.objects.select_related("parent").order_by("order")),
        Prefetch("indicators", queryset=TemplateIndicator.objects.order_by("order")),
    )


# Cycles ---------------------------------------------------------------------------------------------


def cycle_list() -> QuerySet[ReportingCycle]:
    return ReportingCycle.objects.select_related("template", "region").annotate(
        participant_count=Count("participants", distinct=True)
    )


def cycle_detail() -> QuerySet[ReportingCycle]:
    return ReportingCycle.objects.select_related("template", "region", "created_by")


# Reports --------------------------------------------------------------------------------------------


def report_list(*, user: Any, cycle: ReportingCycle | None = None) -> QuerySet[Report]:
    reports = scoped(user, Report.objects.all())
    if cycle is not None:
        reports = reports.filter(cycle=cycle)
    return reports.select_related("cycle", "body", "body__unit", "template", "submitted_by").order_by(
        "-cycle__period_end", "body__name"
    )


def reports_to_write(*, user: User) -> QuerySet[Report]:
    """The user's own body's reports that still need work in open cycles."""
    if user.body_id is None:
        return Report.objects.none()
    return report_list(user=user).filter(
        body_id=user.body_id,
        cycle__status=CycleStatus.OPEN,
        status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED],
    )


def reports_to_review(*, user: Any) -> QuerySet[Report]:
    return report_list(user=user).filter(status=ReportStatus.SUBMITTED).order_by("submitted_at")


def report_detail() -> QuerySet[Report]:
    """One report with everything its page shows (apply ``get_scoped_or_404`` to it)."""
    return Report.objects.select_related(
        "cycle",
        "body",
        "body__unit",
        "template",
        "submitted_by",
        "returned_by",
        "accepted_by",
    ).prefetch_related(
        Prefetch(
            "sections",
            queryset=ReportSection.objects.select_related(
                "section", "section__parent", "updated_by"
            ).order_by("section__order"),
        ),
        Prefetch(
            "figures", queryset=ReportFigure.objects.select_related("indicator").order_by("indicator__order")
        ),
        Prefetch("comments", queryset=ReviewComment.objects.select_related("author", "section")),
        Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
    )


def report_content(report: Report) -> dict[str, Any]:
    """The report's content as revisions store it: sections by key, figures as text, unplaced text."""
    sections = (
        ReportSection.objects.filter(report=report).select_related("section").order_by("section__order")
    )
    figures = (
        ReportFigure.objects.filter(report=report).select_related("indicator").order_by("indicator__order")
    )
    return {
        "sections": {row.section.key: row.html for row in sections},
        "figures": {row.indicator.key: (row.display_value or None) for row in figures},
        "unplaced": report.unplaced_html,
    }


def report_revisions(report: Report) -> QuerySet[ReportRevision]:
    return ReportRevision.objects.filter(report=report).select_related("created_by").order_by("-number")


class SectionDiff(NamedTuple):
    """One changed part of a report between two revisions: its title and a unified text diff."""

    title: str
    diff: str


def revision_diff(a: ReportRevision, b: ReportRevision) -> list[SectionDiff]:
    """What changed from revision ``a`` to ``b``, section by section in template order, then the figures and
    the unplaced text. Sections are compared as plain text; unchanged parts are left out."""
    template_id = a.report.template_id
    sections = TemplateSection.objects.filter(template_id=template_id).order_by("order")
    indicators = TemplateIndicator.objects.filter(template_id=template_id).order_by("order")
    before, after = a.snapshot or {}, b.snapshot or {}
    diffs: list[SectionDiff] = []
    for section in sections:
        old = html_to_text(before.get("sections", {}).get(section.key, ""))
        new = html_to_text(after.get("sections", {}).get(section.key, ""))
        if old != new:
            diffs.append(SectionDiff(section.display_title, text_diff(old, new)))
    figure_lines = []
    for indicator in indicators:
        old_value = before.get("figures", {}).get(indicator.key) or ""
        new_value = after.get("figures", {}).get(indicator.key) or ""
        if old_value != new_value:
            figure_lines.append(f"{indicator.display_label}: {old_value or '—'} → {new_value or '—'}")
    if figure_lines:
        diffs.append(SectionDiff(_("Figures"), "\n".join(figure_lines)))
    old_unplaced = html_to_text(before.get("unplaced", ""))
    new_unplaced = html_to_text(after.get("unplaced", ""))
    if old_unplaced != new_unplaced:
        diffs.append(
            SectionDiff(_("Text not yet placed in a section"), text_diff(old_unplaced, new_unplaced))
        )
    return diffs


# The cycle dashboard --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardRow:
    body: Body
    report: Report | None
    status: str | None
    submitted_at: datetime.datetime | None
    is_late: bool
    last_activity_at: datetime.datetime | None


@dataclass(frozen=True)
class CycleDashboard:
    cycle: ReportingCycle
    rows: list[DashboardRow]
    counts: dict[str, int] = field(default_factory=dict)  # by report status, over the region's rows
    total: int = 0
    late: int = 0


def cycle_dashboard(
    *,
    user: Any,
    cycle: ReportingCycle,
    region: Region | None = None,
    region_on: datetime.date | None = None,
    status: str | None = None,
    late: bool | None = None,
    today: datetime.date | None = None,
) -> CycleDashboard:
    """Each participant the user may see: report status, submitted on, late or not, last activity.

    ``region`` keeps the participants whose province was in it on ``region_on`` (default: the date the cycle's
    participants were chosen, else the end of its period). Counts cover the region's rows before the status
    and lateness filters. Three queries whatever the number of participants.
    """
    today = today or timezone.localdate()
    participants = scoped(user, CycleParticipant.objects.filter(cycle=cycle))
    reports = scoped(user, Report.objects.filter(cycle=cycle))
    if region is not None:
        units = region.units_on(region_on or cycle.region_on or cycle.period_end)
        participants = participants.filter(body__unit__in=units)
        reports = reports.filter(body__unit__in=units)
    by_body = {report.body_id: report for report in reports.select_related("submitted_by")}
    rows: list[DashboardRow] = []
    for participant in participants.select_related("body", "body__unit").order_by("body__name"):
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
            )
        )
    counted = Counter(row.status for row in rows if row.status)
    counts = {value: counted.get(value, 0) for value in ReportStatus.values}
    late_count = sum(1 for row in rows if row.is_late)
    total = len(rows)
    if status:
        rows = [row for row in rows if row.status == status]
    if late is not None:
        rows = [row for row in rows if row.is_late == late]
    return CycleDashboard(cycle=cycle, rows=rows, counts=counts, total=total, late=late_count)
