"""What the reporting API reads and writes: templates, cycles, the dashboard, reports, revisions (the
files in and out: file_serializers.py)."""

from __future__ import annotations

from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from rightstrack.bodies.models import Body
from rightstrack.core.api import ScopedPrimaryKeyRelatedField
from rightstrack.core.collation import vi_order
from rightstrack.core.scope import scoped
from rightstrack.places.models import Region
from rightstrack.reporting import selectors
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.extensions import api_data
from rightstrack.reporting.models import (
    CycleParticipant,
    Report,
    ReportingCycle,
    ReportRevision,
    ReportTemplate,
    TemplateIndicator,
    TemplateSection,
)
from rightstrack.reporting.services.cycles import CYCLE_FIELDS


class BodyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Body
        fields = ["id", "code", "name", "name_en"]


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


@extend_schema_field({"type": "string", "nullable": True, "example": "1250"})
class FigureField(serializers.Field):
    """A figure as text ('1250', '12,5') or a JSON number; the service parses it strictly."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str | int | bool | None:
        if isinstance(data, float):
            return repr(data)
        if data is None or isinstance(data, str | int):  # booleans reach the service, which names the figure
            return cast(str | int | bool | None, data)
        raise serializers.ValidationError(_("Enter a number, as text or as a JSON number."))

    def to_representation(self, value: Any) -> Any:
        return value


# Templates --------------------------------------------------------------------------------------------


class TemplateSectionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(  # type: ignore[assignment]
        source="parent.key", read_only=True, allow_null=True
    )

    class Meta:
        model = TemplateSection
        fields = ["key", "order", "parent", "title", "title_en", "guidance", "guidance_en", "match_aliases"]


class TemplateIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = TemplateIndicator
        fields = [
            "key",
            "order",
            "label",
            "label_en",
            "unit",
            "unit_en",
            "sums_across_bodies",
            "allow_negative",
            "decimals",
        ]


class ReportTemplateSerializer(serializers.ModelSerializer):
    sections = TemplateSectionSerializer(many=True, read_only=True)
    indicators = TemplateIndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = ReportTemplate
        fields = [
            "id",
            "family",
            "version",
            "name",
            "name_en",
            "is_current",
            "created_at",
            "sections",
            "indicators",
        ]
        read_only_fields = fields


class SectionSpecSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=64)
    title = serializers.CharField(max_length=255)
    title_en = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    guidance = serializers.CharField(required=False, allow_blank=True, default="")
    guidance_en = serializers.CharField(required=False, allow_blank=True, default="")
    parent = serializers.CharField(  # type: ignore[assignment]
        max_length=64, required=False, allow_null=True, default=None
    )
    match_aliases = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class IndicatorSpecSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=64)
    label = serializers.CharField(max_length=255)  # type: ignore[assignment]
    label_en = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    unit = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    unit_en = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    sums_across_bodies = serializers.BooleanField(required=False, default=True)
    allow_negative = serializers.BooleanField(required=False, default=False)
    decimals = serializers.IntegerField(required=False, default=0, min_value=0)


class TemplateReviseSerializer(serializers.Serializer):
    """What changes in the next version; anything left out is copied from the version revised."""

    name = serializers.CharField(max_length=255, required=False)
    name_en = serializers.CharField(max_length=255, required=False, allow_blank=True)
    sections = SectionSpecSerializer(many=True, required=False)
    indicators = IndicatorSpecSerializer(many=True, required=False)


# Cycles -----------------------------------------------------------------------------------------------


class ReportingCycleSerializer(serializers.ModelSerializer):
    template = serializers.PrimaryKeyRelatedField(queryset=ReportTemplate.objects.all())
    participant_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ReportingCycle
        fields = [
            "id",
            "name",
            "name_en",
            "period_start",
            "period_end",
            "deadline",
            "template",
            "status",
            "reminder_days_before",
            "region",
            "region_on",
            "participant_count",
            "created_at",
            "opened_at",
            "closed_at",
        ]
        read_only_fields = ["status", "region", "region_on", "created_at", "opened_at", "closed_at"]


class ReportingCycleDetailSerializer(ReportingCycleSerializer):
    participants = serializers.SerializerMethodField()

    class Meta(ReportingCycleSerializer.Meta):
        fields = [*ReportingCycleSerializer.Meta.fields, "participants"]

    @extend_schema_field(BodyRefSerializer(many=True))
    def get_participants(self, cycle: ReportingCycle) -> list[dict[str, Any]]:
        """The participants within the reader's scope."""
        request = self.context.get("request")
        rows = scoped(
            getattr(request, "user", None), CycleParticipant.objects.filter(cycle=cycle)
        ).select_related("body")
        return [BodyRefSerializer(row.body).data for row in rows.order_by(vi_order("body__name"))]


