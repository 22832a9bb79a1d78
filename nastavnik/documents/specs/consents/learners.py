"""The papers of learners (обучающиеся) in mentoring (issue 20; seed 002 §10, 003 §4.4–4.7;
152-ФЗ art. 9): a minor's agreement and consents are signed by the primary legal representative
(``people.LegalRepresentative``), whose name, identity document and authority come from the
learner's card; an adult learner signs their own, in learners' words (a class or a group, never
a position or an experience).

- helpers the agreement shares: :func:`learner_of`, :func:`learner_words`,
  :func:`primary_representative`, :func:`representative_params`, :func:`learner_representative_missing`;
- ``MinorDataConsentSpec``: «Согласие законного представителя на обработку персональных данных
  несовершеннолетнего» (152-ФЗ art. 9 part 4);
- ``LearnerConsentSpec``: the written consent to take part in mentoring — the representative's for
  a minor, the learner's own for an adult.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from nastavnik.core.language import date_long, upper_first
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import (
    employments_prefetch,
    organization_context,
    organization_missing,
    person_forms,
)
from nastavnik.documents.specs.consents.parties import (
    BLANK_DATE,
    CONSENT_REPRESENTATIVE,
    LINE,
    REPRESENTATIVE_FIELDS,
    caption,
    is_minor,
    representative_context,
    right_block,
    sex_words,
    signature_with_captions,
)
from nastavnik.documents.specs.texts import (
    LEARNER_MENTEE_DUTIES,
    LEARNER_MENTEE_RIGHTS,
    REPRESENTATIVE_CARE,
    REPRESENTATIVE_RIGHTS,
)

# --- the learner and the representative ---------------------------------------------------------

#: ``RepresentativeKind`` value → the relation the consents and the agreement print (a key of
#: ``parties.RELATIONS``).
RELATION_OF_KIND = {
    "mother": "мать",
    "father": "отец",
    "adoptive_parent": "усыновитель",
    "guardian": "опекун",
    "trustee": "попечитель",
}

#: The representative's fields a paper needs and the name of each on the learner's card.
AGREEMENT_FIELDS = (
    "representative_last_name",
    "representative_first_name",
    "representative_relation",
    "representative_document_number",
    "representative_document_issued_on",
    "representative_document_issued_by",
)
PARTICIPATION_FIELDS = ("representative_last_name", "representative_first_name", "representative_relation")


def safe_url(name: str, *args) -> str:
    """``reverse(name, args)``, or "" while the page does not exist (the learners' pages are
    another part of issue 20)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def learner_of(person):
    """The ``people.Learner`` row of ``person`` (a ``people.Person``) with its organization and
    primary representative loaded, or ``None`` when the person is not a learner."""
    from django.db.models import Prefetch

    from nastavnik.people.models import Learner, LegalRepresentative

    if person is None or person.pk is None:
        return None
    return (
        Learner.objects.select_related("organization")
        .prefetch_related(
            Prefetch(
                "representatives",
                queryset=LegalRepresentative.objects.filter(is_primary=True),
                to_attr="primary_representatives",
            )
        )
        .filter(person_id=person.pk)
        .first()
    )


def primary_representative(learner):
    """The representative who signs the learner's papers (``is_primary``), or ``None``."""
    found = getattr(learner, "primary_representatives", None)
    if found is None:
        found = list(learner.representatives.filter(is_primary=True))
    return found[0] if found else None


def grade_words(learner) -> str:
    """The class or the group as it follows «ученик»/«студент» in the genitive: «7 Б класса»,
    «группы ТМ-21» (a grade already saying «класс» or «группа» is kept as written)."""
    grade = (learner.grade or "").strip()
    lowered = grade.casefold()
    if "класс" in lowered or "групп" in lowered or "курс" in lowered:
        return grade
    if learner.kind == "student":
        return f"группы {grade}"
    return f"{grade} класса"


