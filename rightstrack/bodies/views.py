from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies import selectors, services
from rightstrack.bodies.filters import BodyFilterSet
from rightstrack.bodies.forms import BodyForm, MembershipForm
from rightstrack.bodies.models import Body, Membership
from rightstrack.core.scope import ensure_can, get_scoped_or_404
from rightstrack.core.views import ScopedDetailView, ScopedListView, ServiceFormView


class BodyListView(ScopedListView):
    permission_required = "bodies.view_body"
    base_queryset = selectors.body_list()
    filterset_class = BodyFilterSet
    template_name = "bodies/body_list.html"


class BodyDetailView(ScopedDetailView):
    permission_required = "bodies.view_body"
    base_queryset = selectors.body_detail()
    template_name = "bodies/body_detail.html"
    context_object_name = "body"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_edit"] = user.has_perm("bodies.change_body", self.object)
        ctx["can_add_member"] = user.has_perm("bodies.add_membership", Membership(body=self.object))
        return ctx


class BodyCreateView(ServiceFormView):
    permission_required = "bodies.add_body"
    form_class = BodyForm
    template_name = "bodies/body_form.html"
    success_message = _("Body created.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"user": self.request.user}

    def perform(self, form: BaseForm) -> Body:
        return services.body_create(actor=self.actor, **form.cleaned_data)


class BodyEditView(ServiceFormView):
    permission_required = "bodies.change_body"
    form_class = BodyForm
    template_name = "bodies/body_form.html"
    success_message = _("Changes saved.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.body = get_scoped_or_404(request.user, Body.objects.all(), pk=kwargs["pk"])
            ensure_can(request.user, "bodies.change_body", self.body)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        # The form gets its own copy: the service must see the stored values as "before".
        copy = Body.objects.get(pk=self.body.pk)
        return super().get_form_kwargs() | {"user": self.request.user, "instance": copy}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"body": self.body}

    def perform(self, form: BaseForm) -> Body:
        data = {k: v for k, v in form.cleaned_data.items() if k != "code"}
        return services.body_update(actor=self.actor, body=self.body, **data)


class MembershipCreateView(ServiceFormView):
    form_class = MembershipForm
    template_name = "bodies/membership_form.html"
    success_message = _("Member added.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.body = get_scoped_or_404(request.user, Body.objects.all(), pk=kwargs["pk"])
            ensure_can(request.user, "bodies.add_membership", Membership(body=self.body))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"body": self.body}

    def perform(self, form: BaseForm) -> Membership:
        data = form.cleaned_data
        person = None
        if data["person_name"].strip():
            person = services.person_get_or_create(
                actor=self.actor, full_name=data["person_name"], title=data["person_title"]
            )
        return services.membership_create(
            actor=self.actor,
            body=self.body,
            position=data["position"],
            person=person,
            member_body=data["member_body"],
            title=data["title"],
            start_on=data["start_on"],
            end_on=data["end_on"],
        )


class MembershipEndView(ServiceFormView):
    """End a seat on a date (memberships are ended, not deleted, so the record of who served stays)."""

    template_name = "bodies/membership_end.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.membership = get_scoped_or_404(
                request.user,
                Membership.objects.select_related("body", "person", "member_body"),
                pk=kwargs["pk"],
            )
            ensure_can(request.user, "bodies.change_membership", self.membership)
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self) -> type[BaseForm]:
        from django import forms

        from rightstrack.bodies.forms import DateInput

        class EndForm(forms.Form):
            end_on = forms.DateField(label=_("Last day"), widget=DateInput())

        return EndForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"membership": self.membership}

    def perform(self, form: BaseForm) -> Membership:
        return services.membership_end(
            actor=self.actor, membership=self.membership, end_on=form.cleaned_data["end_on"]
        )
