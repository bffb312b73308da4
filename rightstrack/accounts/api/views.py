"""Users over the API: read within scope; administrators create and change them through the service."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.accounts import services
from rightstrack.accounts.api.serializers import TokenSerializer, UserSerializer
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

    def get_create_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        """Without a password, the new user is sent an invitation to set their own (decision 0019)."""
        return super().get_create_kwargs(data) | {"invite": not data.get("password")}

    def get_update_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in data.items() if k != "username"}

    @action(detail=False, methods=["get"])
    def me(self, request: Request) -> Response:
        """The signed-in user."""
        return Response(UserSerializer(request.user).data)

    @extend_schema(methods=["POST"], request=None, responses={201: TokenSerializer})
    @extend_schema(methods=["DELETE"], request=None, responses={204: None})
    @action(detail=False, methods=["post", "delete"], url_path="me/token", url_name="token")
    def token(self, request: Request) -> Response:
        """The caller's own API token: POST issues a new one (any older one stops working at once); DELETE
        revokes it (signing out of the API)."""
        user = cast(User, request.user)
        if request.method == "DELETE":
            services.tokens_revoke(user=user, reason="revoked", actor=user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        token = services.token_issue(actor=user, user=user)
        data = {"token": token.key, "expires_at": services.token_expires_at(token)}
        return Response(TokenSerializer(data).data, status=status.HTTP_201_CREATED)
