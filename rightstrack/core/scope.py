"""The one place that decides what a user may see and do.

Scope: a user sees the subtree of one body, their scope root; administrators see everything; reference
data (units, regions) is visible to every signed-in user. Some records can also be *read* (never changed) by
the body that succeeded theirs (a merged province's committee reads its predecessors' reports): their rule
says ``successor_reads`` and the app that knows bodies provides the read-only roots (docs/decisions/0020).
``scoped``, ``can_see`` and the ``readable`` predicate include those; ``in_scope`` (what permissions to
change build on) and ``in_own_scope`` do not. Core knows neither bodies nor roles: the app that
knows bodies provides the scope root (bodies: a standing office acts for its committee) and the app that
knows roles provides the administrator roles (accounts), both through ``core.registry``. Each app's
``rules.py`` declares its permissions with the predicates below and registers how its models hang off a
body. UI views, API viewsets, CLI commands and the admin all call ``scoped``, ``get_scoped_or_404`` and
``ensure_can``; nothing else filters by scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import rules
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from rightstrack.core import registry

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class ScopeRule:
    """How a model reaches its owning body: a lookup to the body's path, and the body of one object."""

    path_lookup: str | None  # e.g. "body__path"; None marks reference data visible to all signed-in users
    body_of: Callable[[Any], Any] | None = None
    admin_only: bool = False
    # Personal records (a user's background jobs): only the user named by this field sees them, and admins.
    owner_field: str | None = None
    # Records the successors of their body may read but never change (reports after a merger).
    successor_reads: bool = False
    # Records several bodies share (a conference: its organiser and each participant). ``shared_by(path)``
    # is the condition "one of its bodies lies under ``path``" (an ``Exists``, so a row never repeats);
    # ``bodies_of(obj)`` lists one object's bodies. Either both or neither; ``path_lookup`` stays for sorting.
    shared_by: Callable[[str], Q] | None = None
    bodies_of: Callable[[Any], Iterable[Any]] | None = None


_RULES: dict[type[models.Model], ScopeRule] = {}


def register_scope(model: type[models.Model], rule: ScopeRule) -> None:
    _RULES[model] = rule


