from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from rightstrack.core.collation import vi_order
from rightstrack.core.scope import scoped
from rightstrack.core.views.generic import ObjectListView, ObjectView
from rightstrack.places import selectors
from rightstrack.places.choices import UnitLevel
from rightstrack.places.filters import AdministrativeUnitFilterSet, RegionFilterSet
from rightstrack.places.forms import RegionDayForm
from rightstrack.places.models import Region
from rightstrack.places.tables import AdministrativeUnitTable, RegionTable


class UnitListView(ObjectListView):
    permission_required = "places.view_administrativeunit"
    queryset = selectors.unit_list()
    filterset_class = AdministrativeUnitFilterSet
    table_class = AdministrativeUnitTable
    template_name = "places/unit_list.html"


class UnitDetailView(ObjectView):
    object_permission = "places.view_administrativeunit"
    queryset = selectors.unit_detail()
    template_name = "places/unit_detail.html"
    context_object_name = "unit"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        unit = self.object
        ctx["today"] = timezone.localdate()
        ctx["current_successors"] = [] if unit.is_current() else unit.current_successors()
        ctx["bodies"] = scoped(self.request.user, unit.bodies.all())
        if unit.level == UnitLevel.PROVINCE:
            q = self.request.GET.get("q", "")[:100]
            communes = selectors.communes_of(unit, q=q)
            page = Paginator(communes, selectors.COMMUNES_PER_PAGE).get_page(self.request.GET.get("page"))
            ctx.update(communes_page=page, communes_q=q, communes_searched=bool(q.strip()))
        return ctx


class RegionListView(ObjectListView):
    permission_required = "places.view_region"
    queryset = selectors.region_list()
    filterset_class = RegionFilterSet
    table_class = RegionTable
    template_name = "places/region_list.html"


class RegionDetailView(ObjectView):
    object_permission = "places.view_region"
    queryset = Region.objects.all()
    template_name = "places/region_detail.html"
    context_object_name = "region"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.form = RegionDayForm(request.GET or None)
        response = super().get(request, *args, **kwargs)
        if self.form.is_bound and not self.form.is_valid():
            response.status_code = 400  # as a list's filter that cannot be used: the form says why
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        day = self.form.day()
        ctx["form"] = self.form
        ctx["on"] = day
        ctx["units"] = self.object.units_on(day).order_by(vi_order("name"))
        return ctx
