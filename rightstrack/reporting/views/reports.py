"""Writing, reviewing, importing and exporting one report; a cycle's reports as files.

Every page first fetches the report within the user's scope (404 outside it), then checks the action's
permission on it (403); the services check again and do the work. Section HTML is shown as HTML only after
``content.sanitize_html`` (the services sanitise what they store; the pages sanitise again what they show).
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BoundField
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views import View

from rightstrack.core.scope import ensure_can, get_scoped_or_404
from rightstrack.core.views import PermissionMixin
from rightstrack.reporting import adapters, docx_import, exports, selectors, services
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.content import html_to_text, sanitize_html
from rightstrack.reporting.exceptions import ReportNotEditable, StaleReport
from rightstrack.reporting.forms_reports import (
    MOVE_PREFIX,
    UNPLACED_FIELD,
    AttachmentForm,
    ImportMoveForm,
    ImportUploadForm,
    ReportContentForm,
    ReturnForm,
    RevisionCompareForm,
    figure_field,
    section_field,
)
from rightstrack.reporting.models import (
    Attachment,
    Report,
    ReportingCycle,
    ReportRevision,
    ReportSection,
    ReviewComment,
    TemplateSection,
)
from rightstrack.reporting.services.reports import ensure_editable

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {  # served by the kind detected from the content, never by what the uploader's browser said
    "pdf": "application/pdf",
    "docx": DOCX_TYPE,
    "xlsx": XLSX_TYPE,
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
AUTOSAVE_INTERVAL_MS = 20_000
IMPORT_SESSION_KEY = "reporting_import"
MAX_PENDING_IMPORT_CHARS = 2_000_000  # the plan waits in the session between upload and confirmation
PREVIEW_CHARS = 400


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


def file_response(content: bytes, name: str, content_type: str) -> FileResponse:
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=name, content_type=content_type)


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


class RevisionDetailView(ReportMixin, View):
    """The report's whole content as one revision recorded it."""

    def get(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        revision = get_object_or_404(
            ReportRevision.objects.select_related("created_by"), report=self.report, number=number
        )
        snapshot = revision.snapshot or {}
        figures = snapshot.get("figures", {})
        rows = sorted(self.report.figures.all(), key=lambda row: row.indicator.order)
        previous = (
            ReportRevision.objects.filter(report=self.report, number__lt=number)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        unplaced = snapshot.get("unplaced") or ""
        return render(
            request,
            "reporting/reports/revision_detail.html",
            {
                "report": self.report,
                "revision": revision,
                "previous": previous,
                "sections": section_views(self.report, snapshot.get("sections", {})),
                "figures": [(row.indicator, figures.get(row.indicator.key)) for row in rows],
                "unplaced": clean_html(unplaced) if html_to_text(unplaced) else "",
            },
        )


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "remove", "same", "hunk" (a gap between changes) or "figure"
    text: str


class RevisionDiffView(ReportMixin, View):
    """What changed between two revisions, section by section (``selectors.revision_diff``)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        revisions = list(selectors.report_revisions(self.report))
        if len(revisions) < 2:
            messages.info(
                request, _("This report has only one revision so far: there is nothing to compare.")
            )
            return redirect(self.detail_url("#revisions"))
        params = request.GET.copy()
        params.setdefault("b", str(revisions[0].number))
        params.setdefault("a", str(revisions[1].number))
        form = RevisionCompareForm(params, revisions=revisions)
        if not form.is_valid():
            raise Http404(_("No such revision."))
        by_number = {revision.number: revision for revision in revisions}
        older, newer = sorted((form.cleaned_data["a"], form.cleaned_data["b"]))
        a, b = by_number[older], by_number[newer]
        a.report = b.report = self.report
        diffs = []
        for diff in selectors.revision_diff(a, b):
            lines = [self.line(text) for text in diff.diff.splitlines()]
            if lines and lines[0].kind == "hunk":
                lines = lines[1:]  # a gap is shown between changes, not before the first
            diffs.append((diff.title, lines))
        return render(
            request,
            "reporting/reports/revision_diff.html",
            {"report": self.report, "form": form, "a": a, "b": b, "diffs": diffs},
        )

    @staticmethod
    def line(text: str) -> DiffLine:
        if text.startswith("@@"):
            return DiffLine("hunk", "…")
        if text.startswith("+"):
            return DiffLine("add", text[1:])
        if text.startswith("-"):
            return DiffLine("remove", text[1:])
        if text.startswith(" "):
            return DiffLine("same", text[1:])
        return DiffLine("figure", text)  # figures are listed as "label: old → new"


# Writing --------------------------------------------------------------------------------------------


@dataclass
class Conflict:
    """A section or figure someone else changed since the writer read it, with the newer value."""

    theirs: str
    theirs_html: SafeString | None = None


def _same_figure(a: Any, b: Any) -> bool:
    def number(value: Any) -> Decimal | None:
        text = str(value if value is not None else "").strip().replace(",", ".")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    first, second = number(a), number(b)
    if first is None and second is None:
        return str(a or "").strip() == str(b or "").strip()
    return first == second


def find_conflicts(
    form: ReportContentForm, error: StaleReport, expected_version: int
) -> tuple[dict[str, Conflict], dict[str, str]]:
    """Which posted fields clash with the newer content, and which the writer left untouched that someone
    else changed (those simply take the newer value). The version the writer read is found in the revisions
    when it was kept (version 1 is the empty draft); otherwise any difference counts as a clash, so nothing is
    overwritten unseen."""
    base_revision = (
        ReportRevision.objects.filter(report=form.report, report_version=expected_version)
        .order_by("-number")
        .first()
    )
    base = base_revision.snapshot if base_revision is not None else None
    if base is None and expected_version == 1:
        base = {"sections": {}, "figures": {}, "unplaced": ""}  # as the cycle opened it: empty
    conflicts: dict[str, Conflict] = {}
    refreshed: dict[str, str] = {}
    data = form.data
    for row in form.section_rows:
        name, key = section_field(row.section.key), row.section.key
        theirs = error.sections.get(key, "")
        if name not in form.posted:
            refreshed[name] = theirs
            continue
        mine = sanitize_html(str(data.get(name, "")))
        if mine == theirs:
            continue
        old = base["sections"].get(key, "") if base is not None else None
        if old is not None and mine == old:
            refreshed[name] = theirs
        elif old is None or theirs != old:
            conflicts[name] = Conflict(theirs=theirs, theirs_html=clean_html(theirs))
    if UNPLACED_FIELD in form.fields:
        theirs_unplaced = error.report.unplaced_html
        if UNPLACED_FIELD not in form.posted:
            refreshed[UNPLACED_FIELD] = theirs_unplaced
        else:
            mine = sanitize_html(str(data.get(UNPLACED_FIELD, "")))
            old = base.get("unplaced", "") if base is not None else None
            if mine != theirs_unplaced:
                if old is not None and mine == old:
                    refreshed[UNPLACED_FIELD] = theirs_unplaced
                elif old is None or theirs_unplaced != old:
                    conflicts[UNPLACED_FIELD] = Conflict(theirs_unplaced, clean_html(theirs_unplaced))
    for figure in form.figure_rows:
        name, key = figure_field(figure.indicator.key), figure.indicator.key
        theirs_value = error.figures.get(key) or ""
        if name not in form.posted:
            refreshed[name] = theirs_value
            continue
        mine_value = data.get(name, "")
        if _same_figure(mine_value, theirs_value):
            continue
        old_value = (base["figures"].get(key) or "") if base is not None else None
        if old_value is not None and _same_figure(mine_value, old_value):
            refreshed[name] = theirs_value
        elif old_value is None or not _same_figure(theirs_value, old_value):
            conflicts[name] = Conflict(theirs=theirs_value)
    return conflicts, refreshed


class ReportEditView(ReportMixin, View):
    """The writing page: sections in rich-text editors, figures, attachments; saves on a version."""

    report_perm = "reporting.change_report"
    template_name = "reporting/reports/report_edit.html"

    def content_form(self, data: Any = None) -> ReportContentForm:
        return ReportContentForm(
            data,
            report=self.report,
            sections=sorted(self.report.sections.all(), key=lambda row: row.section.order),
            figures=sorted(self.report.figures.all(), key=lambda row: row.indicator.order),
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.refused() or self.show(self.content_form())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        refused = self.refused()
        if refused:
            return refused
        form = self.content_form(request.POST)
        if not form.is_valid():
            return self.show(form)
        submit = request.POST.get("action") == "submit"
        kwargs = form.service_kwargs()
        try:
            with transaction.atomic():
                saved = services.report_save(actor=self.actor, report=self.report, **kwargs)
                if submit:
                    services.report_submit(actor=self.actor, report=saved, expected_version=saved.version)
        except StaleReport as error:
            return self.show_conflict(form, error, kwargs["expected_version"])
        except ReportNotEditable as error:
            messages.warning(request, " ".join(error.messages))
            return redirect(self.detail_url())
        except ValidationError as error:
            form.add_service_errors(error)
            return self.show(form)
        if submit:
            messages.success(request, _("Report submitted to the standing office."))
            return redirect(self.detail_url())
        messages.success(request, _("Report saved (version %(version)s).") % {"version": saved.version})
        return redirect(self.edit_url())

    def show_conflict(self, form: ReportContentForm, error: StaleReport, expected: int) -> HttpResponse:
        """Show the writer's text as typed beside the newer text; the page now bases on the new version."""
        conflicts, refreshed = find_conflicts(form, error, expected)
        data = dict(form.data) | refreshed
        data["expected_version"] = str(error.report.version)
        rebased = self.content_form(data)
        rebased.posted = set(form.posted) - set(refreshed)
        self.report.version = error.report.version
        latest = selectors.report_revisions(self.report).first()
        return self.show(
            rebased,
            conflicts=conflicts,
            stale_message=" ".join(error.messages),
            latest=latest,
            status=409,
        )

    def show(
        self,
        form: ReportContentForm,
        *,
        conflicts: dict[str, Conflict] | None = None,
        stale_message: str = "",
        latest: ReportRevision | None = None,
        status: int = 200,
    ) -> HttpResponse:
        conflicts = conflicts or {}
        report = self.report
        current = form.current_values()
        bound = form.is_bound

        def dirty(name: str) -> bool:
            if not bound or name not in form.posted:
                return False
            return sanitize_html(str(form.data.get(name, ""))) != sanitize_html(current.get(name, ""))

        sections = []
        for view, (_row, bound_field) in zip(section_views(report), form.sections(), strict=True):
            name = bound_field.name
            sections.append(
                {"view": view, "field": bound_field, "conflict": conflicts.get(name), "dirty": dirty(name)}
            )
        figures = [
            {"row": row, "field": bound_field, "conflict": conflicts.get(bound_field.name)}
            for row, bound_field in form.figures()
        ]
        context = {
            "report": report,
            "form": form,
            "sections": sections,
            "figures": figures,
            "unplaced_field": form[UNPLACED_FIELD] if UNPLACED_FIELD in form.fields else None,
            "unplaced_conflict": conflicts.get(UNPLACED_FIELD),
            "conflict_count": len(conflicts),
            "stale_message": stale_message,
            "latest": latest,
            "attachment_form": AttachmentForm(),
            "attachments": list(report.attachments.all()),
            "general_comments": [c for c in report.comments.all() if c.section_id is None],
            "editor_config": self.editor_config(form),
            **report_actions(self.actor, report),
        }
        return render(self.request, self.template_name, context, status=status)

    def editor_config(self, form: ReportContentForm) -> dict[str, Any]:
        return {
            "reportId": self.report.pk,
            "userId": self.actor.pk,
            "version": int(form["expected_version"].value() or self.report.version),
            "autosaveUrl": reverse("reporting:report_autosave", args=[self.report.pk]),
            "intervalMs": AUTOSAVE_INTERVAL_MS,
            "strings": editor_strings(),
        }


def editor_strings() -> dict[str, str]:
    """Every text the editor script shows, in the page's language (the script fills in ``%(name)s``)."""
    return {
        "saving": _("Saving…"),
        "saved": _("All changes saved at %(time)s."),
        "unsaved": _("Changes not saved yet."),
        "offline": _(
            "Not saved: the server could not be reached. Your text is kept in this browser and will be "
            "saved when the connection returns."
        ),
        "invalid": _("Not saved: correct the fields marked below."),
        "figuresNotSaved": _("The text is saved; the figures marked below are not: correct them."),
        "conflict": _(
            "Someone else saved this report while you were writing. Nothing you typed is lost: compare the "
            "sections marked “Changed by someone else” and choose which text to keep."
        ),
        "conflictBadge": _("Changed by someone else"),
        "resolveFirst": _(
            "Choose which text to keep in each section marked “Changed by someone else” before saving."
        ),
        "refreshed": _("This section was updated with a colleague's newer text."),
        "useTheirs": _("Use the newer text"),
        "keepMine": _("Keep my text"),
        "copyMine": _("Copy my text"),
        "copied": _("Your text was copied to the clipboard."),
        "keptMine": _("Your text will replace the newer text when you save."),
        "restorePrompt": _("This browser kept text you had not saved (%(time)s). Restore it?"),
        "restore": _("Restore my unsaved text"),
        "discard": _("Discard it"),
        "restored": _("Your unsaved text was restored. Check it, then save."),
        "confirmSubmit": _(
            "Submit this report to the standing office? You will not be able to change it unless it is "
            "returned to you."
        ),
        "placeholder": _("Write here…"),
        "textStyle": _("Text style"),
        "normal": _("Normal text"),
        "heading2": _("Heading"),
        "heading3": _("Subheading"),
        "heading4": _("Minor heading"),
        "bold": _("Bold"),
        "italic": _("Italic"),
        "underline": _("Underline"),
        "ordered": _("Numbered list"),
        "bullet": _("Bulleted list"),
        "link": _("Link"),
        "clean": _("Remove formatting"),
        "linkVisit": _("Open link:"),
        "linkEnter": _("Link address:"),
        "linkEdit": _("Edit"),
        "linkSave": _("Save"),
        "linkRemove": _("Remove"),
        "readOnly": _("This report can no longer be edited."),
        "mergedCells": _(
            "This section holds a table with merged cells. The editor shows every cell on its own: if you "
            "change this section, the table is saved without the merging."
        ),
    }


class ReportAutosaveView(ReportMixin, View):
    """POST {version, sections, figures[, unplaced]} as JSON: 200 with the new version, 409 with the newer
    text when the version is stale (``code: stale``) or the report is no longer editable (``read_only``),
    400 with the errors by field when something is invalid (nothing is saved then)."""

    report_perm = "reporting.change_report"
    http_method_names = ["post"]

    def queryset(self) -> QuerySet[Report]:
        return Report.objects.select_related("cycle", "body", "template")

    def post(self, request: HttpRequest, pk: int) -> JsonResponse:
        try:
            payload = json.loads(request.body or b"{}")
            version = payload["version"]
            sections = payload.get("sections") or {}
            figures = payload.get("figures") or {}
            unplaced = payload.get("unplaced")
            if not (
                isinstance(version, int)
                and isinstance(sections, dict)
                and isinstance(figures, dict)
                and all(isinstance(v, str) for v in sections.values())
                and all(v is None or isinstance(v, str | int | float) for v in figures.values())
                and (unplaced is None or isinstance(unplaced, str))
            ):
                raise ValueError
        except (ValueError, KeyError, TypeError):
            return JsonResponse(
                {"code": "bad_request", "message": _("The request was not understood.")}, status=400
            )
        try:
            saved = services.report_save(
                actor=self.actor,
                report=self.report,
                expected_version=version,
                sections=sections,
                figures={key: (str(value) if value is not None else None) for key, value in figures.items()},
                unplaced_html=unplaced,
                autosave=True,
            )
        except StaleReport as error:
            return JsonResponse(
                {
                    "code": "stale",
                    "message": " ".join(error.messages),
                    "version": error.report.version,
                    # The page shows these as HTML: cleaned again, like everything the pages show.
                    "sections": {key: sanitize_html(html) for key, html in error.sections.items()},
                    "figures": error.figures,
                    "unplaced": sanitize_html(error.report.unplaced_html),
                },
                status=409,
            )
        except ReportNotEditable as error:
            return JsonResponse({"code": "read_only", "message": " ".join(error.messages)}, status=409)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            return JsonResponse(
                {
                    "code": "invalid",
                    "message": _("Not saved: correct the fields marked below."),
                    "errors": errors,
                },
                status=400,
            )
        now = timezone.localtime()
        return JsonResponse(
            {
                "version": saved.version,
                "saved_at": now.isoformat(),
                "message": _("All changes saved at %(time)s.") % {"time": date_format(now, "H:i")},
            }
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


# Attachments ----------------------------------------------------------------------------------------


class AttachmentAddView(ReportMixin, View):
    report_perm = "reporting.change_report"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Choose a file to attach."))
            return redirect(self.edit_url("#attachments"))
        try:
            attachment = services.attachment_add(
                actor=self.actor, report=self.report, uploaded_file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(name)s” attached.") % {"name": attachment.original_name})
        return redirect(self.edit_url("#attachments"))


class AttachmentMixin(ReportMixin):
    attachment: Attachment

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            report = get_scoped_or_404(request.user, Report.objects.all(), pk=kwargs["pk"])
            self.attachment = get_scoped_or_404(
                request.user,
                Attachment.objects.select_related("report", "report__body"),
                pk=kwargs["attachment_pk"],
                report=report,
            )
        return super().dispatch(request, *args, **kwargs)


class AttachmentDownloadView(AttachmentMixin, View):
    def get(self, request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
        ensure_can(request.user, "reporting.view_attachment", self.attachment)
        attachment = self.attachment
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("This file is no longer stored.")) from None
        content_type = CONTENT_TYPES.get(attachment.kind, "application/octet-stream")
        return FileResponse(
            handle, as_attachment=True, filename=attachment.original_name, content_type=content_type
        )


class AttachmentDeleteView(AttachmentMixin, View):
    report_perm = "reporting.change_report"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
        name = self.attachment.original_name
        try:
            services.attachment_delete(actor=self.actor, attachment=self.attachment)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(name)s” removed.") % {"name": name})
        return redirect(self.edit_url("#attachments"))


# Word in --------------------------------------------------------------------------------------------


def plan_to_json(plan: docx_import.ImportPlan) -> dict[str, Any]:
    return {
        "parts": [asdict(part) for part in plan.parts],
        "matches": [asdict(match) for match in plan.matches],
        "section_keys": list(plan.section_keys),
    }


def plan_from_json(data: dict[str, Any]) -> docx_import.ImportPlan:
    return docx_import.ImportPlan(
        parts=tuple(docx_import.ImportPart(**part) for part in data["parts"]),
        matches=tuple(docx_import.HeadingMatch(**match) for match in data["matches"]),
        section_keys=tuple(data["section_keys"]),
    )


@dataclass(frozen=True)
class PartView:
    """One part of an imported document on the preview: where it goes, why, and what it holds."""

    part: docx_import.ImportPart
    match: docx_import.HeadingMatch | None
    field: BoundField
    suggested: str
    preview: str
    html: SafeString
    has_table: bool


class ImportMixin(ReportMixin):
    """The Word import is a change of content: the writer's permission, an editable report."""

    report_perm = "reporting.change_report"

    def pending(self) -> dict[str, Any] | None:
        return self.request.session.get(IMPORT_SESSION_KEY, {}).get(str(self.report.pk))

    def keep(self, value: dict[str, Any] | None) -> None:
        stored = dict(self.request.session.get(IMPORT_SESSION_KEY, {}))
        if value is None:
            stored.pop(str(self.report.pk), None)
        else:
            stored[str(self.report.pk)] = value
        self.request.session[IMPORT_SESSION_KEY] = stored


class ReportImportView(ImportMixin, View):
    """Step 1: upload a .docx; it is checked by content, parsed and matched to the sections; nothing saved."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.refused() or self.show(ImportUploadForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        refused = self.refused()
        if refused:
            return refused
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                plan = adapters.import_plan(self.report, upload)
            except ValidationError as error:
                form.add_error("file", error.messages)
            else:
                pending = {
                    "version": self.report.version,
                    "file_name": (upload.name or "")[:200],
                    "plan": plan_to_json(plan),
                }
                if len(json.dumps(pending)) > MAX_PENDING_IMPORT_CHARS:
                    form.add_error(
                        "file",
                        _(
                            "This document holds too much text to preview here. Split it into smaller "
                            "documents, or copy its text into the sections."
                        ),
                    )
                else:
                    self.keep(pending)
                    return redirect("reporting:report_import_preview", pk=self.report.pk)
        return self.show(form)

    def show(self, form: ImportUploadForm, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            "reporting/reports/report_import.html",
            {"report": self.report, "form": form, "pending": self.pending()},
            status=status,
        )


class ReportImportPreviewView(ImportMixin, View):
    """Step 2: what goes where; move any part; confirm (saved as one import revision) or cancel."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        refused = self.refused()
        if refused:
            return refused
        pending = self.pending()
        if pending is None:
            messages.info(request, _("Upload the Word document first."))
            return redirect("reporting:report_import", pk=self.report.pk)
        plan = plan_from_json(pending["plan"])
        return self.show(plan, pending, ImportMoveForm(plan=plan, sections=self.template_sections()))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        refused = self.refused()
        if refused:
            return refused
        pending = self.pending()
        if pending is None:
            messages.info(request, _("Upload the Word document first."))
            return redirect("reporting:report_import", pk=self.report.pk)
        if request.POST.get("action") == "cancel":
            self.keep(None)
            messages.info(request, _("Import cancelled: nothing was changed."))
            return redirect(self.detail_url())
        plan = plan_from_json(pending["plan"])
        form = ImportMoveForm(request.POST, plan=plan, sections=self.template_sections())
        if not form.is_valid():
            return self.show(plan, pending, form)
        try:
            plan = docx_import.apply_moves(plan, form.moves())
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.show(plan, pending, form)
        pending["plan"] = plan_to_json(plan)
        if request.POST.get("action") != "confirm":
            self.keep(pending)
            return self.show(plan, pending, ImportMoveForm(plan=plan, sections=self.template_sections()))
        try:
            adapters.import_apply(
                actor=self.actor, report=self.report, plan=plan, expected_version=pending["version"]
            )
        except StaleReport as error:
            pending["version"] = error.report.version
            self.keep(pending)
            messages.warning(
                request,
                _(
                    "Someone saved this report after you uploaded the document. Check again what the "
                    "import will replace, then confirm."
                ),
            )
            return redirect("reporting:report_import_preview", pk=self.report.pk)
        except ReportNotEditable as error:
            self.keep(None)
            messages.warning(request, " ".join(error.messages))
            return redirect(self.detail_url())
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.show(plan, pending, form)
        self.keep(None)
        messages.success(
            request,
            _("The document was imported. Check the sections, move any text not yet placed, then save."),
        )
        return redirect(self.edit_url())

    def template_sections(self) -> list[TemplateSection]:
        return sorted((row.section for row in self.report.sections.all()), key=lambda s: s.order)

    def show(
        self,
        plan: docx_import.ImportPlan,
        pending: dict[str, Any],
        form: ImportMoveForm,
        status: int = 200,
    ) -> HttpResponse:
        views = section_views(self.report)
        by_key = {view.key: view for view in views}
        matches = {match.part_id: match for match in plan.matches}
        parts = []
        for part in plan.parts:
            text = html_to_text(part.html)
            parts.append(
                PartView(
                    part=part,
                    match=matches.get(part.id),
                    field=form[f"{MOVE_PREFIX}{part.id}"],
                    suggested=by_key[part.suggested].title if part.suggested in by_key else "",
                    preview=text[:PREVIEW_CHARS] + ("…" if len(text) > PREVIEW_CHARS else ""),
                    html=clean_html(part.html),
                    has_table="<table" in part.html,
                )
            )
        assignments = plan.assignments
        outcome = [
            {
                "view": view,
                "parts": [p for p in parts if p.part.target == view.key],
                "replaces": view.key in assignments and view.has_text,
            }
            for view in views
        ]
        unplaced_parts = [p for p in parts if p.part.target == docx_import.UNPLACED and p.part.html]
        return render(
            self.request,
            "reporting/reports/report_import_preview.html",
            {
                "report": self.report,
                "form": form,
                "parts": parts,
                "outcome": outcome,
                "unplaced_parts": unplaced_parts,
                "replaces_unplaced": bool(html_to_text(self.report.unplaced_html)),
                "file_name": pending.get("file_name", ""),
                "unplaced_key": docx_import.UNPLACED,
            },
            status=status,
        )


# Word, PDF, ZIP and XLSX out ------------------------------------------------------------------------


class ReportExportView(ReportMixin, View):
    file_format = "docx"

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        try:
            document = adapters.export_report(self.report)
            if self.file_format == "pdf":
                content, content_type = exports.report_to_pdf(document), "application/pdf"
            else:
                content, content_type = exports.report_to_docx(document), DOCX_TYPE
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.detail_url())
        return file_response(content, adapters.export_file_name(self.report, self.file_format), content_type)


class CycleExportView(PermissionMixin, View):
    """The cycle's reports within the user's scope: one DOCX each in a ZIP, or their figures in one XLSX."""

    permission_required = "reporting.view_reportingcycle"
    file_format = "zip"

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        cycle = get_scoped_or_404(request.user, ReportingCycle.objects.select_related("template"), pk=pk)
        reports = list(
            selectors.report_detail()
            .filter(pk__in=selectors.report_list(user=request.user, cycle=cycle).values("pk"))
            .order_by("body__name", "pk")
        )
        if not reports:
            messages.info(request, _("There are no reports in this cycle that you can see."))
            return redirect(cycle.get_absolute_url() or reverse("reporting:cycle_list"))
        stem = f"cycle-{cycle.pk}-{exports.safe_file_name(cycle.name_en or cycle.name, default='cycle')}"
        try:
            if self.file_format == "xlsx":
                content = adapters.cycle_figures_xlsx(cycle, reports)
                return file_response(content, f"{stem}-figures.xlsx", XLSX_TYPE)
            content = exports.cycle_to_zip(adapters.export_report(report) for report in reports)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(cycle.get_absolute_url() or reverse("reporting:cycle_list"))
        return file_response(content, f"{stem}-reports.zip", "application/zip")


urlpatterns: list[URLPattern] = [
    path("reports/<int:pk>/", ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/edit/", ReportEditView.as_view(), name="report_edit"),
    path("reports/<int:pk>/autosave/", ReportAutosaveView.as_view(), name="report_autosave"),
    path("reports/<int:pk>/submit/", ReportSubmitView.as_view(), name="report_submit"),
    path("reports/<int:pk>/return/", ReportReturnView.as_view(), name="report_return"),
    path("reports/<int:pk>/accept/", ReportAcceptView.as_view(), name="report_accept"),
    path("reports/<int:pk>/revisions/<int:number>/", RevisionDetailView.as_view(), name="report_revision"),
    path("reports/<int:pk>/revisions/compare/", RevisionDiffView.as_view(), name="report_revision_diff"),
    path("reports/<int:pk>/attachments/", AttachmentAddView.as_view(), name="report_attachment_add"),
    path(
        "reports/<int:pk>/attachments/<int:attachment_pk>/",
        AttachmentDownloadView.as_view(),
        name="report_attachment",
    ),
    path(
        "reports/<int:pk>/attachments/<int:attachment_pk>/delete/",
        AttachmentDeleteView.as_view(),
        name="report_attachment_delete",
    ),
    path("reports/<int:pk>/import/", ReportImportView.as_view(), name="report_import"),
    path("reports/<int:pk>/import/preview/", ReportImportPreviewView.as_view(), name="report_import_preview"),
    path(
        "reports/<int:pk>/export.docx",
        ReportExportView.as_view(file_format="docx"),
        name="report_export_docx",
    ),
    path(
        "reports/<int:pk>/export.pdf", ReportExportView.as_view(file_format="pdf"), name="report_export_pdf"
    ),
    path("cycles/<int:pk>/reports.zip", CycleExportView.as_view(file_format="zip"), name="cycle_export_zip"),
    path(
        "cycles/<int:pk>/figures.xlsx",
        CycleExportView.as_view(file_format="xlsx"),
        name="cycle_export_figures",
    ),
]
