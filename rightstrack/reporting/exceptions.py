"""Errors the reporting services raise; each is a ValidationError with a translated message for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from rightstrack.reporting.models import Report


class InvalidTransition(ValidationError):
    """A workflow step that the report's current status does not allow."""

    def __init__(self, *, current: str, target: str) -> None:
        from rightstrack.reporting.choices import ReportStatus

        super().__init__(
            _("A report that is “%(current)s” cannot become “%(target)s”."),
            code="invalid_transition",
            params={"current": ReportStatus(current).label, "target": ReportStatus(target).label},
        )
        self.current = current
        self.target = target


class ReportNotEditable(ValidationError):
    """The report (or its cycle) is in a state where its content cannot change."""


class StaleReport(ValidationError):
    """A save based on an older version: nothing was saved; both texts travel with the error.

    ``report`` is the report as it is now, ``sections``/``figures`` its current content, and
    ``attempted_sections``/``attempted_figures`` what the refused save carried, so a page can show the newer
    text beside the writer's own and nothing typed is lost. ``changed_in`` holds, by section and figure key,
    the version in which each last changed (0 or absent: unknown; the unplaced text's is on ``report``).
    """

    def __init__(
        self,
        *,
        report: Report,
        sections: dict[str, str],
        figures: dict[str, str | None],
        attempted_sections: dict[str, str],
        attempted_figures: dict[str, Any],
        changed_in: dict[str, dict[str, int]] | None = None,
    ) -> None:
        super().__init__(
            _(
                "Someone saved this report after you opened it (it is now at version %(version)s). "
                "Your changes were not saved: compare them with the newer text, then save again."
            ),
            code="stale",
            params={"version": report.version},
        )
        self.report = report
        self.sections = sections
        self.figures = figures
        self.attempted_sections = attempted_sections
        self.attempted_figures = attempted_figures
        self.changed_in = changed_in or {"sections": {}, "figures": {}}


class IncompleteReport(ValidationError):
    """A submission not confirmed although the check before submitting found gaps; nothing changed.

    ``check`` is the ``selectors.SubmissionCheck`` that found them, for a page or the API to list."""

    def __init__(self, check: Any) -> None:
        parts = []
        if check.empty_sections:
            parts.append(_("sections with no text: %(list)s") % {"list": "; ".join(check.empty_sections)})
        if check.unplaced:
            parts.append(_("text still waiting in “not yet placed”"))
        if check.missing_figures:
            parts.append(_("figures left blank: %(list)s") % {"list": "; ".join(check.missing_figures)})
        super().__init__(
            _("Before submitting, check: %(gaps)s. Confirm that you want to submit the report as it is.")
            % {"gaps": "; ".join(parts)},
            code="incomplete",
        )
        self.check = check
