"""Navigation by role: each entry is shown only to users who may use it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAV = [
    ("home", _("Overview"), None),
    ("places:unit_list", _("Administrative units"), "places.view_administrativeunit"),
    ("places:region_list", _("Regions"), "places.view_region"),
    ("bodies:body_list", _("Bodies"), "bodies.view_body"),
    ("accounts:user_list", _("Users"), "accounts.view_user"),
    ("core:audit_log", _("Audit log"), "core.view_auditentry"),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for name, label, perm in NAV:
        if perm is None or user.has_perm(perm):
            url = reverse(name)
            active = request.path == url if name == "home" else request.path.startswith(url)
            items.append({"url": url, "label": label, "active": active})
    return {"nav_items": items}
