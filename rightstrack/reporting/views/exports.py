"""A report as Word or PDF; a cycle's reports as a ZIP of Word files or their figures as XLSX.

The ZIP and the PDF take seconds, so they are background jobs: the request answers at once with the job's
page, which shows progress and then the download. One Word file and the XLSX are quick and stay direct.
"""

from __future__ import annotations

import io
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.bodies.selectors import signer_choices
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.jobs.views import redirect_to_job
from rightstrack.core.views.errors import add_error_messages, add_form_errors
from rightstrack.core.views.generic import ObjectView
from rightstrack.exchange.uploads import CONTENT_TYPES, DOCX, XLSX
from rightstrack.reporting import selectors
from rightstrack.reporting.forms.exports import OfficialExportForm
from rightstrack.reporting.jobs import CYCLE_ZIP, REPORT_PDF, cycle_reports
from rightstrack.reporting.models import ReportingCycle
from rightstrack.reporting.services import exports
from rightstrack.reporting.services import official as official_format
from rightstrack.reporting.views.reports import ReportMixin


def file_response(content: bytes, name: str, content_type: str) -> FileResponse:
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=name, content_type=content_type)


class ReportExportView(ReportMixin, ObjectView):
    file_format = "docx"
    report_parts = ("sections", "figures")  # what the file holds (no comments, no attachments)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.file_format == "pdf":
            job = job_enqueue(actor=self.actor, kind=REPORT_PDF, params={"report": self.report.pk})
            return redirect_to_job(job)
        try:
            content = exports.report_to_docx(exports.export_report(self.report))
        except ValidationError as error:
            add_error_messages(request, error)
            return redirect(self.detail_url())
        return file_response(content, exports.export_file_name(self.report, "docx"), CONTENT_TYPES[DOCX])


class ReportOfficialExportView(ReportMixin, ObjectView):
    """The report as an administrative document (Decree 30/2020/NĐ-CP): a form prefilled with the body's
    letterhead, then the Word file at once or the PDF as a job. What was chosen is kept as the body's
    letterhead when the user may change it."""

    template_name = "reporting/reports/report_export_official.html"

    def form(self, data: Any = None) -> OfficialExportForm:
        day = timezone.localdate()
        return OfficialExportForm(
            data,
            user=self.request.user,
            signers=signer_choices(self.report.body, day=day),
            initial_choices=official_format.official_choices(self.report, day=day),
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.show(self.form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        form = self.form(request.POST)
        if not form.is_valid():
            return self.show(form)
        choices = form.choices()
        try:
            job = official_format.report_official_export(
                actor=self.actor,
                report=self.report,
                choices=choices,
                pdf=request.POST.get("file_format") == "pdf",
            )
            if job is not None:
                return redirect_to_job(job)
            content = exports.report_to_docx(exports.export_report(self.report, official=choices.heading()))
        except ValidationError as error:
            add_form_errors(form, error)
            return self.show(form)
        return file_response(content, exports.export_file_name(self.report, "docx"), CONTENT_TYPES[DOCX])

    def show(self, form: OfficialExportForm) -> HttpResponseBase:
        return self.render_to_response(self.get_context_data(form=form))


class CycleExportView(ObjectView):
    """The cycle's reports within the user's scope: one DOCX each in a ZIP (a job), or their figures in one
    XLSX."""

    permission_required = "reporting.view_reportingcycle"
    queryset = ReportingCycle.objects.select_related("template")
    file_format = "zip"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        cycle = cast(ReportingCycle, self.object)
        back = cycle.get_absolute_url() or reverse("reporting:cycle_list")
        if not selectors.report_list(user=request.user, cycle=cycle).exists():
            messages.info(request, _("There are no reports in this cycle that you can see."))
            return redirect(back)
        if self.file_format == "zip":
            params = {"cycle": cycle.pk, "official": request.GET.get("layout") == "official"}
            return redirect_to_job(job_enqueue(actor=self.actor, kind=CYCLE_ZIP, params=params))
        try:
            content = exports.cycle_figures_xlsx(cycle, cycle_reports(request.user, cycle))
        except ValidationError as error:
            add_error_messages(request, error)
            return redirect(back)
        return file_response(content, exports.figures_file_name(cycle), CONTENT_TYPES[XLSX])
