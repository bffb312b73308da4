"""Who may see and do what with documents (the mechanism is in core.scope).

A document belongs to the body whose staff kept it: whoever sees that body sees the document; everyone else
is answered "not found". The standing office, administrators and focal points keep documents for the bodies
in their scope; reviewers read them.
"""

from __future__ import annotations

import rules

from rightstrack.accounts.choices import Role
from rightstrack.core.scope import ScopeRule, has_role, in_scope, is_admin, readable, register_scope
from rightstrack.documents.models import Document

register_scope(Document, ScopeRule(path_lookup="body__path", body_of=lambda d: d.body))

_keeps = is_admin | (
    has_role(Role.SECRETARIAT, Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT) & in_scope
)

rules.add_perm("documents.view_document", readable)
rules.add_perm("documents.add_document", _keeps)
rules.add_perm("documents.change_document", _keeps)
rules.add_perm("documents.delete_document", _keeps)
