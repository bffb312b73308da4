"""Activities summed into a report's figures: offered as suggestions, written only when the writer accepts
one figure, through the report's save (version, revision, audit)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from rightstrack.activities.figures import activity_figure_accept, suggestions
from rightstrack.core.models import AuditEntry
from rightstrack.reporting.exceptions import StaleReport
from rightstrack.reporting.models import Report, ReportFigure
from tests.world import World

pytestmark = pytest.mark.usefixtures("activities")


def figure(report: Report, key: str) -> Decimal | None:
    row = ReportFigure.objects.filter(report=report, indicator__key=key).first()
    return None if row is None else row.value


def test_the_sums_of_the_body_and_the_bodies_under_it_in_the_period(world: World) -> None:
    report = world.reporting().report_a
    found = {s.indicator.key: s.value for s in suggestions(report)}
    # A: a training (120 people, 30 trained) and an awareness session (80); A's People's Committee: a
    # law-dissemination session (200). B's activity is not A's.
    assert found == {"awareness-sessions": 2, "awareness-participants": 280, "staff-trained": 30}


def test_nothing_is_written_until_the_writer_accepts(world: World, signed_in: Any) -> None:
    report = world.reporting().report_a
    page = signed_in("focal_a").get(reverse("activities:report_figures", args=[report.pk]))
    assert page.status_code == 200 and 'data-figure="staff-trained"' in page.content.decode()
    assert figure(report, "staff-trained") is None


def test_accepting_one_figure_writes_only_that_figure(world: World, signed_in: Any) -> None:
    report = Report.objects.get(pk=world.reporting().report_a.pk)
    response = signed_in("focal_a").post(
        reverse("activities:report_figure_accept", args=[report.pk]),
        {"key": "awareness-participants", "version": report.version},
    )
    assert response.status_code == 302
    saved = Report.objects.get(pk=report.pk)
    assert figure(saved, "awareness-participants") == Decimal(280)
    assert figure(saved, "staff-trained") is None
    assert saved.version == report.version + 1
    entry = AuditEntry.objects.filter(action="activity_figure_accepted").latest("pk")
    assert entry.after == {"figure": "awareness-participants", "value": 280}


def test_a_stale_version_writes_nothing(world: World) -> None:
    report = Report.objects.get(pk=world.reporting().report_a.pk)
    with pytest.raises(StaleReport):
        activity_figure_accept(
            actor=world.focal_a, report=report, key="staff-trained", expected_version=report.version - 1
        )
    assert figure(report, "staff-trained") is None


def test_another_province_or_a_reviewer_cannot_accept(world: World) -> None:
    report = Report.objects.get(pk=world.reporting().report_a.pk)
    with pytest.raises(Http404):
        activity_figure_accept(
            actor=world.focal_b, report=report, key="staff-trained", expected_version=report.version
        )
    with pytest.raises(PermissionDenied):
        activity_figure_accept(
            actor=world.reviewer, report=report, key="staff-trained", expected_version=report.version
        )


def test_a_submitted_report_offers_no_button(world: World, signed_in: Any) -> None:
    report = world.reporting().report_b
    page = signed_in("focal_b").get(reverse("activities:report_figures", args=[report.pk])).content.decode()
    assert 'data-figure="awareness-sessions"' in page and "report_figure_accept" not in page
    assert 'name="key"' not in page


def test_the_report_editor_links_to_the_suggestions(world: World, signed_in: Any) -> None:
    report = world.reporting().report_a
    page = signed_in("focal_a").get(reverse("reporting:report_edit", args=[report.pk])).content.decode()
    assert reverse("activities:report_figures", args=[report.pk]) in page
