from django.contrib import admin

from nastavnik.people.models import Employment, Person


class EmploymentInline(admin.TabularInline):
    model = Employment
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "birth_date", "snils", "position", "qualification_category"]
    list_filter = ["qualification_category", "has_pedagogical_education", "sex"]
    search_fields = ["last_name", "first_name", "middle_name", "snils", "email"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["subjects"]
    inlines = [EmploymentInline]
