"""The audit log is read by administrators, and by the standing office for its own subtree (the records
whose object hangs off a body in it); an object's history by whoever may see the object."""

import rules

from rightstrack.core.jobs.models import Job
from rightstrack.core.models import AuditEntry
from rightstrack.core.scope import ScopeRule, has_role, is_admin, is_signed_in, register_scope

register_scope(AuditEntry, ScopeRule(path_lookup="scope_path"))
# The role by value: core imports no app (accounts.choices.Role.SECRETARIAT).
rules.add_perm("core.view_auditentry", is_admin | has_role("secretariat"))

# A job is personal: its actor sees it (and its result), administrators see all; anyone else gets 404.
register_scope(Job, ScopeRule(path_lookup=None, owner_field="actor"))
rules.add_perm("core.view_job", is_signed_in)
