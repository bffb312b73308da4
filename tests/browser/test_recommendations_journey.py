"""Issue 12's "done when", in a real browser: the standing office assigns a UN recommendation to a ministry
(lead) and a province (supporting); the ministry's focal point finds it on its home page, plans a measure and
records an assessment citing its own task as evidence; the province sees it and cannot change it; the
standing office publishes it, and an anonymous visitor finds it on the public portal by a search typed
without diacritics, with its status and its measure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rightstrack.recommendations.models import Assessment, Assignment, Measure
from tests.browser.conftest import sign_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = "Biên soạn tài liệu giáo dục quyền con người cho trường phổ thông"
NOTE = "Đã biên soạn xong dự thảo tài liệu; đang lấy ý kiến các sở giáo dục."


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def switch_to(page: Any, base_url: str, user: Any) -> None:
    page.context.clear_cookies()
    sign_in(page.context, base_url, user, language="vi")


def test_a_recommendation_is_assigned_assessed_with_a_task_as_evidence_published_and_found(
    page: Any, live_server: Any, world: World
) -> None:
    from playwright.sync_api import expect

    from rightstrack.followup.services import directive_kinds_ensure

    directive_kinds_ensure()  # the migration's kinds are gone after another test's flush
    base = live_server.url
    recommendation = world.recommendations().upr  # UPR 46, 120.1, kept by the national committee
    task = world.followup().task_justice  # the ministry's task of a national directive
    detail = f"{base}/recommendations/{recommendation.pk}/"

    # The standing office assigns it to the Ministry of Justice (lead) and Đà Nẵng's committee (supporting).
    switch_to(page, base, world.secretariat)
    page.goto(detail)
    page.get_by_role("link", name="Giao", exact=True).click()
    page.get_by_role("combobox", name="Cơ quan chủ trì").select_option(str(world.justice.pk))
    page.get_by_role("group", name="Cơ quan phối hợp").get_by_label(world.committee_a.name).check()
    page.get_by_role("button", name="Giao", exact=True).click()
    expect(page.get_by_text("Đã lưu các cơ quan chịu trách nhiệm.")).to_be_visible()
    assigned = page.locator("section[aria-labelledby=assigned-title]")
    expect(assigned).to_contain_text(world.justice.name)
    expect(assigned).to_contain_text(world.committee_a.name)
    assert sorted(
        Assignment.objects.filter(recommendation=recommendation).values_list("body", "role")
    ) == sorted([(world.justice.pk, "lead"), (world.committee_a.pk, "supporting")])

    # The ministry's focal point finds it on its home page and opens it.
    switch_to(page, base, world.agency)
    page.goto(f"{base}/")
    panel = page.locator("section[aria-labelledby=assigned-recommendations-title]")
    panel.get_by_role("link", name=f"UPR {recommendation.number}").click()
    expect(page).to_have_url(detail)

    # It plans a measure: what, who, by when, budget, indicator.
    page.get_by_role("link", name="Lập biện pháp").click()
    page.get_by_role("textbox", name="Biện pháp").fill(MEASURE)
    page.locator("#id_responsible").fill("Vụ Phổ biến, giáo dục pháp luật")
    page.locator("#id_due_on").fill("30/06/2027")
    page.locator("#id_budget_note").fill("Ngân sách nhà nước năm 2026")
    page.locator("#id_indicator").fill("Số trường phổ thông sử dụng tài liệu")
    page.get_by_role("button", name="Lưu biện pháp").click()
    expect(page.get_by_text("Đã lưu biện pháp.")).to_be_visible()
    expect(page.locator("section[aria-labelledby=measures-title]")).to_contain_text(MEASURE)

    # It records an assessment, citing its own task as the evidence.
    page.get_by_role("link", name="Ghi nhận đánh giá").click()
    page.get_by_label("Trạng thái").select_option("in_progress")
    page.locator("#id_assessed_on").fill("15/01/2026")
    page.get_by_role("textbox", name="Ghi chú").fill(NOTE)
    page.get_by_label("Minh chứng: nhiệm vụ").select_option(str(task.pk))
    page.get_by_role("button", name="Ghi nhận đánh giá").click()
    expect(page.get_by_text("Đã ghi nhận đánh giá.")).to_be_visible()
    assessments = page.locator("section[aria-labelledby=assessments-title]")
    expect(assessments).to_contain_text("Đang thực hiện")
    expect(assessments).to_contain_text(NOTE)
    evidence = assessments.get_by_role("link", name=world.justice.name, exact=False)
    expect(evidence).to_have_attribute("href", f"/followup/tasks/{task.pk}/")
    measure = Measure.objects.get(recommendation=recommendation)
    assert (measure.body, measure.due_on.isoformat()) == (world.justice, "2027-06-30")
    assessment = Assessment.objects.get(recommendation=recommendation)
    assert (assessment.body, list(assessment.evidence_tasks.all())) == (world.justice, [task])

    # The supporting province reads it all, and has no button to change it.
    switch_to(page, base, world.focal_a)
    page.goto(detail)
    expect(page.locator("section[aria-labelledby=measures-title]")).to_contain_text(MEASURE)
    expect(page.get_by_role("link", name="Ghi nhận đánh giá")).to_have_count(0)
    expect(page.get_by_role("link", name="Lập biện pháp")).to_have_count(0)

    # The standing office publishes it, with its assessment.
    switch_to(page, base, world.secretariat)
    page.goto(detail)
    page.get_by_role("button", name="Công bố trên cổng thông tin").click()
    expect(page.get_by_text("Đã công bố trên cổng thông tin", exact=False).first).to_be_visible()
    recommendation.refresh_from_db()
    assert recommendation.is_published and assessment.__class__.objects.get(pk=assessment.pk).is_published

    # An anonymous visitor searches the portal without diacritics and finds it, with its status and measure.
    page.context.clear_cookies()
    page.goto(f"{base}/public/recommendations/")
    page.get_by_role("searchbox", name="Tìm kiếm khuyến nghị").fill("giao duc quyen con nguoi")
    page.get_by_role("button", name="Tìm kiếm", exact=True).click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Đang thực hiện")
    rows.get_by_role("link", name=recommendation.number).click()
    expect(page).to_have_url(f"{base}/public/recommendations/{recommendation.pk}/")
    expect(page.locator("section[aria-labelledby=measures-title]")).to_contain_text(MEASURE)
    expect(page.locator("section[aria-labelledby=assessments-title]")).to_contain_text(NOTE)
    expect(page.get_by_role("link", name="Đăng xuất")).to_have_count(0)  # nobody is signed in
