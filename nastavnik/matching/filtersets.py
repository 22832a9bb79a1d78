"""FilterSet of the list of compatibility marks (seed 000 §3.5): by the name of the mentor or the
mentee, by the mark, by the organization of the mentee (choices within the user's scope)."""

from __future__ import annotations

import django_filters
from django.forms import TextInput

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import startswith_q
from nastavnik.matching.choices import Compatibility
from nastavnik.matching.models import CompatibilityMark
from nastavnik.organizations.filtersets import OrgUnitChoiceFilter, use_unit_choosers
from nastavnik.organizations.models import OrgUnit


class CompatibilityMarkFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Поиск",
        method="search",
        widget=TextInput(attrs={"placeholder": "Фамилия наставника или наставляемого"}),
    )
    mark = django_filters.ChoiceFilter(
        label="Совместимость", choices=Compatibility.choices, empty_label="Все"
    )
    organization = OrgUnitChoiceFilter(
        label="Организация", queryset=OrgUnit.objects.none(), empty_label="Все"
    )

    class Meta:
        model = CompatibilityMark
        fields = ["q", "mark", "organization"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        use_unit_choosers(self, getattr(request, "user", None))
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        """Marks whose mentor's or mentee's surname starts with ``value`` (its first word)."""
        words = value.split()
        if not words:
            return queryset
        return queryset.filter(
            startswith_q("mentor__last_name", words[0]) | startswith_q("mentee__last_name", words[0])
        )
