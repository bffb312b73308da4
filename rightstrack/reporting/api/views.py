"""Templates, cycles and reports over the API: scoped reads, every write through the reporting services.

Status codes: 400 for bad input (field errors, as the services report them), 403 for an action the user's role
does not allow, 404 for anything outside the user's scope, 409 for a conflict with the report's state: a save
or submit on an older version (the body carries the current content and the refused input), a workflow step
the status does not allow, or content that can no longer change.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.core.api import ServiceCreateMixin, ServiceUpdateMixin, ServiceViewSet
from rightstrack.core.collation import vi_order
from rightstrack.core.jobs.api import JobSerializer, accepted
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.scope import get_scoped_or_404, scoped
from rightstrack.reporting import selectors, services
from rightstrack.reporting.api.conflicts import CONFLICT, STALE_OR_CONFLICT, ConflictsAs409
from rightstrack.reporting.api.dashboard import (
    ContributedReportFilters,
    DashboardQuerySerializer,
    dashboard_query,
)
from rightstrack.reporting.api.file_serializers import ImportDocxSerializer, OfficialExportSerializer
from rightstrack.reporting.api.renderers import (
    DocxRenderer,
    PdfRenderer,
    XlsxRenderer,
    ZipRenderer,
    file_response,
)
from rightstrack.reporting.api.serializers import (
    DashboardSerializer,
    DiffQuerySerializer,
    ReportContentSerializer,
    ReportDetailSerializer,
    ReportingCycleCreateSerializer,
    ReportingCycleDetailSerializer,
    ReportingCycleSerializer,
    ReportListSerializer,
    ReportTemplateSerializer,
    ReturnSerializer,
    RevisionDetailSerializer,
    RevisionDiffSerializer,
    RevisionSerializer,
    SubmissionCheckSerializer,
    SubmitSerializer,
    TemplateReviseSerializer,
)
from rightstrack.reporting.exceptions import StaleReport
from rightstrack.reporting.filters import ReportFilterSet, ReportingCycleFilterSet, ReportTemplateFilterSet
from rightstrack.reporting.jobs import APPLY_DOCX, CYCLE_ZIP, IMPORT_DOCX, REPORT_PDF
from rightstrack.reporting.models import Report, ReportingCycle, ReportRevision, ReportTemplate
from rightstrack.reporting.services import exports, imports
from rightstrack.reporting.services import official as official_format
from rightstrack.reporting.services.conflicts import find_conflicts
from rightstrack.reporting.specs import IndicatorSpec, SectionSpec


class ReportTemplateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
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
        template = self.get_checked_object("reporting.change_reporttemplate")
        data = dict(self.validated(TemplateReviseSerializer))
        if "sections" in data:
            data["sections"] = [
                SectionSpec(**{**spec, "match_aliases": tuple(spec["match_aliases"])})
                for spec in data["sections"]
            ]
        if "indicators" in data:
            data["indicators"] = [IndicatorSpec(**spec) for spec in data["indicators"]]
        revised = self.call_service(services.template_revise, template=template, **data)
        fresh = self.base_queryset.get(pk=revised.pk)
        return Response(ReportTemplateSerializer(fresh).data, status=status.HTTP_201_CREATED)


class ReportingCycleViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceCreateMixin, ServiceUpdateMixin
):
    """Reporting cycles: who reports on which period, by when, on which template version."""

    base_queryset = selectors.cycle_list().order_by("-period_end", "name", "pk")
    queryset = ReportingCycle.objects.none()
    serializer_class = ReportingCycleSerializer
    filterset_class = ReportingCycleFilterSet
    create_service = services.cycle_create
    create_permission = "reporting.add_reportingcycle"
    update_service = services.cycle_update
    update_permission = "reporting.change_reportingcycle"
    object_kwarg = "cycle"

    def get_queryset(self) -> QuerySet[ReportingCycle]:
        """Cycles with their participants counted over the reader's scope, never over everyone's."""
        user = self.request.user
        return scoped(user, selectors.cycle_list(user=user).order_by("-period_end", "name", "pk"))

    def get_object(self) -> Any:
        user = self.request.user
        return get_scoped_or_404(user, selectors.cycle_list(user=user), pk=self.kwargs[self.lookup_field])

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "create":
            return ReportingCycleCreateSerializer
        if self.action in {"retrieve", "open", "close"}:
            return ReportingCycleDetailSerializer
        return ReportingCycleSerializer

    def respond(self, instance: Any, *, code: int = status.HTTP_200_OK) -> Response:
        """Every answer is the cycle's detail, read again with its counts (over the reader's scope)."""
        fresh = self.get_queryset().get(pk=instance.pk)
        return Response(
            ReportingCycleDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    def get_create_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        if not data.get("participants"):
            data.pop("participants", None)
        return data

    @extend_schema(responses={201: ReportingCycleDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Plan a cycle (standing office and administrators)."""
        return super().create(request, *args, **kwargs)

    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        """Change the name, period, deadline, reminder days, or (before it opens) the template."""
        return super().update(request, *args, partial=partial, **kwargs)

    @extend_schema(request=None, responses={200: ReportingCycleDetailSerializer})
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str | None = None) -> Response:
        """Open the cycle: one draft report per participant (opening again creates nothing more)."""
        cycle = self.get_checked_object("reporting.open_reportingcycle")
        return self.respond(self.call_service(services.cycle_open, cycle=cycle))

    @extend_schema(request=None, responses={200: ReportingCycleDetailSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close the cycle: its reports can no longer be edited, submitted or returned."""
        cycle = self.get_checked_object("reporting.close_reportingcycle")
        return self.respond(self.call_service(services.cycle_close, cycle=cycle))

    @extend_schema(
        parameters=[DashboardQuerySerializer],
        responses={200: DashboardSerializer, 400: OpenApiResponse(description="Unusable filters.")},
        filters=True,  # the tag filters (ContributedReportFilters)
    )
    @action(detail=True, methods=["get"], filter_backends=[ContributedReportFilters], pagination_class=None)
    def dashboard(self, request: Request, pk: str | None = None) -> Response:
        """Each participant within scope (under a tag filter: whose report has it): status, dates, counts."""
        cycle = self.get_object()
        board = selectors.cycle_dashboard(user=request.user, cycle=cycle, **dashboard_query(request))
        return Response(DashboardSerializer(board).data)

    @extend_schema(
        responses={200: OpenApiTypes.BINARY, 202: JobSerializer},
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
        one Word document per report in a ZIP (format=zip): a background job, answered 202 with the job to
        poll at its ``url`` until ``result_url`` is there."""
        cycle = self.get_object()
        reports = list(
            selectors.report_detail()
            .filter(pk__in=selectors.report_list(user=request.user, cycle=cycle))
            .order_by(vi_order("body__name"))
        )
        if request.accepted_renderer.format == ZipRenderer.format:
            official = request.query_params.get("layout") == "official"
            params = {"cycle": cycle.pk, "official": official}
            return accepted(job_enqueue(actor=self.actor, kind=CYCLE_ZIP, params=params), request)
        return file_response(
            exports.cycle_figures_xlsx(cycle, reports),
            XlsxRenderer,
            exports.figures_file_name(cycle),
        )


class ReportViewSet(ConflictsAs409, mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """Reports within the user's scope; content, workflow, revisions, Word import and exports."""

    base_queryset = selectors.report_detail()
    queryset = Report.objects.none()
    serializer_class = ReportDetailSerializer
    filterset_class = ReportFilterSet

    def get_queryset(self) -> Any:
        return selectors.report_list(user=self.request.user)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return ReportListSerializer if self.action == "list" else ReportDetailSerializer

    def get_object(self) -> Report:
        """The report named in the URL: for a read, with everything the answer shows (a constant number of
        queries); for a write, the bare row (its service re-reads the content under lock)."""
        if self.action == "retrieve":
            queryset = self.base_queryset
        else:
            queryset = Report.objects.select_related("cycle", "body", "template")
        return get_scoped_or_404(self.request.user, queryset, pk=self.kwargs["pk"])

    def respond(self, instance: Any, *, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.base_queryset.get(pk=instance.pk)
        return Response(
            ReportDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

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
        report = self.get_checked_object("reporting.change_report")
        data = self.validated(ReportContentSerializer)
        try:
            saved = self.call_service(
                services.report_save,
                report=report,
                expected_version=data["expected_version"],
                sections=data["sections"],
                figures=data["figures"],
                unplaced_html=data.get("unplaced"),
                extensions=data["extensions"],
            )
        except StaleReport as error:
            error.merge = find_conflicts(  # type: ignore[attr-defined]
                stale=error,
                expected_version=data["expected_version"],
                sections=data["sections"],
                figures=data["figures"],
                unplaced=data.get("unplaced"),
                with_unplaced=True,
            )
            raise
        return self.respond(saved)

    @extend_schema(request=SubmitSerializer, responses={200: ReportDetailSerializer, 409: STALE_OR_CONFLICT})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Send a draft or returned report to the standing office; repeating it changes nothing."""
        report = self.get_checked_object("reporting.submit_report")
        data = self.validated(SubmitSerializer)
        return self.respond(
            self.call_service(
                services.report_submit,
                report=report,
                expected_version=data.get("expected_version"),
                confirm_incomplete=data.get("confirm", False),
            )
        )

    @extend_schema(responses={200: SubmissionCheckSerializer})
    @action(detail=True, methods=["get"], url_path="submit-check", filter_backends=[], pagination_class=None)
    def submit_check(self, request: Request, pk: str | None = None) -> Response:
        """Before submitting: empty sections, text not yet placed, blank figures (submit with confirm)."""
        check = selectors.submission_check(self.get_checked_object("reporting.view_report"))
        return Response(
            SubmissionCheckSerializer(
                {
                    "ready": check.ready,
                    "empty_sections": check.empty_sections,
                    "unplaced": check.unplaced,
                    "missing_figures": check.missing_figures,
                }
            ).data
        )

    @extend_schema(request=ReturnSerializer, responses={200: ReportDetailSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        """Send a submitted report back with at least one comment (on the whole report or a section)."""
        report = self.get_checked_object("reporting.return_report")
        comments = [(c["section"] or None, c["text"]) for c in self.validated(ReturnSerializer)["comments"]]
        return self.respond(self.call_service(services.report_return, report=report, comments=comments))

    @extend_schema(request=None, responses={200: ReportDetailSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        """Accept a submitted report; repeating it changes nothing."""
        report = self.get_checked_object("reporting.accept_report")
        return self.respond(self.call_service(services.report_accept, report=report))

    @extend_schema(
        request={"multipart/form-data": ImportDocxSerializer},
        responses={
            202: JobSerializer,
            400: OpenApiResponse(description="Not a readable Word document, no headings, or a bad move."),
            409: STALE_OR_CONFLICT,
        },
    )
    @action(
        detail=True, methods=["post"], url_path="import-docx", parser_classes=[MultiPartParser, FormParser]
    )
    def import_docx(self, request: Request, pk: str | None = None) -> Response:
        """Match a Word document's headings to the report's sections; with apply=true, save the result.

        Both are background jobs. The file is checked at once (400 if it is not a Word document; with
        apply=true also 409 if the report moved past ``expected_version`` or can no longer change); the answer
        is 202 with the job: poll its ``url`` until ``state`` is ``succeeded`` or ``failed`` (its ``error``
        says why: no headings, a bad move, someone saved first). With apply=false the job's ``result`` holds
        the version read and the plan; nothing is saved. Then send the same file again with apply=true, the
        version read and any moves (part ids are stable for the same file): the job's ``result`` then holds
        ``applied: true``, the ``report`` id, its new ``version`` and the plan saved. Matched sections replace
        those sections' text; everything else becomes the report's unplaced text, never dropped. Figures are
        not imported.
        """
        report = self.get_checked_object("reporting.change_report")
        data = self.validated(ImportDocxSerializer)
        try:
            imports.import_check(data["file"])
        except DjangoValidationError as error:
            raise serializers.ValidationError({"file": error.messages}) from None
        params: dict[str, Any] = {
            "report": report.pk,
            "file_name": (data["file"].name or "")[:200],
            "moves": data.get("moves") or {},
        }
        if data["apply"]:
            imports.import_apply_check(report=report, expected_version=data["expected_version"])
            params["expected_version"] = data["expected_version"]
        else:
            params["version"] = report.version
        job = job_enqueue(
            actor=self.actor,
            kind=APPLY_DOCX if data["apply"] else IMPORT_DOCX,
            params=params,
            idempotency_key="",  # every upload is new work
            input_file=data["file"],
        )
        return accepted(job, request)

    @extend_schema(
        responses={
            200: OpenApiTypes.BINARY,
            202: JobSerializer,
            404: OpenApiResponse(description="Not found or out of scope."),
        },
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
        """The report as an editable Word document (format=docx, the default), with labels in the request's
        language; or a PDF (format=pdf): a background job, answered 202 with the job to poll."""
        report = get_scoped_or_404(request.user, self.base_queryset, pk=self.kwargs["pk"])
        if request.accepted_renderer.format == PdfRenderer.format:
            return accepted(
                job_enqueue(actor=self.actor, kind=REPORT_PDF, params={"report": report.pk}), request
            )
        document = exports.export_report(report)
        return file_response(
            exports.report_to_docx(document), DocxRenderer, exports.export_file_name(report, "docx")
        )

    @extend_schema(
        request=OfficialExportSerializer,
        parameters=[
            OpenApiParameter("format", str, enum=["docx", "pdf"], description="docx (default) or pdf")
        ],
        responses={
            200: OpenApiTypes.BINARY,
            202: JobSerializer,
            400: OpenApiResponse(description="Invalid field."),
            404: OpenApiResponse(description="Not found or out of scope."),
        },
        filters=False,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="export-official",
        renderer_classes=[DocxRenderer, PdfRenderer],
        filter_backends=[],
        pagination_class=None,
    )
    def export_official(self, request: Request, pk: str | None = None) -> Response:
        """The report as an administrative document (Decree 30/2020/NĐ-CP): national header, issuing body,
        number and symbol, place and date, recipients and signature block. Word at once (format=docx), or a
        PDF as a background job (format=pdf, 202). The choices become the body's remembered letterhead when
        the caller may change it."""
        report = get_scoped_or_404(request.user, self.base_queryset, pk=self.kwargs["pk"])
        serializer = OfficialExportSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        given = dict(serializer.validated_data)
        if "recipients" in given:
            given["recipients"] = "\n".join(given["recipients"])
        choices = dataclasses.replace(
            official_format.official_choices(report, day=timezone.localdate()), **given
        )
        self.call_service(official_format.report_official_remember, report=report, choices=choices)
        if request.accepted_renderer.format == PdfRenderer.format:
            params = {"report": report.pk, "official": choices.to_json()}
            return accepted(job_enqueue(actor=self.actor, kind=REPORT_PDF, params=params), request)
        document = exports.export_report(report, official=choices.heading())
        return file_response(
            exports.report_to_docx(document), DocxRenderer, exports.export_file_name(report, "docx")
        )

    @extend_schema(responses={200: RevisionSerializer(many=True)}, filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def revisions(self, request: Request, pk: str | None = None) -> Response:
        """Every revision of the report, newest first."""
        report = self.get_object()
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
        report = self.get_object()
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
        report = self.get_object()
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
