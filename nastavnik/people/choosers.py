"""Type-ahead choosers of people, and of the organizations people are added to
(``core.autocomplete``; issue 16).

A person is shown as «Иванова Мария Петровна — МБОУ «СОШ № 1»»: the full name and the
organization of the current primary place of work (read with the person, one query a page).
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, NullIf

from nastavnik.core.autocomplete import Chooser, register_chooser
from nastavnik.core.search import startswith_q
from nastavnik.organizations.choosers import unit_chooser
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Employment, Person


def search_people(queryset, term: str, *, prefix: str = ""):
    """People whose surname, name and patronymic start with the words of ``term`` in that order
    («Иван М» — Иванова Мария …), any case; ``prefix`` — the path to the person from the rows
    of ``queryset`` (``"person__"`` for bank cards)."""
    condition = None
    for word, field in zip(term.split(), ("last_name", "first_name", "middle_name"), strict=False):
        q = startswith_q(prefix + field, word)
        condition = q if condition is None else condition & q
    return queryset.filter(condition) if condition is not None else queryset


def with_workplace(queryset):
    """``queryset`` of people annotated with ``workplace``: the short (else the full) name of the
    organization of their current primary employment ("" when there is none)."""
    employment = Employment.objects.current().filter(person=OuterRef("pk")).order_by("-is_primary", "pk")
    name = Coalesce(NullIf("organization__short_name", Value("")), "organization__full_name")
    return queryset.annotate(
        workplace=Coalesce(Subquery(employment.annotate(name=name).values("name")[:1]), Value(""))
    )


def person_label(person: Person) -> str:
    """«Фамилия Имя Отчество — организация» (the organization where the queryset was annotated
    by :func:`with_workplace` and has one)."""
    workplace = getattr(person, "workplace", "")
    return f"{person.full_name} — {workplace}" if workplace else person.full_name


def person_chooser(kind: str, rows) -> Chooser:
    """Register and return a chooser of people ``kind`` over ``rows(user) -> Person queryset``:
    searched by the words of the full name, shown with the place of work, in alphabetical
    order."""
    return register_chooser(
        Chooser(
            kind=kind,
            rows=rows,
            search=search_people,
            label=person_label,
            order=("last_name", "first_name", "middle_name", "pk"),
            prepare=with_workplace,
            placeholder="Начните вводить фамилию…",
        )
    )


def organizations_for_person_add(user):
    """Organizations where ``user`` may add people: the subtrees of their person-add grants."""
    return OrgUnit.objects.organizations().granted(user, "person", "add")


#: People the user sees (``Person.objects.for_user(user, "view")``).
PEOPLE = person_chooser("people", lambda user: Person.objects.for_user(user))
#: Organizations the user may add people to: the new person's and a new employment's.
PERSON_ADD_ORGANIZATIONS = unit_chooser("person-add-organizations", organizations_for_person_add)
