"""The reporting part of the demo: a closed 2024 cycle with written reports from the 38 provinces of the
central and southern regions, and an open cycle for the 34 current provinces.

Every write goes through the reporting services, so each step leaves its revision, audit record and
notification. The texts are ours (``texts.py`` over ``data/``): paragraphs chosen per province from a bank,
with generated but plausible figures; they describe what institutions did, nothing about people. How the
cycles are written, and why their dates are moved back, is in ``cycles.py``.

Idempotent: each cycle is looked up by name and left alone when it exists. Registered in ``apps.py``; the
``demo`` command runs it after places, bodies and accounts.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from rightstrack.accounts.models import User
from rightstrack.core.registry import DemoResult
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.demo.cycles import (
    EMPTY_DRAFT,
    LATE,
    PAST_NAME,
    RETURNED,
    RETURNED_THEN_ACCEPTED,
    open_cycle,
    open_cycle_plan,
    past_cycle,
)
from rightstrack.reporting.demo.texts import REFORM_DAY, Period, compose_report
from rightstrack.reporting.models import Report, ReportingCycle
from rightstrack.reporting.services import template_create_default

__all__ = [
    "EMPTY_DRAFT",
    "LATE",
    "PAST_NAME",
    "REFORM_DAY",
    "RETURNED",
    "RETURNED_THEN_ACCEPTED",
    "Period",
    "compose_report",
    "load",
    "load_reporting_demo",
    "open_cycle_plan",
    "reporting_demo_summary",
]


@dataclass
class ReportingDemoSummary:
    cycles_created: list[str] = field(default_factory=list)
    reports_written: int = 0


@transaction.atomic
def load_reporting_demo(*, today: datetime.date | None = None) -> ReportingDemoSummary:
    """Create the default template, the 2024 cycle and the open cycle, each unless it exists."""
    today = today or timezone.localdate()
    summary = ReportingDemoSummary()
    users = {u.username: u for u in User.objects.filter(username__in=["vanphong", "thamdinh"])}
    office, reviewer = users.get("vanphong"), users.get("thamdinh")
    template = template_create_default(actor=None)
    if not ReportingCycle.objects.filter(name=PAST_NAME).exists():
        summary.reports_written += past_cycle(template, office, reviewer)
        summary.cycles_created.append(PAST_NAME)
    name, name_en, period = open_cycle_plan(today)
    if not ReportingCycle.objects.filter(name=name).exists():
        summary.reports_written += open_cycle(template, office, name, name_en, period, today)
        summary.cycles_created.append(name)
    return summary


def reporting_demo_summary(*, today: datetime.date | None = None) -> str:
    """One line on the demo's reporting cycles as they are in the database (for `rightstrack demo`)."""
    today = today or timezone.localdate()
    names = [PAST_NAME, open_cycle_plan(today)[0]]
    parts = []
    for cycle in ReportingCycle.objects.filter(name__in=names).order_by("period_end"):
        reports = list(Report.objects.filter(cycle=cycle).select_related("cycle"))
        counted = Counter(report.status for report in reports)
        statuses = ", ".join(
            f"{counted[status]} {status}" for status in reversed(ReportStatus.values) if counted[status]
        )
        late = sum(1 for report in reports if report.is_late(today))
        parts.append(
            f"“{cycle.name}” ({cycle.status}, due {cycle.deadline:%d/%m/%Y}): {len(reports)} reports — "
            f"{statuses}{f'; {late} late' if late else ''}"
        )
    return "Reporting: " + ("; ".join(parts) if parts else "no demo cycles") + "."


def load() -> DemoResult:
    """The registered demo loader: both cycles, then one line on them as they are."""
    load_reporting_demo()
    return DemoResult(lines=[reporting_demo_summary()])
