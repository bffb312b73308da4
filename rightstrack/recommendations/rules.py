"""Who may see and do what with recommendations (the mechanism is in core.scope).

A recommendation is kept by a body (the national committee, usually): whoever sees that body sees it, and
everyone else is answered "not found". The standing office and administrators keep the record (create,
import, edit); the taxonomies (themes, affected persons, SDGs, clusters) are reference data every signed-in
user reads and administrators and the standing office edit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q

from rightstrack.accounts.choices import Role
from rightstrack.core.scope import (
    ScopeRule,
    can_see,
    has_role,
    in_own_scope,
    in_scope,
    is_admin,
    is_signed_in,
    register_scope,
)
from rightstrack.recommendations.models import (
    AffectedPersons,
    Assessment,
    Assignment,
    Cluster,
    Measure,
    Recommendation,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    Theme,
)


def _shared_by(prefix: str = "") -> Any:
    """A recommendation is seen by whoever sees its keeper or one of the bodies assigned to it."""

    def condition(path: str) -> Q:
        outer = f"{prefix.rstrip('_')}_id" if prefix else "pk"
        assigned = Assignment.objects.filter(recommendation_id=OuterRef(outer), body__path__startswith=path)
        return Q(**{f"{prefix}owner__path__startswith": path}) | Q(Exists(assigned))

    return condition


def recommendation_bodies(recommendation: Recommendation) -> Iterable[Any]:
    yield recommendation.owner
    if recommendation.pk is None:
        return
    for assignment in recommendation.assignments.select_related("body"):
        yield assignment.body


register_scope(
    Recommendation,
    ScopeRule(
        path_lookup="owner__path",
        body_of=lambda r: r.owner,
        shared_by=_shared_by(),
        bodies_of=recommendation_bodies,
    ),
)
for part in (Assignment, Measure, Assessment):
    register_scope(
        part,
        ScopeRule(
            path_lookup="recommendation__owner__path",
            body_of=lambda obj: obj.recommendation.owner,
            shared_by=_shared_by("recommendation__"),
            bodies_of=lambda obj: recommendation_bodies(obj.recommendation),
        ),
    )
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
# What the public portal shows is the keeper's decision: the standing office (or an administrator).
rules.add_perm("recommendations.publish_recommendation", _keeps)
for name in ("theme", "affectedpersons", "cluster", "sdggoal", "sdgtarget", "sdgindicator"):
    rules.add_perm(f"recommendations.view_{name}", is_signed_in)
for name in ("theme", "affectedpersons", "cluster"):
    rules.add_perm(f"recommendations.change_{name}", _edits_taxonomy)
    rules.add_perm(f"recommendations.add_{name}", _edits_taxonomy)


@rules.predicate
def leads(user: Any, recommendation: Any) -> bool:
    """The recommendation's lead body lies in the user's own scope (a ministry's focal point, its own)."""
    if recommendation is None:
        return True
    lead = next((a.body for a in recommendation.assignments.all() if a.role == "lead"), None)
    return lead is not None and in_own_scope(user, lead)


_updates = (
    is_admin
    | (has_role(Role.SECRETARIAT) & keeps_owner)
    | (has_role(Role.AGENCY_FOCAL_POINT, Role.PROVINCIAL_FOCAL_POINT) & leads)
)
rules.add_perm("recommendations.assign_recommendation", _keeps)
rules.add_perm("recommendations.update_implementation", _updates)


@rules.predicate
def updates_its_recommendation(user: Any, part: Any) -> bool:
    """A measure is changed by whoever may update its recommendation's implementation."""
    return True if part is None else bool(_updates.test(user, part.recommendation))


rules.add_perm("recommendations.change_measure", updates_its_recommendation)
rules.add_perm("recommendations.delete_measure", updates_its_recommendation)


@rules.predicate
def its_own_assessment(user: Any, assessment: Any) -> bool:
    """An assessment is changed by the keeper (the office, an administrator), or by a focal point whose own
    body recorded it and still leads the recommendation: never another body's record."""
    if assessment is None:
        return True
    recommendation = assessment.recommendation
    if bool(_keeps.test(user, recommendation)):
        return True
    return bool(_updates.test(user, recommendation)) and in_own_scope(user, assessment.body)


rules.add_perm("recommendations.change_assessment", its_own_assessment)
rules.add_perm("recommendations.delete_assessment", its_own_assessment)
