"""The conferences API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.conferences.api.views import ConferenceViewSet


def register(router: BaseRouter) -> None:
    router.register("conferences", ConferenceViewSet, basename="conference")
