"""Reading a report and its workflow (submit, return, accept); what every report page shares.

Every page first fetches the report within the user's scope (404 outside it), then checks the action's
permission on it (403); the services check again and do the work. Section HTML is shown as HTML only after
``content.sanitize_html`` (the services sanitise what they store; the pages sanitise again what they show).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.dates import format_date
from rightstrack.core.scope import is_read_only_for
from rightstrack.core.text import outline_numbers
from rightstrack.core.views.errors import error_text
from rightstrack.core.views.generic import ObjectActionView, ObjectView, ScopedObjectMixin
from rightstrack.exchange.html import html_to_text, sanitize_html
from rightstrack.reporting import extensions, selectors, services
from rightstrack.reporting.choices import ReportStatus, RevisionReason
from rightstrack.reporting.exceptions import IncompleteReport, ReportNotEditable, StaleReport
from rightstrack.reporting.forms.reports import ReturnForm
from rightstrack.reporting.models import Report, ReportRevision, ReportSection, ReviewComment
from rightstrack.reporting.services.reports import ensure_editable


def clean_html(value: str) -> SafeString:
    """Report HTML made safe to show: sanitised here even though the services stored it sanitised."""
    return mark_safe(sanitize_html(value))  # nh3 has just removed everything unsafe


def edit_refusal(report: Report) -> str | None:
    """Why the report's content cannot change now (closed cycle, submitted...), or None."""
    try:
        ensure_editable(report)
    except ReportNotEditable as error:
        return error_text(error)
    return None


class ReportMixin(ScopedObjectMixin):
    """The report the URL names, fetched within scope (404), ``object_permission`` checked on it (403)."""

    object_permission = "reporting.view_report"
    context_object_name = "report"
    #: What of the report the page shows, loaded with it (``selectors.report_detail``): a query each.
    report_parts: tuple[str, ...] = selectors.REPORT_PARTS

    def get_queryset(self) -> QuerySet[Report]:
        return selectors.report_detail(self.report_parts)

    @property
    def report(self) -> Report:
        return cast(Report, self.object)

    def detail_url(self, anchor: str = "") -> str:
        return reverse("reporting:report_detail", args=[self.report.pk]) + anchor

    def edit_url(self, anchor: str = "") -> str:
        return reverse("reporting:report_edit", args=[self.report.pk]) + anchor

    def refused(self) -> HttpResponse | None:
        """Back to the report, saying why, when its content cannot change now (submitted, cycle closed)."""
        refusal = edit_refusal(self.report)
        if refusal is None:
            return None
        messages.warning(self.request, refusal)
        return redirect(self.detail_url())


@dataclass
class SectionView:
    """A section as the pages show it: number, title, sanitised text, guidance and review comments."""

    key: str
    number: str
    title: str
    level: int
    html: SafeString
    has_text: bool
    guidance: str
    row: ReportSection | None = None
    comments: list[ReviewComment] = field(default_factory=list)


def with_extensions(
    report: Report, views: list[SectionView], added: dict[str, str] | None = None
) -> list[SectionView]:
    """The sections with what other apps add to them as text (answers to tasks: ``reporting.extensions``,
    ``added`` when the page has it already); what belongs to no section of this template goes after the last
    one."""
    if added is None:
        added = extensions.extra_html(report, section_keys=[view.key for view in views])
    for index, view in enumerate(views):
        extra = added.get(view.key, "") + (added.get("", "") if index == len(views) - 1 else "")
        if extra:
            view.html = clean_html(str(view.html) + extra)
            view.has_text = True
    return views


def section_views(report: Report, html_by_key: dict[str, str] | None = None) -> list[SectionView]:
    """The template's sections in order with the report's text (or a revision's, ``html_by_key``)."""
    rows = {row.section.key: row for row in report.sections.all()}
    template_sections = sorted((row.section for row in rows.values()), key=lambda s: s.order)
    comments: dict[int, list[ReviewComment]] = {}
    for comment in report.comments.all():
        if comment.section_id is not None:
            comments.setdefault(comment.section_id, []).append(comment)
    views = []
    levels = (1 if section.parent_id is None else 2 for section in template_sections)
    for number, section in zip(outline_numbers(levels), template_sections, strict=True):
        raw = html_by_key.get(section.key, "") if html_by_key is not None else rows[section.key].html
        views.append(
            SectionView(
                key=section.key,
                number=number,
                title=section.display_title,
                level=section.level,
                html=clean_html(raw),
                has_text=bool(html_to_text(raw)),
                guidance=section.display_guidance,
                row=rows.get(section.key),
                comments=sorted(comments.get(section.pk, []), key=lambda c: c.created_at, reverse=True),
            )
        )
    return views


