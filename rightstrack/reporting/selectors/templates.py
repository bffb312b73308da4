"""Reads of report templates: the list, the current version of a family, one template."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from rightstrack.core.scope import scoped
from rightstrack.reporting.models import Report, ReportTemplate, TemplateIndicator, TemplateSection


def visible_report_count(user: Any) -> Coalesce:
    """The reports on a template (``OuterRef("pk")``) that ``user`` may see: a province counts its own,
    never the whole country's."""
    reports = scoped(user, Report.objects.filter(template=OuterRef("pk")))
    return Coalesce(Subquery(reports.order_by().values("template").annotate(n=Count("pk")).values("n")), 0)


def template_list(*, user: Any) -> QuerySet[ReportTemplate]:
    return ReportTemplate.objects.annotate(
        section_count=Count("sections", distinct=True), report_count=visible_report_count(user)
    ).order_by("family", "-version")


def template_current(family: str) -> ReportTemplate | None:
    return ReportTemplate.objects.filter(family=family, is_current=True).first()


def template_detail() -> QuerySet[ReportTemplate]:
    return ReportTemplate.objects.select_related("created_by").prefetch_related(
        Prefetch("sections", queryset=TemplateSection.objects.select_related("parent").order_by("order")),
        Prefetch("indicators", queryset=TemplateIndicator.objects.order_by("order")),
    )
