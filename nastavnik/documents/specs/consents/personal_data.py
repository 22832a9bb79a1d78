"""The consents under the personal-data law: to the processing of personal data (seed 002 §10
item 13; 152-ФЗ art. 9 part 4), filled in for a participant or as a blank form, and to the
processing of personal data allowed for distribution (152-ФЗ art. 10.1; the requirements of
приказ Роскомнадзора от 24.02.2021 № 18) of a mentor published in the open bank of the region
(seed 001 §7.1.1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.language import date_long
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import (
    MentorProfileSubject,
    organization_context,
    organization_missing,
    people_with_positions,
    person_forms,
)
from nastavnik.documents.specs.consents.parties import (
    BLANK_DATE,
    CONSENT_REPRESENTATIVE,
    LINE,
    RepresentativeForm,
    caption,
    is_minor,
    representative_context,
    representative_missing,
    sex_words,
    signature_with_captions,
)

LAW = "Федерального закона от 27 июля 2006 г. № 152-ФЗ «О персональных данных»"


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
METHODS = (
    "Общее описание используемых Оператором способов обработки: смешанная обработка персональных данных — "
    "с использованием средств автоматизации, в том числе в информационной системе «Наставник», и без "
    "использования средств автоматизации."
)
RECIPIENTS_INTRO = (
    "Оператор вправе предоставлять (передавать) персональные данные в объёме, необходимом для достижения "
    "целей, указанных в пункте 1, органам и организациям, осуществляющим управление системой наставничества "
    "педагогических работников и её мониторинг:"
)
NO_RECIPIENTS = (
    "Оператор не предоставляет персональные данные третьим лицам, кроме случаев, предусмотренных "
    "федеральными законами."
)
TERM = (
    "Согласие действует со дня его подписания до дня достижения целей обработки персональных данных или до "
    "дня его отзыва."
)
WITHDRAWAL = (
    "Согласие может быть отозвано путём направления Оператору письменного заявления по адресу: "
    "{{ org.address }}. В случае отзыва согласия Оператор вправе продолжить обработку персональных данных без "
    "согласия при наличии оснований, указанных в пунктах 2–11 части 1 статьи 6, части 2 статьи 10 и части 2 "
    "статьи 11 Федерального закона «О персональных данных» (часть 2 статьи 9 Федерального закона "
    "«О персональных данных»)."
)
OPERATOR = (
    "оператору — {{ org.name.dat }} (адрес: {{ org.address }}{% if org.inn %}, ИНН {{ org.inn }}{% endif %}; "
    "далее — Оператор)"
)


def _has_learner_pages() -> bool:
    """Whether the learners' card page exists (``learners:detail``, another part of issue 20)."""
    from django.urls import NoReverseMatch

    try:
        reverse("learners:detail", args=[1])
    except NoReverseMatch:
        return False
    return True


def _recipients(b, number: int) -> None:
    """The item naming who else receives the data (the organization tree's municipal authority,
    regional operator and ЦНППМ, ``org.data_recipients``), and the item of the processor."""
    b.tag("{%p if org.data_recipients %}")
    b.para(f"{number}. " + RECIPIENTS_INTRO, keep_with_next=True)
    b.tag("{%p for recipient in org.data_recipients %}")
    b.para(
        "– {{ recipient.name }}{% if recipient.address %} (адрес: {{ recipient.address }}){% endif %}"
        "{% if loop.last %}.{% else %};{% endif %}"
    )
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.para(f"{number}. " + NO_RECIPIENTS)
    b.tag("{%p endif %}")


