"""Users are seen within scope and managed by administrators; what each role may do with bodies.

Roles are accounts' own (``choices.Role``). Bodies sits below accounts and cannot name them, so the role
grants on bodies and memberships live here; bodies/rules.py holds the rest of their rules.
"""

import rules

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.core.scope import ScopeRule, has_role, in_scope, is_admin, owns_body_of, register_scope

register_scope(User, ScopeRule(path_lookup="body__path", body_of=lambda user: user.body))

rules.add_perm("accounts.view_user", in_scope)
rules.add_perm("accounts.add_user", is_admin)
rules.add_perm("accounts.change_user", is_admin)
rules.add_perm("accounts.delete_user", is_admin)

# Bodies and memberships, by role -------------------------------------------------------------------

_secretariat = has_role(Role.SECRETARIAT)
_focal_point = has_role(Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT)

rules.add_perm("bodies.add_body", is_admin | (_secretariat & in_scope))
rules.add_perm("bodies.change_body", is_admin | (_secretariat & in_scope))

_edit_membership = is_admin | (_secretariat & in_scope) | (_focal_point & in_scope & owns_body_of)
rules.add_perm("bodies.add_membership", _edit_membership)
rules.add_perm("bodies.change_membership", _edit_membership)
rules.add_perm("bodies.delete_membership", _edit_membership)
# The letterhead a body's official documents carry: whoever may edit its members may change it.
rules.add_perm("bodies.change_letterhead", _edit_membership)
