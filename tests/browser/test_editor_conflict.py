"""Two people write the same report at once, in two real browsers. The first one's autosave is held on the
way while she goes on typing and a colleague saves; when her save comes back refused (409), her page applies
the server's merge: the parts only the colleague changed take the newer text, the parts both changed show the
newer text beside hers, and nothing she typed — before or after the save left — is lost or overwritten."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from rightstrack.accounts.choices import Role
from rightstrack.accounts.services import user_create
from rightstrack.reporting.models import Report, ReportRevision
from rightstrack.reporting.selectors import report_content
from tests.browser.conftest import sign_in
from tests.conftest import Reporting, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR = "window.rightstrackEditor"
# Everything saved but the open clashes (an autosave asked for during another one leaves a moment between
# them where nothing is in flight, so "not in flight" alone is not "done").
SETTLED = f"() => !{EDITOR}.inFlight && {EDITOR}.fields.every(f => f.conflict || !{EDITOR}.isDirty(f))"
VERSION = f"() => {EDITOR}.version"
SECTION_KEYS = (
    f"() => {EDITOR}.fields.filter(f => f.kind === 'html' && f.name !== 'unplaced').map(f => f.name)"
)
FIGURE_KEYS = f"() => {EDITOR}.fields.filter(f => f.kind === 'figure').map(f => f.name)"
TEXT_OF = f"(name) => {EDITOR}.fields.find(f => f.name === name).quill.getText().trim()"


def _open(browser: Any, live_server: Any, user: Any, report: Report) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    context.set_default_timeout(15_000)
    sign_in(context, live_server.url, user, language="vi")
    page = context.new_page()
    page.goto(live_server.url + reverse("reporting:report_edit", args=[report.pk]))
    page.wait_for_function(f"() => {EDITOR} && {EDITOR}.fields.length > 0")
    page.evaluate(f"() => {{ {EDITOR}.config.intervalMs = 3600000; }}")  # saves happen when the test says
    return context, page


def _type(page: Any, field: str, text: str) -> None:
    """Type at the end of a section's text, as a person does (click, Ctrl+End, keys)."""
    page.locator(f"[data-field={field}] .ql-editor").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


@pytest.fixture
def colleague(world: World, reporting: Reporting) -> Any:
    """A second focal point of committee A, who writes the same report from her own desk."""
    return user_create(
        actor=None,
        username="focal_a_2",
        body=world.committee_a,
        role=Role.PROVINCIAL_FOCAL_POINT,
        password="a-long-test-password-2026",
        validate=False,
    )


@pytest.fixture
def two_desks(
    browser: Any, live_server: Any, world: World, reporting: Reporting, colleague: Any
) -> Iterator[Any]:
    lan = _open(browser, live_server, world.users["focal_a"], reporting.report_a)
    minh = _open(browser, live_server, colleague, reporting.report_a)
    yield lan[1], minh[1]
    for context, page in (lan, minh):
        page.evaluate(f"() => {{ {EDITOR}.stopped = true; }}")  # no save may run while the database empties
        if not page.evaluate("() => window.__held"):  # (a save still held by a failed test never leaves)
            page.wait_for_function(f"() => !{EDITOR}.inFlight")
        context.close()


