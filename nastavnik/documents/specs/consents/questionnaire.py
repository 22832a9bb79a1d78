"""The questionnaire of a candidate mentor (анкета кандидата в наставники): seed 003 §4.6 «Заполнены
анкеты в письменной свободной форме всеми потенциальными наставниками»; its questions follow what
a mentor is chosen by (seed 001 §5.2.1 pools, §5.2.2 competences; 000 §3.1 confirmed results and
best practices; 000 §4.3.3 the eight areas; 000 App. 2 §2.7 training; 001 §7.1.1 the open bank):
the person's data from the card, achievements, experience of mentoring, strengths by area,
motivation, preferred kinds of mentoring, how many mentees, readiness to train. Filled in for one
candidate (the card's data printed) or as a blank form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import (
    MentorProfileSubject,
    organization_context,
    people_with_positions,
    person_forms,
)
from nastavnik.documents.specs.consents.parties import BLANK_DATE, signature_with_captions

TITLE = "АНКЕТА"
SUBTITLE = "кандидата в наставники педагогических работников {{ org.name.gen }}"
EMPTY = "_" * 30

#: The candidate's data: (label, key of ``candidate``).
CARD_ROWS = (
    ("Фамилия, имя, отчество", "name"),
    ("Должность", "position"),
    ("Преподаваемые предметы (направления деятельности)", "subjects"),
    ("Общий стаж работы, лет", "total_experience"),
    ("Педагогический стаж, лет", "pedagogical_experience"),
    ("Квалификационная категория", "category"),
    ("Педагогическое образование", "education"),
    ("Контактные данные (телефон, электронная почта)", "contacts"),
)

#: Free-form questions answered on lines (seed 001 §5.2.1–5.2.2; 000 §3.1).
OPEN_QUESTIONS = (
    "Ваши профессиональные достижения за последние три года (победы в профессиональных конкурсах, "
    "публикации, авторские учебные материалы, выступления на семинарах и вебинарах, руководство "
    "педагогическим сообществом, результаты обучающихся):",
    "Ваш опыт наставнической деятельности, в том числе неформальной (кого и как долго вы сопровождали, "
    "каких результатов достигли):",
    "Почему вы хотите стать наставником (ваша мотивация)?",
    "С какими профессиональными затруднениями коллег вы готовы помочь (запросы, с которыми к вам можно "
    "обратиться)?",
)

#: Questions answered by a mark (seed 004 §3.1.3 kinds; 000 App. 2 §2.7; 001 §7.1.1).
CHOICE_QUESTIONS = (
    ("Сколько наставляемых вы готовы сопровождать одновременно?", "☐ 1   ☐ 2   ☐ 3   ☐ более 3"),
    (
        "Готовы ли вы пройти обучение по программе подготовки наставников (в том числе по дополнительной "
        "профессиональной программе повышения квалификации)?",
        "☐ да   ☐ нет",
    ),
    ("Готовы ли вы к размещению сведений о себе в открытом банке наставников региона?", "☐ да   ☐ нет"),
)


def questionnaire_lists() -> dict[str, list[str]]:
    """``areas``: the eight areas of professional difficulties (``reference.CompetenceArea``) and
    ``kinds``: the kinds of mentoring (``reference.MentoringKind``), active, in their order."""
    from nastavnik.reference.models import CompetenceArea, MentoringKind

    return {
        "areas": list(CompetenceArea.objects.filter(is_active=True).values_list("name", flat=True)),
        "kinds": list(MentoringKind.objects.filter(is_active=True).values_list("name", flat=True)),
    }


def build_questionnaire(b, *, blank: bool) -> None:
    """Write the questionnaire: ``blank`` — every answer on lines; else the card's data from
    ``candidate`` (a dict of ``CARD_ROWS`` keys)."""
    b.center(TITLE, bold=True)
    b.center(SUBTITLE, bold=True, space_after=12)
    b.para("1. Сведения о кандидате", bold=True, indent=False, keep_with_next=True)
    table = b.document.add_table(rows=len(CARD_ROWS), cols=2)
    table.style = "Table Grid"
    for row, (label, key) in zip(table.rows, CARD_ROWS, strict=True):
        row.cells[0].paragraphs[0].text = label
        row.cells[1].paragraphs[0].text = "" if blank else f"{{{{ candidate.{key} }}}}"
    from nastavnik.documents.builder import cant_split

    for row in table.rows:
        cant_split(row)
    b.blank()
    number = 2
    for question in OPEN_QUESTIONS:
        b.para(f"{number}. {question}", indent=False, keep_with_next=True)
        for index in range(3):
            b.para("_" * 62, indent=False, align="left", keep_with_next=index < 2)
        number += 1
    b.para(
        f"{number}. Оцените свой уровень в каждой области профессиональной деятельности (1 — базовый, "
        "5 — экспертный; обведите):",
        indent=False,
        keep_with_next=True,
    )
    b.tag("{%p for area in areas %}")
    b.para("{{ area }}: 1   2   3   4   5", indent=False, align="left")
    b.tag("{%p endfor %}")
    number += 1
    b.para(
        f"{number}. Какие виды наставничества вы предпочитаете (отметьте)?", indent=False, keep_with_next=True
    )
    b.tag("{%p for kind in kinds %}")
    b.para("☐ {{ kind }}", indent=False, align="left")
    b.tag("{%p endfor %}")
    for question, answers in CHOICE_QUESTIONS:
        number += 1
        b.para(f"{number}. {question}", indent=False, keep_with_next=True)
        b.para(answers, indent=False, align="left")
    if blank:
        signature_with_captions(b, BLANK_DATE, "______________")
    else:
        signature_with_captions(b, BLANK_DATE, "{{ candidate.signature }}")


class MentorQuestionnaireSpec(MentorProfileSubject, DocumentSpec):
    """The questionnaire of a candidate mentor (seed 003 §4.6), printed for one candidate with
    the data of their card (``build_questionnaire``), the rest to fill in by hand; the blank form
    is among the organization's blank forms (``consents.blanks``). Subject: a
    ``bank.MentorProfile`` of a candidate or a selected mentor."""

    kind = DocumentKind.MENTOR_QUESTIONNAIRE
    subject = Subject.MENTOR
    source = "seed 003 §4.6; 001 §5.2.1–5.2.2; 000 §3.1, §4.3.3"
    package_folder = "Анкеты кандидатов в наставники"
    blank_title = "Анкета кандидата в наставники"

    def candidates(self, organization):
        """Mentor profiles of ``organization`` in the status «кандидат» or «отобран», by ФИО."""
        from nastavnik.bank.choices import MentorStatus

        return self.mentor_profiles(
            organization=organization, status__in=(MentorStatus.CANDIDATE, MentorStatus.SELECTED)
        )

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """Nothing: what the card does not hold is left on a line to fill in by hand."""
        return []

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``candidate`` (the card's data by ``CARD_ROWS`` key, a line where the card
        holds nothing; ``signature`` «И. О. Фамилия»), ``areas``, ``kinds``."""
        from nastavnik.people.choices import QualificationCategory

        person = people_with_positions().prefetch_related("subjects").get(pk=subject.person_id)
        forms_ = person_forms(person, organization)
        subjects = ", ".join(s.name for s in person.subjects.all())
        category = person.qualification_category
        candidate = {
            "name": forms_.name.nom,
            "position": forms_.position.nom,
            "subjects": subjects,
            "total_experience": ""
            if person.total_experience_years is None
            else str(person.total_experience_years),
            "pedagogical_experience": ""
            if person.pedagogical_experience_years is None
            else str(person.pedagogical_experience_years),
            "category": QualificationCategory(category).label
            if category in QualificationCategory.values
            else "",
            "education": "имеется" if person.has_pedagogical_education else "не имеется",
            "contacts": ", ".join(part for part in (person.phone, person.email) if part),
        }
        candidate = {key: value or EMPTY for key, value in candidate.items()}
        candidate["signature"] = forms_.name.signature
        context = organization_context(organization)
        context.update(candidate=candidate, **questionnaire_lists())
        return context

    def build(self, b) -> None:
        build_questionnaire(b, blank=False)

    def build_blank(self, b) -> None:
        build_questionnaire(b, blank=True)
