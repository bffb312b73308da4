"""One FilterSet for proposals, shared by the list and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.models import Body
from rightstrack.core.collation import vi_order
from rightstrack.core.filters import YearFilter
from rightstrack.core.scope import scoped
from rightstrack.proposals.choices import ProposalKind, ProposalStatus
from rightstrack.proposals.models import Proposal


def proposing_bodies(request: Any) -> QuerySet[Body]:
    user = getattr(request, "user", None)
    return scoped(user, Body.objects.filter(proposals__isnull=False).distinct()).order_by(vi_order("name"))


class ProposalFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Topic or text"))
    kind = django_filters.ChoiceFilter(choices=ProposalKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=ProposalStatus.choices, label=_("Status"))
    year = YearFilter(field_name="submitted_on", lookup_expr="year", label=_("Year"))
    body = django_filters.ModelChoiceFilter(queryset=proposing_bodies, label=_("Proposing body"))
    merged = django_filters.BooleanFilter(
        field_name="merged_into", lookup_expr="isnull", exclude=True, label=_("Merged")
    )

    class Meta:
        model = Proposal
        fields = ["q", "kind", "status", "year", "body"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(topic__icontains=value) | Q(text__icontains=value) | Q(authority__icontains=value)
        )
