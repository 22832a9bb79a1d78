"""Documents of learners (issue 20; seed 002 §10; 152-ФЗ art. 9): the agreement with the legal
representative of a minor learner as a party, the representative's consents, the adult learner's
own consent in learners' words, the Положение's part on learners, and a minor's paper out of the
municipal coordinator's reach."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.models import Document
from nastavnik.documents.render import convert_to_pdf
from nastavnik.documents.services import document_issue, document_render
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.testing import FIXED_DATE, _position, assert_snapshot, docx_text, pdf_text
from nastavnik.matching.tests.bank import active_mentor, signed_on
from nastavnik.organizations.choices import OrganizationKind
from nastavnik.people.choices import Sex
from nastavnik.people.models import LegalRepresentative
from nastavnik.testing import factories as f
from nastavnik.testing.minors import learner_person


def _representative(learner, *, kind: str, names: tuple[str, str, str], number: str, **fields):
    last_name, first_name, middle_name = names
    representative = LegalRepresentative(
        learner=learner,
        kind=kind,
        last_name=last_name,
        first_name=first_name,
        middle_name=middle_name,
        address=fields.pop("address", "628400, г. Сургут, ул. Мира, д. 7, кв. 3"),
        id_document_number=number,
        id_document_issued_on=fields.pop("issued_on", dt.date(2016, 4, 12)),
        id_document_issued_by="УМВД России по Ханты-Мансийскому автономному округу – Югре",
        authority_document=fields.pop("authority", "свидетельство о рождении II-ПН № 123456"),
        is_primary=True,
        **fields,
    )
    representative.full_clean()
    representative.save()
    return representative


def _consent(person, representative=None) -> None:
    from nastavnik.bank.choices import ConsentPurpose
    from nastavnik.bank.services import pd_consent_record

    pd_consent_record(
        person=person,
        purposes=[ConsentPurpose.MENTORING_RECORD],
        given_on=signed_on(),
        representative=representative,
    )


def _learner_mentee(person, school, request_text: str) -> None:
    from nastavnik.bank.services import mentee_profile_create

    mentee_profile_create(
        person=person,
        organization=school,
        categories=[],
        request_text=request_text,
        consent_given_on=signed_on(),
    )


@pytest.fixture
def learners(doc_world):
    """School A of ``doc_world`` with: ``teacher`` — Наставникова (учитель математики), an active
    mentor; ``minor`` — Зайцева Анна Петровна, 13, ученица 7 Б класса, a mentee in a pair with
    her (``minor_pair``), her mother Зайцева Ольга Викторовна the primary representative
    (``mother``); ``peer`` — Волков Дмитрий Андреевич, 16, ученик 10 А класса, an active mentor
    in a pair with the minor too (``peer_pair``), his father the representative; ``adult`` —
    Орлов Максим Андреевич, 19, студент группы ТМ-21, a mentee of the teacher (``adult_pair``)."""
    world = doc_world.world
    school = doc_world.school
    teacher = world.mentor_a
    teacher.position = _position("учитель математики")
    teacher.save()
    active_mentor(teacher, school, capacity=5)
    minor, minor_learner = learner_person(
        school, ("Зайцева", "Анна", "Петровна"), age=13, sex=Sex.FEMALE, grade="7 Б"
    )
    _learner_mentee(minor, school, "Подготовка к олимпиаде по математике")
    mother = _representative(
        minor_learner, kind="mother", names=("Зайцева", "Ольга", "Викторовна"), number="67 15 654321"
    )
    _consent(minor, mother)
    peer, peer_learner = learner_person(
        school, ("Волков", "Дмитрий", "Андреевич"), age=16, sex=Sex.MALE, grade="10 А"
    )
    father = _representative(
        peer_learner, kind="father", names=("Волков", "Андрей", "Сергеевич"), number="67 05 111222"
    )
    _consent(peer, father)
    active_mentor(peer, school, capacity=2)
    adult, adult_learner = learner_person(
        school, ("Орлов", "Максим", "Андреевич"), age=19, sex=Sex.MALE, kind="student", grade="ТМ-21"
    )
    _consent(adult)
    _learner_mentee(adult, school, "Выбор профессии")
    adult.address = "628400, г. Сургут, ул. Ленина, д. 9, кв. 1"
    adult.id_document_number = "67 24 777888"
    adult.id_document_issued_on = dt.date(2025, 3, 1)
    adult.id_document_issued_by = "УМВД России по Ханты-Мансийскому автономному округу – Югре"
    adult.save()
    started = dt.date(2026, 10, 1)
    return SimpleNamespace(
        doc=doc_world,
        world=world,
        school=school,
        teacher=teacher,
        minor=minor,
        minor_learner=minor_learner,
        mother=mother,
        peer=peer,
        father=father,
        adult=adult,
        adult_learner=adult_learner,
        minor_pair=f.PairFactory(mentor=teacher, mentee=minor, organization=school, started_on=started),
        peer_pair=f.PairFactory(mentor=peer, mentee=minor, organization=school, started_on=started),
        adult_pair=f.PairFactory(mentor=teacher, mentee=adult, organization=school, started_on=started),
    )


def _content(kind, school, subject) -> bytes:
    return document_render(kind=kind, organization=school, subject=subject, params={}, date=FIXED_DATE)


def _text(kind, school, subject) -> str:
    return docx_text(_content(kind, school, subject))


def _line(text: str) -> str:
    return " ".join(text.split())


def _stable(text: str) -> str:
    """``text`` with the birth date masked: the learners' ages are counted from today."""
    return re.sub(r"дата рождения: \d{1,2} \S+ \d{4} г\.", "дата рождения: <дата>", text)


