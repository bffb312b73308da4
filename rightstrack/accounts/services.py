"""Every write to users: administrators only, atomic, audited (passwords never recorded)."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import Invitation, User
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
    invite: bool = False,
) -> User:
    """Create a user with their role, body and (in the same transaction) whether they may sign in; with
    ``invite``, they get a link to set their own password (``user_invite``) instead of one typed for them."""
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
    if invite:
        user_invite(actor=actor, user=user)
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
def user_set_preferences(*, actor: User, user: User, preferred_language: str, time_zone: str) -> User:
    """A user's own settings (their language for messages, the time zone their pages show times in): the
    user themselves, or whoever may change the user."""
    if actor.pk != user.pk:
        ensure_can(actor, "accounts.change_user", user)
    fields = {"preferred_language": preferred_language, "time_zone": time_zone}
    return audited_update(user, actor=actor, fields=fields)


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


# Invitations ---------------------------------------------------------------------------------------------
# A new user sets their own password from a link (decision 0019): the administrator never types or knows it.
# The token is 256 random bits; the invitation row keeps only its SHA-256 and the audit log only the expiry.
# The link goes out as the user's first message (in-app and e-mailed, through the notifications path): only
# that message holds it, and it is dead once used, replaced or expired.


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationInvalid(Exception):
    """The link is unknown, already used, expired or replaced by a newer one."""


@transaction.atomic
def user_invite(*, actor: User | None, user: User) -> Invitation:
    """Send ``user`` a single-use link, valid for INVITATION_TTL_HOURS, to set their password; any older
    link stops working. Their current password (if any) stops working too: they must set a new one."""
    if actor is not None:
        ensure_can(actor, "accounts.change_user", user)
    if not user.email:
        raise ValidationError(
            {"email": _("An invitation is sent by e-mail: give the user an e-mail address.")}
        )
    if not user.is_active:
        raise ValidationError(_("This account is deactivated: activate it before inviting the user."))
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        token_hash=_token_hash(token),
        created_by=actor,
        expires_at=now + datetime.timedelta(hours=settings.INVITATION_TTL_HOURS),
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    audit_record(
        obj=user,
        action="invited",
        before=None,
        after={"expires_at": invitation.expires_at.isoformat()},
        actor=actor,
    )
    from rightstrack.notifications.choices import NotificationKind
    from rightstrack.notifications.services import notify

    hours = settings.INVITATION_TTL_HOURS
    notify(
        users=[user],
        kind=NotificationKind.INVITATION,
        title_factory=lambda: (
            _(
                "You have an account on rightstrack (user name: %(username)s). Open the link to set your "
                "password within %(hours)s hours; it works once."
            )
            % {"username": user.username, "hours": hours}
        ),
        url=reverse("invitation_accept", args=[token]),
        dedupe_key=f"invitation:{invitation.pk}",
    )
    return invitation


def invitation_for(token: str) -> Invitation:
    """The usable invitation the token opens, or InvitationInvalid (the same for every reason)."""
    invitation = Invitation.objects.select_related("user").filter(token_hash=_token_hash(token or "")).first()
    if invitation is None or not invitation.is_usable or not invitation.user.is_active:
        raise InvitationInvalid
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Set the invited user's password from their link, once; the link is spent in the same transaction."""
    invitation = invitation_for(token)
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable:
        raise InvitationInvalid
    user = invitation.user
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    audit_record(obj=user, action="password_set", before=None, after={}, actor=user)
    return user
