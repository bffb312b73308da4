"""Model fields every app declares the same way."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


def user_fk(verbose_name: Any) -> models.ForeignKey:
    """Who did something (created, submitted, accepted…): optional, NULL once the user is deleted, and no
    reverse accessor on the user (the audit log is where a user's actions are listed)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
