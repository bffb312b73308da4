"""Core's API routes (the audit log, background jobs) on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.core.api.audit import AuditEntryViewSet
from rightstrack.core.jobs.api import JobViewSet


def register(router: BaseRouter) -> None:
    router.register("audit", AuditEntryViewSet, basename="audit")
    router.register("jobs", JobViewSet, basename="jobs")