def rule_for(model: type[models.Model]) -> ScopeRule:
    try:
        return _RULES[model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no scope rule: register one in its app's rules.py") from None


def is_admin_user(user: Any) -> bool:
    """A superuser, or a user whose role an app registered as an administrator's role."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or getattr(user, "role", None) in registry.admin_roles())
    )


def scope_root(user: Any) -> Any:
    """The body whose subtree the user sees (None: the user sees nothing, unless an administrator)."""
    provider = registry.scope_root_provider()
    return provider(user) if provider is not None else None


_READ_ROOTS_CACHE = "_rightstrack_read_roots"


def read_roots(user: Any) -> list[Any]:
    """Bodies whose subtrees the user may read but not change: those their scope root succeeded.

    Looked up once per user object (a request's user lives for one request)."""
    cached = getattr(user, _READ_ROOTS_CACHE, None)
    if cached is not None:
        return list(cached)
    provider = registry.read_roots_provider()
    roots = list(provider(user)) if provider is not None else []
    try:
        setattr(user, _READ_ROOTS_CACHE, tuple(roots))
    except AttributeError:  # an object that takes no attributes: no cache
        pass
    return roots


def is_read_only_for(user: Any, obj: models.Model) -> bool:
    """The user sees ``obj`` only as a predecessor's record: they may read it, never change it."""
    return can_see(user, obj) and not in_own_scope(user, obj)


def scoped(user: Any, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """The part of ``queryset`` the user may see (predecessors' records included, read-only)."""
    return _scoped(user, queryset, with_read_roots=True)


def scoped_own(user: Any, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """The part of ``queryset`` inside the user's own subtree: what they may act on, never a predecessor's."""
    return _scoped(user, queryset, with_read_roots=False)


def _scoped(user: Any, queryset: models.QuerySet[M], *, with_read_roots: bool) -> models.QuerySet[M]:
    rule = rule_for(queryset.model)
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    if is_admin_user(user):
        return queryset
    if rule.admin_only:
        return queryset.none()
    if rule.owner_field is not None:
        return queryset.filter(**{rule.owner_field: user})
    if rule.path_lookup is None:
        return queryset
    root = scope_root(user)
    if root is None:
        return queryset.none()
    if rule.shared_by is not None:
        return queryset.filter(rule.shared_by(root.path))
    where = Q(**{f"{rule.path_lookup}__startswith": root.path})
    if with_read_roots and rule.successor_reads:
        for body in read_roots(user):
            where |= Q(**{f"{rule.path_lookup}__startswith": body.path})
    return queryset.filter(where)


def can_see(user: Any, obj: models.Model) -> bool:
    """The user may read ``obj`` (a predecessor's record included)."""
    return _can_see(user, obj, with_read_roots=True)


def in_own_scope(user: Any, obj: models.Model) -> bool:
    """``obj`` lies in the user's own subtree (or is reference data): the precondition of any change."""
    return _can_see(user, obj, with_read_roots=False)


def _can_see(user: Any, obj: models.Model, *, with_read_roots: bool) -> bool:
    rule = rule_for(type(obj))
    if not (user and user.is_authenticated and user.is_active):
        return False
    if is_admin_user(user):
        return True
    if rule.admin_only:
        return False
    if rule.owner_field is not None:
        return bool(getattr(obj, f"{rule.owner_field}_id", None) == user.pk)
    if rule.path_lookup is None:
        return True
    root = scope_root(user)
    if root is None:
        return False
    if rule.bodies_of is not None:
        return any(body is not None and body.path.startswith(root.path) for body in rule.bodies_of(obj))
    body = rule.body_of(obj) if rule.body_of else None
    if body is None:
        return False
    if body.path.startswith(root.path):
        return True
    return bool(
        with_read_roots
        and rule.successor_reads
        and any(body.path.startswith(r.path) for r in read_roots(user))
    )


def get_scoped_or_404(user: Any, queryset: models.QuerySet[M], **lookup: Any) -> M:
    """Fetch one object the user may see; anything else is 'not found', never 'forbidden'."""
    try:
        return scoped(user, queryset).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404(_("Not found, or not within your scope.")) from None


def ensure_can(user: Any, perm: str, obj: models.Model | None = None) -> None:
    """Raise 404 for an object the user cannot see, 403 for an action they may not take on it."""
    if obj is not None and obj.pk is not None and not can_see(user, obj):
        raise Http404(_("Not found, or not within your scope."))
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


# Predicates for the apps' rules.py ------------------------------------------------------------------


@rules.predicate
def is_admin(user: Any) -> bool:
    return is_admin_user(user)


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(*roles: str) -> Any:
    @rules.predicate(name=f"has_role:{','.join(roles)}")
    def predicate(user: Any) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.role in roles)

    return predicate


@rules.predicate
def in_scope(user: Any, obj: Any) -> bool:
    """Model-level checks (no object) pass; object checks need the object inside the user's own subtree.

    A predecessor's record, which the user may only read, fails it: build permissions to change on it."""
    return True if obj is None else in_own_scope(user, obj)


@rules.predicate
def readable(user: Any, obj: Any) -> bool:
    """``in_scope``, or a predecessor's record the user may read: build permissions to view on it."""
    return True if obj is None else can_see(user, obj)


@rules.predicate
def owns_body_of(user: Any, obj: Any) -> bool:
    """The object belongs to the user's own body (focal points maintain their own body's records)."""
    if obj is None:
        return True
    body = rule_for(type(obj)).body_of
    return bool(
        body is not None and user.body_id is not None and getattr(body(obj), "pk", None) == user.body_id
    )
