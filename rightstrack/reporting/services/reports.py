"""Writing a report's content under an optimistic lock, and its revisions (figures, attachments and
comments have their own modules).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.core.audit import audit_record
from rightstrack.core.scope import ensure_can
from rightstrack.exchange.html import sanitize_html
from rightstrack.reporting.choices import CycleStatus, RevisionReason
from rightstrack.reporting.exceptions import ReportNotEditable, StaleReport
from rightstrack.reporting.extensions import save_extensions
from rightstrack.reporting.models import (
    Report,
    ReportFigure,
    ReportRevision,
    ReportSection,
)
from rightstrack.reporting.selectors import report_content, report_content_and_changes
from rightstrack.reporting.services.figures import FigureInput, parse_figure

AUTOSAVE_MERGE_WINDOW = datetime.timedelta(minutes=10)
MAX_SECTION_CHARS = 200_000
# Tabs that pressing Tab used to type into the editor (before Tab left it): at the very start of a section,
# and at the end of a block, where they show nothing in HTML; a tab between words is the writer's own.
_INLINE_TAGS = r"(?:<(?:strong|em|u|a)(?:\s[^>]*)?>|</(?:strong|em|u|a)>)"
_LEADING_TABS = re.compile(rf"^((?:\s|<[^/>][^>]*>)*?(?:{_INLINE_TAGS})*)\t+")
_TRAILING_TABS = re.compile(rf"\t+((?:{_INLINE_TAGS})*)(?=</(?:p|h2|h3|h4|li|td|th|blockquote)>|<br\s*/?>|$)")


# Shared by the content and workflow services ---------------------------------------------------------


def lock_report(report: Report) -> Report:
    """Re-read the report under a row lock (PostgreSQL) with its cycle and body."""
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("cycle", "body", "template")
        .get(pk=report.pk)
    )


def commit_version(report: Report, *, read_version: int, fields: list[str]) -> None:
    """Write ``fields`` and the new ``report.version`` only if nobody moved past ``read_version`` meanwhile.

    The row lock already serialises writers on PostgreSQL; the compare-and-set makes the rule hold on any
    database: two writers that read the same version can never both win.
    """
    values = {name: getattr(report, name) for name in fields}
    updated = Report.objects.filter(pk=report.pk, version=read_version).update(
        version=report.version, **values
    )
    if not updated:
        raise stale_error(Report.objects.select_related("cycle", "body").get(pk=report.pk), {}, {})


def stale_error(report: Report, sections: Mapping[str, str], figures: Mapping[str, Any]) -> StaleReport:
    """The refusal of a save on an older version, with the current content and the version in which each part
    last changed (what ``services.conflicts.find_conflicts`` merges the refused input with)."""
    current, changed_in = report_content_and_changes(report)
    return StaleReport(
        report=report,
        sections=current["sections"],
        figures=current["figures"],
        attempted_sections=dict(sections),
        attempted_figures=dict(figures),
        changed_in=changed_in,
    )


def ensure_cycle_open(report: Report) -> None:
    if report.cycle.status != CycleStatus.OPEN:
        raise ReportNotEditable(
            _("The reporting cycle “%(cycle)s” is not open, so its reports cannot change."),
            code="cycle_not_open",
            params={"cycle": report.cycle.display_name},
        )


def ensure_editable(report: Report) -> None:
    """Only drafts and returned reports change: submitted and accepted ones are read-only to the province."""
    ensure_cycle_open(report)
    if not report.is_editable:
        raise ReportNotEditable(
            _(
                "This report is “%(status)s” and can no longer be edited. "
                "If it needs changes, ask the standing office to return it."
            ),
            code="read_only",
            params={"status": report.get_status_display()},
        )


def revision_write(
    *,
    report: Report,
    actor: User | None,
    reason: str,
    autosave: bool = False,
    content: dict[str, Any] | None = None,
) -> ReportRevision:
    """Record the report's content now. Consecutive autosaves by one person within ten minutes update their
    latest autosaved revision instead of adding one, so the history stays readable. ``content`` is the
    content as ``report_content`` reads it, when the caller holds it already (a save: two queries fewer)."""
    if content is None:
        content = report_content(report)
    latest = ReportRevision.objects.filter(report=report).order_by("-number").first()
    now = timezone.now()
    if (
        autosave
        and actor is not None
        and latest is not None
        and latest.autosave
        and latest.reason == RevisionReason.SAVE
        and latest.created_by_id == actor.pk
        and latest.status == report.status
        and now - latest.created_at <= AUTOSAVE_MERGE_WINDOW
    ):
        latest.snapshot = content
        latest.report_version = report.version
        latest.updated_at = now
        latest.save(update_fields=["snapshot", "report_version", "updated_at"])
        return latest
    return ReportRevision.objects.create(
        report=report,
        number=(latest.number + 1) if latest else 1,
        report_version=report.version,
        status=report.status,
        reason=reason,
        autosave=autosave,
        created_by=actor,
        created_at=now,
        updated_at=now,
        snapshot=content,
    )


# Saving content ---------------------------------------------------------------------------------------


def without_stray_tabs(html: str) -> str:
    """``html`` without the tabs the editor's Tab key used to leave behind (see ``_LEADING_TABS``)."""
    previous = None
    while previous != html:  # a tab may hide behind another tag once its neighbour is gone
        previous = html
        html = _TRAILING_TABS.sub(r"\1", _LEADING_TABS.sub(r"\1", html))
    return html


