"""One FilterSet for documents, shared by the list and the API: the full-text search with kind, language,
publication dates and body."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.models import Body
from rightstrack.core.filters import ContributedFilterSet
from rightstrack.core.forms import DateInput
from rightstrack.core.scope import scoped
from rightstrack.documents.choices import DocumentKind, DocumentLanguage
from rightstrack.documents.forms import KEEPING_KINDS
from rightstrack.documents.models import Document
from rightstrack.documents.selectors import search


def bodies(request: Any) -> QuerySet[Body]:
    user = getattr(request, "user", None)
    return scoped(user, Body.objects.filter(kind__in=KEEPING_KINDS)).order_by("path")


class DocumentFilterSet(ContributedFilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label=_("Kind"))
    language = django_filters.ChoiceFilter(choices=DocumentLanguage.choices, label=_("Language"))
    published_after = django_filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label=_("Published from"), widget=DateInput()
    )
    published_before = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label=_("Published until"), widget=DateInput()
    )
    body = django_filters.ModelChoiceFilter(queryset=bodies, method="filter_body", label=_("Kept by"))

    class Meta:
        model = Document
        fields = ["q", "kind", "language", "published_after", "published_before", "body"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, value)

    def filter_body(self, queryset: QuerySet, name: str, value: Body | None) -> QuerySet:
        """The body's documents and those of the bodies under it."""
        if value is None:
            return queryset
        return queryset.filter(body__path__startswith=value.path)
