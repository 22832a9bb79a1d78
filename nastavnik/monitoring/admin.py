"""Admin of monitoring. Answers are not registered at all: they are locked once submitted, and
an anonymous answer must not be traceable to a person by anyone, the administrator included
(issue 14); results are read on the monitoring pages, aggregated."""

from django.contrib import admin

from nastavnik.monitoring.models import (
    FederalStatisticsReport,
    MonitoringCampaign,
    Question,
    Questionnaire,
    QuestionOption,
    Risk,
)


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ["order", "text", "kind", "measure", "area", "required"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "phase", "anonymous", "owner", "is_active"]
    list_filter = ["audience", "phase", "anonymous", "is_active"]
    search_fields = ["title"]
    raw_id_fields = ["owner", "created_by"]
    inlines = [QuestionInline]


@admin.register(QuestionOption)
class QuestionOptionAdmin(admin.ModelAdmin):
    list_display = ["text", "question"]
    raw_id_fields = ["question"]


@admin.register(MonitoringCampaign)
class MonitoringCampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    raw_id_fields = ["owner", "created_by"]


@admin.register(FederalStatisticsReport)
class FederalStatisticsReportAdmin(admin.ModelAdmin):
    list_display = ["organization", "year", "figure", "confirmed_at"]
    list_filter = ["year"]
    raw_id_fields = ["organization", "confirmed_by"]

    def has_change_permission(self, request, obj=None):  # the curator confirms it on the page
        return False


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["unit", "kind", "level", "status", "review_on"]
    list_filter = ["kind", "level", "status"]
    raw_id_fields = ["unit", "created_by"]
