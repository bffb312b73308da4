from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.models import Notification


class NotificationFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=NotificationKind.choices, label=_("Kind"))
    unread = django_filters.BooleanFilter(method="filter_unread", label=_("Unread"))

    class Meta:
        model = Notification
        fields = ["kind", "unread"]

    def filter_unread(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(read_at__isnull=value)
