"""Search in the open bank of mentors (seed 001 §7.1.1): by competence area and level, subject,
form, kind and interaction model of mentoring, municipality, organization kind and name.

A filter on an attribute matches only mentors who published that attribute, so a search can
never reveal an unpublished one (e.g. filtering by subject finds nobody who hid subjects).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from nastavnik.bank.choosers import OPEN_BANK_MUNICIPALITIES
from nastavnik.bank.models import MentorCompetence, MentorProfile
from nastavnik.bank.open_bank_selectors import published_q
from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import startswith_q
from nastavnik.organizations.choices import Level, OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.reference.models import CompetenceArea, InteractionModel, MentoringForm, MentoringKind, Subject

NAME_FIELDS = ("person__last_name", "person__first_name", "person__middle_name")
LEVEL_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


def _through_has(relation: str, value) -> Exists:
    """``EXISTS`` over the many-to-many table of ``MentorProfile.<relation>`` for ``value``."""
    m2m = MentorProfile._meta.get_field(relation)
    rows = m2m.remote_field.through.objects.filter(
        **{f"{m2m.m2m_field_name()}_id": OuterRef("pk"), f"{m2m.m2m_reverse_field_name()}_id": value.pk}
    )
    return Exists(rows.values("pk"))


class OpenBankFilterSet(django_filters.FilterSet):
    """Filters of the open bank; every choice list is the region's whole reference, not a scope.

    Takes a queryset from ``open_bank_selectors.open_bank_mentors``. Unknown or invalid
    values are ignored by the list view (``strict = False``), as elsewhere.
    """

    q = django_filters.CharFilter(
        label="ФИО",
        method="search_name",
        widget=forms.TextInput(attrs={"placeholder": "Фамилия Имя Отчество"}),
    )
    municipality = django_filters.ModelChoiceFilter(
        label="Муниципальное образование",
        queryset=OrgUnit.objects.filter(level=Level.MUNICIPALITY).order_by("full_name"),
        method="in_municipality",
        empty_label="Все",
    )
    organization_kind = django_filters.ChoiceFilter(
        label="Вид организации",
        field_name="organization__kind",
        choices=OrganizationKind.choices,
        empty_label="Все",
    )
    area = django_filters.ModelChoiceFilter(
        label="Область компетенций",
        queryset=CompetenceArea.objects.filter(is_active=True),
        method="keep",
        empty_label="Любая",
    )
    min_level = django_filters.ChoiceFilter(
        label="Уровень не ниже", choices=LEVEL_CHOICES, method="keep", empty_label="Любой"
    )
    subject = django_filters.ModelChoiceFilter(
        label="Предмет",
        queryset=Subject.objects.filter(is_active=True),
        method="has_subject",
        empty_label="Все",
    )
    form = django_filters.ModelChoiceFilter(
        label="Форма наставничества",
        queryset=MentoringForm.objects.filter(is_active=True),
        method="has_form",
        empty_label="Все",
    )
    kind = django_filters.ModelChoiceFilter(
        label="Вид наставничества",
        queryset=MentoringKind.objects.filter(is_active=True),
        method="has_kind",
        empty_label="Все",
    )
    interaction_model = django_filters.ModelChoiceFilter(
        label="Модель взаимодействия",
        queryset=InteractionModel.objects.filter(is_active=True),
        method="has_interaction_model",
        empty_label="Все",
    )

    class Meta:
        model = MentorProfile
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is not None:
            # type-ahead over every municipality, not a select of the country's two thousand
            use_chooser(self.form.fields["municipality"], OPEN_BANK_MUNICIPALITIES, user)
        bootstrap_widgets(self.form.fields)

    def filter_queryset(self, queryset):
        """Apply the filters, then the competence condition: area and minimal level together
        (a mentor with the area at a level not lower than chosen; either alone also works)."""
        queryset = super().filter_queryset(queryset)
        area = self.form.cleaned_data.get("area")
        min_level = self.form.cleaned_data.get("min_level")
        if area or min_level:
            condition = {"mentor_id": OuterRef("pk")}
            if area:
                condition["area_id"] = area.pk
            if min_level:
                condition["level__gte"] = int(min_level)
            competences = MentorCompetence.objects.filter(**condition).values("pk")
            queryset = queryset.filter(published_q("competences"), Exists(competences))
        return queryset

    def keep(self, queryset, name, value):
        """Handled together in :meth:`filter_queryset`."""
        return queryset

    def search_name(self, queryset, name, value):
        """Words in the order of the ФИО: the first begins the surname, the second the first
        name, the third the patronymic (as the people list searches); ignoring case, Cyrillic
        included, on both databases (``core.search.startswith_q``)."""
        for word, field in zip(value.split(), NAME_FIELDS, strict=False):
            queryset = queryset.filter(startswith_q(field, word))
        return queryset

    def in_municipality(self, queryset, name, value):
        """Organizations located in ``value``: under it in the tree, or regional ones whose
        ``municipality`` (place of location) is it."""
        return queryset.filter(
            Q(organization__municipality_id=value.pk) | Q(organization__path__startswith=value.path)
        )

    def has_subject(self, queryset, name, value):
        return queryset.filter(published_q("subjects"), _through_has("subjects", value))

    def has_form(self, queryset, name, value):
        return queryset.filter(published_q("forms"), _through_has("forms", value))

    def has_kind(self, queryset, name, value):
        return queryset.filter(published_q("forms"), _through_has("kinds", value))

    def has_interaction_model(self, queryset, name, value):
        return queryset.filter(published_q("forms"), _through_has("interaction_models", value))
