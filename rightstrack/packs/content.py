"""What a pack says, built from its sources: plain JSON, stored on the pack, rendered by the web page and the
file writers alike (``render.py``).

```
{"format": 1, "cycle": {...}, "bodies": [{id, name, presenting, status, late, report, submitted_on}],
 "missing": [names], "late": [names], "not_submitted": [names],
 "areas": [{key, title, level, entries: [{body, name, presenting, html, report, url}]}],
 "figures": [{key, label, unit, decimals, sums, values: {body id: number}, total, median, outliers: [ids]}],
 "themes": [{key, title, groups: [{text, count, sources, authority, members: [{text, body, name, url}]}]}],
 "grouping": {"version", "threshold"}}
```

Only submitted and accepted reports give text and figures; every covered body is in the status list, and a
body without a submitted report is named (never sent / not submitted / late).
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.core.jobs.registry import Progress
from rightstrack.core.text import fold
from rightstrack.exchange.html import html_has_text, html_to_text
from rightstrack.nlp import grouping
from rightstrack.packs.choices import SourceStatus
from rightstrack.packs.selectors import PackSources, SourceReport
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.content import localized

CONTENT_FORMAT = 1
INCLUDED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class Theme:
    """A part of the pack that groups statements across provinces, and the template sections it reads: by
    key (the default template's), else by words in the section's title (another country's template)."""

    def __init__(self, key: str, title: str, keys: tuple[str, ...], words: tuple[str, ...]) -> None:
        self.key, self.title, self.keys, self.words = key, title, keys, words

    def reads(self, key: str, title: str, title_en: str) -> bool:
        if key in self.keys:
            return True
        folded = f"{fold(title)} {fold(title_en)}"
        return any(word in folded for word in self.words)


THEMES = (
    Theme(
        "shortcomings",
        gettext_noop("Recurring shortcomings and difficulties"),
        ("limitations", "difficulties"),
        ("han che", "thieu sot", "kho khan", "vuong mac", "limitation", "shortcoming", "difficult"),
    ),
    Theme(
        "proposals",
        gettext_noop("Proposals to higher authorities"),
        ("proposals",),
        ("kien nghi", "de xuat", "proposal", "recommendation"),
    ),
    Theme(
        "lessons",
        gettext_noop("Lessons learned"),
        ("lessons",),
        ("bai hoc", "kinh nghiem", "lesson"),
    ),
)


# Status ----------------------------------------------------------------------------------------------------


def source_status(source: SourceReport | None) -> str:
    if source is None:
        return SourceStatus.MISSING
    return str(source.report.status)


def _is_late(source: SourceReport | None, deadline: Any, today: Any) -> bool:
    if source is None:
        return today > deadline
    return source.report.is_late(today)


# Figures ---------------------------------------------------------------------------------------------------


def median(values: list[Decimal]) -> Decimal | None:
    return statistics.median(values) if values else None


def outliers(values: dict[int, Decimal]) -> list[int]:
    """Bodies whose value lies outside Tukey's fences (1.5 × the interquartile range beyond the quartiles);
    none with fewer than four values, where quartiles mean little."""
    if len(values) < 4:
        return []
    ordered = sorted(values.values())
    q1, _q2, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    spread = q3 - q1
    low, high = q1 - Decimal("1.5") * spread, q3 + Decimal("1.5") * spread
    return [body for body, value in values.items() if value < low or value > high]


def _number(value: Decimal | None) -> str | None:
    """Decimals travel as strings in JSON (exact), normalised: "12.50" → "12.5"."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


# Building --------------------------------------------------------------------------------------------------


def content_hash(sources: PackSources) -> str:
    """A hash of everything the content is made from: the covered bodies and their order, each included
    report's status, lateness, texts and figures, and the grouping method."""
    digest = hashlib.sha256()
    cycle = sources.pack.cycle
    header = {
        "format": CONTENT_FORMAT,
        "cycle": [cycle.pk, str(cycle.deadline), cycle.template_id],
        "bodies": [[b.pk, b.name, b.pk in sources.presenting] for b in sources.bodies],
        "grouping": [grouping.MODEL_VERSION, grouping.DEFAULT_THRESHOLD],
        "language": localized("vi", "en"),
        "parts": sources.parts,
    }
    digest.update(json.dumps(header, sort_keys=True).encode())
    for body in sources.bodies:
        source = sources.reports.get(body.pk)
        status = source_status(source)
        late = _is_late(source, cycle.deadline, sources.today)
        digest.update(f"\x00{body.pk}:{status}:{late}".encode())
        if source is not None and status in INCLUDED:
            for section_id in sorted(source.sections):
                digest.update(f"\x01{section_id}\x02".encode() + source.sections[section_id].encode())
            for indicator_id in sorted(source.figures):
                digest.update(f"\x03{indicator_id}={source.figures[indicator_id]}".encode())
    return digest.hexdigest()


def _report_url(report_id: int, key: str = "") -> str:
    url = reverse("reporting:report_detail", args=[report_id])
    return f"{url}#section-{key}" if key else url


def build_content(
    sources: PackSources,
    *,
    progress: Progress | None = None,
    adapter: grouping.Similarity | None = None,
    threshold: float = grouping.DEFAULT_THRESHOLD,
) -> dict[str, Any]:
    """The pack's content from its sources (see the module's docstring for the shape)."""
    step: Callable[..., None] = progress.advance if progress is not None else (lambda *a, **k: None)
    cycle = sources.pack.cycle
    included: list[tuple[Any, SourceReport]] = []
    bodies: list[dict[str, Any]] = []
    for body in sources.bodies:
        source = sources.reports.get(body.pk)
        status = source_status(source)
        late = _is_late(source, cycle.deadline, sources.today)
        submitted = source.report.first_submitted_at if source is not None else None
        bodies.append(
            {
                "id": body.pk,
                "name": localized(body.name, body.name_en),
                "presenting": body.pk in sources.presenting,
                "status": status,
                "late": late,
                "report": source.report.pk if source is not None else None,
                "submitted_on": timezone.localdate(submitted).isoformat() if submitted else None,
            }
        )
        if source is not None and status in INCLUDED:
            included.append((body, source))
    names: dict[int, str] = {entry["id"]: entry["name"] for entry in bodies}
    content: dict[str, Any] = {
        "format": CONTENT_FORMAT,
        "title": sources.pack.display_title,
        "cycle": {
            "id": cycle.pk,
            "name": cycle.display_name,
            "period_start": cycle.period_start.isoformat(),
            "period_end": cycle.period_end.isoformat(),
            "deadline": cycle.deadline.isoformat(),
        },
        "built_on": sources.today.isoformat(),
        "bodies": bodies,
        "included": len(included),
        "missing": [b["name"] for b in bodies if b["status"] == SourceStatus.MISSING],
        "not_submitted": [
            b["name"] for b in bodies if b["status"] in (ReportStatus.DRAFT, ReportStatus.RETURNED)
        ],
        "late": [b["name"] for b in bodies if b["late"]],
        "grouping": {"version": grouping.MODEL_VERSION, "threshold": threshold},
    }

    # The outline: every section, each included province's text under it (presenting provinces first).
    areas: list[dict[str, Any]] = []
    passages: dict[str, list[tuple[str, str, str]]] = {theme.key: [] for theme in THEMES}
    section_theme = {}
    for section in sources.sections:
        for theme in THEMES:
            if theme.reads(section.key, section.title, section.title_en):
                section_theme[section.pk] = theme.key
                break
    for section in sources.sections:
        areas.append(
            {
                "key": section.key,
                "title": section.display_title,
                "level": section.level,
                "entries": [],
            }
        )
    area_of = {section.pk: areas[index] for index, section in enumerate(sources.sections)}
    key_of = {section.pk: section.key for section in sources.sections}
    for body, source in included:
        for section in sources.sections:
            html = source.sections.get(section.pk, "")
            if not html_has_text(html):
                continue
            area_of[section.pk]["entries"].append(
                {
                    "body": body.pk,
                    "name": names[body.pk],
                    "presenting": body.pk in sources.presenting,
                    "html": html,
                    "report": source.report.pk,
                    "url": _report_url(source.report.pk, section.key),
                }
            )
            theme_key = section_theme.get(section.pk)
            if theme_key:
                passages[theme_key].append(
                    (html_to_text(html), str(body.pk), f"{source.report.pk}:{key_of[section.pk]}")
                )
        step(message=gettext_noop("Read: %(body)s"), body=names[body.pk])
    content["areas"] = areas

    # Figures: one row per indicator, a value per included province, totals, median, outliers.
    figures = []
    for indicator in sources.indicators:
        values: dict[int, Decimal] = {}
        for body, source in included:
            value = source.figures.get(indicator.pk)
            if value is not None:
                values[body.pk] = value
        total = sum(values.values(), Decimal(0)) if indicator.sums_across_bodies and values else None
        figures.append(
            {
                "key": indicator.key,
                "label": indicator.display_label,
                "unit": indicator.display_unit,
                "decimals": indicator.decimals,
                "sums": indicator.sums_across_bodies,
                "values": {str(body): _number(value) for body, value in values.items()},
                "count": len(values),
                "total": _number(total),
                "median": _number(median(list(values.values()))),
                "outliers": [str(body) for body in outliers(values)],
            }
        )
    content["figures"] = figures
    step(message=gettext_noop("Figures added up"))

    # The recurring points: statements grouped across provinces, ranked by how many share them.
    themes = []
    for theme in THEMES:
        statements = grouping.statements_from(passages[theme.key])
        groups = grouping.group_statements(statements, threshold=threshold, adapter=adapter)
        themes.append(
            {
                "key": theme.key,
                "title": _(theme.title),
                "statements": len(statements),
                "groups": [_group_json(group, names, theme.key == "proposals") for group in groups],
            }
        )
        step(message=gettext_noop("Grouped: %(part)s"), part=_(theme.title))
    content["themes"] = themes
    # Parts other apps add (the implementation of directives), as their apps built them.
    content["parts"] = sources.parts
    return content


def _group_json(group: grouping.Group, names: dict[int, str], proposals: bool) -> dict[str, Any]:
    members = []
    for member in group.members:
        report_id, section_key, _number_in_section = member.key.split(":")
        members.append(
            {
                "text": member.text,
                "body": int(member.source),
                "name": names[int(member.source)],
                "url": _report_url(int(report_id), section_key),
            }
        )
    authorities: list[str] = []
    if proposals:
        for member in group.members:
            found = grouping.addressee(member.text)
            if found and found not in authorities:
                authorities.append(found)
    return {
        "text": group.representative.text,
        "count": group.source_count,
        "sources": [names[int(source)] for source in group.sources],
        "cohesion": group.cohesion,
        "authorities": authorities,
        "members": members,
    }
