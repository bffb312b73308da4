"""Reporting data in the admin, read-only: writes go through the services (versions, locks, audit)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from rightstrack.reporting.models import (
    Attachment,
    CycleParticipant,
    Report,
    ReportFigure,
    ReportingCycle,
    ReportReminder,
    ReportRevision,
    ReportSection,
    ReportTemplate,
    ReviewComment,
    TemplateIndicator,
    TemplateSection,
)


class ReadOnlyAdminMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TemplateSectionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TemplateSection
    fields = ["order", "key", "parent", "title", "title_en"]
    extra = 0


class TemplateIndicatorInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TemplateIndicator
    fields = ["order", "key", "label", "unit", "sums_across_bodies", "allow_negative", "decimals"]
    extra = 0


@admin.register(ReportTemplate)
class ReportTemplateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "family", "version", "is_current", "created_at"]
    list_filter = ["family", "is_current"]
    inlines = [TemplateSectionInline, TemplateIndicatorInline]


class CycleParticipantInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CycleParticipant
    raw_id_fields = ["body"]
    extra = 0


@admin.register(ReportingCycle)
class ReportingCycleAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "period_start", "period_end", "deadline", "status", "template"]
    list_filter = ["status"]
    search_fields = ["name", "name_en"]
    inlines = [CycleParticipantInline]


class ReportSectionInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = ReportSection
    fields = ["section", "html", "updated_at", "updated_by"]
    extra = 0


class ReportFigureInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReportFigure
    fields = ["indicator", "value"]
    extra = 0


@admin.register(Report)
class ReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["body", "cycle", "status", "version", "submitted_at", "last_activity_at"]
    list_filter = ["status", "cycle"]
    search_fields = ["body__name", "cycle__name"]
    list_select_related = ["body", "cycle"]
    inlines = [ReportSectionInline, ReportFigureInline]


@admin.register(ReportRevision)
class ReportRevisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["report", "number", "reason", "status", "created_by", "created_at"]
    list_filter = ["reason"]
    list_select_related = ["report", "report__body", "report__cycle", "created_by"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["report", "section", "author", "created_at"]
    list_select_related = ["report", "report__body", "report__cycle", "section", "author"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["original_name", "report", "kind", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["report", "report__body", "report__cycle", "uploaded_by"]


@admin.register(ReportReminder)
class ReportReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["report", "kind", "sent_on", "recipients"]
    list_filter = ["kind"]
    list_select_related = ["report", "report__body", "report__cycle"]
