"""Users: declared on the generic views; administrators create and change them through one service call."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts import services
from rightstrack.accounts.filters import UserFilterSet
from rightstrack.accounts.forms import SignInForm, UserForm
from rightstrack.accounts.models import User
from rightstrack.accounts.tables import UserTable
from rightstrack.core.views.generic import ObjectEditView, ObjectListView, ObjectView
from rightstrack.core.views.pages import PREVIOUS_VISIT_SESSION_KEY

USER_QUERYSET = User.objects.select_related("body")


class UserListView(ObjectListView):
    permission_required = "accounts.view_user"
    queryset = USER_QUERYSET
    filterset_class = UserFilterSet
    table_class = UserTable
    template_name = "accounts/user_list.html"


class UserDetailView(ObjectView):
    object_permission = "accounts.view_user"
    queryset = USER_QUERYSET
    template_name = "accounts/user_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {
            "can_edit": self.request.user.has_perm("accounts.change_user", self.object)
        }


class UserCreateView(ObjectEditView):
    """A user with their role, body and active flag, created in one transaction."""

    object_permission = "accounts.add_user"
    form_class = UserForm
    service = services.user_create
    template_name = "accounts/user_form.html"
    success_message = _("User created.")


class UserEditView(ObjectEditView):
    object_permission = "accounts.change_user"
    queryset = USER_QUERYSET
    form_class = UserForm
    service = services.user_update
    template_name = "accounts/user_form.html"
    context_object_name = "person"
    success_message = _("Changes saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"editing": True}

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        kwargs = super().get_service_kwargs(form)
        kwargs.pop("username")  # shown, never changed
        return kwargs


class PasswordChangeView(ObjectEditView):
    """Self-service: the signed-in user changes their own password (Django's form: the old one, the new one
    twice, the validators) through the audited service; this session stays signed in, every other session
    and the user's API tokens end."""

    form_class = PasswordChangeForm
    service = services.user_set_password
    template_name = "accounts/password_change.html"
    success_message = _("Your password has been changed. Other sessions and your API tokens have ended.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"user": self.actor}

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        return {"user": self.actor, "password": form.cleaned_data["new_password1"]}

    def success(self, result: Any) -> None:
        update_session_auth_hash(self.request, result)  # keep this session; the others end
        super().success(result)

    def get_success_url(self) -> str:
        return str(reverse_lazy("home"))


def locked_out(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """What django-axes answers a sign-in to a locked account (AXES_LOCKOUT_CALLABLE): 429, translated."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


class SignInView(auth_views.LoginView):
    """Django's sign-in, which also keeps the user's previous sign-in in the session: the home page lists
    what changed since then."""

    template_name = "registration/login.html"
    form_class = SignInForm

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        previous = form.get_user().last_login
        response = super().form_valid(form)
        if previous is not None:
            self.request.session[PREVIOUS_VISIT_SESSION_KEY] = previous.isoformat()
        return response
