"""Searching a province's communes: case, diacritics and a kind word typed in front never hide a commune,
and nothing that does not hold the text is found. Inputs drawn from the shipped data (Hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rightstrack.core.text import fold as strip_marks
from rightstrack.core.text import vi_sorted
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit
from rightstrack.places.normalize import fold, search_key
from rightstrack.places.selectors import communes_of
from rightstrack.places.services import communes_2025_data

ROWS = communes_2025_data()["communes"]
KIND_WORDS = ("phường", "Phường", "xã", "Xã", "đặc khu", "PHƯỜNG", "phuong", "xa")


@st.composite
def typed(draw: Any) -> tuple[dict[str, str], str]:
    """A commune and what someone might type to find it: a part of its name, in any case, with or without
    its diacritics, perhaps after a kind word."""
    row = draw(st.sampled_from(ROWS))
    name = row["name"]
    start = draw(st.integers(0, len(name) - 1))
    end = draw(st.integers(start + 1, len(name)))
    text = name[start:end]
    assume(any(c.isalnum() for c in text))  # spaces or a dash alone are no search
    if draw(st.booleans()):
        text = strip_marks(text, keep_case=True)
    text = draw(st.sampled_from([str.lower, str.upper, str.title, str.swapcase, str]))(text)
    if draw(st.booleans()):
        text = f"{draw(st.sampled_from(KIND_WORDS))} {text}"
    return row, text


@given(typed())
@settings(max_examples=300, deadline=None)
def test_what_is_typed_always_finds_the_commune(case: tuple[dict[str, str], str]) -> None:
    row, text = case
    assert search_key(text) in fold(row["name"])


@given(typed())
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_province_page_search_finds_it_and_only_what_matches(
    vietnam_communes: Any, case: tuple[dict[str, str], str]
) -> None:
    row, text = case
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code=row["province"], valid_to=None)
    found = list(communes_of(province, q=text))
    assert row["code"] in {unit.code for unit in found}
    key = search_key(text)
    assert all(key in unit.name_ascii for unit in found)
    assert all(unit.parent_id == province.pk for unit in found)


def test_an_empty_search_lists_every_commune_of_the_province_by_name(vietnam_communes: Any) -> None:
    counts = communes_2025_data()["about"]["count_by_province"]
    code = max(counts, key=counts.get)
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code=code, valid_to=None)
    found = list(communes_of(province, q="  "))
    assert len(found) == counts[code]
    assert [u.name for u in found] == vi_sorted(u.name for u in found)  # Vietnamese order (decision 0041)


def test_a_code_finds_its_commune(vietnam_communes: Any) -> None:
    row = ROWS[len(ROWS) // 2]
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code=row["province"], valid_to=None)
    assert [u.code for u in communes_of(province, q=row["code"])] == [row["code"]]


def test_a_kind_word_alone_lists_the_communes_of_that_kind(vietnam_communes: Any) -> None:
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code="79", valid_to=None)
    wards = {u.code for u in communes_of(province) if u.kind == "phường"}
    assert wards and wards <= {u.code for u in communes_of(province, q="Phuong")}


def test_the_province_page_lists_searches_and_pages_its_communes(vietnam_communes: Any, client: Any) -> None:
    from django.conf import settings
    from django.urls import reverse

    from rightstrack.accounts.models import User
    from rightstrack.places.selectors import COMMUNES_PER_PAGE

    client.force_login(User.objects.create(username="reader-communes", preferred_language="en"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    counts = communes_2025_data()["about"]["count_by_province"]
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code="79", valid_to=None)
    url = reverse("places:unit_detail", args=[province.pk])
    page = client.get(url).content.decode()
    assert page.count("<tr>") == COMMUNES_PER_PAGE + 1  # the header and one page of communes
    assert f"Page 1 of {-(-counts['79'] // COMMUNES_PER_PAGE)}" in page
    row = next(r for r in ROWS if r["province"] == "79")
    found = client.get(url, {"q": strip_marks(row["name"]).upper()}).content.decode()
    assert f">{row['code']}<" in found
    nothing = client.get(url, {"q": "qqqqq"}).content.decode()
    assert "No commune or ward matches “qqqqq”." in nothing
    assert client.get(url, {"page": "999"}).status_code == 200  # past the end: the last page
