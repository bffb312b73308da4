"""A report's revisions and what changed between two of them, section by section."""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rightstrack.core.numbers import format_number
from rightstrack.exchange.html import html_to_text
from rightstrack.reporting.choices import RevisionReason
from rightstrack.reporting.content import text_diff
from rightstrack.reporting.models import Report, ReportRevision, TemplateIndicator, TemplateSection


def report_revisions(report: Report, *, content: bool = False) -> QuerySet[ReportRevision]:
    """The report's revisions, newest first; without their content (``snapshot``, the whole report each)
    unless ``content``: the lists show only who, when and why."""
    revisions = ReportRevision.objects.filter(report=report).select_related("created_by").order_by("-number")
    return revisions if content else revisions.defer("snapshot")


SINCE_RETURNED = "returned"
LAST_SUBMISSIONS = "submissions"
LATEST_TWO = "latest"


def default_comparison(revisions: list[ReportRevision]) -> tuple[ReportRevision, ReportRevision, str]:
    """Which two versions "Compare" opens on (``revisions`` newest first, at least two): what changed since
    the report was last returned; else between its last two submissions; else its last two versions. The
    third value names the choice."""
    newest = revisions[0]
    returned = next((r for r in revisions if r.reason == RevisionReason.RETURN), None)
    if returned is not None and returned.number != newest.number:
        return returned, newest, SINCE_RETURNED
    submitted = [r for r in revisions if r.reason == RevisionReason.SUBMIT]
    if len(submitted) >= 2:
        return submitted[1], submitted[0], LAST_SUBMISSIONS
    return revisions[1], newest, LATEST_TWO


class SectionDiff(NamedTuple):
    """One changed part of a report between two revisions: its title and a unified text diff."""

    title: str
    diff: str


def _shown(value: str, decimals: int) -> str:
    """A figure of a snapshot (plain text) as the reader writes numbers; as it is if it is not one."""
    try:
        return format_number(value, get_language() or "vi", decimals=decimals)
    except (ArithmeticError, ValueError):
        return value


def revision_diff(a: ReportRevision, b: ReportRevision) -> list[SectionDiff]:
    """What changed from revision ``a`` to ``b``, section by section in template order, then the figures and
    the unplaced text. Sections are compared as plain text; unchanged parts are left out."""
    template_id = a.report.template_id
    sections = TemplateSection.objects.filter(template_id=template_id).order_by("order")
    indicators = TemplateIndicator.objects.filter(template_id=template_id).order_by("order")
    before, after = a.snapshot or {}, b.snapshot or {}
    diffs: list[SectionDiff] = []
    for section in sections:
        old = html_to_text(before.get("sections", {}).get(section.key, ""))
        new = html_to_text(after.get("sections", {}).get(section.key, ""))
        if old != new:
            diffs.append(SectionDiff(section.display_title, text_diff(old, new)))
    figure_lines = []
    for indicator in indicators:
        old_value = before.get("figures", {}).get(indicator.key) or ""
        new_value = after.get("figures", {}).get(indicator.key) or ""
        if old_value != new_value:
            old_shown, new_shown = (_shown(value, indicator.decimals) for value in (old_value, new_value))
            figure_lines.append(f"{indicator.display_label}: {old_shown} → {new_shown}")
    if figure_lines:
        diffs.append(SectionDiff(_("Figures"), "\n".join(figure_lines)))
    old_unplaced = html_to_text(before.get("unplaced", ""))
    new_unplaced = html_to_text(after.get("unplaced", ""))
    if old_unplaced != new_unplaced:
        diffs.append(
            SectionDiff(_("Text not yet placed in a section"), text_diff(old_unplaced, new_unplaced))
        )
    return diffs
