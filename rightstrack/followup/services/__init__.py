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
from rightstrack.followup.services.progress import Evidence, task_reschedule, task_update
from rightstrack.followup.services.reminders import reminder_due, task_reminders_send
from rightstrack.followup.services.statements import (
    TAKEN_FROM,
    Taken,
    directive_take_statement,
    guess_kind,
    stated_sentences,
    statement_key,
)
from rightstrack.followup.services.tasks import Assigned, Target, target_bodies, tasks_assign

__all__ = [
    "DIRECTIVE_FIELDS",
    "EVIDENCE_KINDS",
    "EVIDENCE_MAX_BYTES",
    "TRANSITIONS",
    "Assigned",
    "Evidence",
    "TAKEN_FROM",
    "Taken",
    "Target",
    "directive_create",
    "directive_kind_create",
    "directive_kind_update",
    "directive_kinds_ensure",
    "directive_take_statement",
    "directive_update",
    "guess_kind",
    "reminder_due",
    "stated_sentences",
    "statement_key",
    "target_bodies",
    "task_reminders_send",
    "task_reschedule",
    "task_update",
    "tasks_assign",
]
