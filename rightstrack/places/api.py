"""Units and regions (read-only reference data) and the place-name resolver."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from rightstrack.core.api import ScopedReadOnlyViewSet
from rightstrack.places import selectors
from rightstrack.places.filters import AdministrativeUnitFilterSet, RegionFilterSet
from rightstrack.places.models import AdministrativeUnit, Region
from rightstrack.places.resolve import resolve_place


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdministrativeUnit
        fields = ["id", "code", "name", "name_en", "level", "valid_from", "valid_to"]


class AdministrativeUnitSerializer(serializers.ModelSerializer):
    parent = UnitRefSerializer(read_only=True)
    successors = serializers.SerializerMethodField()

    class Meta:
        model = AdministrativeUnit
        fields = [
            "id",
            "code",
            "name",
            "name_ascii",
            "name_en",
            "kind",
            "level",
            "parent",
            "valid_from",
            "valid_to",
            "successors",
        ]

    def get_successors(self, unit: AdministrativeUnit) -> list[dict]:
        return [
            {"id": s.successor_id, "name": s.successor.name, "effective_on": s.effective_on}
            for s in unit.succeeded_by.all()
        ]


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name", "name_en", "kind", "parent"]


class ResolutionSerializer(serializers.Serializer):
    query = serializers.CharField()
    status = serializers.CharField()
    unit = UnitRefSerializer(allow_null=True)
    current = UnitRefSerializer(many=True)
    candidates = UnitRefSerializer(many=True)


class AdministrativeUnitViewSet(ScopedReadOnlyViewSet):
    base_queryset = selectors.unit_list()
    serializer_class = AdministrativeUnitSerializer
    filterset_class = AdministrativeUnitFilterSet
    queryset = AdministrativeUnit.objects.none()  # for schema generation; real rows come from get_queryset

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True), OpenApiParameter("level", str)],
        responses=ResolutionSerializer,
    )
    @action(detail=False, methods=["get"])
    def resolve(self, request: Request) -> Response:
        """Resolve a free-text place name to a unit and its successor today, or list the candidates."""
        result = resolve_place(
            request.query_params.get("q", ""), level=request.query_params.get("level") or None
        )
        return Response(ResolutionSerializer(result.as_dict()).data)


class RegionViewSet(ScopedReadOnlyViewSet):
    base_queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    queryset = Region.objects.none()


def register(router: BaseRouter) -> None:
    router.register("units", AdministrativeUnitViewSet, basename="unit")
    router.register("regions", RegionViewSet, basename="region")
