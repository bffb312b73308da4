"""The demo's reporting data: a closed 2024 cycle for the 38 central and southern provinces with every outcome
a cycle has, an open cycle for the 34 current provinces, and nothing new on a second load.

The demo is loaded once for the suite (the `demo` fixture); this test loads it again, through the command.
"""

from __future__ import annotations

import io
from collections import Counter

from django.core.management import call_command
from django.utils import timezone

from rightstrack.core.models import AuditEntry
from rightstrack.notifications.models import Notification
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.demo import (
    EMPTY_DRAFT,
    LATE,
    PAST_NAME,
    REFORM_DAY,
    RETURNED,
    RETURNED_THEN_ACCEPTED,
    open_cycle_plan,
    reporting_demo_summary,
)
from rightstrack.reporting.models import (
    CycleParticipant,
    Report,
    ReportFigure,
    ReportingCycle,
    ReportRevision,
    ReportSection,
    ReviewComment,
)

NEVER_WRITTEN = ("mạng xã hội", "thù địch", "phản động", "social media", "hostile")


def _code(report: Report) -> str:
    """The province code of the report's committee."""
    assert report.body.unit is not None
    return report.body.unit.code


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            ReportingCycle,
            CycleParticipant,
            Report,
            ReportSection,
            ReportFigure,
            ReportRevision,
            ReviewComment,
            Notification,
            AuditEntry,
        )
    }


def test_the_demo_has_a_past_and_an_open_cycle_and_loads_once(demo: None) -> None:
    first = _counts()
    today = timezone.localdate()

    past = ReportingCycle.objects.get(name=PAST_NAME)
    assert past.status == CycleStatus.CLOSED
    assert past.participants.count() == 38
    dissolved = set(past.participants.values_list("body__dissolved_on", flat=True))
    assert dissolved == {REFORM_DAY}  # the pre-2025 provincial committees
    reports = {_code(r): r for r in Report.objects.filter(cycle=past).select_related("body__unit", "cycle")}
    assert len(reports) == 38
    statuses = Counter(r.status for r in reports.values())
    assert statuses[ReportStatus.RETURNED] == len(RETURNED) == 4
    assert statuses[ReportStatus.DRAFT] == 2  # never submitted
    assert statuses[ReportStatus.ACCEPTED] == 32
    late = {code for code, r in reports.items() if r.first_submitted_at and r.is_late(today)}
    assert late == set(LATE)
    assert all(r.first_submitted_at is None for code, r in reports.items() if r.status == ReportStatus.DRAFT)
    assert past.opened_at and past.closed_at and past.opened_at.year == 2024 and past.closed_at.year == 2025
    assert all(r.submitted_at.year == 2025 for r in reports.values() if r.submitted_at)  # backdated

    for code in RETURNED + RETURNED_THEN_ACCEPTED:
        comments = list(ReviewComment.objects.filter(report=reports[code]))
        assert len(comments) == 3 and sum(c.section_id is not None for c in comments) == 2
    revised = reports[RETURNED_THEN_ACCEPTED[0]]
    assert revised.status == ReportStatus.ACCEPTED
    assert list(revised.revisions.order_by("number").values_list("reason", flat=True)) == [
        "save", "submit", "return", "save", "submit", "accept",
    ]  # fmt: skip

    accepted = [r for r in reports.values() if r.status == ReportStatus.ACCEPTED]
    assert not ReportFigure.objects.filter(report__in=accepted, value__isnull=True).exists()
    assert not ReportSection.objects.filter(report__in=accepted, html="").exists()
    assert not ReportSection.objects.filter(report=reports[EMPTY_DRAFT[0]]).exclude(html="").exists()
    texts = list(
        ReportSection.objects.filter(report__cycle=past, section__key="situation").values_list(
            "html", flat=True
        )
    )
    # Every province writes in Vietnamese (issue 7), the empty draft aside
    assert sum("tình hình kinh tế - xã hội" in t for t in texts) == 37
    assert sum("socio-economic situation" in t for t in texts) == 0
    every_text = " ".join(ReportSection.objects.values_list("html", flat=True)).lower()
    assert not [word for word in NEVER_WRITTEN if word in every_text]
    # Past messages are delivered, dated to their step and read; the reviewer's inbox shows the open cycle.
    past_ids = {str(r.pk) for r in reports.values()}
    past_messages = [n for n in Notification.objects.all() if n.dedupe_key.split(":")[1] in past_ids]
    assert len(past_messages) == 2 * (36 + len(RETURNED_THEN_ACCEPTED))  # each submission, to two reviewers
    assert all(n.read_at is not None and n.created_at.year == 2025 for n in past_messages)

    name, _, period = open_cycle_plan(today)
    current = ReportingCycle.objects.get(name=name)
    assert (
        current.status == CycleStatus.OPEN and current.period_end == period.end and current.deadline > today
    )
    assert current.participants.count() == 34
    open_reports = {_code(r): r for r in Report.objects.filter(cycle=current).select_related("body__unit")}
    assert len(open_reports) == 34
    assert Counter(r.status for r in open_reports.values()) == {
        ReportStatus.DRAFT: 32,
        ReportStatus.SUBMITTED: 2,
    }
    assert (
        open_reports["48"].submitted_by is not None and open_reports["48"].submitted_by.username == "danang"
    )
    hcmc = open_reports["79"]
    assert hcmc.status == ReportStatus.DRAFT and not hcmc.sections.exclude(html="").exists()
    assert (
        ReportSection.objects.filter(report__cycle=current)
        .exclude(html="")
        .values("report")
        .distinct()
        .count()
        == 7
    )
    assert Notification.objects.filter(user__username="thamdinh", read_at__isnull=True).count() == 2

    out = io.StringIO()
    call_command("rightstrack_demo", "--no-serve", stdout=out)  # the second load, through the command
    assert _counts() == first  # nothing new, not even an audit record
    printed = out.getvalue()
    assert reporting_demo_summary() in printed
    assert "38 reports — 32 accepted, 4 returned, 2 draft; 5 late" in printed
    assert "34 reports — 2 submitted, 32 draft" in printed
    assert "  hcm " in printed and "  thamdinh " in printed  # the login list