def report_actions(user: Any, report: Report) -> dict[str, bool]:
    """Which buttons the user gets, by permission and by the report's status; a predecessor's report (read,
    never changed, by the committee that succeeded its own) gets none."""
    if is_read_only_for(user, report):
        return {
            "can_edit": False,
            "can_submit": False,
            "can_return": False,
            "can_accept": False,
            "read_only_predecessor": True,
        }
    editable = edit_refusal(report) is None
    submitted = report.status == ReportStatus.SUBMITTED
    cycle_open = report.cycle.status == "open"
    return {
        "can_edit": editable and user.has_perm("reporting.change_report", report),
        "can_submit": editable and user.has_perm("reporting.submit_report", report),
        "can_return": submitted and cycle_open and user.has_perm("reporting.return_report", report),
        "can_accept": submitted and user.has_perm("reporting.accept_report", report),
        "read_only_predecessor": False,
    }


# Reading --------------------------------------------------------------------------------------------


def imported_letter(letter: dict[str, Any], language: str) -> dict[str, Any] | None:
    """What the imported Word letter said about itself (``Report.letter``), as the report page shows it:
    "12/BC-BCĐ", "Hà Nội, 03/12/2024", the signer's lines and the recipients; None when nothing was kept."""
    if not letter:
        return None
    number = "/".join(part for part in (letter.get("number", ""), letter.get("symbol", "")) if part)
    day = letter.get("date")
    try:
        when = format_date(datetime.date.fromisoformat(day), language) if day else ""
    except ValueError:
        when = ""
    place_date = ", ".join(part for part in (letter.get("place", ""), when) if part)
    signer = " · ".join(
        " ".join(str(letter[key]).split())
        for key in ("signer_authority", "signer_position", "signer_name")
        if letter.get(key)
    )
    shown = {
        "number": number,
        "place_date": place_date,
        "signer": signer,
        "issuing_body": letter.get("issuing_body", ""),
        "recipients": [str(line) for line in letter.get("recipients", [])],
    }
    return shown if any(shown.values()) else None


@dataclass(frozen=True)
class RevisionRow:
    """A line of the report page's list of versions, its labels and addresses worked out here once: a
    report gathers a version per writer every ten minutes of writing, and in the template each line's
    labels and ``{% url %}`` cost about a millisecond (docs/benchmarks.md, "Load")."""

    number: int
    updated_at: datetime.datetime
    by: str
    reason: str
    autosave: bool
    status: str
    label: str  # "version 12", for screen readers beside "View" and "Changes"
    url: str
    changes_url: str  # with the version before it (the template shows none on the oldest)


def revision_rows(report: Report, revisions: list[ReportRevision]) -> list[RevisionRow]:
    """``revisions`` (newest first) as the list shows them."""
    reasons = {value: str(label) for value, label in RevisionReason.choices}
    statuses = {value: str(label) for value, label in ReportStatus.choices}
    # The versions' addresses differ only in the number at their end: reversed once, numbered here.
    first = reverse("reporting:report_revision", args=[report.pk, 1])
    base = first.removesuffix("1/")
    compare = reverse("reporting:report_revision_diff", args=[report.pk])
    return [
        RevisionRow(
            number=revision.number,
            updated_at=revision.updated_at,
            by=revision.created_by.display_name if revision.created_by else "",
            reason=reasons.get(revision.reason, revision.reason),
            autosave=revision.autosave,
            status=statuses.get(revision.status, revision.status),
            label=_("version %(number)s") % {"number": localize(revision.number)},
            url=f"{base}{revision.number}/",
            changes_url=f"{compare}?a={revision.number - 1}&b={revision.number}",
        )
        for revision in revisions
    ]


