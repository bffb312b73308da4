"""The documents API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.documents.api.views import DocumentViewSet


def register(router: BaseRouter) -> None:
    router.register("documents", DocumentViewSet, basename="document")
