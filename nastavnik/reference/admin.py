"""Django admin for the reference data (справочники).

Every staff user may view the lists; adding, changing and deleting follow the usual model
permissions. The ``code`` of an existing entry is read-only (other tables, imports and code
refer to it), and entries loaded from the regulations (``nastavnik.reference.data``) cannot be
deleted: take the «действует» flag off instead.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from nastavnik.organizations.choices import OrganizationKind
from nastavnik.reference import models
from nastavnik.reference.data import REFERENCE_DATA

#: Codes loaded from the regulations, per model name (seed 000–004, № 225, ФГОС).
REGULATION_CODES: dict[str, frozenset[str]] = {
    model_name: frozenset(row["code"] for row in rows) for model_name, rows in REFERENCE_DATA.items()
}


class ReferenceEntryAdmin(admin.ModelAdmin):
    """Common admin of a reference list: code, name, source, order, active flag."""

    list_display = ("code", "name", "source", "sort_order", "is_active")
    list_display_links = ("code", "name")
    list_filter = ("is_active",)
    search_fields = ("code", "name", "description", "source")
    ordering = ("sort_order", "name")
    fields = ("code", "name", "description", "source", "sort_order", "is_active")
    actions = ("make_active", "make_inactive")

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk is not None:
            return (*readonly, "code")
        return readonly

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff) or super().has_view_permission(request, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff) or super().has_module_permission(request)

    def is_from_regulations(self, obj) -> bool:
        return obj.code in REGULATION_CODES.get(self.model.__name__, frozenset())

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and self.is_from_regulations(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        protected = REGULATION_CODES.get(self.model.__name__, frozenset())
        kept = queryset.filter(code__in=protected).count()
        if kept:
            self.message_user(
                request,
                f"Записи из нормативных документов не удаляются (оставлено: {kept}); "
                "снимите у них флажок «действует».",
                messages.WARNING,
            )
        super().delete_queryset(request, queryset.exclude(code__in=protected))

    @admin.action(description="Сделать действующими", permissions=["change"])
    def make_active(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.update(is_active=True)
        self.message_user(request, f"Отмечено действующими: {count}.", messages.SUCCESS)

    @admin.action(description="Сделать недействующими", permissions=["change"])
    def make_inactive(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.update(is_active=False)
        self.message_user(request, f"Отмечено недействующими: {count}.", messages.SUCCESS)


class MentoringFormAdminForm(forms.ModelForm):
    """The kinds of organization a form is offered to, as check boxes with their Russian names."""

    organization_kinds = forms.MultipleChoiceField(
        label="Виды организаций, где форма применяется по умолчанию",
        choices=OrganizationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Если не выбрано ни одного вида — форма применяется в организациях всех видов.",
    )

    class Meta:
        model = models.MentoringForm
        fields = ("organization_kinds",)


@admin.register(models.MentoringForm)
class MentoringFormAdmin(ReferenceEntryAdmin):
    form = MentoringFormAdminForm
    list_display = ("code", "name", "audience", "source", "sort_order", "is_active")
    list_filter = ("audience", "is_active")
    fields = (
        "code",
        "name",
        "audience",
        "organization_kinds",
        "description",
        "source",
        "sort_order",
        "is_active",
    )


@admin.register(models.AwardKind)
class AwardKindAdmin(ReferenceEntryAdmin):
    list_display = ("code", "name", "is_material", "region", "source", "sort_order", "is_active")
    list_filter = ("is_material", "is_active")
    fields = ("code", "name", "is_material", "region", "description", "source", "sort_order", "is_active")


for _model in (
    models.InteractionModel,
    models.MentoringKind,
    models.MenteeCategory,
    models.CompetenceArea,
    models.ProgramStage,
    models.PersonalizedProgramStage,
    models.MeetingType,
    models.Risk,
    models.Position,
    models.Subject,
):
    admin.site.register(_model, ReferenceEntryAdmin)
