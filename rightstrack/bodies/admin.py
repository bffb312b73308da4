from typing import Any, cast

from django.contrib import admin
from django.http import HttpRequest

from rightstrack.bodies.models import Body, Membership, Person
from rightstrack.bodies.services import BODY_EDITABLE_FIELDS, body_create, body_update
from rightstrack.core.admin import AuditedModelAdmin
from rightstrack.core.types import Actor


@admin.register(Body)
class BodyAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "kind", "level", "parent", "dissolved_on"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "name_en", "code"]
    raw_id_fields = ["parent", "unit", "successor"]
    readonly_fields = ["path"]

    def save_model(self, request: HttpRequest, obj: Body, form: Any, change: bool) -> None:
        """Through the body services, which keep the materialised path of the subtree right."""
        actor = cast(Actor, request.user)
        data = {name: form.cleaned_data[name] for name in form.changed_data if name in BODY_EDITABLE_FIELDS}
        if change:
            stored = Body.objects.get(pk=obj.pk)
            if "parent" in form.changed_data:
                data["parent"] = form.cleaned_data["parent"]
            updated = body_update(actor=actor, body=stored, **data)
        else:
            fields = {name: form.cleaned_data.get(name) for name in (*BODY_EDITABLE_FIELDS, "parent")}
            updated = body_create(actor=actor, code=form.cleaned_data["code"], **fields)
        obj.pk, obj.path = updated.pk, updated.path


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["body", "person", "member_body", "position", "start_on", "end_on"]
    list_filter = ["position"]
    raw_id_fields = ["body", "person", "member_body"]


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    search_fields = ["full_name"]
