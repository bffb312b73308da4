"""Activities as the API reads and writes them. Every id given is looked up within the caller's scope
(``ScopedPrimaryKeyRelatedField``: an id outside it is "not found", like a missing one)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from rightstrack.activities.choices import ActivityKind
from rightstrack.activities.models import MAX_PEOPLE, Activity, AudienceGroup
from rightstrack.bodies.models import Body
from rightstrack.core.api import ScopedPrimaryKeyRelatedField
from rightstrack.places.models import AdministrativeUnit
from rightstrack.reporting.api.serializers import BodyRefSerializer


class AudienceGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = AudienceGroup
        fields = ["id", "code", "name", "name_en", "active"]


class ActivitySerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)
    audiences: Any = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "body",
            "date",
            "date_end",
            "kind",
            "topic",
            "topic_en",
            "participants",
            "officials_trained",
            "audiences",
            "place_text",
            "place",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ActivityInputSerializer(serializers.Serializer):
    """One activity to record or change (``audiences`` by their codes)."""

    date = serializers.DateField()
    date_end = serializers.DateField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    topic = serializers.CharField(max_length=500)
    topic_en = serializers.CharField(max_length=500, required=False, allow_blank=True)
    participants = serializers.IntegerField(min_value=0, max_value=MAX_PEOPLE, required=False)
    officials_trained = serializers.IntegerField(min_value=0, max_value=MAX_PEOPLE, required=False)
    audiences: Any = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=AudienceGroup.objects.all(), required=False
    )
    place_text = serializers.CharField(max_length=255, required=False, allow_blank=True)
    place = ScopedPrimaryKeyRelatedField(
        queryset=AdministrativeUnit.objects.all(), required=False, allow_null=True
    )
    notes = serializers.CharField(required=False, allow_blank=True)


class ActivityCreateSerializer(ActivityInputSerializer):
    body = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())


class BatchRowSerializer(ActivityInputSerializer):
    id = serializers.IntegerField(required=False, help_text="An existing activity of the body to change.")
    delete = serializers.BooleanField(required=False, default=False)


class BatchSerializer(serializers.Serializer):
    body = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())
    rows = BatchRowSerializer(many=True, allow_empty=False)


class BatchResultSerializer(serializers.Serializer):
    created = serializers.ListField(child=serializers.IntegerField())
    updated = serializers.ListField(child=serializers.IntegerField())
    deleted = serializers.IntegerField()


class ImportUploadSerializer(serializers.Serializer):
    body = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())
    file = serializers.FileField()
    dry_run = serializers.BooleanField(required=False, default=True)
