"""Every write on directives and tasks: keyword-only, atomic, scope-checked for every body, conference,
report section and file it sets, audited. A refusal (``ValidationError``) changes nothing.

Transitions of a task (``TRANSITIONS``): the assignee's focal point moves it between open and in progress
and *proposes* it done (it stays in progress, marked "done proposed"); the issuer's side (standing office,
reviewer, administrator) confirms done, cancels, or reopens a closed task — with a reason.
"""

from rightstrack.followup.services._common import (
    DIRECTIVE_FIELDS,
    EVIDENCE_KINDS,
    EVIDENCE_MAX_BYTES,
    TRANSITIONS,
)
from rightstrack.followup.services.directives import (
    directive_create,
    directive_kind_create,
    directive_kind_update,
    directive_kinds_ensure,
    directive_update,
)
from rightstrack.followup.services.reminders import reminder_due, task_reminders_send
from rightstrack.followup.services.tasks import (
    Assigned,
    Evidence,
    Target,
    target_bodies,
    task_reschedule,
    task_update,
    tasks_assign,
)

__all__ = [
    "DIRECTIVE_FIELDS",
    "EVIDENCE_KINDS",
    "EVIDENCE_MAX_BYTES",
    "TRANSITIONS",
    "Assigned",
    "Evidence",
    "Target",
    "directive_create",
    "directive_kind_create",
    "directive_kind_update",
    "directive_kinds_ensure",
    "directive_update",
    "reminder_due",
    "target_bodies",
    "task_reminders_send",
    "task_reschedule",
    "task_update",
    "tasks_assign",
]
