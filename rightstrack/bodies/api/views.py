"""Bodies and memberships over the API; writes go through the same services as the UI."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import mixins

from rightstrack.bodies import selectors, services
from rightstrack.bodies.api.serializers import BodySerializer, MembershipSerializer
from rightstrack.bodies.filters import BodyFilterSet, MembershipFilterSet
from rightstrack.bodies.models import Body, Membership
from rightstrack.core.api import ServiceCreateMixin, ServiceUpdateMixin
from rightstrack.core.scope import get_scoped_or_404


def membership_kwargs(data: dict[str, Any]) -> dict[str, Any]:
    """The serializer's nested ``person`` as the service's ``person_name``/``person_title``."""
    kwargs = dict(data)
    person = kwargs.pop("person", None) or {}
    if person.get("full_name"):
        kwargs |= {"person_name": person["full_name"], "person_title": person.get("title", "")}
    return kwargs


class BodyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceCreateMixin, ServiceUpdateMixin):
    base_queryset = selectors.body_list()
    queryset = Body.objects.none()
    serializer_class = BodySerializer
    filterset_class = BodyFilterSet
    create_service = services.body_create
    create_permission = "bodies.add_body"
    update_service = services.body_update
    update_permission = "bodies.change_body"

    def get_update_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in data.items() if k != "code"}


class MembershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceUpdateMixin):
    base_queryset = Membership.objects.select_related("body", "person", "member_body")
    queryset = Membership.objects.none()
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    update_service = services.membership_update
    update_permission = "bodies.change_membership"

    def get_update_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return membership_kwargs(data)


class BodyMembershipViewSet(ServiceCreateMixin):
    """POST /api/bodies/{body_pk}/memberships/ seats a person or agency in that body."""

    serializer_class = MembershipSerializer
    queryset = Membership.objects.none()
    base_queryset = Membership.objects.all()
    create_service = services.membership_create
    create_permission = "bodies.add_membership"

    def get_create_permission_object(self) -> models.Model:
        self.body = get_scoped_or_404(self.request.user, Body.objects.all(), pk=self.kwargs["body_pk"])
        return Membership(body=self.body)

    def get_create_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return membership_kwargs(data) | {"body": self.body}
