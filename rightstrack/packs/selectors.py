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
from rightstrack.conferences.models import ConferenceParticipant, ConferencePresentation
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


def presentation_order(pack: ConsolidatedPack) -> dict[int, int]:
    """A conference pack's presenters in the order they present at the conference (body id → position):
    one query; empty for another pack."""
    if pack.conference_id is None:
        return {}
    rows = ConferencePresentation.objects.filter(conference_id=pack.conference_id).order_by("order", "pk")
    return {body_id: position for position, body_id in enumerate(rows.values_list("body_id", flat=True))}


def pack_bodies(pack: ConsolidatedPack) -> tuple[list[Body], set[int]]:
    """The covered bodies, presenting ones first (in the conference's order of presentation, else by name),
    then the others by name; and the presenting ids."""
    presenting = set(pack.presenting.values_list("pk", flat=True))
    order = presentation_order(pack)
    last = len(order)
    bodies = sorted(
        pack.bodies.select_related("unit"),
        key=lambda body: (
            body.pk not in presenting,
            order.get(body.pk, last) if body.pk in presenting else last,
            vi_sort_key(body.name),
            body.pk,
        ),
    )
    return bodies, presenting


@dataclass(frozen=True)
class ConferenceBodies:
    """Who a conference pack should cover now: the conference's participants and its presenters in order."""

    participants: frozenset[int]
    presenters: tuple[int, ...]


def conference_bodies(pack: ConsolidatedPack) -> ConferenceBodies | None:
    """The conference's participants and presenters now (two queries); None for a pack of no conference."""
    if pack.conference_id is None:
        return None
    participants = ConferenceParticipant.objects.filter(conference_id=pack.conference_id)
    presenters = ConferencePresentation.objects.filter(conference_id=pack.conference_id).order_by(
        "order", "pk"
    )
    return ConferenceBodies(
        participants=frozenset(participants.values_list("body_id", flat=True)),
        presenters=tuple(presenters.values_list("body_id", flat=True)),
    )


def conference_changed(pack: ConsolidatedPack, content: dict[str, Any] | None = None) -> bool:
    """A conference pack whose built content no longer matches its conference: a participant added or
    removed, a presenter added, removed or moved in the order of presentation."""
    content = pack.content if content is None else content
    now = conference_bodies(pack)
    if now is None or content is None:
        return False
    built = content.get("bodies", [])
    if frozenset(b["id"] for b in built) != now.participants:
        return True
    return tuple(b["id"] for b in built if b["presenting"]) != tuple(
        body for body in now.presenters if body in now.participants
    )


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
    """Built, and a source report has changed (saved, submitted, returned, accepted) or appeared since, or
    (a conference's pack) the conference's participants or presenters changed since."""
    if not pack.is_built:
        return False
    return current_versions(pack, user=user) != (pack.source_versions or {}) or conference_changed(pack)


def packs_by_cycle(*, user: Any) -> dict[int, list[ConsolidatedPack]]:
    grouped: dict[int, list[ConsolidatedPack]] = defaultdict(list)
    for pack in scoped(user, pack_list()):
        grouped[pack.cycle_id].append(pack)
    return grouped
