"""What the personnel papers share: the current mentors, their consents, the people's
names for a sentence, and the orders of the registry they cite (the order fixing a pair, the
payment order naming a mentor)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse

from nastavnik.core.language import date_long, date_short, decline_name_part
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.specs.base import Missing
from nastavnik.documents.specs.common import (
    PersonForms,
    parse_date,
    people_with_positions,
)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _profile(person, attribute: str):
    """The reverse one-to-one ``attribute`` of ``person`` (a bank profile), ``None`` when absent."""
    try:
        return getattr(person, attribute)
    except ObjectDoesNotExist:
        return None


def _sort_key(person) -> tuple:
    return (person.last_name, person.first_name, person.middle_name, person.pk)


def _open_pairs():
    from nastavnik.mentoring.models import Pair

    return Pair.objects.filter(ended_on__isnull=True)


def current_mentors(organization):
    """People employed now in ``organization`` who mentor in an open pair of it, by name (the
    mentors a payment is set for, seed 004 §1.6.4)."""
    return (
        people_with_positions()
        .employed_in(organization)
        .filter(pk__in=_open_pairs().filter(organization=organization).values("mentor_id"))
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


def _mentor_consent_missing(person) -> Missing | None:
    """The mentor's written consent (seed 004 §1.6.6; ТК РФ ст. 60.2: additional work with the
    employee's written consent), ``None`` when recorded."""
    profile = _profile(person, "mentor_profile")
    if profile is None:
        return Missing(
            f"{person.full_name} не внесен{'а' if person.sex == 'F' else ''} в банк наставников: добавьте "
            "работника в банк и укажите дату письменного согласия быть наставником.",
            reverse("bank:mentor_add") + f"?person={person.pk}",
        )
    if not profile.consent_given_on:
        return Missing(
            f"Нет письменного согласия наставника ({person.full_name}): укажите дату согласия в профиле "
            "наставника.",
            reverse("bank:mentor_edit", args=[profile.pk]),
        )
    return None


def _personal_data_missing(people) -> list[Missing]:
    """One item per person of ``people`` without a valid consent to personal-data processing
    (the orders name them, 152-ФЗ art. 9)."""
    from nastavnik.people.consent import consented_person_ids

    people = list({person.pk: person for person in people}.values())
    consented = set(
        consented_person_ids()
        .filter(person_id__in=[p.pk for p in people])
        .values_list("person_id", flat=True)
    )
    return [
        Missing(
            f"Нет действующего согласия на обработку персональных данных ({person.full_name}): внесите "
            "согласие в карточке работника.",
            reverse("bank:consent_record", args=[person.pk]),
        )
        for person in people
        if person.pk not in consented
    ]


@dataclass(frozen=True)
class IssuedOrder:
    """An order of the registry cited by another: its number and date (in words)."""

    number: str
    date: str
    date_short: str


def _issued(document) -> IssuedOrder | None:
    if document is None:
        return None
    return IssuedOrder(
        number=document.number or "______",
        date=date_long(document.date),
        date_short=date_short(document.date),
    )


def fixing_order(pair):
    """The latest order of the registry fixing ``pair`` (``Document.pairs``), or ``None``."""
    from nastavnik.documents.models import Document

    return (
        Document.objects.filter(
            kind=DocumentKind.ORDER_PAIRS, pairs=pair, organization_id=pair.organization_id
        )
        .order_by("-date", "-pk")
        .first()
    )


def payment_order(organization, person_id: int, on: dt.date | None = None):
    """The latest payment order of ``organization`` that names the mentor ``person_id`` and whose
    period holds ``on`` (any period when ``None``), or ``None``."""
    from nastavnik.documents.models import Document

    for document in Document.objects.filter(
        organization=organization, kind=DocumentKind.ORDER_MENTOR_PAYMENT
    ).order_by("-date", "-pk"):
        params = document.params or {}
        if person_id not in (params.get("mentors") or []):
            continue
        starts_on, ends_on = parse_date(params.get("starts_on")), parse_date(params.get("ends_on"))
        if on is None or (starts_on and ends_on and starts_on <= on <= ends_on):
            return document
    return None


def _short_gen(name) -> str:
    """«Молодцовой М. П.»: the surname in the genitive and the initials."""
    return f"{decline_name_part('last', name.last_name, name.female, 'gent')} {name.initials}".strip()


def _mentees_phrase(forms_list: list[PersonForms], case: str) -> str:
    """The mentees with their positions in ``case``: «Петровой Анны Сергеевны, учителя начальных
    классов»; two joined by «, и»; three or more by «;»."""
    items = [f"{getattr(p.name, case)}, {getattr(p.position, case)}".rstrip(", ") for p in forms_list]
    if len(items) == 2:
        return ", и ".join(items)
    return "; ".join(items)


def _mentees_short(forms_list: list[PersonForms]) -> str:
    """«Белых Д. А. и Кузьмина О. А.»: the mentees' surnames in the genitive with initials."""
    items = [_short_gen(p.name) for p in forms_list]
    return " и ".join(items) if len(items) < 3 else ", ".join(items[:-1]) + " и " + items[-1]


def _employee_field_label(person) -> str:
    from nastavnik.documents.specs.common import person_position

    position = person_position(person)
    return f"{person.full_name} ({position})" if position else person.full_name


class _PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return _employee_field_label(obj)


def _text(value: str) -> str:
    """A participant's free text for a quotation: one line, no closing full stop."""
    return " ".join((value or "").split()).rstrip(".").strip()
