"""Issue 12's "any CSV/XLSX with a column mapping the user chooses in a preview", in a real browser: the
standing office uploads a spreadsheet of its own (Vietnamese headers, saved by Excel in Windows-1258), sees
its first rows and the columns guessed, gives the mechanism every row shares, reads it again, imports it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from rightstrack.exchange.tests.test_un_mapping import VI_HEADERS, VI_ROWS, csv_bytes
from rightstrack.exchange.tests.test_un_recommendations import to_cp1258
from rightstrack.recommendations.models import Recommendation
from tests.browser.conftest import sign_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def test_a_spreadsheet_of_its_own_is_imported_with_the_columns_chosen(
    page: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    source = tmp_path / "khuyen-nghi.csv"
    source.write_bytes(to_cp1258(csv_bytes(VI_HEADERS, VI_ROWS).decode()))
    sign_in(page.context, base, world.secretariat, language="vi")
    page.goto(f"{base}/recommendations/import/")
    page.set_input_files("input[type=file]", str(source))
    page.get_by_role("button", name="Đọc tệp").click()
    page.wait_for_url(re.compile(r".*/recommendations/import/\d+/$"))

    columns = page.locator("section[aria-labelledby=columns-title]")
    expect(columns).to_contain_text("Phê chuẩn Nghị định thư tùy chọn")  # decoded from Windows-1258
    expect(page.get_by_role("combobox", name="Nội dung tiếng Việt")).to_have_value("2")
    expect(page.get_by_role("combobox", name="Số", exact=True)).to_have_value("0")
    page.get_by_role("combobox", name="Cơ chế của mọi dòng").select_option("UPR")
    page.get_by_role("button", name="Đọc lại theo các cột này").click()
    page.wait_for_url(re.compile(r".*/recommendations/import/\d+/$"))
    expect(page.locator("section[aria-labelledby=summary-title]")).to_contain_text("2")
    assert not Recommendation.objects.filter(number="140.116").exists()

    page.get_by_role("button", name="Nhập dữ liệu", exact=True).click()
    page.wait_for_url(re.compile(r".*/recommendations/(\?.*)?$"))
    rec = Recommendation.objects.get(mechanism="UPR", session="46", number="140.116")
    assert (rec.text_vi, rec.position) == ("Tăng cường trợ giúp pháp lý", "noted")