def test_a_refused_save_takes_the_servers_merge_and_loses_nothing_typed(
    two_desks: Any, reporting: Reporting
) -> None:
    lan, minh = two_desks
    report = reporting.report_a
    sections = lan.evaluate(SECTION_KEYS)
    figures = lan.evaluate(FIGURE_KEYS)
    both, only_minh, only_lan, late = sections[0], sections[1], sections[2], sections[3]
    lan_figure, minh_figure = figures[0], figures[1]

    # Lan's autosave leaves with her first sentence, and is held on the way.
    held: list[Any] = []
    holding = [True]
    lan.route("**/autosave/", lambda route: held.append(route) if holding[0] else route.continue_())
    _type(lan, both, " Lan viết trước.")
    lan.evaluate(f"() => {EDITOR}.save()")
    while not held:
        lan.wait_for_timeout(50)
    lan.evaluate("() => { window.__held = true; }")
    assert lan.evaluate(f"() => {EDITOR}.inFlight") is True

    # While it travels, she goes on typing: more in the same section, a section she had not touched, a figure.
    _type(lan, both, " Rồi viết thêm.")
    _type(lan, only_lan, " Chỉ Lan sửa phần này.")
    _type(lan, late, " Lan gõ sau khi lưu.")
    lan.locator(f"input[name={lan_figure}]").fill("45")

    # Minh saves first: the first section, one Lan never touched, the one Lan typed in late, another figure.
    _type(minh, both, " Minh sửa cùng chỗ.")
    _type(minh, only_minh, " Minh cập nhật số liệu.")
    _type(minh, late, " Minh cũng sửa phần này.")
    minh.locator(f"input[name={minh_figure}]").fill("7")
    minh.evaluate(f"() => {EDITOR}.save()")  # (moving between sections saved some of it already)
    minh.wait_for_function(SETTLED)
    minh_version = minh.evaluate(VERSION)
    minh_text = {name: minh.evaluate(TEXT_OF, name) for name in (both, only_minh, late)}

    # Lan's save arrives late: refused (409) with the server's merge; later saves go straight through.
    holding[0] = False
    assert len(held) == 1  # her saves meanwhile waited for this one
    held[0].continue_()
    lan.evaluate("() => { window.__held = false; }")
    lan.wait_for_function(f"() => {EDITOR}.version === {minh_version + 1}")
    lan.wait_for_function(SETTLED)  # what did not clash was saved on Minh's version, once
    assert lan.evaluate(VERSION) == minh_version + 1

    lan_text = {name: lan.evaluate(TEXT_OF, name) for name in (both, only_minh, only_lan, late)}
    # Nothing Lan typed is gone, before or after the save left.
    assert lan_text[both].endswith("Lan viết trước. Rồi viết thêm."), lan_text[both]
    assert lan_text[only_lan].endswith("Chỉ Lan sửa phần này.")
    assert lan_text[late].endswith("Lan gõ sau khi lưu.") and "Minh" not in lan_text[late]
    assert lan.locator(f"input[name={lan_figure}]").input_value() == "45"
    # What only Minh changed came in; where both wrote, Minh's text is shown beside hers.
    assert lan_text[only_minh] == minh_text[only_minh]
    assert lan.locator(f"input[name={minh_figure}]").input_value() == "7"
    for name in (both, late):
        panel = lan.locator(f"[data-field={name}] [data-role=conflict]")
        assert panel.is_visible(), name
        assert minh_text[name].split()[-1] in panel.locator("[data-role=theirs-view]").inner_text()
        assert lan.locator(f"[data-field={name}] [data-role=badge]").is_visible()
    assert lan.locator(f"[data-field={only_minh}] [data-role=conflict]").is_hidden()
    assert lan.locator(f"[data-field={only_lan}] [data-role=conflict]").is_hidden()

    # The server kept Minh's text where both wrote (nothing overwritten unseen) and saved Lan's elsewhere.
    saved = report_content(Report.objects.get(pk=report.pk))
    key = {name: name.removeprefix("section_") for name in sections}
    assert "Minh sửa cùng chỗ." in saved["sections"][key[both]] and "Lan" not in saved["sections"][key[both]]
    assert "Minh cũng sửa phần này." in saved["sections"][key[late]]
    assert "Chỉ Lan sửa phần này." in saved["sections"][key[only_lan]]
    assert "Minh cập nhật số liệu." in saved["sections"][key[only_minh]]
    assert saved["figures"][lan_figure.removeprefix("figure_")] == "45"
    assert saved["figures"][minh_figure.removeprefix("figure_")] == "7"

    # She keeps her text in the first section and takes Minh's in the other; the next save writes hers.
    lan.locator(f"[data-field={both}] [data-role=keep-mine]").click()
    lan.locator(f"[data-field={late}] [data-role=use-theirs]").click()
    lan.evaluate(f"() => {EDITOR}.save()")
    lan.wait_for_function(f"() => !{EDITOR}.inFlight && {EDITOR}.version === {minh_version + 2}")
    saved = report_content(Report.objects.get(pk=report.pk))
    assert "Lan viết trước. Rồi viết thêm." in saved["sections"][key[both]]
    assert "Minh cũng sửa phần này." in saved["sections"][key[late]]
    assert lan.evaluate(TEXT_OF, late) == minh_text[late]


def test_ones_own_section_after_a_colleagues_merged_autosaves_saves_without_a_clash(
    two_desks: Any, reporting: Reporting
) -> None:
    """Lan's two autosaves make one revision, so the version between them keeps no content of its own. Minh,
    whose editor holds that version, writes in his own section: refused (409) without a clash, and his text
    is saved on the newer version at once (decision 0065)."""
    lan, minh = two_desks
    report = reporting.report_a
    sections = lan.evaluate(SECTION_KEYS)
    lans, minhs = sections[0], sections[1]
    _type(lan, lans, " Lan viết trước.")
    lan.evaluate(f"() => {EDITOR}.save()")
    lan.wait_for_function(SETTLED)
    minh.reload()  # Minh opens the report now, at the version of Lan's first autosave
    minh.wait_for_function(f"() => {EDITOR} && {EDITOR}.fields.length > 0")
    minh.evaluate(f"() => {{ {EDITOR}.config.intervalMs = 3600000; }}")
    held = minh.evaluate(VERSION)
    _type(lan, lans, " Rồi viết thêm.")
    lan.evaluate(f"() => {EDITOR}.save()")
    lan.wait_for_function(SETTLED)
    assert lan.evaluate(VERSION) == held + 1
    assert not ReportRevision.objects.filter(report=report, report_version=held).exists()

    answers: list[int] = []
    minh.on(
        "response", lambda response: answers.append(response.status) if "/autosave/" in response.url else 0
    )
    _type(minh, minhs, " Minh viết phần của mình.")
    minh.evaluate(f"() => {EDITOR}.save()")
    minh.wait_for_function(f"() => {EDITOR}.version === {held + 2}")
    minh.wait_for_function(SETTLED)
    assert answers == [409, 200]  # refused on the old version, then his text sent again on the new one
    assert minh.locator(f"[data-field={minhs}] [data-role=conflict]").is_hidden()
    assert minh.evaluate(TEXT_OF, lans).endswith("Lan viết trước. Rồi viết thêm.")  # Lan's text came in
    saved = report_content(Report.objects.get(pk=report.pk))
    assert saved["sections"][minhs.removeprefix("section_")].endswith("Minh viết phần của mình.</p>")
    assert "Lan viết trước. Rồi viết thêm." in saved["sections"][lans.removeprefix("section_")]
