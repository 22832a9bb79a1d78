from django.contrib import admin

from nastavnik.access.models import RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "org_unit", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "org_unit__full_name"]
    autocomplete_fields = ["user", "org_unit"]
