from django.contrib import admin

from rightstrack.bodies.models import Body, Membership, Person
from rightstrack.core.admin import AuditedModelAdmin


@admin.register(Body)
class BodyAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "kind", "level", "parent", "dissolved_on"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "name_en", "code"]
    raw_id_fields = ["parent", "unit", "successor"]
    readonly_fields = ["path"]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["body", "person", "member_body", "position", "start_on", "end_on"]
    list_filter = ["position"]
    raw_id_fields = ["body", "person", "member_body"]


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    search_fields = ["full_name"]
