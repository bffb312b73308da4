"""Recommendations over the API: scoped reads with the list's filters; imports as jobs (dry run first).

An import answers 202 with the job to follow at /api/jobs/<id>/: its ``result`` is the dry run's plan (rows to
create, update, skip, each with its reason; problems with row and column) or the import's counts. To apply a
file, send it again with ``dry_run=false``: it is applied whole, or not at all when it has an error.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.bodies.models import Body
from rightstrack.core.api.viewsets import ScopedReadOnlyViewSet
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.recommendations import services
from rightstrack.recommendations.api.serializers import (
    AffectedPersonsSerializer,
    ImportSerializer,
    JobStartedSerializer,
    PublishSerializer,
    RecommendationSerializer,
    SdgGoalSerializer,
    ThemeSerializer,
)
from rightstrack.recommendations.filters import RecommendationFilterSet
from rightstrack.recommendations.models import AffectedPersons, Recommendation, SdgGoal, Theme


class RecommendationViewSet(ScopedReadOnlyViewSet):
    """The recommendations the caller's bodies keep; ``q`` searches without regard to diacritics."""

    base_queryset = Recommendation.objects.prefetch_related(
        "themes", "affected_persons", "sdg_goals", "sdg_targets"
    ).order_by("mechanism", "session", "number", "pk")
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
