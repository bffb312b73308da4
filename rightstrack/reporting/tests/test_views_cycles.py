"""The cycle, dashboard and template pages: who sees what, what each form does, what the exports hold."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.bodies.services import body_create
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.models import Report, ReportingCycle, ReportTemplate, TemplateSection
from rightstrack.reporting.services import (
    cycle_close,
    cycle_create,
    cycle_open,
    report_submit,
)
from tests.world import signed_in

from .conftest import DEADLINE, PERIOD_END, PERIOD_START, World

AFTER_DEADLINE = DEADLINE + datetime.timedelta(days=1)


def url(name: str, *args: Any) -> str:
    return reverse(f"reporting:{name}", args=args)


@pytest.fixture
def planned(world: World, template: ReportTemplate) -> ReportingCycle:
    """A planned cycle for Hà Nội and Huế."""
    return cycle_create(
        actor=world.secretariat,
        name="Báo cáo năm 2025",
        name_en="Year 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        deadline=datetime.date(2026, 1, 15),
        template=template,
        participants=[world.hanoi_committee, world.hue_committee],
    )


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
    entries = {str(item["label"]): item for item in response.context["nav_items"]}
    assert entries["Reporting"]["active"] is True


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


# The dashboard ----------------------------------------------------------------------------------------


def test_the_dashboard_shows_each_participant_with_counts(world, cycle, report) -> None:
    report_submit(actor=world.focal_hanoi, report=report)
    response = signed_in(world.secretariat).get(url("cycle_detail", cycle.pk))
    assert response.status_code == 200
    board = response.context["board"]
    assert board.total == 2 and board.counts[ReportStatus.SUBMITTED] == 1
    cards = {card["key"]: card["value"] for card in response.context["cards"]}
    assert cards["total"] == 2 and cards[ReportStatus.SUBMITTED] == 1 and cards[ReportStatus.DRAFT] == 1
    html = response.content.decode()
    assert "Ban Chỉ đạo tỉnh Hà Nội" in html and "Ban Chỉ đạo tỉnh Huế" in html
    assert 'data-label="Submitted on"' in html
    assert url("cycle_close", cycle.pk) in html and url("cycle_open", cycle.pk) not in html


def test_the_dashboard_filters_by_region_and_status(world, cycle, report) -> None:
    report_submit(actor=world.focal_hanoi, report=report)
    client = signed_in(world.secretariat)
    by_region = client.get(url("cycle_detail", cycle.pk), {"region": world.north_central.pk})
    assert [row.body.code for row in by_region.context["board"].rows] == ["bcd-hue"]
    by_status = client.get(url("cycle_detail", cycle.pk), {"status": ReportStatus.SUBMITTED})
    assert [row.body.code for row in by_status.context["board"].rows] == ["bcd-hanoi"]
    assert by_status.context["board"].total == 2  # counts cover the rows before the status filter


def test_the_dashboard_flags_late_reports(world, cycle) -> None:
    assert cycle.deadline < datetime.date.today()  # noqa: DTZ011 - the fixture's deadline is in 2025
    response = signed_in(world.secretariat).get(url("cycle_detail", cycle.pk), {"late": "yes"})
    assert {row.body.code for row in response.context["board"].rows} == {"bcd-hanoi", "bcd-hue"}


def test_a_focal_point_sees_only_their_own_row(world, cycle) -> None:
    response = signed_in(world.focal_hue).get(url("cycle_detail", cycle.pk))
    assert [row.body.code for row in response.context["board"].rows] == ["bcd-hue"]
    html = response.content.decode()
    assert "Ban Chỉ đạo tỉnh Hà Nội" not in html
    assert url("cycle_close", cycle.pk) not in html and url("cycle_edit", cycle.pk) not in html


def test_the_dashboard_exports_its_rows_as_xlsx(world, cycle, report) -> None:
    report_submit(actor=world.focal_hanoi, report=report)
    response = signed_in(world.secretariat).get(url("cycle_dashboard_xlsx", cycle.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Body", "Province", "Status", "Submitted on", "Late", "Last activity")
    by_body = {row[0]: row for row in rows[1:]}
    assert set(by_body) == {"Ban Chỉ đạo tỉnh Hà Nội", "Ban Chỉ đạo tỉnh Huế"}
    hanoi = by_body["Ban Chỉ đạo tỉnh Hà Nội"]
    assert hanoi[1] == "Hà Nội" and hanoi[2] == "Submitted"
    assert isinstance(hanoi[3], datetime.datetime)  # a real date cell (openpyxl reads dates as datetimes)
    assert isinstance(hanoi[5], datetime.datetime)
    assert by_body["Ban Chỉ đạo tỉnh Huế"][2] == "Draft" and by_body["Ban Chỉ đạo tỉnh Huế"][3] is None


def test_the_export_keeps_the_filters_and_the_scope(world, cycle) -> None:
    filtered = signed_in(world.secretariat).get(
        url("cycle_dashboard_xlsx", cycle.pk), {"region": world.north_central.pk}
    )
    rows = list(load_workbook(io.BytesIO(filtered.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["Ban Chỉ đạo tỉnh Huế"]
    own = signed_in(world.focal_hanoi).get(url("cycle_dashboard_xlsx", cycle.pk))
    rows = list(load_workbook(io.BytesIO(own.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["Ban Chỉ đạo tỉnh Hà Nội"]


def test_the_export_headers_are_translated(world, cycle) -> None:
    response = signed_in(world.secretariat, "vi").get(url("cycle_dashboard_xlsx", cycle.pk))
    header = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert header[0] != "Body" and all(header)


def _provincial_committees(world: World, count: int) -> list[Body]:
    bodies = []
    for number in range(count):
        unit = AdministrativeUnit.objects.create(
            code=f"9{number:02d}",
            name=f"Tỉnh {number}",
            name_en=f"Province {number}",
            level=UnitLevel.PROVINCE,
        )
        bodies.append(
            body_create(
                actor=None,
                code=f"bcd-extra-{number}",
                name=f"Ban Chỉ đạo tỉnh {number}",
                kind=BodyKind.PROVINCIAL_COMMITTEE,
                parent=world.national,
                unit=unit,
            )
        )
    return bodies


def test_the_dashboard_costs_the_same_queries_for_3_or_12_participants(world, template) -> None:
    def cycle_with(bodies: list[Body], name: str) -> ReportingCycle:
        planned = cycle_create(
            actor=world.secretariat,
            name=name,
            period_start=PERIOD_START,
            period_end=PERIOD_END,
            deadline=DEADLINE,
            template=template,
            participants=bodies,
        )
        return cycle_open(actor=world.secretariat, cycle=planned)

    extra = _provincial_committees(world, 10)
    small = cycle_with([world.hanoi_committee, world.hue_committee, extra[0]], "Nhỏ")
    large = cycle_with([world.hanoi_committee, world.hue_committee, *extra], "Lớn")
    client = signed_in(world.secretariat)
    client.get(url("cycle_detail", small.pk))  # warm the session and permission caches
    counts = []
    for cycle in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("cycle_detail", cycle.pk), {"region": world.north_central.pk})
            response = client.get(url("cycle_detail", cycle.pk))
        counts.append(len(queries))
    assert len(response.context["board"].rows) == 12
    assert counts[0] == counts[1]


def test_the_export_links_appear_once_the_cycle_is_open(world, planned, cycle) -> None:
    client = signed_in(world.secretariat)
    assert client.get(url("cycle_detail", planned.pk)).context["zip_url"] == ""
    response = client.get(url("cycle_detail", cycle.pk))
    try:
        expected = reverse("reporting:cycle_export_zip", args=[cycle.pk])
    except Exception:  # the report pages are built alongside these: until then the link stays hidden
        expected = ""
    assert response.context["zip_url"] == expected


# Languages --------------------------------------------------------------------------------------------


def test_the_dashboard_speaks_vietnamese_and_english(world, cycle) -> None:
    english = signed_in(world.secretariat, "en").get(url("cycle_detail", cycle.pk)).content.decode()
    assert '<html lang="en">' in english
    assert "First half of 2025" in english and "Export XLSX" in english and "Last activity" in english
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(world.secretariat)
    vietnamese = client.get(url("cycle_detail", cycle.pk)).content.decode()
    assert '<html lang="vi">' in vietnamese
    assert "Báo cáo 6 tháng đầu năm 2025" in vietnamese
    assert "Export XLSX" not in vietnamese and "Last activity" not in vietnamese
    assert "Xuất tệp XLSX" in vietnamese and "Hoạt động gần nhất" in vietnamese


# Templates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["secretariat", "focal_hanoi"])
def test_the_template_pages_render(world, template, persona) -> None:
    client = signed_in(getattr(world, persona))
    listing = client.get(url("template_list"))
    assert listing.status_code == 200 and template in listing.context["object_list"]
    detail = client.get(url("template_detail", template.pk))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Results by work area" in html and "give figures where you have them" in html  # title, guidance
    assert [v.pk for v in detail.context["versions"]] == [template.pk]
    assert (url("template_revise", template.pk) in html) is (persona == "secretariat")


def _revise_data(response: Any) -> dict[str, Any]:
    """The revise page's forms as the browser would post them, unchanged."""
    data: dict[str, Any] = {}
    name_form = response.context["name_form"]
    data.update({name: name_form.initial.get(name, "") for name in name_form.fields})
    for formset in (response.context["sections"], response.context["indicators"]):
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management.initial.get(name, "")
        for form in formset.forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if isinstance(value, bool):
                    if value:
                        data[form.add_prefix(name)] = "on"
                    continue
                data[form.add_prefix(name)] = "" if value is None else value
    return data


