"""``/api/packs/``: list and read packs, make one, and ask for one to be built as a job (202), whose
``result_url`` gives the file when it is done."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.core.api.viewsets import ServiceCreateMixin
from rightstrack.core.jobs.api import JobSerializer, accepted
from rightstrack.packs import selectors, services
from rightstrack.packs.api.serializers import (
    PackBuildSerializer,
    PackCreateSerializer,
    PackDetailSerializer,
    PackSerializer,
)
from rightstrack.packs.filters import PackFilterSet
from rightstrack.packs.models import ConsolidatedPack


class PackViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceCreateMixin):
    """Consolidated packs: a cycle's reports from a set of bodies, consolidated for a review."""

    base_queryset = selectors.pack_detail().order_by("-created_at", "-pk")
    queryset = ConsolidatedPack.objects.none()
    serializer_class = PackSerializer
    filterset_class = PackFilterSet
    view_permission = "packs.view_consolidatedpack"
    create_service = services.pack_create
    create_permission = "packs.add_consolidatedpack"

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "create":
            return PackCreateSerializer
        if self.action == "retrieve":
            return PackDetailSerializer
        if self.action == "build":
            return PackBuildSerializer
        return PackSerializer

    def respond(self, instance: Any, *, code: int = status.HTTP_200_OK) -> Response:
        return Response(
            PackDetailSerializer(instance, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(request=PackCreateSerializer, responses={201: PackDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Make a pack for a cycle: all its participants, a region's, or a list (standing office)."""
        return super().create(request, *args, **kwargs)

    @extend_schema(request=PackBuildSerializer, responses={202: JobSerializer})
    @action(detail=True, methods=["post"])
    def build(self, request: Request, pk: str | None = None) -> Response:
        """Build the pack (Word or PDF) in the background: 202 with the job; poll its ``url`` until ``state``
        is ``succeeded``, then download ``result_url``. Sources unchanged since the last build: the stored
        content is reused and only the file is written."""
        pack = self.get_checked_object("packs.build_consolidatedpack")
        data = self.validated(PackBuildSerializer)
        job = self.call_service(
            services.pack_build_enqueue,
            pack=pack,
            file_format=data["format"],
            number=data["number"],
            place=data["place"],
            date=data["date"],
        )
        return accepted(job, request)
