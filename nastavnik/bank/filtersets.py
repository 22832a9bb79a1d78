"""FilterSets of the bank lists: mentors and mentees, choices narrowed to the user's scope."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef
from django.forms import Select, TextInput

from nastavnik.bank.choices import MentorPool, MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorCompetence, MentorProfile
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import startswith_q
from nastavnik.development.models import Deficit
from nastavnik.mentoring.models import Pair
from nastavnik.organizations.filtersets import ModelIdChoiceFilter, OrgUnitChoiceFilter, use_unit_choosers
from nastavnik.organizations.models import OrgUnit
from nastavnik.reference.models import CompetenceArea, MenteeCategory, MentoringForm, Subject

_YES_NO = [("", "Не важно"), ("true", "Да"), ("false", "Нет")]

#: Who the participants of the bank are (issue 20; seed 003 §4.5): the list shows all by default.
WORKERS, LEARNERS, NON_STAFF = "workers", "learners", "non_staff"
PARTICIPANT_CHOICES = [
    (WORKERS, "педагогические работники"),
    (LEARNERS, "обучающиеся"),
    (NON_STAFF, "вне штата"),
]


def participants_filter(queryset, value: str):
    """Profiles of ``value``'s participants: learners (a ``Learner`` row), participants outside
    the staff (a ``NonStaffParticipant`` row and not a learner), pedagogical workers (neither)."""
    from nastavnik.people.models import Learner, NonStaffParticipant

    learner = Exists(Learner.objects.filter(person_id=OuterRef("person_id")))
    non_staff = Exists(NonStaffParticipant.objects.filter(person_id=OuterRef("person_id")))
    if value == LEARNERS:
        return queryset.filter(learner)
    if value == NON_STAFF:
        return queryset.filter(non_staff).exclude(learner)
    if value == WORKERS:
        return queryset.exclude(learner).exclude(non_staff)
    return queryset


def _name_search(queryset, value: str):
    """Profiles whose person's ФИО starts with the words of ``value`` (фамилия, имя, отчество)."""
    words = value.split()
    condition = None
    for word, field in zip(words, ("last_name", "first_name", "middle_name"), strict=False):
        part = startswith_q(f"person__{field}", word)
        condition = part if condition is None else condition & part
    return queryset.filter(condition) if condition is not None else queryset


class _BankFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Поиск",
        method="search",
        widget=TextInput(attrs={"placeholder": "Фамилия, имя, отчество"}),
    )
    municipality = ModelIdChoiceFilter(
        label="Муниципальное образование",
        queryset=OrgUnit.objects.none(),
        method="in_unit",
        empty_label="Все",
    )
    organization = OrgUnitChoiceFilter(
        label="Организация", queryset=OrgUnit.objects.none(), empty_label="Все"
    )
    participants = django_filters.ChoiceFilter(
        label="Участники", choices=PARTICIPANT_CHOICES, method="by_participants", empty_label="Все"
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if not OrgUnit.objects.for_user(user).municipalities().exists():
            self.filters.pop("municipality")
        use_unit_choosers(self, user)
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        return _name_search(queryset, value.strip())

    def in_unit(self, queryset, name, value):
        return queryset.filter(organization__path__startswith=value.path) if value else queryset

    def by_participants(self, queryset, name, value):
        return participants_filter(queryset, value)


class MentorProfileFilterSet(_BankFilterSet):
    """Search mentors by ФИО; filter by municipality, organization, status, pool, competence
    area (with a minimal level), subject, form and open-bank publication."""

    status = django_filters.ChoiceFilter(label="Статус", choices=MentorStatus.choices, empty_label="Все")
    pool = django_filters.ChoiceFilter(
        label="Категория наставников", choices=MentorPool.choices, empty_label="Все"
    )
    area = ModelIdChoiceFilter(
        label="Компетенция",
        queryset=CompetenceArea.objects.all(),
        method="with_competence",
        empty_label="Любая",
    )
    min_level = django_filters.ChoiceFilter(
        label="Уровень не ниже",
        choices=[(str(n), str(n)) for n in range(1, 6)],
        method="noop",
        empty_label="Любой",
    )
    subjects = django_filters.ModelChoiceFilter(
        label="Предмет", queryset=Subject.objects.all(), empty_label="Все"
    )
    forms = django_filters.ModelChoiceFilter(
        label="Форма наставничества", queryset=MentoringForm.objects.all(), empty_label="Все"
    )
    publish_in_open_bank = django_filters.BooleanFilter(
        label="В открытом банке", widget=Select(choices=_YES_NO)
    )

    class Meta:
        model = MentorProfile
        fields = [
            "q",
            "municipality",
            "organization",
            "participants",
            "status",
            "pool",
            "area",
            "min_level",
            "subjects",
            "forms",
            "publish_in_open_bank",
        ]

    def with_competence(self, queryset, name, value):
        if not value:
            return queryset
        level = int(self.form.cleaned_data.get("min_level") or 1)
        competent = MentorCompetence.objects.filter(mentor=OuterRef("pk"), area=value, level__gte=level)
        return queryset.filter(Exists(competent))

    def noop(self, queryset, name, value):
        return queryset


class MenteeProfileFilterSet(_BankFilterSet):
    """Search mentees by ФИО; filter by municipality, organization, category, requested area,
    a diagnosed deficit, having a mentor now, and the completed full cycle."""

    categories = django_filters.ModelChoiceFilter(
        label="Категория", queryset=MenteeCategory.objects.all(), empty_label="Все"
    )
    request_areas = django_filters.ModelChoiceFilter(
        label="Область запроса", queryset=CompetenceArea.objects.all(), empty_label="Все"
    )
    deficit = ModelIdChoiceFilter(
        label="Затруднение", queryset=CompetenceArea.objects.all(), method="with_deficit", empty_label="Любое"
    )
    has_mentor = django_filters.BooleanFilter(
        label="Есть наставник", method="with_mentor", widget=Select(choices=_YES_NO)
    )
    full_cycle = django_filters.BooleanFilter(
        label="Прошёл полный цикл",
        field_name="full_cycle_completed_on",
        lookup_expr="isnull",
        exclude=True,
        widget=Select(choices=_YES_NO),
    )

    class Meta:
        model = MenteeProfile
        fields = [
            "q",
            "municipality",
            "organization",
            "participants",
            "categories",
            "request_areas",
            "deficit",
            "has_mentor",
            "full_cycle",
        ]

    def with_deficit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Deficit.objects.filter(person_id=OuterRef("person_id"), area=value)))

    def with_mentor(self, queryset, name, value):
        if value is None:
            return queryset
        paired = Exists(Pair.objects.active().filter(mentee_id=OuterRef("person_id")))
        return queryset.filter(paired) if value else queryset.exclude(paired)
