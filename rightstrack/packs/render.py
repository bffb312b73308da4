"""A pack's content as the document the writers take (``exchange``): Word (editable) and PDF, charts drawn
as pictures. The web page renders the same content with its own template and Chart.js.

Order: the cycle's status (who sent, who is late, who never sent), the template's outline with each
province's text (presenting provinces first, marked), the figures (one table: per-province values, totals,
medians, outliers flagged; charts), then the recurring shortcomings, the proposals and the lessons.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from html import escape
from typing import Any

from django.conf import settings
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _

from rightstrack.core.jobs.registry import Progress
from rightstrack.exchange import charts
from rightstrack.exchange.document import Document, Picture, Section, format_date, format_number
from rightstrack.exchange.docx_writer import document_to_docx
from rightstrack.exchange.official import OfficialHeading
from rightstrack.exchange.pdf import document_to_pdf
from rightstrack.packs.choices import SourceStatus

PRESENTING_MARK = "★"
OUTLIER_MARK = "▲"
OUTLIER_NOTE = gettext_noop("an outlier: more than 1.5 interquartile ranges beyond the quartiles")


def _language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def status_label(status: str) -> str:
    return str(SourceStatus(status).label) if status in SourceStatus.values else status


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{url}" if url.startswith("/") else url


def _names(names: list[str]) -> str:
    return ", ".join(escape(name) for name in names)


# The parts ----------------------------------------------------------------------------------------------


def status_section(content: dict[str, Any], language: str) -> Section:
    bodies = content["bodies"]
    counts = status_counts(content)
    parts = [
        "<p>"
        + escape(
            _(
                "%(covered)s bodies covered; %(included)s reports submitted or accepted are consolidated "
                "below."
            )
            % {"covered": len(bodies), "included": content["included"]}
        )
        + "</p>"
    ]
    if not content["included"]:
        parts.append(
            "<p><strong>"
            + escape(
                _("No report of this cycle has been submitted yet: the pack has no content to consolidate.")
            )
            + "</strong></p>"
        )
    for label, names in (
        (_("Never sent a report"), content["missing"]),
        (_("Not submitted yet (draft or returned)"), content["not_submitted"]),
        (_("Late (after the deadline, or still missing after it)"), content["late"]),
    ):
        if names:
            parts.append(f"<p><strong>{escape(label)} ({len(names)}):</strong> {_names(names)}.</p>")
    rows = "".join(
        "<tr><td>{name}{mark}</td><td>{status}</td><td>{late}</td><td>{date}</td></tr>".format(
            name=escape(b["name"]),
            mark=f" {PRESENTING_MARK}" if b["presenting"] else "",
            status=escape(status_label(b["status"])),
            late=escape(_("late")) if b["late"] else "",
            date=format_date(datetime.date.fromisoformat(b["submitted_on"]), language)
            if b["submitted_on"]
            else "",
        )
        for b in bodies
    )
    parts.append(
        "<table><thead><tr>"
        + "".join(
            f"<th>{escape(h)}</th>" for h in (_("Body"), _("Status"), _("Late"), _("First submitted on"))
        )
        + f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    if any(b["presenting"] for b in bodies):
        parts.append(
            f"<p><em>{PRESENTING_MARK} {escape(_('presents its report at the conference'))}</em></p>"
        )
    chart = charts.BarChart(
        title=_("Status of the cycle"),
        labels=[label for label, _count in counts],
        values=[count for _label, count in counts],
        language=language,
    )
    return Section(
        title=_("Status of the reports"),
        level=1,
        html="".join(parts),
        key="pack-status",
        pictures=[Picture(png=charts.bar_chart_png(chart), caption=_("Status of the cycle"))],
    )


def status_counts(content: dict[str, Any]) -> list[tuple[str, int]]:
    """(label, how many) for the status chart: accepted, submitted, not submitted, never sent, late."""
    bodies = content["bodies"]

    def count(status: str) -> int:
        return sum(1 for b in bodies if b["status"] == status)

    return [
        (_("Accepted"), count(SourceStatus.ACCEPTED)),
        (_("Submitted"), count(SourceStatus.SUBMITTED)),
        (_("Not submitted yet"), count(SourceStatus.DRAFT) + count(SourceStatus.RETURNED)),
        (_("Never sent a report"), count(SourceStatus.MISSING)),
        (_("Late"), sum(1 for b in bodies if b["late"])),
    ]


def area_sections(content: dict[str, Any]) -> list[Section]:
    sections = []
    for area in content["areas"]:
        parts = []
        for entry in area["entries"]:
            mark = f" {PRESENTING_MARK}" if entry["presenting"] else ""
            parts.append(f"<h4>{escape(entry['name'])}{mark}</h4>{entry['html']}")
        if not parts and area["level"] == 1 and _has_children(content, area):
            html = ""
        elif not parts:
            html = f"<p><em>{escape(_('No province wrote anything under this heading.'))}</em></p>"
        else:
            html = "".join(parts)
        sections.append(Section(title=area["title"], level=area["level"], html=html, key=area["key"]))
    return sections


def _has_children(content: dict[str, Any], area: dict[str, Any]) -> bool:
    areas = content["areas"]
    index = areas.index(area)
    return index + 1 < len(areas) and areas[index + 1]["level"] > area["level"]


def _value(value: str | None, decimals: int, language: str) -> str:
    if value is None:
        return "—"
    return format_number(Decimal(value).quantize(Decimal(1).scaleb(-decimals)), language)


def figures_table_html(content: dict[str, Any], language: str) -> str:
    """One table: a row per included body, a column per indicator; then the totals and the medians."""
    figures = content["figures"]
    bodies = [b for b in content["bodies"] if b["status"] in ("submitted", "accepted")]
    head = "".join(
        f"<th>{escape(f['label'])}{' (' + escape(f['unit']) + ')' if f['unit'] else ''}</th>" for f in figures
    )
    rows = []
    for body in bodies:
        cells = []
        for figure in figures:
            value = figure["values"].get(str(body["id"]))
            flag = f" {OUTLIER_MARK}" if str(body["id"]) in figure["outliers"] else ""
            cells.append(f"<td>{_value(value, figure['decimals'], language)}{flag}</td>")
        mark = f" {PRESENTING_MARK}" if body["presenting"] else ""
        rows.append(f"<tr><td>{escape(body['name'])}{mark}</td>{''.join(cells)}</tr>")
    totals = "".join(
        f"<td><strong>{_value(f['total'], f['decimals'], language) if f['sums'] else '—'}</strong></td>"
        for f in figures
    )
    medians = "".join(f"<td>{_value(f['median'], f['decimals'], language)}</td>" for f in figures)
    rows.append(f"<tr><td><strong>{escape(_('Total'))}</strong></td>{totals}</tr>")
    rows.append(f"<tr><td>{escape(_('Median'))}</td>{medians}</tr>")
    return (
        f"<table><thead><tr><th>{escape(_('Body'))}</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p><em>{OUTLIER_MARK} {escape(_(OUTLIER_NOTE))}"
        f"; {escape(_('Total: the sum over the bodies, for indicators that add up'))}.</em></p>"
    )


def figures_section(content: dict[str, Any], language: str, *, with_charts: bool = True) -> Section:
    figures = content["figures"]
    pictures = []
    if with_charts and figures and content["included"]:
        summed = [f for f in figures if f["sums"] and f["total"] is not None]
        if summed:
            chart = charts.BarChart(
                title=_("Totals per indicator"),
                labels=[f["label"] for f in summed],
                values=[Decimal(f["total"]) for f in summed],
                language=language,
            )
            pictures.append(Picture(png=charts.bar_chart_png(chart), caption=_("Totals per indicator")))
        bodies = [b for b in content["bodies"] if b["status"] in ("submitted", "accepted")]
        for figure in figures:
            if not figure["values"]:
                continue
            ids = [str(b["id"]) for b in bodies]
            chart = charts.BarChart(
                title=figure["label"] + (f" ({figure['unit']})" if figure["unit"] else ""),
                labels=[b["name"] for b in bodies],
                values=[Decimal(v) if (v := figure["values"].get(i)) is not None else None for i in ids],
                marked=frozenset(n for n, i in enumerate(ids) if i in figure["outliers"]),
                language=language,
                legend=_("Outlier"),
            )
            pictures.append(Picture(png=charts.bar_chart_png(chart), caption=figure["label"]))
    html = figures_table_html(content, language) if content["included"] else ""
    if not html:
        html = f"<p><em>{escape(_('No figures: no report has been submitted.'))}</em></p>"
    return Section(title=_("Figures"), level=1, html=html, key="pack-figures", pictures=pictures)


def theme_sections(content: dict[str, Any], *, link: Callable[[str], str] = _absolute) -> list[Section]:
    sections = []
    for theme in content["themes"]:
        shared = [g for g in theme["groups"] if g["count"] >= 2]
        single = [g for g in theme["groups"] if g["count"] < 2]
        parts = []
        if not theme["groups"]:
            parts.append(f"<p><em>{escape(_('Nothing was written on this in the reports.'))}</em></p>")
        elif shared:
            parts.append(
                "<p>"
                + escape(
                    _("%(groups)s points made by two or more provinces, the most shared first.")
                    % {"groups": len(shared)}
                )
                + "</p>"
            )
            parts.append("<ol>" + "".join(_group_item(g, link) for g in shared) + "</ol>")
        if single:
            parts.append(f"<h3>{escape(_('Raised by one province'))}</h3>")
            parts.append("<ul>" + "".join(_group_item(g, link) for g in single) + "</ul>")
        sections.append(
            Section(title=theme["title"], level=1, html="".join(parts), key=f"pack-{theme['key']}")
        )
    return sections


def _group_item(group: dict[str, Any], link: Callable[[str], str]) -> str:
    count = group["count"]
    who = ngettext("%(count)s province", "%(count)s provinces", count) % {"count": count}
    text = f"<strong>{escape(group['text'])}</strong> ({escape(who)}: {_names(group['sources'])})"
    if group.get("authorities"):
        text += f"<br><em>{escape(_('Addressed to'))}: {_names(group['authorities'])}</em>"
    members = "".join(
        f'<li>{escape(m["name"])}: “{escape(m["text"])}” <a href="{escape(link(m["url"]))}">'
        f"{escape(_('source'))}</a></li>"
        for m in group["members"]
    )
    return f"<li>{text}<ul>{members}</ul></li>"


def added_sections(content: dict[str, Any]) -> list[Section]:
    """The parts other apps add (``core.registry.PackPart``), each with its own title and HTML."""
    return [
        Section(title=part["title"], level=1, html=part["html"], key=f"pack-{part['key']}")
        for part in content.get("parts", [])
    ]


# The document -------------------------------------------------------------------------------------------


def pack_document(
    content: dict[str, Any], *, heading: OfficialHeading | None = None, progress: Progress | None = None
) -> Document:
    language = _language()
    cycle = content["cycle"]
    period = " – ".join(
        format_date(datetime.date.fromisoformat(cycle[key]), language)
        for key in ("period_start", "period_end")
    )
    sections = [status_section(content, language)]
    sections += area_sections(content)
    if progress is not None:
        progress.advance(message=gettext_noop("Drawing the charts…"))
    sections.append(figures_section(content, language))
    sections += theme_sections(content)
    sections += added_sections(content)
    return Document(
        title=content["title"],
        facts=(
            (_("Reporting cycle"), cycle["name"]),
            (_("Period"), period),
            (_("Deadline"), format_date(datetime.date.fromisoformat(cycle["deadline"]), language)),
            (_("Bodies covered"), str(len(content["bodies"]))),
            (_("Reports consolidated"), str(content["included"])),
            (_("Built on"), format_date(datetime.date.fromisoformat(content["built_on"]), language)),
        ),
        sections=sections,
        numbered=True,
        empty_text=_("(nothing written)"),
        language=language,
        subject=cycle["name"],
        author=str(getattr(settings, "SITE_NAME", "rightstrack")),
        official=heading,
    )


def pack_file(
    content: dict[str, Any],
    file_format: str,
    *,
    heading: OfficialHeading | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The pack as Word or PDF; with ``heading``, in the layout of an administrative document (Decree
    30/2020/NĐ-CP, ``exchange.official``), as the files a build writes are."""
    document = pack_document(content, heading=heading, progress=progress)
    if progress is not None:
        progress.advance(message=gettext_noop("Writing the file…"))
    if file_format != "pdf":
        return document_to_docx(document)

    def laid_out(done: int, parts: int) -> None:
        if progress is not None:  # the step stays: a long PDF is laid out in parts, each reported
            progress.advance(
                0,
                message=gettext_noop("Laying out the PDF: part %(part)s of %(parts)s…"),
                part=done,
                parts=parts,
            )

    return document_to_pdf(document, progress=laid_out)
