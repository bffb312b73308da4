"""The packs API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.packs.api.views import PackViewSet


def register(router: BaseRouter) -> None:
    router.register("packs", PackViewSet, basename="pack")
