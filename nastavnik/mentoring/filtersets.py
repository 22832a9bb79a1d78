"""FilterSets of the mentoring lists: personalized programs, choices narrowed to the user's scope."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef
from django.forms import TextInput

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import startswith_q
from nastavnik.mentoring.choices import ProgramFormat, ProgramStatus
from nastavnik.mentoring.models import Pair, PersonalizedProgram
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
