"""What the consents and the agreement share: the words agreed with a person's sex, the legal
representative of a minor (seed 002 §10; 152-ФЗ art. 9 part 4 item 2), the addressee block and
the signature with captions, and the lines of a blank form to fill in by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from nastavnik.bank.choices import MentorStatus
from nastavnik.core.language import DeclinedName, date_long
from nastavnik.documents.builder import keep_together
from nastavnik.documents.specs.base import Missing, ParamsForm
from nastavnik.documents.specs.common import parse_date

#: Words agreed with the sex of a person: ``(masculine, feminine)``.
SEX_WORDS: dict[str, tuple[str, str]] = {
    "named": ("именуемый", "именуемая"),
    "acting": ("действующий", "действующая"),
    "acquainted": ("ознакомлен", "ознакомлена"),
    "undersigned": ("нижеподписавшийся", "нижеподписавшаяся"),
    "living": ("проживающий", "проживающая"),
    "living_gen": ("проживающего", "проживающей"),
    "minor_gen": ("несовершеннолетнего", "несовершеннолетней"),
}

#: The legal representatives of a minor and the word in the instrumental («являясь матерью»).
RELATIONS: dict[str, str] = {
    "мать": "матерью",
    "отец": "отцом",
    "усыновитель": "усыновителем",
    "опекун": "опекуном",
    "попечитель": "попечителем",
}

MAJORITY_AGE = 18

#: The mentors who sign the consent: selected and on, until they leave (seed 000 §4.1, 003 §4.6).
CONSENTING_MENTOR_STATUSES = (
    MentorStatus.SELECTED,
    MentorStatus.TRAINED,
    MentorStatus.ACTIVE,
    MentorStatus.PAUSED,
)

#: A line to fill in by hand, and a short one (a date, a number).
LINE = "_" * 40
SHORT_LINE = "_" * 14
#: A date to fill in by hand (the quotes and the blank belong to a form, ГОСТ Р 7.0.97-2016 §5.13).
BLANK_DATE = "«____» ______________ 20____ г."


def sex_words(female: bool) -> dict[str, str]:
    """The words of ``SEX_WORDS`` in the form agreeing with the sex (``{"named": "именуемая", …}``)."""
    return {key: forms_[1] if female else forms_[0] for key, forms_ in SEX_WORDS.items()}


def is_minor(person, on: dt.date) -> bool:
    """Whether ``person`` (a ``people.Person``) is under 18 on ``on``."""
    from nastavnik.people.models import age_on

    return bool(person.birth_date) and age_on(person.birth_date, on) < MAJORITY_AGE


# --- the legal representative of a minor ---------------------------------------------------------

REPRESENTATIVE_HELP = "Заполняется, только если участник несовершеннолетний."


class RepresentativeForm(ParamsForm):
    """The legal representative of a minor participant (seed 002 §10; 152-ФЗ art. 9 part 4 item 2).
    Every field is optional: for an adult it is not needed, for a minor ``missing`` names what is
    absent."""

    representative_last_name = forms.CharField(
        label="Фамилия законного представителя", max_length=100, required=False, help_text=REPRESENTATIVE_HELP
    )
    representative_first_name = forms.CharField(
        label="Имя законного представителя", max_length=100, required=False
    )
    representative_middle_name = forms.CharField(
        label="Отчество законного представителя", max_length=100, required=False
    )
    representative_relation = forms.ChoiceField(
        label="Кем приходится несовершеннолетнему участнику",
        choices=[("", "—"), *((key, key) for key in RELATIONS)],
        required=False,
    )
    representative_document_number = forms.CharField(
        label="Серия и номер паспорта (иного документа, удостоверяющего личность) представителя",
        max_length=40,
        required=False,
    )
    representative_document_issued_on = forms.DateField(
        label="Дата выдачи документа представителя",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    representative_document_issued_by = forms.CharField(
        label="Кем выдан документ представителя", max_length=300, required=False
    )
    representative_address = forms.CharField(
        label="Адрес места жительства представителя", max_length=500, required=False
    )
    representative_authority = forms.CharField(
        label="Документ, подтверждающий полномочия представителя",
        max_length=300,
        required=False,
        help_text="Например: свидетельство о рождении II-ПН № 123456 от 01.02.2010; акт органа опеки и попечительства.",
    )

    def clean_representative_document_issued_on(self):
        value = self.cleaned_data.get("representative_document_issued_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError("Дата выдачи документа не может быть в будущем.")
        return value


#: The representative's fields and their names in a refusal, by what the document needs.
REPRESENTATIVE_FIELDS: dict[str, str] = {
    "representative_last_name": "фамилию",
    "representative_first_name": "имя",
    "representative_relation": "его статус (мать, отец, усыновитель, опекун, попечитель)",
    "representative_document_number": "серию и номер документа, удостоверяющего личность",
    "representative_document_issued_on": "дату выдачи этого документа",
    "representative_document_issued_by": "орган, выдавший этот документ",
    "representative_address": "адрес места жительства",
    "representative_authority": "документ, подтверждающий полномочия",
}
AGREEMENT_REPRESENTATIVE = (
    "representative_last_name",
    "representative_first_name",
    "representative_relation",
    "representative_document_number",
    "representative_document_issued_on",
    "representative_document_issued_by",
)
CONSENT_REPRESENTATIVE = (*AGREEMENT_REPRESENTATIVE, "representative_address", "representative_authority")


def representative_missing(params: dict, required: tuple[str, ...], who: str) -> list[Missing]:
    """One ``Missing`` naming every absent field of ``required`` of the representative of the
    minor ``who`` («Наставляемый»); empty when all are given."""
    absent = [REPRESENTATIVE_FIELDS[name] for name in required if not str(params.get(name) or "").strip()]
    if params.get("representative_relation") and params["representative_relation"] not in RELATIONS:
        absent.append(REPRESENTATIVE_FIELDS["representative_relation"])
    if not absent:
        return []
    return [Missing(f"{who} несовершеннолетний: укажите законного представителя — {'; '.join(absent)}.")]


def _representative_female(params: dict) -> bool:
    """The sex of the representative: by the relation (мать, отец), else by the name (the
    petrovich rules); masculine when the name does not tell."""
    relation = params.get("representative_relation")
    if relation in ("мать", "отец"):
        return relation == "мать"
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.enums import Gender

    gender = PetrovichGenderDetector().detect(
        firstname=params.get("representative_first_name") or None,
        middlename=params.get("representative_middle_name") or None,
        lastname=params.get("representative_last_name") or None,
    )
    return gender == Gender.FEMALE


def representative_context(params: dict) -> dict[str, Any]:
    """The representative for a template: ``name`` (``DeclinedName``), ``relation`` («мать»),
    ``relation_ins`` («матерью»), the identity document, the address, the authority and the
    sex-agreed words ``w``."""
    female = _representative_female(params)
    issued_on = parse_date(params.get("representative_document_issued_on"))
    return {
        "name": DeclinedName(
            last_name=params.get("representative_last_name", "").strip(),
            first_name=params.get("representative_first_name", "").strip(),
            middle_name=(params.get("representative_middle_name") or "").strip(),
            female=female,
        ),
        "relation": params.get("representative_relation", ""),
        "relation_ins": RELATIONS.get(params.get("representative_relation", ""), ""),
        "document_number": (params.get("representative_document_number") or "").strip(),
        "document_issued_on": date_long(issued_on),
        "document_issued_by": (params.get("representative_document_issued_by") or "").strip(),
        "address": (params.get("representative_address") or "").strip(),
        "authority": (params.get("representative_authority") or "").strip(),
        "female": female,
        "w": sex_words(female),
    }


# --- template helpers -------------------------------------------------------------------------

#: The left indent of the addressee block and of an appendix's heading: from the middle of the page.
RIGHT_BLOCK_INDENT = Cm(8)


def right_block(
    b,
    lines: list[str],
    *,
    space_after: float = 12,
    captions: tuple[str, ...] = (),
    new_page: bool = False,
) -> None:
    """Lines flush left from the middle of the page (the addressee at the top right, the heading
    of an appendix); a line in ``captions`` is a small caption under a line to fill in. The block
    keeps together and with what follows. ``new_page``: the block starts a page (the first line
    breaks the page before it — never an empty page when the text before ends a page)."""
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        caption = line in captions
        paragraph = b.para(
            line,
            align="center" if caption else "left",
            indent=False,
            size=10 if caption else None,
            space_after=space_after if last else 0,
            keep_with_next=True,
        )
        paragraph.paragraph_format.left_indent = RIGHT_BLOCK_INDENT
        if new_page and not index:
            paragraph.paragraph_format.page_break_before = True


def caption(b, text: str) -> None:
    """A small centred caption under a line filled in by hand («(фамилия, имя, отчество)»)."""
    b.para(text, align="center", indent=False, size=10)


def signature_with_captions(b, left: str, name: str) -> None:
    """«date  ____________  И. О. Фамилия» with «(подпись)» and «(расшифровка подписи)» under; the
    table never splits and stays with the text above it."""
    b.keep_previous_with_next()
    b.blank()
    b.keep_previous_with_next()
    table = b.document.add_table(rows=2, cols=3)
    for row, texts in enumerate(((left, "____________", name), ("", "(подпись)", "(расшифровка подписи)"))):
        for column, text in enumerate(texts):
            paragraph = table.rows[row].cells[column].paragraphs[0]
            paragraph.text = text
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT,
                WD_ALIGN_PARAGRAPH.CENTER,
                WD_ALIGN_PARAGRAPH.RIGHT,
            )[column]
            if row == 1:
                for run in paragraph.runs:
                    run.font.size = Pt(10)
    keep_together(table)


def signature_rows(b, rows: list[tuple[str, str, str]]) -> None:
    """A table of signatures, one row a signer: ``(who, line, name)``; a cell's lines split on
    «\\n», «(подпись)» and other captions in brackets are small. A docxtpl row tag
    (``{%tr if … %}``) may stand in the first cell of a row. The table never splits and stays
    with the text above it."""
    b.keep_previous_with_next()
    table = b.document.add_table(rows=len(rows), cols=3)
    for row, texts in zip(table.rows, rows, strict=True):
        for column, text in enumerate(texts):
            cell = row.cells[column]
            lines = text.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
            for index, paragraph in enumerate(cell.paragraphs):
                if paragraph.text.startswith("(") and paragraph.text.endswith(")"):
                    for run in paragraph.runs:
                        run.font.size = Pt(10)
                if column:
                    paragraph.alignment = (
                        WD_ALIGN_PARAGRAPH.CENTER if column == 1 else WD_ALIGN_PARAGRAPH.RIGHT
                    )
                paragraph.paragraph_format.space_before = Pt(0 if index else 6)
    keep_together(table)
