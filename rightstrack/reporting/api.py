"""Templates, cycles and reports over the API: scoped reads, every write through the reporting services.

Status codes: 400 for bad input (field errors, as the services report them), 403 for an action the user's role
does not allow, 404 for anything outside the user's scope, 409 for a conflict with the report's state: a save
or submit on an older version (the body carries the current content and the refused input), a workflow step
the status does not allow, or content that can no longer change.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from rightstrack.bodies.models import Body
from rightstrack.core.api import ScopedViewSetMixin
from rightstrack.core.scope import ensure_can, get_scoped_or_404, scoped
from rightstrack.places.models import Region
from rightstrack.reporting import adapters, docx_import, exports, selectors, services
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.exceptions import InvalidTransition, ReportNotEditable, StaleReport
from rightstrack.reporting.filters import ReportFilterSet, ReportingCycleFilterSet, ReportTemplateFilterSet
from rightstrack.reporting.models import (
    CycleParticipant,
    Report,
    ReportingCycle,
    ReportRevision,
    ReportTemplate,
    TemplateIndicator,
    TemplateSection,
)
from rightstrack.reporting.specs import IndicatorSpec, SectionSpec

# Shared pieces ----------------------------------------------------------------------------------------


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


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()


class ReportContentStateSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    sections = serializers.DictField(child=serializers.CharField())
    figures = serializers.DictField(child=serializers.CharField(allow_null=True))
    unplaced = serializers.CharField()


class AttemptedContentSerializer(serializers.Serializer):
    sections = serializers.DictField(child=serializers.CharField())
    figures = serializers.DictField(child=FigureField())


class StaleSerializer(ConflictSerializer):
    current = ReportContentStateSerializer(required=False, help_text="Only for code 'stale'.")
    attempted = AttemptedContentSerializer(required=False, help_text="Only for code 'stale'.")


CONFLICT = OpenApiResponse(
    ConflictSerializer, description="The report's state does not allow this (code: invalid_transition, …)."
)
STALE_OR_CONFLICT = OpenApiResponse(
    StaleSerializer,
    description="Someone saved first (code 'stale': 'current' holds the newer content, 'attempted' what "
    "was refused), or the report's state does not allow this ('current' and 'attempted' then absent).",
)


def conflict_response(exc: DjangoValidationError) -> Response:
    """A 409 for a state conflict; a stale save carries the current content and the refused input."""
    payload: dict[str, Any] = {"detail": " ".join(exc.messages), "code": exc.code or "conflict"}
    if isinstance(exc, StaleReport):
        payload["current"] = {
            "version": exc.report.version,
            "status": exc.report.status,
            "sections": exc.sections,
            "figures": exc.figures,
            "unplaced": exc.report.unplaced_html,
        }
        payload["attempted"] = {
            "sections": exc.attempted_sections,
            "figures": {key: _plain(value) for key, value in exc.attempted_figures.items()},
        }
    return Response(payload, status=status.HTTP_409_CONFLICT)


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, str | int | float) else str(value)


class ConflictsAs409:
    """Viewset mixin: stale saves, refused transitions and frozen content answer 409 instead of 400."""

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, StaleReport | InvalidTransition | ReportNotEditable):
            return conflict_response(exc)
        return super().handle_exception(exc)  # type: ignore[misc]


# Files out: `?format=` picks the renderer, as everywhere in DRF; errors still answer as JSON.


class FileRenderer(BaseRenderer):
    """Passes a file's bytes through; anything else (an error) is written as JSON."""

    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return JSONRenderer().render(data)