def _refusal(kind, school, subject) -> list:
    with pytest.raises(MissingData) as refused:
        _content(kind, school, subject)
    return refused.value.items


# --- the agreement ------------------------------------------------------------------------------


def test_agreement_of_a_minor_learner_names_the_representative_as_a_party(learners):
    text = _text(DocumentKind.AGREEMENT, learners.school, learners.minor_pair)

    line = _line(text)
    assert "Зайцева Анна Петровна, ученица 7 Б класса МБОУ «Средняя общеобразовательная школа № 1»" in line
    assert (
        "с другой стороны, и Зайцева Ольга Викторовна, мать и законный представитель несовершеннолетнего "
        "Наставляемого (документ, удостоверяющий личность: серия и номер 67 15 654321, дата выдачи "
        "12 апреля 2016 г." in line
    )
    assert (
        "действующая в интересах несовершеннолетней Зайцевой Анны Петровны, ученицы 7 Б класса, на основании "
        "документа: свидетельство о рождении II-ПН № 123456, именуемая в дальнейшем «Законный представитель», "
        "с третьей стороны" in line
    )
    # the representative's own signature line
    assert "Законный представитель Зайцева Ольга Викторовна | ____________ (подпись) | О. В. Зайцева" in line
    assert "в четырёх экземплярах" in line
    # the rights and duties are the Положение's: the representative's and the learners'
    assert "4.1. Законный представитель вправе: — получать информацию о целях, содержании" in line
    assert "наставничества обучающихся" in line
    assert "соблюдать устав образовательной организации и правила внутреннего распорядка обучающихся" in line
    assert "правила внутреннего трудового распорядка" not in line
    regulation = _line(docx_text(document_render(kind="regulation", organization=learners.school)))
    for duty in (
        "соблюдать устав образовательной организации и правила внутреннего распорядка обучающихся",
        "давать и отзывать согласие на участие несовершеннолетнего в программе наставничества",
        "содействовать выполнению несовершеннолетним участником обязательств по программе наставничества",
    ):
        assert duty in regulation


