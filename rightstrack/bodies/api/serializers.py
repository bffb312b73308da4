"""Bodies and memberships as the API reads and writes them; a body named must be within the user's scope."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import serializers

from rightstrack.bodies.models import Body, Membership
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.places.models import AdministrativeUnit


class BodySerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Body.objects.all(), allow_null=True, required=False
    )
    unit = serializers.PrimaryKeyRelatedField(
        queryset=AdministrativeUnit.objects.all(), allow_null=True, required=False
    )
    successor = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Body
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "kind",
            "level",
            "unit",
            "parent",
            "established_on",
            "establishment_decision",
            "dissolved_on",
            "successor",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        for name in ("parent", "successor"):  # a reference to an unseen body is as good as a missing one
            if attrs.get(name) is not None:
                try:
                    attrs[name] = get_scoped_or_404(user, Body.objects.all(), pk=attrs[name].pk)
                except Exception:
                    raise serializers.ValidationError(
                        {name: _("Not found, or not within your scope.")}
                    ) from None
        return attrs


class MembershipSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", required=False, allow_blank=True)
    person_title = serializers.CharField(source="person.title", required=False, allow_blank=True)
    body: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "body",
            "position",
            "person_name",
            "person_title",
            "member_body",
            "title",
            "start_on",
            "end_on",
        ]

    def validate_member_body(self, value: Body | None) -> Body | None:
        """A seat holder outside the writer's scope is refused as if it did not exist."""
        if value is None:
            return None
        try:
            return get_scoped_or_404(self.context["request"].user, Body.objects.all(), pk=value.pk)
        except Http404:
            raise serializers.ValidationError(_("Not found, or not within your scope.")) from None
