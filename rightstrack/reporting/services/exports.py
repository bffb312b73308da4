"""What goes in a report's Word, PDF and Excel files; ``rightstrack.exchange`` lays them out.

``export_report`` turns a report into an ``ExportReport`` (titles, labels and status in one language);
``report_document`` turns that into the neutral ``exchange.document.Document`` every writer takes. The
figures workbook and the dashboard workbook are described here as columns and rows for ``exchange.xlsx``.
Reading the reports (and scoping them) is the caller's business: these functions take what they are given.
Labels ("Figures", "Period"...) are translated in the active language: wrap a call in
``translation.override(report.language)`` to export in the report's language.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from rightstrack.bodies.models import Body
from rightstrack.core.text import ascii_file_name
from rightstrack.exchange.document import (
    Document,
    Number,
    Section,
    Table,
    as_number,
    format_date,
    format_number,
)
from rightstrack.exchange.docx_writer import document_to_docx, files_to_zip
from rightstrack.exchange.official import OfficialHeading
from rightstrack.exchange.pdf import document_to_html, document_to_pdf
from rightstrack.exchange.specs import IndicatorSpec
from rightstrack.exchange.xlsx import Column, Sheet, sheet_to_xlsx
from rightstrack.places.choices import UnitLevel
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.content import localized
from rightstrack.reporting.extensions import extra_html
from rightstrack.reporting.models import Report, ReportingCycle, ReportTemplate

if TYPE_CHECKING:
    from rightstrack.reporting.selectors import CycleDashboard


class ExportSection(NamedTuple):
    key: str
    title: str
    level: int  # 1 or 2, as in the template
    html: str


class ExportFigure(NamedTuple):
    label: str
    value: Number | str | None
    unit: str = ""


@dataclass(frozen=True)
class ExportReport:
    """One report as it is exported: the template's sections in order, with the report's text."""

    title: str
    body_name: str
    body_code: str
    cycle_name: str
    period_start: datetime.date
    period_end: datetime.date
    status: str  # the status as the reader should see it ("Đã nộp", "Submitted")
    sections: Sequence[ExportSection] = ()
    figures: Sequence[ExportFigure] = ()
    unplaced_html: str = ""
    language: str = "vi"
    official: OfficialHeading | None = None  # laid out as an administrative document (Decree 30/2020)
    file_stem: str = ""  # what its file is called, without the extension


@dataclass(frozen=True)
class FiguresRow:
    """One body's figures for the cycle; ``values`` maps indicator keys to numbers (missing: empty cell)."""

    body_name: str
    body_code: str
    status: str
    submitted_on: datetime.date | None = None  # a date in the reader's time zone (Excel has none)
    values: dict[str, Number | str | None] = field(default_factory=dict)


# One report ----------------------------------------------------------------------------------------------


def report_document(report: ExportReport, *, numbered: bool = True) -> Document:
    """The report as the writers take it: facts, the template's outline, the figures, the unplaced text."""
    period = " – ".join(format_date(day, report.language) for day in (report.period_start, report.period_end))
    tables = []
    if report.figures:
        tables.append(
            Table(
                title=_("Figures"),
                headers=(_("Indicator"), _("Value"), _("Unit of measure")),
                rows=[(f.label, format_number(f.value, report.language), f.unit) for f in report.figures],
                numeric=frozenset({1}),
            )
        )
    facts: tuple[tuple[str, str], ...] = (
        (_("Body"), report.body_name),
        (_("Reporting cycle"), report.cycle_name),
        (_("Period"), period),
        (_("Status"), report.status),
    )
    return Document(
        title=report.title,
        # The official heading already says who, what and when; a status has no place in a sent document.
        facts=() if report.official is not None else facts,
        sections=[Section(title=s.title, level=s.level, html=s.html, key=s.key) for s in report.sections],
        numbered=numbered,
        tables=tables,
        appendix=Section(title=_("Text not placed in any section"), level=1, html=report.unplaced_html),
        empty_text=_("(nothing written)"),
        language=report.language,
        subject=report.cycle_name,
        author=report.body_name,
        official=report.official,
    )


def report_to_docx(report: ExportReport, *, numbered: bool = True) -> bytes:
    """An editable Word document whose headings import back into the same sections."""
    return document_to_docx(report_document(report, numbered=numbered))


