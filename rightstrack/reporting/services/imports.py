"""Word in for a report: check and parse a file into a plan against the report's template, then save it.

``import_plan`` checks a file, parses it and matches it to a report's sections (with the user's moves);
``import_apply`` saves a confirmed plan through ``report_import_content``. The file format is
``rightstrack.exchange``'s business; the template's outline and the report are this app's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO

from rightstrack.accounts.models import User
from rightstrack.exchange.import_plan import ImportPlan, apply_moves, import_docx
from rightstrack.exchange.specs import SectionSpec
from rightstrack.exchange.uploads import DEFAULT_MAX_BYTES, DOCX, check_upload
from rightstrack.reporting.models import Report, ReportTemplate
from rightstrack.reporting.services.reports import ensure_editable, report_import_content, stale_error
from rightstrack.reporting.specs import specs_of

IMPORT_MAX_BYTES = DEFAULT_MAX_BYTES


def import_sections(template: ReportTemplate) -> list[SectionSpec]:
    """The template's sections in order, as the Word importer matches them (titles, aliases, parents)."""
    return specs_of(template)[0]


def import_plan(
    report: Report,
    file: IO[bytes],
    *,
    moves: Mapping[str, str] | None = None,
    max_bytes: int = IMPORT_MAX_BYTES,
) -> ImportPlan:
    """Check ``file`` (by content and size, before reading it whole), parse it, match its headings to the
    report's sections, then apply ``moves`` (part id → section key or ``import_plan.UNPLACED``).

    Raises ``ValidationError`` (with the upload check's or the importer's ``code``) for a file that is not a
    readable Word document, is over the parsing budget or has no headings, and for a move to an unknown part
    or section. Saves nothing.
    """
    check_upload(file, allowed={DOCX}, max_bytes=max_bytes)
    data = file.read()
    file.seek(0)
    plan = import_docx(data, import_sections(report.template), max_bytes=max_bytes)
    return apply_moves(plan, moves) if moves else plan


def import_check(file: IO[bytes], *, max_bytes: int = IMPORT_MAX_BYTES) -> None:
    """The quick part of ``import_plan``: a Word document of an acceptable size, else ValidationError.
    Run where the file arrives, so a wrong file is refused at once rather than by the background job."""
    check_upload(file, allowed={DOCX}, max_bytes=max_bytes)
    file.seek(0)


def import_apply_check(*, report: Report, expected_version: int) -> None:
    """Before queuing an import to apply: ReportNotEditable, or StaleReport if the report moved past
    ``expected_version``. The job checks again when it saves (``import_apply``)."""
    ensure_editable(report)
    if report.version != expected_version:
        raise stale_error(report, {}, {})


def import_apply(*, actor: User | None, report: Report, plan: ImportPlan, expected_version: int) -> Report:
    """Save a confirmed plan as an import revision: matched sections replace those sections' text, the rest
    becomes the report's unplaced text, the letter's furniture (number, place and date, signer…) is kept in
    ``Report.letter``; other sections and the figures stay. StaleReport if the report moved
    past ``expected_version``; ReportNotEditable unless it is a draft or returned in an open cycle."""
    return report_import_content(
        actor=actor,
        report=report,
        expected_version=expected_version,
        sections=plan.assignments,
        figures={},
        unplaced_html=plan.unplaced_html,
        letter=plan.letter_details,
    )
