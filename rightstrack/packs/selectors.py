"""Reads for packs: the list, one pack, and a pack's sources loaded in a fixed number of queries.

``pack_sources`` is what a build reads: the covered bodies, their reports in the cycle that the builder may
see, every section text and figure of those reports, and the template's outline — seven queries whatever
the number of reports (``benchmarks/bench_pack.py`` checks it).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from rightstrack.bodies.models import Body
from rightstrack.core.registry import pack_parts, resolve
from rightstrack.core.scope import scoped
from rightstrack.core.text import vi_sort_key
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.models import (
    Report,
    ReportFigure,
    ReportSection,
    TemplateIndicator,
    TemplateSection,
)


def pack_list() -> QuerySet[ConsolidatedPack]:
    return ConsolidatedPack.objects.select_related("cycle", "conference", "organiser", "region", "created_by")


def pack_detail() -> QuerySet[ConsolidatedPack]:
    return pack_list().prefetch_related("bodies", "presenting")


@dataclass
class SourceReport:
    report: Report
    sections: dict[int, str] = field(default_factory=dict)  # template section id → HTML
    figures: dict[int, Decimal | None] = field(default_factory=dict)  # indicator id → value


@dataclass
class PackSources:
    pack: ConsolidatedPack
    bodies: list[Body]  # presenting bodies first, then by name
    presenting: set[int]
    reports: dict[int, SourceReport]  # body id → its report in the cycle (any status the builder may see)
    sections: list[TemplateSection]
    indicators: list[TemplateIndicator]
    today: datetime.date
    # What other apps add to the pack (``core.registry.PackPart``: the implementation of directives), built
    # here from the included reports so that the content hash covers them.
    parts: list[dict[str, Any]] = field(default_factory=list)

    def versions(self) -> dict[str, int]:
        return {str(source.report.pk): source.report.version for source in self.reports.values()}


def pack_bodies(pack: ConsolidatedPack) -> tuple[list[Body], set[int]]:
    """The covered bodies, presenting ones first (each group by name), and the presenting ids."""
    presenting = set(pack.presenting.values_list("pk", flat=True))
    bodies = sorted(
        pack.bodies.select_related("unit"),
        key=lambda body: (body.pk not in presenting, vi_sort_key(body.name), body.pk),
    )
    return bodies, presenting


def pack_sources(pack: ConsolidatedPack, *, user: Any) -> PackSources:
    """Everything a build reads. With ``user`` None (the command line) every report is read."""
    bodies, presenting = pack_bodies(pack)
    reports_qs = Report.objects.filter(cycle_id=pack.cycle_id, body_id__in=[b.pk for b in bodies])
    if user is not None:
        reports_qs = scoped(user, reports_qs)
    reports = {r.body_id: SourceReport(report=r) for r in reports_qs.select_related("cycle", "body")}
    by_report = {source.report.pk: source for source in reports.values()}
    ids = list(by_report)
    for report_id, section_id, html in ReportSection.objects.filter(report_id__in=ids).values_list(
        "report_id", "section_id", "html"
    ):
        by_report[report_id].sections[section_id] = html
    for report_id, indicator_id, value in ReportFigure.objects.filter(report_id__in=ids).values_list(
        "report_id", "indicator_id", "value"
    ):
        by_report[report_id].figures[indicator_id] = value
    template_id = pack.cycle.template_id
    sections = list(TemplateSection.objects.filter(template_id=template_id).order_by("order"))
    indicators = list(TemplateIndicator.objects.filter(template_id=template_id).order_by("order"))
    included = {
        body_id: source.report.pk
        for body_id, source in reports.items()
        if source.report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
    }
    parts = [
        built
        for part in pack_parts()
        if (built := resolve(part.build)(cycle=pack.cycle, bodies=[b.pk for b in bodies], reports=included))
    ]
    return PackSources(
        pack=pack,
        bodies=bodies,
        presenting=presenting,
        reports=reports,
        sections=sections,
        indicators=indicators,
        today=timezone.localdate(),
        parts=parts,
    )


def current_versions(pack: ConsolidatedPack, *, user: Any) -> dict[str, int]:
    """Each covered report's version now: one query, for the stale flag."""
    reports = Report.objects.filter(cycle_id=pack.cycle_id, body__in=pack.bodies.all())
    if user is not None:
        reports = scoped(user, reports)
    return {str(pk): version for pk, version in reports.values_list("pk", "version")}


def pack_is_stale(pack: ConsolidatedPack, *, user: Any) -> bool:
    """Built, and a source report has changed (saved, submitted, returned, accepted) or appeared since."""
    return pack.is_built and current_versions(pack, user=user) != (pack.source_versions or {})


def packs_by_cycle(*, user: Any) -> dict[int, list[ConsolidatedPack]]:
    grouped: dict[int, list[ConsolidatedPack]] = defaultdict(list)
    for pack in scoped(user, pack_list()):
        grouped[pack.cycle_id].append(pack)
    return grouped
