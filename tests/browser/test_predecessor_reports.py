"""Hồ Chí Minh City's focal point, in a real browser, finds the 2024 report of Bà Rịa–Vũng Tàu's committee
under "before 1 July 2025", reads it, and finds no way to change it (docs/decisions/0020)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from rightstrack.accounts.services import user_create
from rightstrack.bodies.choices import BodyKind, BodyLevel
from rightstrack.bodies.services import body_create
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit
from rightstrack.reporting.models import Report
from rightstrack.reporting.services import cycle_create, cycle_open, report_save, template_create_default
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFORM_DAY = datetime.date(2025, 7, 1)


@pytest.fixture
def merged(transactional_db: None) -> dict[str, Any]:
    country = AdministrativeUnit.objects.create(code="VN", name="Việt Nam", level=UnitLevel.COUNTRY)

    def province(code: str, name: str, **dates: Any) -> AdministrativeUnit:
        return AdministrativeUnit.objects.create(
            code=code, name=name, level=UnitLevel.PROVINCE, parent=country, **dates
        )

    hcm = province("79", "Hồ Chí Minh", valid_from=REFORM_DAY)
    brvt = province("77", "Bà Rịa - Vũng Tàu", valid_to=REFORM_DAY - datetime.timedelta(days=1))
    national = body_create(
        actor=None,
        code="national",
        name="Ban Chỉ đạo về nhân quyền của Chính phủ",
        kind=BodyKind.NATIONAL_COMMITTEE,
        level=BodyLevel.NATIONAL,
        unit=country,
    )
    committee = body_create(
        actor=None,
        code="new-79",
        name="Ban Chỉ đạo nhân quyền thành phố Hồ Chí Minh",
        kind=BodyKind.PROVINCIAL_COMMITTEE,
        level=BodyLevel.PROVINCIAL,
        parent=national,
        unit=hcm,
        established_on=REFORM_DAY,
    )
    old = body_create(
        actor=None,
        code="old-77",
        name="Ban Chỉ đạo nhân quyền tỉnh Bà Rịa - Vũng Tàu",
        kind=BodyKind.PROVINCIAL_COMMITTEE,
        level=BodyLevel.PROVINCIAL,
        parent=national,
        unit=brvt,
        dissolved_on=REFORM_DAY,
        successor=committee,
    )
    cycle = cycle_open(
        actor=None,
        cycle=cycle_create(
            actor=None,
            name="Báo cáo công tác nhân quyền năm 2024",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
            deadline=datetime.date(2025, 1, 15),
            template=template_create_default(actor=None),
            participants=[old],
        ),
    )
    report = Report.objects.get(cycle=cycle, body=old)
    report_save(
        actor=None,
        report=report,
        expected_version=report.version,
        sections={"situation": "<p>Tình hình nhân quyền tỉnh Bà Rịa - Vũng Tàu năm 2024.</p>"},
        figures={},
    )
    user = user_create(
        actor=None,
        username="hcm",
        body=committee,
        role="provincial_focal_point",
        password="browser-test-password",
        validate=False,
    )
    return {"user": user, "report": report}


def test_hcmc_reads_the_2024_report_of_ba_ria_vung_tau_and_cannot_change_it(
    page: Any, live_server: Any, merged: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    sign_in(page.context, live_server.url, merged["user"], language="vi")
    page.goto(f"{live_server.url}/reporting/cycles/")
    group = page.get_by_test_id("predecessor-reports")
    expect(group).to_contain_text("Trước 01/07/2025")
    expect(group).to_contain_text("Ban Chỉ đạo nhân quyền tỉnh Bà Rịa - Vũng Tàu (trước 07/2025)")
    group.get_by_role("link", name="Báo cáo công tác nhân quyền năm 2024").click()

    expect(page.locator("h1")).to_contain_text("Bà Rịa - Vũng Tàu (trước 07/2025)")
    expect(page.get_by_test_id("predecessor-report")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Tình hình nhân quyền tỉnh Bà Rịa - Vũng Tàu năm 2024.")
    actions = page.locator(".rt-page-header .rt-actions")
    expect(actions.get_by_role("link", name="Chỉnh sửa")).to_have_count(0)
    expect(actions.get_by_role("button", name="Gửi báo cáo")).to_have_count(0)
    expect(actions.get_by_role("link", name="Word (DOCX)")).to_be_visible()  # reading includes downloading

    # The edit page, typed in by hand, is refused.
    response = page.goto(f"{live_server.url}/reporting/reports/{merged['report'].pk}/edit/")
    assert response is not None and response.status == 403