def learner_words(learner, female: bool) -> dict[str, str]:
    """Who the learner is, agreed with the sex: ``nom`` «ученица 7 Б класса», ``gen`` «ученицы
    7 Б класса» (a pupil), «студент группы ТМ-21» / «студента группы ТМ-21» (a student)."""
    grade = grade_words(learner)
    if learner.kind == "student":
        nom, gen = ("студентка", "студентки") if female else ("студент", "студента")
    else:
        nom, gen = ("ученица", "ученицы") if female else ("ученик", "ученика")
    return {"nom": f"{nom} {grade}", "gen": f"{gen} {grade}"}


def representative_params(representative) -> dict[str, Any]:
    """A ``LegalRepresentative`` as the ``representative_*`` parameters ``parties`` reads (so that
    the representative typed on a form and the one kept on the learner's card print alike)."""
    issued_on = representative.id_document_issued_on
    return {
        "representative_last_name": representative.last_name,
        "representative_first_name": representative.first_name,
        "representative_middle_name": representative.middle_name,
        "representative_relation": RELATION_OF_KIND.get(representative.kind, ""),
        "representative_document_number": representative.id_document_number,
        "representative_document_issued_on": issued_on.isoformat() if issued_on else "",
        "representative_document_issued_by": representative.id_document_issued_by,
        "representative_address": representative.address,
        "representative_authority": representative.authority_document,
    }


def learner_representative_missing(learner, person, required: tuple[str, ...], who: str) -> list[Missing]:
    """What the papers of the minor ``learner`` lack of the representative who signs them: no
    primary representative at all, or the absent ``required`` fields, each named; ``who``: the
    learner's part in the paper («Наставляемый», «Наставник», «Обучающийся»). Empty when
    complete."""
    representative = primary_representative(learner)
    if representative is None:
        return [
            Missing(
                f"{who} {person.full_name} — несовершеннолетний обучающийся: документ подписывает его "
                "законный представитель. Добавьте законного представителя в карточке обучающегося и "
                "отметьте, что он подписывает документы.",
                safe_url("learners:representative_add", learner.pk)
                or safe_url("learners:detail", learner.pk),
            )
        ]
    params = representative_params(representative)
    absent = [REPRESENTATIVE_FIELDS[name] for name in required if not str(params.get(name) or "").strip()]
    if not absent:
        return []
    return [
        Missing(
            f"{who} {person.full_name} — несовершеннолетний обучающийся: в карточке его законного "
            f"представителя ({representative.full_name}) укажите {'; '.join(absent)}.",
            safe_url("learners:representative_edit", representative.pk)
            or safe_url("learners:detail", learner.pk),
        )
    ]


def learner_representative_context(learner) -> dict[str, Any] | None:
    """``parties.representative_context`` of the learner's primary representative (``None``
    without one)."""
    representative = primary_representative(learner)
    return representative_context(representative_params(representative)) if representative else None


def current_minor_learners(organization, on: dt.date | None = None):
    """People who study in ``organization`` on ``on`` (today by default) and are minors then,
    by class and name."""
    from nastavnik.people.learners import majority_cutoff
    from nastavnik.people.models import Learner, Person

    learners = Learner.objects.current(on).filter(organization=organization)
    return (
        Person.objects.filter(pk__in=learners.values("person_id"), birth_date__gt=majority_cutoff(on))
        .select_related("learner")
        .order_by("learner__grade", "last_name", "first_name", "middle_name", "pk")
    )


#: The personal data of a learner the organization keeps (152-ФЗ art. 9 part 4 item 5): no
#: СНИЛС, no position, no experience (issue 20).
LEARNER_PERSONAL_DATA = [
    "фамилия, имя, отчество",
    "пол",
    "дата рождения",
    "класс (группа) и наименование образовательной организации",
    "сведения об участии в программе наставничества: форма наставничества, наставник (наставляемые), "
    "запросы и интересы, персонализированная программа наставничества, её мероприятия, встречи и "
    "результаты",
]

