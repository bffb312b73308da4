"""Every write in reporting: keyword-only, typed, atomic, scope-checked, audited. Split by concept."""

from rightstrack.reporting.services.attachments import (
    ATTACHMENT_KINDS,
    ATTACHMENT_MAX_BYTES,
    attachment_add,
    attachment_delete,
)
from rightstrack.reporting.services.comments import review_comment_add
from rightstrack.reporting.services.cycles import (
    cycle_add_participants,
    cycle_close,
    cycle_create,
    cycle_open,
    cycle_remove_participant,
    cycle_update,
)
from rightstrack.reporting.services.figures import parse_figure
from rightstrack.reporting.services.reminders import reminder_due, reminders_send
from rightstrack.reporting.services.reports import AUTOSAVE_MERGE_WINDOW, report_import_content, report_save
from rightstrack.reporting.services.templates import template_create, template_create_default, template_revise
from rightstrack.reporting.services.workflow import (
    report_accept,
    report_event_notify,
    report_return,
    report_save_and_submit,
    report_submit,
)

__all__ = [
    "ATTACHMENT_KINDS",
    "ATTACHMENT_MAX_BYTES",
    "AUTOSAVE_MERGE_WINDOW",
    "attachment_add",
    "attachment_delete",
    "cycle_add_participants",
    "cycle_close",
    "cycle_create",
    "cycle_open",
    "cycle_remove_participant",
    "cycle_update",
    "parse_figure",
    "reminder_due",
    "reminders_send",
    "report_accept",
    "report_event_notify",
    "report_import_content",
    "report_return",
    "report_save",
    "report_save_and_submit",
    "report_submit",
    "review_comment_add",
    "template_create",
    "template_create_default",
    "template_revise",
]
