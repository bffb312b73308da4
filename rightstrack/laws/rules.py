"""Who may see and do what in the register of laws and policies (the mechanism is in core.scope).

The documents are reference data: every signed-in user reads them; the standing office and administrators
keep the register. A body's implementation status belongs to that body: its own focal point (or the
standing office) records it; those above see it. A citation belongs to the report it was found in.
"""

from __future__ import annotations

import rules

from rightstrack.accounts.choices import Role
from rightstrack.core.scope import (
    ScopeRule,
    has_role,
    in_scope,
    is_admin,
    is_signed_in,
    readable,
    register_scope,
)
from rightstrack.laws.models import LegalDocument, LegalMention, LegalStatus, LegalStatusChange

register_scope(LegalDocument, ScopeRule(path_lookup=None))
register_scope(LegalStatus, ScopeRule(path_lookup="body__path", body_of=lambda s: s.body))
register_scope(
    LegalStatusChange, ScopeRule(path_lookup="record__body__path", body_of=lambda c: c.record.body)
)
register_scope(
    LegalMention,
    ScopeRule(
        path_lookup="section__report__body__path",
        body_of=lambda m: m.section.report.body,
        successor_reads=True,
    ),
)

_keeps_register = is_admin | has_role(Role.SECRETARIAT)
_records_status = is_admin | (
    has_role(Role.SECRETARIAT, Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT) & in_scope
)

rules.add_perm("laws.view_legaldocument", is_signed_in)
rules.add_perm("laws.add_legaldocument", _keeps_register)
rules.add_perm("laws.change_legaldocument", _keeps_register)
rules.add_perm("laws.delete_legaldocument", _keeps_register)
rules.add_perm("laws.detect_mentions", _keeps_register)
rules.add_perm("laws.view_legalstatus", readable)
rules.add_perm("laws.change_legalstatus", _records_status)
rules.add_perm("laws.view_legalmention", readable)
