"""Files attached to a report: add, download (served by the kind found in the content), remove."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from rightstrack.core.scope import ensure_can, get_scoped_or_404
from rightstrack.reporting import services
from rightstrack.reporting.forms.reports import AttachmentForm
from rightstrack.reporting.models import Attachment, Report
from rightstrack.reporting.views.exports import DOCX_TYPE, XLSX_TYPE
from rightstrack.reporting.views.reports import ReportMixin

CONTENT_TYPES = {  # served by the kind detected from the content, never by what the uploader's browser said
    "pdf": "application/pdf",
    "docx": DOCX_TYPE,
    "xlsx": XLSX_TYPE,
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
}


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
