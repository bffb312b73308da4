from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.forms import HiddenInput
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.core.filters import IdFilter


class YesNoWidget(django_filters.widgets.BooleanWidget):
    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


class UserFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or user name"))
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Role"))
    body = IdFilter(field_name="body_id", label=_("Body"), widget=HiddenInput)
    is_active = django_filters.BooleanFilter(label=_("Active"), widget=YesNoWidget)

    class Meta:
        model = User
        fields = ["q", "role", "body", "is_active"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(username__icontains=value) | Q(first_name__icontains=value) | Q(last_name__icontains=value)
        )
