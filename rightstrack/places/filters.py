from __future__ import annotations

import datetime

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.core.filters import IdFilter
from rightstrack.core.forms import DateInput
from rightstrack.places.choices import RegionKind, UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region, UnitQuerySet
from rightstrack.places.normalize import fold
from rightstrack.places.selectors import region_choices


class AdministrativeUnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or code"))
    level = django_filters.ChoiceFilter(choices=UnitLevel.choices, label=_("Level"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on"), widget=DateInput())
    region = django_filters.ModelChoiceFilter(
        queryset=region_choices(),
        field_name="regions",
        label=_("Region"),
        distinct=True,
    )
    parent = IdFilter(field_name="parent_id", label=_("Parent unit"))

    class Meta:
        model = AdministrativeUnit
        fields = ["q", "level", "valid_on", "region", "parent"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        folded = fold(value)
        return queryset.filter(
            Q(name_ascii__contains=folded) | Q(code=value.strip()) | Q(aliases__alias_folded=folded)
        ).distinct()

    def filter_valid_on(self, queryset: UnitQuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.valid_on(value)


class RegionFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=RegionKind.choices, label=_("Kind"))

    class Meta:
        model = Region
        fields = ["kind"]