def _content_save(
    *,
    actor: User | None,
    report: Report,
    expected_version: int,
    sections: Mapping[str, str],
    figures: Mapping[str, FigureInput],
    unplaced_html: str | None,
    reason: str,
    autosave: bool,
    extensions: Mapping[str, Any] | None = None,
    letter: Mapping[str, Any] | None = None,
) -> Report:
    locked = lock_report(report)
    if locked.version != expected_version:
        raise stale_error(locked, sections, figures)
    ensure_editable(locked)

    # In template order, as report_content reads them: the revision below is written from these rows.
    section_rows = {
        row.section.key: row
        for row in ReportSection.objects.filter(report=locked)
        .select_related("section")
        .order_by("section__order")
    }
    figure_rows = {
        row.indicator.key: row
        for row in ReportFigure.objects.filter(report=locked)
        .select_related("indicator")
        .order_by("indicator__order")
    }
    errors: dict[str, list[ValidationError]] = {}
    new_html: dict[str, str] = {}
    for key, raw in sections.items():
        if key not in section_rows:
            errors.setdefault("sections", []).append(
                ValidationError(
                    _("This report has no section “%(key)s”."), code="unknown", params={"key": key}
                )
            )
            continue
        text = raw or ""
        if len(text) > MAX_SECTION_CHARS:
            errors.setdefault(f"sections.{key}", []).append(
                ValidationError(
                    _("“%(section)s” is too long: keep it under %(max)s characters or attach a document."),
                    code="too_long",
                    params={"section": section_rows[key].section.display_title, "max": MAX_SECTION_CHARS},
                )
            )
            continue
        new_html[key] = without_stray_tabs(sanitize_html(text))
    new_values: dict[str, Decimal | None] = {}
    for key, raw_value in figures.items():
        if key not in figure_rows:
            errors.setdefault("figures", []).append(
                ValidationError(
                    _("This report has no figure “%(key)s”."), code="unknown", params={"key": key}
                )
            )
            continue
        try:
            new_values[key] = parse_figure(figure_rows[key].indicator, raw_value)
        except ValidationError as error:
            errors.setdefault(f"figures.{key}", []).append(error)
    if errors:
        raise ValidationError(errors)  # every problem at once; nothing has been written
    # What other apps add to the sections (answers to tasks): saved in this transaction, so a refusal below
    # (a stale compare-and-set) undoes them too.
    extension_changes = save_extensions(actor=actor, report=locked, extensions=extensions)

    changed_sections = {k: v for k, v in new_html.items() if v != section_rows[k].html}
    changed_figures = {k: v for k, v in new_values.items() if v != figure_rows[k].value}
    new_unplaced = (
        without_stray_tabs(sanitize_html(unplaced_html))
        if unplaced_html is not None
        else locked.unplaced_html
    )
    new_letter = dict(letter) if letter else locked.letter  # an import without furniture keeps the last
    if (
        not changed_sections
        and not changed_figures
        and new_unplaced == locked.unplaced_html
        and new_letter == locked.letter
        and not extension_changes
    ):
        return locked

    now = timezone.now()
    before: dict[str, Any] = {
        "version": locked.version,
        "sections": {k: section_rows[k].html for k in changed_sections},
        "figures": {k: figure_rows[k].display_value or None for k in changed_figures},
    }
    after: dict[str, Any] = {
        "version": locked.version + 1,
        "sections": changed_sections,
        "figures": {k: (str(v) if v is not None else None) for k, v in changed_figures.items()},
    }
    if new_unplaced != locked.unplaced_html:
        before["unplaced"], after["unplaced"] = locked.unplaced_html, new_unplaced
    if new_letter != locked.letter:
        before["letter"], after["letter"] = locked.letter or None, new_letter
    if extension_changes:
        after["extensions"] = extension_changes
    # Each part that changes records the version it changes in: a stale save on a version not older than that
    # changes text nobody else touched since, and is no clash (services.conflicts.find_conflicts).
    read_version = locked.version
    new_version = read_version + 1
    for key, html in changed_sections.items():
        row = section_rows[key]
        row.html, row.updated_at, row.updated_by, row.changed_in = html, now, actor, new_version
    ReportSection.objects.bulk_update(
        [section_rows[k] for k in changed_sections], ["html", "updated_at", "updated_by", "changed_in"]
    )
    for key, value in changed_figures.items():
        figure_rows[key].value, figure_rows[key].changed_in = value, new_version
    ReportFigure.objects.bulk_update([figure_rows[k] for k in changed_figures], ["value", "changed_in"])

    if new_unplaced != locked.unplaced_html:
        locked.unplaced_html, locked.unplaced_changed_in = new_unplaced, new_version
    locked.version = new_version
    locked.letter = new_letter
    locked.last_activity_at = now
    commit_version(
        locked,
        read_version=read_version,
        fields=["unplaced_html", "unplaced_changed_in", "letter", "last_activity_at"],
    )
    content = {
        "sections": {key: row.html for key, row in section_rows.items()},
        "figures": {key: (row.display_value or None) for key, row in figure_rows.items()},
        "unplaced": locked.unplaced_html,
    }
    revision_write(report=locked, actor=actor, reason=reason, autosave=autosave, content=content)
    audit_record(
        obj=locked,
        action="imported" if reason == RevisionReason.IMPORT else "content_saved",
        before=before,
        after=after,
        actor=actor,
    )
    return locked


