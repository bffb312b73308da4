"""Settings-level API pieces (imported by DRF while it loads, so they import no DRF views)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination, permissions
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from rightstrack.core import context
from rightstrack.core.views.errors import error_dict


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class ScopedPermission(permissions.BasePermission):
    """Signed in; object access is decided by core.scope through the viewset's scoped queryset."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if user and user.is_authenticated:
            context.set_actor(user)  # token-authenticated users are known only here
            return True
        return False


def exception_handler(exc: Exception, ctx: dict[str, Any]) -> Response | None:
    """Service-level validation errors become 400s with the same shape as serializer errors."""
    if isinstance(exc, DjangoValidationError):
        # Django files errors about no one field under "__all__"; DRF clients expect "non_field_errors".
        exc = ValidationError(detail=error_dict(exc, non_field_key=api_settings.NON_FIELD_ERRORS_KEY))
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, ctx)
