"""The cycle pages: who sees what, creating, editing, opening and closing cycles."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.services import body_create
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.models import Report, ReportingCycle, ReportTemplate
from rightstrack.reporting.services import (
    cycle_close,
    cycle_create,
    report_submit,
)
from tests.world import signed_in

from .conftest import DEADLINE, PERIOD_END, PERIOD_START
from .pages import url


def cycle_form(template: ReportTemplate, **changes: Any) -> dict[str, Any]:
    data = {
        "name": "Báo cáo 6 tháng",
        "name_en": "Half-year",
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "deadline": "2025-07-15",
        "template": template.pk,
        "reminder_days_before": 5,
        "participants_mode": "all",
        "region": "",
        "region_on": "",
    }
    data.update(changes)
    return data


# The cycle list ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["admin", "secretariat", "reviewer", "focal_hanoi", "agency"])
def test_the_cycle_list_renders_for_every_persona(world, cycle, persona) -> None:
    response = signed_in(getattr(world, persona)).get(url("cycle_list"))
    assert response.status_code == 200
    assert "First half of 2025" in response.content.decode()
    can_create = persona in {"admin", "secretariat"}
    assert (url("cycle_create") in response.content.decode()) is can_create


def test_counts_in_the_list_cover_what_the_user_may_see(world, cycle, report) -> None:
    report_submit(actor=world.focal_hanoi, report=report)
    office = signed_in(world.secretariat).get(url("cycle_list"))
    [row] = office.context["cycles"]
    assert (row.visible_handed_in, row.visible_total) == (1, 2)
    hue = signed_in(world.focal_hue).get(url("cycle_list"))
    [row] = hue.context["cycles"]
    assert (row.visible_handed_in, row.visible_total) == (0, 1)


def test_a_focal_point_sees_their_reports_to_write(world, cycle, report) -> None:
    response = signed_in(world.focal_hanoi).get(url("cycle_list"))
    assert [r.pk for r, _late in response.context["reports_to_write"]] == [report.pk]
    assert "Your reports" in response.content.decode()
    if report.get_absolute_url():  # the report pages are built alongside these
        assert report.get_absolute_url() in response.content.decode()
    office = signed_in(world.secretariat).get(url("cycle_list"))
    assert "reports_to_write" not in office.context


def test_the_list_filters_by_status(world, cycle, planned) -> None:
    response = signed_in(world.secretariat).get(url("cycle_list"), {"status": CycleStatus.PLANNED})
    assert [c.pk for c in response.context["cycles"]] == [planned.pk]


def test_the_reporting_entry_is_in_the_navigation(world) -> None:
    response = signed_in(world.focal_hue).get(url("cycle_list"))
    bar = response.context["nav_items"]
    entries = {str(e["label"]): e for item in bar for e in item.get("entries", [item])}
    assert entries["Reporting cycles"]["active"] is True  # alone, or in the "Reporting" menu, marked


# Creating and editing cycles --------------------------------------------------------------------------


def test_creating_a_cycle_by_region_as_of_a_date_takes_the_committees_then(world, template) -> None:
    client = signed_in(world.secretariat)
    response = client.post(
        url("cycle_create"),
        cycle_form(
            template, participants_mode="region", region=world.north_central.pk, region_on="2025-06-30"
        ),
    )
    cycle = ReportingCycle.objects.get(name="Báo cáo 6 tháng")
    assert response.status_code == 302 and response["Location"] == url("cycle_detail", cycle.pk)
    codes = set(cycle.participants.values_list("body__code", flat=True))
    assert codes == {"bcd-hue", "bcd-quang-tri"}  # Quảng Trị still existed on 30 June 2025
    assert (cycle.region, cycle.region_on, cycle.reminder_days_before) == (
        world.north_central,
        datetime.date(2025, 6, 30),
        5,
    )
    client.post(
        url("cycle_create"),
        cycle_form(
            template,
            name="Sau sáp nhập",
            participants_mode="region",
            region=world.north_central.pk,
            region_on="2025-07-01",
        ),
    )
    after = ReportingCycle.objects.get(name="Sau sáp nhập")
    assert set(after.participants.values_list("body__code", flat=True)) == {"bcd-hue"}


def test_creating_a_cycle_with_a_list_or_all_committees(world, template) -> None:
    client = signed_in(world.secretariat)
    client.post(
        url("cycle_create"),
        cycle_form(template, name="Danh sách", participants_mode="list", bodies=[world.hanoi_committee.pk]),
    )
    listed = ReportingCycle.objects.get(name="Danh sách")
    assert list(listed.participants.values_list("body__code", flat=True)) == ["bcd-hanoi"]
    client.post(url("cycle_create"), cycle_form(template, name="Tất cả", region_on="2025-08-01"))
    everyone = ReportingCycle.objects.get(name="Tất cả")
    assert set(everyone.participants.values_list("body__code", flat=True)) == {
        "committee-a",
        "committee-b",
        "bcd-hanoi",
        "bcd-hue",
    }


def test_the_form_shows_what_is_missing_and_what_the_service_refused(world, template) -> None:
    client = signed_in(world.secretariat)
    response = client.post(url("cycle_create"), cycle_form(template, participants_mode="region"))
    assert response.status_code == 200
    assert response.context["form"].errors["region"]
    response = client.post(url("cycle_create"), cycle_form(template, deadline="2024-12-31"))
    assert response.status_code == 200
    assert "The deadline cannot be before the period starts." in response.context["form"].errors["deadline"]
    assert "The deadline cannot be before the period starts." in response.content.decode()
    assert not ReportingCycle.objects.exists()


def test_the_service_errors_are_shown_in_vietnamese(world, template) -> None:
    response = signed_in(world.secretariat, "vi").post(
        url("cycle_create"), cycle_form(template, deadline="2024-12-31")
    )
    assert "The deadline cannot be before the period starts." not in response.content.decode()
    assert response.context["form"].errors["deadline"]


def test_editing_a_planned_cycle_changes_fields_and_participants(world, planned) -> None:
    client = signed_in(world.secretariat)
    page = client.get(url("cycle_edit", planned.pk))
    assert page.status_code == 200
    assert set(page.context["form"].initial["bodies"]) == {world.hanoi_committee.pk, world.hue_committee.pk}
    response = client.post(
        url("cycle_edit", planned.pk),
        {
            "name": "Báo cáo năm 2025 (sửa)",
            "name_en": "Year 2025",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "deadline": "2026-01-20",
            "template": planned.template_id,
            "reminder_days_before": 10,
            "bodies": [world.hue_committee.pk],
        },
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.name == "Báo cáo năm 2025 (sửa)" and planned.deadline == datetime.date(2026, 1, 20)
    assert list(planned.participants.values_list("body__code", flat=True)) == ["bcd-hue"]


def test_adding_a_committee_to_an_open_cycle_gives_it_a_draft(world, cycle) -> None:
    quang_ninh = body_create(
        actor=None,
        code="bcd-quang-ninh",
        name="Ban Chỉ đạo tỉnh Quảng Ninh",
        kind=BodyKind.PROVINCIAL_COMMITTEE,
        parent=world.national,
    )
    client = signed_in(world.secretariat)
    page = client.get(url("cycle_edit", cycle.pk))
    offered = set(page.context["form"].fields["bodies"].queryset.values_list("code", flat=True))
    # current participants cannot be taken out of an open cycle
    assert offered == {"bcd-quang-ninh", "committee-a", "committee-b"}
    assert page.context["form"].fields["template"].disabled
    data = {
        "name": cycle.name,
        "name_en": cycle.name_en,
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "deadline": "2025-07-15",
        "template": cycle.template_id,
        "reminder_days_before": 7,
        "bodies": [quang_ninh.pk],
    }
    assert client.post(url("cycle_edit", cycle.pk), data).status_code == 302
    assert Report.objects.filter(cycle=cycle, body=quang_ninh, status=ReportStatus.DRAFT).exists()


def test_a_closed_cycle_cannot_be_edited(world, cycle) -> None:
    cycle_close(actor=world.secretariat, cycle=cycle)
    response = signed_in(world.secretariat).get(url("cycle_edit", cycle.pk))
    assert response.status_code == 302 and response["Location"] == url("cycle_detail", cycle.pk)


# Opening and closing ----------------------------------------------------------------------------------


def test_opening_asks_first_then_creates_a_draft_per_participant(world, planned) -> None:
    client = signed_in(world.secretariat)
    page = client.get(url("cycle_open", planned.pk))
    assert page.status_code == 200 and page.context["applicable"]
    planned.refresh_from_db()
    assert planned.status == CycleStatus.PLANNED and not Report.objects.filter(cycle=planned).exists()
    response = client.post(url("cycle_open", planned.pk), follow=True)
    planned.refresh_from_db()
    assert planned.status == CycleStatus.OPEN
    reports = Report.objects.filter(cycle=planned)
    assert set(reports.values_list("body__code", flat=True)) == {"bcd-hanoi", "bcd-hue"}
    assert set(reports.values_list("status", flat=True)) == {ReportStatus.DRAFT}
    assert "2 draft reports were created" in response.content.decode()


def test_opening_without_participants_is_refused_with_the_reason(world, template) -> None:
    empty = cycle_create(
        actor=world.secretariat,
        name="Trống",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        deadline=DEADLINE,
        template=template,
        participants=[],
    )
    response = signed_in(world.secretariat).post(url("cycle_open", empty.pk), follow=True)
    assert "Add at least one participant before opening the cycle." in response.content.decode()
    empty.refresh_from_db()
    assert empty.status == CycleStatus.PLANNED


def test_closing_a_cycle(world, cycle) -> None:
    response = signed_in(world.secretariat).post(url("cycle_close", cycle.pk))
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED


@pytest.mark.parametrize("persona", ["focal_hanoi", "reviewer", "agency"])
def test_only_the_standing_office_runs_cycles(world, planned, template, persona) -> None:
    client = signed_in(getattr(world, persona))
    assert client.get(url("cycle_create")).status_code == 403
    assert client.post(url("cycle_create"), cycle_form(template)).status_code == 403
    for name in ("cycle_edit", "cycle_open", "cycle_close"):
        assert client.get(url(name, planned.pk)).status_code == 403
        assert client.post(url(name, planned.pk)).status_code == 403
    assert client.get(url("template_revise", template.pk)).status_code == 403
    assert client.post(url("template_revise", template.pk)).status_code == 403
    planned.refresh_from_db()
    assert planned.status == CycleStatus.PLANNED
    assert ReportTemplate.objects.count() == 1 and ReportingCycle.objects.count() == 1


def test_unknown_objects_are_not_found(world, cycle, template) -> None:
    client = signed_in(world.secretariat)
    for name in ("cycle_detail", "cycle_edit", "cycle_open", "cycle_dashboard_xlsx", "template_detail"):
        assert client.get(url(name, 999999)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(world, cycle) -> None:
    response = Client().get(url("cycle_detail", cycle.pk))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
