"""Reads of units and regions, with their relations loaded up front (no queries in template loops)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from rightstrack.places.models import AdministrativeUnit, Region, UnitSuccession


def unit_list() -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.select_related("parent").prefetch_related(
        Prefetch("succeeded_by", queryset=UnitSuccession.objects.select_related("successor"))
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
        .order_by("kind", "name")
    )
