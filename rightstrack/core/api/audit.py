"""The audit log over the API: administrators only, read-only."""

from __future__ import annotations

from rest_framework import serializers

from rightstrack.core.api.viewsets import ScopedReadOnlyViewSet
from rightstrack.core.filters import AuditEntryFilterSet
from rightstrack.core.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    object_type = serializers.CharField(source="content_type.model", read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "created_at",
            "actor",
            "actor_label",
            "source",
            "request_id",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
        ]


class AuditEntryViewSet(ScopedReadOnlyViewSet):
    base_queryset = AuditEntry.objects.select_related("content_type")
    queryset = AuditEntry.objects.none()
    serializer_class = AuditEntrySerializer
    filterset_class = AuditEntryFilterSet
    view_permission = "core.view_auditentry"
