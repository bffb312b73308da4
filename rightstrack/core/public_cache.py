"""The public pages' cache: a page kept per path, query and language, so that a crowd of anonymous readers
does not reach the database on every page (decision "public portal").

Every key carries a *generation*; publishing or withdrawing anything calls ``invalidate()`` after the commit,
which moves the generation on, so no page written before it is read again. In a shared cache (CACHE_URL:
a directory or Redis) that holds for every process at once; in each process's own memory it holds for the
process that published, and the others' pages expire after ``PUBLIC_CACHE_SECONDS``.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import get_language

GENERATION_KEY = "public:generation"
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
MAX_QUERY_CHARS = 1000  # a longer query string is answered but not kept (nobody types it; a script might)


@dataclass(frozen=True)
class KeptPage:
    status: int
    content: bytes
    headers: tuple[tuple[str, str], ...]


def seconds() -> int:
    return int(getattr(settings, "PUBLIC_CACHE_SECONDS", 0))


def generation() -> int:
    """The current generation; the first reader of a fresh cache starts one from the clock (a restarted
    process never reuses an older generation's pages)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns() // 1000
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return int(value)


def invalidate() -> None:
    """Forget every public page kept so far (call it with ``transaction.on_commit``)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next reader starts one
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)


def page_key(request: HttpRequest) -> str | None:
    """The key of a page: its path, its query (parameters sorted, so the order of filters does not matter),
    the language it is written in and the generation; None when the page is not to be kept."""
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_CHARS or request.method not in ("GET", "HEAD"):
        return None
    items = sorted((k, v) for k in request.GET for v in request.GET.getlist(k) if v != "")
    raw = repr((request.path, items, get_language() or "")).encode("utf-8")
    return f"public:{generation()}:{hashlib.sha256(raw).hexdigest()}"


def read(key: str | None) -> HttpResponse | None:
    if key is None or seconds() <= 0:
        return None
    kept = cache.get(key)
    if not isinstance(kept, KeptPage):
        return None
    response = HttpResponse(kept.content, status=kept.status)
    for name, value in kept.headers:
        response[name] = value
    response["X-Public-Cache"] = "hit"
    return response


def keep(key: str | None, response: HttpResponse) -> None:
    """Keep a successful page (not an error, not a redirect), and say how long a browser may keep it."""
    if key is None or seconds() <= 0 or response.status_code != 200 or response.streaming:
        return
    headers = tuple((name, response[name]) for name in KEPT_HEADERS if response.has_header(name))
    cache.set(key, KeptPage(response.status_code, bytes(response.content), headers), timeout=seconds())
    response["X-Public-Cache"] = "miss"


def public_headers(response: HttpResponseBase) -> Any:
    """Anyone may keep a public page for a minute (browsers, a proxy in front): a reader who refreshes
    costs nothing; ``Vary`` keeps the two languages apart."""
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = f"public, max-age={min(60, seconds())}"
    return response
