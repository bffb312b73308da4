"""Between the reporting models and the Django-free Word, PDF and Excel modules; shared by pages, API and CLI.

In: ``import_sections`` gives the Word importer a template's outline; ``import_plan`` checks a file, parses it
and matches it to a report's sections (with the user's moves); ``import_apply`` saves a plan through the
service. Out: ``export_report`` turns a report into the ``exports.ExportReport`` written as DOCX or PDF;
``export_indicators`` and ``figures_rows`` feed a cycle's figures workbook (``cycle_figures_xlsx``).
Reading the reports (and scoping them) is the caller's business: these functions take what they are given.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO

from django.utils import timezone, translation

from rightstrack.accounts.models import User
from rightstrack.reporting import docx_import, exports
from rightstrack.reporting.content import localized
from rightstrack.reporting.models import Report, ReportingCycle, ReportTemplate
from rightstrack.reporting.services import report_import_content
from rightstrack.reporting.upload_checks import DEFAULT_MAX_BYTES, DOCX, check_upload

IMPORT_MAX_BYTES = DEFAULT_MAX_BYTES

# Word in ------------------------------------------------------------------------------------------------


def import_sections(template: ReportTemplate) -> list[docx_import.SectionSpec]:
    """The template's sections in order, as the Word importer matches them (titles, aliases, levels)."""
    rows = template.sections.select_related("parent").order_by("order")
    return [docx_import.SectionSpec.from_spec(row) for row in rows]


def import_plan(
    report: Report,
    file: IO[bytes],
    *,
    moves: Mapping[str, str] | None = None,
    max_bytes: int = IMPORT_MAX_BYTES,
) -> docx_import.ImportPlan:
    """Check ``file`` (by content and size, before reading it whole), parse it, match its headings to the
    report's sections, then apply ``moves`` (part id → section key or ``docx_import.UNPLACED``).

    Raises ``ValidationError`` (with the upload check's or the importer's ``code``) for a file that is not a
    readable Word document or has no headings, and for a move to an unknown part or section. Saves nothing.
    """
    check_upload(file, allowed={DOCX}, max_bytes=max_bytes)
    data = file.read()
    file.seek(0)
    plan = docx_import.import_docx(data, import_sections(report.template), max_bytes=max_bytes)
    return docx_import.apply_moves(plan, moves) if moves else plan


def import_check(file: IO[bytes], *, max_bytes: int = IMPORT_MAX_BYTES) -> None:
    """The quick part of ``import_plan``: a Word document of an acceptable size, else ValidationError.
    Run where the file arrives, so a wrong file is refused at once rather than by the background job."""
    check_upload(file, allowed={DOCX}, max_bytes=max_bytes)
    file.seek(0)


def import_apply(
    *, actor: User | None, report: Report, plan: docx_import.ImportPlan, expected_version: int
) -> Report:
    """Save a confirmed plan as an import revision: matched sections replace those sections' text, the rest
    becomes the report's unplaced text; other sections and the figures stay. StaleReport if the report moved
    past ``expected_version``; ReportNotEditable unless it is a draft or returned in an open cycle."""
    return report_import_content(
        actor=actor,
        report=report,
        expected_version=expected_version,
        sections=plan.assignments,
        figures={},
        unplaced_html=plan.unplaced_html,
    )


# Word, PDF and Excel out --------------------------------------------------------------------------------


@contextlib.contextmanager
def _language(language: str | None) -> Iterator[str]:
    if language:
        with translation.override(language):
            yield language
    else:
        yield translation.get_language() or "vi"


def export_report(report: Report, *, language: str | None = None) -> exports.ExportReport:
    """One report as the exporters take it: titles, labels and status in ``language`` (default: the active
    one), the template's sections in order with the report's text, the figures with their units.

    Load the report with ``selectors.report_detail()`` so its sections and figures are prefetched.
    """
    with _language(language) as active:
        sections = [
            exports.ExportSection(
                key=row.section.key,
                title=row.section.display_title,
                level=row.section.level,
                html=row.html,
            )
            for row in sorted(report.sections.all(), key=lambda row: row.section.order)
        ]
        figures = [
            exports.ExportFigure(
                label=row.indicator.display_label, value=row.value, unit=row.indicator.display_unit
            )
            for row in sorted(report.figures.all(), key=lambda row: row.indicator.order)
        ]
        return exports.ExportReport(
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
        )


def export_indicators(
    template: ReportTemplate, *, language: str | None = None
) -> list[exports.IndicatorSpec]:
    """The columns of a cycle's figures workbook: the template's indicators in order."""
    with _language(language):
        return [
            exports.IndicatorSpec(
                key=indicator.key,
                label=indicator.display_label,
                unit=indicator.display_unit,
                sums_across_bodies=indicator.sums_across_bodies,
                decimals=indicator.decimals,
            )
            for indicator in template.indicators.order_by("order")
        ]


def figures_rows(reports: Iterable[Report], *, language: str | None = None) -> list[exports.FiguresRow]:
    """One workbook row per report: body, status, local date first submitted, figures by indicator key."""
    with _language(language):
        return [
            exports.FiguresRow(
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
        return exports.cycle_figures_to_xlsx(
            cycle.display_name,
            export_indicators(cycle.template),
            figures_rows(reports),
        )


def export_file_name(report: Report, extension: str) -> str:
    """A safe, unique-per-report file name: cycle-<id>-<body code>.<extension>."""
    return f"cycle-{report.cycle_id}-{exports.safe_file_name(report.body.code)}.{extension}"
