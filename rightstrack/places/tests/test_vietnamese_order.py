"""Provinces and regions are listed in Vietnamese alphabetical order by the database itself (SQLite's
registered ``vi`` collation, PostgreSQL's ICU ``vi-x-icu``), the same order ``core.text.vi_sorted`` gives."""

from __future__ import annotations

import pytest

from rightstrack.core.collation import vi_order
from rightstrack.core.text import vi_sort_key, vi_sorted
from rightstrack.places import selectors
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region

pytestmark = pytest.mark.django_db


def test_the_database_orders_the_97_provinces_as_the_python_key_does(vietnam: dict[str, int]) -> None:
    names = list(
        AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
        .order_by(vi_order("name"), "pk")
        .values_list("name", flat=True)
    )
    assert len(names) >= 97
    assert names == vi_sorted(names)
    stroked = [i for i, n in enumerate(names) if n.startswith("Đ")]  # Đà Nẵng, Điện Biên, Đồng Nai, …
    assert stroked == list(range(stroked[0], stroked[-1] + 1))
    assert names[stroked[0] - 1].startswith("C") and names[stroked[-1] + 1][0] in "EG"


def test_a_paginated_unit_list_is_ordered_before_it_is_cut(vietnam: dict[str, int]) -> None:
    units = selectors.unit_list().filter(level=UnitLevel.PROVINCE)
    first_page = [u.name for u in units[:20]]
    every = [u.name for u in units]
    assert first_page == every[:20]
    assert [vi_sort_key(n) for n in every] == sorted(vi_sort_key(n) for n in every)


def test_regions_for_forms_in_vietnamese_order(vietnam: dict[str, int]) -> None:
    regions = list(selectors.region_choices())
    assert Region.objects.count() == len(regions) > 0
    for kind in {r.kind for r in regions}:
        names = [r.name for r in regions if r.kind == kind]
        assert names == vi_sorted(names)
