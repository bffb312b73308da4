"""The Word import: upload, preview what goes where, move parts, confirm as one revision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.jobs.views import redirect_to_job
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.core.views.errors import add_error_messages
from rightstrack.core.views.generic import ObjectActionView
from rightstrack.exchange import import_plan
from rightstrack.exchange.html import html_to_text
from rightstrack.reporting.exceptions import ReportNotEditable, StaleReport
from rightstrack.reporting.forms.imports import MOVE_PREFIX, ImportMoveForm, ImportUploadForm
from rightstrack.reporting.jobs import IMPORT_DOCX, plan_from_json, plan_to_json
from rightstrack.reporting.models import TemplateSection
from rightstrack.reporting.services import imports
from rightstrack.reporting.views.reports import ReportMixin, clean_html, section_views

IMPORT_SESSION_KEY = "reporting_import"
PREVIEW_CHARS = 400


@dataclass(frozen=True)
class PartView:
    """One part of an imported document on the preview: where it goes, why, and what it holds."""

    part: import_plan.ImportPart
    match: import_plan.HeadingMatch | None
    field: BoundField
    suggested: str
    preview: str
    html: SafeString
    has_table: bool
    also: str = ""  # a combined heading: the other sections it names, as the page says them


class ImportMixin(ReportMixin):
    """The Word import is a change of content: the writer's permission, an editable report."""

    object_permission = "reporting.change_report"

    def pending(self) -> dict[str, Any] | None:
        return self.request.session.get(IMPORT_SESSION_KEY, {}).get(str(self.report.pk))

    def keep(self, value: dict[str, Any] | None) -> None:
        stored = dict(self.request.session.get(IMPORT_SESSION_KEY, {}))
        if value is None:
            stored.pop(str(self.report.pk), None)
        else:
            stored[str(self.report.pk)] = value
        self.request.session[IMPORT_SESSION_KEY] = stored


class ReportImportView(ImportMixin, ObjectActionView):
    """Step 1: upload a .docx; it is checked by content, parsed and matched to the sections; nothing saved."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.refused() or self.show(ImportUploadForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refused()
        if refused:
            return refused
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                imports.import_check(upload)
            except ValidationError as error:
                form.add_error("file", error.messages)
                return self.show(form)
            job = job_enqueue(
                actor=self.actor,
                kind=IMPORT_DOCX,
                params={
                    "report": self.report.pk,
                    "version": self.report.version,
                    "file_name": (upload.name or "")[:200],
                },
                idempotency_key="",  # every upload is new work
                input_file=upload,
            )
            job.refresh_from_db()
            if job.state != JobState.FAILED:
                return redirect_to_job(job)  # reading it takes a while: its page shows how far it got
            form.add_error("file", job.error)  # tasks ran in-process and refused the file
        return self.show(form)

    def show(self, form: ImportUploadForm, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            "reporting/reports/report_import.html",
            {"report": self.report, "form": form, "pending": self.pending()},
            status=status,
        )


class ReportImportPreviewView(ImportMixin, ObjectActionView):
    """Step 2: what goes where; move any part; confirm (saved as one import revision) or cancel."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refused()
        if refused:
            return refused
        if "job" in request.GET:
            return self.take_job(request.GET["job"])
        pending = self.pending()
        if pending is None:
            messages.info(request, _("Upload the Word document first."))
            return redirect("reporting:report_import", pk=self.report.pk)
        plan = plan_from_json(pending["plan"])
        return self.show(plan, pending, ImportMoveForm(plan=plan, sections=self.template_sections()))

    def take_job(self, job_id: str) -> HttpResponse:
        """The reading job has finished: its plan becomes this session's pending import."""
        jobs = Job.objects.filter(kind=IMPORT_DOCX, state=JobState.SUCCEEDED, params__report=self.report.pk)
        job = get_scoped_or_404(self.request.user, jobs, pk=job_id)
        self.keep(job.result_data)
        return redirect("reporting:report_import_preview", pk=self.report.pk)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
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
            plan = import_plan.apply_moves(plan, form.moves())
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.show(plan, pending, form)
        pending["plan"] = plan_to_json(plan)
        if request.POST.get("action") != "confirm":
            self.keep(pending)
            return self.show(plan, pending, ImportMoveForm(plan=plan, sections=self.template_sections()))
        try:
            imports.import_apply(
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
            add_error_messages(request, error, level=messages.WARNING)
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
        plan: import_plan.ImportPlan,
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
                    also=", ".join(
                        f"“{by_key[key].title}”"
                        for key in (matches[part.id].also if part.id in matches else ())
                        if key in by_key
                    ),
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
        unplaced_parts = [p for p in parts if p.part.target == import_plan.UNPLACED and p.part.html]
        letter_parts = [p for p in parts if p.part.target == import_plan.LETTER and p.part.html]
        return render(
            self.request,
            "reporting/reports/report_import_preview.html",
            {
                "report": self.report,
                "form": form,
                "parts": parts,
                "outcome": outcome,
                "unplaced_parts": unplaced_parts,
                "letter_parts": letter_parts,
                "replaces_unplaced": bool(html_to_text(self.report.unplaced_html)),
                "file_name": pending.get("file_name", ""),
                "unplaced_key": import_plan.UNPLACED,
            },
            status=status,
        )
