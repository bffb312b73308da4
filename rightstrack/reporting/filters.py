"""One FilterSet per model, shared by the HTML lists and the API."""

from __future__ import annotations

from collections.abc import Callable

import django_filters
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from rightstrack.core.filters import ContributedFilterSet, IdFilter, YearFilter
from rightstrack.places.models import Region
from rightstrack.places.selectors import region_choices
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.models import Report, ReportingCycle, ReportTemplate


class ReportTemplateFilterSet(django_filters.FilterSet):
    family = django_filters.CharFilter(label=_("Family"))
    current = django_filters.BooleanFilter(field_name="is_current", label=_("Current version"))

    class Meta:
        model = ReportTemplate
        fields = ["family", "current"]


class ReportingCycleFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))
    status = django_filters.ChoiceFilter(choices=CycleStatus.choices, label=_("Status"))
    year = YearFilter(field_name="period_end", lookup_expr="year", label=_("Year"))

    class Meta:
        model = ReportingCycle
        fields = ["q", "status", "year"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(name_en__icontains=value))


class ReportFilterSet(ContributedFilterSet):
    cycle = IdFilter(field_name="cycle_id", label=_("Cycle"))
    body = IdFilter(field_name="body_id", label=_("Body"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Status"))
    region = django_filters.ModelChoiceFilter(
        queryset=region_choices(), method="filter_region", label=_("Region")
    )

    class Meta:
        model = Report
        fields = ["cycle", "body", "status", "region"]

    def filter_region(self, queryset: QuerySet, name: str, value: Region | None) -> QuerySet:
        """Reports whose body's province was in the region at some time during the report's period."""
        if value is None:
            return queryset
        return queryset.filter(
            Q(body__unit__region_memberships__valid_from__isnull=True)
            | Q(body__unit__region_memberships__valid_from__lte=F("cycle__period_end")),
            Q(body__unit__region_memberships__valid_to__isnull=True)
            | Q(body__unit__region_memberships__valid_to__gte=F("cycle__period_start")),
            body__unit__region_memberships__region=value,
        ).distinct()


class ReportContributedFilterSet(ContributedFilterSet):
    """Only the filters other apps add to the reports' lists (tagging's tag): the cycle dashboard's own
    filters are a plain form's (``DashboardFilterForm``) and the API's query serializer, which take these
    after them (decisions 0062, 0066)."""

    class Meta:
        model = Report
        fields: list[str] = []

    def reports_filter(self) -> Callable[[QuerySet[Report]], QuerySet[Report]] | None:
        """The narrowing of the reports ``selectors.cycle_dashboard`` takes, when one of the filters is used
        (else None: every participant is listed, with a report or not); None too when a value is unusable
        (the page and the API answer 400 then)."""
        if not self.is_valid():
            return None
        if all(value in EMPTY_VALUES for value in self.form.cleaned_data.values()):
            return None
        return self.filter_queryset
