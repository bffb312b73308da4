"""The accounts API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.accounts.api.views import UserViewSet


def register(router: BaseRouter) -> None:
    router.register("users", UserViewSet, basename="user")
