from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db import transaction

from rightstrack.accounts.models import User
from rightstrack.core.admin import AuditedModelAdmin
from rightstrack.core.audit import audit_record


class AuditedPasswordChangeForm(AdminPasswordChangeForm):
    """The admin's password form, on record like any other change (the hash itself never is)."""

    @transaction.atomic
    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit:
            audit_record(obj=user, action="password_changed")  # the actor comes from the request
        return user


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    change_password_form = AuditedPasswordChangeForm
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
