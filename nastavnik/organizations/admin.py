from django.contrib import admin

from nastavnik.organizations.models import OrgUnit
from nastavnik.organizations.services import org_unit_save


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["full_name", "level", "kind", "municipality", "inn"]
    list_filter = ["level", "kind"]
    search_fields = ["full_name", "short_name", "inn"]
    autocomplete_fields = ["parent", "municipality"]
    readonly_fields = ["path", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        org_unit_save(unit=obj)