def report_to_html(report: ExportReport, *, numbered: bool = True) -> str:
    return document_to_html(report_document(report, numbered=numbered))


def report_to_pdf(report: ExportReport, *, numbered: bool = True) -> bytes:
    return document_to_pdf(report_document(report, numbered=numbered))


def cycle_to_zip(reports: Iterable[ExportReport]) -> bytes:
    """One DOCX per report, named after its province and period (made safe and unique)."""
    return files_to_zip(
        (report.file_stem or report.body_name, "docx", report_to_docx(report)) for report in reports
    )


# A cycle's workbooks --------------------------------------------------------------------------------------


def cycle_figures_to_xlsx(
    cycle_title: str, indicators: Sequence[IndicatorSpec], rows: Sequence[FiguresRow]
) -> bytes:
    """One sheet: a header row (body, code, status, submitted, then each indicator with its unit), one row per
    body with numbers as numbers, and a totals row for the indicators that add up across bodies."""
    columns = [
        Column(_("Body")),
        Column(_("Code"), width=14),
        Column(_("Status"), width=14),
        Column(_("Submitted on"), kind="date", width=14),
    ]
    columns += [
        Column(
            f"{i.label} ({i.unit})" if i.unit else i.label,
            kind="number",
            decimals=i.decimals,
            total=i.sums_across_bodies,
        )
        for i in indicators
    ]
    values = [
        [row.body_name, row.body_code, row.status, row.submitted_on]
        + [_figure(row, indicator) for indicator in indicators]
        for row in rows
    ]
    sheet = Sheet(
        title=cycle_title,
        columns=columns,
        rows=values,
        total_label=_("Total"),
        freeze="B2",
        styled_header=True,
    )
    return sheet_to_xlsx(sheet)


def _figure(row: FiguresRow, indicator: IndicatorSpec) -> Number | None:
    value = row.values.get(indicator.key)
    try:
        return as_number(value)
    except ValidationError as error:
        raise ValidationError(
            _("%(body)s, “%(indicator)s”: “%(value)s” is not a number; correct it before exporting.")
            % {"body": row.body_name, "indicator": indicator.label, "value": value},
            code="invalid_figure",
        ) from error


def dashboard_to_xlsx(board: CycleDashboard) -> bytes:
    """One row per participant: body, province, status, submitted on, late, last activity."""
    no_report = _("No report yet")
    yes, no = _("Yes"), _("No")
    rows = [
        [
            row.body.name,
            row.body.unit.name if row.body.unit else "",
            str(ReportStatus(row.status).label) if row.status else no_report,
            timezone.localtime(row.submitted_at).date() if row.submitted_at else None,
            yes if row.is_late else no,
            # Spreadsheets have no time zones: the local wall-clock time.
            timezone.localtime(row.last_activity_at).replace(tzinfo=None) if row.last_activity_at else None,
        ]
        for row in board.rows
    ]
    columns = [
        Column(_("Body"), width=48),
        Column(pgettext("spreadsheet column: the name of the province", "Province"), width=24),
        Column(_("Status"), width=22),
        Column(_("Submitted on"), kind="date", number_format="DD/MM/YYYY", width=14),
        Column(_("Late"), width=10),
        Column(_("Last activity"), kind="datetime", number_format="DD/MM/YYYY HH:MM", width=18),
    ]
    return sheet_to_xlsx(
        Sheet(
            title=_("Dashboard"),
            columns=columns,
            rows=rows,
            auto_filter=True,
            workbook_title=board.cycle.display_name,
        )
    )


# From the models ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def _language(language: str | None) -> Iterator[str]:
    if language:
        with translation.override(language):
            yield language
    else:
        yield translation.get_language() or "vi"


