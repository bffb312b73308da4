"""Bodies and memberships: how they hang off the tree, and the one rule of acting for another body.

Which roles may change bodies and memberships is granted in accounts/rules.py: roles belong to accounts,
which sits above bodies (a user belongs to a body), so bodies cannot name them.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db import connection
from django.db.models import Q

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body, Letterhead, Membership, Person
from rightstrack.core.scope import ScopeRule, in_scope, is_admin, register_scope

register_scope(Body, ScopeRule(path_lookup="path", body_of=lambda body: body))
register_scope(Membership, ScopeRule(path_lookup="body__path", body_of=lambda m: m.body))
register_scope(Person, ScopeRule(path_lookup=None, admin_only=True))  # shown through memberships
register_scope(Letterhead, ScopeRule(path_lookup="body__path", body_of=lambda letterhead: letterhead.body))

rules.add_perm("bodies.view_body", in_scope)
rules.add_perm("bodies.add_root_body", is_admin)  # a root is outside every other role's scope
rules.add_perm("bodies.delete_body", is_admin)
rules.add_perm("bodies.view_membership", in_scope)
rules.add_perm("bodies.view_letterhead", in_scope)


def acting_for(body: Body | None) -> Body | None:
    """The body whose work ``body`` does: a standing office acts for its committee; any other, for itself."""
    if body is not None and body.kind == BodyKind.STANDING_OFFICE and body.parent_id:
        return body.parent
    return body


def acting_for_any(body_ids: list[int], *, prefix: str = "") -> Q:
    """``acting_for`` as a query: rows (through ``prefix``, e.g. "body__") whose body acts for one of these.

    A body acts for itself; a standing office also for its parent committee."""
    return Q(**{f"{prefix}id__in": body_ids}) | Q(
        **{f"{prefix}kind": BodyKind.STANDING_OFFICE, f"{prefix}parent_id__in": body_ids}
    )


def scope_root(user: Any) -> Body | None:
    """The body whose subtree the user sees (provided to core.scope through the registry)."""
    return acting_for(getattr(user, "body", None))


MAX_SUCCESSION_DEPTH = 8  # chains of mergers; a cycle in bad data stops here


def predecessors_of(body: Body) -> list[Body]:
    """Every body ``body`` succeeded, directly or through a chain of mergers, nearest first, then by name:
    one query (a recursive walk in SQL, bounded so that a cycle in bad data stops)."""
    table = connection.ops.quote_name(Body._meta.db_table)
    sql = f"""
        WITH RECURSIVE chain(id, depth) AS (
            SELECT id, 1 FROM {table} WHERE successor_id = %s
            UNION
            SELECT b.id, chain.depth + 1 FROM {table} b JOIN chain ON b.successor_id = chain.id
            WHERE chain.depth < %s
        )
        SELECT body.*, nearest.depth AS succession_depth
        FROM {table} body
        JOIN (SELECT id, MIN(depth) AS depth FROM chain GROUP BY id) nearest ON nearest.id = body.id
        WHERE body.id <> %s
        ORDER BY nearest.depth, body.name, body.id
    """
    return list(Body.objects.raw(sql, [body.pk, MAX_SUCCESSION_DEPTH, body.pk]))


def read_roots(user: Any) -> list[Body]:
    """Bodies whose records (those whose scope rule says ``successor_reads``) the user reads but never
    changes: the predecessors of their scope root (Hồ Chí Minh City's committee reads the reports of the
    committees of the old Hồ Chí Minh City, Bà Rịa–Vũng Tàu and Bình Dương). Provided to core.scope."""
    root = scope_root(user)
    return predecessors_of(root) if root is not None else []
