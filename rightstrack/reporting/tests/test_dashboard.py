"""The cycle dashboard: status, submitted on, lateness and last activity per participant, scoped, cheap."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.models import Report
from rightstrack.reporting.selectors import cycle_dashboard
from rightstrack.reporting.services import cycle_add_participants, report_submit

from .conftest import DEADLINE

AFTER_DEADLINE = DEADLINE + datetime.timedelta(days=1)


def test_rows_counts_and_lateness(world, cycle, report) -> None:
    report_submit(actor=world.focal_hanoi, report=report)
    on_time = datetime.datetime(
        2025, 7, 15, 23, 0, tzinfo=timezone.get_current_timezone()
    )  # local time, the deadline day
    Report.objects.filter(pk=report.pk).update(first_submitted_at=on_time, submitted_at=on_time)
    board = cycle_dashboard(user=world.secretariat, cycle=cycle, today=AFTER_DEADLINE)
    rows = {row.body.code: row for row in board.rows}
    assert set(rows) == {"bcd-hanoi", "bcd-hue"}
    assert rows["bcd-hanoi"].status == ReportStatus.SUBMITTED and rows["bcd-hanoi"].submitted_at == on_time
    assert not rows["bcd-hanoi"].is_late
    assert rows["bcd-hue"].status == ReportStatus.DRAFT and rows["bcd-hue"].is_late
    assert board.counts[ReportStatus.SUBMITTED] == 1 and board.counts[ReportStatus.DRAFT] == 1
    assert board.total == 2 and board.late == 1


def test_a_report_first_submitted_after_the_deadline_is_late(world, cycle, report) -> None:
    report_submit(actor=world.focal_hanoi, report=report)
    late = datetime.datetime(2025, 7, 16, 0, 30, tzinfo=timezone.get_current_timezone())
    Report.objects.filter(pk=report.pk).update(first_submitted_at=late)
    board = cycle_dashboard(user=world.secretariat, cycle=cycle, late=True, today=DEADLINE)
    assert [row.body.code for row in board.rows] == ["bcd-hanoi"]  # Huế is not late yet on the deadline day


def test_filters_by_status_and_region(world, cycle) -> None:
    board = cycle_dashboard(user=world.secretariat, cycle=cycle, region=world.north_central)
    assert [row.body.code for row in board.rows] == ["bcd-hue"]
    assert board.total == 1
    drafts = cycle_dashboard(user=world.secretariat, cycle=cycle, status=ReportStatus.SUBMITTED)
    assert drafts.rows == [] and drafts.total == 2


def test_a_focal_point_sees_only_their_own_row(world, cycle) -> None:
    board = cycle_dashboard(user=world.focal_hue, cycle=cycle)
    assert [row.body.code for row in board.rows] == ["bcd-hue"]


def test_the_number_of_queries_does_not_grow_with_participants(world, cycle) -> None:
    cycle_dashboard(user=world.secretariat, cycle=cycle)  # the reader's predecessors: once per request (user)
    with CaptureQueriesContext(connection) as two:
        cycle_dashboard(user=world.secretariat, cycle=cycle, region=world.north_central)
    cycle_add_participants(
        actor=world.secretariat, cycle=cycle, bodies=[world.quang_tri_committee, world.ministry]
    )
    with CaptureQueriesContext(connection) as four:
        board = cycle_dashboard(user=world.secretariat, cycle=cycle, region=world.north_central)
        assert len(board.rows) == 2
        [row.body.unit.name for row in board.rows if row.body.unit]
        [row.report.is_late() for row in board.rows if row.report]
    assert len(four) == len(two) <= 3


def test_a_reports_filter_keeps_the_participants_whose_report_it_keeps(world, cycle, report) -> None:
    """What the filters other apps add (tagging's tag) narrow: the rows and the counts, at no extra query."""
    report_submit(actor=world.focal_hanoi, report=report)
    cycle_dashboard(user=world.secretariat, cycle=cycle)  # the reader's predecessors: once per request (user)
    with CaptureQueriesContext(connection) as queries:
        board = cycle_dashboard(
            user=world.secretariat,
            cycle=cycle,
            reports_filter=lambda reports: reports.filter(body=world.hue_committee),
            today=AFTER_DEADLINE,
        )
    assert [row.body.code for row in board.rows] == ["bcd-hue"]
    assert board.total == 1 and board.late == 1 and board.narrowed
    assert board.counts[ReportStatus.DRAFT] == 1 and board.counts[ReportStatus.SUBMITTED] == 0
    assert len(queries) <= 3
    nothing = cycle_dashboard(user=world.secretariat, cycle=cycle, reports_filter=lambda r: r.none())
    assert nothing.rows == [] and nothing.total == 0 and nothing.narrowed
    # Without it, a participant is listed with or without a report.
    assert not cycle_dashboard(user=world.secretariat, cycle=cycle).narrowed
