"""Users are seen within scope and managed by administrators."""

import rules

from rightstrack.accounts.models import User
from rightstrack.core.scope import ScopeRule, in_scope, is_admin, register_scope

register_scope(User, ScopeRule(path_lookup="body__path", body_of=lambda user: user.body))

rules.add_perm("accounts.view_user", in_scope)
rules.add_perm("accounts.add_user", is_admin)
rules.add_perm("accounts.change_user", is_admin)
rules.add_perm("accounts.delete_user", is_admin)
