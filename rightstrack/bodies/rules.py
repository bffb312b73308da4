"""Who may do what with bodies and memberships (the mechanism is in core.scope)."""

import rules

from rightstrack.accounts.choices import Role
from rightstrack.bodies.models import Body, Membership, Person
from rightstrack.core.scope import ScopeRule, has_role, in_scope, is_admin, owns_body_of, register_scope

register_scope(Body, ScopeRule(path_lookup="path", body_of=lambda body: body))
register_scope(Membership, ScopeRule(path_lookup="body__path", body_of=lambda m: m.body))
register_scope(Person, ScopeRule(path_lookup=None, admin_only=True))  # shown through memberships

_secretariat = has_role(Role.SECRETARIAT)
_focal_point = has_role(Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT)

rules.add_perm("bodies.view_body", in_scope)
rules.add_perm("bodies.add_body", is_admin | (_secretariat & in_scope))
rules.add_perm("bodies.change_body", is_admin | (_secretariat & in_scope))
rules.add_perm("bodies.delete_body", is_admin)

rules.add_perm("bodies.view_membership", in_scope)
_edit_membership = is_admin | (_secretariat & in_scope) | (_focal_point & in_scope & owns_body_of)
rules.add_perm("bodies.add_membership", _edit_membership)
rules.add_perm("bodies.change_membership", _edit_membership)
rules.add_perm("bodies.delete_membership", _edit_membership)
