"""Reports back as background jobs: the mid-term report, the national report draft (Word, official layout)
and the matrix (Excel) of the recommendations the actor sees, filtered as the list was. At 300
recommendations a report takes seconds (docs/benchmarks.md), so it is a job with progress."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.recommendations.choices import RecommendationsJob
from rightstrack.recommendations.reports import KINDS
from rightstrack.recommendations.selectors import GROUP_BY_CLUSTER, GROUP_BY_THEME

MAX_QUERY_CHARS = 2000


def report_start(*, actor: Actor, kind: str, by: str = GROUP_BY_CLUSTER, query: str = "") -> Job:
    """Queue the writing of a report (``kind``: midterm, national, matrix) of the recommendations the actor
    sees that ``query`` (the list's filters, as a query string) selects, grouped ``by`` cluster or theme.
    The same report asked twice while the first is under way is that first job."""
    ensure_can(actor, "recommendations.view_recommendation")
    if kind not in KINDS:
        raise ValidationError({"kind": _("Choose the mid-term report, the national report or the matrix.")})
    if by not in (GROUP_BY_CLUSTER, GROUP_BY_THEME):
        raise ValidationError({"by": _("Group the recommendations by cluster or by theme.")})
    if len(query) > MAX_QUERY_CHARS:
        raise ValidationError(_("Too many filters; clear some and try again."))
    return job_enqueue(
        actor=actor,
        kind=RecommendationsJob.REPORT.value,
        params={"kind": kind, "by": by, "query": query.lstrip("?")},
    )
