from __future__ import annotations

import django_filters
from django.forms import DateInput
from django.utils.translation import gettext_lazy as _

from rightstrack.core.models import AuditEntry

SOURCES = [
    ("web", _("Web")),
    ("api", _("API")),
    ("admin", _("Admin site")),
    ("cli", _("Command line")),
    ("import", _("Import")),
    ("task", _("Background task")),
    ("system", _("System")),
]


class AuditEntryFilterSet(django_filters.FilterSet):
    user = django_filters.CharFilter(field_name="actor_label", lookup_expr="icontains", label=_("User"))
    source = django_filters.ChoiceFilter(choices=SOURCES, label=_("Source"))
    action = django_filters.CharFilter(label=_("Action"))
    object_type = django_filters.CharFilter(field_name="content_type__model", label=_("Object type"))
    request_id = django_filters.CharFilter(label=_("Request id"))
    since = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label=_("To"),
        widget=DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEntry
        fields = ["user", "source", "action", "object_type", "request_id", "since", "until"]
