"""Who may see and do what with conferences (the mechanism is in core.scope).

A conference is shared by its organiser and every participant: whoever sees the organiser or one of the
participating bodies sees the conference (a province sees the conferences it took part in), and everyone
else is answered "not found". The standing office and administrators organise them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q

from rightstrack.accounts.choices import Role
from rightstrack.conferences.models import (
    Conference,
    ConferenceDocument,
    ConferenceMediaLink,
    ConferenceParticipant,
    ConferencePresentation,
)
from rightstrack.core.scope import ScopeRule, can_see, has_role, in_scope, is_admin, register_scope


def shared_by(prefix: str = "") -> Any:
    """``shared_by`` for a model that reaches its conference through ``prefix`` ("" or "conference__")."""

    def condition(path: str) -> Q:
        outer = f"{prefix.rstrip('_')}_id" if prefix else "pk"
        takes_part = ConferenceParticipant.objects.filter(
            conference_id=OuterRef(outer),
            body__path__startswith=path,
        )
        return Q(**{f"{prefix}organiser__path__startswith": path}) | Q(Exists(takes_part))

    return condition


def conference_bodies(conference: Conference) -> Iterable[Any]:
    """The organiser, then each participating body (read lazily: the organiser often decides)."""
    yield conference.organiser
    if conference.pk is None:  # a conference being created: only its organiser so far
        return
    for participant in conference.participants.select_related("body"):
        yield participant.body


register_scope(
    Conference,
    ScopeRule(
        path_lookup="organiser__path",
        body_of=lambda c: c.organiser,
        shared_by=shared_by(),
        bodies_of=conference_bodies,
    ),
)
for part in (ConferenceParticipant, ConferencePresentation, ConferenceDocument, ConferenceMediaLink):
    register_scope(
        part,
        ScopeRule(
            path_lookup="conference__organiser__path",
            body_of=lambda obj: obj.conference.organiser,
            shared_by=shared_by("conference__"),
            bodies_of=lambda obj: conference_bodies(obj.conference),
        ),
    )


@rules.predicate
def runs_organiser(user: Any, obj: Any) -> bool:
    """The conference's organiser is within the user's scope (taking part is not enough to change it)."""
    return True if obj is None else can_see(user, obj.organiser)


_organises = is_admin | (has_role(Role.SECRETARIAT) & runs_organiser)

rules.add_perm("conferences.view_conference", in_scope)
rules.add_perm("conferences.add_conference", _organises)
rules.add_perm("conferences.change_conference", _organises)
rules.add_perm("conferences.delete_conference", _organises)
rules.add_perm("conferences.view_conferencedocument", in_scope)
rules.add_perm("conferences.view_conferencemedialink", in_scope)
