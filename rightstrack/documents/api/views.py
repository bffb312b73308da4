"""Documents over the API: scoped reads with the full-text search and filters, every write through the
documents' services (uploads are checked by content; a duplicate is a 400 that names the copy).

400: a bad file or payload, a duplicate; 403: not allowed to keep documents; 404: anything outside the
caller's scope.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.core.api import ServiceUpdateMixin
from rightstrack.core.scope import ensure_can
from rightstrack.documents import selectors, services
from rightstrack.documents.api.serializers import (
    BulkUploadSerializer,
    ConferenceFromDocumentSerializer,
    ConferenceRefSerializer,
    KeptDocumentDetailSerializer,
    KeptDocumentSerializer,
    KeptDocumentUpdateSerializer,
    KeptDocumentUploadSerializer,
    TakenSerializer,
    TakeStatementSerializer,
)
from rightstrack.documents.filters import DocumentFilterSet
from rightstrack.documents.models import Document
from rightstrack.followup.services import directive_take_statement


class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceUpdateMixin):
    """Documents kept as evidence: articles, meeting reports, official documents, with their text."""

    base_queryset = selectors.document_list().order_by("-published_on", "-created_at", "-pk")
    queryset = Document.objects.none()
    serializer_class = KeptDocumentSerializer
    filterset_class = DocumentFilterSet
    update_service = services.document_update
    update_permission = "documents.change_document"
    object_kwarg = "document"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_object(self) -> Any:
        if self.action in {"retrieve", "update", "partial_update"}:
            self.base_queryset = selectors.document_detail()
        return super().get_object()

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action in {"update", "partial_update"}:
            return KeptDocumentUpdateSerializer
        if self.action == "retrieve":
            return KeptDocumentDetailSerializer
        if self.action == "create":
            return KeptDocumentUploadSerializer
        return KeptDocumentSerializer

    def respond(self, instance: Any, *, code: int = status.HTTP_200_OK) -> Response:
        fresh = selectors.document_detail().get(pk=instance.pk)
        return Response(
            KeptDocumentDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(
        request={"multipart/form-data": KeptDocumentUploadSerializer},
        responses={201: KeptDocumentDetailSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Keep one document (PDF with a text layer, Word, a saved web page, text), checked by content; the
        same text already kept is refused (400, naming the copy), nearly the same text flagged."""
        ensure_can(request.user, "documents.add_document")
        data = self.validated(KeptDocumentUploadSerializer)
        document = self.call_service(
            services.document_ingest,
            body=data["body"],
            uploaded_file=data["file"],
            name=data["file"].name or "",
            kind=data["kind"],
            title=data.get("title") or "",
            source_url=data.get("source_url") or "",
            published_on=data.get("published_on"),
        )
        return self.respond(document, code=status.HTTP_201_CREATED)

    @extend_schema(request=KeptDocumentUpdateSerializer, responses={200: KeptDocumentDetailSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Correct what the file stated: kind, title, language, publication date, source address."""
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(request=KeptDocumentUpdateSerializer, responses={200: KeptDocumentDetailSerializer})
    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        """Correct what the file stated."""
        return super().update(request, *args, partial=partial, **kwargs)

    @extend_schema(request={"multipart/form-data": BulkUploadSerializer}, responses={202: None})
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def bulk(self, request: Request) -> Response:
        """A ZIP of documents, read as a background job: follow it at ``/api/jobs/<id>/``; its ``result``
        lists each file's outcome (kept, already kept, refused and why)."""
        ensure_can(request.user, "documents.add_document")
        data = self.validated(BulkUploadSerializer)
        job = self.call_service(
            services.documents_ingest_archive, archive=data["archive"], body=data["body"], kind=data["kind"]
        )
        return Response({"job": job.pk, "url": f"/api/jobs/{job.pk}/"}, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=ConferenceFromDocumentSerializer, responses={200: ConferenceRefSerializer})
    @action(detail=True, methods=["post"])
    def conference(self, request: Request, pk: str | None = None) -> Response:
        """Link the article to the conference it covers, or record a new conference from its confirmed
        facts."""
        document = self.get_checked_object("documents.change_document")
        data = self.validated(ConferenceFromDocumentSerializer)
        if data.get("conference") is None:
            data.pop("conference", None)
        conference = self.call_service(services.conference_from_document, document=document, **data)
        return Response(ConferenceRefSerializer(conference).data)

    @extend_schema(request=TakeStatementSerializer, responses={200: TakenSerializer, 201: TakenSerializer})
    @action(detail=True, methods=["post"], url_path="take-statement")
    def take_statement(self, request: Request, pk: str | None = None) -> Response:
        """Take one sentence the article states (a directive or a shortcoming, by its ``key`` from
        ``takeable``) into the directives of the conference it covers: 201 with the new directive; 200 with
        the same directive when it was taken before (nothing is added). 404: a document the caller cannot
        read; 403: not the caller's to write directives for the conference's organiser."""
        document = self.get_checked_object("documents.view_document")
        data = self.validated(TakeStatementSerializer)
        taken = self.call_service(directive_take_statement, document=document, key=data["key"])
        return Response(
            {
                "directive": taken.directive.pk,
                "created": taken.created,
                "url": f"/api/directives/{taken.directive.pk}/",
            },
            status=status.HTTP_201_CREATED if taken.created else status.HTTP_200_OK,
        )
