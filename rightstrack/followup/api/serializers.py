"""Directives and tasks as the API reads and writes them. Every id given is looked up within the caller's
scope (``ScopedPrimaryKeyRelatedField``: an id outside it is "not found", like a missing one)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from rightstrack.activities.models import Activity
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.conferences.models import Conference
from rightstrack.core.api import ScopedPrimaryKeyRelatedField
from rightstrack.followup.choices import TargetMode, TaskStatus
from rightstrack.followup.models import Directive, DirectiveKind, Task, TaskAnswer, TaskEvidence, TaskUpdate
from rightstrack.followup.selectors import evidence_documents
from rightstrack.laws.models import LegalDocument
from rightstrack.reporting.api.serializers import BodyRefSerializer
from rightstrack.reporting.models import ReportSection


class DirectiveKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = DirectiveKind
        fields = ["id", "code", "name", "name_en", "order", "is_active"]


class DirectiveSerializer(serializers.ModelSerializer):
    issuer = BodyRefSerializer(read_only=True)
    kind = DirectiveKindSerializer(read_only=True)
    conference: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    source_article: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="The article (a kept document) it was taken from, if any."
    )
    task_count = serializers.IntegerField(read_only=True, help_text="Tasks the caller may see.")
    done_count = serializers.IntegerField(read_only=True)
    overdue_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Directive
        fields = [
            "id",
            "number",
            "kind",
            "text",
            "text_en",
            "issuer",
            "issued_by_name",
            "issued_by_position",
            "issued_on",
            "conference",
            "source_document",
            "source_article",
            "task_count",
            "done_count",
            "overdue_count",
        ]


class DirectiveWriteSerializer(serializers.Serializer):
    issuer = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())
    kind = serializers.PrimaryKeyRelatedField(queryset=DirectiveKind.objects.all())
    number = serializers.IntegerField(min_value=1, max_value=999, required=False, allow_null=True)
    text = serializers.CharField(
        max_length=20_000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Vietnamese; or give text_en.",
    )
    text_en = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")
    issued_by_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    issued_by_position = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    issued_on = serializers.DateField(required=False, allow_null=True)
    conference = ScopedPrimaryKeyRelatedField(
        queryset=Conference.objects.all(), required=False, allow_null=True
    )
    source_document = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AssignSerializer(serializers.Serializer):
    """Exactly one way of choosing: ``bodies``, or ``mode`` = conference / provincial / ministries, or
    ``mode`` = communes with ``province`` (and, optionally, ``commune_kinds``)."""

    mode = serializers.ChoiceField(choices=TargetMode.choices, default=TargetMode.BODIES)
    bodies = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all(), many=True, required=False)
    province = ScopedPrimaryKeyRelatedField(
        queryset=Body.objects.filter(kind=BodyKind.PROVINCIAL_COMMITTEE), required=False, allow_null=True
    )
    commune_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=BodyKind.choices), required=False, default=list
    )
    due_on = serializers.DateField()
    note = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")


class AssignedSerializer(serializers.Serializer):
    created = serializers.ListField(child=serializers.IntegerField(), help_text="Ids of the tasks created.")
    existing = serializers.IntegerField(help_text="Bodies that had a task of this directive already.")


class EvidenceSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = TaskEvidence
        fields = [
            "id",
            "kind",
            "report_section",
            "original_name",
            "file_kind",
            "size",
            "reference",
            "legal_document",
            "activity",
            "document",
            "download_url",
        ]

    def get_download_url(self, evidence: TaskEvidence) -> str | None:
        if not evidence.file:
            return None
        return reverse("followup:evidence", args=[evidence.update.task_id, evidence.pk])


class TaskUpdateSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.display_name", read_only=True, default=None)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = TaskUpdate
        fields = [
            "id",
            "created_at",
            "author",
            "text",
            "status_from",
            "status_to",
            "proposes_done",
            "evidence",
        ]


class TaskSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)
    directive: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    directive_text = serializers.CharField(
        source="directive.display_text", read_only=True, help_text="In the caller's language where given."
    )
    overdue = serializers.BooleanField(read_only=True, help_text="Open or in progress after the due date.")
    done_proposed = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "directive",
            "directive_text",
            "body",
            "due_on",
            "status",
            "overdue",
            "done_proposed",
            "closed_on",
            "note",
        ]

    def get_done_proposed(self, task: Task) -> bool:
        return task.done_proposed_at is not None


class TaskAnswerSerializer(serializers.ModelSerializer):
    """What the body wrote about the task in one of its reports (the section on earlier directives)."""

    report: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    cycle = serializers.CharField(source="report.cycle.display_name", read_only=True)
    report_url = serializers.SerializerMethodField()
    updated_by = serializers.CharField(source="updated_by.display_name", read_only=True, default=None)

    class Meta:
        model = TaskAnswer
        fields = ["id", "report", "cycle", "report_url", "text", "updated_at", "updated_by"]

    def get_report_url(self, answer: TaskAnswer) -> str:
        return answer.report.get_absolute_url()


class TaskDetailSerializer(TaskSerializer):
    updates = TaskUpdateSerializer(many=True, read_only=True)
    answers = TaskAnswerSerializer(
        many=True, read_only=True, help_text="What the body wrote about the task in its reports."
    )

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "updates", "answers"]


class EvidenceDocumentField(ScopedPrimaryKeyRelatedField):
    """A kept document by id, among those the documents app offers the caller (``evidence_documents``);
    any other id is "not found"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=TaskEvidence.objects.none(), **kwargs)

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return evidence_documents(user=getattr(request, "user", None))


class TaskProgressSerializer(serializers.Serializer):
    """A progress note: text, a status, a proposal that it is done, and evidence (multipart for a file)."""

    text = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False, allow_null=True)
    propose_done = serializers.BooleanField(required=False, default=False)
    report_section = ScopedPrimaryKeyRelatedField(
        queryset=ReportSection.objects.select_related("report", "report__body"),
        required=False,
        allow_null=True,
    )
    file = serializers.FileField(required=False, allow_null=True, allow_empty_file=True)
    reference = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    legal_document = ScopedPrimaryKeyRelatedField(
        queryset=LegalDocument.objects.all(),
        required=False,
        allow_null=True,
        help_text="A document of the laws and policies register.",
    )
    activity = ScopedPrimaryKeyRelatedField(
        queryset=Activity.objects.select_related("body"),
        required=False,
        allow_null=True,
        help_text="An activity of the task's body (or of a body under it).",
    )
    document = EvidenceDocumentField(
        required=False, allow_null=True, help_text="A kept document (documents app) the caller can read."
    )

    def to_service(self) -> dict[str, Any]:
        from rightstrack.followup.services import Evidence

        data = self.validated_data
        evidence = []
        if data.get("report_section") is not None:
            evidence.append(Evidence(report_section=data["report_section"]))
        if data.get("file") is not None:
            evidence.append(Evidence(file=data["file"]))
        if (data.get("reference") or "").strip():
            evidence.append(Evidence(reference=data["reference"]))
        for name in ("legal_document", "activity", "document"):
            if data.get(name) is not None:
                evidence.append(Evidence(**{name: data[name]}))
        return {
            "text": data.get("text") or "",
            "status": data.get("status") or None,
            "propose_done": data.get("propose_done", False),
            "evidence": evidence,
        }
