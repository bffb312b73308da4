"""Scoped viewset machinery shared by every app's api.py."""

from __future__ import annotations

from typing import Any, cast

from django.db import models
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied

from rightstrack.core.scope import get_scoped_or_404, scoped
from rightstrack.core.types import Actor


class ScopedViewSetMixin:
    """Every list and lookup goes through core.scope.scoped; out-of-scope objects answer 404."""

    kwargs: dict[str, Any]
    request: Any
    lookup_field = "pk"
    base_queryset: models.QuerySet
    view_permission: str | None = None  # a model-level permission every request needs (e.g. the audit log)

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if self.view_permission and not request.user.has_perm(self.view_permission):
            raise PermissionDenied(_("You do not have permission to do this."))

    @property
    def actor(self) -> Actor:
        """The authenticated user (ScopedPermission has refused everyone else)."""
        return cast(Actor, self.request.user)

    def get_queryset(self) -> models.QuerySet:
        return scoped(self.request.user, self.base_queryset.all())

    def get_object(self) -> Any:
        lookup = {self.lookup_field: self.kwargs[self.lookup_field]}
        obj = get_scoped_or_404(self.request.user, self.base_queryset.all(), **lookup)
        return obj


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
