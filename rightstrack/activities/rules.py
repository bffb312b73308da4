"""Who may see and record activities (the mechanism is in core.scope).

An activity hangs off its body: whoever sees the body sees its activities. Focal points record their own
body's activities (and those of the bodies under it); the standing office and administrators record any
within their scope. Reviewers read. Audience groups are reference data every signed-in user sees.
"""

from __future__ import annotations

import rules

from rightstrack.accounts.choices import Role
from rightstrack.activities.models import Activity, AudienceGroup
from rightstrack.core.scope import ScopeRule, has_role, in_scope, is_admin, is_signed_in, register_scope

register_scope(AudienceGroup, ScopeRule(path_lookup=None))
register_scope(Activity, ScopeRule(path_lookup="body__path", body_of=lambda activity: activity.body))

RECORDERS = (Role.SECRETARIAT, Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT)
_records = is_admin | (has_role(*RECORDERS) & in_scope)

rules.add_perm("activities.view_audiencegroup", is_signed_in)
rules.add_perm("activities.view_activity", in_scope)
rules.add_perm("activities.add_activity", _records)
rules.add_perm("activities.change_activity", _records)
rules.add_perm("activities.delete_activity", _records)
