from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from rightstrack.accounts.models import User
from rightstrack.core.admin import AuditedModelAdmin


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "body", "role", "is_active"]
    list_filter = ["role", "is_active"]
    raw_id_fields = ["body"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("rightstrack", {"fields": ("body", "role", "preferred_language")}),
    )
    add_fieldsets = (
        *(DjangoUserAdmin.add_fieldsets or ()),
        ("rightstrack", {"fields": ("body", "role", "preferred_language")}),
    )
