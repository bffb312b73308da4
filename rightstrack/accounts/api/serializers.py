"""Users as the API reads and writes them; the body named must be within the writer's scope."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body
from rightstrack.core.api import ScopedPrimaryKeyRelatedField


class UserSerializer(serializers.ModelSerializer):
    body = ScopedPrimaryKeyRelatedField(
        queryset=Body.objects.all(),
        error_messages={
            "required": _("Every user belongs to a body: choose one."),
            "null": _("Every user belongs to a body: choose one."),
        },
    )
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})
    role = serializers.ChoiceField(
        choices=Role.choices,
        error_messages={"required": _("Choose the user's role: no role is given by default.")},
    )

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


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        read_only=True, help_text=_("Send it as the header: Authorization: Token KEY")
    )
    expires_at = serializers.DateTimeField(read_only=True)
