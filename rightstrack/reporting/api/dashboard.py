"""The cycle dashboard's query over the API: its own parameters and, after them, the filters other apps add
to the reports' lists (tagging's tag, through ``ReportContributedFilterSet``), with the same meaning and the
same errors as the web dashboard's form (decision 0066)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from rightstrack.places.models import Region
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.filters import ReportContributedFilterSet
from rightstrack.reporting.models import Report


class DashboardQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReportStatus.choices, required=False)
    late = serializers.BooleanField(required=False, allow_null=True, default=None)
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all(), required=False)
    region_on = serializers.DateField(required=False)


class ContributedReportFilters(DjangoFilterBackend):
    """The dashboard action's backend: the schema documents the contributed filters as its query parameters
    (drf-spectacular's django-filter extension reads ``get_filterset_class``), but they narrow the cycle's
    reports in ``selectors.cycle_dashboard`` (``dashboard_query``), not the action's queryset (the cycles)."""

    def get_filterset_class(self, view: Any, queryset: QuerySet | None = None) -> Any:
        return ReportContributedFilterSet

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        return queryset


def dashboard_query(request: Request) -> dict[str, Any]:
    """``selectors.cycle_dashboard``'s keyword arguments read from the query. An unusable value (an unknown
    term, a term of another taxonomy) is a 400 keyed by its parameter, every such parameter at once."""
    query = DashboardQuerySerializer(data=request.query_params)
    reports = ReportContributedFilterSet(request.query_params, queryset=Report.objects.none())
    errors: dict[str, Any] = {}
    if not query.is_valid():
        errors.update(query.errors)
    if not reports.is_valid():
        errors.update(translate_validation(reports.errors).detail)
    if errors:
        raise ValidationError(errors)
    return {**query.validated_data, "reports_filter": reports.reports_filter()}
