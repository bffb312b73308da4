"""A report as Word or PDF; a cycle's reports as a ZIP of Word files or their figures as XLSX."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from rightstrack.core.scope import get_scoped_or_404
from rightstrack.core.views import PermissionMixin
from rightstrack.reporting import adapters, exports, selectors
from rightstrack.reporting.models import ReportingCycle
from rightstrack.reporting.views.reports import ReportMixin

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_response(content: bytes, name: str, content_type: str) -> FileResponse:
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=name, content_type=content_type)


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
