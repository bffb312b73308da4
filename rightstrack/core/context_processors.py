"""Navigation by role: the entries the apps registered (core.registry), each shown to users who may use it,
gathered into the menus their ``group`` names (``registry.NAV_GROUPS``).

``nav_items`` is the bar, in order: an entry alone (``url``, ``label``, ``active``) or a menu (``key``,
``label``, ``active`` when one of its entries is, and ``entries``). A menu with one entry for this user is
that entry alone; a menu with none is left out.

Which entries a user may see is kept in their session, worked out at sign-in and again whenever the session
is written anyway (the idle-timeout clock's renewal, at most once a minute): checking every entry's
permission cost each page three queries (docs/benchmarks.md, "Load"). Keeping it never writes the session by
itself: a request that would not have written it (and so not renewed its expiry, nor pinned the reader to the
primary database) still writes nothing. When the user's role, body or status changed since, the bar is worked
out again for every page until the next write. A change of a user's groups or permissions reaches their bar
within a minute; the pages check for themselves.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html

from rightstrack.core import registry

NAV_SESSION_KEY = "_rt_nav"


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


@functools.lru_cache(maxsize=512)
def _url(name: str, prefix: str, urlconf: str) -> str:
    """An entry's address: the same for every request of a process (keyed by what could change it)."""
    return reverse(name)


def _visible(request: HttpRequest, user: Any, entries: list[registry.NavEntry]) -> list[registry.NavEntry]:
    """The entries this user may see, as kept in the session while its stamp holds (module docstring)."""
    session = getattr(request, "session", None)
    if session is None:
        return [entry for entry in entries if entry.visible_to(user)]
    stamp = [
        user.pk,
        getattr(user, "role", ""),
        getattr(user, "body_id", None),
        user.is_active,
        user.is_superuser,
    ]
    written = session.modified  # the session is saved after this request anyway
    kept = session.get(NAV_SESSION_KEY)
    if not written and isinstance(kept, dict) and kept.get("stamp") == stamp:
        names = set(kept.get("names", ()))
        return [entry for entry in entries if entry.url_name in names]
    shown = [entry for entry in entries if entry.visible_to(user)]
    if written:
        session[NAV_SESSION_KEY] = {"stamp": stamp, "names": [entry.url_name for entry in shown]}
    return shown


def keep_at_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """On sign-in (user_logged_in) the session is being saved anyway: the bar is worked out there."""
    if getattr(request, "session", None) is not None:
        _visible(request, user, registry.nav_entries())


def navigation(request: HttpRequest) -> dict[str, Any]:
    entries = registry.nav_entries()
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []} | {entry.badge_context: 0 for entry in entries if entry.badge_context}
    shown = _visible(request, user, entries)
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
        url = _url(entry.url_name, get_script_prefix(), str(settings.ROOT_URLCONF))
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
