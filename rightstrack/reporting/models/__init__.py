"""Reporting models, split by concept: templates, cycles, reports."""

from rightstrack.reporting.models.cycles import DEFAULT_REMINDER_DAYS, CycleParticipant, ReportingCycle
from rightstrack.reporting.models.reports import (
    EDITABLE_STATUSES,
    FIGURE_DECIMAL_PLACES,
    FIGURE_MAX_DIGITS,
    TRANSITIONS,
    Attachment,
    Report,
    ReportFigure,
    ReportReminder,
    ReportRevision,
    ReportSection,
    ReviewComment,
    attachment_path,
)
from rightstrack.reporting.models.templates import (
    MAX_DECIMALS,
    ReportTemplate,
    TemplateIndicator,
    TemplateSection,
)

__all__ = [
    "DEFAULT_REMINDER_DAYS",
    "EDITABLE_STATUSES",
    "FIGURE_DECIMAL_PLACES",
    "FIGURE_MAX_DIGITS",
    "MAX_DECIMALS",
    "TRANSITIONS",
    "Attachment",
    "CycleParticipant",
    "Report",
    "ReportFigure",
    "ReportReminder",
    "ReportRevision",
    "ReportSection",
    "ReportTemplate",
    "ReportingCycle",
    "ReviewComment",
    "TemplateIndicator",
    "TemplateSection",
    "attachment_path",
]
