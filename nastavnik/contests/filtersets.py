"""The FilterSet of the internal list of contests (issue 19, item 5): by status and year."""

from __future__ import annotations

import django_filters

from nastavnik.contests.choices import ContestStatus
from nastavnik.contests.models import Contest
from nastavnik.core.forms import bootstrap_widgets


class ContestFilterSet(django_filters.FilterSet):
    """Contests by status and by year (a year outside 2000–2100 is treated as absent)."""

    status = django_filters.ChoiceFilter(label="Статус", choices=ContestStatus.choices, empty_label="все")
    year = django_filters.NumberFilter(label="Год", method="by_year")

    class Meta:
        model = Contest
        fields = ["status", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.form.fields)

    def by_year(self, queryset, name, value):
        if value is None or not 2000 <= value <= 2100 or value != int(value):
            return queryset
        return queryset.filter(year=int(value))
