"""The register's pages, declared on the generic views: each write one service call."""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy

from rightstrack.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
)
from rightstrack.laws import selectors, services
from rightstrack.laws.filters import LegalDocumentFilterSet
from rightstrack.laws.forms import LegalDocumentForm, LegalStatusForm
from rightstrack.laws.models import LegalDocument
from rightstrack.laws.tables import LegalDocumentTable


class LegalDocumentListView(ObjectListView):
    permission_required = "laws.view_legaldocument"
    queryset = selectors.document_list().order_by("-issued_on", "title", "pk")
    filterset_class = LegalDocumentFilterSet
    table_class = LegalDocumentTable
    template_name = "laws/document_list.html"


class LegalDocumentDetailView(ObjectView):
    object_permission = "laws.view_legaldocument"
    queryset = LegalDocument.objects.all()
    template_name = "laws/document_detail.html"
    context_object_name = "document"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        document: LegalDocument = self.object
        mentions, mention_count = selectors.document_mentions(user=self.actor, document=document)
        ctx.update(
            statuses=selectors.document_statuses(user=self.actor, document=document),
            mentions=mentions,
            mention_count=mention_count,
            can_edit=self.actor.has_perm("laws.change_legaldocument", document),
            can_delete=self.actor.has_perm("laws.delete_legaldocument", document),
            can_detect=self.actor.has_perm("laws.detect_mentions"),
            status_form=LegalStatusForm(user=self.actor)
            if self.actor.has_perm("laws.change_legalstatus")
            else None,
            extra_sections=selectors.linked_sections(user=self.actor, document=document),
        )
        return ctx


class LegalDocumentCreateView(ObjectEditView):
    object_permission = "laws.add_legaldocument"
    form_class = LegalDocumentForm
    service = services.legal_document_create
    template_name = "laws/document_form.html"
    success_message = gettext_lazy("Document added to the register.")

    def get_initial(self) -> dict[str, Any]:
        return {"kind": "law"}


class LegalDocumentEditView(ObjectEditView):
    object_permission = "laws.change_legaldocument"
    queryset = LegalDocument.objects.all()
    form_class = LegalDocumentForm
    service = services.legal_document_update
    template_name = "laws/document_form.html"
    context_object_name = "document"
    object_kwarg = "document"
    success_message = gettext_lazy("Changes saved.")


class LegalDocumentDeleteView(ObjectDeleteView):
    """GET: what still refers to the document (then it cannot go) or the confirmation; POST: delete it."""

    object_permission = "laws.delete_legaldocument"
    queryset = LegalDocument.objects.all()
    template_name = "laws/document_delete.html"
    context_object_name = "document"
    object_kwarg = "document"
    service = services.legal_document_delete
    success_url = reverse_lazy("laws:document_list")  # type: ignore[assignment]
    success_message = gettext_lazy("Document deleted from the register.")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"references": selectors.document_references(self.object)}

    def get_failure_url(self) -> str:
        return str(self.object.get_absolute_url())


class LegalStatusSetView(ObjectActionView):
    """POST: a body's status for the document (the body is chosen in the form, within the user's scope)."""

    object_permission = "laws.view_legaldocument"
    queryset = LegalDocument.objects.all()
    http_method_names = ["post"]
    form_class = LegalStatusForm
    service = services.legal_status_set
    object_kwarg = "document"
    success_message = gettext_lazy("Status recorded.")

    def get_success_url(self) -> str:
        return str(self.object.get_absolute_url()) + "#statuses"

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert form is not None
        return dict(form.cleaned_data) | {"document": self.object}


class MentionsDetectView(ObjectActionView):
    """POST: queue the search for citations across every report the user sees; then the job's page."""

    object_permission = "laws.detect_mentions"
    http_method_names = ["post"]
    service = services.mentions_detect_enqueue

    def get_success_url(self) -> str:
        return str(self.result.get_absolute_url())

    def get_failure_url(self) -> str:
        return reverse("laws:document_list")