def test_revising_a_template_writes_a_new_version_and_leaves_reports_on_the_old(
    world, template, report
) -> None:
    old_titles = list(template.sections.order_by("order").values_list("key", "title"))
    client = signed_in(world.secretariat)
    page = client.get(url("template_revise", template.pk))
    assert page.status_code == 200
    assert "Version 1 stays exactly as it is" in page.content.decode()
    data = _revise_data(page)
    sections = page.context["sections"]
    first = sections.forms[0].prefix
    data[f"{first}-title"] = "Tình hình chung (sửa đổi)"
    last = sections.forms[sections.initial_form_count() - 1].prefix
    data[f"{last}-DELETE"] = "on"
    extra = sections.forms[sections.initial_form_count()].prefix  # the blank row at the end
    data[f"{extra}-title"] = "Đánh giá chung"
    data[f"{extra}-title_en"] = "Overall assessment"
    data[f"{extra}-ORDER"] = "2"
    response = client.post(url("template_revise", template.pk), data)
    assert response.status_code == 302, response.context and response.context["name_form"].errors
    revised = ReportTemplate.objects.get(family=template.family, version=2)
    assert response["Location"] == url("template_detail", revised.pk)
    assert revised.is_current and not ReportTemplate.objects.get(pk=template.pk).is_current
    keys = list(revised.sections.order_by("order").values_list("key", flat=True))
    assert keys[:2] == ["situation", "overall-assessment"]
    assert old_titles[-1][0] not in keys
    assert revised.sections.get(key="situation").title == "Tình hình chung (sửa đổi)"
    # The report and the old version are untouched.
    report.refresh_from_db()
    assert report.template_id == template.pk
    assert list(template.sections.order_by("order").values_list("key", "title")) == old_titles
    assert set(report.sections.values_list("section__template_id", flat=True)) == {template.pk}
    assert TemplateSection.objects.filter(template=template).count() == len(old_titles)


