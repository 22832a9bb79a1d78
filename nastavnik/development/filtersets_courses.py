"""FilterSets of the course catalogue and of the base of trained mentors and curators (issue 18,
Build 4)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import contains_q, startswith_q
from nastavnik.development.choices import CourseFormat
from nastavnik.development.models import Course, Enrollment
from nastavnik.organizations.filtersets import ModelIdChoiceFilter, OrgUnitChoiceFilter, use_unit_choosers
from nastavnik.organizations.models import OrgUnit
from nastavnik.reference.models import CompetenceArea

_YES_NO = [("", "Все"), ("true", "Да"), ("false", "Нет")]


class CourseFilterSet(django_filters.FilterSet):
    """Search by the title or the provider; filter by competence area, form of study, the dates of
    study (a course that runs in the period asked), training of mentors and curators, open for
    enrolment."""

    q = django_filters.CharFilter(
        label="Поиск",
        method="search",
        widget=forms.TextInput(attrs={"placeholder": "Наименование программы или организация"}),
    )
    area = django_filters.ModelChoiceFilter(
        label="Область компетенций",
        field_name="areas",
        queryset=CompetenceArea.objects.filter(is_active=True),
        empty_label="Все",
    )
    format = django_filters.ChoiceFilter(
        label="Форма обучения", choices=CourseFormat.choices, empty_label="Все"
    )
    since = django_filters.DateFilter(
        label="Обучение после",
        method="runs_since",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = django_filters.DateFilter(
        label="Обучение до",
        method="runs_until",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    mentoring = django_filters.BooleanFilter(
        label="Подготовка наставников и кураторов",
        field_name="is_mentoring_training",
        widget=forms.Select(choices=_YES_NO),
    )
    published = django_filters.BooleanFilter(
        label="Открыта для записи", field_name="is_published", widget=forms.Select(choices=_YES_NO)
    )

    class Meta:
        model = Course
        fields = ["q", "area", "format", "since", "until", "mentoring", "published"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(contains_q("title", value) | contains_q("provider", value))

    def runs_since(self, queryset, name, value):
        """Courses still running on or after ``value`` (no end date: running)."""
        if not value:
            return queryset
        return queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=value))

    def runs_until(self, queryset, name, value):
        """Courses started on or before ``value`` (no start date: always open)."""
        if not value:
            return queryset
        return queryset.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=value))


class TrainedFilterSet(django_filters.FilterSet):
    """The base of trained mentors and curators: search by the person's name or the certificate
    number; filter by municipality, organization, role (mentor, curator), course and the year of
    completion."""

    ROLE_CHOICES = [("mentor", "Наставник"), ("curator", "Куратор")]

    q = django_filters.CharFilter(
        label="Поиск",
        method="search",
        widget=forms.TextInput(attrs={"placeholder": "ФИО или номер удостоверения"}),
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
    role = django_filters.ChoiceFilter(
        label="Роль", choices=ROLE_CHOICES, method="with_role", empty_label="Все"
    )
    course = django_filters.ModelChoiceFilter(
        label="Программа", queryset=Course.objects.none(), empty_label="Все"
    )
    year = django_filters.NumberFilter(
        label="Год окончания", field_name="completed_on", lookup_expr="year", min_value=2000, max_value=2100
    )

    class Meta:
        model = Enrollment
        fields = ["q", "municipality", "organization", "role", "course", "year"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        municipalities = OrgUnit.objects.for_user(user).municipalities()
        self.filters["municipality"].queryset = municipalities
        if not municipalities.exists():
            self.filters.pop("municipality")
        self.filters["course"].queryset = Course.objects.for_user(user).filter(is_mentoring_training=True)
        use_unit_choosers(self, user)
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(certificate_number__iexact=value)
        by_name = Q()
        for word, part in zip(value.split(), ("last_name", "first_name", "middle_name"), strict=False):
            by_name &= startswith_q(f"person__{part}", word)
        return queryset.filter(condition | by_name)

    def in_unit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(organization__path__startswith=value.path)

    def with_role(self, queryset, name, value):
        if value == "mentor":
            return queryset.filter(is_mentor=True)
        if value == "curator":
            return queryset.filter(is_curator=True)
        return queryset
