"""Files attached to a report: add, download (served by the kind found in the content), remove."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from rightstrack.core.scope import get_scoped_or_404
from rightstrack.core.views.generic import ObjectActionView, ObjectDeleteView, ObjectView, ScopedObjectMixin
from rightstrack.exchange.uploads import CONTENT_TYPES
from rightstrack.reporting import services
from rightstrack.reporting.forms.reports import AttachmentForm
from rightstrack.reporting.models import Attachment, Report
from rightstrack.reporting.views.reports import ReportMixin


class AttachmentAddView(ReportMixin, ObjectActionView):
    object_permission = "reporting.change_report"
    http_method_names = ["post"]
    form_class = AttachmentForm
    service = services.attachment_add

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert form is not None
        return {"report": self.report, "uploaded_file": form.cleaned_data["file"]}

    def form_invalid(self, form: BaseForm) -> HttpResponse:
        messages.error(self.request, _("Choose a file to attach."))
        return redirect(self.get_failure_url())

    def get_success_message(self, result: Attachment) -> str:
        return _("“%(name)s” attached.") % {"name": result.original_name}

    def get_success_url(self) -> str:
        return self.edit_url("#attachments")


class AttachmentMixin(ScopedObjectMixin):
    """The attachment the URL names, on the report the URL names, both within scope (404)."""

    pk_url_kwarg = "attachment_pk"
    context_object_name = "attachment"

    def get_queryset(self) -> QuerySet[Attachment]:
        report = get_scoped_or_404(self.request.user, Report.objects.all(), pk=self.kwargs["pk"])
        return Attachment.objects.select_related("report", "report__body").filter(report=report)

    @property
    def attachment(self) -> Attachment:
        return cast(Attachment, self.object)


class AttachmentDownloadView(AttachmentMixin, ObjectView):
    object_permission = "reporting.view_attachment"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        attachment = self.attachment
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("This file is no longer stored.")) from None
        content_type = CONTENT_TYPES.get(attachment.kind, "application/octet-stream")
        return FileResponse(
            handle, as_attachment=True, filename=attachment.original_name, content_type=content_type
        )


class AttachmentDeleteView(AttachmentMixin, ObjectDeleteView):
    """Remove a file: the writer's right on the report (a POST; back to the writing page)."""

    object_permission = "reporting.change_report"
    http_method_names = ["post"]
    service = services.attachment_delete

    def get_permission_object(self) -> Report:
        return self.attachment.report

    def get_success_message(self, result: Any) -> str:
        return _("“%(name)s” removed.") % {"name": self.attachment.original_name}

    def get_success_url(self) -> str:
        return reverse("reporting:report_edit", args=[self.attachment.report_id]) + "#attachments"
