"""Users: declared on the generic views; administrators create and change them through one service call."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from rightstrack.accounts import services
from rightstrack.accounts.filters import UserFilterSet
from rightstrack.accounts.forms import ProfileForm, SignInForm, UserForm
from rightstrack.accounts.models import User
from rightstrack.accounts.tables import UserTable
from rightstrack.core.views.errors import add_form_errors
from rightstrack.core.views.generic import ObjectActionView, ObjectEditView, ObjectListView, ObjectView
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
    success_message = _("User created. Without a password typed here, they have been sent an invitation.")

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        kwargs = super().get_service_kwargs(form)
        kwargs["invite"] = not kwargs.get("password")
        return kwargs


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


class ProfileView(ObjectEditView):
    """Self-service: the signed-in user's own settings (language of messages, time zone) and the way to
    their password; one service call."""

    form_class = ProfileForm
    service = services.user_set_preferences
    template_name = "accounts/profile.html"
    success_message = _("Your settings have been saved.")

    def get_initial(self) -> dict[str, Any]:
        return {"preferred_language": self.actor.preferred_language, "time_zone": self.actor.time_zone}

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        return {"user": self.actor, **form.cleaned_data}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"person": self.actor}

    def get_success_url(self) -> str:
        return str(reverse_lazy("profile"))


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


class UserInviteView(ObjectActionView):
    """Send (again) the link with which the user sets their own password; older links stop working."""

    object_permission = "accounts.change_user"
    queryset = USER_QUERYSET
    template_name = "accounts/user_invite.html"
    context_object_name = "person"
    service = services.user_invite
    success_message = _("Invitation sent. The user sets their own password from the link in the e-mail.")


class InvitationAcceptView(FormView):
    """Anyone with a valid invitation link sets the account's password (Django's form and validators); the
    link is spent. An unknown, used, replaced or expired link says so, whatever the reason (404)."""

    template_name = "registration/invitation_accept.html"
    form_class = SetPasswordForm

    invitation: Any = None

    def _open(self) -> bool:
        try:
            self.invitation = services.invitation_for(self.kwargs["token"])
        except services.InvitationInvalid:
            return False
        return True

    def _invalid(self) -> HttpResponse:
        return render(self.request, "registration/invitation_invalid.html", status=404)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return super().get(request, *args, **kwargs) if self._open() else self._invalid()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return super().post(request, *args, **kwargs) if self._open() else self._invalid()

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"user": self.invitation.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"person": self.invitation.user}

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[override]
        try:
            services.invitation_accept(
                token=self.kwargs["token"], password=form.cleaned_data["new_password1"]
            )
        except services.InvitationInvalid:
            return self._invalid()
        except ValidationError as error:
            add_form_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Your password is set. Sign in with your user name and new password.")
        )
        return redirect(f"{reverse('login')}?username={self.invitation.user.username}")
