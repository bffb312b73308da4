"""API token authentication with an expiry (DRF's Token carries only its creation time)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token check, then the expiry: a token older than API_TOKEN_TTL_HOURS is refused and deleted.

    Password changes, sign-outs and deactivations delete tokens where they happen (accounts.models.User.save,
    accounts.receivers); an inactive user's token is refused by DRF itself.
    """

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        from rightstrack.accounts.services import token_expires_at, tokens_revoke

        user, token = super().authenticate_credentials(key)
        if token_expires_at(token) <= timezone.now():
            tokens_revoke(user=user, reason="expired")
            raise AuthenticationFailed(_("This API token has expired: ask for a new one."))
        return user, token
