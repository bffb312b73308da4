"""What the tagging API shows: suggestions with their decision, and taggers' versions without their bytes."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from rightstrack.tagging.choices import TargetKind, TaxonomyKey
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


class SuggestRequestSerializer(serializers.Serializer):
    """The text to suggest tags for: its kind and id; for a report, one section's key (none: every section
    with text)."""

    kind = serializers.ChoiceField(choices=TargetKind.choices)
    id = serializers.IntegerField(min_value=1)
    section = serializers.SlugField(max_length=64, required=False, default="", allow_blank=True)

    def validate(self, attrs: dict) -> dict:
        if attrs["section"] and attrs["kind"] != TargetKind.REPORT_SECTION:
            raise serializers.ValidationError({"section": _("Only a report has sections.")})
        return attrs
