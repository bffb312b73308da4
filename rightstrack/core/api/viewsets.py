"""Scoped viewsets whose writes go through services, as the pages' generic views do.

Every lookup is scoped (404 outside the scope); every write checks its permission BEFORE reading the
payload (so a caller without the right gets 403, never a 400 that validated their input), then validates,
then calls ONE service. A service's ``ValidationError`` becomes a 400 in ``core.drf.exception_handler``.

List actions (``GET`` on a collection) read their rows from the replica when one is configured, as the list
pages do (core.db_router, decision 0037): authentication, throttling and the permission checks are done
first, on the primary; the primary is still used after a write by the same client, inside a transaction and
while the replica does not answer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, ClassVar, cast

from django.db import models
from django.utils.translation import gettext as _
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.core.db_router import SAFE_METHODS, replica_reads
from rightstrack.core.scope import ensure_can, get_scoped_or_404, scoped
from rightstrack.core.types import Actor

Service = Callable[..., Any]


class ScopedViewSetMixin:
    """Every list and lookup goes through core.scope.scoped; out-of-scope objects answer 404."""

    kwargs: dict[str, Any]
    request: Any
    lookup_field = "pk"
    base_queryset: models.QuerySet
    view_permission: str | None = None  # a model-level permission every request needs (e.g. the audit log)
    #: The actions whose reads may come from the replica: lists, where a second's delay is harmless. A list
    #: that must never be stale leaves it out (``replica_actions = frozenset()``).
    replica_actions: ClassVar[frozenset[str]] = frozenset({"list"})

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        # The replica's block opens in initial() (after sign-in and permissions) and closes here, whatever
        # the handler did: answered, raised, or was turned into an error answer by DRF.
        with contextlib.ExitStack() as self._replica_block:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if self.view_permission and not request.user.has_perm(self.view_permission):
            raise PermissionDenied(_("You do not have permission to do this."))
        if getattr(self, "action", None) in self.replica_actions and request.method in SAFE_METHODS:
            self._replica_block.enter_context(replica_reads())

    @property
    def actor(self) -> Actor:
        """The authenticated user (ScopedPermission has refused everyone else)."""
        return cast(Actor, self.request.user)

    def get_queryset(self) -> models.QuerySet:
        return scoped(self.request.user, self.base_queryset.all())

    def get_object(self) -> Any:
        lookup = {self.lookup_field: self.kwargs[self.lookup_field]}
        return get_scoped_or_404(self.request.user, self.base_queryset.all(), **lookup)

    def get_checked_object(self, permission: str) -> Any:
        """The URL's object in scope (404), then ``permission`` on it (403): before any payload is read."""
        obj = self.get_object()
        ensure_can(self.request.user, permission, obj)
        return obj

    def call_service(self, service: Service, **kwargs: Any) -> Any:
        return service(actor=self.actor, **kwargs)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ServiceViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """The base of every writing viewset: scoped lookups, payload validation, one service per write.

    Compose the routes it offers: DRF's ``ListModelMixin``/``RetrieveModelMixin`` for reads,
    ``ServiceCreateMixin``/``ServiceUpdateMixin`` for writes, ``@action`` methods that call
    ``get_checked_object(permission)`` (before reading the payload), ``validated(...)`` and ONE service.
    """

    #: The keyword the update service takes the object under (the model's name by default).
    object_kwarg: str | None = None

    def get_object_kwarg(self) -> str:
        return self.object_kwarg or self.base_queryset.model._meta.model_name  # type: ignore[return-value]

    def validated(self, serializer_class: type[serializers.Serializer], **kwargs: Any) -> Any:
        """The request's payload through ``serializer_class`` (400 on a bad payload)."""
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def respond(self, instance: Any, *, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(instance).data, status=code)


class ServiceCreateMixin(ServiceViewSet):
    """POST: permission first, then the payload, then ``create_service(actor=..., **validated_data)``."""

    create_service: ClassVar[Service | None] = None
    create_permission: ClassVar[str | None] = None

    def get_create_permission_object(self) -> models.Model | None:
        return None

    def get_create_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return dict(data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self.create_permission:
            ensure_can(request.user, self.create_permission, self.get_create_permission_object())
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        service = type(self).create_service
        assert service is not None, f"{type(self).__name__} must name its create_service"
        instance = self.call_service(service, **self.get_create_kwargs(serializer.validated_data))
        return self.respond(instance, code=status.HTTP_201_CREATED)


class ServiceUpdateMixin(ServiceViewSet):
    """PUT/PATCH: the object in scope, the permission on it, then the payload, then ``update_service``."""

    update_service: ClassVar[Service | None] = None
    update_permission: ClassVar[str | None] = None

    def get_update_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return dict(data)

    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        permission = self.update_permission
        instance = self.get_checked_object(permission) if permission else self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        service = type(self).update_service
        assert service is not None, f"{type(self).__name__} must name its update_service"
        kwargs = {self.get_object_kwarg(): instance, **self.get_update_kwargs(serializer.validated_data)}
        updated = self.call_service(service, **kwargs)
        return self.respond(updated)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)
