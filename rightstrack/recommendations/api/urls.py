"""The recommendations API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.recommendations.api.views import (
    AffectedPersonsViewSet,
    AssessmentViewSet,
    ClusterViewSet,
    MeasureViewSet,
    RecommendationViewSet,
    SdgGoalViewSet,
    ThemeViewSet,
)


def register(router: BaseRouter) -> None:
    router.register("recommendations", RecommendationViewSet, basename="recommendation")
    router.register("recommendation-measures", MeasureViewSet, basename="recommendation-measure")
    router.register("recommendation-assessments", AssessmentViewSet, basename="recommendation-assessment")
    router.register("recommendation-clusters", ClusterViewSet, basename="recommendation-cluster")
    router.register("recommendation-themes", ThemeViewSet, basename="recommendation-theme")
    router.register("affected-persons", AffectedPersonsViewSet, basename="affected-persons")
    router.register("sdg-goals", SdgGoalViewSet, basename="sdg-goal")
