"""Who may see and do what with proposals (the mechanism is in core.scope).

A proposal belongs to its proposing body: that body's focal point (and those above it) see it; the focal
point records and edits its body's proposals; the standing office records the authority's answers and
merges the same proposal from several provinces into one.
"""

from __future__ import annotations

import rules

from rightstrack.accounts.choices import Role
from rightstrack.core.scope import ScopeRule, has_role, in_scope, is_admin, readable, register_scope
from rightstrack.proposals.models import Proposal, ProposalSource, ProposalStatusChange

register_scope(Proposal, ScopeRule(path_lookup="body__path", body_of=lambda p: p.body, successor_reads=True))
for part in (ProposalSource, ProposalStatusChange):
    register_scope(
        part,
        ScopeRule(
            path_lookup="proposal__body__path", body_of=lambda obj: obj.proposal.body, successor_reads=True
        ),
    )

_writes = is_admin | (
    has_role(Role.SECRETARIAT, Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT) & in_scope
)
_answers = is_admin | (has_role(Role.SECRETARIAT) & in_scope)

rules.add_perm("proposals.view_proposal", readable)
rules.add_perm("proposals.add_proposal", _writes)
rules.add_perm("proposals.change_proposal", _writes)
rules.add_perm("proposals.delete_proposal", _writes)
rules.add_perm("proposals.respond_proposal", _answers)
rules.add_perm("proposals.merge_proposal", _answers)
