"""The register of laws and policies over the API: everyone signed in reads it; the standing office keeps
it; a body's status is recorded by its own focal point or the standing office.

400: a bad payload or a refused rule (a malformed symbol, a document already registered, a repealed status
left, a delete while something refers to the document); 403: not allowed; 404: a body outside the caller's
scope.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.core.api import ServiceCreateMixin, ServiceUpdateMixin
from rightstrack.laws import selectors, services
from rightstrack.laws.api.serializers import (
    LegalDocumentDetailSerializer,
    LegalDocumentSerializer,
    LegalStatusInputSerializer,
    LegalStatusSerializer,
)
from rightstrack.laws.filters import LegalDocumentFilterSet
from rightstrack.laws.models import LegalDocument


class LegalDocumentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceCreateMixin, ServiceUpdateMixin
):
    """Laws, decrees, resolutions and policies, with each body's implementation status and their citations."""

    base_queryset = selectors.document_list().order_by("-issued_on", "title", "pk")
    queryset = LegalDocument.objects.none()
    serializer_class = LegalDocumentSerializer
    filterset_class = LegalDocumentFilterSet
    create_service = services.legal_document_create
    create_permission = "laws.add_legaldocument"
    update_service = services.legal_document_update
    update_permission = "laws.change_legaldocument"
    object_kwarg = "document"

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "retrieve":
            return LegalDocumentDetailSerializer
        return LegalDocumentSerializer

    def get_update_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in data.items() if name in services.DOCUMENT_FIELDS}

    def get_create_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return self.get_update_kwargs(data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        """Delete a document entered by mistake: refused (400, naming them) while a body's status, a
        proposal or a piece of evidence refers to it; its citations in reports go with it."""
        document = self.get_checked_object("laws.delete_legaldocument")
        self.call_service(services.legal_document_delete, document=document)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=LegalStatusInputSerializer, responses={200: LegalStatusSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        """Record how the document stands in a body's work (the previous status stays in its history)."""
        document = self.get_checked_object("laws.view_legaldocument")
        data = self.validated(LegalStatusInputSerializer)
        record = self.call_service(services.legal_status_set, document=document, **data)
        return Response(LegalStatusSerializer(record).data, status=status.HTTP_200_OK)
