"""Reads of users for the home page (lists are declared on the generic views)."""

from __future__ import annotations

from typing import Any

from rightstrack.accounts.models import User
from rightstrack.core.scope import scoped

HOME_LIMIT = 10


def users_without_body_panel(*, user: Any) -> dict[str, Any]:
    """The administrator's list of active accounts that belong to no body (they see nothing): two queries."""
    orphans = scoped(user, User.objects.filter(body__isnull=True, is_active=True)).order_by("username")
    return {"latest": list(orphans[:HOME_LIMIT]), "total": orphans.count()}
