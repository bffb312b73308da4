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


class StatementSerializer(serializers.Serializer):
    part = serializers.ChoiceField(choices=[("directives", "directives"), ("shortcomings", "shortcomings")])
    text = serializers.CharField()
    key = serializers.CharField(help_text="What POST /api/documents/{id}/take-statement/ takes.")
    taken = serializers.BooleanField(help_text="Taken into the conference's directives already.")
    directive = serializers.IntegerField(allow_null=True, help_text="The directive it became, if you see it.")


class TakeStatementSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=64, help_text="A sentence's key, from the document's `takeable`.")


class TakenSerializer(serializers.Serializer):
    directive = serializers.IntegerField()
    created = serializers.BooleanField(help_text="False: the sentence was taken before; nothing was added.")
    url = serializers.CharField()


class KeptDocumentDetailSerializer(KeptDocumentSerializer):
    statements = serializers.SerializerMethodField(help_text="Directives, shortcomings and proposals stated.")
    takeable = serializers.SerializerMethodField(
        help_text="The stated directives and shortcomings that may be taken into the conference's directives."
    )

    class Meta(KeptDocumentSerializer.Meta):
        fields = [
            *KeptDocumentSerializer.Meta.fields,
            "text",
            "sections",
            "truncated",
            "facts",
            "statements",
            "takeable",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "object"})
    def get_statements(self, document: Document) -> dict[str, Any]:
        return document.statements

    @extend_schema_field(StatementSerializer(many=True))
    def get_takeable(self, document: Document) -> list[dict[str, Any]]:
        from rightstrack.followup.selectors import taken_statements
        from rightstrack.followup.services import TAKEN_FROM, statement_key

        request = self.context.get("request")
        user = getattr(request, "user", None)
        taken = taken_statements(document_id=document.pk, user=user) if user is not None else {}
        rows = []
        for part in TAKEN_FROM:
            for sentence in document.statements.get(part) or []:
                key = statement_key(sentence)
                directive = taken.get(key)
                rows.append(
                    {
                        "part": part,
                        "text": sentence,
                        "key": key,
                        "taken": key in taken,
                        "directive": directive.pk if directive is not None else None,
                    }
                )
        return rows


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
