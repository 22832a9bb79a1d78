"""Consents and the agreement of the participants: the written consent of a mentor (seed 004
§1.6.2, §1.6.6; 000 §4.1; 001 §4.4.2), of a mentee (seed 004 §1.6.3), the agreement between a
mentor and a mentee, with the legal representative of a minor (seed 002 §10), and the consent
to the processing of personal data (seed 002 §10; 152-ФЗ art. 9 part 4).

The rights and duties the texts list are those of seed 000 §5.1 (mentor) and §5.2 (mentee).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from nastavnik.bank.choices import MentorStatus
from nastavnik.core.language import DeclinedName, date_long, lower_first, upper_first
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing, ParamsForm
from nastavnik.documents.specs.common import (
    organization_context,
    organization_missing,
    parse_date,
    people_with_positions,
    person_forms,
    position_missing,
)
from nastavnik.documents.specs.texts import MENTEE_DUTIES, MENTEE_RIGHTS, MENTOR_DUTIES, MENTOR_RIGHTS

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
    "representative_relation": "его статус (мать, отец, опекун, попечитель)",
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


def _representative_missing(params: dict, required: tuple[str, ...], who: str) -> list[Missing]:
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


def _addressee(b, lines: list[str]) -> None:
    """The addressee block at the top right: the lines flush left from the middle of the page."""
    for index, line in enumerate(lines):
        paragraph = b.para(line, align="left", indent=False, space_after=12 if index == len(lines) - 1 else 0)
        paragraph.paragraph_format.left_indent = Cm(8)


def _signature_with_captions(b, left: str, name: str) -> None:
    """«date  ____________  И. О. Фамилия» with «(подпись)» and «(расшифровка подписи)» under."""
    b.blank()
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


# --- the consents of a mentor and of a mentee ------------------------------------------------------


class _ParticipantConsentSpec(DocumentSpec):
    """A written consent addressed to the head: ``subject`` is a bank profile (``MentorProfile`` or
    ``MenteeProfile``); ``Document.person`` is its person."""

    #: the genitive of the participant in refusals («наставника»)

    def subject_fields(self, subject) -> dict[str, Any]:
        return {"person": subject.person}

    def _profiles(self):
        """The bank profiles of the participant's kind (``MentorProfile`` or ``MenteeProfile``)."""
        raise NotImplementedError

    def candidates(self, organization):
        """The organization's profiles of this kind, by ФИО."""
        return (
            self._profiles()
            .filter(organization=organization)
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
        )

    def subject_of(self, document):
        return self._profiles().select_related("person").get(person_id=document.person_id)

    def subject_label(self, subject) -> str:
        return subject.person.short_name

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The head with a position (the addressee) and the participant's position."""
        items = organization_missing(organization, head=True, address=False)
        if item := position_missing(subject.person, organization, self.subject.label):
            items.append(item)
        return items

    def _base_context(self, organization, subject) -> dict[str, Any]:
        person = people_with_positions().get(pk=subject.person_id)
        context = organization_context(organization)
        forms_ = person_forms(person, organization)
        context.update(
            person=forms_,
            w=sex_words(forms_.female),
            head_position_dat=upper_first(context["head"].position.dat),
        )
        return context

    def _head(self, b, title: str, subtitle: str) -> None:
        _addressee(
            b,
            [
                "{{ head_position_dat }} {{ org.full_name }}",
                "{{ head.name.dat }}",
                "от {{ person.position.gen }}",
                "{{ person.name.gen }}",
            ],
        )
        b.center(title, bold=True)
        b.center(subtitle, bold=True, space_after=12)


