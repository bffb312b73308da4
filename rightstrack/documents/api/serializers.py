"""Documents as the API reads and writes them. Every id given is looked up within the caller's scope."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from rightstrack.bodies.models import Body, Membership
from rightstrack.conferences.choices import ConferenceKind
from rightstrack.conferences.models import Conference
from rightstrack.core.api import ScopedPrimaryKeyRelatedField
from rightstrack.documents.choices import DocumentKind, DocumentLanguage
from rightstrack.documents.models import Document
from rightstrack.places.models import AdministrativeUnit
from rightstrack.reporting.api.serializers import BodyRefSerializer


class KeptDocumentSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Document
        fields = [
            "id", "kind", "title", "language", "published_on", "source_url", "original_name", "file_kind",
            "size", "body", "conference", "near_duplicate_of", "created_at", "url",
        ]  # fmt: skip
        read_only_fields = fields


class KeptDocumentDetailSerializer(KeptDocumentSerializer):
    statements = serializers.SerializerMethodField(help_text="Directives, shortcomings and proposals stated.")

    class Meta(KeptDocumentSerializer.Meta):
        fields = [*KeptDocumentSerializer.Meta.fields, "text", "sections", "truncated", "facts", "statements"]
        read_only_fields = fields

    @extend_schema_field({"type": "object"})
    def get_statements(self, document: Document) -> dict[str, Any]:
        return document.statements


class KeptDocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    body = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.ARTICLE)
    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    source_url = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)


class KeptDocumentUpdateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices, required=False)
    title = serializers.CharField(max_length=500, required=False)
    language = serializers.ChoiceField(choices=DocumentLanguage.choices, required=False)
    published_on = serializers.DateField(required=False, allow_null=True)
    source_url = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class BulkUploadSerializer(serializers.Serializer):
    archive = serializers.FileField(allow_empty_file=True)
    body = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.ARTICLE)


class ConferenceFromDocumentSerializer(serializers.Serializer):
    """Either ``conference`` (the article covers it) or the fields of a new conference, as confirmed."""

    conference = ScopedPrimaryKeyRelatedField(
        queryset=Conference.objects.all(), required=False, allow_null=True
    )
    kind = serializers.ChoiceField(choices=ConferenceKind.choices, required=False)
    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    title_en = serializers.CharField(max_length=500, required=False, allow_blank=True)
    date = serializers.DateField(required=False, allow_null=True)
    place = ScopedPrimaryKeyRelatedField(
        queryset=AdministrativeUnit.objects.all(), required=False, allow_null=True
    )
    venue = serializers.CharField(max_length=255, required=False, allow_blank=True)
    organiser = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all(), required=False, allow_null=True)
    chair = ScopedPrimaryKeyRelatedField(queryset=Membership.objects.all(), required=False, allow_null=True)
    attendee_count = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    presenters = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all(), many=True, required=False)


class ConferenceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conference
        fields = ["id", "title", "date"]
        read_only_fields = fields
