"""What the organization's orders share: the statutes they are issued on, the acquaintance list,
the appendix stamp, the citation of the order approving the Положение, the landscape page of a
wide appendix."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.urls import reverse

from nastavnik.core.language import DeclinedName, DeclinedPhrase, date_long
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.specs.common import (
    PersonForms,
    people_with_positions,
    person_position,
    registered_document,
)

ORDERS_FOLDER = "Приказы"

#: The statutes every order of the model package is issued on (seed 000, preamble of the
#: regional order; 001 §1.2; 004 §1.1).
LEGAL_BASE = (
    "В соответствии с Федеральным законом от 29 декабря 2012 г. № 273-ФЗ «Об образовании в Российской "
    "Федерации», распоряжением Правительства Российской Федерации от 31 декабря 2019 г. № 3273-р "
    "«Об утверждении основных принципов национальной системы профессионального роста педагогических "
    "работников Российской Федерации, включая национальную систему учительского роста», методическими "
    "рекомендациями по разработке и внедрению системы (целевой модели) наставничества педагогических "
    "работников в образовательных организациях (письмо Министерства просвещения Российской Федерации "
    "от 21 декабря 2021 г. № АЗ-1128/08 и Общероссийского Профсоюза образования от 21 декабря 2021 г. "
    "№ 657)"
)


def issue_url(kind: str) -> str:
    """The page where a document of ``kind`` is drawn up (its parameters are chosen there)."""
    return reverse("documents:issue", args=[kind])


def _employee(organization, person_id):
    """The person ``person_id`` currently employed in ``organization`` (with positions loaded),
    or ``None``."""

    if not person_id:
        return None
    return people_with_positions().employed_in(organization).filter(pk=person_id).first()


@dataclass(frozen=True)
class Acquainted:
    """A row of «С приказом ознакомлены»: ``pk``, ``name`` (``DeclinedName``: ``{{ p.name.short }}``
    → «Иванова М. П.») and ``position`` (``DeclinedPhrase``: ``{{ p.position.nom }}``) as the
    staff schedule writes it, with the organization for a person of another one («учитель
    математики МБОУ «СОШ № 21»»)."""

    pk: int
    name: DeclinedName
    position: DeclinedPhrase


def _acquainted(people: list[PersonForms | None], suffixes: dict[int, str] | None = None) -> list[Acquainted]:
    """The persons for «С приказом ознакомлены», each once, in the given order; ``suffixes``:
    the organization (in the genitive) to add after the position of a person of another
    organization, by person id."""
    seen: set[int] = set()
    result = []
    for person in people:
        if person is not None and person.pk not in seen:
            seen.add(person.pk)
            suffix = (suffixes or {}).get(person.pk, "")
            position = DeclinedPhrase(f"{person.position.nom} {suffix}") if suffix else person.position
            result.append(Acquainted(person.pk, person.name, position))
    return result


def _acquaintance_block(b, *, space_before: float = 12) -> None:
    """«С приказом ознакомлены»: one row per person of ``acquainted`` (``Acquainted``) with
    places for the signature and the date; the caption stays with the table."""
    b.para(
        "С приказом ознакомлены:", align="left", indent=False, space_before=space_before, keep_with_next=True
    )
    b.table(
        ["Фамилия, инициалы", "Должность", "Подпись", "Дата"],
        ["{{ p.name.short }}", "{{ p.position.nom }}", "", ""],
        loop="for p in acquainted",
        widths=[4.5, 6, 3, 3],
    )


def _appendix_stamp(b, title: str) -> None:
    """The top-right requisite of an order's appendix, kept together: «Приложение 1 к приказу
    МБОУ «СОШ № 1» от 2 декабря 2026 г. № 45-о»."""
    b.approval_stamp([title, "к приказу {{ org.short.gen }}", "от {{ date_long }} № {{ number }}"])


def _registered_regulation_order(organization, on: dt.date | None) -> dict[str, str] | None:
    """The order approving the Положение as the other orders cite it: ``{"date": "15 сентября
    2026 г.", "number": "99-о"}`` of the latest one in the registry with a number, dated no
    later than ``on`` (:func:`common.registered_document`); ``None`` when there is none."""
    order = registered_document(organization, DocumentKind.ORDER_REGULATION, on=on)
    if order is None:
        return None
    return {"date": date_long(order.date), "number": order.number}


class _EmployeeField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        position = person_position(obj)
        return f"{obj.full_name} ({position})" if position else obj.full_name


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _landscape_section(b) -> None:
    """Start a new landscape page section (the wide table of an appendix), numbered from its
    first page, with the margins of the portrait pages."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = b.document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.different_first_page_header_footer = False