LEARNER_PURPOSES = [
    "организация участия обучающегося в программе наставничества образовательной организации: формирование "
    "баз наставников и наставляемых, наставнических пар (групп), разработка и реализация "
    "персонализированной программы наставничества",
    "учёт участников программ наставничества и мониторинг их реализации в образовательной организации",
]

#: A minor's data never leave the organization (issue 20; ``people.consent``): only counts do.
MINOR_NOT_PASSED = (
    "Оператор не передаёт персональные данные субъекта персональных данных третьим лицам и не "
    "распространяет их (не размещает на официальном сайте и в иных общедоступных источниках); в органы "
    "управления образованием для мониторинга программ наставничества передаются только обезличенные "
    "(количественные) сведения."
)

LAW = "Федерального закона от 27 июля 2006 г. № 152-ФЗ «О персональных данных»"
ACTIONS = (
    "сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, "
    "использование, обезличивание, блокирование, удаление, уничтожение"
)
METHODS = (
    "смешанная обработка — с использованием средств автоматизации, в том числе в информационной системе "
    "«Наставник», и без использования средств автоматизации"
)
TERM = (
    "Согласие действует со дня его подписания до дня достижения целей обработки персональных данных, но не "
    "дольше окончания обучения субъекта персональных данных в образовательной организации, или до дня его "
    "отзыва."
)
WITHDRAWAL = (
    "Согласие может быть отозвано путём направления Оператору письменного заявления по адресу: "
    "{{ org.address }} (часть 2 статьи 9 Федерального закона «О персональных данных»)."
)
OPERATOR = (
    "оператору — {{ org.name.dat }} (адрес: {{ org.address }}{% if org.inn %}, ИНН {{ org.inn }}{% endif %}; "
    "далее — Оператор)"
)


class _LearnerPaperSpec(DocumentSpec):
    """A paper about one learner (``people.Person`` with a ``Learner`` row); ``Document.person``
    is the learner."""

    def subject_fields(self, subject) -> dict[str, Any]:
        return {"person": subject}

    def subject_of(self, document):
        return document.person

    def subject_label(self, subject) -> str:
        return subject.short_name

    def _learner_missing(self, organization, subject) -> tuple[Any, list[Missing]]:
        learner = learner_of(subject)
        if learner is None or learner.organization_id != organization.pk:
            return None, [
                Missing(
                    f"{subject.full_name} не числится обучающимся организации: документ оформляется только "
                    "на обучающегося."
                )
            ]
        return learner, []

    def _base_context(self, organization, subject, learner) -> dict[str, Any]:
        from nastavnik.people.models import Person

        person = (
            Person.objects.select_related("position")
            .prefetch_related(employments_prefetch())
            .get(pk=subject.pk)
        )
        forms_ = person_forms(person, organization)
        context = organization_context(organization)
        context.update(
            person=forms_,
            w=sex_words(forms_.female),
            learner=learner_words(learner, forms_.female),
            birth_date=date_long(person.birth_date),
        )
        return context


