"""A cycle's dashboard: its rows and counts within the user's scope, its filters, its XLSX export and its
languages; the queries it costs do not grow with the participants."""

from __future__ import annotations

import datetime
import io

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
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.models import ReportingCycle
from rightstrack.reporting.services import (
    cycle_create,
    cycle_open,
    report_submit,
)
from tests.world import signed_in

from .conftest import DEADLINE, PERIOD_END, PERIOD_START, World
from .pages import url

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
