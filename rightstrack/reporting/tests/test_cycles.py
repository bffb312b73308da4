"""Cycles: participants by list, region as of a date or all provinces; opening creates drafts once."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from rightstrack.core.models import AuditEntry
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.models import Report, ReportFigure, ReportSection
from rightstrack.reporting.services import (
    cycle_add_participants,
    cycle_close,
    cycle_create,
    cycle_open,
    cycle_remove_participant,
    cycle_update,
    report_save,
)

from .conftest import DEADLINE, PERIOD_END, PERIOD_START


def _create(world, template, **kwargs):
    fields = {
        "actor": world.secretariat,
        "name": "Kỳ báo cáo",
        "period_start": PERIOD_START,
        "period_end": PERIOD_END,
        "deadline": DEADLINE,
        "template": template,
    }
    fields.update(kwargs)
    return cycle_create(**fields)


def _participants(cycle) -> set[str]:
    return set(cycle.participants.values_list("body__code", flat=True))


def test_participants_of_a_region_are_read_as_of_a_date(world, template) -> None:
    before = _create(world, template, region=world.north_central, region_on=datetime.date(2025, 6, 1))
    after = _create(world, template, region=world.north_central, region_on=datetime.date(2025, 8, 1))
    assert _participants(before) == {"bcd-hue", "bcd-quang-tri"}
    assert _participants(after) == {"bcd-hue"}  # Quảng Trị's old committee is dissolved by then
    assert before.region == world.north_central and before.region_on == datetime.date(2025, 6, 1)


def test_all_provincial_committees_existing_on_the_date(world, template) -> None:
    cycle = _create(world, template, all_provincial=True, region_on=datetime.date(2025, 6, 1))
    provinces_now = {"committee-a", "committee-b", "bcd-hanoi", "bcd-hue"}
    assert _participants(cycle) == provinces_now | {"bcd-quang-tri"}
    later = _create(world, template, all_provincial=True, region_on=datetime.date(2025, 8, 1))
    assert _participants(later) == provinces_now


def test_a_list_of_bodies_may_include_a_ministry(world, template) -> None:
    cycle = _create(world, template, participants=[world.ministry, world.hue_committee, world.ministry])
    assert _participants(cycle) == {"justice", "bcd-hue"}


def test_participants_are_chosen_one_way(world, template) -> None:
    with pytest.raises(ValidationError):
        _create(world, template, participants=[world.hue_committee], all_provincial=True)


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("period_end", {"period_end": PERIOD_START - datetime.timedelta(days=1)}),
        ("deadline", {"deadline": PERIOD_START - datetime.timedelta(days=1)}),
    ],
)
def test_dates_out_of_order_are_refused_with_a_translated_message(world, template, field, kwargs) -> None:
    with pytest.raises(ValidationError) as caught:
        _create(world, template, **kwargs)
    with translation.override("en"):
        english = caught.value.message_dict[field]
    with translation.override("vi"):
        vietnamese = caught.value.message_dict[field]
    expected = {
        "period_end": "The period cannot end before it starts.",
        "deadline": "The deadline cannot be before the period starts.",
    }[field]
    assert english == [expected]
    with translation.override("vi"):
        assert vietnamese == [translation.gettext(expected)]


def test_only_the_standing_office_and_admins_run_cycles(world, template) -> None:
    with pytest.raises(PermissionDenied):
        _create(world, template, actor=world.focal_hanoi)
    with pytest.raises(PermissionDenied):
        _create(world, template, actor=world.reviewer)
    cycle = _create(world, template, actor=world.admin, participants=[world.hue_committee])
    with pytest.raises(PermissionDenied):
        cycle_open(actor=world.focal_hue, cycle=cycle)


def test_a_cycle_without_participants_cannot_open(world, template) -> None:
    cycle = _create(world, template)
    with pytest.raises(ValidationError):
        cycle_open(actor=world.secretariat, cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.PLANNED


def test_opening_creates_one_draft_per_participant_once(world, template) -> None:
    cycle = _create(world, template, participants=[world.hanoi_committee, world.hue_committee])
    cycle_open(actor=world.secretariat, cycle=cycle)
    reports = Report.objects.filter(cycle=cycle)
    assert reports.count() == 2
    assert set(reports.values_list("status", flat=True)) == {ReportStatus.DRAFT}
    assert set(reports.values_list("template_id", flat=True)) == {template.pk}
    sections, indicators = template.sections.count(), template.indicators.count()
    assert ReportSection.objects.filter(report__cycle=cycle).count() == 2 * sections
    assert ReportFigure.objects.filter(report__cycle=cycle, value__isnull=True).count() == 2 * indicators
    audit_rows = AuditEntry.objects.count()

    again = cycle_open(actor=world.secretariat, cycle=cycle)
    assert again.status == CycleStatus.OPEN
    assert Report.objects.filter(cycle=cycle).count() == 2
    assert AuditEntry.objects.count() == audit_rows


def test_a_participant_added_to_an_open_cycle_gets_its_draft(world, cycle) -> None:
    cycle_add_participants(actor=world.secretariat, cycle=cycle, bodies=[world.ministry, world.hue_committee])
    assert set(Report.objects.filter(cycle=cycle).values_list("body__code", flat=True)) == {
        "bcd-hanoi",
        "bcd-hue",
        "justice",
    }
    with pytest.raises(ValidationError):
        cycle_remove_participant(actor=world.secretariat, cycle=cycle, body=world.ministry)


def test_the_template_is_fixed_once_open(world, template, cycle) -> None:
    cycle_update(actor=world.secretariat, cycle=cycle, deadline=DEADLINE + datetime.timedelta(days=10))
    cycle.refresh_from_db()
    assert cycle.deadline == DEADLINE + datetime.timedelta(days=10)
    from rightstrack.reporting.services import template_revise

    newer = template_revise(actor=world.secretariat, template=template, name="v2")
    with pytest.raises(ValidationError):
        cycle_update(actor=world.secretariat, cycle=cycle, template=newer)


def test_closing_freezes_the_reports(world, cycle, report) -> None:
    closed = cycle_close(actor=world.secretariat, cycle=cycle)
    assert closed.status == CycleStatus.CLOSED and closed.closed_at is not None
    assert cycle_close(actor=world.secretariat, cycle=cycle).status == CycleStatus.CLOSED
    with pytest.raises(ValidationError):
        report_save(
            actor=world.focal_hanoi,
            report=report,
            expected_version=report.version,
            sections={"situation": "<p>late</p>"},
            figures={},
        )
    with pytest.raises(ValidationError):
        cycle_open(actor=world.secretariat, cycle=cycle)
