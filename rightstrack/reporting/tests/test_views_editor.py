"""The report editor: writing on a version, autosave, conflicts that never lose text, also in a browser."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape

from rightstrack.reporting.choices import ReportStatus, RevisionReason
from rightstrack.reporting.models import Report, ReportRevision
from rightstrack.reporting.services import report_save
from tests.world import signed_in

from .conftest import World
from .pages import (
    figures_of,
    messages_of,
    sections_of,
    translated,
    url,
)

# Writing --------------------------------------------------------------------------------------------


def test_the_edit_page_shows_every_section_with_its_guidance_and_the_version(
    world: World, report: Report
) -> None:
    response = signed_in(world.focal_hanoi).get(url("report_edit", report.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="expected_version" value="1"' in page
    for key in ("situation", "results-legal", "directives"):
        assert f'name="section_{key}"' in page
    assert 'name="figure_awareness-sessions"' in page and 'inputmode="decimal"' in page
    assert "Summarise the socio-economic situation" in page  # the writer's guidance beside the section
    assert (
        'id="rt-editor-config"' in page
        and "reporting/editor.js" in page
        and "rightstrack/forms.js" in page
        and "quill.js" in page
    )
    config = json.loads(page.split('id="rt-editor-config" type="application/json">')[1].split("</script>")[0])
    assert config["version"] == 1 and config["autosaveUrl"] == url("report_autosave", report.pk)


def test_saving_the_form_writes_sanitised_text_and_figures_on_a_new_version(
    world: World, report: Report
) -> None:
    client = signed_in(world.focal_hanoi)
    response = client.post(
        url("report_edit", report.pk),
        {
            "expected_version": "1",
            "section_situation": (
                '<h2>Tổng quan</h2><p>Ổn định <script>alert(1)</script><a href="javascript:x">x</a></p>'
            ),
            "section_lessons": "<ul><li>Phối hợp sớm</li></ul>",
            "figure_awareness-sessions": "45",
            "figure_poverty-rate": "3,25",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("report_edit", report.pk)
    assert "Report saved (version 1)." in messages_of(response)  # the number the version list shows
    text = sections_of(report)
    assert text["situation"].startswith("<h2>Tổng quan</h2><p>Ổn định")
    assert "<script" not in text["situation"] and "javascript" not in text["situation"]
    assert text["lessons"] == "<ul><li>Phối hợp sớm</li></ul>"
    assert figures_of(report)["awareness-sessions"] == "45" and figures_of(report)["poverty-rate"] == "3.25"
    report.refresh_from_db()
    assert report.version == 2
    revision = ReportRevision.objects.get(report=report)
    assert revision.reason == RevisionReason.SAVE and not revision.autosave


def test_only_the_sections_posted_are_written(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"lessons": "<p>Giữ nguyên</p>"},
        figures={},
    )
    response = signed_in(world.focal_hanoi).post(
        url("report_edit", report.pk), {"expected_version": "2", "section_situation": "<p>Mới</p>"}
    )
    assert response.status_code == 302
    assert (
        sections_of(report)["lessons"] == "<p>Giữ nguyên</p>"
        and sections_of(report)["situation"] == "<p>Mới</p>"
    )


@pytest.mark.parametrize("language", ["en", "vi"])
def test_figures_that_are_not_numbers_or_negative_are_refused_in_the_users_language(
    world: World, report: Report, language: str
) -> None:
    client = signed_in(world.focal_hanoi, language)
    response = client.post(
        url("report_edit", report.pk),
        {
            "expected_version": "1",
            "section_situation": "<p>Văn bản đang viết</p>",
            "figure_awareness-sessions": "nhiều",
            "figure_staff-trained": "-3",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    with translation.override(language):
        sessions = response.context["form"].fields["figure_awareness-sessions"].label
        trained = response.context["form"].fields["figure_staff-trained"].label
    assert escape(translated("“%(indicator)s” cannot be negative.", language, indicator=trained)) in page
    assert "nhiều" in page  # what was typed stays in the box
    assert "Văn bản đang viết" in page
    expected = translated(
        "“%(indicator)s”: “%(value)s” is not a number. Write digits only, such as 1250 or 12,5.",
        language,
        indicator=sessions,
        value="nhiều",
    )
    assert escape(expected) in page
    report.refresh_from_db()
    assert report.version == 1 and sections_of(report)["situation"] == ""  # nothing was written


def test_autosave_saves_what_changed_and_answers_the_new_version(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    response = client.post(
        url("report_autosave", report.pk),
        json.dumps(
            {"version": 1, "sections": {"situation": "<p>Nháp</p>"}, "figures": {"staff-trained": "12"}}
        ),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["version"] == 2
    assert sections_of(report)["situation"] == "<p>Nháp</p>" and figures_of(report)["staff-trained"] == "12"
    again = client.post(
        url("report_autosave", report.pk),
        json.dumps({"version": 2, "sections": {"situation": "<p>Nháp 2</p>"}}),
        content_type="application/json",
    )
    assert again.json()["version"] == 3
    revisions = ReportRevision.objects.filter(report=report)
    assert revisions.count() == 1 and revisions.get().autosave  # consecutive autosaves make one checkpoint


def test_autosave_on_a_stale_version_answers_409_with_the_newer_text(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Bản của đồng nghiệp</p>"},
        figures={"staff-trained": "7"},
    )
    response = signed_in(world.focal_hanoi).post(
        url("report_autosave", report.pk),
        json.dumps({"version": 1, "sections": {"situation": "<p>Bản của tôi</p>"}}),
        content_type="application/json",
    )
    assert response.status_code == 409
    answer = response.json()
    assert answer["code"] == "stale" and answer["version"] == 2
    assert answer["sections"]["situation"] == "<p>Bản của đồng nghiệp</p>"
    assert answer["figures"]["staff-trained"] == "7"
    assert "version 2" in answer["message"]
    assert sections_of(report)["situation"] == "<p>Bản của đồng nghiệp</p>"  # nothing overwritten


def test_autosave_refuses_what_it_cannot_read_and_bad_figures(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    garbled = client.post(url("report_autosave", report.pk), "{not json", content_type="application/json")
    assert garbled.status_code == 400 and garbled.json()["code"] == "bad_request"
    bad = client.post(
        url("report_autosave", report.pk),
        json.dumps({"version": 1, "sections": {"situation": "<p>x</p>"}, "figures": {"staff-trained": "-1"}}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid" and "figures.staff-trained" in bad.json()["errors"]
    assert sections_of(report)["situation"] == ""
    assert client.get(url("report_autosave", report.pk)).status_code == 405


def test_a_stale_form_save_shows_both_texts_and_keeps_what_was_typed(world: World, report: Report) -> None:
    writer = signed_in(world.focal_hanoi)
    assert writer.get(url("report_edit", report.pk)).status_code == 200  # read at version 1
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Bản mới của đồng nghiệp</p>", "lessons": "<p>Bài học của đồng nghiệp</p>"},
        figures={},
    )
    response = writer.post(
        url("report_edit", report.pk),
        {
            "expected_version": "1",
            "section_situation": "<p>Bản của tôi, chưa lưu</p>",
            "section_lessons": "",  # the writer did not touch it: the colleague's text is simply taken
            "section_proposals": "<p>Kiến nghị của tôi</p>",  # only the writer changed it: kept, no clash
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone saved this report after you opened it" in page
    assert "Bản của tôi, chưa lưu" in page  # the writer's text, still in its box
    assert "Bản mới của đồng nghiệp" in page  # the newer text beside it
    assert 'name="expected_version" value="2"' in page  # the page now bases on the newer version
    conflicts = {item["view"].key for item in response.context["sections"] if item["conflict"]}
    assert conflicts == {"situation"}
    form = response.context["form"]
    assert form["section_lessons"].value() == "<p>Bài học của đồng nghiệp</p>"
    assert form["section_proposals"].value() == "<p>Kiến nghị của tôi</p>"
    assert sections_of(report)["situation"] == "<p>Bản mới của đồng nghiệp</p>"  # nothing was saved

    # Keeping one's own text is an explicit second save on the newer version.
    again = writer.post(
        url("report_edit", report.pk),
        {"expected_version": "2", "section_situation": "<p>Bản của tôi, chưa lưu</p>"},
    )
    assert again.status_code == 302
    assert sections_of(report)["situation"] == "<p>Bản của tôi, chưa lưu</p>"
    assert sections_of(report)["lessons"] == "<p>Bài học của đồng nghiệp</p>"


def test_without_the_revision_of_the_version_read_any_difference_is_a_conflict(
    world: World, report: Report
) -> None:
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=1,
        sections={"lessons": "<p>A</p>"},
        figures={},
    )
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=2,
        sections={"lessons": "<p>B</p>"},
        figures={},
    )
    ReportRevision.objects.filter(report=report).delete()
    response = signed_in(world.focal_hanoi).post(
        url("report_edit", report.pk),
        {"expected_version": "2", "section_lessons": "<p>A</p>", "figure_staff-trained": ""},
    )
    assert response.status_code == 409
    assert {item["view"].key for item in response.context["sections"] if item["conflict"]} == {"lessons"}


# In a real browser ----------------------------------------------------------------------------------

TABLE = (
    "<p>Hoạt động:</p><table><tr><th>Hoạt động</th><th>Số buổi</th></tr>"
    "<tr><td>Tập huấn</td><td>12</td></tr></table>"
)


@pytest.fixture(scope="session")
def plain_http() -> Any:
    """The live server speaks plain HTTP: no redirect to HTTPS, cookies without the secure flag. Session-wide
    because the live server builds its middleware once (the root conftest sets the same for every test)."""
    from django.test import override_settings

    with override_settings(SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False):
        yield


@pytest.fixture
def chromium(browser: Any) -> Any:
    """The root conftest's browser, under the name these tests know it by."""
    return browser


