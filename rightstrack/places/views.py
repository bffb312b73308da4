from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date

from rightstrack.core.scope import scoped
from rightstrack.core.views import ScopedDetailView, ScopedListView
from rightstrack.places import selectors
from rightstrack.places.filters import AdministrativeUnitFilterSet, RegionFilterSet
from rightstrack.places.models import Region


class UnitListView(ScopedListView):
    permission_required = "places.view_administrativeunit"
    base_queryset = selectors.unit_list()
    filterset_class = AdministrativeUnitFilterSet
    template_name = "places/unit_list.html"


class UnitDetailView(ScopedDetailView):
    permission_required = "places.view_administrativeunit"
    base_queryset = selectors.unit_detail()
    template_name = "places/unit_detail.html"
    context_object_name = "unit"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        unit = self.object
        ctx["today"] = timezone.localdate()
        ctx["current_successors"] = [] if unit.is_current() else unit.current_successors()
        ctx["bodies"] = scoped(self.request.user, unit.bodies.all())
        return ctx


class RegionListView(ScopedListView):
    permission_required = "places.view_region"
    base_queryset = selectors.region_list()
    filterset_class = RegionFilterSet
    template_name = "places/region_list.html"


class RegionDetailView(ScopedDetailView):
    permission_required = "places.view_region"
    base_queryset = Region.objects.all()
    template_name = "places/region_detail.html"
    context_object_name = "region"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        day = parse_date(self.request.GET.get("on", "") or "") or timezone.localdate()
        ctx["on"] = day
        ctx["units"] = self.object.units_on(day).order_by("name_ascii")
        return ctx
