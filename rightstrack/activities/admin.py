from django.contrib import admin

from rightstrack.activities.models import Activity, AudienceGroup
from rightstrack.core.admin import AuditedModelAdmin


@admin.register(AudienceGroup)
class AudienceGroupAdmin(AuditedModelAdmin):
    """The audience groups are a small taxonomy administrators edit here (each change audited)."""

    list_display = ["code", "name", "name_en", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Activity)
class ActivityAdmin(AuditedModelAdmin):
    list_display = ["date", "body", "kind", "topic", "participants", "officials_trained"]
    list_filter = ["kind"]
    search_fields = ["topic", "topic_en"]
    raw_id_fields = ["body", "place", "created_by"]