def test_agreement_of_an_adult_student_has_no_representative(learners):
    text = _text(DocumentKind.AGREEMENT, learners.school, learners.adult_pair)

    line = _line(text)
    assert "Орлов Максим Андреевич, студент группы ТМ-21 МБОУ «Средняя общеобразовательная школа № 1»" in line
    assert "именуемый в дальнейшем «Наставляемый», с другой стороны, вместе именуемые «Стороны»" in line
    assert "Законный представитель" not in text
    assert "в трёх экземплярах" in line


def test_agreement_of_two_minor_pupils_names_both_representatives(learners):
    text = _text(DocumentKind.AGREEMENT, learners.school, learners.peer_pair)

    line = _line(text)
    assert "Волков Дмитрий Андреевич, ученик 10 А класса" in line
    assert "«Законный представитель Наставляемого», с третьей стороны" in line
    assert "и Волков Андрей Сергеевич, отец и законный представитель несовершеннолетнего Наставника" in line
    assert (
        "действующий в интересах несовершеннолетнего Волкова Дмитрия Андреевича, ученика 10 А класса" in line
    )
    assert "«Законный представитель Наставника», с четвёртой стороны, вместе именуемые «Стороны»" in line
    assert "4. Права и обязанности Законных представителей" in text
    assert (
        "в пяти экземплярах, имеющих равную юридическую силу: по одному для Наставника, Наставляемого, "
        "Законного представителя Наставляемого, Законного представителя Наставника и" in line
    )
    assert "О. В. Зайцева" in text and "А. С. Волков" in text


def test_agreement_of_a_minor_without_a_representative_is_refused_naming_what_to_fill(learners, client):
    # (the mother stays on the card, but nobody is marked as the one who signs)
    learners.mother.is_primary = False
    learners.mother.save()

    items = _refusal(DocumentKind.AGREEMENT, learners.school, learners.minor_pair)

    (item,) = items
    assert item.text.startswith("Наставляемый Зайцева Анна Петровна — несовершеннолетний обучающийся")
    assert "Добавьте законного представителя в карточке обучающегося" in item.text
    # and the issue page shows the refusal, never a 500
    client.force_login(learners.world.users["curator_a"])
    url = reverse("documents:issue", args=[DocumentKind.AGREEMENT])
    response = client.get(url, {"subject": learners.minor_pair.pk})
    assert response.status_code == 200
    assert "Добавьте законного представителя" in response.content.decode()


def test_agreement_names_what_the_representative_lacks(learners):
    learners.mother.id_document_number = ""
    learners.mother.id_document_issued_by = ""
    learners.mother.save()

    (item,) = _refusal(DocumentKind.AGREEMENT, learners.school, learners.minor_pair)

    assert "в карточке его законного представителя (Зайцева Ольга Викторовна) укажите" in item.text
    assert "серию и номер документа, удостоверяющего личность" in item.text
    assert "орган, выдавший этот документ" in item.text


# --- the consents -------------------------------------------------------------------------------


def test_minor_data_consent_carries_the_representative_s_passport_and_authority(learners):
    text = _text(DocumentKind.MINOR_DATA_CONSENT, learners.school, learners.minor)

    assert_snapshot("minor_data_consent", _stable(text))
    line = _line(text)
    assert line.startswith(
        "СОГЛАСИЕ законного представителя на обработку персональных данных несовершеннолетнего Я, Зайцева "
        "Ольга Викторовна, проживающая по адресу: 628400, г. Сургут, ул. Мира, д. 7, кв. 3, основной "
        "документ, удостоверяющий личность: серия и номер 67 15 654321, дата выдачи 12 апреля 2016 г."
    )
    assert "являясь матерью и законным представителем несовершеннолетней Зайцевой Анны Петровны" in line
    assert "ученицы 7 Б класса" in line
    assert "документа, подтверждающего полномочия законного представителя: свидетельство о рождении" in line
    # only the data kept for a learner
    assert "класс (группа) и наименование образовательной организации" in line
    for worker_data in ("СНИЛС", "стаж", "должность", "квалификационная категория"):
        assert worker_data not in line
    assert "не передаёт персональные данные субъекта персональных данных третьим лицам" in line
    assert "О. В. Зайцева" in text