class ReportingCycleCreateSerializer(serializers.ModelSerializer):
    """A planned cycle; participants are chosen one way: bodies, a region's provinces, or all provinces."""

    template = ScopedPrimaryKeyRelatedField(queryset=ReportTemplate.objects.all())
    participants = ScopedPrimaryKeyRelatedField(
        queryset=Body.objects.all(), many=True, required=False, help_text="Body ids."
    )
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), required=False, allow_null=True
    )
    region_on = serializers.DateField(required=False, allow_null=True)
    all_provincial = serializers.BooleanField(required=False, default=False)

    class Meta:
        model = ReportingCycle
        fields = [*CYCLE_FIELDS, "participants", "region", "region_on", "all_provincial"]


class DashboardRowSerializer(serializers.Serializer):
    body = BodyRefSerializer()
    report = serializers.IntegerField(source="report.pk", allow_null=True)
    status = serializers.ChoiceField(choices=ReportStatus.choices, allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True, help_text="The latest submission.")
    first_submitted_at = serializers.DateTimeField(allow_null=True, help_text="The first submission.")
    is_late = serializers.BooleanField(help_text="Judged on the first submission.")
    last_activity_at = serializers.DateTimeField(allow_null=True)


class DashboardSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(source="cycle.pk")
    total = serializers.IntegerField(help_text="Participants within scope (and region), before filters.")
    late = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="Reports by status.")
    rows = DashboardRowSerializer(many=True)


# Reports ----------------------------------------------------------------------------------------------


class ReportListSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)
    is_late = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "cycle",
            "body",
            "template",
            "status",
            "version",
            "is_late",
            "first_submitted_at",
            "submitted_at",
            "returned_at",
            "accepted_at",
            "last_activity_at",
        ]
        read_only_fields = fields

    def get_is_late(self, report: Report) -> bool:
        return report.is_late(timezone.localdate())


class ReviewCommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    section = serializers.CharField(
        source="section.key", allow_null=True, help_text="Section key; null: the whole report."
    )
    author = UserRefSerializer(allow_null=True)
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    revision_number = serializers.IntegerField(allow_null=True)


class RevisionSerializer(serializers.ModelSerializer):
    created_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ReportRevision
        fields = [
            "number",
            "report_version",
            "status",
            "reason",
            "autosave",
            "created_at",
            "updated_at",
            "created_by",
        ]
        read_only_fields = fields


class RevisionDetailSerializer(RevisionSerializer):
    snapshot = serializers.JSONField(
        read_only=True, help_text="{sections: {key: html}, figures: {key: text}, unplaced}"
    )

    class Meta(RevisionSerializer.Meta):
        fields = [*RevisionSerializer.Meta.fields, "snapshot"]
        read_only_fields = fields


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    size = serializers.IntegerField()
    kind = serializers.CharField()
    uploaded_at = serializers.DateTimeField()


