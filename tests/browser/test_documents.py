"""Documents in a real browser (issue 11's "done when"): the standing office uploads two articles of one
meeting, one Vietnamese and one English; confirms the first as a new conference, field by field; and sees
the second proposed as coverage of that same conference, and links it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rightstrack.documents.tests.files import ARTICLE_EN, ARTICLE_VI
from tests.browser.conftest import sign_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def upload(page: Any, base: str, path: Path) -> None:
    page.goto(f"{base}/documents/new/")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/documents/*/")


def test_two_articles_of_one_meeting_become_one_conference(
    page: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    (tmp_path / "vi.txt").write_text(ARTICLE_VI, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ARTICLE_EN, encoding="utf-8")
    sign_in(page.context, live_server.url, world.users["secretariat"], language="en")

    upload(page, live_server.url, tmp_path / "vi.txt")
    title = "Hội nghị tập huấn công tác nhân quyền năm 2024"
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("link", name="Record a conference from this article").click()
    expect(page.locator("#id_date")).to_have_value("29/05/2024")  # day first (decision 0041)
    expect(page.locator("#id_attendee_count")).to_have_value("200")
    page.locator("#id_kind").select_option("training")  # the person corrects what the article left out
    page.locator("#id_organiser").select_option(str(world.office.pk))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#coverage")).to_contain_text("Hội nghị tập huấn công tác nhân quyền năm 2024")
    conference_url = page.url.split("#")[0]

    upload(page, live_server.url, tmp_path / "en.txt")
    expect(page.locator("#coverage")).to_contain_text("reports the same meeting as")
    page.get_by_role("link", name="Confirm the conference").click()
    page.get_by_role("button", name="Save").click()
    page.goto(conference_url)
    expect(page.locator("#coverage")).to_contain_text("Human rights training conference held in Da Nang")


def test_a_stated_directive_is_taken_into_the_conferences_directives_in_one_click(
    page: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    """Issue 11 item 5: an article linked to its conference; one click on a directive it states makes it a
    directive of that conference, the page then says "taken" with a link, and the directive list shows it."""
    from playwright.sync_api import expect

    (tmp_path / "vi.txt").write_text(ARTICLE_VI, encoding="utf-8")
    sign_in(page.context, live_server.url, world.users["secretariat"], language="en")
    upload(page, live_server.url, tmp_path / "vi.txt")
    document_url = page.url
    page.get_by_role("link", name="Record a conference from this article").click()
    page.locator("#id_kind").select_option("training")
    page.locator("#id_organiser").select_option(str(world.office.pk))
    page.get_by_role("button", name="Save").click()
    page.goto(document_url)
    statements = page.locator("#statements")
    sentence = "Hội nghị yêu cầu các địa phương tiếp tục nâng cao chất lượng"
    expect(statements).to_contain_text(sentence)
    statements.get_by_role("button", name="Take into the conference's directives").first.click()
    page.wait_for_url("**/documents/*/**")
    expect(page.locator(".alert-success").first).to_contain_text("Taken into the conference's directives.")
    expect(statements).to_contain_text("Taken")
    statements.get_by_role("link", name="Directive").first.click()
    expect(page.locator("main")).to_contain_text(sentence)
    page.goto(f"{live_server.url}/followup/directives/")
    expect(page.locator("main")).to_contain_text(sentence)