def test_minor_data_consent_is_refused_for_an_adult_and_without_the_authority(learners):
    (item,) = _refusal(DocumentKind.MINOR_DATA_CONSENT, learners.school, learners.adult)
    assert "совершеннолетний" in item.text and "«Согласие на обработку персональных данных»" in item.text

    learners.mother.authority_document = ""
    learners.mother.address = ""
    learners.mother.save()
    (item,) = _refusal(DocumentKind.MINOR_DATA_CONSENT, learners.school, learners.minor)
    assert "адрес места жительства" in item.text and "документ, подтверждающий полномочия" in item.text


def test_minor_data_consent_is_offered_for_minor_learners_only(learners):
    candidates = list(get_spec(DocumentKind.MINOR_DATA_CONSENT).candidates(learners.school))

    assert learners.minor in candidates and learners.peer in candidates
    assert learners.adult not in candidates and learners.teacher not in candidates


def test_learner_consent_of_a_minor_is_signed_by_the_representative(learners):
    text = _text(DocumentKind.LEARNER_CONSENT, learners.school, learners.minor)

    assert_snapshot("learner_consent_minor", _stable(text))
    line = _line(text)
    assert "от Зайцевой Ольги Викторовны" in line
    assert "законного представителя на участие несовершеннолетнего в программе наставничества" in line
    assert (
        "Я, Зайцева Ольга Викторовна, являясь матерью и законным представителем несовершеннолетней Зайцевой "
        "Анны Петровны" in line
    )
    assert "даю согласие на её участие в программе наставничества обучающихся" in line
    assert "совместно с наставниками — учителем математики Наставниковой" in line
    assert "не размещаются на официальном сайте" in line
    title = get_spec(DocumentKind.LEARNER_CONSENT).document_title(learners.minor, params={}, date=FIXED_DATE)
    assert title.startswith("Согласие законного представителя на участие несовершеннолетнего")


def test_learner_consent_of_an_adult_is_their_own_in_learners_words(learners):
    text = _text(DocumentKind.LEARNER_CONSENT, learners.school, learners.adult)

    line = _line(text)
    assert (
        "Я, Орлов Максим Андреевич, студент группы ТМ-21 МБОУ «Средняя общеобразовательная школа № 1»" in line
    )
    assert "законного представителя" not in line
    assert "ознакомлен. Обязуюсь:" in line
    assert "М. А. Орлов" in text


def test_personal_data_consent_of_an_adult_learner_lists_only_the_learner_s_data(learners):
    text = _text(DocumentKind.PERSONAL_DATA_CONSENT, learners.school, learners.adult)

    line = _line(text)
    assert "Я, нижеподписавшийся, Орлов Максим Андреевич" in line
    assert "класс (группа) и наименование образовательной организации" in line
    assert "СНИЛС" not in line and "стаж" not in line and "место работы, должность" not in line
    spec = get_spec(DocumentKind.PERSONAL_DATA_CONSENT)
    candidates = list(spec.candidates(learners.school))
    assert learners.adult in candidates and learners.minor not in candidates
    (item,) = _refusal(DocumentKind.PERSONAL_DATA_CONSENT, learners.school, learners.minor)
    assert "«Согласие законного представителя на обработку персональных данных несовершеннолетнего»" in (
        item.text
    )


# --- the Положение ----------------------------------------------------------------------------


def _kindergarten(world):
    garden = f.OrgUnitFactory(
        parent=world.muni1,
        kind=OrganizationKind.KINDERGARTEN,
        full_name="Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 7»",
        short_name="МБДОУ «Детский сад № 7»",
        address="628400, г. Сургут, ул. Мира, д. 5",
    )
    f.staff_member(
        garden,
        last_name="Петрова",
        first_name="Анна",
        middle_name="Сергеевна",
        sex=Sex.FEMALE,
        position=_position("заведующий"),
    )
    user = f.UserFactory(username="head_garden_7")
    f.RoleAssignmentFactory(user=user, org_unit=garden, role="head")
    head = garden.employments.get().person
    head.user = user
    head.save(update_fields=["user"])
    return garden


