"""The FilterSet of the roadmap list."""

from __future__ import annotations

import django_filters
from django.forms import TextInput

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.organizations.choices import Level
from nastavnik.roadmaps.choices import RoadmapStatus
from nastavnik.roadmaps.models import ROADMAP_LEVELS, Roadmap


class RoadmapFilterSet(django_filters.FilterSet):
    """Filter by level, status, the year the period covers, and words of the title or the
    owner's name."""

    q = django_filters.CharFilter(
        label="Поиск", method="search", widget=TextInput(attrs={"placeholder": "Наименование или владелец"})
    )
    level = django_filters.ChoiceFilter(
        label="Уровень",
        choices=[(v, label) for v, label in Level.choices if v in ROADMAP_LEVELS],
        empty_label="Все",
    )
    status = django_filters.ChoiceFilter(label="Статус", choices=RoadmapStatus.choices, empty_label="Все")
    year = django_filters.NumberFilter(label="Год", method="covering_year", min_value=2000, max_value=2100)

    class Meta:
        model = Roadmap
        fields = ["q", "level", "status", "year"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return (
            queryset.filter(title__icontains=value)
            | queryset.filter(owner__full_name__icontains=value)
            | (queryset.filter(owner__short_name__icontains=value))
        )

    def covering_year(self, queryset, name, value):
        if value is None:
            return queryset
        year = int(value)
        return queryset.filter(starts_on__year__lte=year, ends_on__year__gte=year)
