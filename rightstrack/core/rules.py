"""The audit log is read by administrators; an object's history by whoever may see the object."""

import rules

from rightstrack.core.models import AuditEntry
from rightstrack.core.scope import ScopeRule, is_admin, register_scope

register_scope(AuditEntry, ScopeRule(path_lookup=None, admin_only=True))
rules.add_perm("core.view_auditentry", is_admin)
