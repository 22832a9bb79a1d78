"""FilterSets of the registry of partners and of the participants outside the staff (issue 20)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.organizations.choices import PartnerKind
from nastavnik.organizations.filtersets import OrgUnitChoiceFilter, use_unit_choosers
from nastavnik.organizations.models import OrgUnit, Partner
from nastavnik.partners.choosers import KEEPER_UNITS, search_partners
from nastavnik.people.choices import NonStaffCategory
from nastavnik.people.choosers import search_people
from nastavnik.people.models import NonStaffParticipant


class PartnerFilterSet(django_filters.FilterSet):
    """The registry by name or ИНН, kind, the unit that keeps it, whether cooperation goes on."""

    q = django_filters.CharFilter(
        label="Поиск",
        method="search",
        widget=forms.TextInput(attrs={"placeholder": "Наименование или ИНН"}),
    )
    kind = django_filters.ChoiceFilter(label="Вид партнёра", choices=PartnerKind.choices, empty_label="Все")
    unit = OrgUnitChoiceFilter(label="Кто ведёт сведения", queryset=OrgUnit.objects.none(), empty_label="Все")
    is_active = django_filters.BooleanFilter(
        label="Сотрудничество",
        widget=forms.Select(choices=[("", "Все"), ("true", "Продолжается"), ("false", "Прекращено")]),
    )

    class Meta:
        model = Partner
        fields = ["q", "kind", "unit", "is_active"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        use_chooser(self.form.fields["unit"], KEEPER_UNITS, getattr(request, "user", None))
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        term = value.replace("\x00", "").strip()[:100]
        return search_partners(queryset, term) if term else queryset


class NonStaffFilterSet(django_filters.FilterSet):
    """Participants outside the staff by surname, category, organization and state."""

    q = django_filters.CharFilter(
        label="Участник", method="search", widget=forms.TextInput(attrs={"placeholder": "Фамилия"})
    )
    category = django_filters.ChoiceFilter(
        label="Кто это", choices=NonStaffCategory.choices, empty_label="Все"
    )
    organization = OrgUnitChoiceFilter(
        label="Организация", queryset=OrgUnit.objects.none(), empty_label="Все"
    )
    state = django_filters.ChoiceFilter(
        label="Участие",
        choices=[("current", "Участвуют сейчас"), ("ended", "Участие завершено")],
        empty_label="Все",
        method="by_state",
    )

    class Meta:
        model = NonStaffParticipant
        fields = ["q", "category", "organization", "state"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        use_unit_choosers(self, getattr(request, "user", None))
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        term = value.replace("\x00", "").strip()[:100]
        return search_people(queryset, term, prefix="person__") if term else queryset

    def by_state(self, queryset, name, value):
        if value == "current":
            return queryset.current()
        if value == "ended":
            return queryset.filter(ended_on__lt=timezone.localdate())
        return queryset