def editor_page(browser: Any, live_server: Any, user: Any, report: Report) -> Any:
    client = signed_in(user)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live_server.url + url("report_edit", report.pk))
    page.wait_for_selector("#section-situation .ql-editor")
    return page


def saved(page: Any) -> None:
    """Wait until the page says everything is saved (the database is read only once the server is idle:
    SQLite's shared in-memory database refuses a read while another thread writes)."""
    # An expectation, not wait_for_function: a string predicate is evaluated as code, which the page's
    # Content-Security-Policy refuses.
    from playwright.sync_api import expect

    expect(page.locator("#rt-save-status")).to_contain_text("saved at", timeout=15_000)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_two_writers_in_browsers_never_overwrite_each_other(
    plain_http: Any, world: World, report: Report, live_server: Any, chromium: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM is called beside Playwright's loop
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"results-education": TABLE},
        figures={},
    )
    table = sections_of(report)["results-education"]
    first = editor_page(chromium, live_server, world.focal_hanoi, report)
    second = editor_page(chromium, live_server, world.focal_hanoi_en, report)
    assert not first.evaluate("rightstrackEditor.anyDirty()")  # loading a table does not rewrite it

    first.locator("#section-situation .ql-editor").click()
    first.keyboard.type("Text of the first writer.")
    first.locator("#id_figure_staff-trained").click()  # leaving the section saves it
    saved(first)
    assert "first writer" in sections_of(report)["situation"]

    second.locator("#section-situation .ql-editor").click()
    second.keyboard.type("Text of the second writer.")
    second.locator("#id_figure_staff-trained").click()
    panel = second.locator("#section-situation [data-role=conflict]")
    panel.wait_for(state="visible")
    assert "Text of the first writer." in panel.inner_text()
    assert "Text of the second writer." in second.locator("#section-situation .ql-editor").inner_text()
    assert "first writer" in sections_of(report)["situation"]  # refused, not overwritten

    second.click("button[name=action][value=save]")  # saving waits until the writer has chosen
    assert "Choose which text to keep" in second.locator("#rt-save-status").inner_text()
    second.locator("#section-situation [data-role=keep-mine]").click()
    second.evaluate("rightstrackEditor.save()")
    saved(second)
    assert "second writer" in sections_of(report)["situation"]
    assert sections_of(report)["results-education"] == table  # never sent, so never rewritten

    second.close()
    first.reload()
    first.wait_for_selector("#section-situation .ql-editor")
    first.locator("#section-lessons .ql-editor").click()
    first.keyboard.type("Lessons.")
    posts: list[str] = []
    first.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    first.locator("#submit-confirm-incomplete").check()  # other sections are still empty: submit anyway
    first.locator("button[name=action][value=submit]").dblclick()  # the second click sends nothing
    first.wait_for_url(live_server.url + url("report_detail", report.pk))
    assert posts.count(live_server.url + url("report_edit", report.pk)) == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert ReportRevision.objects.filter(report=report, reason=RevisionReason.SUBMIT).count() == 1
    assert "Lessons." in sections_of(report)["lessons"]
