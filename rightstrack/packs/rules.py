"""Who may do what with consolidated packs.

A pack hangs off its organiser (the national committee, for a regional review): it holds every covered
province's text, so only the organiser's subtree sees it (a province does not see its neighbours' reports
through a pack). The standing office and administrators make and build packs; reviewers read them.
"""

import rules

from rightstrack.accounts.choices import Role
from rightstrack.core.scope import ScopeRule, has_role, in_scope, is_admin, register_scope
from rightstrack.packs.models import ConsolidatedPack

register_scope(
    ConsolidatedPack, ScopeRule(path_lookup="organiser__path", body_of=lambda pack: pack.organiser)
)

_makes_packs = is_admin | (has_role(Role.SECRETARIAT) & in_scope)
_reads_packs = is_admin | (has_role(Role.SECRETARIAT, Role.REVIEWER) & in_scope)

rules.add_perm("packs.view_consolidatedpack", _reads_packs)
rules.add_perm("packs.add_consolidatedpack", _makes_packs)
rules.add_perm("packs.build_consolidatedpack", _reads_packs)
rules.add_perm("packs.delete_consolidatedpack", _makes_packs)
