"""Units and regions (read-only reference data) and the place-name resolver."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.core.api.viewsets import ScopedReadOnlyViewSet
from rightstrack.places import selectors
from rightstrack.places.api.serializers import (
    AdministrativeUnitSerializer,
    RegionSerializer,
    ResolutionSerializer,
    ResolveQuerySerializer,
)
from rightstrack.places.filters import AdministrativeUnitFilterSet, RegionFilterSet
from rightstrack.places.models import AdministrativeUnit, Region
from rightstrack.places.resolve import resolve_place


class AdministrativeUnitViewSet(ScopedReadOnlyViewSet):
    base_queryset = selectors.unit_list()
    serializer_class = AdministrativeUnitSerializer
    filterset_class = AdministrativeUnitFilterSet
    queryset = AdministrativeUnit.objects.none()  # for schema generation; real rows come from get_queryset

    @extend_schema(parameters=[ResolveQuerySerializer], responses=ResolutionSerializer)
    @action(detail=False, methods=["get"])
    def resolve(self, request: Request) -> Response:
        """Resolve a free-text place name to a unit and its successor today, or list the candidates."""
        query = ResolveQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = resolve_place(query.validated_data["q"], level=query.validated_data.get("level") or None)
        return Response(ResolutionSerializer(result.as_dict()).data)


class RegionViewSet(ScopedReadOnlyViewSet):
    base_queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    queryset = Region.objects.none()
