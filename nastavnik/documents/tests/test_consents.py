"""The consents of a mentor and a mentee, the agreement between them (with the legal
representative of a minor), the consent to personal-data processing and to data allowed for
distribution, the candidate mentor's questionnaire and the blank forms (seed 004 §1.6.2–1.6.3,
§1.6.6; 002 §10; 003 §4.6; 000 §5.1–5.2; 152-ФЗ art. 9 part 4, art. 10.1; issue 15)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorProfile
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.render import convert_to_pdf
from nastavnik.documents.services import document_issue, document_render
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.specs.consents import MentorConsentForm, RepresentativeForm
from nastavnik.documents.testing import FIXED_DATE, assert_snapshot, docx_text, pdf_text
from nastavnik.matching.tests.bank import active_mentor, mentee
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.organizations.choices import Level, OrganizationKind
from nastavnik.organizations.services import org_unit_update
from nastavnik.people.choices import Sex
from nastavnik.reference.models import Position
from nastavnik.testing import factories as f

ADDRESS = "628400, г. Сургут, ул. Мира, д. 5, кв. 12"
#: The representative of the minor mentee in the agreement.
MOTHER = {
    "representative_last_name": "Белова",
    "representative_first_name": "Ольга",
    "representative_middle_name": "Ивановна",
    "representative_relation": "мать",
    "representative_document_number": "67 15 654321",
    "representative_document_issued_on": "2016-04-12",
    "representative_document_issued_by": "УМВД России по Ханты-Мансийскому автономному округу – Югре",
}
#: The guardian of the minor in the consent to personal-data processing (a man: the sex is taken
#: from his name, «опекун» does not tell it).
GUARDIAN = {
    "representative_last_name": "Сидоренко",
    "representative_first_name": "Пётр",
    "representative_middle_name": "Ильич",
    "representative_relation": "опекун",
    "representative_document_number": "67 12 111222",
    "representative_document_issued_on": "2012-06-01",
    "representative_document_issued_by": "ОУФМС России по ХМАО – Югре в г. Сургуте",
    "representative_address": "628400, г. Сургут, ул. Мира, д. 7, кв. 3",
    "representative_authority": "распоряжение управления опеки и попечительства от 10.02.2020 № 115",
    "processor": "",
}


def _position(name: str) -> Position:
    found = Position.objects.filter(name=name).first()
    return found or Position.objects.create(code=f"consents-{Position.objects.count() + 1}", name=name)


def _identity(person, number: str) -> None:
    person.address = ADDRESS
    person.id_document_number = number
    person.id_document_issued_on = dt.date(2015, 2, 1)
    person.id_document_issued_by = "Отделом УФМС России по ХМАО – Югре в г. Сургуте"
    person.save()


FULL_NAME = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»"
FULL_GEN = "муниципального бюджетного общеобразовательного учреждения «Средняя общеобразовательная школа № 1»"
FULL_PRE = "муниципальном бюджетном общеобразовательном учреждении «Средняя общеобразовательная школа № 1»"
SHORT_NAME = "МБОУ «СОШ № 1»"
AUTHORITY = "Департамент образования Администрации города Сургута"
OPERATOR = (
    "Автономное учреждение дополнительного профессионального образования Ханты-Мансийского автономного "
    "округа – Югры «Институт развития образования»"
)
CNPPM = "Центр непрерывного повышения профессионального мастерства педагогических работников"


def organization_tree(world, school) -> None:
    """Give ``school`` its registered names (declined from them) and put beside it the municipal
    authority of its municipality, the regional operator and the ЦНППМ of its region; and, who must
    not receive its data, the authority of the other municipality and a ЦНППМ of another region."""
    org_unit_update(unit=school, full_name=FULL_NAME, short_name=SHORT_NAME)
    f.OrgUnitFactory(
        inn="",
        parent=world.muni1,
        kind=OrganizationKind.MUNICIPAL_AUTHORITY,
        full_name=AUTHORITY,
        address="628408, г. Сургут, ул. Гагарина, д. 11",
    )
    f.OrgUnitFactory(
        inn="",
        parent=world.muni2,
        kind=OrganizationKind.MUNICIPAL_AUTHORITY,
        full_name="Управление образования Нижневартовска",
    )
    f.OrgUnitFactory(inn="", parent=world.region, kind=OrganizationKind.REGIONAL_OPERATOR, full_name=OPERATOR)
    f.OrgUnitFactory(inn="", parent=world.region, kind=OrganizationKind.CNPPM, full_name=CNPPM)
    other = f.OrgUnitFactory(
        parent=world.region.parent, level=Level.REGION, kind="", inn="", full_name="Другой регион"
    )
    f.OrgUnitFactory(inn="", parent=other, kind=OrganizationKind.CNPPM, full_name="ЦНППМ другого региона")


def _minor_birth_date() -> dt.date:
    """Sixteen years before today: a minor today and on ``FIXED_DATE``, whenever the tests run."""
    today = timezone.localdate()
    return dt.date(today.year - 16, 3, 15)


@pytest.fixture
def consents(doc_world):
    """School A of ``doc_world`` with: ``mentor`` — Наставникова Мария Петровна, учитель
    математики, active mentor; ``mentee`` — Молодцова Мария Петровна, учитель начальных классов,
    in a pair with her under a draft program; ``male_mentor`` — Петров Иван Сергеевич, учитель
    физики, active mentor; ``minor`` — Белова Алина Олеговна, 16, лаборант, a mentee in an open
    pair with Петров (no program). Every one has an address and an identity document."""
    world = doc_world.world
    school = doc_world.school
    organization_tree(world, school)
    school.refresh_from_db()
    mentor_person = world.mentor_a
    mentor_person.position = _position("учитель математики")
    mentor_person.save()
    mentee_person = world.mentee_a
    mentee_person.position = _position("учитель начальных классов")
    mentee_person.save()
    program = draft_program(
        world,
        direction="Методическое сопровождение урока в начальной школе",
        goals="Оказать помощь в проектировании уроков по ФГОС НОО.",
        expected_results="Разработаны и проведены пять открытых уроков.",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        paired_on=dt.date(2026, 9, 1),
    )
    pair = program.pairs.get()
    male = f.staff_member(
        school,
        last_name="Петров",
        first_name="Иван",
        middle_name="Сергеевич",
        sex=Sex.MALE,
        birth_date=dt.date(1978, 10, 2),
        position=_position("учитель физики"),
    )
    active_mentor(male, school, capacity=3)
    minor = f.staff_member(
        school,
        last_name="Белова",
        first_name="Алина",
        middle_name="Олеговна",
        sex=Sex.FEMALE,
        birth_date=_minor_birth_date(),
        position=_position("лаборант"),
    )
    mentee(minor, school)
    minor_pair = f.PairFactory(
        mentor=male, mentee=minor, organization=school, started_on=dt.date(2026, 10, 1)
    )
    for person, number in (
        (mentor_person, "67 10 100001"),
        (mentee_person, "67 20 100002"),
        (male, "67 03 100003"),
    ):
        _identity(person, number)
    _identity(minor, "67 26 100004")
    return SimpleNamespace(
        doc=doc_world,
        school=school,
        mentor=mentor_person,
        mentee=mentee_person,
        male_mentor=male,
        minor=minor,
        pair=pair,
        minor_pair=minor_pair,
        program=program,
    )


def _render(kind, consents, subject, params=None) -> str:
    content = document_render(
        kind=kind, organization=consents.school, subject=subject, params=params, date=FIXED_DATE
    )
    return docx_text(content)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _refusal(kind, consents, subject, params=None) -> list:
    with pytest.raises(MissingData) as caught:
        document_render(
            kind=kind, organization=consents.school, subject=subject, params=params, date=FIXED_DATE
        )
    return caught.value.items


# --- the consent of a mentor ----------------------------------------------------------------------


def test_mentor_consent_is_addressed_to_the_head_and_lists_the_duties(consents):
    profile = consents.mentor.mentor_profile

    text = _render(DocumentKind.MENTOR_CONSENT, consents, profile)

    assert_snapshot("mentor_consent", text)
    line = _one_line(text)
    assert (
        "Директору МБОУ «СОШ № 1» Соколовой Елене Викторовне от учителя математики Наставниковой Марии Петровны"
        in line
    )
    assert f"Я, Наставникова Мария Петровна, учитель математики {FULL_GEN}, даю согласие" in line
    assert (
        f"в соответствии с Положением о системе наставничества педагогических работников в {FULL_PRE}" in line
    )
    assert "ознакомлена." in line
    assert "обращаться с заявлением к куратору и руководителю образовательной организации" in line
    assert "21 ноября 2026 г. | ____________ | М. П. Наставникова" in text


def test_mentor_consent_names_the_term_of_the_program_and_the_pay_by_default(consents):
    profile = consents.mentor.mentor_profile

    line = _one_line(_render(DocumentKind.MENTOR_CONSENT, consents, profile))

    assert (
        "дополнительных обязанностей, связанных с наставнической деятельностью, на период реализации "
        "персонализированной программы наставничества с 1 сентября 2026 г. по 31 мая 2027 г. "
        "(статья 60.2 Трудового кодекса Российской Федерации)"
    ) in line
    assert (
        "выполняются с установлением доплаты (стимулирующей выплаты) в порядке, установленном положением об "
        "оплате труда работников МБОУ «СОШ № 1», в соответствии со статьёй 151 Трудового кодекса"
    ) in line


def test_mentor_consent_without_a_program_names_the_school_year(consents):
    profile = consents.male_mentor.mentor_profile  # his pair with the minor has no program

    line = _one_line(_render(DocumentKind.MENTOR_CONSENT, consents, profile))

    assert "на 2026/2027 учебный год (с 1 сентября 2026 г. по 31 августа 2027 г.)" in line


def test_mentor_consent_takes_the_dates_and_the_pay_given(consents):
    params = {"pay": "unpaid", "starts_on": "2026-10-01", "ends_on": "2027-06-30"}

    line = _one_line(_render(DocumentKind.MENTOR_CONSENT, consents, consents.mentor.mentor_profile, params))

    assert "на период с 1 октября 2026 г. по 30 июня 2027 г." in line
    assert "Дополнительные обязанности наставника выполняются без дополнительной оплаты." in line
    assert "доплаты" not in line


def test_mentor_consent_keeps_the_organizations_pay_but_not_the_dates(consents):
    document_issue(
        kind=DocumentKind.MENTOR_CONSENT,
        organization=consents.school,
        author=consents.doc.world.users["curator_a"],
        subject=consents.mentor.mentor_profile,
        params={"pay": "unpaid", "starts_on": "2026-10-01", "ends_on": "2027-06-30"},
        date=FIXED_DATE,
    )

    params = get_spec(DocumentKind.MENTOR_CONSENT).default_params(
        consents.school, consents.male_mentor.mentor_profile
    )

    assert params == {"pay": "unpaid"}


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"pay": "paid", "starts_on": "2026-10-01"}, "обе даты"),
        ({"pay": "paid", "starts_on": "2026-10-01", "ends_on": "2026-09-01"}, "раньше даты начала"),
        ({"pay": "gratis"}, "Выберите корректный вариант"),
    ],
)
def test_mentor_consent_form_refuses_a_bad_term_or_pay(data, error):
    form = MentorConsentForm(data=data)

    assert not form.is_valid()
    assert error in str(form.errors)


def test_mentor_consent_of_a_man_agrees_with_his_sex(consents):
    profile = consents.male_mentor.mentor_profile

    line = _one_line(_render(DocumentKind.MENTOR_CONSENT, consents, profile))

    assert "от учителя физики Петрова Ивана Сергеевича" in line
    assert "Я, Петров Иван Сергеевич, учитель физики" in line
    assert "ознакомлен." in line
    assert "ознакомлена" not in line


def test_mentor_consent_is_refused_without_the_head_and_the_mentors_position(consents):
    consents.doc.head.user = None
    consents.doc.head.save()
    consents.mentor.position = None
    consents.mentor.save()

    items = _refusal(DocumentKind.MENTOR_CONSENT, consents, consents.mentor.mentor_profile)

    texts = [item.text for item in items]
    assert any("Не назначен руководитель организации" in text for text in texts)
    position = next(item for item in items if "должность (наставник:" in item.text)
    assert "Наставникова Мария Петровна" in position.text
    assert position.url == reverse("people:edit", args=[consents.mentor.pk])
    assert len(items) == 2, "the address of the organization is not printed in a consent and not asked"


def test_mentor_consent_candidates_are_the_selected_trained_active_and_paused(consents):
    candidate = f.staff_member(consents.school, last_name="Кандидатова")
    from nastavnik.bank.services import mentor_profile_create

    mentor_profile_create(person=candidate, organization=consents.school)

    names = [p.person.last_name for p in get_spec(DocumentKind.MENTOR_CONSENT).candidates(consents.school)]

    assert names == ["Наставникова", "Петров"]
    assert MentorProfile.objects.get(person=candidate).status == MentorStatus.CANDIDATE


# --- the consent of a mentee ----------------------------------------------------------------------


def test_mentee_consent_names_the_mentor_in_the_instrumental(consents):
    profile = consents.mentee.mentee_profile

    text = _render(DocumentKind.MENTEE_CONSENT, consents, profile)

    assert_snapshot("mentee_consent", text)
    line = _one_line(text)
    assert "Директору МБОУ «СОШ № 1» Соколовой Елене Викторовне" in line
    assert "от учителя начальных классов Молодцовой Марии Петровны" in line
    assert f"Я, Молодцова Мария Петровна, учитель начальных классов {FULL_GEN}" in line
    assert "(срок реализации с 1 сентября 2026 г. по 31 мая 2027 г.)" in line
    assert "совместно с наставником — учителем математики Наставниковой Марией Петровной." in line
    assert "с ходатайством о замене наставника" in line


def test_mentee_consent_does_not_lay_the_mentors_duties_on_the_mentee(consents):
    """The additional duties of mentoring are the mentor's (ТК РФ ст. 60.2): the mentee consents
    to take part in the program, in the filled-in consent and in the blank form alike."""
    for profile in (consents.mentee.mentee_profile, consents.minor.mentee_profile):
        line = _one_line(_render(DocumentKind.MENTEE_CONSENT, consents, profile)).lower()

        assert "дополнительн" not in line
        assert "даю согласие на участие в качестве наставляемого в персонализированной программе" in line


def test_mentee_consent_is_refused_without_the_mentees_position(consents):
    consents.mentee.position = None
    consents.mentee.save()

    items = _refusal(DocumentKind.MENTEE_CONSENT, consents, consents.mentee.mentee_profile)

    assert [item.text for item in items] == [
        "Укажите должность (наставляемый: Молодцова Мария Петровна) в карточке работника."
    ]
    assert items[0].url == reverse("people:edit", args=[consents.mentee.pk])


def test_mentee_consent_candidates_are_the_mentees_of_the_organization(consents):
    profiles = get_spec(DocumentKind.MENTEE_CONSENT).candidates(consents.school)

    assert {p.person.last_name for p in profiles} == {"Молодцова", "Белова"}


# --- the agreement --------------------------------------------------------------------------------


def test_agreement_of_adults_names_the_parties_and_the_program(consents):
    text = _render(DocumentKind.AGREEMENT, consents, consents.pair)

    assert_snapshot("agreement", text)
    line = _one_line(text)
    assert (
        f"Наставникова Мария Петровна, учитель математики {FULL_GEN}, "
        "именуемая в дальнейшем «Наставник», с одной стороны, и Молодцова Мария Петровна, учитель "
        f"начальных классов {FULL_GEN}, именуемая в дальнейшем "
        "«Наставляемый», с другой стороны, вместе именуемые «Стороны»"
    ) in line
    assert "Направление Программы: методическое сопровождение урока в начальной школе." in line
    assert "с 1 сентября 2026 г. по 31 мая 2027 г." in line
    assert "Законный представитель" not in line
    assert "М. П. Наставникова" in text and "М. П. Молодцова" in text


def test_agreement_is_made_in_three_copies_and_signed_for_the_organization(consents):
    text = _render(DocumentKind.AGREEMENT, consents, consents.pair)

    line = _one_line(text)
    assert (
        "Соглашение составлено в трёх экземплярах, имеющих равную юридическую силу: по одному для "
        "Наставника, Наставляемого и МБОУ «СОШ № 1»."
    ) in line
    assert "Подпись руководителя МБОУ «СОШ № 1» подтверждает, что Соглашение принято организацией" in line
    assert (
        "Соглашение принято: Директор МБОУ «СОШ № 1» | ____________ (подпись) М. П. | Е. В. Соколова" in line
    )


def test_agreement_with_a_mentor_of_another_school_names_his_school(consents):
    other = f.OrgUnitFactory(
        inn="", parent=consents.doc.world.muni1, full_name=FULL_NAME.replace("№ 1", "№ 21")
    )
    employment = consents.male_mentor.employments.get()
    employment.organization = other
    employment.save()

    line = _one_line(_render(DocumentKind.AGREEMENT, consents, consents.minor_pair, params=MOTHER))

    assert "Петров Иван Сергеевич, учитель физики " + FULL_GEN.replace("№ 1", "№ 21") + ", именуемый" in line


def test_agreement_is_refused_without_the_written_consents(consents):
    MentorProfile.objects.filter(person=consents.mentor).update(consent_given_on=None)
    MenteeProfile.objects.filter(person=consents.mentee).update(consent_given_on=None)

    items = _refusal(DocumentKind.AGREEMENT, consents, consents.pair)

    mentor_item, mentee_item = items
    assert "наставника Наставникова Мария Петровна" in mentor_item.text
    assert mentor_item.url == reverse("bank:mentor_edit", args=[consents.mentor.mentor_profile.pk])
    assert "наставляемого Молодцова Мария Петровна" in mentee_item.text
    assert mentee_item.url == reverse("bank:mentee_edit", args=[consents.mentee.mentee_profile.pk])


def test_agreement_with_a_minor_is_refused_without_the_representative(consents):
    items = _refusal(DocumentKind.AGREEMENT, consents, consents.minor_pair, params={})

    assert len(items) == 1
    assert items[0].text.startswith(
        "Наставляемый несовершеннолетний: укажите законного представителя — фамилию; имя;"
    )
    assert "серию и номер документа, удостоверяющего личность" in items[0].text


def test_agreement_with_a_minor_has_the_representative_as_a_third_party(consents):
    text = _render(DocumentKind.AGREEMENT, consents, consents.minor_pair, params=MOTHER)

    assert_snapshot("agreement_minor", text)
    line = _one_line(text)
    assert f"Петров Иван Сергеевич, учитель физики {FULL_GEN}, именуемый" in line
    assert f"Белова Алина Олеговна, лаборант {FULL_GEN}, именуемая" in line
    assert (
        "и Белова Ольга Ивановна, мать и законный представитель несовершеннолетнего Наставляемого "
        "(документ, удостоверяющий личность: серия и номер 67 15 654321, дата выдачи 12 апреля 2016 г."
    ) in line
    assert (
        "действующая в интересах Наставляемого, именуемая в дальнейшем «Законный представитель», с третьей"
        in line
    )
    assert "4. Права и обязанности Законного представителя" in text
    assert "5. Срок действия Соглашения" in text
    assert (
        "в четырёх экземплярах, имеющих равную юридическую силу: по одному для Наставника, Наставляемого, "
        "Законного представителя и МБОУ «СОШ № 1»."
    ) in line
    assert "О. И. Белова" in text
    assert "Программа разрабатывается Наставником совместно с Наставляемым" in line


def test_agreement_issued_for_a_minor_is_registered_for_the_pair(consents):
    document = document_issue(
        kind=DocumentKind.AGREEMENT,
        organization=consents.school,
        author=consents.doc.world.users["curator_a"],
        subject=consents.minor_pair,
        params=MOTHER,
        date=FIXED_DATE,
    )

    assert document.pair == consents.minor_pair
    assert document.title == "Соглашение между наставником и наставляемым (Петров И. С. — Белова А. О.)"
    assert get_spec(DocumentKind.AGREEMENT).subject_of(document) == consents.minor_pair


def test_agreement_candidates_are_the_open_pairs(consents):
    consents.minor_pair.ended_on = dt.date(2026, 11, 1)
    consents.minor_pair.save()

    pairs = list(get_spec(DocumentKind.AGREEMENT).candidates(consents.school))

    assert pairs == [consents.pair]


def test_representative_form_gives_json_and_refuses_a_future_date():
    form = RepresentativeForm(data={**MOTHER})
    assert form.is_valid(), form.errors
    assert form.to_params()["representative_document_issued_on"] == "2016-04-12"

    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    form = RepresentativeForm(data={**MOTHER, "representative_document_issued_on": future})

    assert not form.is_valid()
    assert "representative_document_issued_on" in form.errors


# --- the consent to personal-data processing ------------------------------------------------------


def test_personal_data_consent_holds_every_item_of_article_9(consents):
    text = _render(DocumentKind.PERSONAL_DATA_CONSENT, consents, consents.male_mentor)

    assert_snapshot("personal_data_consent", text)
    line = _one_line(text)
    assert (
        "Я, нижеподписавшийся, Петров Иван Сергеевич, дата рождения: 2 октября 1978 г., проживающий" in line
    )
    assert (
        f"по адресу: {ADDRESS}, основной документ, удостоверяющий личность: серия и номер 67 03 100003"
        in line
    )
    assert "дата выдачи 1 февраля 2015 г., кем выдан: Отделом УФМС России" in line
    assert (
        "оператору — муниципальному бюджетному общеобразовательному учреждению «Средняя общеобразовательная "
        "школа № 1» (адрес: 628400, Ханты-Мансийский автономный округ — Югра, г. Сургут, ул. Ленина, д. 1, ИНН"
    ) in line
    assert "персонифицированный учёт участников программ наставничества." in line
    assert "страховой номер индивидуального лицевого счёта (СНИЛС)" in line
    assert "обезличивание, блокирование, удаление, уничтожение" in line
    assert "не поручает" not in line and "по поручению Оператора" not in line
    assert "до дня достижения целей обработки персональных данных или до дня его отзыва" in line
    assert "часть 2 статьи 9" in line
    assert "ознакомлен." in line
    assert "И. С. Петров" in text


def test_personal_data_consent_of_a_woman_agrees_with_her_sex_and_names_the_processor(consents):
    params = {"processor": "ООО «Цифровая школа», 628400, г. Сургут, ул. Энергетиков, д. 3"}

    line = _one_line(_render(DocumentKind.PERSONAL_DATA_CONSENT, consents, consents.mentee, params=params))

    assert "Я, нижеподписавшаяся, Молодцова Мария Петровна" in line
    assert "проживающая по адресу" in line
    assert "ознакомлена." in line
    assert "по поручению Оператора: ООО «Цифровая школа», 628400, г. Сургут" in line


def test_personal_data_consent_without_a_valid_consent_gives_the_default_purposes(consents):
    consents.male_mentor.pd_consents.update(withdrawn_on=dt.date(2025, 1, 1))

    line = _one_line(_render(DocumentKind.PERSONAL_DATA_CONSENT, consents, consents.male_mentor))

    assert "— персонифицированный учёт участников программ наставничества;" in line
    assert "— мониторинг и статистическая отчётность (в обезличенном виде)." in line


def test_personal_data_consent_names_each_missing_datum(consents):
    person = consents.male_mentor
    person.address = person.id_document_number = person.id_document_issued_by = ""
    person.id_document_issued_on = None
    person.save()
    consents.school.address = ""
    consents.school.save()

    items = _refusal(DocumentKind.PERSONAL_DATA_CONSENT, consents, person)

    texts = [item.text for item in items]
    assert texts == [
        "Укажите адрес организации в её карточке.",
        "В карточке работника (Петров Иван Сергеевич) укажите адрес места жительства.",
        "В карточке работника (Петров Иван Сергеевич) укажите серию и номер паспорта (иного документа, "
        "удостоверяющего личность).",
        "В карточке работника (Петров Иван Сергеевич) укажите дату выдачи документа, удостоверяющего личность.",
        "В карточке работника (Петров Иван Сергеевич) укажите, кем выдан документ, удостоверяющий личность.",
    ]
    edit = reverse("people:edit", args=[person.pk])
    assert [item.url for item in items[1:]] == [edit] * 4


def test_personal_data_consent_of_a_minor_is_refused_without_the_representative(consents):
    items = _refusal(DocumentKind.PERSONAL_DATA_CONSENT, consents, consents.minor, params={"processor": ""})

    assert len(items) == 1
    assert items[0].text.startswith(
        "Субъект персональных данных несовершеннолетний: укажите законного представителя"
    )
    assert "; адрес места жительства; документ, подтверждающий полномочия." in items[0].text


def test_personal_data_consent_of_a_minor_is_signed_by_the_guardian(consents):
    line = _one_line(_render(DocumentKind.PERSONAL_DATA_CONSENT, consents, consents.minor, params=GUARDIAN))

    assert "Я, Сидоренко Пётр Ильич, проживающий по адресу: 628400, г. Сургут, ул. Мира, д. 7, кв. 3" in line
    assert "являясь опекуном и законным представителем несовершеннолетней Беловой Алины Олеговны" in line
    assert "проживающей по адресу" in line
    assert "распоряжение управления опеки и попечительства от 10.02.2020 № 115" in line
    assert "на обработку персональных данных субъекта персональных данных" in line
    assert "нижеподписав" not in line
    assert "ознакомлен." in line
    assert "ознакомлен. 21 ноября 2026 г. | ____________ | П. И. Сидоренко" in line


def test_personal_data_consent_candidates_are_the_employed_people_of_the_bank(consents):
    outsider = f.staff_member(consents.school, last_name="Посторонняя")
    gone = consents.minor.employments.get()
    gone.ended_on = dt.date(2026, 10, 1)
    gone.save()

    people = list(get_spec(DocumentKind.PERSONAL_DATA_CONSENT).candidates(consents.school))

    assert outsider not in people
    assert [p.last_name for p in people] == ["Молодцова", "Наставникова", "Петров"]


def test_personal_data_consent_does_not_carry_the_representative_over(consents):
    document_issue(
        kind=DocumentKind.PERSONAL_DATA_CONSENT,
        organization=consents.school,
        author=consents.doc.world.users["curator_a"],
        subject=consents.minor,
        params={**GUARDIAN, "processor": "ООО «Цифровая школа»"},
        date=FIXED_DATE,
    )

    params = get_spec(DocumentKind.PERSONAL_DATA_CONSENT).default_params(consents.school, consents.mentee)

    assert params == {"processor": "ООО «Цифровая школа»"}


# --- PDF -----------------------------------------------------------------------------------------


def test_every_consent_converts_to_pdf_with_the_declined_names(consents, libreoffice):
    school = consents.school
    files = {
        "mentor.docx": document_render(
            kind=DocumentKind.MENTOR_CONSENT, organization=school, subject=consents.mentor.mentor_profile
        ),
        "mentee.docx": document_render(
            kind=DocumentKind.MENTEE_CONSENT, organization=school, subject=consents.mentee.mentee_profile
        ),
        "agreement.docx": document_render(
            kind=DocumentKind.AGREEMENT, organization=school, subject=consents.minor_pair, params=MOTHER
        ),
        "pd.docx": document_render(
            kind=DocumentKind.PERSONAL_DATA_CONSENT,
            organization=school,
            subject=consents.minor,
            params=GUARDIAN,
        ),
    }

    pdfs = {name: pdf_text(content) for name, content in convert_to_pdf(files).items()}

    assert "Соколовой Елене Викторовне" in pdfs["mentor.docx"]
    assert "Наставниковой Марии Петровны" in pdfs["mentor.docx"]
    assert "Молодцовой Марии Петровны" in pdfs["mentee.docx"]
    assert "Наставниковой Марией Петровной" in pdfs["mentee.docx"]
    assert "именуемая в дальнейшем «Законный представитель»" in pdfs["agreement.docx"]
    assert "Белова Ольга Ивановна" in pdfs["agreement.docx"]
    assert "Беловой Алины Олеговны" in pdfs["pd.docx"]


def test_minority_is_judged_on_the_documents_date_not_today(consents):
    # given a mentee who turned 18 ten days ago
    today = timezone.localdate()
    consents.minor.birth_date = today.replace(year=today.year - 18) - dt.timedelta(days=10)
    consents.minor.save()
    backdated = today - dt.timedelta(days=30)

    # when the agreement is dated a month back, when she was 17
    with pytest.raises(MissingData) as refused:
        document_render(
            kind=DocumentKind.AGREEMENT,
            organization=consents.school,
            subject=consents.minor_pair,
            params={},
            date=backdated,
        )

    # then her representative is asked for; dated today, the agreement needs none
    assert refused.value.items[0].text.startswith("Наставляемый несовершеннолетний")
    text = docx_text(
        document_render(
            kind=DocumentKind.AGREEMENT,
            organization=consents.school,
            subject=consents.minor_pair,
            params={},
            date=today,
        )
    )
    assert "законный представитель" not in text.lower()


@pytest.mark.parametrize(
    "kind",
    [
        DocumentKind.MENTOR_CONSENT,
        DocumentKind.MENTEE_CONSENT,
        DocumentKind.AGREEMENT,
        DocumentKind.PERSONAL_DATA_CONSENT,
    ],
)
def test_an_issued_paper_finds_its_subject_again_and_regenerates(consents, kind):
    from nastavnik.documents.services import document_issue, document_regenerate

    spec = get_spec(kind)
    subject = next(
        s
        for s in spec.candidates(consents.school)
        if not spec.missing(
            organization=consents.school, subject=s, params=spec.default_params(consents.school, s)
        )
    )

    document = document_issue(
        kind=kind, organization=consents.school, subject=subject, author=consents.doc.world.users["curator_a"]
    )

    assert spec.subject_of(document) == subject
    assert document_regenerate(document=document).file.name.endswith(".docx")


# --- who else receives the personal data ----------------------------------------------------------


def test_personal_data_consent_names_the_authority_the_regional_operator_and_the_cnppm(consents):
    line = _one_line(_render(DocumentKind.PERSONAL_DATA_CONSENT, consents, consents.male_mentor))

    assert (
        "4. Оператор вправе предоставлять (передавать) персональные данные в объёме, необходимом для "
        "достижения целей, указанных в пункте 1, органам и организациям, осуществляющим управление системой "
        "наставничества педагогических работников и её мониторинг: "
        "— департаменту образования Администрации города Сургута (адрес: 628408, г. Сургут, ул. Гагарина, "
        "д. 11); — автономному учреждению дополнительного профессионального образования Ханты-Мансийского "
        "автономного округа — Югры «Институт развития образования»; — центру непрерывного повышения "
        "профессионального мастерства педагогических работников."
    ) in line
    assert "Нижневартовска" not in line, "the authority of another municipality receives nothing"
    assert "другого региона" not in line, "nor the ЦНППМ of another region"
    assert "5. Согласие действует со дня его подписания" in line


def test_personal_data_consent_without_recipients_in_the_tree_says_so(consents):
    from nastavnik.organizations.models import OrgUnit

    OrgUnit.objects.filter(
        kind__in=[
            OrganizationKind.MUNICIPAL_AUTHORITY,
            OrganizationKind.REGIONAL_OPERATOR,
            OrganizationKind.CNPPM,
        ]
    ).delete()

    line = _one_line(_render(DocumentKind.PERSONAL_DATA_CONSENT, consents, consents.male_mentor))

    assert "4. Оператор не предоставляет персональные данные третьим лицам, кроме случаев" in line


# --- the consent to data allowed for distribution --------------------------------------------------


@pytest.fixture
def published(consents):
    """Наставникова publishes her position, subjects and e-mail in the open bank, not her phone."""
    profile = consents.mentor.mentor_profile
    profile.publish_in_open_bank = True
    profile.public_fields = ["position", "subjects", "email"]
    profile.save()
    consents.mentor.email = "nastavnikova@school1.ru"
    consents.mentor.phone = "+7 (3462) 12-34-56"
    consents.mentor.save()
    return profile


def test_distribution_consent_lists_each_category_allowed_or_denied(consents, published):
    text = _render(DocumentKind.DISTRIBUTION_CONSENT, consents, published)

    assert_snapshot("distribution_consent", text)
    line = _one_line(text)
    assert (
        "Я, нижеподписавшаяся, Наставникова Мария Петровна (контактная информация: тел. +7 (3462) 12-34-56"
        in line
    )
    assert "в соответствии со статьёй 10.1 Федерального закона от 27 июля 2006 г. № 152-ФЗ" in line
    assert (
        "открытый банк наставников информационной системы «Наставник» (Ханты-Мансийский автономный округ — Югра)"
        in line
    )
    rows = {
        row.split(" | ")[2]: row.split(" | ")[3]
        for row in text.splitlines()
        if row[:1].isdigit() and row.count(" | ") == 3
    }
    assert rows["фамилия, имя, отчество"] == "разрешаю"
    assert rows["должность"] == "разрешаю"
    assert rows["электронная почта"] == "разрешаю"
    assert rows["телефон"] == "не разрешаю"
    assert rows["квалификационная категория"] == "не разрешаю"
    assert len(rows) == 10
    assert "Условия и запреты: запрещаю передачу (кроме предоставления доступа)" in line
    assert "в течение трёх рабочих дней" in line
    assert "М. П. Наставникова" in text


def test_distribution_consent_candidates_are_the_mentors_who_publish(consents, published):
    profiles = list(get_spec(DocumentKind.DISTRIBUTION_CONSENT).candidates(consents.school))

    assert profiles == [published]


def test_distribution_consent_is_refused_without_a_contact_and_the_inn(consents, published):
    person = consents.mentor
    person.email = person.phone = person.address = ""
    person.save()
    consents.school.inn = ""
    consents.school.save()

    items = _refusal(DocumentKind.DISTRIBUTION_CONSENT, consents, published)

    assert [item.text for item in items] == [
        "Укажите ИНН организации в её карточке.",
        "В карточке работника (Наставникова Мария Петровна) укажите телефон, электронную почту или адрес.",
    ]


# --- the candidate mentor's questionnaire -----------------------------------------------------------


def test_questionnaire_prints_the_candidates_card_and_the_questions(consents):
    from nastavnik.bank.services import mentor_profile_create

    candidate = f.staff_member(
        consents.school,
        last_name="Кандидатова",
        first_name="Ирина",
        middle_name="Львовна",
        sex=Sex.FEMALE,
        position=_position("учитель истории"),
        pedagogical_experience_years=12,
        total_experience_years=15,
        qualification_category="highest",
        email="kandidatova@school1.ru",
    )
    profile = mentor_profile_create(person=candidate, organization=consents.school)

    text = _render(DocumentKind.MENTOR_QUESTIONNAIRE, consents, profile)

    assert_snapshot("mentor_questionnaire", text)
    line = _one_line(text)
    assert f"АНКЕТА кандидата в наставники педагогических работников {FULL_GEN}" in line
    assert "Фамилия, имя, отчество | Кандидатова Ирина Львовна" in line
    assert "Должность | учитель истории" in line
    assert "Педагогический стаж, лет | 12" in line
    assert "Квалификационная категория | высшая" in line
    assert "Почему вы хотите стать наставником (ваша мотивация)?" in line
    assert "Готовы ли вы пройти обучение по программе подготовки наставников" in line
    assert ": 1 2 3 4 5" in line, "the areas of strength are rated"
    assert "И. Л. Кандидатова" in text
    assert get_spec(DocumentKind.MENTOR_QUESTIONNAIRE).candidates(consents.school).get() == profile


# --- the blank forms --------------------------------------------------------------------------------


def _people_names(consents) -> list[str]:
    return [
        p.last_name
        for p in (
            consents.doc.head,
            consents.doc.curator,
            consents.mentor,
            consents.mentee,
            consents.male_mentor,
            consents.minor,
        )
    ]


def test_blank_forms_name_no_person_and_leave_no_template_leftovers(consents):
    text = _render(DocumentKind.BLANK_FORMS, consents, consents.school)

    assert_snapshot("blank_forms", text)
    line = _one_line(text)
    for name in _people_names(consents):
        assert name not in line, name
    for leftover in ("{{", "}}", "{%", "%}", "None"):
        assert leftover not in line, leftover
    positions = []
    for heading, title in (
        ("Приложение 1", "СОГЛАШЕНИЕ между наставником и наставляемым"),
        ("Приложение 2", "СОГЛАСИЕ на назначение наставником"),
        ("Приложение 3", "СОГЛАСИЕ на участие в персонализированной программе наставничества"),
        ("Приложение 4", "СОГЛАСИЕ на обработку персональных данных Я,"),
        ("Рекомендуемая форма", "СОГЛАСИЕ на обработку персональных данных, разрешённых субъектом"),
        ("Рекомендуемая форма", "АНКЕТА кандидата в наставники"),
    ):
        if heading.startswith("Приложение"):
            heading += f" к Положению о системе наставничества педагогических работников в {FULL_PRE}"
        start = positions[-1] if positions else 0
        positions += [line.index(heading, start), line.index(title, start)]
    assert positions == sorted(positions), "each heading stands before its form, in order"
    assert "Приложение 5" not in line, "the Положение has four appendices"
    assert "(фамилия, имя, отчество)" in line
    assert "Директору МБОУ «СОШ № 1»" in line
    assert "в трёх экземплярах" in line
    assert "с установлением доплаты (стимулирующей выплаты)" in line and "☐ без дополнительной оплаты" in line
    assert "департаменту образования Администрации города Сургута" in line


def test_blank_forms_of_a_kindergarten_are_addressed_to_its_manager(consents):
    consents.school.kind = OrganizationKind.KINDERGARTEN
    consents.school.save()

    line = _one_line(_render(DocumentKind.BLANK_FORMS, consents, consents.school))

    assert "Заведующему МБОУ «СОШ № 1»" in line and "Директору" not in line


def test_build_blank_forms_puts_each_form_on_a_new_page_and_returns_the_titles():
    from nastavnik.documents.builder import TemplateBuilder
    from nastavnik.documents.specs.consents import build_blank_forms

    b = TemplateBuilder()
    b.para("Текст Положения.")

    titles = build_blank_forms(b, first_number=3, appendix_to="Положению")

    assert titles == [
        "Соглашение между наставником и наставляемым о безусловном выполнении обязательств",
        "Согласие наставника на назначение наставником и выполнение дополнительных обязанностей",
        "Согласие наставляемого на участие в персонализированной программе наставничества",
        "Согласие на обработку персональных данных",
    ]
    paragraphs = b.document.paragraphs
    # each heading breaks the page before it (no empty page when the text before ends a page)
    starts = [i for i, p in enumerate(paragraphs) if p.paragraph_format.page_break_before]
    assert len(starts) == 4
    for number, index in enumerate(starts, start=3):
        assert paragraphs[index].text == f"Приложение {number}"
        assert paragraphs[index + 1].text == "к Положению"
    xml = b.document.element.xml
    for person in ("person.", "head.", "mentor.", "mentee.", "representative."):
        assert "{{ " + person not in xml and "{% if " + person not in xml, person


# --- layout -----------------------------------------------------------------------------------------

MY_KINDS = (
    DocumentKind.MENTOR_CONSENT,
    DocumentKind.MENTEE_CONSENT,
    DocumentKind.AGREEMENT,
    DocumentKind.PERSONAL_DATA_CONSENT,
    DocumentKind.DISTRIBUTION_CONSENT,
    DocumentKind.MENTOR_QUESTIONNAIRE,
    DocumentKind.BLANK_FORMS,
)


@pytest.mark.parametrize("kind", MY_KINDS)
def test_no_table_row_splits_and_signatures_keep_together(kind):
    """Every row of every table is cantSplit; a signature table's rows keep with the next."""
    from nastavnik.documents.builder import TemplateBuilder
    from nastavnik.documents.specs import get_spec
    from nastavnik.documents.specs.consents import build_blank_forms

    b = TemplateBuilder()
    get_spec(kind).build(b)
    build_blank_forms(b, first_number=1, appendix_to="Положению", full=True)

    for table in b.document.tables:
        rows = list(table.rows)
        for row in rows:
            assert (
                row._tr.trPr is not None
                and row._tr.trPr.find(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit"
                )
                is not None
            )
        if "(подпись)" in "".join(c.text for c in rows[-1].cells) or "____________" in rows[0].cells[1].text:
            for row in rows[:-1]:
                assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


