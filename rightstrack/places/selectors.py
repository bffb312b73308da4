"""Reads of units and regions, with their relations loaded up front (no queries in template loops)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from rightstrack.core.collation import vi_order
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region, UnitSuccession
from rightstrack.places.normalize import search_key


def unit_list() -> QuerySet[AdministrativeUnit]:
    return (
        AdministrativeUnit.objects.select_related("parent")
        .prefetch_related(
            Prefetch("succeeded_by", queryset=UnitSuccession.objects.select_related("successor"))
        )
        .order_by("level", vi_order("name"), "valid_from")
    )


def unit_detail() -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.select_related("parent").prefetch_related(
        Prefetch("succeeded_by", queryset=UnitSuccession.objects.select_related("successor")),
        Prefetch("succeeds", queryset=UnitSuccession.objects.select_related("predecessor")),
        "aliases",
        "regions",
    )


def region_list() -> QuerySet[Region]:
    return (
        Region.objects.select_related("parent")
        .annotate(unit_count=Count("memberships"))
        .order_by("kind", vi_order("name"))
    )


def region_choices() -> QuerySet[Region]:
    """Regions for a form's or a filter's list: by kind, then in Vietnamese alphabetical order."""
    return Region.objects.order_by("kind", vi_order("name"))


COMMUNES_PER_PAGE = 30
KIND_WORDS = {"phuong": "phường", "xa": "xã", "dac khu": "đặc khu", "thi tran": "thị trấn"}


def communes_of(unit: AdministrativeUnit, *, q: str = "", on: datetime.date | None = None) -> QuerySet:
    """The communes of a province (valid on ``on`` when given), those whose name holds ``q`` whatever its
    case and diacritics ("ben thanh", "Bến Thành", "phường bến thành") or whose code starts with it; ordered
    by name. One query a page (and one COUNT), whatever the number of communes."""
    communes = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.COMMUNE)
    if on is not None:
        communes = communes.valid_on(on)
    key = search_key(q)
    if key:
        where = Q(name_ascii__contains=key)
        if key in KIND_WORDS:  # "phường" alone: the wards (and names that hold the word)
            where |= Q(kind=KIND_WORDS[key])
        if q.strip().isdigit():
            where |= Q(code__startswith=q.strip())
        communes = communes.filter(where)
    return communes.order_by(vi_order("name"), "code")
