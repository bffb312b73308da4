"""Reads of a user's own messages (notifications are filtered by recipient, not by body scope)."""

from __future__ import annotations

from django.db.models import QuerySet

from rightstrack.accounts.models import User
from rightstrack.notifications.models import Notification


def notifications_for(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_for(*, user: User) -> QuerySet[Notification]:
    return notifications_for(user=user).filter(read_at__isnull=True)


def unread_count(*, user: User) -> int:
    return unread_for(user=user).count()


HOME_LIMIT = 5


def home_panel(*, user: User) -> dict[str, object]:
    """The home page's "waiting for you": the latest unread messages and how many there are (two queries)."""
    unread = unread_for(user=user)
    return {"latest": list(unread[:HOME_LIMIT]), "unread": unread.count()}
