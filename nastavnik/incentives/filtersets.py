"""FilterSets of the lists of payments, awards and nominations (issue 19 item 6)."""

from __future__ import annotations

import django_filters
from django import forms

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.incentives.choices import AwardLevel, NominationStatus, PaymentBasis
from nastavnik.incentives.models import Award, IncentivePayment, Nomination
from nastavnik.people.choosers import search_people


class _PersonSearchMixin:
    def search(self, queryset, name, value):
        return search_people(queryset, value.strip()[:100], prefix="person__")

    def _bootstrap(self):
        bootstrap_widgets(self.form.fields)


class PaymentFilterSet(_PersonSearchMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Наставник", method="search", widget=forms.TextInput(attrs={"placeholder": "Фамилия"})
    )
    basis = django_filters.ChoiceFilter(label="Основание", choices=PaymentBasis.choices, empty_label="Все")
    current_on = django_filters.DateFilter(
        label="Действует на дату", method="on_date", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = IncentivePayment
        fields = ["q", "basis", "current_on"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()

    def on_date(self, queryset, name, value):
        return queryset.current(value)


class AwardFilterSet(_PersonSearchMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Наставник", method="search", widget=forms.TextInput(attrs={"placeholder": "Фамилия"})
    )
    level = django_filters.ChoiceFilter(label="Уровень", choices=AwardLevel.choices, empty_label="Все")
    counts_at_attestation = django_filters.BooleanFilter(
        label="Учитывается при аттестации",
        widget=forms.Select(choices=[("", "Все"), ("true", "Да"), ("false", "Нет")]),
    )

    class Meta:
        model = Award
        fields = ["q", "level", "counts_at_attestation"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


class NominationFilterSet(_PersonSearchMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Наставник", method="search", widget=forms.TextInput(attrs={"placeholder": "Фамилия"})
    )
    status = django_filters.ChoiceFilter(label="Статус", choices=NominationStatus.choices, empty_label="Все")
    level = django_filters.ChoiceFilter(
        label="Уровень награды", choices=AwardLevel.choices, empty_label="Все"
    )

    class Meta:
        model = Nomination
        fields = ["q", "status", "level"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()
