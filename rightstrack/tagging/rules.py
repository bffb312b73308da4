"""Who may see and decide tag suggestions, and who trains the taggers (the mechanism is in core.scope).

A suggestion is seen by whoever sees the text it is about (a recommendation, a report, a conference, a
document) and is "not found" for everyone else. It is accepted or rejected by whoever may change that text's
record: the recommendation's keeper (the standing office), the report's writer or its reviewers, the
conference's organiser, the document's keeper. The taggers' versions are reference data every signed-in user
reads; the standing office and administrators retrain them and tag what is untagged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from django.db import models
from django.db.models import Exists, OuterRef, Q

from rightstrack.accounts.choices import Role
from rightstrack.core.scope import (
    ScopeRule,
    has_role,
    is_admin,
    is_signed_in,
    readable,
    register_scope,
    rule_for,
)
from rightstrack.tagging.models import Suggestion, TaggerVersion

# The foreign key of each kind of text, and the permission that lets a user decide its tags.
TARGET_FIELDS = ("recommendation", "report", "conference", "document")
DECIDE_PERMISSIONS = {
    "recommendations.recommendation": ("recommendations.change_recommendation",),
    "reporting.report": ("reporting.change_report", "reporting.comment_report"),
    "conferences.conference": ("conferences.change_conference",),
    "documents.document": ("documents.change_document",),
}


def _target_in(path: str) -> Q:
    """The suggestion's text lies in the subtree at ``path``, by the text's own scope rule."""
    condition = Q()
    for name in TARGET_FIELDS:
        model: type[models.Model] = Suggestion._meta.get_field(name).related_model  # type: ignore[assignment]
        rule = rule_for(model)
        inner = model._default_manager.filter(pk=OuterRef(f"{name}_id"))
        if rule.shared_by is not None:
            inner = inner.filter(rule.shared_by(path))
        else:
            inner = inner.filter(**{f"{rule.path_lookup}__startswith": path})
        condition |= Q(Exists(inner))
    return condition


def _bodies_of(suggestion: Suggestion) -> Iterable[Any]:
    target = suggestion.target
    if target is None:
        return
    rule = rule_for(type(target))
    if rule.bodies_of is not None:
        yield from rule.bodies_of(target)
    elif rule.body_of is not None:
        yield rule.body_of(target)


register_scope(
    Suggestion,
    ScopeRule(path_lookup="recommendation__owner__path", shared_by=_target_in, bodies_of=_bodies_of),
)
register_scope(TaggerVersion, ScopeRule(path_lookup=None))


def may_decide_on(user: Any, target: Any) -> bool:
    """The user may change the record of the text (its keeper, writer, reviewer or organiser)."""
    label = f"{target._meta.app_label}.{target._meta.model_name}"
    return any(user.has_perm(perm, target) for perm in DECIDE_PERMISSIONS.get(label, ()))


@rules.predicate
def decides_target(user: Any, obj: Any) -> bool:
    """Model-level checks pass; on a suggestion or a text: ``may_decide_on`` its text."""
    if obj is None:
        return True
    target = obj.target if isinstance(obj, Suggestion) else obj
    return target is not None and may_decide_on(user, target)


_trains = is_admin | has_role(Role.SECRETARIAT)

rules.add_perm("tagging.view_suggestion", readable)
rules.add_perm("tagging.decide_suggestion", is_signed_in & decides_target)
rules.add_perm("tagging.view_taggerversion", is_signed_in)
rules.add_perm("tagging.retrain_tagger", _trains)
rules.add_perm("tagging.tag_untagged", _trains)
