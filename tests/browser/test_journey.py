"""A secretariat officer's first visit, in a real browser: sign in, switch language, follow a province
that was merged in the 2025 reorganisation to its successor and that successor's steering committee."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from rightstrack.accounts.services import user_create
from rightstrack.bodies.choices import BodyKind, BodyLevel, Position
from rightstrack.bodies.services import body_create, membership_create, person_get_or_create
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit, UnitSuccession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-password"
REFORM_DAY = datetime.date(2025, 7, 1)
COMMITTEE = "Ban Chỉ đạo nhân quyền thành phố Hồ Chí Minh"

# Every visible form control must have a name a screen reader can announce.
UNLABELLED_CONTROLS_JS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby') && !el.title)
  .map(el => el.outerHTML)"""


@pytest.fixture
def secretariat(transactional_db: None) -> dict[str, Any]:
    """Viet Nam, a province merged on 1 July 2025 into Ho Chi Minh City, and the committees around them."""
    country = AdministrativeUnit.objects.create(
        code="VN", name="Việt Nam", name_en="Viet Nam", level=UnitLevel.COUNTRY
    )
    old = AdministrativeUnit.objects.create(
        code="77",
        name="Bà Rịa - Vũng Tàu",
        name_en="Ba Ria - Vung Tau",
        level=UnitLevel.PROVINCE,
        kind="tỉnh",
        parent=country,
        valid_to=datetime.date(2025, 6, 30),
    )
    new = AdministrativeUnit.objects.create(
        code="79",
        name="Hồ Chí Minh",
        name_en="Ho Chi Minh City",
        level=UnitLevel.PROVINCE,
        kind="thành phố",
        parent=country,
        valid_from=REFORM_DAY,
    )
    UnitSuccession.objects.create(predecessor=old, successor=new, effective_on=REFORM_DAY)
    national = body_create(
        actor=None,
        code="national-committee",
        name="Ban Chỉ đạo về nhân quyền của Chính phủ",
        kind=BodyKind.NATIONAL_COMMITTEE,
        level=BodyLevel.NATIONAL,
        unit=country,
    )
    office = body_create(
        actor=None,
        code="standing-office",
        name="Văn phòng thường trực về nhân quyền",
        kind=BodyKind.STANDING_OFFICE,
        level=BodyLevel.NATIONAL,
        parent=national,
        unit=country,
    )
    committee = body_create(
        actor=None,
        code="new-79-committee",
        name=COMMITTEE,
        name_en="Human Rights Steering Committee of Ho Chi Minh City",
        kind=BodyKind.PROVINCIAL_COMMITTEE,
        level=BodyLevel.PROVINCIAL,
        parent=national,
        unit=new,
        established_on=datetime.date(2025, 7, 15),
    )
    for position, name, title in [
        (Position.HEAD, "Nguyễn Văn An", "Chủ tịch Ủy ban nhân dân Thành phố"),
        (Position.STANDING_DEPUTY_HEAD, "Trần Thị Bình", "Phó Chủ tịch Ủy ban nhân dân Thành phố"),
    ]:
        membership_create(
            actor=None,
            body=committee,
            position=position,
            start_on=datetime.date(2025, 7, 15),
            person=person_get_or_create(actor=None, full_name=name, title=title),
        )
    user = user_create(
        actor=None,
        username="vpttr.mai",
        body=office,
        role="secretariat",
        password=PASSWORD,
        validate=False,
        first_name="Mai",
        last_name="Phạm Thị",
    )
    return {"user": user, "old": old, "new": new, "committee": committee}


def _sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


def _switch_language(page: Any, code: str) -> None:
    page.locator("header select#language").select_option(code)
    assert page.locator("html").get_attribute("lang") != code  # choosing alone changes nothing (WCAG 3.2.2)
    with page.expect_navigation():
        page.locator("header form.rt-language button[type=submit]").click()
    page.wait_for_load_state()


def _assert_all_controls_labelled(page: Any) -> None:
    assert page.evaluate(UNLABELLED_CONTROLS_JS) == [], f"unlabelled form controls on {page.url}"


