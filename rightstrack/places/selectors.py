"""Reads of units and regions, with their relations loaded up front (no queries in template loops)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from rightstrack.core.collation import vi_order
from rightstrack.places.models import AdministrativeUnit, Region, UnitSuccession


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