class MinorDataConsentSpec(_LearnerPaperSpec):
    """«Согласие законного представителя на обработку персональных данных несовершеннолетнего»
    (152-ФЗ art. 9 part 4; seed 002 §10: «формы сбора согласий на обработку персональных данных …
    их законных представителей в случае, если участник несовершеннолетний»): the representative
    (name, address, identity document, the document of authority — from the learner's card), the
    minor (name, birth date, class or group), the operator (the organization), the purposes, the
    list of data (only what is kept for a learner: ``LEARNER_PERSONAL_DATA``), no transfer and no
    publication (only counts leave the organization), the actions, the term and the withdrawal.
    Subject: a minor learner of the organization (``people.Person``)."""

    kind = DocumentKind.MINOR_DATA_CONSENT
    subject = Subject.LEARNER
    source = "seed 002 §10; 152-ФЗ ст. 9 ч. 4; issue 20"
    package_folder = "Согласия на обработку ПДн"
    blank_title = "Согласие законного представителя на обработку персональных данных несовершеннолетнего"

    def candidates(self, organization):
        """The minor learners studying in ``organization`` now."""
        return current_minor_learners(organization)

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The organization's address (the operator); the subject a minor learner of the
        organization on the document's date; the primary representative with the name, the
        relation, the identity document, the address and the document of authority."""
        items = organization_missing(organization, head=False)
        learner, refused = self._learner_missing(organization, subject)
        if refused:
            return items + refused
        if not is_minor(subject, on or timezone.localdate()):
            items.append(
                Missing(
                    f"{subject.full_name} совершеннолетний: согласие на обработку персональных данных он "
                    "подписывает сам — оформите документ «Согласие на обработку персональных данных»."
                )
            )
            return items
        return items + learner_representative_missing(learner, subject, CONSENT_REPRESENTATIVE, "Обучающийся")

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``person`` (``PersonForms`` of the minor), ``w``, ``learner`` (``learner_words``),
        ``birth_date``, ``representative`` (``parties.representative_context``), ``purposes``,
        ``personal_data``."""
        learner = learner_of(subject)
        context = self._base_context(organization, subject, learner)
        context.update(
            representative=learner_representative_context(learner),
            purposes=LEARNER_PURPOSES,
            personal_data=LEARNER_PERSONAL_DATA,
        )
        return context

    def build(self, b) -> None:
        b.center("СОГЛАСИЕ", bold=True)
        b.center(
            "законного представителя на обработку персональных данных несовершеннолетнего",
            bold=True,
            space_after=12,
        )
        b.para(
            "Я, {{ representative.name.nom }}, {{ representative.w.living }} по адресу: "
            "{{ representative.address }}, основной документ, удостоверяющий личность: серия и номер "
            "{{ representative.document_number }}, дата выдачи {{ representative.document_issued_on }}, "
            "кем выдан: {{ representative.document_issued_by }}, являясь {{ representative.relation_ins }} и "
            "законным представителем {{ w.minor_gen }} {{ person.name.gen }}, дата рождения: {{ birth_date }}, "
            "{{ learner.gen }} {{ org.name.gen }} (далее — субъект персональных данных), на основании "
            "документа, подтверждающего полномочия законного представителя: {{ representative.authority }}, "
            f"в соответствии со статьёй 9 {LAW} свободно, своей волей и в интересе субъекта персональных "
            "данных даю согласие " + OPERATOR + " на обработку персональных данных субъекта персональных "
            "данных на следующих условиях."
        )
        self._conditions(b)
        b.para("5. " + TERM)
        b.para("6. " + WITHDRAWAL)
        b.para(
            "7. С правами субъекта персональных данных, предусмотренными главой 3 Федерального закона "
            "«О персональных данных», {{ representative.w.acquainted }}."
        )
        signature_with_captions(b, "{{ date_long }}", "{{ representative.name.signature }}")

    @staticmethod
    def _conditions(b) -> None:
        b.para("1. Цели обработки персональных данных:", keep_with_next=True)
        b.items(LEARNER_PURPOSES)
        b.para("2. Перечень персональных данных, на обработку которых даётся согласие:", keep_with_next=True)
        b.items(LEARNER_PERSONAL_DATA)
        b.para(
            "3. Перечень действий с персональными данными, на совершение которых даётся согласие: "
            f"{ACTIONS}. Общее описание используемых Оператором способов обработки: {METHODS}."
        )
        b.para("4. " + MINOR_NOT_PASSED)

    def build_blank(self, b) -> None:
        """The blank form: the representative and the minor on lines to fill in by hand."""
        b.center("СОГЛАСИЕ", bold=True)
        b.center(
            "законного представителя на обработку персональных данных несовершеннолетнего",
            bold=True,
            space_after=12,
        )
        b.para("Я, " + LINE + "_" * 12 + ",", indent=False, align="left")
        caption(b, "(фамилия, имя, отчество законного представителя)")
        b.para("проживающий(ая) по адресу: " + LINE + ",", indent=False, align="left")
        b.para("основной документ, удостоверяющий личность: " + LINE + ",", indent=False, align="left")
        caption(b, "(вид, серия и номер, дата выдачи, кем выдан)")
        b.para(
            "являясь законным представителем несовершеннолетнего(ей) " + LINE + ",",
            indent=False,
            align="left",
        )
        caption(b, "(фамилия, имя, отчество, дата рождения, класс (группа))")
        b.para("на основании " + LINE + "_" * 14 + ",", indent=False, align="left")
        caption(b, "(документ, подтверждающий полномочия законного представителя)")
        b.para(
            f"в соответствии со статьёй 9 {LAW} свободно, своей волей и в интересе субъекта персональных данных "
            "даю согласие " + OPERATOR + " на обработку персональных данных несовершеннолетнего (далее — "
            "субъект персональных данных) на следующих условиях.",
            indent=False,
        )
        self._conditions(b)
        b.para("5. " + TERM)
        b.para("6. " + WITHDRAWAL)
        b.para(
            "7. С правами субъекта персональных данных, предусмотренными главой 3 Федерального закона "
            "«О персональных данных», ознакомлен(а)."
        )
        signature_with_captions(b, BLANK_DATE, "______________")


