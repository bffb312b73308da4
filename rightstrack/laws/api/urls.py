"""The register's API routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.laws.api.views import LegalDocumentViewSet


def register(router: BaseRouter) -> None:
    router.register("laws", LegalDocumentViewSet, basename="legal-document")
