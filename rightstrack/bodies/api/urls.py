"""The bodies API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.bodies.api.views import BodyMembershipViewSet, BodyViewSet, MembershipViewSet


def register(router: BaseRouter) -> None:
    router.register("bodies", BodyViewSet, basename="body")
    router.register("memberships", MembershipViewSet, basename="membership")
    router.register(r"bodies/(?P<body_pk>\d+)/memberships", BodyMembershipViewSet, basename="body-membership")
