from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts import services
from rightstrack.accounts.filters import UserFilterSet
from rightstrack.accounts.forms import OwnPasswordChangeForm, UserForm
from rightstrack.accounts.models import User
from rightstrack.core.scope import ensure_can, get_scoped_or_404
from rightstrack.core.views import ScopedDetailView, ScopedListView, ServiceFormView

USER_QUERYSET = User.objects.select_related("body")


class UserListView(ScopedListView):
    permission_required = "accounts.view_user"
    base_queryset = USER_QUERYSET
    filterset_class = UserFilterSet
    template_name = "accounts/user_list.html"


class UserDetailView(ScopedDetailView):
    permission_required = "accounts.view_user"
    base_queryset = USER_QUERYSET
    template_name = "accounts/user_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {
            "can_edit": self.request.user.has_perm("accounts.change_user", self.object)
        }


class UserCreateView(ServiceFormView):
    permission_required = "accounts.add_user"
    form_class = UserForm
    template_name = "accounts/user_form.html"
    success_message = _("User created.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"user": self.request.user}

    def perform(self, form: BaseForm) -> User:
        data = dict(form.cleaned_data)
        is_active = data.pop("is_active")
        user = services.user_create(actor=self.actor, **data)
        if not is_active:
            services.user_update(actor=self.actor, user=user, is_active=False)
        return user


class UserEditView(ServiceFormView):
    permission_required = "accounts.change_user"
    form_class = UserForm
    template_name = "accounts/user_form.html"
    success_message = _("Changes saved.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.person = get_scoped_or_404(request.user, USER_QUERYSET, pk=kwargs["pk"])
            ensure_can(request.user, "accounts.change_user", self.person)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        p = self.person
        return {
            "username": p.username,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "email": p.email,
            "body": p.body,
            "role": p.role,
            "preferred_language": p.preferred_language,
            "is_active": p.is_active,
        }

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"user": self.request.user, "editing": True}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"person": self.person}

    def perform(self, form: BaseForm) -> User:
        data = dict(form.cleaned_data)
        data.pop("username")
        password = data.pop("password")
        user = services.user_update(actor=self.actor, user=self.person, **data)
        if password:
            services.user_set_password(actor=self.actor, user=user, password=password)
        return user


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Self-service: the signed-in user changes their own password; this session stays signed in, every
    other session and the user's API tokens end."""

    form_class = OwnPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")
    success_message = _("Your password has been changed. Other sessions and your API tokens have ended.")


def locked_out(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """What django-axes answers a sign-in to a locked account (AXES_LOCKOUT_CALLABLE): 429, translated."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
