from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.forms import HiddenInput
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind, BodyLevel
from rightstrack.bodies.models import Body, Membership
from rightstrack.core.filters import IdFilter


class ActiveWidget(django_filters.widgets.BooleanWidget):
    """All / active / dissolved, instead of Django's Unknown / Yes / No."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Active")), ("false", _("Dissolved"))]


class BodyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or code"))
    kind = django_filters.ChoiceFilter(choices=BodyKind.choices, label=_("Kind"))
    level = django_filters.ChoiceFilter(choices=BodyLevel.choices, label=_("Level"))
    active = django_filters.BooleanFilter(method="filter_active", label=_("Status"), widget=ActiveWidget)
    parent = IdFilter(field_name="parent_id", label=_("Parent body"), widget=HiddenInput)

    class Meta:
        model = Body
        fields = ["q", "kind", "level", "active", "parent"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(name__icontains=value) | Q(name_en__icontains=value) | Q(code__icontains=value)
        )

    def filter_active(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return (
            queryset.filter(dissolved_on__isnull=True)
            if value
            else queryset.filter(dissolved_on__isnull=False)
        )


class MembershipFilterSet(django_filters.FilterSet):
    body = IdFilter(field_name="body_id", label=_("Body"), widget=HiddenInput)
    position = django_filters.CharFilter(label=_("Position"))
    current = django_filters.BooleanFilter(field_name="end_on", lookup_expr="isnull", label=_("Current"))

    class Meta:
        model = Membership
        fields = ["body", "position", "current"]
