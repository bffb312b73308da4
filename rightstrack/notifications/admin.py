from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from rightstrack.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: messages are written by the services that send them."""

    list_display = ["created_at", "user", "kind", "title", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "user__username", "dedupe_key"]
    raw_id_fields = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
