"""The Django admin, for administrators: every save and delete is audited; the audit log is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.http import HttpRequest

from rightstrack.core.audit import audit_record, audited_delete, audited_save
from rightstrack.core.models import AuditEntry


def _label(related: models.Model) -> str:
    """A permission as ``app_label.codename`` (what has_perm takes); anything else as its name."""
    if isinstance(related, Permission):
        return f"{related.content_type.app_label}.{related.codename}"
    return str(related)


def m2m_snapshot(obj: models.Model) -> dict[str, list[str]]:
    """Each many-to-many field's members, by name, sorted."""
    if obj.pk is None:
        return {}
    snapshot: dict[str, list[str]] = {}
    for field in obj._meta.many_to_many:
        related = getattr(obj, field.name).all()
        if field.related_model is Permission:
            related = related.select_related("content_type")
        snapshot[field.name] = sorted(_label(r) for r in related)
    return snapshot


class AuditedModelAdmin(admin.ModelAdmin):
    """Routes the admin's writes through the audited helpers, bulk deletes included."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        audited_save(obj, actor=request.user)

    @transaction.atomic
    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Many-to-many fields (a user's groups and permissions, a group's permissions) are saved after the
        object: one more record names what was there before and after, by name rather than id."""
        obj = form.instance
        before = m2m_snapshot(obj)
        super().save_related(request, form, formsets, change)
        after = m2m_snapshot(obj)
        if before != after:
            changed = [name for name in after if before.get(name) != after[name]]
            audit_record(
                obj=obj,
                action="update",
                before={name: before.get(name) for name in changed},
                after={name: after[name] for name in changed},
                actor=request.user,
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audited_delete(obj, actor=request.user)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        for obj in queryset:
            audited_delete(obj, actor=request.user)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "actor_label",
        "source",
        "action",
        "content_type",
        "object_repr",
        "request_id",
    ]
    list_filter = ["source", "action", "content_type"]
    search_fields = ["object_repr", "actor_label", "request_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Django's groups, through the same audited admin (their permissions recorded by name).
admin.site.unregister(Group)


@admin.register(Group)
class AuditedGroupAdmin(AuditedModelAdmin, GroupAdmin):
    pass