def test_a_revision_that_changes_nothing_writes_nothing(world, template) -> None:
    client = signed_in(world.secretariat)
    data = _revise_data(client.get(url("template_revise", template.pk)))
    response = client.post(url("template_revise", template.pk), data)
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
    assert ReportTemplate.objects.filter(family=template.family).count() == 1


def test_service_errors_of_a_revision_are_shown(world, template) -> None:
    client = signed_in(world.secretariat)
    page = client.get(url("template_revise", template.pk))
    data = _revise_data(page)
    indicators = page.context["indicators"]
    extra = indicators.forms[indicators.initial_form_count()].prefix
    data[f"{extra}-key"] = indicators.forms[0].initial["key"]  # a key already used
    data[f"{extra}-label"] = "Trùng"
    response = client.post(url("template_revise", template.pk), data)
    assert response.status_code == 200
    assert "is used twice" in response.content.decode()
    assert ReportTemplate.objects.filter(family=template.family).count() == 1


def test_revising_an_indicator_keeps_its_key(world, template) -> None:
    client = signed_in(world.secretariat)
    page = client.get(url("template_revise", template.pk))
    data = _revise_data(page)
    first = page.context["indicators"].forms[0]
    data[first.add_prefix("key")] = "hijacked"  # a disabled field: the posted value is ignored
    data[first.add_prefix("unit_en")] = "events"
    assert client.post(url("template_revise", template.pk), data).status_code == 302
    revised = ReportTemplate.objects.get(family=template.family, is_current=True)
    indicator = revised.indicators.get(key=first.initial["key"])
    assert indicator.unit_en == "events"
    assert not revised.indicators.filter(key="hijacked").exists()
