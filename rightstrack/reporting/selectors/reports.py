"""Reads of reports: lists in scope, what to write and to review, one report with everything loaded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body
from rightstrack.bodies.rules import acting_for_any
from rightstrack.core.collation import vi_order
from rightstrack.core.scope import read_roots, scoped
from rightstrack.core.text import outline_numbers
from rightstrack.exchange.html import html_to_text
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.extensions import extra_html
from rightstrack.reporting.models import (
    Attachment,
    Report,
    ReportFigure,
    ReportingCycle,
    ReportSection,
    ReviewComment,
)

FOCAL_POINT_ROLES = (Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT)
REVIEWER_ROLES = (Role.REVIEWER, Role.SECRETARIAT)


def focal_points_of(body: Body) -> QuerySet[User]:
    """The people who write ``body``'s reports."""
    return User.objects.filter(body=body, is_active=True, role__in=FOCAL_POINT_ROLES).order_by("username")


def reviewers_for(body: Body) -> QuerySet[User]:
    """Reviewers and standing-office staff whose scope covers ``body``: their body (or the committee their
    standing office acts for) is ``body`` or one of its ancestors."""
    ancestors = [int(step) for step in body.path.strip("/").split("/") if step] if body.path else [body.pk]
    return User.objects.filter(
        acting_for_any(ancestors, prefix="body__"),
        is_active=True,
        role__in=REVIEWER_ROLES,
    ).order_by("username")


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


def predecessor_reports(*, user: Any) -> list[tuple[Body, list[Report]]]:
    """The reports of the committees whose work the user's committee took over (read, never changed), by
    predecessor: Hồ Chí Minh City's focal point gets those of the old Hồ Chí Minh City, Bà Rịa–Vũng Tàu
    and Bình Dương. Two queries."""
    roots = read_roots(user)
    if not roots:
        return []
    reports = (
        report_list(user=user).filter(body__in=roots).order_by(vi_order("body__name"), "-cycle__period_end")
    )
    by_body: dict[int, list[Report]] = {}
    for report in reports:
        by_body.setdefault(report.body_id, []).append(report)
    return [(body, by_body[body.pk]) for body in roots if body.pk in by_body]


def reports_to_review(*, user: Any) -> QuerySet[Report]:
    return report_list(user=user).filter(status=ReportStatus.SUBMITTED).order_by("submitted_at")


REPORT_PARTS = ("sections", "figures", "comments", "attachments")


def report_detail(parts: Iterable[str] = REPORT_PARTS) -> QuerySet[Report]:
    """One report with what its page shows (apply ``get_scoped_or_404`` to it): its ``parts`` loaded up
    front, one query each. A page that shows no comments or attachments (a Word file) names the parts it
    shows: each costs a query, and compiling it costs more than running it (docs/benchmarks.md, "Load")."""
    chosen = set(parts)
    if not chosen <= set(REPORT_PARTS):
        raise ValueError(f"unknown report parts: {sorted(chosen - set(REPORT_PARTS))}")
    prefetches = {
        "sections": Prefetch(
            "sections",
            queryset=ReportSection.objects.select_related("section", "updated_by").order_by("section__order"),
        ),
        "figures": Prefetch(
            "figures", queryset=ReportFigure.objects.select_related("indicator").order_by("indicator__order")
        ),
        # In a report's own list the models' default order (report, then time) is by time; spelt out, it
        # spares each query the joins to the report and its cycle that ordering by "report" brings.
        "comments": Prefetch(
            "comments",
            queryset=ReviewComment.objects.select_related("author", "section").order_by("created_at", "id"),
        ),
        "attachments": Prefetch(
            "attachments",
            queryset=Attachment.objects.select_related("uploaded_by").order_by("uploaded_at", "id"),
        ),
    }
    return Report.objects.select_related(
        "cycle",
        "body",
        "body__unit",
        "template",
        "submitted_by",
        "returned_by",
        "accepted_by",
    ).prefetch_related(*(prefetches[name] for name in REPORT_PARTS if name in chosen))


