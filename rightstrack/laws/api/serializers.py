"""The register as the API reads and writes it. A body given is looked up within the caller's scope."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from rightstrack.bodies.models import Body
from rightstrack.core.api import ScopedPrimaryKeyRelatedField
from rightstrack.laws import selectors
from rightstrack.laws.choices import ImplementationStatus, LegalKind
from rightstrack.laws.models import LegalDocument, LegalMention, LegalStatus, LegalStatusChange
from rightstrack.reporting.api.serializers import BodyRefSerializer

DOCUMENT_FIELDS = [
    "id",
    "kind",
    "symbol",
    "part",
    "title",
    "title_en",
    "issuer",
    "issued_on",
    "in_force_from",
    "repealed_on",
    "summary",
    "url",
]


class LegalDocumentSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=LegalKind.choices)

    class Meta:
        model = LegalDocument
        fields = [*DOCUMENT_FIELDS, "updated_at"]
        read_only_fields = ["id", "updated_at"]


class LegalStatusChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.CharField(source="changed_by.get_username", read_only=True, default="")

    class Meta:
        model = LegalStatusChange
        fields = ["previous", "status", "since", "note", "changed_at", "changed_by"]


class LegalStatusSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)
    history = LegalStatusChangeSerializer(source="changes", many=True, read_only=True)

    class Meta:
        model = LegalStatus
        fields = ["body", "status", "since", "note", "updated_at", "history"]


class LegalMentionSerializer(serializers.ModelSerializer):
    report = serializers.IntegerField(source="section.report_id", read_only=True)
    body = BodyRefSerializer(source="section.report.body", read_only=True)
    section = serializers.CharField(source="section.section.key", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = LegalMention
        fields = ["report", "body", "section", "cited_as", "excerpt", "url"]

    def get_url(self, mention: LegalMention) -> str:
        return (
            reverse("reporting:report_detail", args=[mention.section.report_id])
            + f"#section-{mention.section.section.key}"
        )


class LegalDocumentDetailSerializer(LegalDocumentSerializer):
    statuses = serializers.SerializerMethodField(
        help_text="The bodies' statuses the caller may see, with history."
    )
    citations = serializers.SerializerMethodField(
        help_text="Report passages the caller may see that cite it."
    )

    class Meta(LegalDocumentSerializer.Meta):
        fields = [*LegalDocumentSerializer.Meta.fields, "statuses", "citations"]

    @extend_schema_field(LegalStatusSerializer(many=True))
    def get_statuses(self, document: LegalDocument) -> list[dict[str, Any]]:
        user = self.context["request"].user
        return LegalStatusSerializer(
            selectors.document_statuses(user=user, document=document), many=True
        ).data  # type: ignore[return-value]

    @extend_schema_field(LegalMentionSerializer(many=True))
    def get_citations(self, document: LegalDocument) -> list[dict[str, Any]]:
        user = self.context["request"].user
        rows, _total = selectors.document_mentions(user=user, document=document)
        return LegalMentionSerializer(rows, many=True).data  # type: ignore[return-value]


class LegalStatusInputSerializer(serializers.Serializer):
    body = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())
    status = serializers.ChoiceField(choices=ImplementationStatus.choices)
    since = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
