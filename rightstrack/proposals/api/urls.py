"""The proposals API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.proposals.api.views import ProposalViewSet


def register(router: BaseRouter) -> None:
    router.register("proposals", ProposalViewSet, basename="proposal")