def _loaded(report: Report, name: str) -> bool:
    """Whether ``report_detail()`` already loaded the report's ``name`` rows (its prefetch)."""
    return name in getattr(report, "_prefetched_objects_cache", {})


def section_rows(report: Report) -> list[ReportSection]:
    """The report's sections in the template's order, each with its template section: those
    ``report_detail()`` loaded, else one query. A page asks for them once and every part of it reuses them."""
    if _loaded(report, "sections"):
        return sorted(report.sections.all(), key=lambda row: row.section.order)
    return list(
        ReportSection.objects.filter(report=report).select_related("section").order_by("section__order")
    )


def figure_rows(report: Report) -> list[ReportFigure]:
    """The report's figures in the template's order, each with its indicator: those ``report_detail()``
    loaded, else one query."""
    if _loaded(report, "figures"):
        return sorted(report.figures.all(), key=lambda row: row.indicator.order)
    return list(
        ReportFigure.objects.filter(report=report).select_related("indicator").order_by("indicator__order")
    )


def report_content(report: Report) -> dict[str, Any]:
    """The report's content as revisions store it: sections by key, figures as text, unplaced text."""
    return report_content_and_changes(report)[0]


def report_content_and_changes(report: Report) -> tuple[dict[str, Any], dict[str, dict[str, int]]]:
    """``report_content``, and by section and figure key the version in which each last changed (0: unknown),
    from the same two queries: what a stale save's merge needs (``services.conflicts``)."""
    sections = list(
        ReportSection.objects.filter(report=report).select_related("section").order_by("section__order")
    )
    figures = list(
        ReportFigure.objects.filter(report=report).select_related("indicator").order_by("indicator__order")
    )
    content = {
        "sections": {row.section.key: row.html for row in sections},
        "figures": {row.indicator.key: (row.display_value or None) for row in figures},
        "unplaced": report.unplaced_html,
    }
    changed_in = {
        "sections": {row.section.key: row.changed_in for row in sections},
        "figures": {row.indicator.key: row.changed_in for row in figures},
    }
    return content, changed_in


@dataclass(frozen=True)
class SubmissionCheck:
    """What a writer should see before submitting: sections with no text (numbered as the report numbers
    them), text still waiting in "not yet placed", and figures left blank."""

    empty_sections: list[str] = field(default_factory=list)
    unplaced: bool = False
    missing_figures: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not (self.empty_sections or self.unplaced or self.missing_figures)


def submission_check(report: Report, *, added: dict[str, str] | None = None) -> SubmissionCheck:
    """The check shown (page) and returned (API) before a report is submitted. A heading section counts as
    written when one of its sub-sections is, and a section holds what other apps add to it (answers to tasks:
    ``added``, the page's ``extensions.extra_html`` when it has it already).

    Reuses the sections and figures ``report_detail()`` loaded; else two queries. Plus one per report
    extension when ``added`` is not given."""
    rows = section_rows(report)
    written = {row.section_id for row in rows if html_to_text(row.html)}
    if added is None:  # what other apps add to a section (answers to tasks) is its text too
        added = extra_html(report, section_keys=[row.section.key for row in rows])
    written |= {row.section_id for row in rows if html_to_text(added.get(row.section.key, ""))}
    parents_written = {row.section.parent_id for row in rows if row.section_id in written}
    levels = [1 if row.section.parent_id is None else 2 for row in rows]
    empty = [
        f"{number} {row.section.display_title}"
        for number, row in zip(outline_numbers(levels), rows, strict=True)
        if row.section_id not in written and row.section_id not in parents_written
    ]
    missing = [row.indicator.display_label for row in figure_rows(report) if row.value is None]
    return SubmissionCheck(
        empty_sections=empty, unplaced=bool(html_to_text(report.unplaced_html)), missing_figures=missing
    )
