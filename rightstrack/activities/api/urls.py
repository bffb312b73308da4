"""The activities API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.activities.api.views import ActivityViewSet, AudienceGroupViewSet


def register(router: BaseRouter) -> None:
    router.register("activities", ActivityViewSet, basename="activity")
    router.register("audience-groups", AudienceGroupViewSet, basename="audience-group")
