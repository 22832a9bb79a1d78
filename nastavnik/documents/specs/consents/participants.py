"""The written consents of a mentor (seed 004 §1.6.2, §1.6.6; 000 §4.1; 001 §4.4.2) and of a
mentee (seed 004 §1.6.3) addressed to the head, each filled in for one participant or, as a
blank form, with lines to fill in by hand (seed 002 §10 items 12–13). The rights and duties are
those of seed 000 §5.1 (mentor) and §5.2 (mentee)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from nastavnik.core.language import date_long, upper_first
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing, ParamsForm
from nastavnik.documents.specs.common import (
    employments_prefetch,
    organization_context,
    organization_missing,
    parse_date,
    people_with_positions,
    person_forms,
    position_missing,
    school_year_bounds,
)
from nastavnik.documents.specs.consents.parties import (
    BLANK_DATE,
    CONSENTING_MENTOR_STATUSES,
    LINE,
    caption,
    right_block,
    sex_words,
    signature_with_captions,
)
from nastavnik.documents.specs.texts import MENTEE_DUTIES, MENTEE_RIGHTS, MENTOR_DUTIES, MENTOR_RIGHTS

#: The Положение a participant consents under, its tail in the prepositional (``org.name.pre``).
REGULATION = "Положением о системе наставничества педагогических работников в {{ org.name.pre }}"

#: Whether the mentor's additional duties are paid (ТК РФ ст. 60.2, 151).
PAID, UNPAID = "paid", "unpaid"
PAY_CHOICES = (
    (PAID, "с установлением доплаты (стимулирующей выплаты)"),
    (UNPAID, "без дополнительной оплаты"),
)

#: The heading of the mentor's consent, for the filled-in document and for the blank form.
MENTOR_CONSENT_SUBTITLE = (
    "на назначение наставником и выполнение дополнительных обязанностей, связанных с наставнической "
    "деятельностью"
)
MENTEE_CONSENT_SUBTITLE = "на участие в персонализированной программе наставничества"


def pay_text(pay: str, org_name_gen: str) -> str:
    """The words on pay of the mentor's consent: paid — «с установлением доплаты (стимулирующей
    выплаты) в порядке, установленном положением об оплате труда работников <organization in the
    genitive>, в соответствии со статьёй 151 Трудового кодекса Российской Федерации»; unpaid —
    «без дополнительной оплаты»."""
    if pay == UNPAID:
        return "без дополнительной оплаты"
    return (
        "с установлением доплаты (стимулирующей выплаты) в порядке, установленном положением об оплате "
        f"труда работников {org_name_gen}, в соответствии со статьёй 151 Трудового кодекса Российской Федерации"
    )


def _open_programs(person_field: str, person_id: int, organization):
    """The personalized programs with dates of ``person``'s open pairs in ``organization``."""
    from nastavnik.mentoring.models import PersonalizedProgram

    return PersonalizedProgram.objects.filter(
        **{f"pairs__{person_field}_id": person_id},
        pairs__organization=organization,
        pairs__ended_on__isnull=True,
        starts_on__isnull=False,
        ends_on__isnull=False,
    ).distinct()


def program_period(person_field: str, person_id: int, organization) -> tuple[int, dt.date, dt.date] | None:
    """``(number of programs, first start, last end)`` of the programs of ``person``'s open pairs
    (``person_field``: ``"mentor"`` or ``"mentee"``), ``None`` when none has dates."""
    programs = list(_open_programs(person_field, person_id, organization).values_list("starts_on", "ends_on"))
    if not programs:
        return None
    return len(programs), min(p[0] for p in programs), max(p[1] for p in programs)


def _participant_addressee(b) -> None:
    right_block(
        b,
        [
            "{{ head_position_dat }} {{ org.short.gen }}",
            "{{ head.name.dat }}",
            "от {{ person.position.gen }}",
            "{{ person.name.gen }}",
        ],
    )


def _blank_addressee(b) -> None:
    """The addressee of a blank form: the head by the title of the kind of organization, the
    names on lines with captions."""
    right_block(
        b,
        [
            "{{ org.head_title.dat|capitalize }} {{ org.short.gen }}",
            LINE,
            "(фамилия, инициалы руководителя)",
            "от " + LINE,
            "(должность)",
            LINE,
            "(фамилия, имя, отчество)",
        ],
        captions=("(фамилия, инициалы руководителя)", "(должность)", "(фамилия, имя, отчество)"),
    )


