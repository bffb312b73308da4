"""Core's part of the home page: the administrator's failed background jobs (docs/decisions/0018)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.scope import scoped

FAILED_JOBS_WINDOW = datetime.timedelta(days=30)
FAILED_JOBS_LIMIT = 5


def failed_jobs_panel(*, user: Any) -> dict[str, Any]:
    """Jobs that failed in the last 30 days, latest first, and how many (two queries)."""
    failed = (
        scoped(
            user,
            Job.objects.filter(state=JobState.FAILED, created_at__gte=timezone.now() - FAILED_JOBS_WINDOW),
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
    return {
        "latest": list(failed[:FAILED_JOBS_LIMIT]),
        "total": failed.count(),
        "days": FAILED_JOBS_WINDOW.days,
    }


def has_jobs(*, user: Any) -> bool:
    """Whether the user has started any background job (one EXISTS): the navigation hides an empty list."""
    return Job.objects.filter(actor=user).exists()
