from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db import transaction
from django.http import HttpRequest
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from rightstrack.accounts import services
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
    # Set by signing in and by creation, never by an administrator: not in the form, so never "changed".
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("rightstrack", {"fields": ("body", "role", "preferred_language")}),
    )
    add_fieldsets = (
        *(DjangoUserAdmin.add_fieldsets or ()),
        ("rightstrack", {"fields": ("body", "role", "preferred_language")}),
    )


admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class AuditedTokenAdmin(TokenAdmin):
    """DRF's token admin, writing through the token services: issuing and revoking are recorded on the
    user (the key itself never reaches the audit log)."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        issued = services.token_issue(actor=request.user, user=form.cleaned_data["user"])  # type: ignore[arg-type]
        obj.key, obj.created = issued.key, issued.created

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.tokens_revoke(user=obj.user, reason="revoked", actor=request.user)  # type: ignore[arg-type]

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for token in queryset.select_related("user"):
            self.delete_model(request, token)