class MentorConsentSpec(_ParticipantConsentSpec):
    """The written consent of a pedagogical worker to be appointed a mentor and to take on the
    additional duties of mentoring (seed 004 §1.6.2, §1.6.6; 000 §1.3, §4.1 «назначается
    наставником с его письменного согласия»; 001 §4.4.2), with the mentor's rights and duties
    (seed 000 §5.1). Subject: a ``bank.MentorProfile``."""

    kind = DocumentKind.MENTOR_CONSENT
    subject = Subject.MENTOR
    source = "seed 004 §1.6.2, §1.6.6; 000 §4.1, §5.1; 001 §4.4.2"
    package_folder = "Согласия наставников"

    def _profiles(self):
        from nastavnik.bank.models import MentorProfile

        return MentorProfile.objects.all()

    def candidates(self, organization):
        """Mentor profiles of ``organization`` selected, trained, active or paused."""
        return super().candidates(organization).filter(status__in=CONSENTING_MENTOR_STATUSES)

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``, ``person`` (``PersonForms`` of the mentor), ``w`` (sex-agreed words),
        ``head_position_dat`` («Директору»)."""
        return self._base_context(organization, subject)

    def build(self, b) -> None:
        self._head(
            b,
            "СОГЛАСИЕ",
            "на назначение наставником и возложение дополнительных обязанностей, связанных "
            "с наставнической деятельностью",
        )
        b.para(
            "Я, {{ person.name.nom }}, {{ person.position.nom }} {{ org.full_name }}, даю согласие на назначение "
            "меня наставником педагогических работников в соответствии с Положением о системе наставничества "
            "педагогических работников в {{ org.full_name }} и на возложение на меня дополнительных "
            "обязанностей, связанных с наставнической деятельностью, на период реализации "
            "персонализированных программ наставничества, в которых я буду участвовать."
        )
        b.para(
            "С правами и обязанностями наставника, установленными Положением о системе наставничества "
            "педагогических работников в образовательной организации, {{ w.acquainted }}."
        )
        b.para("Обязуюсь:", keep_with_next=True)
        b.items(MENTOR_DUTIES)
        b.para("Мне известно, что я вправе:", keep_with_next=True)
        b.items(MENTOR_RIGHTS)
        b.para(
            "Настоящее согласие действует до окончания моего участия в реализации персонализированных "
            "программ наставничества в качестве наставника или до сложения с меня обязанностей наставника "
            "по моему письменному заявлению."
        )
        _signature_with_captions(b, "{{ date_long }}", "{{ person.name.signature }}")


class MenteeConsentSpec(_ParticipantConsentSpec):
    """The written consent of a mentee to take part in a personalized mentoring program (seed 004
    §1.6.3, §1.6.6), with the mentee's rights and duties (seed 000 §5.2); the mentors of the
    mentee's open pairs are named when there are any. Subject: a ``bank.MenteeProfile``."""

    kind = DocumentKind.MENTEE_CONSENT
    subject = Subject.MENTEE
    source = "seed 004 §1.6.3, §1.6.6; 000 §5.2"
    package_folder = "Согласия наставляемых"

    def _profiles(self):
        from nastavnik.bank.models import MenteeProfile

        return MenteeProfile.objects.all()

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """As the mentor's consent, plus ``mentors`` («учителем математики Наставниковой Марией
        Петровной», the mentors of the open pairs in the instrumental, "" when none) and
        ``mentors_word`` («наставником» / «наставниками»)."""
        from nastavnik.mentoring.models import Pair

        context = self._base_context(organization, subject)
        pairs = (
            Pair.objects.filter(mentee_id=subject.person_id, organization=organization, ended_on__isnull=True)
            .select_related("mentor__position")
            .prefetch_related("mentor__employments__position")
            .order_by("started_on", "pk")
        )
        mentors = []
        for pair in pairs:
            forms_ = person_forms(pair.mentor, organization)
            mentors.append(f"{forms_.position.ins} {forms_.name.ins}".strip())
        context["mentors"] = ", ".join(mentors)
        context["mentors_word"] = "наставниками" if len(mentors) > 1 else "наставником"
        return context

    def build(self, b) -> None:
        self._head(b, "СОГЛАСИЕ", "на участие в персонализированной программе наставничества")
        b.para(
            "Я, {{ person.name.nom }}, {{ person.position.nom }} {{ org.full_name }}, даю согласие на участие "
            "в качестве наставляемого в персонализированной программе наставничества педагогических "
            "работников, реализуемой в соответствии с Положением о системе наставничества педагогических "
            "работников в {{ org.full_name }}, и на возложение на меня дополнительных обязанностей, "
            "связанных с наставнической деятельностью."
        )
        b.tag("{%p if mentors %}")
        b.para(
            "Персонализированную программу наставничества обязуюсь выполнять совместно с {{ mentors_word }} — "
            "{{ mentors }}."
        )
        b.tag("{%p endif %}")
        b.para(
            "С правами и обязанностями наставляемого, установленными Положением о системе наставничества "
            "педагогических работников в образовательной организации, {{ w.acquainted }}."
        )
        b.para("Обязуюсь:", keep_with_next=True)
        b.items(MENTEE_DUTIES)
        b.para("Мне известно, что я вправе:", keep_with_next=True)
        b.items(MENTEE_RIGHTS)
        b.para(
            "Настоящее согласие действует на срок реализации персонализированной программы наставничества "
            "(от трёх месяцев до одного года) и до подведения её итогов."
        )
        _signature_with_captions(b, "{{ date_long }}", "{{ person.name.signature }}")


