"""What the recommendations API reads and writes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from rightstrack.exchange.un_recommendations import mapping_from_columns
from rightstrack.recommendations.models import AffectedPersons, Recommendation, SdgGoal, Theme


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "code", "name", "name_vi"]


class AffectedPersonsSerializer(serializers.ModelSerializer):
    class Meta:
        model = AffectedPersons
        fields = ["id", "name", "name_vi"]


class SdgGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = SdgGoal
        fields = ["id", "number", "short", "short_vi", "title"]


class RecommendationSerializer(serializers.ModelSerializer):
    themes: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )
    affected_persons: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )
    sdg_goals: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="number"
    )
    sdg_targets: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )
    recommending_states = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "mechanism",
            "session",
            "cycle",
            "document_symbol",
            "document_date",
            "number",
            "text",
            "text_vi",
            "recommending_states",
            "position",
            "position_source",
            "response_text",
            "response_text_vi",
            "themes",
            "affected_persons",
            "sdg_goals",
            "sdg_targets",
            "external_id",
            "owner",
            "is_published",
            "published_at",
        ]
        read_only_fields = fields


class PublishSerializer(serializers.Serializer):
    published = serializers.BooleanField(
        default=True, help_text="true: show it on the portal; false: withdraw it."
    )
    assessments = serializers.BooleanField(
        default=True, help_text="Publishing: publish its assessments recorded so far too."
    )


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A UHRI export (XLSX, CSV, JSON) or an OHCHR thematic list.")
    owner = serializers.IntegerField(help_text="The id of the body that keeps the recommendations.")
    session = serializers.CharField(required=False, allow_blank=True, max_length=8)
    dry_run = serializers.BooleanField(default=True)
    mapping = serializers.JSONField(
        required=False,
        help_text=(
            "Any CSV/XLSX: which column holds what, {column header (or position from 0): field}, the fields "
            "being number, text, text_vi, mechanism, session, position, recommending_states, themes, "
            "affected_persons, sdgs, external_id, document_symbol, document_date, response_text, countries. "
            "Without it the format is found by content."
        ),
    )
    mechanism = serializers.CharField(
        required=False, allow_blank=True, max_length=16, help_text="Every row's mechanism (with mapping)."
    )

    def validate_mapping(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise serializers.ValidationError("An object {column: field}.")
        try:
            return mapping_from_columns(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None


class JobStartedSerializer(serializers.Serializer):
    job = serializers.IntegerField()
    url = serializers.CharField()
