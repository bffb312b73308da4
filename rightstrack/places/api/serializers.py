"""Units and regions as the API shows them, and a resolution of a place name."""

from __future__ import annotations

from rest_framework import serializers

from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region


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


class ResolveQuerySerializer(serializers.Serializer):
    """The resolver's query string: text without NUL characters, and a level it knows (400 otherwise)."""

    q = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    level = serializers.ChoiceField(choices=UnitLevel.choices, required=False, allow_blank=True)


class ResolutionSerializer(serializers.Serializer):
    query = serializers.CharField()
    status = serializers.CharField()
    unit = UnitRefSerializer(allow_null=True)
    current = UnitRefSerializer(many=True)
    candidates = UnitRefSerializer(many=True)