def _blank_self(b) -> None:
    """«Я, ________ (фамилия, имя, отчество), ________ (должность)» of a blank form."""
    b.para("Я, " + LINE + "_" * 12 + ",", indent=False, align="left")
    caption(b, "(фамилия, имя, отчество)")
    b.para(LINE + "_" * 15 + ",", indent=False, align="left")
    caption(b, "(должность)")


def _blank_signature(b) -> None:
    signature_with_captions(b, BLANK_DATE, "______________")


def rights_and_duties(b, role_gen: str, duties, rights, acquainted: str) -> None:
    """The participant's acquaintance with the rights and duties of ``role_gen`` («наставника»)
    set by the Положение, then «Обязуюсь:» with ``duties`` and «Мне известно, что я вправе:» with
    ``rights`` (seed 000 §5.1–5.2); ``acquainted``: «ознакомлен», «ознакомлена» or a Jinja choice."""
    b.para(
        f"С правами и обязанностями {role_gen}, установленными Положением о системе наставничества "
        f"педагогических работников, {acquainted}."
    )
    b.para("Обязуюсь:", keep_with_next=True)
    b.items(duties)
    b.para("Мне известно, что я вправе:", keep_with_next=True)
    b.items(rights)


class _ParticipantConsentSpec(DocumentSpec):
    """A written consent addressed to the head: ``subject`` is a bank profile (``MentorProfile`` or
    ``MenteeProfile``); ``Document.person`` is its person."""

    #: the heading of the blank form in the list of appendices
    blank_title: str = ""

    def subject_fields(self, subject) -> dict[str, Any]:
        return {"person": subject.person}

    def _profiles(self):
        """The bank profiles of the participant's kind (``MentorProfile`` or ``MenteeProfile``)."""
        raise NotImplementedError

    def candidates(self, organization):
        """The organization's profiles of this kind, by ФИО; a learner's consent is another paper
        (``LEARNER_CONSENT``, signed by the representative of a minor; issue 20)."""
        return (
            self._profiles()
            .filter(organization=organization, person__learner__isnull=True)
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
        if hasattr(subject.person, "learner"):
            return [
                *items,
                Missing(
                    f"{subject.person.full_name} — обучающийся: оформите документ «Согласие на участие "
                    "обучающегося в программе наставничества»."
                ),
            ]
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

    def build_blank(self, b) -> None:
        """Write the blank form (no person named, lines to fill in by hand)."""
        raise NotImplementedError


class MentorConsentForm(ParamsForm):
    """The term of the mentor's additional duties and whether they are paid (ТК РФ ст. 60.2,
    151). The organization's choice is kept from its previous consent (``default_params``)."""

    pay = forms.ChoiceField(
        label="Оплата дополнительных обязанностей наставника",
        choices=PAY_CHOICES,
        initial=PAID,
        help_text="Доплата (стимулирующая выплата) устанавливается в порядке, предусмотренном "
        "положением об оплате труда организации.",
    )
    starts_on = forms.DateField(
        label="Срок дополнительных обязанностей: с",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Пусто — срок персонализированных программ наставника, а если их нет — учебный год.",
    )
    ends_on = forms.DateField(
        label="по",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if bool(starts_on) != bool(ends_on):
            raise forms.ValidationError("Укажите обе даты срока дополнительных обязанностей или ни одной.")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "Дата окончания срока не может быть раньше даты начала.")
        return data


def mentor_term(*, person_id: int, organization, params: dict, on: dt.date) -> str:
    """The term of the mentor's additional duties, as it follows «обязанностей … »: the dates of
    the parameters («на период с 1 сентября 2026 г. по 31 мая 2027 г.»), else the period of the
    programs of the mentor's open pairs («на период реализации персонализированной программы
    наставничества с … по …»), else the school year of ``on`` («на 2026/2027 учебный год
    (с 1 сентября 2026 г. по 31 августа 2027 г.)»)."""
    starts_on, ends_on = parse_date(params.get("starts_on")), parse_date(params.get("ends_on"))
    if starts_on and ends_on:
        return f"на период с {date_long(starts_on)} по {date_long(ends_on)}"
    found = program_period("mentor", person_id, organization)
    if found:
        count, starts_on, ends_on = found
        programs = (
            "персонализированной программы наставничества"
            if count == 1
            else "персонализированных программ наставничества"
        )
        return f"на период реализации {programs} с {date_long(starts_on)} по {date_long(ends_on)}"
    starts_on, ends_on = school_year_bounds(on)
    return (
        f"на {starts_on.year}/{ends_on.year} учебный год (с {date_long(starts_on)} по {date_long(ends_on)})"
    )


class MentorConsentSpec(_ParticipantConsentSpec):
    """The written consent of a pedagogical worker to be appointed a mentor and to take on the
    additional duties of mentoring for a named term, paid or not (seed 004 §1.6.2, §1.6.6; 000
    §1.3, §4.1 «назначается наставником с его письменного согласия»; 001 §4.4.2; ТК РФ ст. 60.2,
    151; issue 15 item 5), with the mentor's rights and duties (seed 000 §5.1). Subject: a
    ``bank.MentorProfile``."""

    kind = DocumentKind.MENTOR_CONSENT
    subject = Subject.MENTOR
    params_form = MentorConsentForm
    source = "seed 004 §1.6.2, §1.6.6; 000 §4.1, §5.1; 001 §4.4.2; ТК РФ ст. 60.2, 151"
    package_folder = "Согласия наставников"
    blank_title = "Согласие наставника на назначение наставником и выполнение дополнительных обязанностей"

    def _profiles(self):
        from nastavnik.bank.models import MentorProfile

        return MentorProfile.objects.all()

    def candidates(self, organization):
        """Mentor profiles of ``organization`` selected, trained, active or paused."""
        return super().candidates(organization).filter(status__in=CONSENTING_MENTOR_STATUSES)

    def initial_params(self, organization, subject) -> dict[str, Any]:
        """Paid by default; the term from the mentor's programs. The pay is kept from the
        organization's previous consent, the dates are not (they are one mentor's)."""
        return {"pay": PAID}

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``, ``person`` (``PersonForms`` of the mentor), ``w`` (sex-agreed words),
        ``head_position_dat`` («Директору»), ``term`` (``mentor_term``), ``pay`` (``pay_text``)."""
        context = self._base_context(organization, subject)
        context.update(
            term=mentor_term(
                person_id=subject.person_id,
                organization=organization,
                params=params,
                on=document.get("date") or timezone.localdate(),
            ),
            pay=pay_text(params.get("pay") or PAID, context["org"]["short"].gen),
        )
        return context

    def _rights_and_duties(self, b, acquainted: str) -> None:
        rights_and_duties(b, "наставника", MENTOR_DUTIES, MENTOR_RIGHTS, acquainted)

    def build(self, b) -> None:
        _participant_addressee(b)
        b.center("СОГЛАСИЕ", bold=True)
        b.center(MENTOR_CONSENT_SUBTITLE, bold=True, space_after=12)
        b.para(
            "Я, {{ person.name.nom }}, {{ person.position.nom }} {{ org.name.gen }}, даю согласие на назначение "
            f"меня наставником педагогических работников в соответствии с {REGULATION} и на выполнение "
            "дополнительных обязанностей, связанных с наставнической деятельностью, {{ term }} "
            "(статья 60.2 Трудового кодекса Российской Федерации)."
        )
        b.para("Дополнительные обязанности наставника выполняются {{ pay }}.")
        self._rights_and_duties(b, "{{ w.acquainted }}")
        b.para(
            "Настоящее согласие действует в течение указанного срока и прекращается досрочно при сложении "
            "с меня обязанностей наставника по моему письменному заявлению."
        )
        signature_with_captions(b, "{{ date_long }}", "{{ person.name.signature }}")

    def build_blank(self, b) -> None:
        _blank_addressee(b)
        b.center("СОГЛАСИЕ", bold=True)
        b.center(MENTOR_CONSENT_SUBTITLE, bold=True, space_after=12)
        _blank_self(b)
        b.para(
            "{{ org.name.gen }}, даю согласие на назначение меня наставником педагогических работников "
            f"в соответствии с {REGULATION} и на выполнение дополнительных обязанностей, связанных "
            f"с наставнической деятельностью, на период с {BLANK_DATE} по {BLANK_DATE} (статья 60.2 "
            "Трудового кодекса Российской Федерации).",
            indent=False,
        )
        b.para("Дополнительные обязанности наставника выполняются (нужное отметить):", keep_with_next=True)
        b.para(
            "☐ с установлением доплаты (стимулирующей выплаты) в порядке, установленном положением об "
            "оплате труда работников {{ org.short.gen }}, в соответствии со статьёй 151 Трудового кодекса "
            "Российской Федерации;",
            keep_with_next=True,
        )
        b.para("☐ без дополнительной оплаты.")
        self._rights_and_duties(b, "ознакомлен(а)")
        b.para(
            "Настоящее согласие действует в течение указанного срока и прекращается досрочно при сложении "
            "с меня обязанностей наставника по моему письменному заявлению."
        )
        _blank_signature(b)


class MenteeConsentSpec(_ParticipantConsentSpec):
    """The written consent of a mentee to take part in a personalized mentoring program (seed 004
    §1.6.3, §1.6.6), with the mentee's rights and duties (seed 000 §5.2); the mentors of the
    mentee's open pairs and the period of their programs are named when there are any. The
    additional duties of mentoring are the mentor's (ТК РФ ст. 60.2): the mentee does not consent
    to them (issue 15 item 5). Subject: a ``bank.MenteeProfile``."""

    kind = DocumentKind.MENTEE_CONSENT
    subject = Subject.MENTEE
    source = "seed 004 §1.6.3, §1.6.6; 000 §5.2"
    package_folder = "Согласия наставляемых"
    blank_title = "Согласие наставляемого на участие в персонализированной программе наставничества"

    def _profiles(self):
        from nastavnik.bank.models import MenteeProfile

        return MenteeProfile.objects.all()

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """As the mentor's consent, plus ``mentors`` («учителем математики Наставниковой Марией
        Петровной», the mentors of the open pairs in the instrumental, "" when none),
        ``mentors_word`` («наставником» / «наставниками») and ``period`` («с 1 сентября 2026 г. по
        31 мая 2027 г.», the programs of the open pairs; "" when none has dates)."""
        from nastavnik.mentoring.models import Pair

        context = self._base_context(organization, subject)
        pairs = (
            Pair.objects.filter(mentee_id=subject.person_id, organization=organization, ended_on__isnull=True)
            .select_related("mentor__position")
            .prefetch_related(employments_prefetch("mentor__employments"))
            .order_by("started_on", "pk")
        )
        mentors = []
        for pair in pairs:
            forms_ = person_forms(pair.mentor, organization)
            mentors.append(f"{forms_.position.ins} {forms_.name.ins}".strip())
        found = program_period("mentee", subject.person_id, organization)
        context["mentors"] = ", ".join(mentors)
        context["mentors_word"] = "наставниками" if len(mentors) > 1 else "наставником"
        context["period"] = f"с {date_long(found[1])} по {date_long(found[2])}" if found else ""
        return context

    def _rights_and_duties(self, b, acquainted: str) -> None:
        rights_and_duties(b, "наставляемого", MENTEE_DUTIES, MENTEE_RIGHTS, acquainted)

    def build(self, b) -> None:
        _participant_addressee(b)
        b.center("СОГЛАСИЕ", bold=True)
        b.center(MENTEE_CONSENT_SUBTITLE, bold=True, space_after=12)
        b.para(
            "Я, {{ person.name.nom }}, {{ person.position.nom }} {{ org.name.gen }}, даю согласие на участие "
            "в качестве наставляемого в персонализированной программе наставничества педагогических "
            f"работников{{% if period %}} (срок реализации {{{{ period }}}}){{% endif %}}, реализуемой "
            f"в соответствии с {REGULATION}."
        )
        b.tag("{%p if mentors %}")
        b.para(
            "Персонализированную программу наставничества обязуюсь выполнять совместно с {{ mentors_word }} — "
            "{{ mentors }}."
        )
        b.tag("{%p endif %}")
        self._rights_and_duties(b, "{{ w.acquainted }}")
        b.para(
            "Настоящее согласие действует на срок реализации персонализированной программы наставничества "
            "(от трёх месяцев до одного года) и до подведения её итогов."
        )
        signature_with_captions(b, "{{ date_long }}", "{{ person.name.signature }}")

    def build_blank(self, b) -> None:
        _blank_addressee(b)
        b.center("СОГЛАСИЕ", bold=True)
        b.center(MENTEE_CONSENT_SUBTITLE, bold=True, space_after=12)
        _blank_self(b)
        b.para(
            "{{ org.name.gen }}, даю согласие на участие в качестве наставляемого в персонализированной "
            f"программе наставничества педагогических работников на период с {BLANK_DATE} по {BLANK_DATE}, "
            f"реализуемой в соответствии с {REGULATION}.",
            indent=False,
        )
        b.para(
            "Персонализированную программу наставничества обязуюсь выполнять совместно с наставником",
            keep_with_next=True,
        )
        b.para(LINE + "_" * 27 + ".", indent=False, align="left", keep_with_next=True)
        caption(b, "(должность, фамилия, имя, отчество наставника)")
        self._rights_and_duties(b, "ознакомлен(а)")
        b.para(
            "Настоящее согласие действует на срок реализации персонализированной программы наставничества "
            "(от трёх месяцев до одного года) и до подведения её итогов."
        )
        _blank_signature(b)
