"""The recommendations grouped (by theme or by the State's own clusters, counted by status, with a chart)
and the reports back (mid-term report, national report draft, the matrix), written as jobs."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.jobs.views import redirect_to_job
from rightstrack.core.views.generic import ObjectActionView, ObjectListView
from rightstrack.recommendations import selectors, services
from rightstrack.recommendations.filters import RecommendationFilterSet
from rightstrack.recommendations.forms import ReportForm
from rightstrack.recommendations.models import Recommendation

STATUS_COLOURS = {
    selectors.NOT_ASSESSED: "#c4cad1",
    "not_started": "#8a939e",
    "in_progress": "#2c6eaa",
    "partially_implemented": "#b7791f",
    "implemented": "#1e7b45",
}


class GroupingFilterSet(RecommendationFilterSet):
    """The list's filters, and how to group what they select."""

    by = django_filters.ChoiceFilter(
        choices=[
            (selectors.GROUP_BY_THEME, gettext_lazy("Theme")),
            (selectors.GROUP_BY_CLUSTER, gettext_lazy("Cluster")),
        ],
        method="keep",
        label=gettext_lazy("Group by"),
        empty_label=None,
    )

    class Meta(RecommendationFilterSet.Meta):
        fields = [*RecommendationFilterSet.Meta.fields, "by"]

    def keep(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset


class ClusterView(ObjectListView):
    """The recommendations the reader sees, by theme or cluster: how many in each, at each status."""

    permission_required = "recommendations.view_recommendation"
    queryset = Recommendation.objects.all()
    filterset_class = GroupingFilterSet
    template_name = "recommendations/clusters.html"
    paginate_by = 0  # no pages: the groups are counted over every recommendation listed

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        by = self.request.GET.get("by") or selectors.GROUP_BY_THEME
        if by not in (selectors.GROUP_BY_THEME, selectors.GROUP_BY_CLUSTER):
            by = selectors.GROUP_BY_THEME
        found = selectors.groups(self.filterset.qs, by=by) if not self.filterset.errors else []
        keys = selectors.status_keys()
        labels = [_status_label(key) for key in keys]
        none_label = _("No theme") if by == selectors.GROUP_BY_THEME else _("Not in any cluster")
        rows: list[dict[str, Any]] = [
            {
                "group": g,
                "label": g.label or none_label,
                "counts": [g.counts[k] for k in keys],
                "cells": [(label, g.counts[k]) for label, k in zip(labels, keys, strict=True)],
                "total": g.total,
                "query": _query_for(self.request.GET, by, g),
            }
            for g in found
        ]
        query = self.request.GET.copy()
        query.pop("by", None)
        ctx.update(
            by=by,
            rows=rows,
            status_labels=labels,
            chart_data={
                "title": _("Recommendations by status in each group"),
                "labels": [row["label"] for row in rows[: selectors.CHART_GROUPS]],
                "datasets": [
                    {
                        "label": label,
                        "data": [row["counts"][index] for row in rows[: selectors.CHART_GROUPS]],
                        "backgroundColor": STATUS_COLOURS[key],
                    }
                    for index, (key, label) in enumerate(zip(keys, labels, strict=True))
                ],
            },
            report_form=ReportForm(initial={"by": by, "query": query.urlencode()}),
        )
        return ctx


def _status_label(key: str) -> str:
    from rightstrack.recommendations.choices import ImplementationStatus

    if key in ImplementationStatus.values:
        return str(ImplementationStatus(key).label)
    return _("Not assessed yet")


def _query_for(params: Any, by: str, group: selectors.Group) -> str:
    """The list of the group's recommendations, with the same filters."""
    query = params.copy()
    query.pop("by", None)
    if group.term is not None:
        query["theme" if by == selectors.GROUP_BY_THEME else "cluster"] = str(group.term.pk)
    return str(query.urlencode())


class ReportStartView(ObjectActionView):
    """Start writing a report of the listed recommendations (a job); its page shows the progress."""

    permission_required = "recommendations.view_recommendation"
    form_class = ReportForm
    service = services.report_start

    def get_success_url(self) -> str:
        return str(redirect_to_job(self.result)["Location"])

    def get_failure_url(self) -> str:
        return reverse("recommendations:clusters")
