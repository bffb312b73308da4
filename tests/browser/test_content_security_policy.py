"""In Chromium, under the site's real Content-Security-Policy, the pages that run scripts work and the
browser reports no violation: the language switch, the cycle form's filter, the template revision's
"add a row", the report editor (Quill) and the API documentation."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import build_world
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

# Recorded before any page script runs, so a violation during loading is caught too.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " "
    + (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    built = build_world()
    built.reporting()
    return built


def violations(page: Any) -> list[str]:
    return list(page.evaluate("window.__cspViolations || []"))


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


def test_pages_with_scripts_work_under_the_policy(page: Any, live_server: Any, world: Any) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH_VIOLATIONS)
    response = page.goto(f"{live_server.url}/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]

    sign_in(page, live_server, "secretariat")
    # The language switch waits for its button (WCAG 3.2.2): no script sends it on change.
    page.locator("header select#language").select_option("en")
    with page.expect_navigation():
        page.locator("header form.rt-language button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert violations(page) == []

    page.goto(f"{live_server.url}/reporting/cycles/new/")
    filter_box = page.locator("#bodies-filter")
    assert not filter_box.is_visible()  # the script shows only the chosen mode's block
    page.locator("input[name=participants_mode][value=list]").check()
    assert filter_box.is_visible()
    filter_box.fill("Da Nang")  # folded: matches "Đà Nẵng"
    assert re.fullmatch(r"0 selected, 1 of \d+ shown", page.locator("#bodies-count").inner_text())
    assert violations(page) == []

    page.goto(f"{live_server.url}/reporting/templates/{world.reporting().template.pk}/revise/")
    rows = page.locator("#sections-rows > *")
    before = rows.count()
    page.locator("[data-rt-add=sections]").click()
    assert rows.count() == before + 1
    assert violations(page) == []

    page.goto(f"{live_server.url}/api/docs/")
    page.locator("#swagger-ui .opblock").first.wait_for()
    assert violations(page) == []

    page.context.clear_cookies()  # the docs page has no sign-out button: start afresh
    sign_in(page, live_server, "focal_a")
    page.goto(f"{live_server.url}/reporting/reports/{world.reporting().report_a.pk}/edit/")
    editor = page.locator(".ql-editor").first
    editor.wait_for()
    editor.click()
    page.keyboard.type(" Thêm một câu.")
    assert "Thêm một câu." in editor.inner_text()
    assert violations(page) == []
    with page.expect_navigation():  # saved by the form, so no autosave is left in flight
        page.click("button[name=action][value=save]")
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    assert not [line for line in console if "Content Security Policy" in line], console
