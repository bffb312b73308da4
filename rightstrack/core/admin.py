"""The Django admin, for administrators: every save and delete is audited; the audit log is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from rightstrack.core.audit import audited_delete, audited_save
from rightstrack.core.models import AuditEntry


class AuditedModelAdmin(admin.ModelAdmin):
    """Routes the admin's writes through the audited helpers, bulk deletes included."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        audited_save(obj, actor=request.user)

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
