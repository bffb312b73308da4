"""resolve_place against the real data: old names find the unit and its successor today; no guessing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit
from rightstrack.places.resolve import AMBIGUOUS, RESOLVED, UNKNOWN, resolve_place
from rightstrack.places.services import unit_create
from rightstrack.places.tests.test_normalize import PROVINCE_NAMES, spellings

REFORM_DAY = datetime.date(2025, 7, 1)
BEFORE = datetime.date(2025, 1, 1)
LATER = datetime.date(2026, 1, 1)


def province(code: str, *, new: bool) -> AdministrativeUnit:
    lookup = {"valid_from": REFORM_DAY} if new else {"valid_to": REFORM_DAY - datetime.timedelta(days=1)}
    return AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code=code, **lookup)


def test_ba_ria_vung_tau_resolves_to_itself_and_to_ho_chi_minh_city(vietnam: dict) -> None:
    for query in [
        "Ba Ria - Vung Tau",
        "Bà Rịa–Vũng Tàu",
        "ba ria-vung tau",
        "BRVT",
        "tỉnh Bà Rịa - Vũng Tàu",
        "Ba Ria Vung Tau Province",
        "  BÀ RỊA   -   VŨNG TÀU ",
    ]:
        result = resolve_place(query, on=LATER)
        assert result.status == RESOLVED, query
        assert result.unit == province("77", new=False), query
        assert result.current == [province("79", new=True)], query


def test_ho_chi_minh_city_resolves_to_the_city_of_today(vietnam: dict) -> None:
    for query in [
        "Hồ Chí Minh",
        "TP.HCM",
        "TP HCM",
        "TPHCM",
        "HCM",
        "Thành phố Hồ Chí Minh",
        "Ho Chi Minh City",
        "tp. hồ chí minh",
        "Sài Gòn",
    ]:
        result = resolve_place(query, on=LATER)
        assert result.status == RESOLVED, query
        assert result.unit == province("79", new=True), query
        assert result.current == [result.unit], query


def test_on_a_date_before_the_reform_the_old_city_is_meant(vietnam: dict) -> None:
    result = resolve_place("Hồ Chí Minh", on=BEFORE)
    assert (result.status, result.unit, result.current) == (
        RESOLVED,
        province("79", new=False),
        [province("79", new=False)],
    )


def test_da_nang_with_and_without_the_stroked_d_and_quang_nam_within_it(vietnam: dict) -> None:
    for query in ["Đà Nẵng", "Da Nang", "đà nẵng city", "Thành phố Đà Nẵng"]:
        result = resolve_place(query, on=LATER)
        assert (result.status, result.unit) == (RESOLVED, province("48", new=True)), query
    result = resolve_place("Quang Nam", on=LATER)
    assert result.unit == province("49", new=False)
    assert result.current == [province("48", new=True)]


def test_thua_thien_hue_is_on_record_as_hue(vietnam: dict) -> None:
    result = resolve_place("Thừa Thiên - Huế", on=LATER)
    assert result.status == RESOLVED
    assert result.current == [province("46", new=True)]


def test_an_unknown_name_returns_near_candidates_not_a_guess(vietnam: dict) -> None:
    result = resolve_place("Ba Ria Vung Tao", on=LATER)
    assert result.status == UNKNOWN
    assert result.unit is None and result.current == []
    assert province("77", new=False) in result.candidates
    part = resolve_place("Quảng", on=LATER)
    assert part.status == UNKNOWN
    assert {u.name for u in part.candidates} >= {"Quảng Nam", "Quảng Ninh", "Quảng Trị"}
    assert resolve_place("xyzzy").status == UNKNOWN
    assert resolve_place("").status == UNKNOWN
    assert resolve_place(" - ").status == UNKNOWN


@pytest.fixture
def two_tan_lap(vietnam: dict) -> list[AdministrativeUnit]:
    return [
        unit_create(
            code="90001",
            name="Tân Lập",
            kind="xã",
            level=UnitLevel.COMMUNE,
            parent=province("80", new=True),
            valid_from=REFORM_DAY,
        ),
        unit_create(
            code="90002",
            name="Tân Lập",
            kind="xã",
            level=UnitLevel.COMMUNE,
            parent=province("19", new=True),
            valid_from=REFORM_DAY,
        ),
    ]


def test_two_communes_of_one_name_are_ambiguous(two_tan_lap: list[AdministrativeUnit]) -> None:
    result = resolve_place("xã Tân Lập", on=LATER)
    assert result.status == AMBIGUOUS
    assert result.unit is None
    assert set(result.candidates) == set(two_tan_lap)


def test_a_level_filter_that_excludes_everything_gives_unknown(two_tan_lap: list[AdministrativeUnit]) -> None:
    assert resolve_place("Tân Lập", level=UnitLevel.PROVINCE, on=LATER).status == UNKNOWN


def test_kind_words_prefer_the_level_they_name(vietnam: dict) -> None:
    ward = unit_create(
        code="90003",
        name="Bắc Ninh",
        kind="phường",
        level=UnitLevel.COMMUNE,
        parent=province("24", new=True),
        valid_from=REFORM_DAY,
    )
    assert resolve_place("Bắc Ninh", on=LATER).status == AMBIGUOUS
    assert resolve_place("phường Bắc Ninh", on=LATER).unit == ward
    assert resolve_place("tỉnh Bắc Ninh", on=LATER).unit == province("24", new=True)


def test_an_ended_unit_without_successor_is_not_taken_for_a_namesake(vietnam: dict) -> None:
    parent = province("80", new=True)
    unit_create(
        code="90004",
        name="Phú Mỹ",
        level=UnitLevel.COMMUNE,
        parent=parent,
        valid_to=datetime.date(2025, 6, 30),
    )
    unit_create(code="90005", name="Phú Mỹ", level=UnitLevel.COMMUNE, parent=parent, valid_from=REFORM_DAY)
    assert resolve_place("Phú Mỹ", on=LATER).status == AMBIGUOUS


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), name=st.sampled_from(PROVINCE_NAMES))
def test_any_spelling_of_any_province_resolves_to_its_unit_and_successor(
    vietnam: dict, data: st.DataObject, name: str
) -> None:
    query = data.draw(spellings(name))
    later = resolve_place(query, on=LATER)
    assert later.status == RESOLVED, query
    assert later.unit is not None and later.unit.name == name
    assert later.current == later.unit.current_successors(LATER)
    assert len(later.current) == 1 and later.current[0].valid_from == REFORM_DAY
    before = resolve_place(query, level=UnitLevel.PROVINCE, on=BEFORE)
    if AdministrativeUnit.objects.valid_on(BEFORE).filter(name=name).exists():
        assert before.status == RESOLVED and before.unit is not None
        assert before.unit.name == name and before.current == [before.unit]


def test_the_command_prints_the_unit_and_its_successor_today(vietnam: dict) -> None:
    out = io.StringIO()
    with translation.override("en"):
        call_command("resolve_place", "BRVT", "--on", "2026-01-01", stdout=out)
    text = out.getvalue()
    assert "resolved" in text and "Bà Rịa - Vũng Tàu" in text and "Hồ Chí Minh" in text
    assert "2025-06-30" in text and "2025-07-01" in text


def test_the_command_lists_candidates_and_fails_for_an_unknown_name(vietnam: dict) -> None:
    out = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("resolve_place", "Quang", "Nom", stdout=out)
    assert caught.value.returncode == 1
    assert "unknown" in out.getvalue() and "Quảng Nam" in out.getvalue()
