"""Recommendations over the API: scoped reads with the list's filters; imports as jobs (dry run first).

An import answers 202 with the job to follow at /api/jobs/<id>/: its ``result`` is the dry run's plan (rows to
create, update, skip, each with its reason; problems with row and column) or the import's counts. To apply a
file, send it again with ``dry_run=false``: it is applied whole, or not at all when it has an error.

Writes on the implementation go through the same services as the pages: ``POST
/api/recommendations/{id}/assign/`` (the keeper), ``POST .../measures/`` and ``POST .../assessments/`` (the
lead body's focal point or the keeper), ``PATCH``/``DELETE /api/recommendation-measures/{id}/`` and
``/api/recommendation-assessments/{id}/``, ``POST
/api/recommendation-clusters/{id}/assign/``. 400: a bad payload or a refused rule (evidence of a body not
responsible for it); 403: not the caller's to do; 404: anything outside the caller's scope.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.bodies.models import Body
from rightstrack.core.api.viewsets import ScopedReadOnlyViewSet, ServiceUpdateMixin, ServiceViewSet
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.recommendations import services
from rightstrack.recommendations.api.serializers import (
    AffectedPersonsSerializer,
    ImportSerializer,
    JobStartedSerializer,
    PublishSerializer,
    RecommendationAssessmentSerializer,
    RecommendationAssignmentSerializer,
    RecommendationAssignSerializer,
    RecommendationClusterAssignedSerializer,
    RecommendationClusterSerializer,
    RecommendationMeasureSerializer,
    RecommendationSerializer,
    ReportRequestSerializer,
    SdgGoalSerializer,
    ThemeSerializer,
)
from rightstrack.recommendations.filters import (
    AssessmentFilterSet,
    MeasureFilterSet,
    RecommendationFilterSet,
)
from rightstrack.recommendations.models import (
    AffectedPersons,
    Assessment,
    Cluster,
    Measure,
    Recommendation,
    SdgGoal,
    Theme,
)


class RecommendationViewSet(ScopedReadOnlyViewSet):
    """The recommendations the caller's bodies keep; ``q`` searches without regard to diacritics."""

    base_queryset = Recommendation.objects.prefetch_related(
        "themes", "affected_persons", "sdg_goals", "sdg_targets"
    ).order_by("mechanism", "sort_key", "pk")
    queryset = Recommendation.objects.none()
    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilterSet

    @extend_schema(request={"multipart/form-data": ImportSerializer}, responses={202: JobStartedSerializer})
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser, FormParser])
    def import_file(self, request: Request) -> Response:
        """Read (``dry_run``, the default) or import a file of recommendations, as a background job."""
        serializer = ImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        owner = get_scoped_or_404(request.user, Body.objects.all(), pk=data["owner"])
        job = services.import_start(
            actor=self.actor,
            file=data["file"],
            owner=owner,
            session=data.get("session", ""),
            dry_run=data["dry_run"],
            mapping=data.get("mapping"),
            mechanism=data.get("mechanism", ""),
        )
        return Response(
            {"job": job.pk, "url": reverse("jobs-detail", args=[job.pk])}, status=status.HTTP_202_ACCEPTED
        )

    @extend_schema(request=ReportRequestSerializer, responses={202: JobStartedSerializer})
    @action(detail=False, methods=["post"], url_path="report")
    def report(self, request: Request) -> Response:
        """Write the mid-term report or the national report draft (Word, official layout) or the matrix
        (Excel) of the recommendations the caller sees, selected by the list's filters given in the query
        string (``?mechanism=UPR&status=in_progress``), as a background job: follow it at /api/jobs/<id>/,
        whose ``file`` is the document."""
        serializer = ReportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job = services.report_start(
            actor=self.actor,
            kind=serializer.validated_data["kind"],
            by=serializer.validated_data["by"],
            query=request.META.get("QUERY_STRING", ""),
        )
        return Response(
            {"job": job.pk, "url": reverse("jobs-detail", args=[job.pk])}, status=status.HTTP_202_ACCEPTED
        )

    @extend_schema(request=PublishSerializer, responses={200: RecommendationSerializer})
    @action(detail=True, methods=["post"], url_path="publish")
    def publish(self, request: Request, pk: str | None = None) -> Response:
        """Show the recommendation on the public portal (with its assessments so far), or withdraw it
        (``published=false``): the standing office's decision."""
        recommendation = self.get_checked_object(services.publishing.PUBLISH)
        serializer = PublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        updated = services.recommendation_publish(
            actor=self.actor,
            recommendation=recommendation,
            published=serializer.validated_data["published"],
            assessments=serializer.validated_data["assessments"],
        )
        return Response(RecommendationSerializer(updated).data)

    @extend_schema(
        request=RecommendationAssignSerializer, responses={200: RecommendationAssignmentSerializer(many=True)}
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        """Make a body the lead and others supporting (replaces the present assignment; the keeper only)."""
        recommendation = self.get_checked_object("recommendations.assign_recommendation")
        serializer = RecommendationAssignSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rows = self.call_service(
            services.recommendation_assign,
            recommendation=recommendation,
            lead=data["lead"],
            supporting=list(data.get("supporting") or ()),
        )
        return Response(RecommendationAssignmentSerializer(rows, many=True).data)

    @extend_schema(request=RecommendationMeasureSerializer, responses={201: RecommendationMeasureSerializer})
    @action(detail=True, methods=["post"])
    def measures(self, request: Request, pk: str | None = None) -> Response:
        """Plan a measure of the lead body: what, who, by when, budget, indicator."""
        recommendation = self.get_checked_object("recommendations.update_implementation")
        serializer = RecommendationMeasureSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        measure = self.call_service(
            services.measure_add,
            recommendation=recommendation,
            what=data["what"],
            responsible=data.get("responsible", ""),
            due_on=data.get("due_on"),
            budget_note=data.get("budget_note", ""),
            indicator=data.get("indicator", ""),
        )
        return Response(RecommendationMeasureSerializer(measure).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=RecommendationAssessmentSerializer, responses={201: RecommendationAssessmentSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser, FormParser])
    def assessments(self, request: Request, pk: str | None = None) -> Response:
        """Record how far it has been implemented on a day, with evidence: sections of reports, tasks and
        activities of the responsible bodies, laws and policies, kept documents (ids), a file (multipart)."""
        recommendation = self.get_checked_object("recommendations.update_implementation")
        serializer = RecommendationAssessmentSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        assessment = self.call_service(
            services.assessment_add, recommendation=recommendation, **serializer.to_service()
        )
        return Response(
            RecommendationAssessmentSerializer(assessment, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class MeasureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceUpdateMixin):
    """Measures of the recommendations the caller sees; change or delete them where the caller updates the
    recommendation (its lead body's focal point, the keeper). Plan one with POST
    /api/recommendations/{id}/measures/."""

    base_queryset = Measure.objects.select_related("body", "recommendation").order_by("recommendation", "pk")
    queryset = Measure.objects.none()
    serializer_class = RecommendationMeasureSerializer
    filterset_class = MeasureFilterSet
    update_service = services.measure_update
    update_permission = "recommendations.change_measure"
    object_kwarg = "measure"
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_update_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in data.items() if name in services.MEASURE_FIELDS}

    def destroy(self, request: Request, pk: str | None = None) -> Response:
        """Delete a measure (the audit log keeps what it said)."""
        measure = self.get_checked_object("recommendations.delete_measure")
        self.call_service(services.measure_delete, measure=measure)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceUpdateMixin):
    """Assessments of the recommendations the caller sees, newest first, with their evidence's ids. Record
    one with POST /api/recommendations/{id}/assessments/; change (PATCH: a list of evidence replaces what
    the caller may read of it; ``file`` replaces the file, ``remove_file`` takes it off) or delete one where
    the caller keeps the recommendation or its own body recorded it. A published assessment changed by a
    body that does not publish leaves the portal until the keeper publishes it again."""

    base_queryset = (
        Assessment.objects.select_related("body")
        .prefetch_related(
            "evidence_sections",
            "evidence_tasks",
            "evidence_activities",
            "evidence_legal_documents",
            "evidence_documents",
        )
        .order_by("recommendation", "-assessed_on", "-pk")
    )
    queryset = Assessment.objects.none()
    serializer_class = RecommendationAssessmentSerializer
    filterset_class = AssessmentFilterSet
    update_service = services.assessment_update
    update_permission = "recommendations.change_assessment"
    object_kwarg = "assessment"
    http_method_names = ["get", "patch", "delete", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_update_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return RecommendationAssessmentSerializer.changes(data)

    def destroy(self, request: Request, pk: str | None = None) -> Response:
        """Delete an assessment and its file (the audit log keeps what it said and cited)."""
        assessment = self.get_checked_object("recommendations.delete_assessment")
        self.call_service(services.assessment_delete, assessment=assessment)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ClusterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """The State's own clusters of recommendations; the keeper assigns a whole cluster at once."""

    base_queryset = Cluster.objects.order_by("name")
    queryset = Cluster.objects.none()
    serializer_class = RecommendationClusterSerializer

    @extend_schema(
        request=RecommendationAssignSerializer, responses={200: RecommendationClusterAssignedSerializer}
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        """Assign every recommendation of the cluster that the caller keeps (each replaces its present
        assignment); those kept by other bodies are counted and left as they are."""
        cluster = self.get_object()
        if not request.user.has_perm("recommendations.assign_recommendation"):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied(_("You do not have permission to do this."))
        data = self.validated(RecommendationAssignSerializer)
        result = self.call_service(
            services.cluster_assign,
            cluster=cluster,
            lead=data["lead"],
            supporting=list(data.get("supporting") or ()),
        )
        return Response({"assigned": [r.pk for r in result.assigned], "not_kept": result.not_kept})


class ThemeViewSet(ScopedReadOnlyViewSet):
    """UHRI's human-rights themes (created by imports), with their Vietnamese names."""

    base_queryset = Theme.objects.order_by("name")
    queryset = Theme.objects.none()
    serializer_class = ThemeSerializer


class AffectedPersonsViewSet(ScopedReadOnlyViewSet):
    """The groups of affected persons (created by imports), with their Vietnamese names."""

    base_queryset = AffectedPersons.objects.order_by("name")
    queryset = AffectedPersons.objects.none()
    serializer_class = AffectedPersonsSerializer


class SdgGoalViewSet(ScopedReadOnlyViewSet):
    """The 17 Sustainable Development Goals."""

    base_queryset = SdgGoal.objects.order_by("number")
    queryset = SdgGoal.objects.none()
    serializer_class = SdgGoalSerializer
