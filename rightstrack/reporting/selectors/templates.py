"""Reads of report templates: the list, the current version of a family, one template."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from rightstrack.reporting.models import ReportTemplate, TemplateIndicator, TemplateSection


def template_list() -> QuerySet[ReportTemplate]:
    return ReportTemplate.objects.annotate(
        section_count=Count("sections", distinct=True), report_count=Count("reports", distinct=True)
    ).order_by("family", "-version")


def template_current(family: str) -> ReportTemplate | None:
    return ReportTemplate.objects.filter(family=family, is_current=True).first()


def template_detail() -> QuerySet[ReportTemplate]:
    return ReportTemplate.objects.select_related("created_by").prefetch_related(
        Prefetch("sections", queryset=TemplateSection.objects.select_related("parent").order_by("order")),
        Prefetch("indicators", queryset=TemplateIndicator.objects.order_by("order")),
    )
