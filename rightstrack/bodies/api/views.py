"""Bodies and memberships over the API; writes go through the same services as the UI."""

from __future__ import annotations

from typing import cast

from rest_framework import mixins, serializers, viewsets

from rightstrack.bodies import selectors, services
from rightstrack.bodies.api.serializers import BodySerializer, MembershipSerializer
from rightstrack.bodies.filters import BodyFilterSet, MembershipFilterSet
from rightstrack.bodies.models import Body, Membership, Person
from rightstrack.core.api.viewsets import ScopedViewSetMixin
from rightstrack.core.scope import get_scoped_or_404


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
