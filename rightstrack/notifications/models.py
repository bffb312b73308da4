"""In-app messages to one user, e-mailed once (in the user's language) where they have an address; the page
shows each message in the language it is read in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightstrack.notifications.choices import NotificationKind


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=64, choices=NotificationKind.choices)
    title = models.CharField(_("message"), max_length=500)  # in the recipient's language: the e-mail's text
    # The same message in each of the site's languages ({"vi": …, "en": …}), so a page in English shows it in
    # English whatever the recipient's language was when it was written. Empty for messages sent before.
    titles = models.JSONField(_("message in each language"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    # Set when a sender takes the message to e-mail it; a claim older than EMAIL_CLAIM_SECONDS is abandoned
    # (the sender crashed) and may be taken again.
    email_claimed_at = models.DateTimeField(_("e-mail claimed at"), null=True, blank=True)
    # One message per recipient and trigger: a repeated trigger (a retried task, a second run) adds nothing.
    dedupe_key = models.CharField(_("trigger"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_trigger",
            ),
        ]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return self.title

    def title_in(self, language: str | None = None) -> str:
        """The message in ``language`` (the active one by default), else as it was written."""
        language = (language or get_language() or "").split("-")[0]
        return str(self.titles.get(language) or self.title) if isinstance(self.titles, dict) else self.title

    @property
    def shown_title(self) -> str:
        return self.title_in()

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
