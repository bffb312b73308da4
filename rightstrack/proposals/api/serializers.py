"""Proposals as the API reads and writes them. Every id given is looked up within the caller's scope."""

from __future__ import annotations

from rest_framework import serializers

from rightstrack.bodies.models import Body
from rightstrack.conferences.models import Conference
from rightstrack.core.api import ScopedPrimaryKeyRelatedField
from rightstrack.laws.models import LegalDocument
from rightstrack.proposals.choices import ProposalKind, ProposalStatus
from rightstrack.proposals.models import Proposal, ProposalSource, ProposalStatusChange
from rightstrack.reporting.api.serializers import BodyRefSerializer
from rightstrack.reporting.models import ReportSection


class ProposalSourceSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)
    report = serializers.IntegerField(source="section.report_id", read_only=True, default=None)
    section = serializers.CharField(source="section.section.key", read_only=True, default=None)

    class Meta:
        model = ProposalSource
        fields = ["id", "kind", "body", "report", "section", "pack", "conference", "text", "via"]


class ProposalChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.CharField(source="changed_by.get_username", read_only=True, default="")

    class Meta:
        model = ProposalStatusChange
        fields = ["previous", "status", "response", "on", "changed_at", "changed_by"]


class ProposalSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "kind",
            "topic",
            "text",
            "body",
            "authority",
            "status",
            "submitted_on",
            "response",
            "merged_into",
            "updated_at",
        ]


class ProposalDetailSerializer(ProposalSerializer):
    sources = ProposalSourceSerializer(many=True, read_only=True)
    history = ProposalChangeSerializer(source="changes", many=True, read_only=True)
    documents: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "authority_body", "documents", "sources", "history"]


class ProposalWriteSerializer(serializers.Serializer):
    body = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())
    kind = serializers.ChoiceField(choices=ProposalKind.choices)
    topic = serializers.CharField(max_length=255)
    text = serializers.CharField()
    authority = serializers.CharField(max_length=255)
    authority_body = ScopedPrimaryKeyRelatedField(
        queryset=Body.objects.all(), required=False, allow_null=True
    )
    submitted_on = serializers.DateField(required=False, allow_null=True)
    documents = ScopedPrimaryKeyRelatedField(queryset=LegalDocument.objects.all(), many=True, required=False)
    sections = ScopedPrimaryKeyRelatedField(
        queryset=ReportSection.objects.select_related("report", "report__body"),
        many=True,
        required=False,
        help_text="Report section answers the proposal comes from.",
    )
    conference = ScopedPrimaryKeyRelatedField(
        queryset=Conference.objects.all(), required=False, allow_null=True
    )


class ProposalUpdateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ProposalKind.choices, required=False)
    topic = serializers.CharField(max_length=255, required=False)
    text = serializers.CharField(required=False)
    authority = serializers.CharField(max_length=255, required=False)
    submitted_on = serializers.DateField(required=False)
    documents = ScopedPrimaryKeyRelatedField(queryset=LegalDocument.objects.all(), many=True, required=False)


class ProposalAnswerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ProposalStatus.choices)
    response = serializers.CharField(required=False, allow_blank=True)
    on = serializers.DateField(required=False, allow_null=True)


class ProposalMergeSerializer(serializers.Serializer):
    proposals = ScopedPrimaryKeyRelatedField(queryset=Proposal.objects.all(), many=True)
