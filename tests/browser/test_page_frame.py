"""Issue 7 item 8 in Chromium: the notifications page fits a 1366 px screen and a 390 px phone in both
languages, and the language switch works without JavaScript (it waits for its button: WCAG 3.2.2)."""

from __future__ import annotations

from typing import Any

import pytest

from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.services import notify
from tests.browser.conftest import sign_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = (
    "Ban Chỉ đạo nhân quyền tỉnh Bà Rịa – Vũng Tàu (trước 07/2025) đã gửi lại báo cáo kết quả công tác bảo "
    "đảm quyền con người 6 tháng đầu năm 2025 sau khi chỉnh sửa theo ý kiến thẩm định"
)


@pytest.fixture
def world(transactional_db: None) -> World:
    world = build_world()
    for number in range(12):
        notify(
            users=[world.users["secretariat"]],
            kind=NotificationKind.OTHER,
            title_factory=lambda number=number: f"{LONG} ({number + 1})",
            url="/reporting/cycles/",
            email=False,
        )
    return world


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_notifications_page_fits_the_screen(
    browser: Any, live_server: Any, world: World, language: str, width: int
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": width, "height": 900})
    sign_in(context, live_server.url, world.users["secretariat"], language=language)
    page = context.new_page()
    page.goto(f"{live_server.url}/notifications/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # no sideways scrolling
    message = page.get_by_role("button", name=f"{LONG} (12)", exact=True)
    expect(message).to_be_visible()
    box = message.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    label = "Đánh dấu là đã đọc" if language == "vi" else "Mark as read"
    mark = page.locator("main form button", has_text=label)
    mark_box = mark.first.bounding_box()
    assert mark_box is not None and mark_box["x"] + mark_box["width"] <= width
    context.close()


def test_the_language_switch_works_without_javascript(browser: Any, live_server: Any, world: World) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, java_script_enabled=False)
    sign_in(context, live_server.url, world.users["focal_a"], language="vi")
    page = context.new_page()
    page.goto(f"{live_server.url}/notifications/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.locator("header select#language").select_option("en")
    assert page.locator("html").get_attribute("lang") == "vi"  # choosing alone sends nothing
    with page.expect_navigation():
        page.locator("header form.rt-language button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url == f"{live_server.url}/notifications/"  # back on the page it was switched from
    context.close()