class ReportDetailView(ReportMixin, ObjectView):
    template_name = "reporting/reports/report_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = self.report
        figures = sorted(report.figures.all(), key=lambda row: row.indicator.order)
        actions = report_actions(self.request.user, report)
        revisions = list(selectors.report_revisions(report))
        views = section_views(report)
        # What other apps add to the sections (answers to tasks), worked out once for the text and the check.
        added = extensions.extra_html(report, section_keys=[view.key for view in views])
        return super().get_context_data(**kwargs) | {
            "submit_check": selectors.submission_check(report, added=added)
            if actions["can_submit"]
            else None,
            "sections": with_extensions(report, views, added),
            "general_comments": sorted(
                (c for c in report.comments.all() if c.section_id is None),
                key=lambda c: c.created_at,
                reverse=True,
            ),
            "figures": figures,
            "unplaced": clean_html(report.unplaced_html) if html_to_text(report.unplaced_html) else "",
            "imported_letter": imported_letter(report.letter, translation.get_language() or "vi"),
            "attachments": list(report.attachments.all()),
            "revisions": revision_rows(report, revisions),
            "shown_version": revisions[0].number if revisions else 1,  # the number the list shows
            **actions,
        }


# The workflow ---------------------------------------------------------------------------------------


class ReportSubmitView(ReportMixin, ObjectActionView):
    object_permission = "reporting.submit_report"
    report_parts = ()  # the service reads the report again, under lock
    http_method_names = ["post"]
    service = services.report_submit
    success_message = gettext_lazy("Report submitted to the standing office.")

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        try:
            expected: int | None = int(self.request.POST.get("expected_version", ""))
        except ValueError:
            expected = None
        confirmed = self.request.POST.get("confirm", "") in {"1", "on", "true"}
        return super().get_service_kwargs(form) | {
            "expected_version": expected,
            "confirm_incomplete": confirmed,  # the check before submitting: gaps need the writer's yes
        }

    def service_refused(self, form: BaseForm | None, error: ValidationError) -> HttpResponse:
        if isinstance(error, IncompleteReport):
            messages.warning(self.request, error_text(error))
            return redirect(self.detail_url("#submit-check"))
        if isinstance(error, StaleReport):
            messages.error(
                self.request,
                _(
                    "The report was changed after you opened this page, so it was not submitted. "
                    "Read it again, then submit."
                ),
            )
            return redirect(self.detail_url())
        return super().service_refused(form, error)


class ReportReturnView(ReportMixin, ObjectActionView):
    """A reviewer sends a submitted report back with comments, per section where useful."""

    object_permission = "reporting.return_report"
    template_name = "reporting/reports/report_return.html"
    form_class = ReturnForm
    service = services.report_return
    success_message = gettext_lazy("Report returned to the province with your comments.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "sections": sorted((row.section for row in self.report.sections.all()), key=lambda s: s.order)
        }

    def refuse(self) -> HttpResponse | None:
        if self.report.status == ReportStatus.SUBMITTED and self.report.cycle.status == "open":
            return None
        messages.warning(
            self.request,
            _("Only a submitted report in an open cycle can be returned; this one is “%(status)s”.")
            % {"status": self.report.get_status_display()},
        )
        return redirect(self.detail_url())

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert isinstance(form, ReturnForm)
        return {"report": self.report, "comments": form.comments()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        views = {view.key: view for view in section_views(self.report)}
        context["section_fields"] = [
            (views[section.key], bound) for section, bound in context["form"].section_fields()
        ]
        return context


class ReportAcceptView(ReportMixin, ObjectActionView):
    object_permission = "reporting.accept_report"
    template_name = "reporting/reports/report_accept.html"
    service = services.report_accept
    success_message = gettext_lazy("Report accepted.")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.report.status != ReportStatus.SUBMITTED:
            messages.warning(
                request,
                _("Only a submitted report can be accepted; this one is “%(status)s”.")
                % {"status": self.report.get_status_display()},
            )
            return redirect(self.detail_url())
        return super().get(request, *args, **kwargs)