class PersonalDataConsentSpec(DocumentSpec):
    """The consent to the processing of personal data with every item of 152-ФЗ art. 9 part 4:
    the subject (name, address, identity document), the representative of a minor with the
    document of authority, the operator (the organization, its address), the purposes (those of
    the person's valid ``PersonalDataConsent``, else record and monitoring), the list of data,
    who else receives the data (the municipal authority, the regional operator and the ЦНППМ of
    the organization tree, ``common.personal_data_recipients``; issue 15 item 5), the processor on
    the operator's behalf (a parameter; left out when none), the actions and methods, the term and
    the withdrawal (art. 9 part 2), the signature and date (seed 002 §10: «формы сбора согласий на
    обработку персональных данных … или их законных представителей»). Subject: a
    ``people.Person``."""

    kind = DocumentKind.PERSONAL_DATA_CONSENT
    subject = Subject.PERSON
    params_form = PersonalDataConsentForm
    source = "seed 002 §10; 152-ФЗ ст. 9 ч. 4"
    package_folder = "Согласия на обработку ПДн"
    blank_title = "Согласие на обработку персональных данных"

    def candidates(self, organization):
        """People employed now in ``organization`` who are in its bank (a mentor's or a mentee's
        profile there), and its adult learners studying now (a minor's consent is the
        representative's, ``MINOR_DATA_CONSENT``; issue 20)."""
        from nastavnik.people.learners import majority_cutoff
        from nastavnik.people.models import Learner, Person

        employed = Person.objects.employed_in(organization).filter(
            Q(mentor_profile__organization=organization) | Q(mentee_profile__organization=organization)
        )
        adults = Learner.objects.current().filter(
            organization=organization, person__birth_date__lte=majority_cutoff()
        )
        return (
            Person.objects.filter(Q(pk__in=employed.values("pk")) | Q(pk__in=adults.values("person_id")))
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
        from nastavnik.documents.specs.consents.learners import learner_of

        edit = reverse("people:edit", args=[subject.pk])
        name = subject.full_name
        items = organization_missing(organization, head=False)
        learner = learner_of(subject)
        card = "работника"
        if learner is not None:
            card = "обучающегося"
            edit = learner.get_absolute_url() if _has_learner_pages() else edit
            if is_minor(subject, on or timezone.localdate()):
                return [
                    *items,
                    Missing(
                        f"{name} — несовершеннолетний обучающийся: согласие на обработку его персональных данных "
                        "даёт законный представитель — оформите документ «Согласие законного представителя на "
                        "обработку персональных данных несовершеннолетнего»."
                    ),
                ]
        for field, what in (
            ("address", " адрес места жительства"),
            ("id_document_number", " серию и номер паспорта (иного документа, удостоверяющего личность)"),
            ("id_document_issued_on", " дату выдачи документа, удостоверяющего личность"),
            ("id_document_issued_by", ", кем выдан документ, удостоверяющий личность"),
        ):
            if not getattr(subject, field):
                items.append(Missing(f"В карточке {card} ({name}) укажите{what}.", edit))
        if is_minor(subject, on or timezone.localdate()):
            items += representative_missing(params, CONSENT_REPRESENTATIVE, "Субъект персональных данных")
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org`` (with ``org.data_recipients``), ``person`` (``PersonForms``) with ``w``
        (sex-agreed words), ``subject`` (the address and the identity document),
        ``representative`` (``None`` for an adult), ``signer`` (who signs: the person or the
        representative) with ``signer_w``, ``purposes`` (labels), ``personal_data``, ``actions``,
        ``processor``."""
        from nastavnik.bank.choices import ConsentPurpose
        from nastavnik.bank.models import PersonalDataConsent

        person = people_with_positions().get(pk=subject.pk)
        forms_ = person_forms(person, organization)
        context = organization_context(organization)
        valid = PersonalDataConsent.objects.valid().filter(person=person).first()
        from nastavnik.documents.specs.consents.learners import LEARNER_PERSONAL_DATA, learner_of

        learner = learner_of(person)
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
            personal_data=LEARNER_PERSONAL_DATA if learner is not None else PERSONAL_DATA,
            actions=PERSONAL_DATA_ACTIONS,
            processor=(params.get("processor") or "").strip(),
        )
        return context

    def _conditions(self, b, *, purposes_jinja: bool) -> int:
        """Items 1–3 (purposes, data, actions); returns the next item's number. The filled-in
        consent (``purposes_jinja``) lists the data of its context — a learner's are fewer
        (``learners.LEARNER_PERSONAL_DATA``): no position, experience or СНИЛС."""
        b.para("1. Цели обработки персональных данных:", keep_with_next=True)
        if purposes_jinja:
            b.tag("{%p for purpose in purposes %}")
            b.para("– {{ purpose }}{% if loop.last %}.{% else %};{% endif %}")
            b.tag("{%p endfor %}")
        else:
            from nastavnik.bank.choices import ConsentPurpose

            b.items([ConsentPurpose.MENTORING_RECORD.label, ConsentPurpose.MONITORING.label])
        b.para("2. Перечень персональных данных, на обработку которых даётся согласие:", keep_with_next=True)
        if purposes_jinja:
            b.tag("{%p for item in personal_data %}")
            b.para("– {{ item }}{% if loop.last %}.{% else %};{% endif %}")
            b.tag("{%p endfor %}")
        else:
            b.items(PERSONAL_DATA)
        b.para(
            "3. Перечень действий с персональными данными, на совершение которых даётся согласие: "
            f"{PERSONAL_DATA_ACTIONS}. {METHODS}"
        )
        return 4

    def _closing(self, b, number: int, acquainted: str) -> None:
        b.para(f"{number}. {TERM}")
        b.para(f"{number + 1}. {WITHDRAWAL}")
        b.para(
            f"{number + 2}. С правами субъекта персональных данных, предусмотренными главой 3 Федерального "
            f"закона «О персональных данных», {acquainted}."
        )

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
            f"законного представителя: {{{{ representative.authority }}}}, в соответствии со статьёй 9 {LAW} "
            "свободно, своей волей и в интересе субъекта персональных данных даю согласие "
            + OPERATOR
            + " на обработку персональных данных субъекта персональных данных на следующих условиях."
        )
        b.tag("{%p else %}")
        b.para(
            "Я, {{ w.undersigned }}, {{ person.name.nom }}, дата рождения: {{ subject.birth_date }}, {{ w.living }} "
            "по адресу: {{ subject.address }}, "
            + subject_document
            + f" (далее — субъект персональных данных), в соответствии со статьёй 9 {LAW} свободно, своей волей "
            "и в своём интересе даю согласие "
            + OPERATOR
            + " на обработку моих персональных данных на следующих условиях."
        )
        b.tag("{%p endif %}")
        number = self._conditions(b, purposes_jinja=True)
        _recipients(b, number)
        b.tag("{%p if processor %}")
        b.para("Лицо, осуществляющее обработку персональных данных по поручению Оператора: {{ processor }}.")
        b.tag("{%p endif %}")
        self._closing(b, number + 1, "{{ signer_w.acquainted }}")
        signature_with_captions(b, "{{ date_long }}", "{{ signer.signature }}")

    def build_blank(self, b) -> None:
        """The blank form: the subject and, for a minor, the representative on lines; the purposes
        of record and monitoring; the recipients of the organization tree."""
        b.center("СОГЛАСИЕ", bold=True)
        b.center("на обработку персональных данных", bold=True, space_after=12)
        b.para("Я, " + LINE + "_" * 12 + ",", indent=False, align="left")
        caption(b, "(фамилия, имя, отчество субъекта персональных данных или его законного представителя)")
        b.para("проживающий(ая) по адресу: " + LINE + ",", indent=False, align="left")
        b.para(
            "основной документ, удостоверяющий личность: серия и номер ______________, дата выдачи "
            f"{BLANK_DATE}, кем выдан: " + LINE + ",",
            indent=False,
            align="left",
        )
        b.para(
            "(заполняется законным представителем несовершеннолетнего) являясь законным представителем "
            + "_" * 30
            + ",",
            indent=False,
            align="left",
        )
        caption(
            b, "(фамилия, имя, отчество, дата рождения, адрес и документ, удостоверяющий личность, субъекта)"
        )
        b.para(
            "на основании " + LINE + " (далее — субъект персональных данных),",
            indent=False,
            align="left",
        )
        caption(b, "(документ, подтверждающий полномочия законного представителя)")
        b.para(
            f"в соответствии со статьёй 9 {LAW} свободно, своей волей и в интересе субъекта персональных данных "
            "даю согласие " + OPERATOR + " на обработку персональных данных субъекта персональных данных на "
            "следующих условиях.",
            indent=False,
        )
        number = self._conditions(b, purposes_jinja=False)
        _recipients(b, number)
        self._closing(b, number + 1, "ознакомлен(а)")
        signature_with_captions(b, BLANK_DATE, "______________")


# --- the consent to personal data allowed for distribution ----------------------------------------

ALLOW, DENY = "разрешаю", "не разрешаю"


def distribution_rows(profile) -> list[dict[str, str]]:
    """The categories of the mentor's data the open bank may show, each with ``allowed``
    («разрешаю» / «не разрешаю») as the mentor's card says (seed 001 §7.1.1; ``OpenBankCard``):
    the name and the workplace are on every card of the open bank, the rest only when the field is
    in ``public_fields`` (``bank.choices.PUBLIC_FIELDS``). ``[{"category", "data", "allowed"}]``."""
    from nastavnik.bank.choices import PUBLIC_FIELDS

    published = set(profile.public_fields or [])
    rows = [
        {"data": "фамилия, имя, отчество", "allowed": ALLOW},
        {"data": "место работы (организация, муниципальное образование)", "allowed": ALLOW},
    ]
    rows += [
        {"data": label, "allowed": ALLOW if key in published else DENY}
        for key, label in PUBLIC_FIELDS.items()
    ]
    return [
        {"number": str(index), "category": "общие персональные данные", **row}
        for index, row in enumerate(rows, 1)
    ]


def open_bank_address() -> str:
    """The address of the open bank («https://nastavnik.example.ru/bank/open/») when the system's
    address is set (``NASTAVNIK_BASE_URL``), else ""."""
    base = (settings.NASTAVNIK_BASE_URL or "").rstrip("/")
    return f"{base}{reverse('bank:open_bank')}" if base else ""


class DistributionConsentSpec(MentorProfileSubject, DocumentSpec):
    """The consent to the processing of personal data allowed by the subject for distribution
    (152-ФЗ art. 10.1), with what приказ Роскомнадзора от 24.02.2021 № 18 requires: the subject
    and their contacts; the operator (name, address, ИНН); the information resource through which
    the data are made public (the open bank of mentors of the region, its address when known); the
    purpose; each category of data with «разрешаю / не разрешаю» (as the mentor chose on the
    card: ``distribution_rows``); the conditions and prohibitions (art. 10.1 part 9); the term and
    the demand to stop the distribution (art. 10.1 parts 12–14). Subject: a ``bank.MentorProfile``
    of a mentor who agreed to be published in the open bank (seed 001 §7.1.1)."""

    kind = DocumentKind.DISTRIBUTION_CONSENT
    subject = Subject.MENTOR
    source = "seed 001 §7.1.1; 152-ФЗ ст. 10.1; приказ Роскомнадзора от 24.02.2021 № 18"
    package_folder = "Согласия на обработку ПДн"
    blank_title = "Согласие на обработку персональных данных, разрешённых для распространения"

    def candidates(self, organization):
        """Mentor profiles of ``organization`` that agreed to be published in the open bank and
        have not left, by ФИО."""
        from nastavnik.bank.choices import MentorStatus

        return self.mentor_profiles(organization=organization, publish_in_open_bank=True).exclude(
            status=MentorStatus.LEFT
        )

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The organization's address and ИНН (the operator), and a contact of the mentor (a
        phone, an e-mail or an address: Роскомнадзор's order, item 1)."""
        items = organization_missing(organization, head=False)
        if not organization.inn:
            items.append(
                Missing(
                    "Укажите ИНН организации в её карточке.",
                    reverse("organizations:edit", args=[organization.pk]),
                )
            )
        person = subject.person
        if not (person.phone or person.email or person.address):
            items.append(
                Missing(
                    f"В карточке работника ({person.full_name}) укажите телефон, электронную почту или адрес.",
                    reverse("people:edit", args=[person.pk]),
                )
            )
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``person`` (``PersonForms``), ``w``, ``contacts`` («тел. …, эл. почта …»),
        ``rows`` (``distribution_rows``), ``region`` (its name), ``bank_address``."""
        person = people_with_positions().get(pk=subject.person_id)
        forms_ = person_forms(person, organization)
        context = organization_context(organization)
        contacts = [
            part
            for part in (
                f"тел. {person.phone}" if person.phone else "",
                f"эл. почта {person.email}" if person.email else "",
                f"почтовый адрес: {person.address}"
                if person.address and not (person.phone or person.email)
                else "",
            )
            if part
        ]
        from nastavnik.organizations.choices import Level

        region = (
            organization.ancestors().filter(level=Level.REGION).values_list("full_name", flat=True).first()
        )
        context.update(
            person=forms_,
            w=sex_words(forms_.female),
            contacts=", ".join(contacts),
            rows=distribution_rows(subject),
            region=region or "",
            bank_address=open_bank_address(),
        )
        return context

    def build(self, b) -> None:
        b.center("СОГЛАСИЕ", bold=True)
        b.center("на обработку персональных данных, разрешённых субъектом персональных данных", bold=True)
        b.center("для распространения", bold=True, space_after=12)
        b.para(
            "Я, {{ w.undersigned }}, {{ person.name.nom }} (контактная информация: {{ contacts }}), "
            f"в соответствии со статьёй 10.1 {LAW} даю согласие "
            + OPERATOR
            + " на обработку в форме распространения моих персональных данных на следующих условиях."
        )
        b.para(
            "1. Цель обработки: размещение сведений о наставнике в открытом банке наставников региона для "
            "подбора наставников наставляемыми и образовательными организациями (открытое наставничество)."
        )
        b.para(
            "2. Информационный ресурс, посредством которого предоставляется доступ неограниченному кругу лиц: "
            "открытый банк наставников информационной системы «Наставник»{% if region %} "
            "({{ region }}){% endif %}{% if bank_address %}, адрес: {{ bank_address }}{% endif %}."
        )
        b.para(
            "3. Персональные данные, разрешённые к распространению (специальные категории персональных данных "
            "и биометрические персональные данные к распространению не разрешаю):",
            keep_with_next=True,
        )
        b.table(
            ["№", "Категория", "Персональные данные", "Разрешаю к распространению неограниченному кругу лиц"],
            ["{{ row.number }}", "{{ row.category }}", "{{ row.data }}", "{{ row.allowed }}"],
            loop="for row in rows",
            widths=[1.0, 4.0, 7.0, 4.5],
        )
        b.para(
            "4. Условия и запреты: запрещаю передачу (кроме предоставления доступа) персональных данных, "
            "разрешённых к распространению, неограниченному кругу лиц, а также их обработку неограниченным "
            "кругом лиц, кроме ознакомления в открытом банке наставников; персональные данные, отмеченные "
            "«не разрешаю», не распространяются. Условий, при которых полученные персональные данные могут "
            "передаваться Оператором только по его внутренней сети, не устанавливаю."
        )
        b.para(
            "5. Согласие действует со дня его подписания до дня его отзыва или до исключения сведений обо мне "
            "из открытого банка наставников."
        )
        b.para(
            "6. Мне известно, что распространение моих персональных данных прекращается по моему требованию, "
            "содержащему мои фамилию, имя, отчество, контактную информацию и перечень персональных данных, "
            "обработка которых подлежит прекращению, в течение трёх рабочих дней с момента получения "
            "требования Оператором (части 12–14 статьи 10.1 Федерального закона «О персональных данных»)."
        )
        signature_with_captions(b, "{{ date_long }}", "{{ person.name.signature }}")

    def build_blank(self, b) -> None:
        """The blank form: the name and contacts on lines, «разрешаю / не разрешаю» to write by hand."""
        from nastavnik.bank.choices import PUBLIC_FIELDS

        b.center("СОГЛАСИЕ", bold=True)
        b.center("на обработку персональных данных, разрешённых субъектом персональных данных", bold=True)
        b.center("для распространения", bold=True, space_after=12)
        b.para("Я, " + LINE + "_" * 12 + ",", indent=False, align="left")
        caption(b, "(фамилия, имя, отчество)")
        b.para("контактная информация: " + LINE + ",", indent=False, align="left")
        caption(b, "(номер телефона, адрес электронной почты или почтовый адрес)")
        b.para(
            f"в соответствии со статьёй 10.1 {LAW} даю согласие "
            + OPERATOR
            + " на обработку в форме распространения моих персональных данных на следующих условиях.",
            indent=False,
        )
        b.para(
            "1. Цель обработки: размещение сведений о наставнике в открытом банке наставников региона для "
            "подбора наставников наставляемыми и образовательными организациями (открытое наставничество)."
        )
        b.para(
            "2. Информационный ресурс, посредством которого предоставляется доступ неограниченному кругу лиц: "
            "открытый банк наставников информационной системы «Наставник»."
        )
        b.para(
            "3. Персональные данные, разрешённые к распространению (в каждой строке впишите «разрешаю» или «не "
            "разрешаю»; специальные категории и биометрические персональные данные не распространяются):",
            keep_with_next=True,
        )
        labels = ["фамилия, имя, отчество", "место работы (организация, муниципальное образование)"]
        labels += list(PUBLIC_FIELDS.values())
        for index, label in enumerate(labels, 1):
            b.para(
                f"3.{index}. {label[:1].upper()}{label[1:]}: ______________.",
                keep_with_next=index < len(labels),
            )
        b.para(
            "4. Условия и запреты: запрещаю передачу (кроме предоставления доступа) персональных данных, "
            "разрешённых к распространению, неограниченному кругу лиц, а также их обработку неограниченным "
            "кругом лиц, кроме ознакомления в открытом банке наставников; персональные данные, отмеченные "
            "«не разрешаю», не распространяются."
        )
        b.para(
            "5. Согласие действует со дня его подписания до дня его отзыва или до исключения сведений обо мне "
            "из открытого банка наставников. Распространение прекращается по моему требованию в течение трёх "
            "рабочих дней с момента его получения Оператором (части 12–14 статьи 10.1 Федерального закона "
            "«О персональных данных»)."
        )
        signature_with_captions(b, BLANK_DATE, "______________")
