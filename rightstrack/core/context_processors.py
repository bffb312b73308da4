"""Navigation by role: the entries the apps registered (core.registry), each shown to users who may use it,
gathered into the menus their ``group`` names (``registry.NAV_GROUPS``).

``nav_items`` is the bar, in order: an entry alone (``url``, ``label``, ``active``) or a menu (``key``,
``label``, ``active`` when one of its entries is, and ``entries``). A menu with one entry for this user is
that entry alone; a menu with none is left out.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from rightstrack.core import registry


def _namespace(name: str) -> str:
    return name.rpartition(":")[0]


def _with_count(entry: registry.NavEntry, count: int) -> Any:
    """The entry's name with a count badge; the count is also spelled out for screen readers."""
    if not count:
        return entry.label
    return format_html(
        '{} <span class="rt-nav-count" aria-hidden="true">{}</span>'
        '<span class="visually-hidden"> ({})</span>',
        entry.label,
        count,
        str(entry.badge_label) % {"count": count},
    )


def navigation(request: HttpRequest) -> dict[str, Any]:
    entries = registry.nav_entries()
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []} | {entry.badge_context: 0 for entry in entries if entry.badge_context}
    shown = [entry for entry in entries if entry.visible_to(user)]
    counts = {
        entry.url_name: registry.resolve(entry.badge)(user=user)  # e.g. one COUNT on the inbox index
        for entry in entries
        if entry.badge
    }
    context: dict[str, Any] = {
        entry.badge_context: counts[entry.url_name] for entry in entries if entry.badge_context
    }
    match = getattr(request, "resolver_match", None)
    current_namespace = match.namespace if match else ""
    single = {
        _namespace(entry.url_name)
        for entry in shown
        if sum(_namespace(other.url_name) == _namespace(entry.url_name) for other in shown) == 1
    }
    items: list[dict[str, Any]] = []
    for entry in shown:
        url = reverse(entry.url_name)
        if not _namespace(entry.url_name):
            active = request.path == url
        else:
            # An app with one entry (reporting) marks it active on all its pages, not only the list.
            active = request.path.startswith(url) or (
                _namespace(entry.url_name) in single
                and bool(current_namespace)
                and current_namespace == _namespace(entry.url_name)
            )
        label = _with_count(entry, counts[entry.url_name]) if entry.url_name in counts else entry.label
        items.append({"url": url, "label": label, "active": active, "entry": entry})
    return context | {"nav_items": _grouped(items)}


def _grouped(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bar: entries without a group in their own order, each menu where its ``order`` puts it."""
    menus: dict[str, list[dict[str, Any]]] = {}
    placed: list[tuple[int, int, dict[str, Any]]] = []
    for position, item in enumerate(items):
        entry: registry.NavEntry = item.pop("entry")
        if entry.group:
            menus.setdefault(entry.group, []).append(item)
        else:
            placed.append((entry.order, position, item))
    for key, entries in menus.items():
        group = registry.NAV_GROUPS[key]
        if len(entries) == 1:
            placed.append((group.order, -1, entries[0]))
            continue
        menu = {
            "key": key,
            "label": group.label,
            "active": any(e["active"] for e in entries),
            "entries": entries,
        }
        placed.append((group.order, -1, menu))
    return [item for _, _, item in sorted(placed, key=lambda p: (p[0], p[1]))]
