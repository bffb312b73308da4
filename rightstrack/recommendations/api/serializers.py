"""What the recommendations API reads and writes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from rest_framework import serializers

from rightstrack.activities.models import Activity
from rightstrack.bodies.models import Body
from rightstrack.core.api import ScopedPrimaryKeyRelatedField
from rightstrack.exchange.un_recommendations import mapping_from_columns
from rightstrack.followup.models import Task
from rightstrack.followup.selectors import evidence_documents
from rightstrack.laws.models import LegalDocument
from rightstrack.recommendations.models import (
    AffectedPersons,
    Assessment,
    Assignment,
    Cluster,
    Measure,
    Recommendation,
    SdgGoal,
    Theme,
)
from rightstrack.reporting.api.serializers import BodyRefSerializer
from rightstrack.reporting.models import ReportSection


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
            "Any CSV/XLSX/JSON: which column (a JSON object's key) holds what, {column header (or position "
            "from 0): field}, the fields "
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


# Assignment, measures, assessments -----------------------------------------------------------------------


class RecommendationAssignSerializer(serializers.Serializer):
    """The lead body and the supporting bodies (ids within the caller's scope)."""

    lead = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all(), help_text="The lead body's id.")
    supporting = ScopedPrimaryKeyRelatedField(
        queryset=Body.objects.all(), many=True, required=False, help_text="The supporting bodies' ids."
    )


class RecommendationAssignmentSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "recommendation", "body", "role", "assigned_at"]
        read_only_fields = fields


class RecommendationClusterSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cluster
        fields = ["id", "name", "name_vi"]


class RecommendationClusterAssignedSerializer(serializers.Serializer):
    assigned = serializers.ListField(
        child=serializers.IntegerField(), help_text="The recommendations assigned."
    )
    not_kept = serializers.IntegerField(help_text="Recommendations of the cluster kept by other bodies.")


class RecommendationMeasureSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "recommendation",
            "body",
            "what",
            "responsible",
            "due_on",
            "budget_note",
            "indicator",
            "created_at",
        ]
        read_only_fields = ["id", "recommendation", "body", "created_at"]


class EvidenceDocumentsField(ScopedPrimaryKeyRelatedField):
    """A kept document by id, among those the documents app offers the caller; any other is "not found"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Body.objects.none(), **kwargs)

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return evidence_documents(user=getattr(request, "user", None))


class RecommendationAssessmentSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)
    sections = ScopedPrimaryKeyRelatedField(
        source="evidence_sections",
        queryset=ReportSection.objects.select_related("report"),
        many=True,
        required=False,
        help_text="Sections of reports (ids) the caller can read.",
    )
    tasks = ScopedPrimaryKeyRelatedField(
        source="evidence_tasks",
        queryset=Task.objects.select_related("body"),
        many=True,
        required=False,
        help_text="Tasks of the bodies responsible for the recommendation (or of bodies under them).",
    )
    activities = ScopedPrimaryKeyRelatedField(
        source="evidence_activities",
        queryset=Activity.objects.select_related("body"),
        many=True,
        required=False,
        help_text="Activities of the bodies responsible for the recommendation (or of bodies under them).",
    )
    legal_documents = ScopedPrimaryKeyRelatedField(
        source="evidence_legal_documents",
        queryset=LegalDocument.objects.all(),
        many=True,
        required=False,
        help_text="Laws and policies of the register.",
    )
    documents = EvidenceDocumentsField(
        source="evidence_documents",
        many=True,
        required=False,
        help_text="Kept documents the caller can read.",
    )
    file = serializers.FileField(
        source="evidence_file", required=False, allow_null=True, write_only=True, help_text="Multipart only."
    )
    remove_file = serializers.BooleanField(
        required=False, write_only=True, help_text="PATCH: take the evidence file off."
    )
    file_name = serializers.CharField(source="evidence_file_name", read_only=True)
    file_url = serializers.SerializerMethodField(help_text="Where the evidence file is downloaded, if any.")

    class Meta:
        model = Assessment
        fields = [
            "id",
            "recommendation",
            "body",
            "status",
            "assessed_on",
            "note",
            "sections",
            "tasks",
            "activities",
            "legal_documents",
            "documents",
            "file",
            "remove_file",
            "file_name",
            "file_url",
            "created_at",
        ]
        read_only_fields = ["id", "recommendation", "body", "file_name", "file_url", "created_at"]

    def get_file_url(self, assessment: Assessment) -> str | None:
        if not assessment.evidence_file:
            return None
        return reverse("recommendations:assessment_file", args=[assessment.pk])

    def to_service(self) -> dict[str, Any]:
        data = self.validated_data
        return {
            "status": data["status"],
            "assessed_on": data["assessed_on"],
            "note": data.get("note") or "",
            "sections": list(data.get("evidence_sections") or ()),
            "tasks": list(data.get("evidence_tasks") or ()),
            "activities": list(data.get("evidence_activities") or ()),
            "legal_documents": list(data.get("evidence_legal_documents") or ()),
            "documents": list(data.get("evidence_documents") or ()),
            "evidence_file": data.get("evidence_file") or None,
        }

    @staticmethod
    def changes(data: dict[str, Any]) -> dict[str, Any]:
        """A PATCH's validated data as ``assessment_update``'s arguments: only what was sent."""
        names = {
            "status": "status",
            "assessed_on": "assessed_on",
            "note": "note",
            "evidence_sections": "sections",
            "evidence_tasks": "tasks",
            "evidence_activities": "activities",
            "evidence_legal_documents": "legal_documents",
            "evidence_documents": "documents",
            "evidence_file": "evidence_file",
            "remove_file": "remove_file",
        }
        changes = {names[key]: value for key, value in data.items() if key in names}
        for key in ("sections", "tasks", "activities", "legal_documents", "documents"):
            if key in changes:
                changes[key] = list(changes[key])
        if changes.get("note") is None and "note" in changes:
            changes["note"] = ""
        return changes


class ReportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["midterm", "national", "matrix"],
        help_text="midterm: the supported recommendations; national: all of them (Word); matrix: Excel.",
    )
    by = serializers.ChoiceField(
        choices=["cluster", "theme"], default="cluster", help_text="How to group them."
    )
