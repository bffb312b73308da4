"""Loading Viet Nam: 63 provinces until 30 June 2025, 34 from 1 July 2025, each old one with its successor."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from rightstrack.accounts.models import User
from rightstrack.core.context import action_context
from rightstrack.core.models import AuditEntry
from rightstrack.places.choices import RegionKind, UnitLevel
from rightstrack.places.models import (
    AdministrativeUnit,
    Region,
    RegionMembership,
    UnitQuerySet,
    UnitSuccession,
)
from rightstrack.places.services import places_load_vietnam

REFORM_DAY = datetime.date(2025, 7, 1)
LAST_DAY = datetime.date(2025, 6, 30)
BEFORE = datetime.date(2025, 1, 1)


def provinces() -> UnitQuerySet:
    return AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)


def old(code: str) -> AdministrativeUnit:
    return provinces().get(code=code, valid_to=LAST_DAY)


def new(code: str) -> AdministrativeUnit:
    return provinces().get(code=code, valid_from=REFORM_DAY)


def test_it_loads_63_old_and_34_new_provinces_under_viet_nam(vietnam: dict[str, int]) -> None:
    assert provinces().filter(valid_to=LAST_DAY, valid_from__isnull=True).count() == 63
    assert provinces().filter(valid_from=REFORM_DAY, valid_to__isnull=True).count() == 34
    assert provinces().valid_on(BEFORE).count() == 63
    assert provinces().valid_on(REFORM_DAY).count() == 34
    country = AdministrativeUnit.objects.get(level=UnitLevel.COUNTRY)
    assert (country.code, country.name) == ("VN", "Việt Nam")
    assert not provinces().exclude(parent=country).exists()


def test_every_old_province_has_exactly_one_successor_from_1_july_2025(vietnam: dict[str, int]) -> None:
    for unit in provinces().filter(valid_to=LAST_DAY):
        successions = list(unit.succeeded_by.all())
        assert len(successions) == 1, unit
        assert successions[0].effective_on == REFORM_DAY
        assert "202/2025/QH15" in successions[0].legal_basis
        assert successions[0].successor.valid_from == REFORM_DAY
    assert UnitSuccession.objects.count() == 63
    # 34 new provinces, every one the successor of at least one old province
    assert provinces().filter(valid_from=REFORM_DAY, predecessors__isnull=False).distinct().count() == 34


def test_ba_ria_vung_tau_merged_into_ho_chi_minh_city(vietnam: dict[str, int]) -> None:
    brvt = old("77")
    assert brvt.name == "Bà Rịa - Vũng Tàu"
    assert brvt.current_successors(datetime.date(2026, 1, 1)) == [new("79")]
    assert new("79").name == "Hồ Chí Minh" and new("79").kind == "thành phố"
    assert set(new("79").predecessors.values_list("code", flat=True)) == {"74", "77", "79"}
    assert old("79").current_successors(datetime.date(2026, 1, 1)) == [new("79")]
    assert old("79").current_successors(BEFORE) == [old("79")]


def test_provinces_keep_gso_codes_and_names_without_kind_words(vietnam: dict[str, int]) -> None:
    assert old("46").name == "Huế" and old("46").aliases.filter(alias="Thừa Thiên Huế").exists()
    assert new("44").name == "Quảng Trị"  # the new Quảng Trị took Quảng Bình's code
    assert old("45").current_successors(REFORM_DAY) == [new("44")]
    assert not provinces().filter(name__istartswith="tỉnh ").exists()
    assert not provinces().filter(name__istartswith="thành phố ").exists()
    assert new("79").name_en == "Ho Chi Minh City"
    assert old("77").name_en == "Ba Ria - Vung Tau"


def test_a_second_load_changes_nothing_and_writes_no_audit_record(vietnam: dict[str, int]) -> None:
    assert vietnam["created"] > 0 and vietnam["updated"] == 0
    audit_rows = AuditEntry.objects.count()
    units = AdministrativeUnit.objects.count()
    again = places_load_vietnam()
    assert again == {"created": 0, "updated": 0, "unchanged": vietnam["created"]}
    assert AuditEntry.objects.count() == audit_rows
    assert AdministrativeUnit.objects.count() == units


def test_a_changed_unit_is_put_back_and_the_change_audited(vietnam: dict[str, int]) -> None:
    AdministrativeUnit.objects.filter(pk=old("77").pk).update(name="Bà Rịa Vũng Tàu (sai)")
    counts = places_load_vietnam()
    assert counts["updated"] == 1
    assert old("77").name == "Bà Rịa - Vũng Tàu"
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.before is not None and entry.after is not None
    assert entry.before["name"] == "Bà Rịa Vũng Tàu (sai)" and entry.after["name"] == "Bà Rịa - Vũng Tàu"


def units_of(codes: list[str], day: datetime.date) -> set[int]:
    found: set[int] = set()
    for code in codes:
        found |= set(Region.objects.get(code=code).units_on(day).values_list("pk", flat=True))
    return found


def test_central_and_southern_regions_had_38_provinces_before_the_reform(vietnam: dict[str, int]) -> None:
    assert len(units_of(["central", "south"], BEFORE)) == 38
    assert len(units_of(["north"], BEFORE)) == 25
    assert len(units_of(["north", "central", "south"], BEFORE)) == 63
    assert old("77").pk in units_of(["south"], BEFORE)


def test_the_six_socio_economic_regions_partition_the_63_provinces(vietnam: dict[str, int]) -> None:
    regions = Region.objects.filter(kind=RegionKind.SOCIO_ECONOMIC)
    sizes = {r.code: r.units_on(BEFORE).count() for r in regions}
    assert sizes == {
        "northern-midlands-mountains": 14,
        "red-river-delta": 11,
        "north-central-central-coast": 14,
        "central-highlands": 5,
        "southeast": 6,
        "mekong-delta": 13,
    }
    assert len(units_of(list(sizes), BEFORE)) == 63
    assert {r.parent.code for r in regions if r.parent} == {"north", "central", "south"}


def test_the_34_new_provinces_belong_to_the_regions_of_their_predecessors(vietnam: dict[str, int]) -> None:
    day = datetime.date(2026, 1, 1)
    regions = Region.objects.filter(kind=RegionKind.SOCIO_ECONOMIC)
    members = {r.code: {u.name for u in r.units_on(day)} for r in regions}
    assert members["mekong-delta"] == {"Tây Ninh", "Đồng Tháp", "Vĩnh Long", "An Giang", "Cần Thơ", "Cà Mau"}
    assert members["southeast"] == {"Đồng Nai", "Hồ Chí Minh", "Tây Ninh"}
    assert len(units_of(list(members), day)) == 34  # every new province is in at least one
    twice = {name for name in set().union(*members.values()) if sum(name in m for m in members.values()) == 2}
    assert twice == {"Phú Thọ", "Bắc Ninh", "Quảng Ngãi", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Tây Ninh"}
    # each membership says where it comes from: Tây Ninh is in the Mekong Delta through Long An
    membership = RegionMembership.objects.get(region__code="mekong-delta", unit=new("80"))
    assert "81/2023/QH15" in membership.source and "202/2025/QH15" in membership.source
    assert "Long An" in membership.source and "Tây Ninh" not in membership.source
    assert "81/2023/QH15" in RegionMembership.objects.filter(unit=old("77")).first().source  # type: ignore[union-attr]


def test_new_provinces_belong_to_the_macro_region_of_their_predecessors(vietnam: dict[str, int]) -> None:
    day = datetime.date(2026, 1, 1)
    assert [len(units_of([c], day)) for c in ("north", "central", "south")] == [15, 11, 8]
    assert new("79").pk in units_of(["south"], day)
    assert RegionMembership.objects.filter(unit=old("77"), valid_to=LAST_DAY).count() == 2  # macro and socio


def test_only_an_administrator_may_load_and_the_first_load_audits_every_row_with_its_source(
    focal_point: User, admin_user: User
) -> None:
    """One first load serves both checks (a load of the whole country is the costly part)."""
    with pytest.raises(PermissionDenied):
        places_load_vietnam(actor=focal_point)
    assert not AdministrativeUnit.objects.exists() and not AuditEntry.objects.exists()
    with action_context(source="cli"):
        counts = places_load_vietnam(actor=admin_user)
    assert AuditEntry.objects.filter(action="create", source="cli").count() == counts["created"]
    assert AuditEntry.objects.exclude(source="cli").count() == 0
    assert AuditEntry.objects.filter(actor=admin_user).count() == counts["created"] > 300
