"""Users over the API: read within scope; administrators create and change them through the service."""

from __future__ import annotations

from typing import Any

from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.accounts import services
from rightstrack.accounts.api.serializers import UserSerializer
from rightstrack.accounts.filters import UserFilterSet
from rightstrack.accounts.models import User
from rightstrack.core.api import ServiceCreateMixin, ServiceUpdateMixin


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceCreateMixin, ServiceUpdateMixin):
    base_queryset = User.objects.select_related("body")
    queryset = User.objects.none()
    serializer_class = UserSerializer
    filterset_class = UserFilterSet
    create_service = services.user_create
    create_permission = "accounts.add_user"
    update_service = services.user_update
    update_permission = "accounts.change_user"

    def get_update_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in data.items() if k != "username"}

    @action(detail=False, methods=["get"])
    def me(self, request: Request) -> Response:
        """The signed-in user."""
        return Response(UserSerializer(request.user).data)
