from django.contrib import admin

from nastavnik.matching.models import CompatibilityMark


@admin.register(CompatibilityMark)
class CompatibilityMarkAdmin(admin.ModelAdmin):
    list_display = ["mentor", "mentee", "mark", "organization", "marked_on", "author"]
    list_filter = ["mark"]
    search_fields = ["mentor__last_name", "mentee__last_name"]
    autocomplete_fields = ["mentor", "mentee", "organization"]
    readonly_fields = ["author", "created_at", "updated_at"]
