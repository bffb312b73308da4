"""One FilterSet for the register, shared by the list and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.core.filters import YearFilter
from rightstrack.laws.choices import ImplementationStatus, LegalKind
from rightstrack.laws.models import LegalDocument, LegalStatus
from rightstrack.laws.symbols import symbol_keys


class LegalDocumentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Title or symbol"))
    kind = django_filters.ChoiceFilter(choices=LegalKind.choices, label=_("Kind"))
    year = YearFilter(field_name="issued_on", lookup_expr="year", label=_("Year issued"))
    status = django_filters.ChoiceFilter(
        choices=ImplementationStatus.choices, method="filter_status", label=_("Status in a body")
    )

    class Meta:
        model = LegalDocument
        fields = ["q", "kind", "year", "status"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q(title__icontains=value) | Q(title_en__icontains=value) | Q(symbol__icontains=value)
        keys = symbol_keys(value)
        if keys:
            condition |= Q(symbol_key__in=keys)
        return queryset.filter(condition)

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(pk__in=LegalStatus.objects.filter(status=value).values("document_id"))