class ReportDetailSerializer(ReportListSerializer):
    sections = serializers.SerializerMethodField()
    figures = serializers.SerializerMethodField()
    unplaced = serializers.CharField(source="unplaced_html", read_only=True)
    submitted_by = UserRefSerializer(read_only=True, allow_null=True)
    returned_by = UserRefSerializer(read_only=True, allow_null=True)
    accepted_by = UserRefSerializer(read_only=True, allow_null=True)
    comments = ReviewCommentSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    revisions = serializers.SerializerMethodField()
    extensions = serializers.SerializerMethodField()

    class Meta(ReportListSerializer.Meta):
        fields = [
            *ReportListSerializer.Meta.fields,
            "submitted_by",
            "returned_by",
            "accepted_by",
            "sections",
            "figures",
            "unplaced",
            "comments",
            "attachments",
            "revisions",
            "extensions",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "object"}})
    def get_extensions(self, report: Report) -> dict[str, Any]:
        """What other apps add to the sections, by name: ``task_answers`` lists the body's tasks this
        report answers (task id → directive, status, due date, the answer, whether it can take one); write
        them back through ``PUT/PATCH …/content/`` ``extensions``."""
        return api_data(report)

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_sections(self, report: Report) -> dict[str, str]:
        """Section key → HTML, in template order."""
        return {row.section.key: row.html for row in report.sections.all()}

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string", "nullable": True}})
    def get_figures(self, report: Report) -> dict[str, str | None]:
        """Indicator key → value as text (null when not given), in template order."""
        return {row.indicator.key: (row.display_value or None) for row in report.figures.all()}

    @extend_schema_field(RevisionSerializer(many=True))
    def get_revisions(self, report: Report) -> list[dict[str, Any]]:
        return list(RevisionSerializer(selectors.report_revisions(report), many=True).data)


class ReportContentSerializer(serializers.Serializer):
    """Sections and figures to save on top of ``expected_version``; keys left out stay as they are."""

    expected_version = serializers.IntegerField(min_value=1, help_text="The version the writer read.")
    sections = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        required=False,
        default=dict,
        help_text="Section key → HTML (sanitised on save).",
    )
    figures = serializers.DictField(
        child=FigureField(),
        required=False,
        default=dict,
        help_text="Indicator key → number (null clears it).",
    )
    unplaced = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Imported text not yet placed in a section (send '' once it has all been moved).",
    )
    extensions = serializers.DictField(
        child=serializers.DictField(child=serializers.DictField()),
        required=False,
        default=dict,
        help_text=(
            "What other apps add to the sections, by name → item → part, saved with the report: "
            '{"task_answers": {"<task id>": {"text": "what was done", "propose_done": true}}} answers the '
            "body's tasks in the section on earlier directives (GET /api/tasks/?… lists them)."
        ),
    )


class SubmitSerializer(serializers.Serializer):
    expected_version = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Refuse (409) if the report moved past it."
    )
    confirm = serializers.BooleanField(
        required=False,
        default=False,
        help_text=(
            "Submit although the check before submitting (GET …/submit-check/) lists empty sections, text "
            "not yet placed or blank figures; without it such a report is refused (400, code incomplete)."
        ),
    )


class SubmissionCheckSerializer(serializers.Serializer):
    """What the writer should look at before submitting."""

    ready = serializers.BooleanField(help_text="Nothing to look at: submitting needs no confirmation.")
    empty_sections = serializers.ListField(child=serializers.CharField(), help_text="Numbered titles.")
    unplaced = serializers.BooleanField(help_text="Imported text still waits outside the sections.")
    missing_figures = serializers.ListField(child=serializers.CharField(), help_text="Blank figures.")


class ReturnCommentSerializer(serializers.Serializer):
    section = serializers.CharField(
        required=False, allow_null=True, default=None, help_text="Section key or null."
    )
    text = serializers.CharField(allow_blank=True)


class ReturnSerializer(serializers.Serializer):
    comments = ReturnCommentSerializer(many=True)


# "from" is a keyword, so this serializer is built with type().
DiffQuerySerializer = type(
    "DiffQuerySerializer",
    (serializers.Serializer,),
    {
        "from": serializers.IntegerField(min_value=1, help_text="Revision number."),
        "to": serializers.IntegerField(min_value=1, help_text="Revision number."),
    },
)


class SectionDiffSerializer(serializers.Serializer):
    title = serializers.CharField()
    diff = serializers.CharField(help_text="Unified diff of the plain text.")


class RevisionDiffSerializer(serializers.Serializer):
    from_revision = serializers.IntegerField()
    to_revision = serializers.IntegerField()
    changes = SectionDiffSerializer(many=True)
