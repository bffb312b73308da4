from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import time_zone_names
from rightstrack.bodies.models import Body
from rightstrack.bodies.selectors import without_dissolved
from rightstrack.core.forms import ScopedForm, ScopedModelChoiceField, SearchableSelect


class UserForm(ScopedForm):
    """Plain form; the user service validates and writes. Only administrators reach it."""

    username = forms.CharField(label=_("User name"), max_length=150)
    last_name = forms.CharField(label=_("Family and middle name"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Given name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    body = ScopedModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.all(),
        widget=SearchableSelect,
        error_messages={"required": _("Every user belongs to a body: choose one.")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("— Choose a role —")), *Role.choices],
        error_messages={"required": _("Choose the user's role: no role is given by default.")},
    )
    preferred_language = forms.ChoiceField(
        label=_("Language"), choices=[("vi", "Tiếng Việt"), ("en", "English")]
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput,
        required=False,
        help_text=_("Leave empty to keep the current password."),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["body"])
        field.queryset = without_dissolved(field.queryset, keep=self.initial.get("body"))
        if editing:
            self.fields["username"].disabled = True
        else:
            self.fields["password"].help_text = _(
                "Leave empty (recommended): the user receives an e-mail with a link to set their own "
                "password."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.fields["username"].disabled and not data.get("password") and not data.get("email"):
            self.add_error(
                "email",
                _("Give an e-mail address for the invitation to set a password, or type a password."),
            )
        return data


def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA zone, by its name ("Asia/Ho_Chi_Minh"); the deployment's zone first."""
    names = time_zone_names()
    first = settings.TIME_ZONE if settings.TIME_ZONE in names else "UTC"
    return [(first, first)] + [(name, name) for name in names if name != first]


class ProfileForm(forms.Form):
    """What a user sets for themselves: the language of their messages and e-mails, their time zone."""

    preferred_language = forms.ChoiceField(
        label=_("Language"),
        choices=[("vi", "Tiếng Việt"), ("en", "English")],
        help_text=_("The language of your notifications and e-mails."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        widget=SearchableSelect,
        help_text=_("Times on your pages (audit log, history, notifications, jobs) are shown in this zone."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.initial.get("time_zone"):
            self.initial["time_zone"] = settings.TIME_ZONE


class SignInForm(AuthenticationForm):
    """Django's sign-in form, saying which field was left empty (instead of "did not match")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Enter your user name.")
        self.fields["password"].error_messages["required"] = _("Enter your password.")
