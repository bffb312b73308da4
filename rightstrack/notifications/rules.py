"""Messages are personal: each user reads their own (selectors filter by recipient); administrators all."""

from typing import Any

import rules

from rightstrack.core.scope import ScopeRule, is_admin, register_scope
from rightstrack.notifications.models import Notification

register_scope(Notification, ScopeRule(path_lookup=None, admin_only=True))


@rules.predicate
def is_recipient(user: Any, notification: Any) -> bool:
    return notification is None or bool(user and notification.user_id == user.pk)


rules.add_perm("notifications.view_notification", is_admin | is_recipient)
rules.add_perm("notifications.change_notification", is_recipient)
