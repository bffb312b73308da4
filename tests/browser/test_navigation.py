"""The main navigation's menus in Chromium (decision 0050): they open from the keyboard, Escape closes them,
they open without JavaScript, one line holds the bar at 1366 px, and on a phone they open inside the menu."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import sign_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world()


def test_a_menu_opens_from_the_keyboard_and_escape_closes_it(
    browser: Any, live_server: Any, world: World
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    sign_in(context, live_server.url, world.users["secretariat"], language="vi")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    bar = page.locator("#nav > ul")
    assert bar.evaluate("el => el.getBoundingClientRect().height") < 60  # one line
    reference = page.locator("summary", has_text="Tra cứu")
    regions = page.get_by_role("link", name="Vùng", exact=True)
    expect(regions).to_be_hidden()
    reference.focus()
    page.keyboard.press("Enter")
    expect(regions).to_be_visible()
    page.keyboard.press("Tab")  # into the menu
    page.keyboard.press("Escape")
    expect(regions).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent").startswith("Tra cứu")
    page.locator("summary", has_text="Báo cáo").click()
    page.locator("summary", has_text="Tra cứu").click()  # opening one closes the other
    expect(page.get_by_role("link", name="Các kỳ báo cáo")).to_be_hidden()
    regions.click()
    page.wait_for_url("**/places/regions/")
    expect(page.locator("summary.active", has_text="Tra cứu")).to_be_visible()
    expect(page.locator('a[aria-current="page"]', has_text="Vùng")).to_have_count(1)
    context.close()


def test_menus_open_without_javascript_and_on_a_phone(browser: Any, live_server: Any, world: World) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1366, "height": 900}, java_script_enabled=False)
    sign_in(context, live_server.url, world.users["secretariat"], language="en")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.locator("summary", has_text="Administration").click()
    expect(page.get_by_role("link", name="Audit log")).to_be_visible()
    context.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(phone, live_server.url, world.users["secretariat"], language="en")
    page = phone.new_page()
    page.goto(f"{live_server.url}/")
    expect(page.locator("summary", has_text="Follow-up")).to_be_hidden()  # inside the collapsed menu
    page.locator(".navbar-toggler").click()
    page.locator("summary", has_text="Follow-up").click()
    expect(page.get_by_role("link", name="Directives")).to_be_visible()
    phone.close()
