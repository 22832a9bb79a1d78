from django.contrib import admin
from django.db import models

from nastavnik.bank.models import (
    BankConfirmation,
    BankSettings,
    MenteeProfile,
    MentorCompetence,
    MentorProfile,
    MentorStatusEvent,
    MentorTraining,
    PersonalDataConsent,
)
from nastavnik.core.uploads import DOCUMENT_CHECK, SCAN_CHECK

#: Files uploaded in the admin are checked by content like those of the pages (core.uploads).
SCANS = {models.FileField: {"validators": [SCAN_CHECK]}}


class CompetenceInline(admin.TabularInline):
    model = MentorCompetence
    extra = 0


class TrainingInline(admin.TabularInline):
    model = MentorTraining
    extra = 0
    formfield_overrides = {models.FileField: {"validators": [DOCUMENT_CHECK]}}


class EventInline(admin.TabularInline):
    model = MentorStatusEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "occurred_on", "author", "comment", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "status", "capacity", "publish_in_open_bank"]
    list_filter = ["status", "pool", "contour", "publish_in_open_bank"]
    search_fields = ["person__last_name", "person__snils"]
    autocomplete_fields = ["person", "organization"]
    readonly_fields = ["status"]
    inlines = [CompetenceInline, TrainingInline, EventInline]
    formfield_overrides = SCANS


@admin.register(MenteeProfile)
class MenteeProfileAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "consent_given_on", "full_cycle_completed_on"]
    search_fields = ["person__last_name", "person__snils"]
    autocomplete_fields = ["person", "organization"]
    formfield_overrides = SCANS


@admin.register(PersonalDataConsent)
class PersonalDataConsentAdmin(admin.ModelAdmin):
    list_display = ["person", "given_on", "withdrawn_on"]
    list_filter = ["withdrawn_on"]
    search_fields = ["person__last_name", "person__snils"]
    autocomplete_fields = ["person"]
    readonly_fields = ["withdrawn_by", "recorded_by", "created_at"]
    formfield_overrides = SCANS


admin.site.register(BankSettings)
admin.site.register(BankConfirmation)