def test_secretariat_follows_a_merged_province_to_its_committee(
    page: Any, live_server: Any, secretariat: dict
) -> None:
    from playwright.sync_api import expect

    # Sign in; the browser asks for Vietnamese, so the site answers in Vietnamese.
    page.goto(f"{live_server.url}/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    _sign_in(page, live_server, "vpttr.mai")
    expect(page.locator("h1")).to_contain_text("Phạm Thị Mai")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    expect(nav.get_by_role("link", name="Tổng quan")).to_have_attribute("aria-current", "page")

    # The switcher in the header changes the whole page to English, and back.
    _switch_language(page, "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Welcome, Phạm Thị Mai")
    expect(
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Overview")
    ).to_be_visible()
    _switch_language(page, "vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("h1")).to_contain_text("Xin chào, Phạm Thị Mai")
    _switch_language(page, "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # Administrative units (in the Reference menu), filtered by a name typed without diacritics.
    main_nav = page.get_by_role("navigation", name="Main navigation")
    main_nav.locator("summary", has_text="Reference").click()
    main_nav.get_by_role("link", name="Administrative units").click()
    expect(page.locator("h1")).to_have_text("Administrative units")
    _assert_all_controls_labelled(page)
    page.get_by_label("Name or code").fill("vung tau")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Bà Rịa - Vũng Tàu")

    # The old province says what it became, with a link.
    rows.first.get_by_role("link", name="Bà Rịa - Vũng Tàu").click()
    expect(page.locator("h1")).to_contain_text("Bà Rịa - Vũng Tàu")
    expect(page.locator("h1")).to_contain_text("no longer exists")
    notice = page.get_by_role("status").filter(has_text="ceased to exist")
    expect(notice).to_contain_text("30/06/2025")
    notice.get_by_role("link", name="Hồ Chí Minh").click()
    page.wait_for_url(re.compile(rf"/places/units/{secretariat['new'].pk}/$"))
    expect(page.locator("h1")).to_have_text("Hồ Chí Minh")

    # Its steering committee, and the members table.
    bodies = page.get_by_role("region", name="Bodies in this unit")
    bodies.get_by_role("link", name=COMMITTEE).click()
    page.wait_for_url(re.compile(rf"/bodies/{secretariat['committee'].pk}/$"))
    expect(page.locator("h1")).to_have_text(COMMITTEE)
    members = page.get_by_role("table", name=f"Members of {COMMITTEE}")
    expect(members.locator("thead")).to_contain_text("Position")
    expect(members.locator("tbody tr")).to_have_count(2)
    expect(members.get_by_role("row").filter(has_text="Nguyễn Văn An")).to_contain_text("Head")
    expect(members.get_by_role("row").filter(has_text="Trần Thị Bình")).to_contain_text(
        "Standing deputy head"
    )

    # Keyboard: after a page load the first Tab stop is the skip link, and it moves focus to main.
    page.reload()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.tagName, document.activeElement.textContent.trim()]"
    )
    assert focused == ["A", "Skip to main content"]
    expect(page.locator(".skip-link")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    # And back to Vietnamese on the same page.
    _switch_language(page, "vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("table", name=f"Thành viên {COMMITTEE}")).to_be_visible()


def test_login_page_controls_all_have_labels(page: Any, live_server: Any, transactional_db: None) -> None:
    page.goto(f"{live_server.url}/login/")
    controls = page.locator("input:not([type=hidden]), select, textarea")
    assert controls.count() >= 3  # user name, password, language
    _assert_all_controls_labelled(page)
    # The labels are the ones a user reads, not only attributes for machines.
    page.get_by_label("Tên đăng nhập").fill("someone")
    page.get_by_label("Mật khẩu").fill("secret")
    assert page.get_by_label("Ngôn ngữ").input_value() == "vi"


def test_failed_sign_in_says_so_in_the_users_language(page: Any, live_server: Any, secretariat: dict) -> None:
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill("vpttr.mai")
    page.locator("#id_password").fill("not the password")
    page.locator("main button[type=submit]").click()
    alert = page.get_by_role("alert")
    assert "không đúng" in alert.inner_text()
    assert page.locator("#id_username").input_value() == "vpttr.mai"
    assert page.locator("#id_password").get_attribute("aria-invalid") == "true"


def test_out_of_scope_or_missing_pages_answer_in_the_site_layout(
    page: Any, live_server: Any, secretariat: dict
) -> None:
    _sign_in(page, live_server, "vpttr.mai")
    response = page.goto(f"{live_server.url}/bodies/999999/")
    assert response is not None and response.status == 404
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("main h1").inner_text() == "Không tìm thấy"
    assert page.get_by_role("link", name="Quay lại trang tổng quan").is_visible()


def test_a_committee_page_fits_a_phone_screen(page: Any, live_server: Any, secretariat: dict) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server, "vpttr.mai")
    page.goto(f"{live_server.url}/bodies/{secretariat['committee'].pk}/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # The members table is stacked: each cell shows its column name.
    first_cell = page.locator("table.rt-members tbody tr").first.locator("td").first
    label = page.evaluate("el => getComputedStyle(el, '::before').content", first_cell.element_handle())
    assert label == '"Chức danh"'
    # The menu opens from its button and lists the sections.
    page.get_by_role("button", name="Danh mục").click()
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.locator("summary", has_text="Tra cứu").click()  # the Reference menu, inside the collapsed one
    nav.get_by_role("link", name="Đơn vị hành chính").wait_for(state="visible")