def export_report(
    report: Report, *, language: str | None = None, official: OfficialHeading | None = None
) -> ExportReport:
    """One report as the exporters take it: titles, labels and status in ``language`` (default: the active
    one), the template's sections in order with the report's text, the figures with their units.

    Load the report with ``selectors.report_detail()`` so its sections and figures are prefetched.
    """
    with _language(language) as active:
        rows = sorted(report.sections.all(), key=lambda row: row.section.order)
        # What other apps add to the sections (answers to tasks) reads as the section's own text.
        added = extra_html(report, section_keys=[row.section.key for row in rows])
        sections = [
            ExportSection(
                key=row.section.key,
                title=row.section.display_title,
                level=row.section.level,
                html=row.html
                + added.get(row.section.key, "")
                + (added.get("", "") if index == len(rows) - 1 else ""),
            )
            for index, row in enumerate(rows)
        ]
        figures = [
            ExportFigure(label=row.indicator.display_label, value=row.value, unit=row.indicator.display_unit)
            for row in sorted(report.figures.all(), key=lambda row: row.indicator.order)
        ]
        return ExportReport(
            title=report.template.display_name,
            body_name=localized(report.body.name, report.body.name_en),
            body_code=report.body.code,
            cycle_name=report.cycle.display_name,
            period_start=report.cycle.period_start,
            period_end=report.cycle.period_end,
            status=str(report.get_status_display()),
            sections=sections,
            figures=figures,
            unplaced_html=report.unplaced_html,
            language=active,
            official=official,
            file_stem=report_file_stem(report),
        )


def export_indicators(template: ReportTemplate, *, language: str | None = None) -> list[IndicatorSpec]:
    """The columns of a cycle's figures workbook: the template's indicators in order."""
    with _language(language):
        return [
            IndicatorSpec(
                key=indicator.key,
                label=indicator.display_label,
                unit=indicator.display_unit,
                sums_across_bodies=indicator.sums_across_bodies,
                decimals=indicator.decimals,
            )
            for indicator in template.indicators.order_by("order")
        ]


def figures_rows(reports: Iterable[Report], *, language: str | None = None) -> list[FiguresRow]:
    """One workbook row per report: body, status, local date first submitted, figures by indicator key."""
    with _language(language):
        return [
            FiguresRow(
                body_name=localized(report.body.name, report.body.name_en),
                body_code=report.body.code,
                status=str(report.get_status_display()),
                submitted_on=(
                    timezone.localdate(report.first_submitted_at) if report.first_submitted_at else None
                ),
                values={row.indicator.key: row.value for row in report.figures.all()},
            )
            for report in reports
        ]


def cycle_figures_xlsx(
    cycle: ReportingCycle, reports: Sequence[Report], *, language: str | None = None
) -> bytes:
    """The cycle's figures as one XLSX sheet: a row per report given, totals where indicators add up."""
    with _language(language):
        return cycle_figures_to_xlsx(
            cycle.display_name, export_indicators(cycle.template), figures_rows(reports)
        )


# File names ---------------------------------------------------------------------------------------------


def period_slug(cycle: ReportingCycle) -> str:
    """The cycle's period as a file name says it: "2024" for a calendar year, "2025-01-2025-06" otherwise."""
    start, end = cycle.period_start, cycle.period_end
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year)
    return f"{start:%Y-%m}-{end:%Y-%m}"


def place_slug(body: Body) -> str:
    """The province (or other unit) a body works for; a national body's own name."""
    unit = body.unit
    name = unit.name if unit is not None and unit.level != UnitLevel.COUNTRY else body.name
    return ascii_file_name(name, default="report").lower()


# Words of file names (translated into the site's language when a name is made).
REPORT_WORD = gettext_noop("human rights report")
REPORTS_WORD = gettext_noop("human rights reports")
FIGURES_WORD = gettext_noop("figures")


def _name_word(text: str, default: str) -> str:
    """A word of a file name, in the site's language whoever downloads it: the same file has one name."""
    with translation.override(settings.LANGUAGE_CODE):
        return ascii_file_name(_(text), default=default).lower()


def report_file_stem(report: Report) -> str:
    """What people call the file: kind, period and province ("bao-cao-nhan-quyen-2024-ho-chi-minh"), never
    an internal code."""
    kind = _name_word(REPORT_WORD, "report")
    return f"{kind}-{period_slug(report.cycle)}-{place_slug(report.body)}"


def cycle_file_stem(cycle: ReportingCycle) -> str:
    return f"{_name_word(REPORTS_WORD, 'reports')}-{period_slug(cycle)}"


def figures_file_name(cycle: ReportingCycle) -> str:
    """The cycle's figures workbook: "bao-cao-nhan-quyen-2024-so-lieu.xlsx"."""
    return f"{cycle_file_stem(cycle)}-{_name_word(FIGURES_WORD, 'figures')}.xlsx"


def export_file_name(report: Report, extension: str) -> str:
    return f"{report_file_stem(report)}.{extension}"