# --- the agreement between a mentor and a mentee ------------------------------------------------------


class AgreementSpec(DocumentSpec):
    """«Соглашение между наставником и наставляемым … о безусловном выполнении обязательств»
    (seed 002 §10): the parties with their names and the sex-agreed «именуемый/именуемая», the
    subject (the personalized program, its direction, goals and period when the pair has one),
    the rights and duties of both sides (seed 000 §5.1–5.2), the term, the signatures; a third
    party, the legal representative, when the mentee is a minor on the date of the agreement.
    Subject: an open ``mentoring.Pair``; the representative comes from the parameters."""

    kind = DocumentKind.AGREEMENT
    subject = Subject.PAIR
    params_form = RepresentativeForm
    source = "seed 002 §10; 000 §5.1–5.2; 004 §1.6.6"
    package_folder = "Соглашения"

    def candidates(self, organization):
        """The open pairs (not ended) of ``organization``."""
        from nastavnik.mentoring.models import Pair

        return (
            Pair.objects.filter(organization=organization, ended_on__isnull=True)
            .select_related("mentor", "mentee")
            .order_by("mentor__last_name", "mentor__first_name", "mentee__last_name", "pk")
        )

    def subject_fields(self, subject) -> dict[str, Any]:
        return {"pair": subject}

    def subject_of(self, document):
        return document.pair

    def subject_label(self, subject) -> str:
        return f"{subject.mentor.short_name} — {subject.mentee.short_name}"

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """Both written consents (``MentorProfile``/``MenteeProfile.consent_given_on``, seed 004
        §1.6.6), and the legal representative when the mentee is a minor (seed 002 §10)."""
        from nastavnik.bank.models import MenteeProfile, MentorProfile

        items: list[Missing] = []
        mentor, mentee = subject.mentor, subject.mentee
        mentor_profile = MentorProfile.objects.filter(person_id=mentor.pk).first()
        if mentor_profile is None:
            items.append(
                Missing(
                    f"Наставник {mentor.full_name} не внесён в банк наставников: внесите его и укажите дату "
                    "письменного согласия быть наставником.",
                    reverse("bank:mentor_add"),
                )
            )
        elif not mentor_profile.consent_given_on:
            items.append(
                Missing(
                    f"Нет письменного согласия наставника {mentor.full_name} быть наставником: укажите дату "
                    "согласия в карточке наставника.",
                    reverse("bank:mentor_edit", args=[mentor_profile.pk]),
                )
            )
        mentee_profile = MenteeProfile.objects.filter(person_id=mentee.pk).first()
        if mentee_profile is None:
            items.append(
                Missing(
                    f"Наставляемый {mentee.full_name} не внесён в банк наставляемых: внесите его и укажите дату "
                    "письменного согласия наставляемого.",
                    reverse("bank:mentee_add"),
                )
            )
        elif not mentee_profile.consent_given_on:
            items.append(
                Missing(
                    f"Нет письменного согласия наставляемого {mentee.full_name}: укажите дату согласия "
                    "в карточке наставляемого.",
                    reverse("bank:mentee_edit", args=[mentee_profile.pk]),
                )
            )
        if is_minor(mentee, on or timezone.localdate()):
            items += _representative_missing(params, AGREEMENT_REPRESENTATIVE, "Наставляемый")
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``mentor`` and ``mentee`` (``PersonForms``), ``mentor_about``/``mentee_about``
        («, учитель математики МБОУ …» or "" without a position), ``mentor_w``/``mentee_w``
        (sex-agreed words), ``program`` (direction, goals, expected results, form, period, or
        ``None``), ``representative`` (``representative_context`` or ``None`` for an adult),
        ``section`` (the numbers of the sections after the representative's), ``copies``."""
        from nastavnik.mentoring.models import PersonalizedProgram

        people = {
            p.pk: p for p in people_with_positions().filter(pk__in=[subject.mentor_id, subject.mentee_id])
        }
        mentor = person_forms(people[subject.mentor_id], organization)
        mentee = person_forms(people[subject.mentee_id], organization)
        context = organization_context(organization)
        full_name = context["org"]["full_name"]

        def about(forms_) -> str:
            return f", {forms_.position.nom} {full_name}" if forms_.position.nom else ""

        program = None
        if subject.program_id:
            found = PersonalizedProgram.objects.select_related("mentoring_form").get(pk=subject.program_id)
            program = {
                "direction": lower_first(found.direction.strip()).rstrip("."),
                "goals": lower_first(found.goals.strip()).rstrip("."),
                "expected_results": lower_first(found.expected_results.strip()).rstrip("."),
                "form": found.mentoring_form.name,
                "starts_on": date_long(found.starts_on),
                "ends_on": date_long(found.ends_on),
            }
        date = document.get("date") or timezone.localdate()
        representative = None
        if is_minor(people[subject.mentee_id], date) and params.get("representative_last_name"):
            representative = representative_context(params)
        first = 4 if representative else 3
        context.update(
            mentor=mentor,
            mentee=mentee,
            mentor_about=about(mentor),
            mentee_about=about(mentee),
            mentor_w=sex_words(mentor.female),
            mentee_w=sex_words(mentee.female),
            program=program,
            pair_started_on=date_long(subject.started_on),
            representative=representative,
            section={"term": first + 1, "final": first + 2, "signatures": first + 3},
            copies="трёх" if representative else "двух",
        )
        return context

    def build(self, b) -> None:
        b.center("СОГЛАШЕНИЕ", bold=True)
        b.center("между наставником и наставляемым", bold=True)
        b.center("о безусловном выполнении обязательств", bold=True, space_after=12)
        b.para("{{ date_long }}", align="right", indent=False, space_after=12)
        b.para(
            "{{ mentor.name.nom }}{{ mentor_about }}, {{ mentor_w.named }} в дальнейшем «Наставник», "
            "с одной стороны, {% if representative %}{{ mentee.name.nom }}{{ mentee_about }}, "
            "{{ mentee_w.named }} в дальнейшем «Наставляемый», с другой стороны, и "
            "{{ representative.name.nom }}, {{ representative.relation }} и законный представитель "
            "несовершеннолетнего Наставляемого (документ, удостоверяющий личность: серия и номер "
            "{{ representative.document_number }}, дата выдачи {{ representative.document_issued_on }}, "
            "кем выдан: {{ representative.document_issued_by }}), {{ representative.w.acting }} в интересах "
            "Наставляемого{% if representative.authority %} на основании документа: "
            "{{ representative.authority }}{% endif %}, {{ representative.w.named }} в дальнейшем "
            "«Законный представитель», с третьей стороны{% else %}и {{ mentee.name.nom }}{{ mentee_about }}, "
            "{{ mentee_w.named }} в дальнейшем «Наставляемый», с другой стороны{% endif %}, вместе именуемые "
            "«Стороны», заключили настоящее Соглашение о нижеследующем."
        )
        b.heading("1. Предмет Соглашения")
        b.para(
            "1.1. Стороны договорились о совместной работе в рамках персонализированной программы "
            "наставничества педагогических работников {{ org.full_name }} (далее — Программа) и о безусловном "
            "выполнении обязательств, предусмотренных настоящим Соглашением, Положением о системе "
            "наставничества педагогических работников в образовательной организации и Программой. "
            "Дата формирования наставнической пары — {{ pair_started_on }}"
        )
        b.tag("{%p if program %}")
        b.para(
            "1.2. Направление Программы: {{ program.direction }}. Форма наставничества: «{{ program.form }}». "
            "Срок реализации Программы: с {{ program.starts_on }} по {{ program.ends_on }}"
        )
        b.para("1.3. Цели и задачи Программы: {{ program.goals }}.")
        b.tag("{%p if program.expected_results %}")
        b.para("1.4. Ожидаемые результаты: {{ program.expected_results }}.")
        b.tag("{%p endif %}")
        b.tag("{%p else %}")
        b.para(
            "1.2. Программа разрабатывается Наставником совместно с Наставляемым на срок от трёх месяцев "
            "до одного года на основе выявленных профессиональных затруднений Наставляемого и утверждается "
            "в порядке, установленном Положением о системе наставничества педагогических работников "
            "в образовательной организации."
        )
        b.tag("{%p endif %}")
        b.heading("2. Права и обязанности Наставника")
        b.para("2.1. Наставник обязуется:", keep_with_next=True)
        b.items(MENTOR_DUTIES)
        b.para("2.2. Наставник вправе:", keep_with_next=True)
        b.items(MENTOR_RIGHTS)
        b.heading("3. Права и обязанности Наставляемого")
        b.para("3.1. Наставляемый обязуется:", keep_with_next=True)
        b.items(MENTEE_DUTIES)
        b.para("3.2. Наставляемый вправе:", keep_with_next=True)
        b.items(MENTEE_RIGHTS)
        b.tag("{%p if representative %}")
        b.heading("4. Права и обязанности Законного представителя")
        b.para("4.1. Законный представитель:", keep_with_next=True)
        b.items(
            [
                "даёт согласие на участие Наставляемого в Программе",
                "содействует безусловному выполнению Наставляемым обязательств, предусмотренных настоящим "
                "Соглашением и Программой",
                "вправе получать информацию о ходе реализации Программы и её результатах",
                "вправе обращаться к куратору реализации программ наставничества и руководителю "
                "образовательной организации по вопросам участия Наставляемого в Программе, в том числе "
                "с ходатайством о замене наставника",
            ],
        )
        b.tag("{%p endif %}")
        b.heading("{{ section.term }}. Срок действия Соглашения")
        b.para(
            "{{ section.term }}.1. Соглашение вступает в силу со дня его подписания Сторонами и действует "
            "{% if program %}до окончания срока реализации Программы ({{ program.ends_on }}) и подведения "
            "её итогов{% else %}до завершения Программы и подведения её итогов{% endif %}."
        )
        b.para(
            "{{ section.term }}.2. Соглашение прекращается досрочно при прекращении работы наставнической "
            "пары, в том числе по заявлению Наставника о сложении с него обязанностей наставника или "
            "по ходатайству Наставляемого о замене наставника. Прекращение работы наставнической пары "
            "оформляется приказом руководителя образовательной организации."
        )
        b.heading("{{ section.final }}. Заключительные положения")
        b.para(
            "{{ section.final }}.1. Вопросы, не урегулированные настоящим Соглашением, и разногласия Сторон "
            "решаются путём переговоров при участии куратора реализации программ наставничества."
        )
        b.para(
            "{{ section.final }}.2. Соглашение составлено в {{ copies }} экземплярах, имеющих равную "
            "юридическую силу, по одному для каждой из Сторон."
        )
        b.heading("{{ section.signatures }}. Подписи Сторон")
        table = b.document.add_table(rows=5, cols=3)
        rows = (
            ("Наставник\n{{ mentor.name.nom }}", "____________\n(подпись)", "{{ mentor.name.signature }}"),
            ("Наставляемый\n{{ mentee.name.nom }}", "____________\n(подпись)", "{{ mentee.name.signature }}"),
            ("{%tr if representative %}", "", ""),
            (
                "Законный представитель\n{{ representative.name.nom }}",
                "____________\n(подпись)",
                "{{ representative.name.signature }}",
            ),
            ("{%tr endif %}", "", ""),
        )
        for row, texts in zip(table.rows, rows, strict=True):
            for column, text in enumerate(texts):
                cell = row.cells[column]
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    paragraph = cell.add_paragraph(line)
                    if line == "(подпись)":
                        for run in paragraph.runs:
                            run.font.size = Pt(10)
                if column:
                    for paragraph in cell.paragraphs:
                        paragraph.alignment = (
                            WD_ALIGN_PARAGRAPH.CENTER if column == 1 else WD_ALIGN_PARAGRAPH.RIGHT
                        )
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_before = Pt(6)


# --- the consent to the processing of personal data ----------------------------------------------------


class PersonalDataConsentForm(RepresentativeForm):
    """The representative of a minor, and the person processing the data on the operator's
    behalf (152-ФЗ art. 9 part 4 item 6), if any."""

    processor = forms.CharField(
        label="Лицо, осуществляющее обработку по поручению оператора (наименование или ФИО и адрес)",
        max_length=500,
        required=False,
        help_text="Пусто — оператор не поручает обработку другим лицам.",
    )


#: The personal data the consent covers (152-ФЗ art. 9 part 4 item 5): what the bank holds.
PERSONAL_DATA = [
    "фамилия, имя, отчество",
    "пол",
    "дата рождения",
    "страховой номер индивидуального лицевого счёта (СНИЛС)",
    "адрес места жительства",
    "серия и номер основного документа, удостоверяющего личность, дата его выдачи и выдавший его орган",
    "место работы, должность",
    "общий и педагогический стаж",
    "квалификационная категория",
    "сведения об образовании (наличие педагогического образования), преподаваемые предметы",
    "контактные данные (номер телефона, адрес электронной почты)",
    "сведения об участии в программах наставничества: статус в банке наставников и наставляемых, "
    "категории и запросы наставляемого, профессиональные затруднения и результаты их диагностики, "
    "компетенции и обучение наставника, персонализированные программы наставничества, их мероприятия, "
    "встречи, самооценка, отчёты и результаты, поощрения",
]

#: The actions with the data (152-ФЗ art. 3 item 3; art. 9 part 4 item 7).
PERSONAL_DATA_ACTIONS = (
    "сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, "
    "использование, передача (предоставление, доступ), обезличивание, блокирование, удаление, уничтожение"
)


class PersonalDataConsentSpec(DocumentSpec):
    """The consent to the processing of personal data with every item of 152-ФЗ art. 9 part 4:
    the subject (name, address, identity document), the representative of a minor with the
    document of authority, the operator (the organization, its address), the purposes (those of
    the person's valid ``PersonalDataConsent``, else record and monitoring), the list of data,
    the processor on the operator's behalf (a parameter; none by default), the actions and
    methods, the term and the withdrawal (art. 9 part 2), the signature and date (seed 002 §10:
    «формы сбора согласий на обработку персональных данных … или их законных представителей»).
    Subject: a ``people.Person``."""

    kind = DocumentKind.PERSONAL_DATA_CONSENT
    subject = Subject.PERSON
    params_form = PersonalDataConsentForm
    source = "seed 002 §10; 152-ФЗ ст. 9 ч. 4"
    package_folder = "Согласия на обработку ПДн"

    def candidates(self, organization):
        """People employed now in ``organization`` who are in its bank (a mentor's or a mentee's
        profile there)."""
        from nastavnik.people.models import Person

        return (
            Person.objects.employed_in(organization)
            .filter(
                Q(mentor_profile__organization=organization) | Q(mentee_profile__organization=organization)
            )
            .distinct()
            .order_by("last_name", "first_name", "middle_name", "pk")
        )

    def subject_fields(self, subject) -> dict[str, Any]:
        return {"person": subject}

    def subject_of(self, document):
        return document.person

    def subject_label(self, subject) -> str:
        return subject.short_name

    def initial_params(self, organization, subject) -> dict[str, Any]:
        """The processor (kept from the organization's previous consent); the representative is
        not carried over from another person's consent."""
        return {"processor": ""}

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The subject's address and identity document (each named), the organization's address,
        and the representative when the subject is a minor."""
        edit = reverse("people:edit", args=[subject.pk])
        name = subject.full_name
        items = organization_missing(organization, head=False)
        for field, what in (
            ("address", " адрес места жительства"),
            ("id_document_number", " серию и номер паспорта (иного документа, удостоверяющего личность)"),
            ("id_document_issued_on", " дату выдачи документа, удостоверяющего личность"),
            ("id_document_issued_by", ", кем выдан документ, удостоверяющий личность"),
        ):
            if not getattr(subject, field):
                items.append(Missing(f"В карточке работника ({name}) укажите{what}.", edit))
        if is_minor(subject, on or timezone.localdate()):
            items += _representative_missing(params, CONSENT_REPRESENTATIVE, "Субъект персональных данных")
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``person`` (``PersonForms``) with ``w`` (sex-agreed words), ``subject`` (the
        address and the identity document), ``representative`` (``None`` for an adult), ``signer``
        (who signs: the person or the representative) with ``signer_w``, ``purposes`` (labels),
        ``personal_data``, ``actions``, ``processor``."""
        from nastavnik.bank.choices import ConsentPurpose
        from nastavnik.bank.models import PersonalDataConsent

        person = people_with_positions().get(pk=subject.pk)
        forms_ = person_forms(person, organization)
        context = organization_context(organization)
        valid = PersonalDataConsent.objects.valid().filter(person=person).first()
        purposes = valid.purpose_labels() if valid else []
        if not purposes:
            purposes = [ConsentPurpose.MENTORING_RECORD.label, ConsentPurpose.MONITORING.label]
        date = document.get("date") or timezone.localdate()
        representative = None
        if is_minor(person, date) and params.get("representative_last_name"):
            representative = representative_context(params)
        context.update(
            person=forms_,
            w=sex_words(forms_.female),
            subject={
                "address": person.address,
                "document_number": person.id_document_number,
                "document_issued_on": date_long(person.id_document_issued_on),
                "document_issued_by": person.id_document_issued_by,
                "birth_date": date_long(person.birth_date),
            },
            representative=representative,
            signer=representative["name"] if representative else forms_.name,
            signer_w=representative["w"] if representative else sex_words(forms_.female),
            purposes=purposes,
            personal_data=PERSONAL_DATA,
            actions=PERSONAL_DATA_ACTIONS,
            processor=(params.get("processor") or "").strip(),
        )
        return context

    def build(self, b) -> None:
        b.center("СОГЛАСИЕ", bold=True)
        b.center("на обработку персональных данных", bold=True, space_after=12)
        subject_document = (
            "основной документ, удостоверяющий личность: серия и номер {{ subject.document_number }}, "
            "дата выдачи {{ subject.document_issued_on }}, кем выдан: {{ subject.document_issued_by }}"
        )
        b.tag("{%p if representative %}")
        b.para(
            "Я, {{ representative.name.nom }}, {{ representative.w.living }} по адресу: "
            "{{ representative.address }}, основной документ, удостоверяющий личность: серия и номер "
            "{{ representative.document_number }}, дата выдачи {{ representative.document_issued_on }}, "
            "кем выдан: {{ representative.document_issued_by }}, являясь {{ representative.relation_ins }} "
            "и законным представителем {{ w.minor_gen }} {{ person.name.gen }}, дата рождения: "
            "{{ subject.birth_date }}, {{ w.living_gen }} по адресу: {{ subject.address }}, "
            + subject_document
            + " (далее — субъект персональных данных), реквизиты документа, подтверждающего полномочия "
            "законного представителя: {{ representative.authority }}, в соответствии со статьёй 9 Федерального "
            "закона от 27 июля 2006 г. № 152-ФЗ «О персональных данных» свободно, своей волей и в интересе "
            "субъекта персональных данных "
            "даю согласие оператору — {{ org.full_name }} (адрес: {{ org.address }}{% if org.inn %}, ИНН "
            "{{ org.inn }}{% endif %}; далее — Оператор) на обработку персональных данных субъекта "
            "персональных данных на следующих условиях."
        )
        b.tag("{%p else %}")
        b.para(
            "Я, {{ w.undersigned }}, {{ person.name.nom }}, дата рождения: {{ subject.birth_date }}, {{ w.living }} "
            "по адресу: {{ subject.address }}, "
            + subject_document
            + " (далее — субъект персональных данных), "
            "в соответствии со статьёй 9 Федерального закона от 27 июля 2006 г. № 152-ФЗ «О персональных "
            "данных» свободно, своей волей и в своём интересе даю согласие оператору — {{ org.full_name }} "
            "(адрес: {{ org.address }}{% if org.inn %}, ИНН {{ org.inn }}{% endif %}; далее — Оператор) "
            "на обработку моих персональных данных на следующих условиях."
        )
        b.tag("{%p endif %}")
        b.para("1. Цели обработки персональных данных:", keep_with_next=True)
        b.tag("{%p for purpose in purposes %}")
        b.para("– {{ purpose }}{% if loop.last %}.{% else %};{% endif %}")
        b.tag("{%p endfor %}")
        b.para("2. Перечень персональных данных, на обработку которых даётся согласие:", keep_with_next=True)
        b.tag("{%p for item in personal_data %}")
        b.para("– {{ item }}{% if loop.last %}.{% else %};{% endif %}")
        b.tag("{%p endfor %}")
        b.para(
            "3. Перечень действий с персональными данными, на совершение которых даётся согласие: "
            "{{ actions }}. Общее описание используемых Оператором способов обработки: смешанная обработка "
            "персональных данных — с использованием средств автоматизации, в том числе в информационной "
            "системе «Наставник», и без использования средств автоматизации."
        )
        b.para(
            "4. {% if processor %}Лицо, осуществляющее обработку персональных данных по поручению "
            "Оператора: {{ processor }}.{% else %}Оператор не поручает обработку персональных данных другим "
            "лицам.{% endif %}"
        )
        b.para(
            "5. Согласие действует со дня его подписания до дня достижения целей обработки персональных "
            "данных или до дня его отзыва."
        )
        b.para(
            "6. Согласие может быть отозвано путём направления Оператору письменного заявления по адресу: "
            "{{ org.address }}. В случае отзыва согласия Оператор вправе продолжить обработку персональных "
            "данных без согласия при наличии оснований, указанных в пунктах 2–11 части 1 статьи 6, части 2 "
            "статьи 10 и части 2 статьи 11 Федерального закона «О персональных данных» (часть 2 статьи 9 "
            "Федерального закона «О персональных данных»)."
        )
        b.para(
            "7. С правами субъекта персональных данных, предусмотренными главой 3 Федерального закона "
            "«О персональных данных», {{ signer_w.acquainted }}."
        )
        _signature_with_captions(b, "{{ date_long }}", "{{ signer.signature }}")
