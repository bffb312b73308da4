"""Reads that may be a little stale go to the replica; everything else to the primary (decision 0037).

With ``DATABASE_REPLICA_URL`` set, ``DATABASES["replica"]`` is a PostgreSQL streaming replica. A read goes
there only when all of these hold:

- it runs inside ``replica_reads()``: the GET of a generic list page or the cycle dashboard
  (``ReplicaReadsMixin``), after sign-in and the page's object were read from the primary;
- nothing has written in this request so far, and the browser did not write within the last
  ``DATABASE_REPLICA_PIN_SECONDS`` (a cookie set by ``ReplicaPinMiddleware``): a user sees their own change
  on the next page although the replica may be a moment behind;
- no transaction is open on the primary;
- the replica answered lately (one that refuses a connection is left alone for
  ``DATABASE_REPLICA_RETRY_SECONDS``; its reads go to the primary meanwhile).

Writes always go to the primary. Without a replica the router says nothing and Django does as it always did.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "rightstrack_primary"
SAFE_METHODS = ("GET", "HEAD")


@dataclass
class _Request:
    """What routing needs to know of the request (or command) under way."""

    pinned: bool = False  # wrote, or the browser wrote lately: the primary only
    wrote: bool = False
    replica_ok: bool = False  # inside replica_reads()


_request: ContextVar[_Request | None] = ContextVar("rightstrack_db_request", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class _ReplicaHealth:
    """A replica that refused a connection is skipped for a while, so pages fall back to the primary."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._down_until = 0.0

    def reset(self) -> None:
        with self._lock:
            self._down_until = 0.0

    def usable(self) -> bool:
        if time.monotonic() < self._down_until:
            return False
        connection = connections[REPLICA]
        if connection.connection is not None:
            return True
        try:
            connection.ensure_connection()
        except DatabaseError:
            with self._lock:
                self._down_until = time.monotonic() + settings.DATABASE_REPLICA_RETRY_SECONDS
            logger.warning(
                "The replica does not answer; reads go to the primary for %s s",
                settings.DATABASE_REPLICA_RETRY_SECONDS,
                exc_info=True,
            )
            return False
        return True


replica_health = _ReplicaHealth()


@contextlib.contextmanager
def request_scope(*, pinned: bool = False) -> Iterator[_Request]:
    """One request's routing state (ReplicaPinMiddleware opens it); reuses one that is already open."""
    current = _request.get()
    if current is not None:
        current.pinned = current.pinned or pinned
        yield current
        return
    state = _Request(pinned=pinned)
    token = _request.set(state)
    try:
        yield state
    finally:
        _request.reset(token)


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside may come from the replica, until something writes."""
    with request_scope() as state:
        before = state.replica_ok
        state.replica_ok = True
        try:
            yield
        finally:
            state.replica_ok = before


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        state = _request.get()
        if state is None or not state.replica_ok or not replica_configured():
            return None  # Django's own choice (the object's database, else the default)
        if state.pinned or state.wrote or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA if replica_health.usable() else DEFAULT_DB_ALIAS

    def db_for_write(self, model: type, **hints: Any) -> str:
        state = _request.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        databases = {obj1._state.db, obj2._state.db}
        return True if databases <= {DEFAULT_DB_ALIAS, REPLICA} else None  # the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None  # a replica is read-only: it follows the primary


class ReplicaPinMiddleware:
    """Open the request's routing state; after a request that wrote, keep the browser on the primary for
    ``DATABASE_REPLICA_PIN_SECONDS`` (a cookie), so the next pages show what it just did."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        pinned = PIN_COOKIE in request.COOKIES or request.method not in SAFE_METHODS
        with request_scope(pinned=pinned) as state:
            response = self.get_response(request)
            if state.wrote:
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response


class ReplicaReadsMixin:
    """For a view's GET: its reads, and the rendering of its template, may come from the replica.

    Put it on pages that show lists and figures, where a second's delay is harmless; sign-in and the URL's
    object are read before (in ``dispatch``), from the primary.
    """

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with replica_reads():
            response = super().get(request, *args, **kwargs)  # type: ignore[misc]
            render = getattr(response, "render", None)
            if callable(render) and not getattr(response, "is_rendered", True):
                render()  # a TemplateResponse renders (and reads) here, not after the view returns
        return response
