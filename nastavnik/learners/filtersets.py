"""The FilterSet of the list of learners (issue 20): organization, kind, class or group, minors,
those who left, a search by ФИО."""

from __future__ import annotations

import django_filters
from django.forms import Select, TextInput
from django.http import QueryDict
from django.utils import timezone

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import startswith_q
from nastavnik.organizations.filtersets import OrgUnitChoiceFilter, use_unit_choosers
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choices import LearnerKind
from nastavnik.people.choosers import search_people
from nastavnik.people.learners import Learner, majority_cutoff

_YES_NO = [("", "Не важно"), ("true", "Да"), ("false", "Нет")]
#: «Выбывшие»: the current learners by default, those who left, or all.
LEFT_CHOICES = [("current", "Обучаются"), ("left", "Выбывшие"), ("all", "Все")]


class LearnerFilterSet(django_filters.FilterSet):
    """Search learners by ФИО; filter by organization, kind (ученик / студент), class or group
    (starts with, «7» finds «7 А» and «7 Б»), minors, and whether they still study (by default
    the current learners)."""

    q = django_filters.CharFilter(
        label="Поиск", method="search", widget=TextInput(attrs={"placeholder": "Фамилия, имя, отчество"})
    )
    organization = OrgUnitChoiceFilter(
        label="Организация", queryset=OrgUnit.objects.none(), empty_label="Все"
    )
    kind = django_filters.ChoiceFilter(label="Обучающийся", choices=LearnerKind.choices, empty_label="Все")
    grade = django_filters.CharFilter(
        label="Класс или группа",
        method="in_grade",
        widget=TextInput(attrs={"placeholder": "Например, 7 Б"}),
    )
    minor = django_filters.BooleanFilter(
        label="Несовершеннолетние", method="minors", widget=Select(choices=_YES_NO)
    )
    status = django_filters.ChoiceFilter(
        label="Выбывшие", choices=LEFT_CHOICES, method="by_status", empty_label=None
    )

    class Meta:
        model = Learner
        fields = ["q", "organization", "kind", "grade", "minor", "status"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        if data is None or "status" not in data:
            # the current learners unless «Выбывшие» says otherwise
            data = data.copy() if data is not None else QueryDict(mutable=True)
            data["status"] = "current"
        super().__init__(data, *args, request=request, **kwargs)
        use_unit_choosers(self, getattr(request, "user", None))
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        return search_people(queryset, value.strip()[:100], prefix="person__")

    def in_grade(self, queryset, name, value):
        value = " ".join(value.split())[:40]
        return queryset.filter(startswith_q("grade", value)) if value else queryset

    def minors(self, queryset, name, value):
        if value is None:
            return queryset
        young = {"person__birth_date__gt": majority_cutoff()}
        return queryset.filter(**young) if value else queryset.exclude(**young)

    def by_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == "left":
            return queryset.filter(left_on__lt=today)
        if value == "all":
            return queryset
        return queryset.current(today)
