from __future__ import annotations

import functools
import zoneinfo
from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.choices import Role


@functools.cache
def time_zone_names() -> tuple[str, ...]:
    """The IANA zones this machine knows ("Asia/Ho_Chi_Minh", "Europe/Paris"), sorted; read once."""
    return tuple(sorted(name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC"))


def validate_time_zone(value: str) -> None:
    if value and value not in time_zone_names():
        raise ValidationError(_("Choose a time zone from the list."), code="invalid_choice")


class User(AbstractUser):
    """A person who signs in. Belongs to one body; sees that body's subtree (see core.scope)."""

    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # No default: whoever creates a user chooses the role (decision 0019); a default would hand out rights.
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    preferred_language = models.CharField(
        _("language"), max_length=8, choices=[("vi", "Tiếng Việt"), ("en", "English")], default="vi"
    )

    # Empty: the deployment's TIME_ZONE. core.middleware.UserTimeZoneMiddleware shows the user's pages in it.
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, default="", validators=[validate_time_zone]
    )

    objects: UserManager = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def clean(self) -> None:
        super().clean()
        if self.body_id is None and not self.is_superuser:
            raise ValidationError({"body": _("Every user belongs to a body: choose one.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saving a new password or a deactivation revokes the user's API tokens, whichever path saved it
        (a service, the admin, the password page, ``changepassword``): as Django ends the sessions."""
        password_changed = getattr(self, "_password", None) is not None  # set by set_password()
        super().save(*args, **kwargs)
        if password_changed or not self.is_active:
            from rightstrack.accounts.services import tokens_revoke

            tokens_revoke(user=self, reason="password_changed" if password_changed else "deactivated")

    def get_absolute_url(self) -> str:
        return reverse("accounts:user_detail", args=[self.pk])

    def get_full_name(self) -> str:
        """Family name first, as Vietnamese names are written ("Phạm Thị Mai")."""
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Invitation(models.Model):
    """A link that lets a new user set their own password once (decision 0019).

    Only a hash of the token is stored; the link itself goes to the user (e-mail and in-app message) and is
    never recorded. It works once, until ``expires_at``; a newer invitation ends the older ones.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_usable(self) -> bool:
        from django.utils import timezone

        return self.used_at is None and self.expires_at > timezone.now()