@pytest.mark.parametrize(
    "kind",
    [
        DocumentKind.MENTOR_CONSENT,
        DocumentKind.MENTEE_CONSENT,
        DocumentKind.AGREEMENT,
        DocumentKind.PERSONAL_DATA_CONSENT,
    ],
)
def test_the_organization_is_never_named_in_the_nominative_inside_a_sentence(consents, kind):
    """The registered name («Муниципальное бюджетное…») may stand only alone on a line; in a
    sentence the name is declined and in lower case (issue 15 item 1)."""
    spec = get_spec(kind)
    subject = next(
        s
        for s in spec.candidates(consents.school)
        if not spec.missing(
            organization=consents.school, subject=s, params=spec.default_params(consents.school, s)
        )
    )

    text = _render(kind, consents, subject, params=spec.default_params(consents.school, subject))

    assert "Муниципальное бюджетное" not in text
    assert "муниципальное бюджетное" not in text


def test_blank_forms_convert_to_pdf_one_form_a_page_start(consents, libreoffice):
    import io

    from pypdf import PdfReader

    content = document_render(
        kind=DocumentKind.BLANK_FORMS, organization=consents.school, subject=consents.school
    )
    pdf = convert_to_pdf({"blanks.docx": content})["blanks.docx"]

    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    heads = [page.lstrip("0123456789 ") for page in pages]  # the page number stands at the top
    starts = [
        found.group(0) for head in heads if (found := re.match(r"Приложение \d+|Рекомендуемая форма", head))
    ]
    assert starts == [
        "Приложение 1",
        "Приложение 2",
        "Приложение 3",
        "Приложение 4",
        "Рекомендуемая форма",
        "Рекомендуемая форма",
    ], "every form starts a page of its own"


