"""The followup API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.followup.api.views import DirectiveKindViewSet, DirectiveViewSet, TaskViewSet


def register(router: BaseRouter) -> None:
    router.register("directive-kinds", DirectiveKindViewSet, basename="directive-kind")
    router.register("directives", DirectiveViewSet, basename="directive")
    router.register("tasks", TaskViewSet, basename="task")
