"""Bodies and memberships over the API; writes go through the same services as the UI."""

from __future__ import annotations

from typing import Any, cast

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, viewsets
from rest_framework.routers import BaseRouter

from rightstrack.bodies import selectors, services
from rightstrack.bodies.filters import BodyFilterSet, MembershipFilterSet
from rightstrack.bodies.models import Body, Membership, Person
from rightstrack.core.api import ScopedViewSetMixin
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


class BodyViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    base_queryset = selectors.body_list()
    queryset = Body.objects.none()
    serializer_class = BodySerializer
    filterset_class = BodyFilterSet

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = services.body_create(actor=self.actor, **serializer.validated_data)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k != "code"}
        serializer.instance = services.body_update(
            actor=self.actor, body=cast(Body, serializer.instance), **data
        )


class MembershipViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    base_queryset = Membership.objects.select_related("body", "person", "member_body")
    queryset = Membership.objects.none()
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        person_data = data.pop("person", None)
        if person_data and person_data.get("full_name"):
            data["person"] = services.person_get_or_create(
                actor=self.actor,
                full_name=person_data["full_name"],
                title=person_data.get("title", ""),
            )
        serializer.instance = services.membership_update(
            actor=self.actor, membership=cast(Membership, serializer.instance), **data
        )


class BodyMembershipViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """POST /api/bodies/{body_pk}/memberships/ seats a person or agency in that body."""

    serializer_class = MembershipSerializer
    queryset = Membership.objects.none()
    base_queryset = Membership.objects.all()

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        body = get_scoped_or_404(self.request.user, Body.objects.all(), pk=self.kwargs["body_pk"])
        data = dict(serializer.validated_data)
        person_data = data.pop("person", None) or {}
        person: Person | None = None
        if person_data.get("full_name"):
            person = services.person_get_or_create(
                actor=self.actor,
                full_name=person_data["full_name"],
                title=person_data.get("title", ""),
            )
        serializer.instance = services.membership_create(actor=self.actor, body=body, person=person, **data)


def register(router: BaseRouter) -> None:
    router.register("bodies", BodyViewSet, basename="body")
    router.register("memberships", MembershipViewSet, basename="membership")
    router.register(r"bodies/(?P<body_pk>\d+)/memberships", BodyMembershipViewSet, basename="body-membership")
