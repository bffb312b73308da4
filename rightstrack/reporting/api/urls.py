"""The reporting API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.reporting.api.views import ReportingCycleViewSet, ReportTemplateViewSet, ReportViewSet


def register(router: BaseRouter) -> None:
    router.register("report-templates", ReportTemplateViewSet, basename="report-template")
    router.register("cycles", ReportingCycleViewSet, basename="cycle")
    router.register("reports", ReportViewSet, basename="report")
