"""Document pages, declared on the generic views: each write one service call."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.bodies.rules import acting_for
from rightstrack.conferences.models import Conference
from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.views import redirect_to_job
from rightstrack.core.scope import scoped
from rightstrack.core.views.errors import add_form_errors
from rightstrack.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
)
from rightstrack.documents import extraction, selectors, services
from rightstrack.documents.filters import DocumentFilterSet
from rightstrack.documents.forms import (
    BulkUploadForm,
    ConfirmConferenceForm,
    DocumentEditForm,
    DocumentUploadForm,
    TakeStatementForm,
)
from rightstrack.documents.jobs import INGEST
from rightstrack.documents.models import Document
from rightstrack.documents.tables import DocumentTable
from rightstrack.exchange import uploads
from rightstrack.exchange.uploads import CONTENT_TYPES
from rightstrack.followup import selectors as followup_selectors
from rightstrack.followup import services as followup_services
from rightstrack.followup.models import Directive


class DocumentListView(ObjectListView):
    permission_required = "documents.view_document"
    queryset = selectors.document_list().order_by("-published_on", "-created_at", "-pk")
    filterset_class = DocumentFilterSet
    table_class = DocumentTable
    template_name = "documents/document_list.html"


class DocumentDetailView(ObjectView):
    object_permission = "documents.view_document"
    queryset = selectors.document_detail()
    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        document: Document = self.object
        can_edit = self.actor.has_perm("documents.change_document", document)
        conferences = scoped(self.actor, Conference.objects.all())
        matches = (
            [] if document.conference_id else extraction.matching_conferences(conferences, document.facts)
        )
        near = document.near_duplicate_of
        ctx.update(
            can_edit=can_edit,
            can_confirm=can_edit and document.facts is not None and document.conference_id is None,
            matches=matches,
            facts=document.facts,
            statements=selectors.statements_for_directives(document),
            takeable=self.takeable(document),
            near_duplicate=near
            if near is not None and self.actor.has_perm("documents.view_document", near)
            else None,
            conference_visible=document.conference is not None
            and self.actor.has_perm("conferences.view_conference", document.conference),
            paragraphs=[p for p in document.text.split("\n") if p.strip()],
            section_titles={s.get("title") for s in document.sections or []},
        )
        return ctx

    def takeable(self, document: Document) -> dict[str, list[dict[str, Any]]] | None:
        """The stated directives and shortcomings, each with its key and the directive it became (if taken),
        when the article covers a conference and the reader may write directives for its organiser."""
        conference = document.conference
        if conference is None or not self.actor.has_perm("conferences.view_conference", conference):
            return None
        issuer = acting_for(conference.organiser)
        if issuer is None or not self.actor.has_perm("followup.add_directive", Directive(issuer=issuer)):
            return None
        taken = followup_selectors.taken_statements(document_id=document.pk, user=self.actor)
        stated = selectors.statements_for_directives(document)
        return {
            part: [
                {
                    "text": sentence,
                    "key": (key := followup_services.statement_key(sentence)),
                    "taken": key in taken,
                    "directive": taken.get(key),
                }
                for sentence in stated.get(part, [])
            ]
            for part in followup_services.TAKEN_FROM
        }


class TakeStatementView(ObjectActionView):
    """One sentence the article states taken into its conference's directives, in one click: the follow-up
    app's ``directive_take_statement`` (taking it again changes nothing)."""

    object_permission = "documents.view_document"
    queryset = selectors.document_detail()
    form_class = TakeStatementForm
    service = followup_services.directive_take_statement
    object_kwarg = "document"
    http_method_names = ["post"]

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert isinstance(form, TakeStatementForm)
        return {"document": self.object, "key": form.cleaned_data["key"]}

    def get_success_message(self, result: followup_services.Taken) -> str:
        if result.created:
            return _("Taken into the conference's directives.")
        return _("This sentence was taken already: nothing was added.")

    def get_success_url(self) -> str:
        return str(self.object.get_absolute_url()) + "#statements"


class DocumentUploadView(ObjectEditView):
    object_permission = "documents.add_document"
    form_class = DocumentUploadForm
    service = services.document_ingest
    template_name = "documents/document_upload.html"
    success_message = gettext_lazy("Document kept.")

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        assert isinstance(form, DocumentUploadForm)
        return form.service_kwargs()

    duplicate: Document | None = None

    def form_valid(self, form: BaseForm) -> HttpResponse:
        try:
            self.result = self.call_service(**self.get_service_kwargs(form))
        except ValidationError as error:
            if isinstance(error, services.DuplicateDocument) and self.actor.has_perm(
                "documents.view_document", error.existing
            ):
                self.duplicate = error.existing
            add_form_errors(form, error)
            return self.form_invalid(form)
        self.success(self.result)
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"duplicate": self.duplicate}


