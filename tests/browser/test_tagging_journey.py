"""Issue 13's "done when", in a real browser: the standing office accepts and rejects suggested SDGs on a
recommendation (the accepted goal becomes the recommendation's own); the province's focal point asks for
tags on its report and accepts one and rejects another for a section; the standing office retrains the SDG
tagger and sees the taxonomy's page show the new version in use and its measured figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rightstrack.nlp.tagging import train
from rightstrack.reporting.services import report_save
from rightstrack.tagging.choices import SuggestionState
from rightstrack.tagging.models import Suggestion, TaggerVersion
from rightstrack.tagging.taggers import embedder
from rightstrack.tagging.taxonomies import taxonomy
from rightstrack.tagging.tests.conftest import TEXTS, make_labelled
from tests.browser.conftest import sign_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

SECTION = (
    "<p>Tỉnh đã tổ chức 45 lớp tập huấn về quyền trẻ em cho giáo viên các trường tiểu học, "
    "hỗ trợ học bổng cho học sinh nghèo và học sinh dân tộc thiểu số ở vùng sâu, vùng xa.</p>"
)


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def switch_to(page: Any, base_url: str, user: Any) -> None:
    page.context.clear_cookies()
    sign_in(page.context, base_url, user, language="vi")


def a_weak_version_in_use() -> TaggerVersion:
    """A version trained on labels that say nothing about the texts (goals dealt out in turn): what a
    retraining on the real labels must beat."""
    texts = [text for group in TEXTS.values() for text in group]
    noisy = [(text, frozenset({("4", "5", "16")[i % 3]})) for i, text in enumerate(sorted(texts))]
    tagger = train(taxonomy("sdg-goal"), embedder(), noisy)
    return TaggerVersion.objects.create(
        taxonomy="sdg-goal",
        version=tagger.version,
        model=tagger.to_bytes(),
        figures=tagger.figures,
        examples=len(noisy),
        active=True,
    )


def test_suggestions_are_decided_and_a_retraining_moves_the_version(
    page: Any, live_server: Any, world: World
) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    recommendations = world.recommendations()
    make_labelled(world)
    weak = a_weak_version_in_use()
    cedaw = recommendations.cedaw
    for code in ("5", "16"):
        Suggestion.objects.create(
            kind="recommendation", recommendation=cedaw, taxonomy="sdg-goal", code=code, score=0.8,
            model_version=weak.version,
        )  # fmt: skip
    report = world.reporting().report_a
    report = report_save(
        actor=world.focal_a, report=report, expected_version=report.version, sections={"situation": SECTION},
        figures={},
    )  # fmt: skip

    # The standing office accepts SDG 5 for the CEDAW recommendation and rejects SDG 16.
    switch_to(page, base, world.secretariat)
    page.goto(f"{base}/recommendations/{cedaw.pk}/")
    panel = page.get_by_test_id("tag-panel")
    panel.locator("[data-testid=tag-pending][data-code='5']").get_by_role("button", name="Chấp nhận").click()
    expect(page.get_by_text("Đã chấp nhận nhãn.")).to_be_visible()
    accepted = panel.locator("[data-testid=tag-accepted][data-code='5']")
    expect(accepted).to_contain_text("Bình đẳng giới")
    expect(accepted).to_contain_text(world.secretariat.display_name)
    panel.locator("[data-testid=tag-pending][data-code='16']").get_by_role("button", name="Từ chối").click()
    expect(panel.locator("[data-testid=tag-rejected][data-code='16']")).to_be_visible()
    assert list(cedaw.sdg_goals.values_list("number", flat=True)) == [5]

    # The province's focal point asks for tags on its report, accepts one for the section, rejects another.
    switch_to(page, base, world.focal_a)
    page.goto(f"{base}/reporting/reports/{report.pk}/")
    page.get_by_test_id("tag-panel").get_by_role("button", name="Đề xuất nhãn").click()
    section = page.locator("[data-testid=tag-section][data-section=situation]")
    expect(section.get_by_test_id("tag-pending").first).to_be_visible()
    section.get_by_test_id("tag-pending").first.get_by_role("button", name="Chấp nhận").click()
    expect(section.get_by_test_id("tag-accepted")).to_have_count(1)
    section.get_by_test_id("tag-pending").first.get_by_role("button", name="Từ chối").click()
    expect(section.get_by_test_id("tag-rejected")).to_have_count(1)
    decided = Suggestion.objects.filter(report=report, section_key="situation").exclude(state="pending")
    assert sorted(decided.values_list("state", flat=True)) == [
        SuggestionState.ACCEPTED,
        SuggestionState.REJECTED,
    ]
    assert all(s.decided_by == world.focal_a for s in decided)

    # The standing office retrains the SDG tagger: the new version is in use, with its figures.
    switch_to(page, base, world.secretariat)
    page.goto(f"{base}/tagging/taxonomies/sdg-goal/")
    in_use = page.get_by_test_id("active-version-name")
    expect(in_use).to_have_text(weak.version)
    before = page.get_by_test_id("figure-macro_f1").inner_text()
    page.get_by_role("button", name="Huấn luyện lại").click()
    expect(page.get_by_test_id("active-version-name")).not_to_have_text(weak.version, timeout=60_000)
    after = page.get_by_test_id("figure-macro_f1").inner_text()
    assert after != before
    newest = TaggerVersion.objects.get(taxonomy="sdg-goal", active=True)
    assert newest.pk != weak.pk and newest.figures["macro_f1"] > weak.figures["macro_f1"]
    expect(page.get_by_test_id("version-history").locator("tbody tr")).to_have_count(2)
