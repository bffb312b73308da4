"""Reads the pages will use: scoped lists, work queues, one report with everything loaded, the FilterSet."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from rightstrack.reporting.filters import ReportFilterSet
from rightstrack.reporting.models import Report
from rightstrack.reporting.selectors import (
    focal_points_of,
    report_detail,
    report_list,
    reports_to_review,
    reports_to_write,
    reviewers_for,
)
from rightstrack.reporting.services import report_submit


def test_lists_and_queues_are_scoped(world, cycle, report, hue_report) -> None:
    assert set(report_list(user=world.secretariat)) == {report, hue_report}
    assert list(report_list(user=world.focal_hue)) == [hue_report]
    assert list(report_list(user=world.agency)) == []
    assert list(reports_to_write(user=world.focal_hanoi)) == [report]
    report_submit(actor=world.focal_hanoi, report=report)
    assert list(reports_to_write(user=world.focal_hanoi)) == []
    assert list(reports_to_review(user=world.reviewer)) == [report]
    assert list(reports_to_review(user=world.focal_hue)) == []


def test_one_report_loads_in_a_fixed_number_of_queries(world, cycle, report) -> None:
    with translation.override("vi"), CaptureQueriesContext(connection) as queries:
        loaded = report_detail().get(pk=report.pk)
        titles = [row.section.display_title for row in loaded.sections.all()]
        labels = [figure.indicator.display_label for figure in loaded.figures.all()]
        list(loaded.comments.all())
        list(loaded.attachments.all())
    assert titles[0] == "Tình hình chung" and len(labels) == 6
    assert len(queries) == 5


def test_who_hears_about_a_report(world) -> None:
    assert set(reviewers_for(world.hanoi_committee)) == {world.reviewer, world.secretariat}
    assert set(focal_points_of(world.hanoi_committee)) == {world.focal_hanoi, world.focal_hanoi_en}


def test_the_filterset_keeps_the_region_during_the_period(world, cycle, report, hue_report) -> None:
    filtered = ReportFilterSet({"region": world.north_central.pk}, queryset=Report.objects.all()).qs
    assert list(filtered) == [hue_report]
    by_status = ReportFilterSet({"status": "submitted"}, queryset=Report.objects.all()).qs
    assert list(by_status) == []