class DocxRenderer(FileRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    format = "docx"


class PdfRenderer(FileRenderer):
    media_type = "application/pdf"
    format = "pdf"


class XlsxRenderer(FileRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"


class ZipRenderer(FileRenderer):
    media_type = "application/zip"
    format = "zip"


def file_response(content: bytes, renderer: type[FileRenderer], name: str) -> Response:
    return Response(
        content,
        content_type=renderer.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


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


class ReportTemplateViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Report templates: versioned outlines of sections and indicators, readable by every signed-in user."""

    base_queryset = selectors.template_detail().order_by("family", "-version")
    queryset = ReportTemplate.objects.none()
    serializer_class = ReportTemplateSerializer
    filterset_class = ReportTemplateFilterSet

    @extend_schema(
        request=TemplateReviseSerializer,
        responses={201: ReportTemplateSerializer, 400: OpenApiResponse(description="Invalid outline.")},
    )
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: str | None = None) -> Response:
        """Write the next version of this template's family with the changes given and make it current."""
        template = self.get_object()
        ensure_can(self.actor, "reporting.change_reporttemplate", template)
        serializer = TemplateReviseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "sections" in data:
            data["sections"] = [
                SectionSpec(**{**spec, "match_aliases": tuple(spec["match_aliases"])})
                for spec in data["sections"]
            ]
        if "indicators" in data:
            data["indicators"] = [IndicatorSpec(**spec) for spec in data["indicators"]]
        revised = services.template_revise(actor=self.actor, template=template, **data)
        fresh = self.base_queryset.get(pk=revised.pk)
        return Response(ReportTemplateSerializer(fresh).data, status=status.HTTP_201_CREATED)


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
        return [BodyRefSerializer(row.body).data for row in rows.order_by("body__name")]


class ReportingCycleCreateSerializer(serializers.ModelSerializer):
    """A planned cycle; participants are chosen one way: bodies, a region's provinces, or all provinces."""

    template = serializers.PrimaryKeyRelatedField(queryset=ReportTemplate.objects.all())
    participants = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.all(), many=True, required=False, help_text="Body ids."
    )
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), required=False, allow_null=True
    )
    region_on = serializers.DateField(required=False, allow_null=True)
    all_provincial = serializers.BooleanField(required=False, default=False)

    class Meta:
        model = ReportingCycle
        fields = [
            "name",
            "name_en",
            "period_start",
            "period_end",
            "deadline",
            "template",
            "reminder_days_before",
            "participants",
            "region",
            "region_on",
            "all_provincial",
        ]

    def validate_participants(self, bodies: list[Body]) -> list[Body]:
        user = self.context["request"].user
        visible = set(
            scoped(user, Body.objects.filter(pk__in=[b.pk for b in bodies])).values_list("pk", flat=True)
        )
        if any(body.pk not in visible for body in bodies):
            raise serializers.ValidationError(_("Not found, or not within your scope."))
        return bodies


class DashboardQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReportStatus.choices, required=False)
    late = serializers.BooleanField(required=False, allow_null=True, default=None)
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all(), required=False)
    region_on = serializers.DateField(required=False)


class DashboardRowSerializer(serializers.Serializer):
    body = BodyRefSerializer()
    report = serializers.IntegerField(source="report.pk", allow_null=True)
    status = serializers.ChoiceField(choices=ReportStatus.choices, allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    is_late = serializers.BooleanField()
    last_activity_at = serializers.DateTimeField(allow_null=True)


class DashboardSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(source="cycle.pk")
    total = serializers.IntegerField(help_text="Participants within scope (and region), before filters.")
    late = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="Reports by status.")
    rows = DashboardRowSerializer(many=True)


class ReportingCycleViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reporting cycles: who reports on which period, by when, on which template version."""

    base_queryset = selectors.cycle_list().order_by("-period_end", "name", "pk")
    queryset = ReportingCycle.objects.none()
    serializer_class = ReportingCycleSerializer
    filterset_class = ReportingCycleFilterSet

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "create":
            return ReportingCycleCreateSerializer
        if self.action in {"retrieve", "open", "close"}:
            return ReportingCycleDetailSerializer
        return ReportingCycleSerializer

    def _detail(self, cycle: ReportingCycle, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.base_queryset.get(pk=cycle.pk)
        return Response(
            ReportingCycleDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(responses={201: ReportingCycleDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Plan a cycle (standing office and administrators)."""
        ensure_can(self.actor, "reporting.add_reportingcycle")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if not data.get("participants"):
            data.pop("participants", None)
        cycle = services.cycle_create(actor=self.actor, **data)
        return self._detail(cycle, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the name, period, deadline, reminder days, or (before it opens) the template."""
        cycle = self.get_object()
        ensure_can(self.actor, "reporting.change_reportingcycle", cycle)
        serializer = self.get_serializer(cycle, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        updated = services.cycle_update(actor=self.actor, cycle=cycle, **serializer.validated_data)
        return self._detail(updated)

    @extend_schema(request=None, responses={200: ReportingCycleDetailSerializer})
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str | None = None) -> Response:
        """Open the cycle: one draft report per participant (opening again creates nothing more)."""
        cycle = self.get_object()
        return self._detail(services.cycle_open(actor=self.actor, cycle=cycle))

    @extend_schema(request=None, responses={200: ReportingCycleDetailSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close the cycle: its reports can no longer be edited, submitted or returned."""
        cycle = self.get_object()
        return self._detail(services.cycle_close(actor=self.actor, cycle=cycle))

    @extend_schema(
        parameters=[DashboardQuerySerializer],
        responses={200: DashboardSerializer},
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def dashboard(self, request: Request, pk: str | None = None) -> Response:
        """Each participant within scope: report status, submitted on, late or not; counts by status."""
        cycle = self.get_object()
        query = DashboardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        board = selectors.cycle_dashboard(user=request.user, cycle=cycle, **query.validated_data)
        return Response(DashboardSerializer(board).data)

    @extend_schema(
        responses={200: OpenApiTypes.BINARY},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[XlsxRenderer, ZipRenderer],
        filter_backends=[],
        pagination_class=None,
    )
    def export(self, request: Request, pk: str | None = None) -> Response:
        """The cycle's reports within scope: their figures as one workbook (format=xlsx, the default), or
        one Word document per report in a ZIP (format=zip)."""
        cycle = self.get_object()
        reports = list(
            selectors.report_detail()
            .filter(pk__in=selectors.report_list(user=request.user, cycle=cycle))
            .order_by("body__name")
        )
        if request.accepted_renderer.format == ZipRenderer.format:
            content = exports.cycle_to_zip(adapters.export_report(report) for report in reports)
            return file_response(content, ZipRenderer, f"cycle-{cycle.pk}-reports.zip")
        return file_response(
            adapters.cycle_figures_xlsx(cycle, reports), XlsxRenderer, f"cycle-{cycle.pk}-figures.xlsx"
        )


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
        ]
        read_only_fields = fields

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


class SubmitSerializer(serializers.Serializer):
    expected_version = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Refuse (409) if the report moved past it."
    )


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


