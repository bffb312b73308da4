"""Bodies and memberships as the API reads and writes them; a body named must be within the user's scope
(``ScopedPrimaryKeyRelatedField``: an id outside it is "not found", like a missing one)."""

from __future__ import annotations

from rest_framework import serializers

from rightstrack.bodies.models import Body, Membership
from rightstrack.core.api import ScopedPrimaryKeyRelatedField
from rightstrack.places.models import AdministrativeUnit


class BodySerializer(serializers.ModelSerializer):
    parent = ScopedPrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Body.objects.all(), allow_null=True, required=False
    )
    unit = ScopedPrimaryKeyRelatedField(
        queryset=AdministrativeUnit.objects.all(), allow_null=True, required=False
    )
    successor = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Body
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "kind",
            "level",
            "unit",
            "parent",
            "established_on",
            "establishment_decision",
            "dissolved_on",
            "successor",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", required=False, allow_blank=True)
    person_title = serializers.CharField(source="person.title", required=False, allow_blank=True)
    body: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    member_body = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Membership
        fields = [
            "id",
            "body",
            "position",
            "person_name",
            "person_title",
            "member_body",
            "title",
            "start_on",
            "end_on",
        ]
