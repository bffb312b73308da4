"""Every write to users: administrators only, atomic, audited (passwords never recorded)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body
from rightstrack.core.audit import audit_record, audited_delete, audited_update
from rightstrack.core.scope import ensure_can

USER_EDITABLE_FIELDS = {"first_name", "last_name", "email", "body", "role", "is_active", "preferred_language"}


def _sync_staff_flags(user: User) -> None:
    """Administrators use the Django admin; nobody else gets staff rights there."""
    user.is_staff = user.role == Role.ADMIN or user.is_superuser


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    body: Body | None,
    role: str,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "vi",
    is_active: bool = True,
    validate: bool = True,
    superuser: bool = False,
) -> User:
    """Create a user with their role, body and (in the same transaction) whether they may sign in."""
    if actor is not None:
        ensure_can(actor, "accounts.add_user")
        if body is not None:
            ensure_can(actor, "bodies.view_body", body)
    if role not in Role.values:
        raise ValidationError({"role": _("Choose the user's role: no role is given by default.")})
    user = User(
        username=username,
        body=body,
        role=Role(role),
        email=email,
        first_name=first_name,
        last_name=last_name,
        preferred_language=preferred_language,
        is_active=is_active,
        is_superuser=superuser,
    )
    _sync_staff_flags(user)
    if password:
        if validate:
            validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(obj=user, action="create", actor=actor)
    return user


@transaction.atomic
def user_update(*, actor: User | None, user: User, password: str | None = None, **fields: Any) -> User:
    """Change a user's editable fields and, when ``password`` is given, their password, in one transaction."""
    if actor is not None:
        ensure_can(actor, "accounts.change_user", user)
        if fields.get("body") is not None:
            ensure_can(actor, "bodies.view_body", fields["body"])
    unknown = set(fields) - USER_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"user_update cannot set {sorted(unknown)}")
    if "role" in fields:
        fields["role"] = Role(fields["role"])
    # Computed, not set on ``user``: audited_update must still see the stored role as "before".
    fields["is_staff"] = fields.get("role", user.role) == Role.ADMIN or user.is_superuser
    # A deactivated account's API tokens die with it (User.save revokes them, audited).
    user = audited_update(user, actor=actor, fields=fields)
    if password:
        user_set_password(actor=actor, user=user, password=password)
    return user


@transaction.atomic
def user_set_password(*, actor: User | None, user: User, password: str) -> User:
    if actor is not None and actor.pk != user.pk:
        ensure_can(actor, "accounts.change_user", user)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(obj=user, action="password_changed", actor=actor)
    return user


@transaction.atomic
def user_delete(*, actor: User | None, user: User) -> None:
    if actor is not None:
        ensure_can(actor, "accounts.delete_user", user)
    audited_delete(user, actor=actor)


# API tokens --------------------------------------------------------------------------------------------
# DRF's Token (one per user), with the expiry, rotation and revocation that accounts.authentication and
# User.save enforce. The key is the row's primary key, so audit records are written about the user, never
# about the token row: a key must never reach the audit log.


def token_expires_at(token: Token) -> datetime.datetime:
    return token.created + datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS)


@transaction.atomic
def token_issue(*, actor: User, user: User) -> Token:
    """A fresh API token for ``user``, replacing any older one (rotation); only its owner or an
    administrator may ask."""
    if actor.pk != user.pk:
        ensure_can(actor, "accounts.change_user", user)
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit_record(
        obj=user,
        action="token_issued",
        before=None,
        after={"expires_at": token_expires_at(token).isoformat()},
        actor=actor,
    )
    return token


@transaction.atomic
def tokens_revoke(*, user: User, reason: str, actor: User | None = None) -> int:
    """Delete the user's API tokens; ``reason`` (password_changed, signed_out, deactivated, expired,
    revoked) is recorded. Nothing is recorded when there was no token."""
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        audit_record(obj=user, action="token_revoked", before=None, after={"reason": reason}, actor=actor)
    return deleted
