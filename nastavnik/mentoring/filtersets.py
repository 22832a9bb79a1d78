"""FilterSets of the mentoring lists: personalized programs (the page and the API), pairs, meetings
and requests (the API), choices narrowed to the user's scope."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.forms import TextInput

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import startswith_q
from nastavnik.mentoring.choices import (
    MeetingStatus,
    ProgramFormat,
    ProgramStatus,
    RequestKind,
    RequestStatus,
)
from nastavnik.mentoring.models import Meeting, Pair, PairRequest, PersonalizedProgram
from nastavnik.organizations.filtersets import OrgUnitChoiceFilter, use_unit_choosers
from nastavnik.organizations.models import OrgUnit
from nastavnik.reference.models import PersonalizedProgramStage


def _name_q(prefix: str, words: list[str]):
    """``Q`` of people (``prefix`` = ``"mentor"`` or ``"mentee"``) whose ФИО starts with ``words``."""
    condition = None
    for word, field in zip(words, ("last_name", "first_name", "middle_name"), strict=False):
        part = startswith_q(f"{prefix}__{field}", word)
        condition = part if condition is None else condition & part
    return condition


class PersonalizedProgramFilterSet(django_filters.FilterSet):
    """Search programs by the ФИО of a mentor or a mentee (фамилия, имя, отчество); filter by
    status, stage, format and organization (within the user's scope)."""

    q = django_filters.CharFilter(
        label="Поиск",
        method="search",
        widget=TextInput(attrs={"placeholder": "ФИО наставника или наставляемого"}),
    )
    status = django_filters.ChoiceFilter(label="Статус", choices=ProgramStatus.choices, empty_label="Все")
    stage = django_filters.ModelChoiceFilter(
        label="Этап", queryset=PersonalizedProgramStage.objects.all(), empty_label="Все"
    )
    format = django_filters.ChoiceFilter(label="Формат", choices=ProgramFormat.choices, empty_label="Все")
    organization = OrgUnitChoiceFilter(
        label="Организация", queryset=OrgUnit.objects.none(), empty_label="Все"
    )

    class Meta:
        model = PersonalizedProgram
        fields = ["q", "status", "stage", "format", "organization"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        use_unit_choosers(self, getattr(request, "user", None))
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        words = value.split()[:3]
        if not words:
            return queryset
        people = _name_q("mentor", words) | _name_q("mentee", words)
        return queryset.filter(Exists(Pair.objects.filter(people, program=OuterRef("pk"))))


class IdFilter(django_filters.NumberFilter):
    """A filter by a row's id (``?program=12``): a whole number from 1 to the largest id the
    database holds; anything else is a Russian error on the filter, never a 500."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class PairFilterSet(django_filters.FilterSet):
    """Search pairs by the ФИО of the mentor or the mentee; filter by organization (within the
    user's scope), program and whether the pair works now (the API's list of pairs)."""

    q = django_filters.CharFilter(label="Поиск", method="search")
    organization = OrgUnitChoiceFilter(
        label="Организация", queryset=OrgUnit.objects.none(), empty_label="Все"
    )
    program = IdFilter(label="Программа", field_name="program_id")
    active = django_filters.BooleanFilter(label="Действующая", method="only_active")

    class Meta:
        model = Pair
        fields = ["q", "organization", "program", "active"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        use_unit_choosers(self, getattr(request, "user", None))

    def search(self, queryset, name, value):
        words = value.split()[:3]
        if not words:
            return queryset
        return queryset.filter(_name_q("mentor", words) | _name_q("mentee", words))

    def only_active(self, queryset, name, value):
        if value is None:
            return queryset
        active = queryset.model.objects.active().values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)


class MeetingFilterSet(django_filters.FilterSet):
    """Filter meetings by program, status and the day they start (the API's list of meetings)."""

    program = IdFilter(label="Программа", field_name="program_id")
    status = django_filters.ChoiceFilter(label="Статус", choices=MeetingStatus.choices, empty_label="Все")
    starts_from = django_filters.DateFilter(
        label="Не раньше", field_name="starts_at", lookup_expr="date__gte"
    )
    starts_to = django_filters.DateFilter(label="Не позже", field_name="starts_at", lookup_expr="date__lte")

    class Meta:
        model = Meeting
        fields = ["program", "status", "starts_from", "starts_to"]


class PairRequestFilterSet(django_filters.FilterSet):
    """Filter the participants' requests by status and kind (as the curator's queue filters by
    status; the API's list of requests)."""

    status = django_filters.ChoiceFilter(label="Статус", choices=RequestStatus.choices, empty_label="Все")
    kind = django_filters.ChoiceFilter(label="Вид", choices=RequestKind.choices, empty_label="Все")
    program = IdFilter(label="Программа", field_name="pair__program_id")

    class Meta:
        model = PairRequest
        fields = ["status", "kind", "program"]