@transaction.atomic
def report_save(
    *,
    actor: User | None,
    report: Report,
    expected_version: int,
    sections: Mapping[str, str],
    figures: Mapping[str, FigureInput],
    autosave: bool = False,
    unplaced_html: str | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> Report:
    """Save the sections and figures given (others stay as they are) on top of ``expected_version``.

    ``extensions`` is what was typed in the boxes other apps add to the sections (``reporting.extensions``:
    answers to tasks), saved by those apps in this same transaction.

    Refuses a save on an older version (StaleReport, carrying the newer text and the refused input), a report
    that is not a draft or returned (ReportNotEditable), and bad figures or unknown keys (one ValidationError
    listing every problem). HTML is sanitised. A save that changes nothing writes nothing.
    """
    if actor is not None:
        ensure_can(actor, "reporting.change_report", report)
    return _content_save(
        actor=actor,
        report=report,
        expected_version=expected_version,
        sections=sections,
        figures=figures,
        unplaced_html=unplaced_html,
        reason=RevisionReason.SAVE,
        autosave=autosave,
        extensions=extensions,
    )


@transaction.atomic
def report_import_content(
    *,
    actor: User | None,
    report: Report,
    expected_version: int,
    sections: Mapping[str, str],
    figures: Mapping[str, FigureInput],
    unplaced_html: str = "",
    letter: Mapping[str, Any] | None = None,
) -> Report:
    """Write content read from a document (the Word importer): like a save, recorded as an import, with the
    text that matched no section kept in ``unplaced_html`` and the letter's furniture in ``letter``."""
    if actor is not None:
        ensure_can(actor, "reporting.change_report", report)
    return _content_save(
        actor=actor,
        report=report,
        expected_version=expected_version,
        sections=sections,
        figures=figures,
        unplaced_html=unplaced_html,
        reason=RevisionReason.IMPORT,
        autosave=False,
        letter=letter,
    )
