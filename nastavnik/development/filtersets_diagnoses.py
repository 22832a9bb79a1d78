"""The FilterSet of the list of diagnoses: by the teacher's name, the organization (within the
user's scope), the kind and the dates."""

from __future__ import annotations

import django_filters
from django import forms

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import startswith_q
from nastavnik.development.choices import DiagnosisKind
from nastavnik.development.models import Diagnosis
from nastavnik.organizations.filtersets import OrgUnitChoiceFilter, use_unit_choosers
from nastavnik.organizations.models import OrgUnit


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DiagnosisFilterSet(django_filters.FilterSet):
    """Search by the teacher's ФИО (фамилия, имя, отчество from their beginnings); filter by the
    organization, the kind (self or expert) and the date of the diagnosis (from, to)."""

    q = django_filters.CharFilter(
        label="Поиск", method="search", widget=forms.TextInput(attrs={"placeholder": "ФИО педагога"})
    )
    organization = OrgUnitChoiceFilter(
        label="Организация", queryset=OrgUnit.objects.none(), empty_label="Все"
    )
    kind = django_filters.ChoiceFilter(label="Вид", choices=DiagnosisKind.choices, empty_label="Все")
    conducted_from = django_filters.DateFilter(
        label="Дата с", field_name="conducted_on", lookup_expr="gte", widget=_date_widget()
    )
    conducted_to = django_filters.DateFilter(
        label="Дата по", field_name="conducted_on", lookup_expr="lte", widget=_date_widget()
    )

    class Meta:
        model = Diagnosis
        fields = ["q", "organization", "kind", "conducted_from", "conducted_to"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        use_unit_choosers(self, getattr(request, "user", None))
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        words = value.split()[:3]
        if not words:
            return queryset
        for word, field in zip(words, ("last_name", "first_name", "middle_name"), strict=False):
            queryset = queryset.filter(startswith_q(f"person__{field}", word))
        return queryset
