"""The filter set of the list of individual educational routes: search by the teacher's ФИО or the
route's theme, status and organization (within the user's scope)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.forms import TextInput

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import startswith_q
from nastavnik.development.choices import RouteStatus
from nastavnik.development.models import IndividualRoute
from nastavnik.organizations.filtersets import OrgUnitChoiceFilter, use_unit_choosers
from nastavnik.organizations.models import OrgUnit


class IndividualRouteFilterSet(django_filters.FilterSet):
    """``q``: words of the teacher's ФИО (фамилия, имя, отчество, each from its start) or a part
    of the route's theme; ``status``; ``organization``: an organization the user sees (a
    type-ahead chooser; a forged id outside the scope is ignored)."""

    q = django_filters.CharFilter(
        label="Поиск",
        method="search",
        widget=TextInput(attrs={"placeholder": "ФИО педагога или тема маршрута"}),
    )
    status = django_filters.ChoiceFilter(label="Статус", choices=RouteStatus.choices, empty_label="Все")
    organization = OrgUnitChoiceFilter(
        label="Организация", queryset=OrgUnit.objects.none(), empty_label="Все"
    )

    class Meta:
        model = IndividualRoute
        fields = ["q", "status", "organization"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        use_unit_choosers(self, getattr(request, "user", None))
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        value = (value or "").strip()[:200]
        words = value.split()[:3]
        if not words:
            return queryset
        people = None
        for word, field in zip(words, ("last_name", "first_name", "middle_name"), strict=False):
            part = startswith_q(f"person__{field}", word)
            people = part if people is None else people & part
        return queryset.filter(people | Q(title__icontains=value))
