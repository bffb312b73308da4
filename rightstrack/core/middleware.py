"""Request id and acting user for every request, kept in the action context and the logs."""

from __future__ import annotations

import logging
import re
import time
import zoneinfo
from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.log import log_response

from rightstrack.core import context

# What a proxy sends: nginx's $request_id (32 hex digits) or a UUID. Anything else is replaced, so a client
# cannot put text of its choosing (or a line break) into the audit log and the logs.
_REQUEST_ID = re.compile(r"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _source_for(path: str) -> str:
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/admin/"):
        return "admin"
    return "web"


def request_id_of(request: HttpRequest) -> str:
    """The proxy's X-Request-ID when it has the strict form, else a new one; kept on the request."""
    request_id = getattr(request, "request_id", "")
    if not request_id:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.fullmatch(incoming) else context.new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
    return str(request_id)


class RequestIdMiddleware:
    """Take an X-Request-ID of the strict form above from a proxy, or make one; echo it in the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_of(request)
        with context.action_context(source=_source_for(request.path), request_id=request_id):
            response = self.get_response(request)
            if response.status_code >= 400:
                # Django logs a 4xx/5xx answer once the middleware is done, when the request id is gone;
                # logged here (as Django would), the line carries it, and Django does not log it again.
                log_response(
                    "%s: %s", response.reason_phrase, request.path, response=response, request=request
                )
        response["X-Request-ID"] = request_id
        return response


class OpsEndpointsMiddleware:
    """/health/live, /health/ready and /metrics, answered before anything else looks at the request.

    A balancer or Prometheus calls a web process by its address over plain HTTP: the host check would
    refuse the address, the HTTPS redirect would answer 301 to every probe, and a session would cost a query.
    These answers carry nothing sensitive (core.ops); /metrics checks its caller itself.
    """

    PATHS = {"/health/live": "live", "/health/ready": "ready", "/metrics": "metrics"}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = self.PATHS.get(request.path_info.rstrip("/") or "/")
        if name is None:
            return self.get_response(request)
        from rightstrack.core import ops

        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD"
            return response
        request_id = request_id_of(request)
        with context.action_context(source="web", request_id=request_id):
            response = cast(HttpResponse, getattr(ops, name)(request))
        response["X-Request-ID"] = request_id
        return response


class AuditActorMiddleware:
    """After authentication: record who acts. Token-authenticated API users are set by the API layer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            context.set_actor(user)
        return self.get_response(request)


class UserTimeZoneMiddleware:
    """After authentication: the signed-in user's pages show times in their own zone (``user.time_zone``;
    empty, or one this machine does not know: the deployment's TIME_ZONE). The API is left in the
    deployment's zone: its datetimes are ISO 8601 with their offset, whoever asks."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = getattr(getattr(request, "user", None), "time_zone", "") or ""
        if not name or request.path.startswith("/api/"):
            return self.get_response(request)
        try:
            zone = zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return self.get_response(request)
        timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class IdleSessionMiddleware:
    """An idle timeout: a signed-in session expires SESSION_COOKIE_AGE after its last request.

    Marking the session modified makes Django push both the stored expiry and the cookie's forward; doing it
    at most once a minute spares the database a write on every request.
    """

    RENEW_AFTER_SECONDS = 60
    KEY = "_rt_renewed_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= self.RENEW_AFTER_SECONDS:
                session[self.KEY] = now
        return self.get_response(request)

    @classmethod
    def start_clock(cls, sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
        """On sign-in (user_logged_in): the session is being saved anyway, so the clock starts there and
        the first page after it costs no extra write."""
        if getattr(request, "session", None) is not None:
            request.session[cls.KEY] = int(time.time())


class SecurityHeadersMiddleware:
    """``Cache-Control: no-store`` on whatever was made for a signed-in user (pages, API JSON, downloads:
    nothing of theirs may stay in a shared computer's cache or a proxy), and the Permissions-Policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Read after the view: the API sets request.user for token-authenticated calls too.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = context.current().request_id or "-"
        return True
