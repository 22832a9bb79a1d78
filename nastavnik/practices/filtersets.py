"""FilterSets of best practices: the internal list (status, form, kind, area, organization, text)
and the public base's search (text, form, kind, area, municipality, organization)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.forms import TextInput

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import contains_q
from nastavnik.practices.choices import PracticeStatus
from nastavnik.practices.models import BestPractice
from nastavnik.practices.selectors.practices import public_municipalities, public_organizations
from nastavnik.reference.models import CompetenceArea, MentoringForm, MentoringKind


def _text(queryset, value: str):
    value = (value or "").strip()[:200]
    if not value:
        return queryset
    condition = Q()
    for field in (
        "title",
        "summary",
        "description",
        "results",
        "organization__full_name",
        "organization__short_name",
    ):
        condition |= contains_q(field, value)
    return queryset.filter(condition)


class _PracticeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Поиск",
        method="search",
        widget=TextInput(attrs={"placeholder": "Наименование, описание, организация", "type": "search"}),
    )
    form = django_filters.ModelChoiceFilter(
        label="Форма наставничества", queryset=MentoringForm.objects.filter(is_active=True), empty_label="Все"
    )
    kind = django_filters.ModelChoiceFilter(
        label="Вид наставничества", queryset=MentoringKind.objects.filter(is_active=True), empty_label="Все"
    )
    area = django_filters.ModelChoiceFilter(
        label="Область компетенций", queryset=CompetenceArea.objects.filter(is_active=True), empty_label="Все"
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        return _text(queryset, value)


class PracticeFilterSet(_PracticeFilterSet):
    """The internal list: by status, form, kind, area, the author unit (a unit of the user's
    list: the choice is the units of the cases the user sees) and words."""

    status = django_filters.ChoiceFilter(label="Статус", choices=PracticeStatus.choices, empty_label="Все")
    organization = django_filters.ModelChoiceFilter(
        label="Организация", queryset=None, empty_label="Все", method="by_unit"
    )

    class Meta:
        model = BestPractice
        fields = ["q", "status", "form", "kind", "area", "organization"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        from nastavnik.organizations.models import OrgUnit

        units = OrgUnit.objects.filter(pk__in=self.queryset.values("organization_id")).order_by("full_name")
        self.filters["organization"].queryset = units
        self.form.fields["organization"].queryset = units

    def by_unit(self, queryset, name, value):
        return queryset.filter(organization=value) if value else queryset


class PublicPracticeFilterSet(_PracticeFilterSet):
    """The public base's search: the choices of municipalities and organizations list only those
    with published cases."""

    municipality = django_filters.ModelChoiceFilter(
        label="Муниципальное образование", queryset=None, empty_label="Все", method="by_municipality"
    )
    organization = django_filters.ModelChoiceFilter(
        label="Организация", queryset=None, empty_label="Все", method="by_unit"
    )

    class Meta:
        model = BestPractice
        fields = ["q", "form", "kind", "area", "municipality", "organization"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        for name, queryset in (
            ("municipality", public_municipalities()),
            ("organization", public_organizations()),
        ):
            self.filters[name].queryset = queryset
            self.form.fields[name].queryset = queryset

    def by_municipality(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(organization=value) | Q(organization__municipality=value))

    def by_unit(self, queryset, name, value):
        return queryset.filter(organization=value) if value else queryset
