"""The FilterSet of the document registry."""

from __future__ import annotations

import django_filters
from django.forms import DateInput, TextInput

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.documents.choices import DocumentKind, DocumentStatus
from nastavnik.documents.models import Document
from nastavnik.organizations.filtersets import OrgUnitChoiceFilter, use_unit_choosers
from nastavnik.organizations.models import OrgUnit


class DocumentFilterSet(django_filters.FilterSet):
    """Filter by organization, kind, status, dates and words of the title or the number."""

    q = django_filters.CharFilter(
        label="Поиск", method="search", widget=TextInput(attrs={"placeholder": "Наименование или номер"})
    )
    organization = OrgUnitChoiceFilter(
        label="Организация", queryset=OrgUnit.objects.none(), empty_label="Все"
    )
    kind = django_filters.ChoiceFilter(label="Вид", choices=DocumentKind.choices, empty_label="Все")
    status = django_filters.ChoiceFilter(label="Состояние", choices=DocumentStatus.choices, empty_label="Все")
    date_from = django_filters.DateFilter(
        label="Дата с", field_name="date", lookup_expr="gte", widget=DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label="Дата по", field_name="date", lookup_expr="lte", widget=DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Document
        fields = ["q", "organization", "kind", "status", "date_from", "date_to"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        use_unit_choosers(self, getattr(request, "user", None))
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(title__icontains=value) | queryset.filter(number__iexact=value)
