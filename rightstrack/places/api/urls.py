"""The places API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.places.api.views import AdministrativeUnitViewSet, RegionViewSet


def register(router: BaseRouter) -> None:
    router.register("units", AdministrativeUnitViewSet, basename="unit")
    router.register("regions", RegionViewSet, basename="region")
