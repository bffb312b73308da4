"""Packs in the Django admin: read-only (they are made and built through the services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from rightstrack.packs.models import ConsolidatedPack


@admin.register(ConsolidatedPack)
class ConsolidatedPackAdmin(admin.ModelAdmin):
    list_display = ("title", "cycle", "selection", "built_at")
    list_filter = ("selection",)
    search_fields = ("title", "title_en")
    readonly_fields = [f.name for f in ConsolidatedPack._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