class BulkUploadView(ObjectActionView):
    """A ZIP of documents, read as a background job; its page shows the progress, then each file's outcome."""

    object_permission = "documents.add_document"
    form_class = BulkUploadForm
    service = services.documents_ingest_archive
    template_name = "documents/document_bulk.html"

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert isinstance(form, BulkUploadForm)
        data = form.cleaned_data
        return {"archive": data["archive"], "body": data["body"], "kind": data["kind"]}

    def get_success_url(self) -> str:
        return str(redirect_to_job(self.result)["Location"])


class IngestResultView(ObjectView):
    """What a bulk ingestion did: how many files were kept, already kept or refused, and why."""

    permission_required = "documents.view_document"
    queryset = Job.objects.filter(kind=INGEST, state=JobState.SUCCEEDED)
    template_name = "documents/ingest_result.html"
    context_object_name = "job"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        data = self.object.result_data or {}
        files = data.get("files", [])
        ids = [f["document"] for f in files if f.get("document")]
        visible = {
            d.pk: d
            for d in scoped(self.actor, Document.objects.filter(pk__in=ids).only("pk", "title", "body"))
        }
        ctx.update(summary=data, rows=[f | {"link": visible.get(f.get("document") or 0)} for f in files])
        return ctx


class DocumentEditView(ObjectEditView):
    object_permission = "documents.change_document"
    queryset = selectors.document_detail()
    form_class = DocumentEditForm
    service = services.document_update
    template_name = "documents/document_form.html"
    context_object_name = "document"
    object_kwarg = "document"
    success_message = gettext_lazy("Changes saved.")


class DocumentDeleteView(ObjectDeleteView):
    object_permission = "documents.delete_document"
    queryset = Document.objects.select_related("body")
    template_name = "documents/document_delete.html"
    context_object_name = "document"
    object_kwarg = "document"
    service = services.document_delete
    success_url = reverse_lazy("documents:document_list")  # type: ignore[assignment]
    success_message = gettext_lazy("Document deleted.")

    def get_failure_url(self) -> str:
        return str(self.object.get_absolute_url())


class DocumentDownloadView(ObjectView):
    object_permission = "documents.view_document"
    queryset = Document.objects.select_related("body").only(
        "pk", "body", "file", "file_kind", "original_name"
    )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        document = cast(Document, self.object)
        try:
            handle = document.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("This file is no longer stored.")) from None
        content_type = CONTENT_TYPES.get(document.file_kind, "application/octet-stream")
        if document.file_kind == uploads.HTML:
            content_type = "application/octet-stream"  # a stored web page is downloaded, never rendered here
        return FileResponse(
            handle, as_attachment=True, filename=document.original_name, content_type=content_type
        )


class ConferenceConfirmView(ObjectActionView):
    """The article's facts as a conference form, each field to confirm or correct; or the conference it
    covers. One service call: ``conference_from_document``."""

    object_permission = "documents.change_document"
    queryset = selectors.document_detail()
    form_class = ConfirmConferenceForm
    service = services.conference_from_document
    template_name = "documents/document_conference.html"
    context_object_name = "document"
    object_kwarg = "document"

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm | None:
        document = cast(Document, self.object)
        initial = selectors.proposal_initial(document, user=self.actor)
        if data is None:
            conferences = scoped(self.actor, Conference.objects.all())
            self.matches = extraction.matching_conferences(conferences, document.facts)
            if self.matches:
                initial["conference"] = self.matches[0].conference
        return ConfirmConferenceForm(data, files, user=self.actor, initial=initial)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {
            "matches": getattr(self, "matches", []),
            "facts": self.object.facts or {},
        }

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert isinstance(form, ConfirmConferenceForm)
        return form.service_kwargs() | {"document": self.object}

    def get_success_message(self, result: Conference) -> str:
        return _("The article is linked to “%(conference)s”.") % {"conference": result.display_title}

    def get_success_url(self) -> str:
        return str(self.result.get_absolute_url()) + "#coverage"


class ConferenceUnlinkView(ObjectActionView):
    object_permission = "documents.change_document"
    queryset = Document.objects.select_related("body")
    http_method_names = ["post"]
    service = services.document_unlink_conference
    object_kwarg = "document"
    success_message = gettext_lazy("The article is no longer linked to the conference.")

    def get_success_url(self) -> str:
        return reverse("documents:document_detail", args=[self.object.pk])
