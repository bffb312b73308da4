"""Units and regions are reference data: every signed-in user reads them, administrators change them."""

import rules

from rightstrack.core.scope import ScopeRule, is_admin, is_signed_in, register_scope
from rightstrack.places.models import AdministrativeUnit, Region, RegionMembership, UnitAlias, UnitSuccession

for model in (AdministrativeUnit, Region, RegionMembership, UnitAlias, UnitSuccession):
    register_scope(model, ScopeRule(path_lookup=None))

rules.add_perm("places.view_administrativeunit", is_signed_in)
rules.add_perm("places.view_region", is_signed_in)
for action in ("add", "change", "delete"):
    rules.add_perm(f"places.{action}_administrativeunit", is_admin)
    rules.add_perm(f"places.{action}_region", is_admin)