def test_regulation_of_a_school_has_the_learners_part_and_of_a_kindergarten_not(learners):
    school = _line(docx_text(document_render(kind="regulation", organization=learners.school)))
    garden = _line(docx_text(document_render(kind="regulation", organization=_kindergarten(learners.world))))

    assert "14. Наставничество обучающихся" in school
    assert "«ученик — ученик» (наставник: ученик; наставляемый: ученик)" in school
    assert "Законные представители несовершеннолетних обучающихся" in school
    assert "из числа лиц внутреннего контура" in school and "и внешнего контура" in school
    assert "по форме согласно приложению 5 к Положению" in school
    assert "Приложение 6 к Положению" in school
    assert "15. Заключительные положения" in school
    # the kindergarten's Положение stays the teachers' one
    assert "Наставничество обучающихся" not in garden
    assert "несовершеннолетних обучающихся" not in garden
    assert "Приложение 5" not in garden
    assert "14. Заключительные положения" in garden
    assert re.search(r"4\.11\. Если участник программы наставничества несовершеннолетний", garden)


# --- access -------------------------------------------------------------------------------------


def test_the_municipal_coordinator_cannot_reach_a_minor_s_documents(learners, client):
    curator = learners.world.users["curator_a"]
    coordinator = learners.world.users["coordinator"]
    consent = document_issue(
        kind=DocumentKind.MINOR_DATA_CONSENT,
        organization=learners.school,
        author=curator,
        subject=learners.minor,
    )
    agreement = document_issue(
        kind=DocumentKind.AGREEMENT, organization=learners.school, author=curator, subject=learners.minor_pair
    )

    assert set(Document.objects.for_user(curator, "view")) >= {consent, agreement}
    assert consent in Document.objects.files_for(curator)
    seen = Document.objects.for_user(coordinator, "view")
    assert consent not in seen and agreement not in seen
    client.force_login(coordinator)
    for url in (
        reverse("documents:detail", args=[consent.pk]),
        reverse("documents:docx", args=[consent.pk]),
        reverse("documents:detail", args=[agreement.pk]),
    ):
        assert client.get(url).status_code == 404
    listing = client.get(reverse("documents:list")).content.decode()
    assert "Зайцев" not in listing


# --- LibreOffice --------------------------------------------------------------------------------


def test_the_learners_documents_open_in_libreoffice_with_the_declined_names(learners, libreoffice):
    school = learners.school
    files = {
        "agreement.docx": _content(DocumentKind.AGREEMENT, school, learners.minor_pair),
        "peers.docx": _content(DocumentKind.AGREEMENT, school, learners.peer_pair),
        "data.docx": _content(DocumentKind.MINOR_DATA_CONSENT, school, learners.minor),
        "consent.docx": _content(DocumentKind.LEARNER_CONSENT, school, learners.minor),
        "adult.docx": _content(DocumentKind.LEARNER_CONSENT, school, learners.adult),
        "regulation.docx": document_render(kind="regulation", organization=school),
    }

    pdfs = {name: pdf_text(content) for name, content in convert_to_pdf(files).items()}

    assert "Зайцевой Анны Петровны" in pdfs["agreement.docx"]
    assert "«Законный представитель Наставника»" in pdfs["peers.docx"]
    assert "Зайцевой Анны Петровны" in pdfs["data.docx"] and "67 15 654321" in pdfs["data.docx"]
    assert "Зайцевой Ольги Викторовны" in pdfs["consent.docx"]
    assert "Орлов Максим Андреевич" in pdfs["adult.docx"]
    assert "Наставничество обучающихся" in pdfs["regulation.docx"]
