from django.contrib import admin

from nastavnik.mentoring.models import Pair


@admin.register(Pair)
class PairAdmin(admin.ModelAdmin):
    list_display = ["mentor", "mentee", "organization", "started_on", "ended_on"]
    search_fields = ["mentor__last_name", "mentee__last_name"]
    autocomplete_fields = ["mentor", "mentee", "organization"]
    date_hierarchy = "started_on"
