"""Conferences in a real browser: a provincial focal point finds the conference their committee took part in,
in the list and on the calendar, and another region's conference is nowhere — not even by its address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import sign_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    world.conferences()
    return world


def test_a_focal_point_sees_the_conference_it_took_part_in_but_not_another_regions(
    page: Any, live_server: Any, world: World
) -> None:
    from playwright.sync_api import expect

    mine, theirs = world.conferences().with_a, world.conferences().with_b
    sign_in(page.context, live_server.url, world.users["focal_a"], language="vi")

    page.goto(f"{live_server.url}/conferences/")
    expect(page.get_by_role("link", name=mine.title)).to_be_visible()
    expect(page.get_by_text(theirs.title)).to_have_count(0)

    page.goto(f"{live_server.url}/conferences/calendar/?year=2025&month=8")
    expect(page.locator(".rt-calendar").get_by_role("link", name=mine.title)).to_be_visible()
    page.goto(f"{live_server.url}/conferences/calendar/?year=2025&month=9")
    expect(page.get_by_text(theirs.title)).to_have_count(0)

    page.get_by_role("link", name="Hội nghị").first.click()
    page.goto(f"{live_server.url}{mine.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(mine.title)
    expect(page.get_by_text("Võ Minh Chương")).to_be_visible()  # the chair, in the position held that day
    response = page.goto(f"{live_server.url}{theirs.get_absolute_url()}")
    assert response is not None and response.status == 404
    assert theirs.title not in page.content()
