"""The audit log is read by administrators; an object's history by whoever may see the object."""

import rules

from rightstrack.core.jobs.models import Job
from rightstrack.core.models import AuditEntry
from rightstrack.core.scope import ScopeRule, is_admin, is_signed_in, register_scope

register_scope(AuditEntry, ScopeRule(path_lookup=None, admin_only=True))
rules.add_perm("core.view_auditentry", is_admin)

# A job is personal: its actor sees it (and its result), administrators see all; anyone else gets 404.
register_scope(Job, ScopeRule(path_lookup=None, owner_field="actor"))
rules.add_perm("core.view_job", is_signed_in)
