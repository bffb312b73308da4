"""Packs on the web: the list, making one, its page (content, charts, stale flag), building it (a job whose
page shows progress and then the download), and deleting it. Each view makes one service call."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rightstrack.core.forms import DateInput
from rightstrack.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
    ScopedObjectMixin,
)
from rightstrack.packs import render, selectors, services
from rightstrack.packs.filters import PackFilterSet
from rightstrack.packs.forms import PackForm
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.packs.tables import PackTable


class PackListView(ObjectListView):
    permission_required = "packs.view_consolidatedpack"
    queryset = selectors.pack_list()
    filterset_class = PackFilterSet
    table_class = PackTable
    template_name = "packs/pack_list.html"


class PackCreateView(ObjectEditView):
    object_permission = "packs.add_consolidatedpack"
    form_class = PackForm
    service = services.pack_create
    template_name = "packs/pack_form.html"
    success_message = _("Pack created: build it to consolidate the reports.")

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        for name in ("cycle", "conference"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        return initial


class PackMixin(ScopedObjectMixin):
    queryset = selectors.pack_detail()
    context_object_name = "pack"
    object_kwarg = "pack"


class PackDetailView(PackMixin, ObjectView):
    object_permission = "packs.view_consolidatedpack"
    template_name = "packs/pack_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pack = cast(ConsolidatedPack, self.object)
        user = self.request.user
        content = pack.content
        context["stale"] = selectors.pack_is_stale(pack, user=user)
        context["can_build"] = user.has_perm("packs.build_consolidatedpack", pack)
        context["can_delete"] = user.has_perm("packs.delete_consolidatedpack", pack)
        context["build_form"] = BuildForm()
        if content is not None:
            context["content"] = content
            context["status_counts"] = render.status_counts(content)
            context["included_bodies"] = [
                b for b in content["bodies"] if b["status"] in ("submitted", "accepted")
            ]
            context["chart_data"] = _chart_data(content)
        return context


def _chart_data(content: dict[str, Any]) -> dict[str, Any]:
    """What static/packs/charts.js draws with Chart.js: the same numbers as the files' pictures."""
    bodies = [b for b in content["bodies"] if b["status"] in ("submitted", "accepted")]
    return {
        "status": {
            "labels": [label for label, _count in render.status_counts(content)],
            "values": [count for _label, count in render.status_counts(content)],
        },
        "totals": {
            "labels": [f["label"] for f in content["figures"] if f["sums"] and f["total"] is not None],
            "values": [float(f["total"]) for f in content["figures"] if f["sums"] and f["total"] is not None],
        },
        "indicators": [
            {
                "label": f["label"] + (f" ({f['unit']})" if f["unit"] else ""),
                "labels": [b["name"] for b in bodies],
                "values": [
                    float(v) if (v := f["values"].get(str(b["id"]))) is not None else None for b in bodies
                ],
                "outliers": [str(b["id"]) in f["outliers"] for b in bodies],
            }
            for f in content["figures"]
            if f["values"]
        ],
    }


MAX_HEADING = services.MAX_HEADING_CHARS
SMALL = {"class": "form-control form-control-sm"}


class BuildForm(forms.Form):
    file_format = forms.ChoiceField(
        label=_("File"), choices=[("docx", _("Word (DOCX)")), ("pdf", _("PDF"))], initial="docx"
    )
    # The official heading (decision 0022): left empty, the number is blank for the registry to give, the
    # place is the letterhead's and the date the day the file is built.
    number = forms.CharField(
        label=_("Document number"), max_length=services.MAX_HEADING_CHARS, required=False
    )
    place = forms.CharField(label=_("Place"), max_length=services.MAX_HEADING_CHARS, required=False)
    date = forms.DateField(label=_("Date of the document"), required=False, widget=DateInput())


class PackBuildView(PackMixin, ObjectActionView):
    """POST: queue the build; the browser goes to the job's page (progress, then the download)."""

    object_permission = "packs.build_consolidatedpack"
    http_method_names = ["post"]
    form_class = BuildForm
    service = services.pack_build_enqueue

    def get_success_url(self) -> str:
        return str(self.result.get_absolute_url())

    def get_failure_url(self) -> str:
        return reverse("packs:pack_detail", args=[self.object.pk])


class PackDeleteView(PackMixin, ObjectDeleteView):
    object_permission = "packs.delete_consolidatedpack"
    http_method_names = ["post"]
    service = services.pack_delete

    def get_success_url(self) -> str:
        return reverse("packs:pack_list")

    success_message = _("Pack deleted.")
