"""Navigation by role: each entry is shown only to users who may use it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NAV = [
    ("home", gettext_lazy("Overview"), None),
    ("reporting:cycle_list", gettext_lazy("Reporting"), "reporting.view_reportingcycle"),
    ("places:unit_list", gettext_lazy("Administrative units"), "places.view_administrativeunit"),
    ("places:region_list", gettext_lazy("Regions"), "places.view_region"),
    ("bodies:body_list", gettext_lazy("Bodies"), "bodies.view_body"),
    ("accounts:user_list", gettext_lazy("Users"), "accounts.view_user"),
    ("core:audit_log", gettext_lazy("Audit log"), "core.view_auditentry"),
    ("notifications:notification_list", gettext_lazy("Notifications"), None),
]
NOTIFICATIONS = "notifications:notification_list"


def _namespace(name: str) -> str:
    return name.rpartition(":")[0]


def _notifications_label(label: Any, unread: int) -> Any:
    """The entry's name with a count badge; the count is also spelled out for screen readers."""
    if not unread:
        return label
    return format_html(
        '{} <span class="rt-nav-count" aria-hidden="true">{}</span>'
        '<span class="visually-hidden"> ({})</span>',
        label,
        unread,
        _("%(count)s unread") % {"count": unread},
    )


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "unread_count": 0}
    from rightstrack.notifications.selectors import unread_count

    unread = unread_count(user=user)  # one COUNT on the inbox index
    match = getattr(request, "resolver_match", None)
    current_namespace = match.namespace if match else ""
    shown = [entry for entry in NAV if entry[2] is None or user.has_perm(entry[2])]
    single = {
        _namespace(name)
        for name, _label, _perm in shown
        if sum(_namespace(other) == _namespace(name) for other, _l, _p in shown) == 1
    }
    items = []
    for name, label, _perm in shown:
        url = reverse(name)
        if name == "home":
            active = request.path == url
        else:
            # An app with one entry (reporting) marks it active on all its pages, not only the list.
            active = request.path.startswith(url) or (
                _namespace(name) in single
                and bool(current_namespace)
                and current_namespace == _namespace(name)
            )
        if name == NOTIFICATIONS:
            label = _notifications_label(label, unread)
        items.append({"url": url, "label": label, "active": active})
    return {"nav_items": items, "unread_count": unread}
