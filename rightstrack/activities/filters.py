"""One FilterSet for activities, shared by the list and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.activities.choices import ActivityKind
from rightstrack.activities.models import Activity, AudienceGroup
from rightstrack.bodies.models import Body
from rightstrack.core.filters import YearFilter
from rightstrack.core.forms import DateInput
from rightstrack.core.scope import scoped
from rightstrack.reporting.models import ReportingCycle


def bodies(request: Any) -> QuerySet[Body]:
    """The bodies the user sees (the filter matches a body and the bodies under it)."""
    return scoped(getattr(request, "user", None), Body.objects.all()).order_by("path")


def cycles(request: Any) -> QuerySet[ReportingCycle]:
    return ReportingCycle.objects.order_by("-period_end", "-pk")


class ActivityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Topic"))
    body = django_filters.ModelChoiceFilter(queryset=bodies, method="filter_body", label=_("Body"))
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("Kind"))
    audience = django_filters.ModelChoiceFilter(
        queryset=AudienceGroup.objects.order_by("order", "code"),
        field_name="audiences",
        label=_("Audience group"),
    )
    cycle = django_filters.ModelChoiceFilter(
        queryset=cycles, method="filter_cycle", label=_("Reporting period")
    )
    year = YearFilter(field_name="date", lookup_expr="year", label=_("Year"))
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("From"), widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("Until"), widget=DateInput()
    )

    class Meta:
        model = Activity
        fields = ["q", "body", "kind", "audience", "cycle", "year", "date_from", "date_to"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(topic__icontains=value) | Q(topic_en__icontains=value))

    def filter_body(self, queryset: QuerySet, name: str, value: Body | None) -> QuerySet:
        return queryset if value is None else queryset.filter(body__path__startswith=value.path)

    def filter_cycle(self, queryset: QuerySet, name: str, value: ReportingCycle | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(date__gte=value.period_start, date__lte=value.period_end)
