"""The audit log: one row per create, update or delete, never changed afterwards."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an audit record."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("audit records cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit records cannot be deleted")

    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


# How each action reads in the log; an action not listed here is shown as it is stored.
ACTION_LABELS = {
    "create": _("Created"),
    "update": _("Updated"),
    "delete": _("Deleted"),
    "cascade_delete": _("Deleted with what it belonged to"),
    "set_null": _("Link emptied by a deletion"),
    "cascade_update": _("Link reset by a deletion"),
    "password_changed": _("Password changed"),
    "login_failed": _("Sign-in failed"),
    "locked_out": _("Locked out after failed sign-ins"),
    "token_issued": _("API token issued"),
    "token_revoked": _("API token revoked"),
}


class AuditEntry(models.Model):
    created_at = models.DateTimeField(_("time (UTC)"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        # No constraint: the record outlives the account and is never rewritten when an account goes.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("user name at the time"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=16, db_index=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=32, db_index=True)
    content_type = models.ForeignKey(ContentType, verbose_name=_("object type"), on_delete=models.PROTECT)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=255)
    # The path of the body the object hung off when the record was written (its scope rule's ``body_of``),
    # so a standing office reads its own subtree's log; empty for reference data and sign-in events, which
    # administrators alone read (decision 0019).
    scope_path = models.CharField(  # noqa: DJ001  (NULL: adding the column rewrites no append-only row)
        _("body path"), max_length=255, null=True, blank=True, db_index=True
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnly("audit records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit records cannot be deleted")

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    @property
    def is_removal(self) -> bool:
        """A record of a row that is gone: its fields are shown as they were."""
        return self.action in {"delete", "cascade_delete"}

    @property
    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field label, before, after) for each field whose value differs, labels and values as people read
        them, in the user's language (core.audit_text)."""
        from rightstrack.core.audit_text import readable_changes

        return readable_changes(self)

    @property
    def sentence(self) -> Any:
        """What happened, as a sentence: "Trần Thị Lan submitted the report “…”." (core.audit_text)."""
        from rightstrack.core.audit_text import sentence

        return sentence(self)

    def _label(self, name: str) -> str:
        model = self.content_type.model_class() if self.content_type_id else None
        try:
            field = model._meta.get_field(name) if model else None
            return str(getattr(field, "verbose_name", name)) if field else name
        except FieldDoesNotExist:
            return name


from rightstrack.core.jobs.models import Job, JobState  # noqa: E402  (the job record lives in core)

__all__ = ["AuditAction", "AuditEntry", "AuditEntryQuerySet", "AuditLogIsAppendOnly", "Job", "JobState"]
