"""Conferences over the API: scoped reads, every write through the conference services.

400: a bad payload or a refused rule (participants outside the organiser's scope, a presenter that does not
take part, a chair who held no position on the day, a date before the reviewed cycle); 403: not an
organiser; 404: anything outside the caller's scope.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.conferences import selectors, services
from rightstrack.conferences.api.serializers import (
    ConferenceDetailSerializer,
    ConferenceDocumentSerializer,
    ConferenceDocumentUploadSerializer,
    ConferenceSerializer,
    ConferenceWriteSerializer,
    MediaLinkInputSerializer,
    MediaLinkSerializer,
)
from rightstrack.conferences.filters import ConferenceFilterSet
from rightstrack.conferences.models import Conference
from rightstrack.conferences.services import Participants, Presenter
from rightstrack.core.api import ServiceCreateMixin, ServiceUpdateMixin

FIELDS = services.CONFERENCE_FIELDS


def service_kwargs(data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The write serializer's data as the services' keywords (a partial update names only what it sets)."""
    kwargs = {name: data[name] for name in FIELDS if name in data}
    bodies = list(data["participants"]) if "participants" in data else None
    other_way = data.get("region") is not None or data.get("all_provincial") or data.get("from_cycle")
    choice = None
    if other_way or bodies is not None:
        choice = Participants(  # more than one way at once is refused by the service
            bodies=bodies if (bodies or not other_way) else None,
            region=data.get("region"),
            all_provincial=bool(data.get("all_provincial")),
            from_cycle=bool(data.get("from_cycle")),
            on=data.get("participants_on"),
        )
    if choice is not None or not partial:
        kwargs["participants"] = choice or Participants(bodies=[])
    if "presenters" in data or not partial:
        kwargs["presenters"] = [
            Presenter(body=p["body"], report=p.get("report"), order=p.get("order"))
            for p in data.get("presenters") or []
        ]
    return kwargs


class ConferenceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceCreateMixin, ServiceUpdateMixin
):
    """Conferences: reviews, trainings and workshops, with their participants, presenters and records."""

    base_queryset = selectors.conference_list().order_by("-date", "-pk")
    queryset = Conference.objects.none()
    serializer_class = ConferenceSerializer
    filterset_class = ConferenceFilterSet
    create_service = services.conference_create
    create_permission = "conferences.add_conference"
    update_service = services.conference_update
    update_permission = "conferences.change_conference"
    object_kwarg = "conference"

    def get_object(self) -> Any:
        if self.action == "retrieve":
            self.base_queryset = selectors.conference_detail()
        return super().get_object()

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action in {"create", "update", "partial_update"}:
            return ConferenceWriteSerializer
        if self.action == "retrieve":
            return ConferenceDetailSerializer
        return ConferenceSerializer

    def respond(self, instance: Any, *, code: int = status.HTTP_200_OK) -> Response:
        fresh = selectors.conference_detail().get(pk=instance.pk)
        return Response(
            ConferenceDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    def get_create_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return service_kwargs(data)

    def get_update_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return service_kwargs(data, partial=self.request.method == "PATCH")

    @extend_schema(request=ConferenceWriteSerializer, responses={201: ConferenceDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record a conference (standing office and administrators)."""
        return super().create(request, *args, **kwargs)

    @extend_schema(request=ConferenceWriteSerializer, responses={200: ConferenceDetailSerializer})
    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        """Change a conference; participants and presenters given replace the present ones."""
        return super().update(request, *args, partial=partial, **kwargs)

    @extend_schema(request=ConferenceWriteSerializer, responses={200: ConferenceDetailSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change some of a conference's fields."""
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": ConferenceDocumentUploadSerializer},
        responses={201: ConferenceDocumentSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        """Attach a document (checked by its content: PDF, Word, Excel, PowerPoint, OpenDocument, images)."""
        conference = self.get_checked_object("conferences.change_conference")
        data = self.validated(ConferenceDocumentUploadSerializer)
        document = self.call_service(
            services.conference_document_add,
            conference=conference,
            uploaded_file=data["file"],
            title=data.get("title") or "",
        )
        return Response(ConferenceDocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MediaLinkInputSerializer, responses={201: MediaLinkSerializer})
    @action(detail=True, methods=["post"], url_path="media-links")
    def media_links(self, request: Request, pk: str | None = None) -> Response:
        """Record an article about the conference (its address is stored, never fetched)."""
        conference = self.get_checked_object("conferences.change_conference")
        data = self.validated(MediaLinkInputSerializer)
        link = self.call_service(services.conference_media_link_add, conference=conference, **data)
        return Response(MediaLinkSerializer(link).data, status=status.HTTP_201_CREATED)
