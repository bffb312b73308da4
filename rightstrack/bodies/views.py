"""Bodies and their seats: declared on the generic views, each write one service call."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.forms import BaseForm
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies import selectors, services
from rightstrack.bodies.filters import BodyFilterSet
from rightstrack.bodies.forms import BodyForm, MembershipEndForm, MembershipForm
from rightstrack.bodies.models import Body, Membership
from rightstrack.bodies.tables import BodyTable
from rightstrack.core.views.generic import ObjectEditView, ObjectListView, ObjectView


class BodyListView(ObjectListView):
    permission_required = "bodies.view_body"
    queryset = selectors.body_list()
    filterset_class = BodyFilterSet
    table_class = BodyTable
    template_name = "bodies/body_list.html"


class BodyDetailView(ObjectView):
    object_permission = "bodies.view_body"
    queryset = selectors.body_detail()
    template_name = "bodies/body_detail.html"
    context_object_name = "body"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_edit"] = user.has_perm("bodies.change_body", self.object)
        ctx["can_add_member"] = user.has_perm("bodies.add_membership", Membership(body=self.object))
        return ctx


class BodyCreateView(ObjectEditView):
    object_permission = "bodies.add_body"
    form_class = BodyForm
    service = services.body_create
    template_name = "bodies/body_form.html"
    success_message = _("Body created.")


class BodyEditView(ObjectEditView):
    object_permission = "bodies.change_body"
    queryset = Body.objects.all()
    form_class = BodyForm
    service = services.body_update
    template_name = "bodies/body_form.html"
    context_object_name = "body"
    success_message = _("Changes saved.")

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        kwargs = super().get_service_kwargs(form)
        kwargs.pop("code")  # shown, never changed
        return kwargs


class MembershipCreateView(ObjectEditView):
    """Seat a person (found or recorded by name) or an agency in the body the URL names."""

    object_permission = "bodies.add_membership"
    queryset = Body.objects.all()
    form_class = MembershipForm
    service = services.membership_create
    template_name = "bodies/membership_form.html"
    context_object_name = "body"
    success_message = _("Member added.")

    def get_permission_object(self) -> models.Model:
        return Membership(body=self.object)


class MembershipEndView(ObjectEditView):
    """End a seat on a date (memberships are ended, not deleted, so the record of who served stays)."""

    object_permission = "bodies.change_membership"
    queryset = Membership.objects.select_related("body", "person", "member_body")
    form_class = MembershipEndForm
    service = services.membership_end
    template_name = "bodies/membership_end.html"
    context_object_name = "membership"

    def get_initial(self) -> dict[str, Any]:
        return {}  # the last day is chosen, not the seat's current end
