"""The project's error handlers: the API answers in JSON even when the server fails."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def server_error(request: HttpRequest) -> HttpResponse:
    """500: JSON for the API (clients parse it like any other error), the HTML page for everyone else.

    Django has already logged the exception with its traceback before it calls this handler."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {
                "detail": _("Something went wrong. The error has been logged. Please try again later."),
                "code": "server_error",
            },
            status=500,
        )
    return defaults.server_error(request)
