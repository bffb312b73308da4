"""What sign-in events leave behind: a log line and an audit record for each failure and lockout; on
signing out, the user's API tokens are revoked."""

from __future__ import annotations

import logging
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from rightstrack.accounts.models import User
from rightstrack.accounts.services import tokens_revoke
from rightstrack.core.audit import audit_event

logger = logging.getLogger("rightstrack.accounts.signin")


def _attempted(username: Any) -> tuple[str, str]:
    """The user name as typed (cut to the column's length) and the id of the account it names, if any."""
    name = str(username or "")[:150]
    pk = User.objects.filter(username=name).values_list("pk", flat=True).first() if name else None
    return name, "" if pk is None else str(pk)


def _address(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_login_failed, dispatch_uid="rightstrack-login-failed")
def record_login_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    name, pk = _attempted(credentials.get("username"))
    logger.warning("sign-in failed for user name %r from %s", name, _address(request) or "-")
    audit_event(
        model=User,
        action="login_failed",
        object_id=pk,
        object_repr=name,
        after={"username": name, "address": _address(request)},
    )


@receiver(user_locked_out, dispatch_uid="rightstrack-locked-out")
def record_lockout(
    sender: Any, request: HttpRequest | None = None, username: str = "", ip_address: str = "", **kwargs: Any
) -> None:
    name, pk = _attempted(username)
    logger.warning("user name %r locked out after repeated failures (last from %s)", name, ip_address or "-")
    audit_event(
        model=User,
        action="locked_out",
        object_id=pk,
        object_repr=name,
        after={"username": name, "address": ip_address or ""},
    )


@receiver(user_logged_out, dispatch_uid="rightstrack-logged-out")
def revoke_tokens_on_sign_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        tokens_revoke(user=user, reason="signed_out", actor=user)
