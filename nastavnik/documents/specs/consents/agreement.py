"""«Соглашение между наставником и наставляемым … о безусловном выполнении обязательств» (seed
002 §10 item 12): filled in for an open pair, with the legal representative of a minor as a third
party, or as a blank form; made in one copy for each party and one for the organization, whose
head signs it too (issue 15 item 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from nastavnik.core.language import date_long, lower_first
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import (
    organization_context,
    organization_missing,
    people_with_positions,
    person_forms,
)
from nastavnik.documents.specs.consents.learners import (
    AGREEMENT_FIELDS,
    learner_of,
    learner_representative_context,
    learner_representative_missing,
    learner_words,
)
from nastavnik.documents.specs.consents.parties import (
    AGREEMENT_REPRESENTATIVE,
    BLANK_DATE,
    LINE,
    RepresentativeForm,
    caption,
    is_minor,
    representative_context,
    representative_missing,
    sex_words,
    signature_rows,
)
from nastavnik.documents.specs.texts import (
    LEARNER_MENTEE_DUTIES,
    LEARNER_MENTEE_RIGHTS,
    LEARNER_MENTOR_DUTIES,
    LEARNER_MENTOR_RIGHTS,
    MENTEE_DUTIES,
    MENTEE_RIGHTS,
    MENTOR_DUTIES,
    MENTOR_RIGHTS,
    REPRESENTATIVE_CARE,
    REPRESENTATIVE_RIGHTS,
)

TITLE = ("СОГЛАШЕНИЕ", "между наставником и наставляемым", "о безусловном выполнении обязательств")
REGULATION = "Положением о системе наставничества педагогических работников в {{ org.name.pre }}"


def workplace_gen(person, organization) -> str:
    """The organization ``person`` works in, in the genitive for «учитель …»: ``organization``
    when they are employed there now, else the organization of their current employment (a
    mentor from another school is not called a teacher of this one); "" when none is known."""
    current = [e for e in person.employments.all() if e.ended_on is None]
    if any(e.organization_id == organization.pk for e in current) or not current:
        return organization.name_in("gent")
    return current[0].organization.name_in("gent")


def _heading(b) -> None:
    b.center(TITLE[0], bold=True)
    b.center(TITLE[1], bold=True)
    b.center(TITLE[2], bold=True, space_after=12)


def _loop(b, variable: str) -> None:
    """Dash items of the list ``variable`` of the context (bare texts: «;» between, «.» last)."""
    b.tag(f"{{%p for item in {variable} %}}")
    b.para("– {{ item }}{% if loop.last %}.{% else %};{% endif %}")
    b.tag("{%p endfor %}")


def _rights_and_duties_filled(b) -> None:
    """The rights and duties of the filled-in agreement: the Положение's texts for the pair
    (``texts`` of the context: pedagogical workers' or learners')."""
    b.heading("2. Права и обязанности Наставника")
    b.para("2.1. Наставник обязуется:", keep_with_next=True)
    _loop(b, "texts.mentor_duties")
    b.para("2.2. Наставник вправе:", keep_with_next=True)
    _loop(b, "texts.mentor_rights")
    b.heading("3. Права и обязанности Наставляемого")
    b.para("3.1. Наставляемый обязуется:", keep_with_next=True)
    _loop(b, "texts.mentee_duties")
    b.para("3.2. Наставляемый вправе:", keep_with_next=True)
    _loop(b, "texts.mentee_rights")


def _representative_duties(b, heading: str) -> None:
    """Section 4: the representative's rights and duties of care, as the Положение gives them
    (items 4.11–4.12; ``texts.REPRESENTATIVE_*``)."""
    b.heading(heading)
    b.para("4.1. Законный представитель вправе:", keep_with_next=True)
    b.items(REPRESENTATIVE_RIGHTS)
    b.para("4.2. Законный представитель обязуется:", keep_with_next=True)
    b.items(REPRESENTATIVE_CARE)


#: The texts of a pair of pedagogical workers and of a pair whose mentee is a learner.
TEACHERS_TEXTS = {
    "mentor_duties": MENTOR_DUTIES,
    "mentor_rights": MENTOR_RIGHTS,
    "mentee_duties": MENTEE_DUTIES,
    "mentee_rights": MENTEE_RIGHTS,
    "program_of": "педагогических работников",
    "basis": "выявленных профессиональных затруднений Наставляемого",
}
LEARNERS_TEXTS = {
    "mentor_duties": LEARNER_MENTOR_DUTIES,
    "mentor_rights": LEARNER_MENTOR_RIGHTS,
    "mentee_duties": LEARNER_MENTEE_DUTIES,
    "mentee_rights": LEARNER_MENTEE_RIGHTS,
    "program_of": "обучающихся",
    "basis": "запросов и интересов Наставляемого",
}

#: The sides of the representatives in the preamble: the third, the fourth.
SIDES = ("третьей", "четвёртой")
COPIES = {0: "трёх", 1: "четырёх", 2: "пяти"}


def _rights_and_duties(b) -> None:
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


EARLY_END = (
    "Соглашение прекращается досрочно при прекращении работы наставнической пары, в том числе по "
    "заявлению Наставника о сложении с него обязанностей наставника или по ходатайству Наставляемого о "
    "замене наставника. Прекращение работы наставнической пары оформляется приказом руководителя "
    "образовательной организации."
)
DISPUTES = (
    "Вопросы, не урегулированные настоящим Соглашением, и разногласия Сторон решаются путём переговоров "
    "при участии куратора реализации программ наставничества."
)
ORGANIZATION_SIGNS = (
    "Подпись руководителя {{ org.short.gen }} подтверждает, что Соглашение принято организацией и хранится "
    "в ней вместе с документами о закреплении наставнической пары."
)


class AgreementSpec(DocumentSpec):
    """«Соглашение между наставником и наставляемым … о безусловном выполнении обязательств»
    (seed 002 §10): the parties with their names, positions and workplaces in the genitive and the
    sex-agreed «именуемый/именуемая», the subject (the personalized program, its direction, goals
    and period when the pair has one), the rights and duties of both sides (seed 000 §5.1–5.2),
    the term, the copies (one for each party and one for the organization), the signatures of the
    parties and of the head; a third party, the legal representative, when the mentee is a minor
    on the date of the agreement. Subject: an open ``mentoring.Pair``; the representative comes
    from the parameters."""

    kind = DocumentKind.AGREEMENT
    subject = Subject.PAIR
    params_form = RepresentativeForm
    source = "seed 002 §10; 000 §5.1–5.2; 004 §1.6.6"
    package_folder = "Соглашения"
    blank_title = "Соглашение между наставником и наставляемым о безусловном выполнении обязательств"

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
        """The head with a position (who signs for the organization), both written consents
        (``MentorProfile``/``MenteeProfile.consent_given_on``, seed 004 §1.6.6), and the legal
        representative when the mentee is a minor (seed 002 §10)."""
        from nastavnik.bank.models import MenteeProfile, MentorProfile

        items: list[Missing] = organization_missing(organization, head=True, address=False)
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
        on = on or timezone.localdate()
        for person, who in ((mentee, "Наставляемый"), (mentor, "Наставник")):
            if not is_minor(person, on):
                continue
            learner = learner_of(person)
            if learner is not None:
                items += learner_representative_missing(learner, person, AGREEMENT_FIELDS, who)
            elif person is mentee:
                # A minor outside the learners (a young worker): the representative typed on the form.
                items += representative_missing(params, AGREEMENT_REPRESENTATIVE, "Наставляемый")
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``, ``mentor`` and ``mentee`` (``PersonForms``), ``mentor_about`` /
        ``mentee_about`` («, учитель математики муниципального … учреждения «…»», the workplace in
        the genitive, or "" without a position), ``mentor_w``/``mentee_w`` (sex-agreed words),
        ``program`` (direction, goals, expected results, form, period, or ``None``),
        ``representative`` (``representative_context`` or ``None`` for an adult), ``section`` (the
        numbers of the sections after the representative's), ``copies`` («трёх» / «четырёх»)."""
        from nastavnik.mentoring.models import PersonalizedProgram

        people = {
            p.pk: p
            for p in people_with_positions()
            .prefetch_related("employments__organization")
            .filter(pk__in=[subject.mentor_id, subject.mentee_id])
        }
        mentor = person_forms(people[subject.mentor_id], organization)
        mentee = person_forms(people[subject.mentee_id], organization)
        context = organization_context(organization)

        learners = {pk: learner_of(people[pk]) for pk in (subject.mentor_id, subject.mentee_id)}

        def about(forms_, person) -> str:
            learner = learners[person.pk]
            if learner is not None:
                return (
                    f", {learner_words(learner, forms_.female)['nom']} {learner.organization.name_in('gent')}"
                )
            if not forms_.position.nom:
                return ""
            return f", {forms_.position.nom} {workplace_gen(person, organization)}"

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
        representatives = []
        for pk, forms_, role_gen in (
            (subject.mentee_id, mentee, "Наставляемого"),
            (subject.mentor_id, mentor, "Наставника"),
        ):
            person, learner = people[pk], learners[pk]
            if not is_minor(person, date):
                continue
            found = None
            if learner is not None:
                found = learner_representative_context(learner)
                if found is not None:
                    words = learner_words(learner, forms_.female)
                    # «…, ученицы 7 Б класса» is an apposition: closed by a comma before what follows
                    found["interest"] = (
                        f"{sex_words(forms_.female)['minor_gen']} {forms_.name.gen}, {words['gen']}"
                    )
                    found["apposition"] = True
            elif pk == subject.mentee_id and params.get("representative_last_name"):
                found = representative_context(params)
                found["interest"] = role_gen
            if found is not None:
                found["of"] = role_gen
                representatives.append(found)
        for index, found in enumerate(representatives):
            label = (
                "Законный представитель"
                if len(representatives) == 1
                else f"Законный представитель {found['of']}"
            )
            found.update(
                label=label,
                label_gen=label.replace("Законный представитель", "Законного представителя", 1),
                side=SIDES[index],
                last=index == len(representatives) - 1,
            )
        representative = representatives[0] if representatives else None
        first = 4 if representatives else 3
        learners_pair = any(learner is not None for learner in learners.values())
        context.update(
            mentor=mentor,
            mentee=mentee,
            mentor_about=about(mentor, people[subject.mentor_id]),
            mentee_about=about(mentee, people[subject.mentee_id]),
            mentor_w=sex_words(mentor.female),
            mentee_w=sex_words(mentee.female),
            program=program,
            pair_started_on=date_long(subject.started_on),
            representative=representative,
            representatives=representatives,
            representatives_heading=(
                "4. Права и обязанности Законного представителя"
                if len(representatives) < 2
                else "4. Права и обязанности Законных представителей"
            ),
            texts=LEARNERS_TEXTS if learners_pair else TEACHERS_TEXTS,
            section={"term": first + 1, "final": first + 2, "signatures": first + 3},
            copies=COPIES[len(representatives)],
        )
        return context

    def build(self, b) -> None:
        _heading(b)
        b.para("{{ date_long }}", align="right", indent=False, space_after=12)
        b.para(
            "{{ mentor.name.nom }}{{ mentor_about }}, {{ mentor_w.named }} в дальнейшем «Наставник», "
            "с одной стороны, {% if representatives %}{{ mentee.name.nom }}{{ mentee_about }}, "
            "{{ mentee_w.named }} в дальнейшем «Наставляемый», с другой стороны, {% for r in representatives %}"
            "{% if r.last %}и {% endif %}{{ r.name.nom }}, {{ r.relation }} и законный представитель "
            "несовершеннолетнего {{ r.of }} (документ, удостоверяющий личность: серия и номер "
            "{{ r.document_number }}, дата выдачи {{ r.document_issued_on }}, кем выдан: "
            "{{ r.document_issued_by }}), {{ r.w.acting }} в интересах {{ r.interest }}{% if r.authority %}{% if r.apposition %},{% endif %} на "
            "основании документа: {{ r.authority }}{% endif %}, {{ r.w.named }} в дальнейшем «{{ r.label }}», "
            "с {{ r.side }} стороны, {% endfor %}{% else %}и {{ mentee.name.nom }}{{ mentee_about }}, "
            "{{ mentee_w.named }} в дальнейшем «Наставляемый», с другой стороны, {% endif %}вместе именуемые "
            "«Стороны», заключили настоящее Соглашение о нижеследующем."
        )
        b.heading("1. Предмет Соглашения")
        b.para(
            "1.1. Стороны договорились о совместной работе в рамках персонализированной программы "
            "наставничества {{ texts.program_of }} {{ org.name.gen }} (далее — Программа) и о безусловном "
            f"выполнении обязательств, предусмотренных настоящим Соглашением, {REGULATION} и Программой. "
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
            "до одного года на основе {{ texts.basis }} и утверждается "
            f"в порядке, установленном {REGULATION}."
        )
        b.tag("{%p endif %}")
        _rights_and_duties_filled(b)
        b.tag("{%p if representatives %}")
        _representative_duties(b, "{{ representatives_heading }}")
        b.tag("{%p endif %}")
        b.heading("{{ section.term }}. Срок действия Соглашения")
        b.para(
            "{{ section.term }}.1. Соглашение вступает в силу со дня его подписания Сторонами и действует "
            "{% if program %}до окончания срока реализации Программы ({{ program.ends_on }}) и подведения "
            "её итогов{% else %}до завершения Программы и подведения её итогов{% endif %}."
        )
        b.para("{{ section.term }}.2. " + EARLY_END)
        b.heading("{{ section.final }}. Заключительные положения")
        b.para("{{ section.final }}.1. " + DISPUTES)
        b.para(
            "{{ section.final }}.2. Соглашение составлено в {{ copies }} экземплярах, имеющих равную "
            "юридическую силу: по одному для Наставника, Наставляемого{% for r in representatives %}, "
            "{{ r.label_gen }}{% endfor %} и {{ org.short.gen }}.",
            keep_with_next=True,
        )
        # The closing provisions go to the next page with the signatures rather than leave them alone.
        b.para("{{ section.final }}.3. " + ORGANIZATION_SIGNS, keep_with_next=True)
        b.heading("{{ section.signatures }}. Подписи Сторон")
        signature_rows(
            b,
            [
                (
                    "Наставник\n{{ mentor.name.nom }}",
                    "____________\n(подпись)",
                    "{{ mentor.name.signature }}",
                ),
                (
                    "Наставляемый\n{{ mentee.name.nom }}",
                    "____________\n(подпись)",
                    "{{ mentee.name.signature }}",
                ),
                ("{%tr for r in representatives %}", "", ""),
                (
                    "{{ r.label }}\n{{ r.name.nom }}",
                    "____________\n(подпись)",
                    "{{ r.name.signature }}",
                ),
                ("{%tr endfor %}", "", ""),
                (
                    "Соглашение принято:\n{{ head.position.capitalized }} {{ org.short_name }}",
                    "____________\n(подпись)\nМ. П.",
                    "{{ head.name.signature }}",
                ),
            ],
        )

    def build_blank(self, b) -> None:
        """The blank form: the parties and the program on lines to fill in by hand."""
        _heading(b)
        b.para(BLANK_DATE, align="right", indent=False, space_after=12)
        b.para(LINE + "_" * 30 + ",", indent=False, align="left")
        caption(b, "(фамилия, имя, отчество, должность и место работы наставника)")
        b.para(
            "именуемый(ая) в дальнейшем «Наставник», с одной стороны, и " + "_" * 30 + ",",
            indent=False,
            align="left",
        )
        caption(b, "(фамилия, имя, отчество, должность наставляемого)")
        b.para(
            "именуемый(ая) в дальнейшем «Наставляемый», с другой стороны, а если Наставляемый "
            "несовершеннолетний, — также " + "_" * 30,
            indent=False,
            align="left",
        )
        caption(b, "(фамилия, имя, отчество законного представителя, документ, подтверждающий полномочия)")
        b.para(
            "именуемый(ая) в дальнейшем «Законный представитель», с третьей стороны, вместе именуемые "
            "«Стороны», заключили настоящее Соглашение о нижеследующем.",
            indent=False,
        )
        b.heading("1. Предмет Соглашения")
        b.para(
            "1.1. Стороны договорились о совместной работе в рамках персонализированной программы "
            "наставничества педагогических работников {{ org.name.gen }} (далее — Программа) и о безусловном "
            f"выполнении обязательств, предусмотренных настоящим Соглашением, {REGULATION} и Программой."
        )
        b.para("1.2. Направление Программы: " + LINE + ".")
        b.para(f"1.3. Срок реализации Программы: с {BLANK_DATE} по {BLANK_DATE}")
        _rights_and_duties(b)
        _representative_duties(
            b, "4. Права и обязанности Законного представителя (если Наставляемый несовершеннолетний)"
        )
        b.heading("5. Срок действия Соглашения")
        b.para(
            "5.1. Соглашение вступает в силу со дня его подписания Сторонами и действует до окончания срока "
            "реализации Программы и подведения её итогов."
        )
        b.para("5.2. " + EARLY_END)
        b.heading("6. Заключительные положения")
        b.para("6.1. " + DISPUTES)
        b.para(
            "6.2. Соглашение составлено в трёх экземплярах, имеющих равную юридическую силу: по одному для "
            "Наставника, Наставляемого и {{ org.short.gen }}; при участии Законного представителя — в четырёх "
            "экземплярах, ещё один для Законного представителя.",
            keep_with_next=True,
        )
        b.para("6.3. " + ORGANIZATION_SIGNS, keep_with_next=True)
        b.heading("7. Подписи Сторон")
        blank = "______________\n(расшифровка подписи)"
        signature_rows(
            b,
            [
                ("Наставник", "____________\n(подпись)", blank),
                ("Наставляемый", "____________\n(подпись)", blank),
                ("Законный представитель\n(при наличии)", "____________\n(подпись)", blank),
                (
                    "Соглашение принято:\n{{ org.head_title.nom|capitalize }} {{ org.short_name }}",
                    "____________\n(подпись)\nМ. П.",
                    blank,
                ),
            ],
        )
