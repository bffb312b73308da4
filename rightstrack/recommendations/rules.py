"""Who may see and do what with recommendations (the mechanism is in core.scope).

A recommendation is kept by a body (the national committee, usually): whoever sees that body sees it, and
everyone else is answered "not found". The standing office and administrators keep the record (create,
import, edit); the taxonomies (themes, affected persons, SDGs, clusters) are reference data every signed-in
user reads and administrators and the standing office edit.
"""

from __future__ import annotations

from typing import Any

import rules

from rightstrack.accounts.choices import Role
from rightstrack.core.scope import (
    ScopeRule,
    can_see,
    has_role,
    in_scope,
    is_admin,
    is_signed_in,
    register_scope,
)
from rightstrack.recommendations.models import (
    AffectedPersons,
    Cluster,
    Recommendation,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    Theme,
)

register_scope(Recommendation, ScopeRule(path_lookup="owner__path", body_of=lambda r: r.owner))
for reference in (Theme, AffectedPersons, SdgGoal, SdgTarget, SdgIndicator, Cluster):
    register_scope(reference, ScopeRule(path_lookup=None))


@rules.predicate
def keeps_owner(user: Any, obj: Any) -> bool:
    """The recommendation's keeper is within the user's scope (None: no object, a model-level check)."""
    return True if obj is None else can_see(user, obj.owner)


_keeps = is_admin | (has_role(Role.SECRETARIAT) & keeps_owner)
_edits_taxonomy = is_admin | has_role(Role.SECRETARIAT)

rules.add_perm("recommendations.view_recommendation", in_scope)
rules.add_perm("recommendations.add_recommendation", _keeps)
rules.add_perm("recommendations.change_recommendation", _keeps)
rules.add_perm("recommendations.delete_recommendation", _keeps)
rules.add_perm("recommendations.import_recommendations", _keeps)
for name in ("theme", "affectedpersons", "cluster", "sdggoal", "sdgtarget", "sdgindicator"):
    rules.add_perm(f"recommendations.view_{name}", is_signed_in)
for name in ("theme", "affectedpersons", "cluster"):
    rules.add_perm(f"recommendations.change_{name}", _edits_taxonomy)
    rules.add_perm(f"recommendations.add_{name}", _edits_taxonomy)
