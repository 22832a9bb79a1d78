"""The consents of a mentor and a mentee, the agreement between them (with the legal
representative of a minor) and the consent to personal-data processing (seed 004 §1.6.2–1.6.3,
§1.6.6; 002 §10; 000 §5.1–5.2; 152-ФЗ art. 9 part 4)."""

from __future__ import annotations

import datetime as dt
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
from nastavnik.documents.specs.consents import RepresentativeForm
from nastavnik.documents.testing import FIXED_DATE, assert_snapshot, docx_text, pdf_text
from nastavnik.matching.tests.bank import active_mentor, mentee
from nastavnik.mentoring.tests.helpers import draft_program
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
    assert "Директору МБОУ «Средняя общеобразовательная школа № 1» Соколовой Елене Викторовне" in line
    assert "от учителя математики Наставниковой Марии Петровны" in line
    assert "Я, Наставникова Мария Петровна, учитель математики МБОУ" in line
    assert "ознакомлена." in line
    assert "обращаться с заявлением к куратору и руководителю образовательной организации" in line
    assert "«21» ноября 2026 г. | ____________ | М. П. Наставникова" in text


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
    assert "от учителя начальных классов Молодцовой Марии Петровны" in line
    assert "Я, Молодцова Мария Петровна, учитель начальных классов МБОУ" in line
    assert "совместно с наставником — учителем математики Наставниковой Марией Петровной." in line
    assert "с ходатайством о замене наставника" in line


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
        "Наставникова Мария Петровна, учитель математики МБОУ «Средняя общеобразовательная школа № 1», "
        "именуемая в дальнейшем «Наставник», с одной стороны, и Молодцова Мария Петровна, учитель "
        "начальных классов МБОУ «Средняя общеобразовательная школа № 1», именуемая в дальнейшем "
        "«Наставляемый», с другой стороны, вместе именуемые «Стороны»"
    ) in line
    assert "Направление Программы: методическое сопровождение урока в начальной школе." in line
    assert "с «01» сентября 2026 г. по «31» мая 2027 г." in line
    assert "Законный представитель" not in line
    assert "в двух экземплярах" in line
    assert "М. П. Наставникова" in text and "М. П. Молодцова" in text


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
    assert (
        "Петров Иван Сергеевич, учитель физики МБОУ «Средняя общеобразовательная школа № 1», именуемый"
        in line
    )
    assert "Белова Алина Олеговна, лаборант МБОУ «Средняя общеобразовательная школа № 1», именуемая" in line
    assert (
        "и Белова Ольга Ивановна, мать и законный представитель несовершеннолетнего Наставляемого "
        "(документ, удостоверяющий личность: серия и номер 67 15 654321, дата выдачи «12» апреля 2016 г."
    ) in line
    assert (
        "действующая в интересах Наставляемого, именуемая в дальнейшем «Законный представитель», с третьей"
        in line
    )
    assert "4. Права и обязанности Законного представителя" in text
    assert "5. Срок действия Соглашения" in text
    assert "в трёх экземплярах" in line
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
        "Я, нижеподписавшийся, Петров Иван Сергеевич, дата рождения: «02» октября 1978 г., проживающий"
        in line
    )
    assert (
        f"по адресу: {ADDRESS}, основной документ, удостоверяющий личность: серия и номер 67 03 100003"
        in line
    )
    assert "дата выдачи «01» февраля 2015 г., кем выдан: Отделом УФМС России" in line
    assert (
        "оператору — МБОУ «Средняя общеобразовательная школа № 1» (адрес: 628400, Ханты-Мансийский "
        "автономный округ – Югра, г. Сургут, ул. Ленина, д. 1, ИНН"
    ) in line
    assert "персонифицированный учёт участников программ наставничества." in line
    assert "страховой номер индивидуального лицевого счёта (СНИЛС)" in line
    assert "обезличивание, блокирование, удаление, уничтожение" in line
    assert "4. Оператор не поручает обработку персональных данных другим лицам." in line
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

    assert "– персонифицированный учёт участников программ наставничества;" in line
    assert "– мониторинг и статистическая отчётность (в обезличенном виде)." in line


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
    assert "ознакомлен. «21» ноября 2026 г. | ____________ | П. И. Сидоренко" in line


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
    today = dt.date.today()
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