class ImportDocxSerializer(serializers.Serializer):
    """A Word file to preview (apply=false) or import (apply=true, with the version read and any moves)."""

    file = serializers.FileField(help_text="The report as a Word document (.docx).")
    apply = serializers.BooleanField(
        required=False, default=False, help_text="false: return the plan only; true: save it."
    )
    expected_version = serializers.IntegerField(
        min_value=1, required=False, help_text="Required with apply=true: the version the writer read."
    )
    moves = serializers.JSONField(
        required=False,
        binary=True,
        help_text='JSON object: part id → section key or "unplaced", e.g. {"part-6": "lessons"}.',
    )

    def validate_moves(self, value: Any) -> dict[str, str]:
        if value in (None, ""):
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise serializers.ValidationError(
                _("Give the moves as a JSON object from part id to section key.")
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("apply") and attrs.get("expected_version") is None:
            raise serializers.ValidationError(
                {"expected_version": _("Give the version of the report you read before importing.")}
            )
        return attrs


class ImportPartSerializer(serializers.Serializer):
    id = serializers.CharField()
    target = serializers.CharField(help_text='Section key, or "unplaced".')
    suggested = serializers.CharField(help_text="Where the matcher put it.")
    heading = serializers.CharField(help_text="The document's heading ('' before the first heading).")
    html = serializers.CharField()
    text = serializers.CharField()


class HeadingMatchSerializer(serializers.Serializer):
    part_id = serializers.CharField()
    text = serializers.CharField()
    level = serializers.IntegerField()
    section_key = serializers.CharField(allow_null=True)
    score = serializers.FloatField()
    how = serializers.ChoiceField(choices=["exact", "fuzzy", "none"])


class ImportPlanSerializer(serializers.Serializer):
    parts = ImportPartSerializer(many=True)
    matches = HeadingMatchSerializer(many=True)
    sections = serializers.DictField(
        source="assignments", child=serializers.CharField(), help_text="Section key → HTML to be saved."
    )
    unplaced = serializers.CharField(source="unplaced_html", help_text="Text that matched no section.")
    unplaced_parts = serializers.SerializerMethodField()

    def get_unplaced_parts(self, plan: docx_import.ImportPlan) -> int:
        return sum(1 for part in plan.parts if part.target == docx_import.UNPLACED and part.html)


class ImportResultSerializer(serializers.Serializer):
    applied = serializers.BooleanField()
    plan = ImportPlanSerializer()
    report = ReportDetailSerializer(allow_null=True, help_text="The report after the import (apply=true).")


class ReportViewSet(ConflictsAs409, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Reports within the user's scope; content, workflow, revisions, Word import and exports."""

    base_queryset = selectors.report_detail()
    queryset = Report.objects.none()
    serializer_class = ReportDetailSerializer
    filterset_class = ReportFilterSet

    def get_queryset(self) -> Any:
        return selectors.report_list(user=self.request.user)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return ReportListSerializer if self.action == "list" else ReportDetailSerializer

    def _report(self) -> Report:
        """The report named in the URL, for a write (its content is re-read under lock by the service)."""
        return get_scoped_or_404(
            self.request.user,
            Report.objects.select_related("cycle", "body", "template"),
            pk=self.kwargs["pk"],
        )

    def _detail(self, report: Report) -> Response:
        fresh = self.base_queryset.get(pk=report.pk)
        return Response(ReportDetailSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(
        request=ReportContentSerializer,
        responses={
            200: ReportDetailSerializer,
            400: OpenApiResponse(description="Field errors."),
            409: STALE_OR_CONFLICT,
        },
    )
    @action(detail=True, methods=["put", "patch"])
    def content(self, request: Request, pk: str | None = None) -> Response:
        """Save sections and figures on top of the version read; PUT and PATCH alike save only the keys given.

        A save on an older version answers 409 with the current content and the refused input; nothing is
        saved.
        """
        report = self._report()
        ensure_can(self.actor, "reporting.change_report", report)
        serializer = ReportContentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        saved = services.report_save(
            actor=self.actor,
            report=report,
            expected_version=data["expected_version"],
            sections=data["sections"],
            figures=data["figures"],
            unplaced_html=data.get("unplaced"),
        )
        return self._detail(saved)

    @extend_schema(request=SubmitSerializer, responses={200: ReportDetailSerializer, 409: STALE_OR_CONFLICT})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Send a draft or returned report to the standing office; repeating it changes nothing."""
        report = self._report()
        ensure_can(self.actor, "reporting.submit_report", report)
        serializer = SubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        submitted = services.report_submit(
            actor=self.actor,
            report=report,
            expected_version=serializer.validated_data.get("expected_version"),
        )
        return self._detail(submitted)

    @extend_schema(request=ReturnSerializer, responses={200: ReportDetailSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        """Send a submitted report back with at least one comment (on the whole report or a section)."""
        report = self._report()
        ensure_can(self.actor, "reporting.return_report", report)
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comments = [(c["section"] or None, c["text"]) for c in serializer.validated_data["comments"]]
        return self._detail(services.report_return(actor=self.actor, report=report, comments=comments))

    @extend_schema(request=None, responses={200: ReportDetailSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        """Accept a submitted report; repeating it changes nothing."""
        report = self._report()
        ensure_can(self.actor, "reporting.accept_report", report)
        return self._detail(services.report_accept(actor=self.actor, report=report))

    @extend_schema(
        request={"multipart/form-data": ImportDocxSerializer},
        responses={
            200: ImportResultSerializer,
            400: OpenApiResponse(description="Not a readable Word document, no headings, or a bad move."),
            409: STALE_OR_CONFLICT,
        },
    )
    @action(
        detail=True, methods=["post"], url_path="import-docx", parser_classes=[MultiPartParser, FormParser]
    )
    def import_docx(self, request: Request, pk: str | None = None) -> Response:
        """Match a Word document's headings to the report's sections; with apply=true, save the result.

        Stateless by design (any web process can answer): send the file with apply=false to get the plan,
        then the same file again with apply=true, the version read and any moves (part ids are stable for
        the same file). Matched sections replace those sections' text; everything else becomes the report's
        unplaced text, never dropped. Figures are not imported.
        """
        report = self._report()
        ensure_can(self.actor, "reporting.change_report", report)
        serializer = ImportDocxSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            plan = adapters.import_plan(report, data["file"], moves=data.get("moves") or None)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"file": error.messages}) from None
        saved = None
        if data["apply"]:
            saved = adapters.import_apply(
                actor=self.actor, report=report, plan=plan, expected_version=data["expected_version"]
            )
        result = {
            "applied": saved is not None,
            "plan": plan,
            "report": self.base_queryset.get(pk=report.pk) if saved is not None else None,
        }
        return Response(ImportResultSerializer(result, context=self.get_serializer_context()).data)

    @extend_schema(
        responses={200: OpenApiTypes.BINARY, 404: OpenApiResponse(description="Not found or out of scope.")},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[DocxRenderer, PdfRenderer],
        filter_backends=[],
        pagination_class=None,
    )
    def export(self, request: Request, pk: str | None = None) -> Response:
        """The report as an editable Word document (format=docx, the default) or a PDF (format=pdf), with
        labels in the request's language."""
        report = get_scoped_or_404(request.user, self.base_queryset, pk=self.kwargs["pk"])
        document = adapters.export_report(report)
        if request.accepted_renderer.format == PdfRenderer.format:
            return file_response(
                exports.report_to_pdf(document), PdfRenderer, adapters.export_file_name(report, "pdf")
            )
        return file_response(
            exports.report_to_docx(document), DocxRenderer, adapters.export_file_name(report, "docx")
        )

    @extend_schema(responses={200: RevisionSerializer(many=True)}, filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def revisions(self, request: Request, pk: str | None = None) -> Response:
        """Every revision of the report, newest first."""
        report = self._report()
        return Response(RevisionSerializer(selectors.report_revisions(report), many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("number", int, OpenApiParameter.PATH)],
        responses={200: RevisionDetailSerializer},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"revisions/(?P<number>[0-9]+)",
        filter_backends=[],
        pagination_class=None,
    )
    def revision(self, request: Request, pk: str | None = None, number: str | None = None) -> Response:
        """One revision with the whole content as it was then."""
        report = self._report()
        revision = self._revision(report, number)
        return Response(RevisionDetailSerializer(revision).data)

    @staticmethod
    def _revision(report: Report, number: Any) -> ReportRevision:
        found = (
            ReportRevision.objects.filter(report=report, number=number)
            .select_related("created_by", "report")
            .first()
        )
        if found is None:
            raise Http404(_("This report has no revision %(number)s.") % {"number": number})
        return found

    @extend_schema(parameters=[DiffQuerySerializer], responses={200: RevisionDiffSerializer}, filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def diff(self, request: Request, pk: str | None = None) -> Response:
        """What changed between two revisions: section by section (plain text), figures, unplaced text."""
        report = self._report()
        query = DiffQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        a = self._revision(report, query.validated_data["from"])
        b = self._revision(report, query.validated_data["to"])
        changes = [{"title": d.title, "diff": d.diff} for d in selectors.revision_diff(a, b)]
        return Response(
            RevisionDiffSerializer(
                {"from_revision": a.number, "to_revision": b.number, "changes": changes}
            ).data
        )


def register(router: BaseRouter) -> None:
    router.register("report-templates", ReportTemplateViewSet, basename="report-template")
    router.register("cycles", ReportingCycleViewSet, basename="cycle")
    router.register("reports", ReportViewSet, basename="report")
