from django.contrib import admin

from rightstrack.core.admin import AuditedModelAdmin
from rightstrack.places.models import AdministrativeUnit, Region, RegionMembership, UnitAlias, UnitSuccession


class AliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 0
    fields = ["alias"]


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "level", "valid_from", "valid_to"]
    list_filter = ["level"]
    search_fields = ["name", "name_ascii", "code"]
    raw_id_fields = ["parent"]
    inlines = [AliasInline]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(AuditedModelAdmin):
    list_display = ["predecessor", "successor", "effective_on"]
    raw_id_fields = ["predecessor", "successor"]


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "kind"]


@admin.register(RegionMembership)
class RegionMembershipAdmin(AuditedModelAdmin):
    list_display = ["region", "unit", "valid_from", "valid_to"]
    raw_id_fields = ["unit"]
