"""Reading a report and its workflow (submit, return, accept); what every report page shares.

Every page first fetches the report within the user's scope (404 outside it), then checks the action's
permission on it (403); the services check again and do the work. Section HTML is shown as HTML only after
``content.sanitize_html`` (the services sanitise what they store; the pages sanitise again what they show).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views import View

from rightstrack.core.scope import ensure_can, get_scoped_or_404
from rightstrack.core.views import PermissionMixin
from rightstrack.reporting import selectors, services
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.content import html_to_text, sanitize_html
from rightstrack.reporting.exceptions import ReportNotEditable, StaleReport
from rightstrack.reporting.forms.reports import ReturnForm
from rightstrack.reporting.models import Report, ReportSection, ReviewComment, TemplateSection
from rightstrack.reporting.services.reports import ensure_editable


def clean_html(value: str) -> SafeString:
    """Report HTML made safe to show: sanitised here even though the services stored it sanitised."""
    return mark_safe(sanitize_html(value))  # nh3 has just removed everything unsafe


def section_numbers(sections: list[TemplateSection]) -> list[str]:
    """ "I.", "II." for the sections and "1.", "2." for the sub-sections under each, as the Word export."""
    numerals = ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"]
    values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1]

    def roman(number: int) -> str:
        out = ""
        for value, numeral in zip(values, numerals, strict=True):
            count, number = divmod(number, value)
            out += numeral * count
        return out

    top = sub = 0
    numbers = []
    for section in sections:
        if section.parent_id is None:
            top, sub = top + 1, 0
            numbers.append(f"{roman(top)}.")
        else:
            sub += 1
            numbers.append(f"{sub}.")
    return numbers


def edit_refusal(report: Report) -> str | None:
    """Why the report's content cannot change now (closed cycle, submitted...), or None."""
    try:
        ensure_editable(report)
    except ReportNotEditable as error:
        return " ".join(error.messages)
    return None


class ReportMixin(PermissionMixin):
    """Fetch the report within scope (404), then check ``report_perm`` on it (403)."""

    report_perm = "reporting.view_report"
    report: Report
    kwargs: dict[str, Any]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.report = get_scoped_or_404(request.user, self.queryset(), pk=kwargs["pk"])
            ensure_can(request.user, self.report_perm, self.report)
        return super().dispatch(request, *args, **kwargs)

    def queryset(self) -> QuerySet[Report]:
        return selectors.report_detail()

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


def section_views(report: Report, html_by_key: dict[str, str] | None = None) -> list[SectionView]:
    """The template's sections in order with the report's text (or a revision's, ``html_by_key``)."""
    rows = {row.section.key: row for row in report.sections.all()}
    template_sections = sorted((row.section for row in rows.values()), key=lambda s: s.order)
    comments: dict[int, list[ReviewComment]] = {}
    for comment in report.comments.all():
        if comment.section_id is not None:
            comments.setdefault(comment.section_id, []).append(comment)
    views = []
    for number, section in zip(section_numbers(template_sections), template_sections, strict=True):
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
    """Which buttons the user gets, by permission and by the report's status."""
    editable = edit_refusal(report) is None
    submitted = report.status == ReportStatus.SUBMITTED
    cycle_open = report.cycle.status == "open"
    return {
        "can_edit": editable and user.has_perm("reporting.change_report", report),
        "can_submit": editable and user.has_perm("reporting.submit_report", report),
        "can_return": submitted and cycle_open and user.has_perm("reporting.return_report", report),
        "can_accept": submitted and user.has_perm("reporting.accept_report", report),
    }


# Reading --------------------------------------------------------------------------------------------


class ReportDetailView(ReportMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.report
        figures = sorted(report.figures.all(), key=lambda row: row.indicator.order)
        return render(
            request,
            "reporting/reports/report_detail.html",
            {
                "report": report,
                "sections": section_views(report),
                "general_comments": sorted(
                    (c for c in report.comments.all() if c.section_id is None),
                    key=lambda c: c.created_at,
                    reverse=True,
                ),
                "figures": figures,
                "unplaced": clean_html(report.unplaced_html) if html_to_text(report.unplaced_html) else "",
                "attachments": list(report.attachments.all()),
                "revisions": list(selectors.report_revisions(report)),
                **report_actions(request.user, report),
            },
        )


# The workflow ---------------------------------------------------------------------------------------


class ReportSubmitView(ReportMixin, View):
    report_perm = "reporting.submit_report"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            expected = int(request.POST.get("expected_version", ""))
        except ValueError:
            expected = None
        try:
            services.report_submit(actor=self.actor, report=self.report, expected_version=expected)
        except StaleReport:
            messages.error(
                request,
                _(
                    "The report was changed after you opened this page, so it was not submitted. "
                    "Read it again, then submit."
                ),
            )
            return redirect(self.detail_url())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.detail_url())
        messages.success(request, _("Report submitted to the standing office."))
        return redirect(self.detail_url())


class ReportReturnView(ReportMixin, View):
    """A reviewer sends a submitted report back with comments, per section where useful."""

    report_perm = "reporting.return_report"

    def form(self, data: Any = None) -> ReturnForm:
        sections = sorted((row.section for row in self.report.sections.all()), key=lambda s: s.order)
        return ReturnForm(data, sections=sections)

    def not_returnable(self) -> HttpResponse | None:
        if self.report.status == ReportStatus.SUBMITTED and self.report.cycle.status == "open":
            return None
        messages.warning(
            self.request,
            _("Only a submitted report in an open cycle can be returned; this one is “%(status)s”.")
            % {"status": self.report.get_status_display()},
        )
        return redirect(self.detail_url())

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.not_returnable() or self.show(self.form())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        refused = self.not_returnable()
        if refused:
            return refused
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.report_return(actor=self.actor, report=self.report, comments=form.comments())
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Report returned to the province with your comments."))
                return redirect(self.detail_url())
        return self.show(form)

    def show(self, form: ReturnForm, status: int = 200) -> HttpResponse:
        views = {view.key: view for view in section_views(self.report)}
        fields = [(views[section.key], bound) for section, bound in form.section_fields()]
        return render(
            self.request,
            "reporting/reports/report_return.html",
            {"report": self.report, "form": form, "section_fields": fields},
            status=status,
        )


class ReportAcceptView(ReportMixin, View):
    report_perm = "reporting.accept_report"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if self.report.status != ReportStatus.SUBMITTED:
            messages.warning(
                request,
                _("Only a submitted report can be accepted; this one is “%(status)s”.")
                % {"status": self.report.get_status_display()},
            )
            return redirect(self.detail_url())
        return render(request, "reporting/reports/report_accept.html", {"report": self.report})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            services.report_accept(actor=self.actor, report=self.report)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Report accepted."))
        return redirect(self.detail_url())