class LearnerConsentSpec(_LearnerPaperSpec):
    """The written consent to a learner's part in the organization's mentoring (seed 002 §10, 003
    §4.4–4.7; 004 §1.6.3): for a minor, «Согласие законного представителя на участие
    несовершеннолетнего в программе наставничества», signed by the primary representative, who
    declares to know their rights and duties of the Положение (items 4.11–4.12) and the minor's
    as a mentee; for an adult learner, their own consent in learners' words. It names the part
    (a mentee, a mentor of peers: by the bank and the open pairs), the mentors of the open pairs
    and the forms of their programs; it promises nothing about the minor is published.
    Subject: a learner of the organization (``people.Person``)."""

    kind = DocumentKind.LEARNER_CONSENT
    subject = Subject.LEARNER
    source = "seed 002 §10; 003 §4.4–4.7; 004 §1.6.3; issue 20"
    package_folder = "Согласия наставляемых"
    blank_title = "Согласие законного представителя на участие несовершеннолетнего в программе наставничества"

    def candidates(self, organization):
        """The learners studying in ``organization`` now, by class and name."""
        from nastavnik.people.models import Learner, Person

        learners = Learner.objects.current().filter(organization=organization)
        return (
            Person.objects.filter(pk__in=learners.values("person_id"))
            .select_related("learner")
            .order_by("learner__grade", "last_name", "first_name", "middle_name", "pk")
        )

    def document_title(self, subject, *, params: dict, date: dt.date) -> str:
        """«Согласие законного представителя на участие несовершеннолетнего …» for a minor on
        ``date``, «Согласие обучающегося на участие в программе наставничества» for an adult."""
        label = self.subject_label(subject)
        if is_minor(subject, date):
            return f"{self.blank_title} ({label})"
        return f"Согласие обучающегося на участие в программе наставничества ({label})"

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The head (the addressee); the subject a learner of the organization; for a minor, the
        primary representative with the name and the relation."""
        items = organization_missing(organization, head=True, address=False)
        learner, refused = self._learner_missing(organization, subject)
        if refused:
            return items + refused
        if is_minor(subject, on or timezone.localdate()):
            items += learner_representative_missing(learner, subject, PARTICIPATION_FIELDS, "Обучающийся")
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``, ``head_position_dat``, ``person``, ``w``, ``learner``, ``birth_date``,
        ``minor``, ``representative`` (``None`` for an adult), ``signer`` (``DeclinedName``) and
        ``signer_w``, ``roles`` («наставляемого», «наставника обучающихся» or both), ``mentors``
        (the mentors of the open pairs, «учителем математики Ивановой Марией Петровной»),
        ``forms`` (the forms of their programs)."""
        from nastavnik.bank.models import MenteeProfile, MentorProfile
        from nastavnik.mentoring.models import Pair

        learner = learner_of(subject)
        context = self._base_context(organization, subject, learner)
        date = document.get("date") or timezone.localdate()
        minor = is_minor(subject, date)
        representative = learner_representative_context(learner) if minor else None
        pairs = list(
            Pair.objects.filter(organization=organization, ended_on__isnull=True)
            .filter(mentee_id=subject.pk)
            .select_related("mentor__position", "program__mentoring_form")
            .prefetch_related(employments_prefetch("mentor__employments"))
            .order_by("started_on", "pk")
        )
        mentoring = Pair.objects.filter(
            organization=organization, ended_on__isnull=True, mentor_id=subject.pk
        )
        roles = []
        if pairs or MenteeProfile.objects.filter(person_id=subject.pk).exists():
            roles.append("наставляемого")
        if mentoring.exists() or MentorProfile.objects.filter(person_id=subject.pk).exists():
            roles.append("наставника обучающихся")
        mentors = []
        forms_ = []
        for pair in pairs:
            mentor = person_forms(pair.mentor, organization)
            mentors.append(f"{mentor.position.ins} {mentor.name.ins}".strip())
            if pair.program_id and pair.program.mentoring_form_id:
                name = f"«{pair.program.mentoring_form.name}»"
                if name not in forms_:
                    forms_.append(name)
        context.update(
            head_position_dat=upper_first(context["head"].position.dat),
            minor=minor,
            representative=representative,
            signer=representative["name"] if representative else context["person"].name,
            signer_w=representative["w"] if representative else context["w"],
            roles=" и ".join(roles or ["наставляемого"]),
            mentors=", ".join(mentors),
            mentors_word="наставниками" if len(mentors) > 1 else "наставником",
            forms=", ".join(forms_),
            minor_nom="несовершеннолетняя" if context["person"].female else "несовершеннолетний",
            minor_pre="несовершеннолетней" if context["person"].female else "несовершеннолетнем",
            his="её" if context["person"].female else "его",
        )
        return context

    def build(self, b) -> None:
        right_block(
            b,
            [
                "{{ head_position_dat }} {{ org.short.gen }}",
                "{{ head.name.dat }}",
                "от {{ signer.gen }}",
            ],
        )
        b.center("СОГЛАСИЕ", bold=True)
        b.tag("{%p if minor %}")
        b.center("законного представителя на участие несовершеннолетнего", bold=True)
        b.center("в программе наставничества", bold=True, space_after=12)
        b.para(
            "Я, {{ representative.name.nom }}, являясь {{ representative.relation_ins }} и законным "
            "представителем {{ w.minor_gen }} {{ person.name.gen }}, дата рождения: {{ birth_date }}, "
            "{{ learner.gen }} {{ org.name.gen }}, даю согласие на {% if person.female %}её{% else %}его{% endif %} участие в программе "
            "наставничества обучающихся {{ org.name.gen }} в качестве {{ roles }}"
            "{% if forms %} (форма наставничества: {{ forms }}){% endif %}."
        )
        b.tag("{%p if mentors %}")
        b.para(
            "Персонализированная программа наставничества выполняется совместно с {{ mentors_word }} — {{ mentors }}."
        )
        b.tag("{%p endif %}")
        b.para(
            "С правами и обязанностями законного представителя несовершеннолетнего участника, установленными "
            "Положением о системе наставничества {{ org.short.gen }}, {{ representative.w.acquainted }}. "
            "Мне известно, что я вправе:",
            keep_with_next=True,
        )
        b.items(REPRESENTATIVE_RIGHTS)
        b.para("Обязуюсь:", keep_with_next=True)
        b.items(REPRESENTATIVE_CARE)
        b.para(
            "С правами и обязанностями наставляемого, установленными Положением, {{ minor_nom }} "
            "{{ w.acquainted }}. Наставляемый обязуется:",
            keep_with_next=True,
        )
        b.items(LEARNER_MENTEE_DUTIES)
        b.para(
            "Встречи наставнической пары (группы) проводятся в образовательной организации или в местах, "
            "согласованных с куратором. Сведения о {{ minor_pre }}, {{ his }} фотографии и результаты не "
            "размещаются на официальном сайте и в иных общедоступных источниках."
        )
        b.tag("{%p else %}")
        b.center("на участие в программе наставничества", bold=True, space_after=12)
        b.para(
            "Я, {{ person.name.nom }}, {{ learner.nom }} {{ org.name.gen }}, даю согласие на участие в "
            "программе наставничества обучающихся {{ org.name.gen }} в качестве {{ roles }}"
            "{% if forms %} (форма наставничества: {{ forms }}){% endif %}."
        )
        b.tag("{%p if mentors %}")
        b.para(
            "Персонализированную программу наставничества обязуюсь выполнять совместно с {{ mentors_word }} — "
            "{{ mentors }}."
        )
        b.tag("{%p endif %}")
        b.para(
            "С правами и обязанностями наставляемого, установленными Положением о системе наставничества "
            "{{ org.short.gen }}, {{ w.acquainted }}. Обязуюсь:",
            keep_with_next=True,
        )
        b.items(LEARNER_MENTEE_DUTIES)
        b.para("Мне известно, что я вправе:", keep_with_next=True)
        b.items(LEARNER_MENTEE_RIGHTS)
        b.tag("{%p endif %}")
        b.para(
            "Настоящее согласие действует на срок реализации персонализированной программы наставничества и до "
            "подведения её итогов; оно может быть отозвано письменным заявлением на имя руководителя "
            "{{ org.short.gen }}."
        )
        signature_with_captions(b, "{{ date_long }}", "{{ signer.signature }}")

    def build_blank(self, b) -> None:
        """The blank form of the representative's consent, the names on lines."""
        right_block(
            b,
            [
                "{{ org.head_title.dat|capitalize }} {{ org.short.gen }}",
                LINE,
                "(фамилия, инициалы руководителя)",
                "от " + LINE,
                "(фамилия, имя, отчество законного представителя)",
            ],
            captions=("(фамилия, инициалы руководителя)", "(фамилия, имя, отчество законного представителя)"),
        )
        b.center("СОГЛАСИЕ", bold=True)
        b.center("законного представителя на участие несовершеннолетнего", bold=True)
        b.center("в программе наставничества", bold=True, space_after=12)
        b.para("Я, " + LINE + "_" * 12 + ",", indent=False, align="left")
        caption(b, "(фамилия, имя, отчество законного представителя)")
        b.para(
            "являясь законным представителем несовершеннолетнего(ей) " + LINE + ",",
            indent=False,
            align="left",
        )
        caption(b, "(фамилия, имя, отчество, дата рождения, класс (группа))")
        b.para(
            "даю согласие на его (её) участие в программе наставничества обучающихся {{ org.name.gen }} в "
            f"качестве наставляемого (наставника обучающихся) на период с {BLANK_DATE} по {BLANK_DATE}",
            indent=False,
        )
        b.para(
            "С правами и обязанностями законного представителя несовершеннолетнего участника, установленными "
            "Положением о системе наставничества {{ org.short.gen }}, ознакомлен(а). Мне известно, что я вправе:",
            keep_with_next=True,
        )
        b.items(REPRESENTATIVE_RIGHTS)
        b.para("Обязуюсь:", keep_with_next=True)
        b.items(REPRESENTATIVE_CARE)
        b.para(
            "Встречи наставнической пары (группы) проводятся в образовательной организации или в местах, "
            "согласованных с куратором. Сведения о несовершеннолетнем, его фотографии и результаты не "
            "размещаются на официальном сайте и в иных общедоступных источниках."
        )
        b.para(
            "Настоящее согласие действует на срок реализации персонализированной программы наставничества и до "
            "подведения её итогов; оно может быть отозвано письменным заявлением на имя руководителя "
            "{{ org.short.gen }}."
        )
        signature_with_captions(b, BLANK_DATE, "______________")