def test_the_signatures_never_stand_alone_on_the_last_page(consents, libreoffice):
    """A page break before the signatures takes the closing provisions along (issue 15 item 4)."""
    import io

    from pypdf import PdfReader

    school = consents.school
    files = {
        "agreement.docx": document_render(
            kind=DocumentKind.AGREEMENT, organization=school, subject=consents.pair
        ),
        "agreement_minor.docx": document_render(
            kind=DocumentKind.AGREEMENT, organization=school, subject=consents.minor_pair, params=MOTHER
        ),
        "mentor.docx": document_render(
            kind=DocumentKind.MENTOR_CONSENT, organization=school, subject=consents.male_mentor.mentor_profile
        ),
        "pd.docx": document_render(
            kind=DocumentKind.PERSONAL_DATA_CONSENT, organization=school, subject=consents.male_mentor
        ),
    }

    for name, pdf in convert_to_pdf(files).items():
        last = " ".join((PdfReader(io.BytesIO(pdf)).pages[-1].extract_text() or "").split())
        above = last.split("(подпись)")[0]
        assert len(above) > 300, f"{name}: на последней странице только подписи: «{last[:200]}»"


def test_a_package_reads_the_recipients_of_data_once_per_organization(doc_world, django_assert_num_queries):
    from nastavnik.documents.specs.common import personal_data_recipients, remembered_role_holders

    with remembered_role_holders():
        first = personal_data_recipients(doc_world.school)
        with django_assert_num_queries(0):
            assert personal_data_recipients(doc_world.school) == first
