"""The report editor by keyboard alone: Tab goes through every section to Save and "Save and submit" without
typing anything; Escape leaves a section; Ctrl+] types a tab; the arrow keys work the toolbar and its text
style menu; and on a phone what has focus is never hidden under the sticky toolbar or the save bar."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.conftest import Reporting, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_PRESSES = 250
FOCUSED = """() => {
  const el = document.activeElement;
  const editor = el.closest('.ql-editor') ? el.closest('[data-editor]') : null;
  return {
    tag: el.tagName, text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60),
    editor: editor ? editor.dataset.field : null, value: el.value || null,
  };
}"""
DIRTY = "() => window.rightstrackEditor.anyDirty()"
SECTIONS = "() => window.rightstrackEditor.fields.filter(f => f.kind === 'html').map(f => f.name)"


@pytest.fixture
def writer_page(
    browser: Any, live_server: Any, world: World, reporting: Reporting, request: Any
) -> Iterator[Any]:
    """Province A's focal point on the writing page of A's draft report, in Vietnamese."""
    width, height = getattr(request, "param", (1366, 900))
    # Reduced motion: Bootstrap's smooth scrolling would leave the page mid-way when a check looks.
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="vi-VN", reduced_motion="reduce"
    )
    context.set_default_timeout(15_000)
    sign_in(context, live_server.url, world.users["focal_a"], language="vi")
    page = context.new_page()
    page.goto(live_server.url + reverse("reporting:report_edit", args=[reporting.report_a.pk]))
    page.wait_for_function("() => window.rightstrackEditor && window.rightstrackEditor.fields.length > 0")
    yield page
    # No autosave may still be running when the test's database is emptied.
    page.evaluate("() => { window.rightstrackEditor.stopped = true; }")
    page.wait_for_function("() => !window.rightstrackEditor.inFlight")
    context.close()


def _tab_until(page: Any, wanted: set[str]) -> list[dict[str, Any]]:
    """Press Tab until every button named in ``wanted`` has had focus; every stop, in order."""
    stops = []
    for _ in range(MAX_PRESSES):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        stops.append(stop)
        if stop["tag"] == "BUTTON":
            wanted.discard(stop["text"])
        if not wanted:
            return stops
    raise AssertionError(f"{wanted} not reached in {MAX_PRESSES} presses; last stops: {stops[-12:]}")


def _editors_in_order(stops: list[dict[str, Any]]) -> list[str]:
    visited: list[str] = []
    for stop in stops:
        if stop["editor"] and (not visited or visited[-1] != stop["editor"]):
            visited.append(stop["editor"])
    return visited


def test_tab_alone_reaches_save_and_submit_from_the_top(writer_page: Any) -> None:
    page = writer_page
    stops = _tab_until(page, {"Lưu", "Lưu và gửi"})
    assert stops[0]["text"] == "Chuyển đến nội dung chính"  # the skip link comes first
    sections = page.evaluate(SECTIONS)
    assert _editors_in_order(stops) == sections  # every section's text, once each, in order
    assert len(sections) >= 10
    assert page.evaluate(DIRTY) is False  # Tab typed nothing on the way
    # Each toolbar is one stop: the text, its toolbar, then on to the next section.
    assert len(stops) < 2 * len(sections) + 40, f"{len(stops)} presses"


def test_shift_tab_goes_back_through_every_section_typing_nothing(writer_page: Any) -> None:
    page = writer_page
    page.get_by_role("button", name="Lưu và gửi").focus()
    stops = []
    for _ in range(MAX_PRESSES):
        page.keyboard.press("Shift+Tab")
        stop = page.evaluate(FOCUSED)
        stops.append(stop)
        if stop["text"] == "Chuyển đến nội dung chính":
            break
    assert _editors_in_order(stops) == list(reversed(page.evaluate(SECTIONS)))
    assert page.evaluate(DIRTY) is False


def test_escape_leaves_a_section_and_ctrl_bracket_types_a_tab(writer_page: Any) -> None:
    page = writer_page
    first, second = page.locator("[data-editor]").nth(0), page.locator("[data-editor]").nth(1)
    first.locator(".ql-editor").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Control+BracketRight")
    text = page.evaluate("() => window.rightstrackEditor.fields[0].quill.getText()")
    assert text.rstrip("\n").endswith("\t")
    page.keyboard.press("Escape")
    focused = page.evaluate(FOCUSED)
    assert focused["editor"] is None
    assert second.locator(".ql-toolbar").evaluate("(bar, el) => bar.contains(document.activeElement)", None)
    # The toolbar's button types a tab too, where the caret was.
    first.locator(".ql-editor").click()
    page.keyboard.press("Control+End")
    first.locator("button.ql-tab").click()
    text = page.evaluate("() => window.rightstrackEditor.fields[0].quill.getText()")
    assert text.rstrip("\n").endswith("\t\t")


def test_arrow_keys_work_the_toolbar_and_its_text_style_menu(writer_page: Any) -> None:
    page = writer_page
    section = page.locator("[data-editor]").first
    toolbar = section.get_by_role("toolbar")
    assert toolbar.get_attribute("aria-label").startswith("Định dạng")
    section.locator(".ql-editor").click()
    page.keyboard.press("Shift+Tab")  # from the text back to its toolbar: one stop, the style menu's button
    style = toolbar.get_by_role("button", name="Kiểu văn bản: Văn bản thường")
    assert style.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(FOCUSED)["text"] == "In đậm"
    page.keyboard.press("End")
    assert page.evaluate(FOCUSED)["text"] == "Chèn ký tự tab (Ctrl+])"
    page.keyboard.press("Home")
    page.keyboard.press("ArrowDown")  # opens the menu on the current style
    menu = toolbar.get_by_role("menu", name="Kiểu văn bản")
    menu.wait_for(state="visible")
    assert page.evaluate(FOCUSED)["text"] == "Văn bản thường"
    names = [item.get_attribute("aria-label") for item in menu.get_by_role("menuitemradio").all()]
    assert names == ["Tiêu đề", "Tiêu đề phụ", "Tiêu đề nhỏ", "Văn bản thường"]
    page.keyboard.press("ArrowDown")  # wraps round to the first item
    assert page.evaluate(FOCUSED)["text"] == "Tiêu đề"
    page.keyboard.press("Escape")
    assert style.evaluate("el => el === document.activeElement")  # closed, back on its button
    assert not menu.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # "Tiêu đề": the caret's line becomes a heading and the caret goes back
    quill = "window.rightstrackEditor.fields[0].quill"
    page.wait_for_function(f"() => {quill}.hasFocus() && {quill}.getFormat().header === 2")
    assert toolbar.get_by_role("button", name="Kiểu văn bản: Tiêu đề").count() == 1


def test_the_link_box_is_named_and_has_our_placeholder(writer_page: Any) -> None:
    page = writer_page
    section = page.locator("[data-editor]").first
    section.locator(".ql-editor").click()
    page.evaluate("() => window.rightstrackEditor.fields[0].quill.setSelection(0, 4)")
    section.get_by_role("button", name="Liên kết").click()
    box = section.get_by_role("textbox", name="Địa chỉ liên kết:")
    box.wait_for(state="visible")
    assert box.get_attribute("placeholder") == "https://… (địa chỉ trang web)"
    assert box.evaluate("el => el === document.activeElement")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Lưu"


@pytest.mark.parametrize("writer_page", [(390, 844)], indirect=True, ids=["390px"])
def test_on_a_phone_focus_and_caret_stay_clear_of_the_sticky_bars(writer_page: Any) -> None:
    page = writer_page
    page.get_by_role("button", name="Lưu", exact=True).focus()
    clear = """() => {
      const el = document.activeElement;
      const bar = document.querySelector('.rt-editbar').getBoundingClientRect();
      let box = el.getBoundingClientRect();
      const editor = el.closest('[data-editor]');
      if (el.classList.contains('ql-editor')) {
        const quill = window.rightstrackEditor.fields.find(f => f.section === editor).quill;
        const range = quill.getSelection();
        const caret = quill.getBounds(range.index, 0);
        const host = quill.container.getBoundingClientRect();
        box = { top: host.top + caret.top, bottom: host.top + caret.top + caret.height };
        const toolbar = editor.querySelector('.ql-toolbar').getBoundingClientRect();
        if (box.top < toolbar.bottom) return 'caret under the toolbar';
      }
      if (box.bottom > bar.top) return 'under the save bar';
      if (box.top < 0) return 'above the screen';
      return '';
    }"""
    stops = []
    in_form = "() => document.getElementById('report-form').contains(document.activeElement)"
    for _ in range(MAX_PRESSES):  # backwards from Save, through the figures, into each section from below
        page.keyboard.press("Shift+Tab")
        if not page.evaluate(in_form):
            break
        page.wait_for_timeout(30)  # the caret is scrolled into view on the next frame
        stops.append(page.evaluate(FOCUSED))
        assert page.evaluate(clear) == "", stops[-3:]
    assert len(_editors_in_order(stops)) == len(page.evaluate(SECTIONS))
