"""Users over the API: read within scope; administrators create and change them through the service."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from rightstrack.accounts import services
from rightstrack.accounts.filters import UserFilterSet
from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body
from rightstrack.core.api import ScopedPrimaryKeyRelatedField, ServiceCreateMixin, ServiceUpdateMixin


class UserSerializer(serializers.ModelSerializer):
    body = ScopedPrimaryKeyRelatedField(
        queryset=Body.objects.all(),
        error_messages={
            "required": _("Every user belongs to a body: choose one."),
            "null": _("Every user belongs to a body: choose one."),
        },
    )
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "body",
            "role",
            "preferred_language",
            "is_active",
            "password",
        ]
        read_only_fields = ["is_active"]


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


def register(router: BaseRouter) -> None:
    router.register("users", UserViewSet, basename="user")
