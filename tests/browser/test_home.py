"""Each role signs in, in Chromium, and finds its work on the home page (decision 0018)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from rightstrack.reporting.models import ReportingCycle
from tests.conftest import World, build_world
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# persona → (the panel's heading, a piece of the work it must show), as the Vietnamese page reads.
EXPECTED = {
    "focal_a": ("Báo cáo của", "Đã viết 1/"),  # the due report with its sections written
    "reviewer": ("Chờ thẩm định", "Ban Chỉ đạo"),  # the review queue names the province waiting
    "secretariat": ("Chưa gửi hoặc gửi trễ hạn, trong các kỳ đang mở", "Chưa gửi"),
    "admin": ("Người dùng chưa thuộc cơ quan nào", "Tác vụ nền bị lỗi"),
    "agency": ("Việc giao cho", "Hiện chưa có việc nào được giao cho cơ quan của đồng chí."),
}


@pytest.fixture
def world(transactional_db: None) -> World:
    world = build_world()
    world.reporting()  # a cycle open for A and B: A's draft, B's submitted report
    return world


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_role_opens_home_and_finds_its_work(
    page: Any, live_server: Any, world: World, persona: str
) -> None:
    from playwright.sync_api import expect

    if persona == "focal_a":  # the cycle's deadline ahead, so the writer reads how many days are left
        deadline = timezone.localdate() + datetime.timedelta(days=5)
        ReportingCycle.objects.filter(pk=world.reporting().cycle.pk).update(deadline=deadline)
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill(world.users[persona].username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    heading, work = EXPECTED[persona]
    main = page.locator("main")
    expect(main.get_by_role("heading", level=2).filter(has_text=heading).first).to_be_visible()
    expect(main.get_by_text(work).first).to_be_visible()
    if persona == "focal_a":  # the days left, then the report's link leads to its editor
        expect(main.get_by_text(f"Hạn gửi {deadline:%d/%m/%Y}, còn 5 ngày.")).to_be_visible()
        main.get_by_role("link", name="Báo cáo 6 tháng đầu năm 2025").first.click()
        page.wait_for_url(f"**/reporting/reports/{world.reporting().report_a.pk}/edit/")
