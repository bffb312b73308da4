"""The three-way merge of a refused save with the newer content: what clashes, what takes the newer value.

One implementation for every interface: the writing page (which shows the clashes beside the writer's text),
the autosave endpoint and the API's 409 (whose ``merge`` the editor script applies as it is).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from rightstrack.exchange.html import sanitize_html
from rightstrack.reporting.exceptions import StaleReport
from rightstrack.reporting.models import ReportRevision


def same_figure(a: Any, b: Any) -> bool:
    """Two figures are the same number however written ("1.5", "1,5", 1.5); else the same text."""

    def number(value: Any) -> Decimal | None:
        text = str(value if value is not None else "").strip().replace(",", ".")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    first, second = number(a), number(b)
    if first is None and second is None:
        return str(a or "").strip() == str(b or "").strip()
    return first == second


@dataclass
class Merge:
    """The outcome, by section key and indicator key: ``conflicts`` hold the newer value where both the writer
    and someone else changed it; ``refreshed`` the newer value where only someone else did (take it)."""

    version: int
    section_conflicts: dict[str, str] = field(default_factory=dict)
    figure_conflicts: dict[str, str] = field(default_factory=dict)
    unplaced_conflict: str | None = None
    refreshed_sections: dict[str, str] = field(default_factory=dict)
    refreshed_figures: dict[str, str] = field(default_factory=dict)
    refreshed_unplaced: str | None = None

    @property
    def conflict_count(self) -> int:
        return len(self.section_conflicts) + len(self.figure_conflicts) + (self.unplaced_conflict is not None)

    def as_dict(self) -> dict[str, Any]:
        """The JSON the editor script applies: ``conflicts`` to show, ``refreshed`` to take as they are."""
        return {
            "version": self.version,
            "conflicts": {
                "sections": self.section_conflicts,
                "figures": self.figure_conflicts,
                "unplaced": self.unplaced_conflict,
            },
            "refreshed": {
                "sections": self.refreshed_sections,
                "figures": self.refreshed_figures,
                "unplaced": self.refreshed_unplaced,
            },
        }


def _base(stale: StaleReport, expected_version: int) -> dict[str, Any] | None:
    """The content the writer started from: its revision when one was kept (version 1 is the empty draft)."""
    revision = (
        ReportRevision.objects.filter(report=stale.report, report_version=expected_version)
        .order_by("-number")
        .first()
    )
    base = revision.snapshot if revision is not None else None
    if base is None and expected_version == 1:
        base = {"sections": {}, "figures": {}, "unplaced": ""}  # as the cycle opened it: empty
    return base


def find_conflicts(
    *,
    stale: StaleReport,
    expected_version: int,
    sections: Mapping[str, str],
    figures: Mapping[str, Any],
    unplaced: str | None = None,
    with_unplaced: bool = False,
) -> Merge:
    """Merge what the writer sent (``sections``/``figures``/``unplaced``: only what they sent) with the newer
    content the refusal carries. A value the writer did not send, or sent unchanged from where they started,
    takes the newer value; a value both changed is a conflict. A value nobody changed after the writer's
    version (its ``changed_in``) is the writer's alone: neither, so the writer's text is saved on the resend.
    Otherwise the starting point is the revision of the writer's version, and when that is unknown (one
    person's consecutive autosaves were merged into one revision) any difference is a conflict, so nothing is
    overwritten unseen."""
    current_version = stale.report.version

    @functools.cache
    def base() -> dict[str, Any] | None:  # read once, and only when a part needs it
        return _base(stale, expected_version)

    def untouched(changed_in: int) -> bool:
        """A part that last changed in version ``changed_in`` (0: unknown) is as the writer read it at
        ``expected_version``: nobody changed it after, so the writer's text is the only change there."""
        return 0 < changed_in <= expected_version < current_version

    merge = Merge(version=current_version)
    section_changes = stale.changed_in.get("sections", {})
    for key, theirs in stale.sections.items():
        if key not in sections:
            merge.refreshed_sections[key] = theirs
            continue
        mine = sanitize_html(str(sections[key]))
        if mine == theirs or untouched(section_changes.get(key, 0)):
            continue
        start = base()
        old = start["sections"].get(key, "") if start is not None else None
        if old is not None and mine == old:
            merge.refreshed_sections[key] = theirs
        elif old is None or theirs != old:
            merge.section_conflicts[key] = theirs
    if with_unplaced:
        theirs_unplaced = stale.report.unplaced_html
        if unplaced is None:
            merge.refreshed_unplaced = theirs_unplaced
        else:
            mine = sanitize_html(str(unplaced))
            if mine != theirs_unplaced and not untouched(stale.report.unplaced_changed_in):
                start = base()
                old = start.get("unplaced", "") if start is not None else None
                if old is not None and mine == old:
                    merge.refreshed_unplaced = theirs_unplaced
                elif old is None or theirs_unplaced != old:
                    merge.unplaced_conflict = theirs_unplaced
    figure_changes = stale.changed_in.get("figures", {})
    for key, value in stale.figures.items():
        theirs_value = value or ""
        if key not in figures:
            merge.refreshed_figures[key] = theirs_value
            continue
        mine_value = figures[key]
        if same_figure(mine_value, theirs_value) or untouched(figure_changes.get(key, 0)):
            continue
        start = base()
        old_value = (start["figures"].get(key) or "") if start is not None else None
        if old_value is not None and same_figure(mine_value, old_value):
            merge.refreshed_figures[key] = theirs_value
        elif old_value is None or not same_figure(theirs_value, old_value):
            merge.figure_conflicts[key] = theirs_value
    return merge
