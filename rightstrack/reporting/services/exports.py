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
from typing import TYPE_CHECKING, Any, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from rightstrack.bodies.models import Body, Letterhead, Membership
from rightstrack.bodies.selectors import LetterheadValues, letterhead_values, signer_lines
from rightstrack.bodies.services import letterhead_save
from rightstrack.core.scope import ensure_can
from rightstrack.core.text import ascii_file_name, fold
from rightstrack.core.types import Actor
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
from rightstrack.exchange.official import DEFAULT_KIND, OfficialHeading
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


# The official format (Decree 30/2020/NĐ-CP) ---------------------------------------------------------------


@dataclass(frozen=True)
class OfficialChoices:
    """What the person exporting chose for the heading and closing (the export form, the API, a job)."""

    issuing_name: str
    parent_name: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: datetime.date | None = None
    summary: str = ""
    recipients: str = ""  # one a line
    signer: Membership | None = None
    signer_authority: str = ""
    signer_position: str = ""
    signer_name: str = ""

    def heading(self) -> OfficialHeading:
        """The heading; signer lines left blank are those of the chosen seat."""
        authority, position, name = self.signer_authority, self.signer_position, self.signer_name
        if self.signer is not None:
            seat = signer_lines(self.signer)
            authority, position, name = authority or seat[0], position or seat[1], name or seat[2]
        return OfficialHeading(
            issuing_body=self.issuing_name,
            parent_body=self.parent_name,
            number=self.number,
            symbol=self.symbol,
            place=self.place,
            date=self.date,
            kind=DEFAULT_KIND,
            summary=self.summary,
            recipients=[line for line in self.recipients.splitlines() if line.strip()],
            signer_authority=authority,
            signer_position=position,
            signer_name=name,
        )

    def to_json(self) -> dict[str, object]:
        """For a job's parameters (the PDF is laid out in the background)."""
        data: dict[str, object] = {
            name: getattr(self, name) for name in self.__dataclass_fields__ if name not in ("date", "signer")
        }
        data["date"] = self.date.isoformat() if self.date else None
        data["signer"] = self.signer.pk if self.signer else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, object], *, body: Body) -> OfficialChoices:
        """Back from a job's parameters; the signer is looked up in the body again (gone: none)."""
        values = {name: str(data.get(name) or "") for name in cls.__dataclass_fields__}
        signer_id = data.get("signer")
        signer = Membership.objects.filter(body=body, pk=int(str(signer_id or 0))).select_related(
            "person", "body__unit"
        )
        day = data.get("date")
        return cls(
            **{k: v for k, v in values.items() if k not in ("date", "signer")},
            date=datetime.date.fromisoformat(str(day)) if day else None,
            signer=signer.first() if signer_id else None,
        )


def default_summary(cycle: ReportingCycle) -> str:
    """The summary under "BÁO CÁO": the cycle's Vietnamese name without a leading "Báo cáo" (the kind says
    it already): "Báo cáo công tác nhân quyền năm 2024" → "Công tác nhân quyền năm 2024"."""
    name = " ".join(cycle.name.split())
    kind = fold(DEFAULT_KIND)
    if fold(name).startswith(kind + " "):
        rest = name[len(kind) + 1 :].strip()
        return rest[:1].upper() + rest[1:]
    return name


def official_choices(report: Report, *, day: datetime.date) -> OfficialChoices:
    """What the export form offers: the body's remembered letterhead (or suggestions), today, the cycle.

    Where the letterhead says nothing (a value it does not remember, or only a suggestion of the data), the
    imported Word letter (``Report.letter``) says it: its number and symbol, place, date, signer, bodies and
    recipients, as the province wrote them.
    """
    values: LetterheadValues = letterhead_values(report.body, day=day)
    letter: dict[str, Any] = report.letter or {}

    def choose(kept: str, imported: str) -> str:
        return kept if kept and values.remembered else (imported or kept)

    imported_date = None
    if letter.get("date"):
        try:
            imported_date = datetime.date.fromisoformat(str(letter["date"]))
        except ValueError:
            imported_date = None
    signer, authority, position, name = (
        values.signer,
        values.signer_authority,
        values.signer_position,
        values.signer_name,
    )
    if letter.get("signer_name") and not (values.remembered and values.signer_name):
        signer, name = None, str(letter["signer_name"])
        authority = " ".join(str(letter.get("signer_authority", "")).split())
        position = " ".join(str(letter.get("signer_position", "")).split())
    recipients = values.recipients
    if letter.get("recipients") and not (values.remembered and values.recipients):
        recipients = [str(line) for line in letter["recipients"]]
    return OfficialChoices(
        issuing_name=choose(values.issuing_name, str(letter.get("issuing_body", ""))),
        parent_name=choose(values.parent_name, str(letter.get("parent_body", ""))),
        number=str(letter.get("number", "")),
        symbol=choose(values.symbol, str(letter.get("symbol", ""))),
        place=choose(values.place, str(letter.get("place", ""))),
        date=imported_date or day,
        summary=default_summary(report.cycle),
        recipients="\n".join(recipients),
        signer=signer,
        signer_authority=authority,
        signer_position=position,
        signer_name=name,
    )


def report_official_heading(report: Report, *, day: datetime.date) -> OfficialHeading:
    """The heading a report gets without anyone choosing (a cycle's ZIP): its body's letterhead, today."""
    return official_choices(report, day=day).heading()


@transaction.atomic
def report_official_remember(*, actor: Actor, report: Report, choices: OfficialChoices) -> bool:
    """Keep what was chosen as the report's body's letterhead for its next official document, when the
    actor may change that letterhead (its own focal point, the secretariat, an administrator); anyone
    else who may read the report exports with their choices, remembered for nobody. True when kept."""
    ensure_can(actor, "reporting.view_report", report)
    if choices.signer is not None and choices.signer.body_id != report.body_id:
        raise ValidationError({"signer": _("The signer must hold a seat in this body.")}, code="invalid")
    probe = Letterhead(body=report.body)
    if not actor.has_perm("bodies.change_letterhead", probe):
        return False
    letterhead_save(
        actor=actor,
        body=report.body,
        parent_name=choices.parent_name,
        issuing_name=choices.issuing_name,
        symbol=choices.symbol,
        place=choices.place,
        recipients=choices.recipients,
        signer=choices.signer,
        signer_authority=choices.signer_authority,
        signer_position=choices.signer_position,
        signer_name=choices.signer_name,
    )
    return True
