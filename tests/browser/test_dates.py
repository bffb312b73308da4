"""Dates are typed and shown day first (dd/mm/yyyy) even in a browser whose language is American English,
whose own ``<input type="date">`` would show mm/dd/yyyy; the calendar button writes the chosen day back."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tests.browser.conftest import VIEWPORT, sign_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_date_field_reads_dd_mm_yyyy_under_an_english_browser(
    browser: Any, live_server: Any, world: World, language: str
) -> None:
    from playwright.sync_api import expect

    from rightstrack.bodies.models import Body

    body = world.committee_a
    Body.objects.filter(pk=body.pk).update(established_on=datetime.date(2025, 7, 1))
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    try:
        page = context.new_page()
        sign_in(context, live_server.url, world.users["admin"], language=language)
        page.goto(f"{live_server.url}/bodies/{body.pk}/edit/")
        field = page.locator("input[name=established_on]")
        expect(field).to_have_attribute("type", "text")
        expect(field).to_have_value("01/07/2025")  # 1 July, not 7 January
        expect(field).to_have_attribute("placeholder", "dd/mm/yyyy")

        # The calendar button opens the browser's picker; the day chosen there comes back day first.
        button = field.locator("xpath=following-sibling::button")
        label = "Choose a date from a calendar" if language == "en" else "Chọn ngày trên lịch"
        expect(button).to_have_attribute("aria-label", label)
        button.click()
        native = page.locator("input.rt-date-native")
        expect(native).to_have_value("2025-07-01")
        native.evaluate("(el) => { el.value = '2025-12-31'; el.dispatchEvent(new Event('change')); }")
        expect(field).to_have_value("31/12/2025")
        expect(native).to_have_count(0)

        # Typing works as a Vietnamese official writes it; the page shows the day it saved, day first.
        field.fill("05/02/2024")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url(f"{live_server.url}/bodies/{body.pk}/")
        body.refresh_from_db()
        assert body.established_on == datetime.date(2024, 2, 5)
        expect(page.locator("dd", has_text="05/02/2024")).to_have_count(1)
    finally:
        context.close()


def test_a_time_reads_on_the_24_hour_clock_under_an_english_browser(
    browser: Any, live_server: Any, world: World
) -> None:
    from playwright.sync_api import expect

    conference = world.conferences().with_a  # starts at 08:00
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    try:
        page = context.new_page()
        sign_in(context, live_server.url, world.users["secretariat"], language="en")
        page.goto(f"{live_server.url}/conferences/{conference.pk}/edit/")
        start = page.locator("input[name=start_time]")
        expect(start).to_have_attribute("type", "text")
        expect(start).to_have_value("08:00")  # not "08:00 AM"
        expect(start).to_have_attribute("placeholder", "hh:mm")
        start.fill("14h30")  # as often written in Viet Nam
        page.locator("input[name=end_time]").fill("17:00")
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_url(f"{live_server.url}/conferences/{conference.pk}/")
        conference.refresh_from_db()
        assert (conference.start_time, conference.end_time) == (datetime.time(14, 30), datetime.time(17, 0))
    finally:
        context.close()
