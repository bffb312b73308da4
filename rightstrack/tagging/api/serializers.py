"""What the tagging API shows: suggestions with their decision, and taggers' versions without their bytes."""

from __future__ import annotations

from rest_framework import serializers

from rightstrack.tagging.choices import TaxonomyKey
from rightstrack.tagging.models import Suggestion, TaggerVersion


class SuggestionSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.display_name", default=None, read_only=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "kind",
            "recommendation",
            "report",
            "section_key",
            "conference",
            "document",
            "taxonomy",
            "code",
            "score",
            "model_version",
            "state",
            "created_at",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = fields


class TaggerVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.display_name", default=None, read_only=True)

    class Meta:
        model = TaggerVersion
        fields = [
            "id",
            "taxonomy",
            "version",
            "figures",
            "examples",
            "active",
            "note",
            "created_at",
            "created_by",
        ]
        read_only_fields = fields


class RetrainSerializer(serializers.Serializer):
    taxonomy = serializers.ChoiceField(choices=TaxonomyKey.choices)
