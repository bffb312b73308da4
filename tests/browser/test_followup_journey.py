"""Issue 10's "done when", in a real browser: the standing office records three directives from the review
conference and fans one out to all its participants (and one to the member ministries); a provincial focal
point sees its task on its home page, answers it in the next cycle's report (autosaved) and proposes it done;
the task shows that answer; the reviewer marks it done; the directive's page draws its completion chart; the
ministry's focal point updates its own task."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from rightstrack.followup.choices import TaskStatus
from rightstrack.followup.models import Directive, DirectiveKind, Task, TaskAnswer
from rightstrack.reporting.models import Report
from rightstrack.reporting.services import cycle_create, cycle_open
from tests.browser.conftest import sign_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DIRECTIVES = (
    ("review", "Rà soát, đánh giá kết quả và những tồn tại, hạn chế trong công tác bảo đảm quyền con người."),
    ("legislation", "Đề xuất cấp có thẩm quyền bổ sung chính sách, pháp luật về quyền con người."),
    ("education", "Lãnh đạo Ủy ban nhân dân các tỉnh đẩy mạnh giáo dục, phổ biến pháp luật."),
)
ANSWER = "Đã rà soát kết quả tại 12 xã, phường; báo cáo đánh giá gửi Văn phòng Thường trực ngày 10/12."


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def switch_to(page: Any, base_url: str, user: Any) -> None:
    page.context.clear_cookies()
    sign_in(page.context, base_url, user, language="vi")


def test_directives_are_followed_until_done_and_answered_in_the_next_report(
    page: Any, live_server: Any, world: World
) -> None:
    from playwright.sync_api import expect

    from rightstrack.followup.services import directive_kinds_ensure

    directive_kinds_ensure()  # the migration's kinds are gone after another test's flush
    base = live_server.url
    conference = world.conferences().with_a  # the review conference: Đà Nẵng (A) and Hà Nội take part
    template = world.reporting().template
    next_cycle = cycle_open(  # the cycle after the conference, open for the provinces
        actor=world.secretariat,
        cycle=cycle_create(
            actor=world.secretariat,
            name="Báo cáo 6 tháng cuối năm 2025",
            name_en="Second half of 2025",
            period_start=datetime.date(2025, 7, 1),
            period_end=datetime.date(2025, 12, 31),
            deadline=datetime.date(2031, 1, 15),
            template=template,
            participants=[world.committee_a, world.hanoi_committee],
        ),
    )

    # The standing office records three directives from the conference.
    switch_to(page, base, world.secretariat)
    for code, text in DIRECTIVES:
        page.goto(f"{base}/followup/directives/new/?conference={conference.pk}")
        page.get_by_label("Loại").select_option(str(DirectiveKind.objects.get(code=code).pk))
        page.get_by_label("Nội dung (tiếng Việt)").fill(text)
        page.get_by_role("button", name="Ghi nhận chỉ đạo").click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    review, legislation, _education = (Directive.objects.get(text=text) for _code, text in DIRECTIVES)
    assert review.conference == conference and review.issued_on == conference.date

    # It fans the first out to all participants of the conference, the second to the member ministries.
    for directive, mode in (
        (review, "Tất cả các đơn vị dự hội nghị"),
        (legislation, "Tất cả các bộ, ngành thành viên"),
    ):
        page.goto(f"{base}/followup/directives/{directive.pk}/assign/")
        page.get_by_role("group", name="Giao cho").get_by_label(mode).check()
        page.get_by_label("Hạn hoàn thành").fill("2030-12-31")
        page.get_by_role("button", name="Giao nhiệm vụ").click()
        expect(page.get_by_text("Đã giao", exact=False).first).to_be_visible()
    task = Task.objects.get(directive=review, body=world.committee_a)
    assert Task.objects.filter(directive=review).count() == 2
    ministry_task = Task.objects.get(directive=legislation, body=world.justice)

    # The province's focal point sees the task on its home page.
    switch_to(page, base, world.focal_a)
    page.goto(f"{base}/")
    expect(page.get_by_text(review.text[:50]).first).to_be_visible()  # shortened on the home page

    # It answers the task in the next cycle's report: the editor autosaves the answer when it leaves the box.
    report = Report.objects.get(cycle=next_cycle, body=world.committee_a)
    page.goto(f"{base}/reporting/reports/{report.pk}/edit/")
    page.wait_for_function("() => window.rightstrackEditor !== undefined")
    section = page.locator("#section-directives")
    box = section.get_by_label(f"Kết quả thực hiện — {review.text}"[:60], exact=False)
    box.fill(ANSWER)
    with page.expect_response(lambda answer: "autosave" in answer.url) as saved:
        box.press("Tab")
    assert saved.value.status == 200, saved.value.text()  # a refusal's reason, if any, in the message
    expect(page.locator("#rt-save-status")).to_contain_text("Đã lưu mọi thay đổi")
    assert TaskAnswer.objects.get(task=task, report=report).text == ANSWER
    section.get_by_label("Đề nghị xác nhận hoàn thành", exact=False).check()
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu báo cáo")).to_be_visible()
    task.refresh_from_db()
    assert task.done_proposed_at is not None and task.status == TaskStatus.IN_PROGRESS
    expect(page.locator("#section-directives")).to_contain_text("Đã đề xuất hoàn thành")

    # The task shows the answer, with a link to the report.
    page.goto(f"{base}/followup/tasks/{task.pk}/")
    answers = page.locator("section[aria-labelledby=task-answers-title]")
    expect(answers).to_contain_text(ANSWER)
    expect(answers.get_by_role("link", name="Báo cáo 6 tháng cuối năm 2025", exact=False)).to_be_visible()

    # The reviewer marks it done.
    switch_to(page, base, world.reviewer)
    page.goto(f"{base}/followup/tasks/{task.pk}/")
    page.get_by_label("Trạng thái").select_option(TaskStatus.DONE.value)
    page.get_by_role("textbox", name="Ghi chú tiến độ").fill("Đã kiểm tra báo cáo đánh giá: đạt yêu cầu.")
    page.get_by_role("button", name="Ghi nhận tiến độ").click()
    expect(page.get_by_text("Đã ghi nhận tiến độ.")).to_be_visible()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE

    # The directive's page draws its completion chart: one done, one open (Hà Nội's).
    page.goto(f"{base}/followup/directives/{review.pk}/")
    expect(page.locator("#directive-chart")).to_be_visible()
    drawn = page.evaluate(
        "() => { const c = Chart.getChart('directive-chart'); return c ? c.data.datasets[0].data : null; }"
    )
    assert drawn is not None and sum(drawn) == 2 and drawn[3] == 1

    # The ministry's focal point updates its own task.
    switch_to(page, base, world.agency)
    page.goto(f"{base}/followup/tasks/")
    page.get_by_role("link", name=legislation.text[:40], exact=False).first.click()
    expect(page).to_have_url(f"{base}/followup/tasks/{ministry_task.pk}/")
    page.get_by_role("textbox", name="Ghi chú tiến độ").fill("Đã lập danh mục văn bản cần sửa đổi, bổ sung.")
    page.get_by_label("Trạng thái").select_option(TaskStatus.IN_PROGRESS.value)
    page.get_by_role("button", name="Ghi nhận tiến độ").click()
    expect(page.get_by_text("Đã ghi nhận tiến độ.")).to_be_visible()
    ministry_task.refresh_from_db()
    assert ministry_task.status == TaskStatus.IN_PROGRESS


EDITOR = "window.rightstrackEditor"
SETTLED = f"() => !{EDITOR}.inFlight && {EDITOR}.fields.every(f => f.conflict || !{EDITOR}.isDirty(f))"


def test_an_answer_typed_while_a_colleague_saves_is_not_lost(
    browser: Any, live_server: Any, world: World
) -> None:
    """The writer's autosave is refused (409: a colleague saved the report meanwhile); her answer stays in its
    box and is saved on the newer version right away, beside the colleague's text."""
    from rightstrack.accounts.choices import Role
    from rightstrack.accounts.services import user_create

    task = world.followup().task_a
    report = world.reporting().report_a
    colleague = user_create(
        actor=None,
        username="focal_a_2",
        body=world.committee_a,
        role=Role.PROVINCIAL_FOCAL_POINT,
        password="a-long-test-password-2026",
        validate=False,
    )
    pages = []
    for user in (world.focal_a, colleague):
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        context.set_default_timeout(15_000)
        sign_in(context, live_server.url, user, language="vi")
        page = context.new_page()
        page.goto(f"{live_server.url}/reporting/reports/{report.pk}/edit/")
        page.wait_for_function(f"() => {EDITOR} && {EDITOR}.fields.length > 0")
        page.evaluate(f"() => {{ {EDITOR}.config.intervalMs = 3600000; }}")  # saves when the test says
        pages.append(page)
    lan, minh = pages

    minh.locator("[data-field=section_situation] .ql-editor").click()
    minh.keyboard.type("Tình hình ổn định (Minh).")
    minh.evaluate(f"() => {EDITOR}.save()")
    minh.wait_for_function(SETTLED)

    statuses: list[int] = []
    lan.on("response", lambda answer: statuses.append(answer.status) if "autosave" in answer.url else None)
    lan.locator(f"#id_ext-task_answers-{task.pk}-text").fill(ANSWER)
    lan.evaluate(f"() => {EDITOR}.save()")  # refused (stale), then sent again on the newer version
    lan.wait_for_function(SETTLED)
    assert TaskAnswer.objects.get(task=task, report=report).text == ANSWER
    assert "Minh" in Report.objects.get(pk=report.pk).sections.get(section__key="situation").html
    assert lan.locator(f"#id_ext-task_answers-{task.pk}-text").input_value() == ANSWER
    assert statuses[0] == 409 and statuses[-1] == 200, statuses
    assert "Minh" in lan.locator("[data-field=section_situation] .ql-editor").inner_text()  # taken as it is
    for page in pages:
        page.evaluate(f"() => {{ {EDITOR}.stopped = true; }}")
        page.context.close()
