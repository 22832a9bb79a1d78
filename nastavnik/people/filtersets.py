"""FilterSet of the people list: search and filters, choices narrowed to the user's scope."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import startswith_q
from nastavnik.organizations.filtersets import ModelIdChoiceFilter, OrgUnitChoiceFilter, use_unit_choosers
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choices import QualificationCategory
from nastavnik.people.models import Employment, Person
from nastavnik.people.validators import normalize_snils
from nastavnik.reference.models import Position, Subject


class PersonFilterSet(django_filters.FilterSet):
    """Search by ФИО, СНИЛС or e-mail; filter by organization, municipality, position, subject,
    qualification category and pedagogical education."""

    q = django_filters.CharFilter(
        label="Поиск", method="search", widget=forms.TextInput(attrs={"placeholder": "ФИО, СНИЛС или e-mail"})
    )
    municipality = ModelIdChoiceFilter(
        label="Муниципальное образование",
        queryset=OrgUnit.objects.none(),
        method="in_unit",
        empty_label="Все",
    )
    organization = OrgUnitChoiceFilter(
        label="Организация", queryset=OrgUnit.objects.none(), method="in_unit", empty_label="Все"
    )
    position = django_filters.ModelChoiceFilter(
        label="Должность", queryset=Position.objects.all(), empty_label="Все"
    )
    subjects = django_filters.ModelChoiceFilter(
        label="Предмет", queryset=Subject.objects.all(), empty_label="Все"
    )
    qualification_category = django_filters.ChoiceFilter(
        label="Категория", choices=QualificationCategory.choices, empty_label="Все"
    )
    has_pedagogical_education = django_filters.BooleanFilter(
        label="Педагогическое образование",
        widget=forms.Select(choices=[("", "Не важно"), ("true", "Есть"), ("false", "Нет")]),
    )

    class Meta:
        model = Person
        fields = [
            "q",
            "municipality",
            "organization",
            "position",
            "subjects",
            "qualification_category",
            "has_pedagogical_education",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        units = OrgUnit.objects.for_user(user)
        municipalities = units.municipalities()
        self.filters["municipality"].queryset = municipalities
        if not municipalities.exists():
            # The form is built lazily from ``self.filters`` below, so dropping the filter
            # is enough (touching ``self.form`` here would build it with the field in it).
            self.filters.pop("municipality")
        use_unit_choosers(self, user)
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        digits = normalize_snils(value)
        if len(digits) >= 3 and len(digits) == len(value.replace("-", "").replace(" ", "")):
            condition |= Q(snils__startswith=digits)
        if "@" in value:
            condition |= Q(email__iexact=value)
        words = value.split()
        name_q = Q()
        for word, field in zip(words, ("last_name", "first_name", "middle_name"), strict=False):
            name_q &= startswith_q(field, word)
        condition |= name_q
        return queryset.filter(condition)

    def in_unit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Employment.objects.current().in_subtree(value).values("person_id"))
