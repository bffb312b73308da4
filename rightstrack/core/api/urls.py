"""Core's API routes (the audit log) on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.core.api.audit import AuditEntryViewSet


def register(router: BaseRouter) -> None:
    router.register("audit", AuditEntryViewSet, basename="audit")
