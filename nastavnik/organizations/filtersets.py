"""One FilterSet per model, shared by the HTML list and (later) the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import contains_q
from nastavnik.organizations.choices import Level, OrganizationKind
from nastavnik.organizations.choosers import MUNICIPALITIES, ORGANIZATIONS
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit


class OrgUnitFilterSet(django_filters.FilterSet):
    """Search by name or ИНН; filter by level, kind and municipality (choices within scope)."""

    q = django_filters.CharFilter(
        label="Поиск", method="search", widget=forms.TextInput(attrs={"placeholder": "Наименование или ИНН"})
    )
    level = django_filters.ChoiceFilter(label="Уровень", choices=Level.choices, empty_label="Все уровни")
    kind = django_filters.ChoiceFilter(label="Вид", choices=OrganizationKind.choices, empty_label="Все виды")
    municipality = django_filters.ModelChoiceFilter(
        label="Муниципальное образование",
        queryset=OrgUnit.objects.none(),
        method="in_municipality",
        empty_label="Все",
    )

    class Meta:
        model = OrgUnit
        fields = ["q", "level", "kind", "municipality"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        self.filters["municipality"].queryset = OrgUnit.objects.for_user(user).municipalities()
        use_unit_choosers(self, user)
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            contains_q("full_name", value) | contains_q("short_name", value) | Q(inn__startswith=value)
        )

    def in_municipality(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(path__startswith=value.path) | Q(municipality=value))


def use_unit_choosers(filterset, user) -> None:
    """Make the filters «Организация» (``organization``) and «Муниципальное образование»
    (``municipality``) of ``filterset``, those it has, type-ahead choosers over the units
    ``user`` sees (``choosers.ORGANIZATIONS``, ``choosers.MUNICIPALITIES``; issue 16): the list
    still filters by ``?organization=<id>``, a forged id outside the scope is ignored as before,
    and the page carries the selected unit only, not every unit of the region. Builds the
    filter set's form."""
    fields = filterset.form.fields
    if "organization" in fields:
        use_chooser(fields["organization"], ORGANIZATIONS, user)
    if "municipality" in fields:
        use_chooser(fields["municipality"], MUNICIPALITIES, user)


@extend_schema_field(OpenApiTypes.INT)
class ModelIdChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter by one row of a model, given by its id in the address (``?area=3``): the same as
    ``ModelChoiceFilter``, typed as an integer in the API's schema also when a ``method`` does the
    filtering (drf-spectacular cannot tell the type then, and says so at every ``check``)."""


class OrgUnitChoiceFilter(ModelIdChoiceFilter):
    """A filter by an organization or a territory whose choices carry the municipality
    (``forms.OrgUnitChoiceField``)."""

    field_class = OrgUnitChoiceField
