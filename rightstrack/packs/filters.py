"""One FilterSet for packs, shared by the list page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from rightstrack.core.filters import IdFilter
from rightstrack.packs.models import ConsolidatedPack


class PackFilterSet(django_filters.FilterSet):
    cycle = IdFilter(field_name="cycle_id", label=_("Reporting cycle"))

    class Meta:
        model = ConsolidatedPack
        fields = ["cycle", "selection"]
