"""The organization's «Положение о системе наставничества педагогических работников» with the
thirteen typical parts of seed 002 §10, generated from the organization's choices."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from nastavnik.access.models import RoleAssignment
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.models import Document
from nastavnik.documents.services import document_render
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.specs.regulation import (
    APPENDIX_TO,
    RegulationForm,
    appendix_numbers,
    learner_forms,
    regulation_title,
)
from nastavnik.documents.testing import FIXED_DATE, _position, assert_snapshot, docx_text
from nastavnik.organizations.choices import Level, OrganizationKind
from nastavnik.organizations.services import org_unit_save
from nastavnik.reference.models import AwardKind, InteractionModel, MentoringForm, MentoringKind
from nastavnik.testing import factories as f


def _content(school, params=None) -> bytes:
    return document_render(kind="regulation", organization=school, params=params, date=FIXED_DATE)


def _render(school, params=None) -> str:
    return docx_text(_content(school, params))


def _marks(text: str) -> str:
    """The first line of the document: the table of the marks above the title."""
    return text.split("\n\nПОЛОЖЕНИЕ\n")[0]


def _body(text: str) -> str:
    """The Положение without its appended forms (up to the list of appendices, included)."""
    return text.split("\nПриложение 1\n")[0] if "\nПриложение 1\n" in text else text


def _award_lines(text: str) -> list[str]:
    return text.split("11.2.")[1].split("11.3.")[0].splitlines()[1:]


def _kindergarten(world):
    """A kindergarten of municipality 1 of Yugra with its head, who holds the national list's
    «Директор (заведующий, начальник) образовательной организации» and no title of their own."""
    from nastavnik.people.choices import Sex

    garden = f.OrgUnitFactory(
        parent=world.muni1,
        kind=OrganizationKind.KINDERGARTEN,
        full_name="Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 5 «Ромашка»»",
        short_name="МБДОУ «Детский сад № 5»",
        address="628400, Ханты-Мансийский автономный округ – Югра, г. Сургут, ул. Мира, д. 5",
    )
    head = f.staff_member(
        garden,
        last_name="Петрова",
        first_name="Анна",
        middle_name="Сергеевна",
        sex=Sex.FEMALE,
        position=_position("Директор (заведующий, начальник) образовательной организации"),
    )
    user = f.UserFactory(username="head_garden")
    f.RoleAssignmentFactory(user=user, org_unit=garden, role="head")
    head.user = user
    head.save(update_fields=["user"])
    return garden


def _params(school, **changes) -> dict:
    params = get_spec("regulation").initial_params(school, school)
    params.update(changes)
    return params


def _ids(model, *codes) -> list[int]:
    return sorted(model.objects.filter(code__in=codes).values_list("pk", flat=True))


def test_regulation_snapshot(doc_world):
    text = _render(doc_world.school)

    assert_snapshot("regulation", text)


def test_regulation_marks_left_to_fill_in_until_the_order_and_the_protocols_exist(doc_world):
    text = _render(doc_world.school)

    assert _marks(text) == (
        "ПРИНЯТО\nна заседании педагогического совета\nпротокол от ____________ № _____\n\nУЧТЕНО\n"
        "мнение выборного органа первичной профсоюзной организации\nпротокол от ____________ № _____ | "
        "УТВЕРЖДЕНО\nприказом директора\nСОШ № 1\nот ____________ № _____"
    )


def test_regulation_approval_cites_the_latest_registered_order(doc_world):
    # Given two orders approving the Положение in the registry, and one of another school
    school = doc_world.school
    for number, day in (("12-о", dt.date(2026, 9, 1)), ("99-о", dt.date(2026, 9, 15))):
        Document.objects.create(
            organization=school, kind=DocumentKind.ORDER_REGULATION, title="Приказ", number=number, date=day
        )
    Document.objects.create(
        organization=doc_world.world.school_b,
        kind=DocumentKind.ORDER_REGULATION,
        title="Приказ",
        number="500",
        date=dt.date(2026, 10, 1),
    )

    text = _render(school)

    assert _marks(text).endswith("УТВЕРЖДЕНО\nприказом директора\nСОШ № 1\nот 15.09.2026 № 99-о")


def test_regulation_marks_print_the_protocols_and_drop_the_union_when_there_is_none(doc_world):
    school = doc_world.school
    given = _params(
        school,
        council_protocol_date="2026-08-28",
        council_protocol_number="1",
        union_protocol_date="2026-08-27",
        union_protocol_number="3",
    )

    text = _render(school, given)
    without_union = _render(school, _params(school, union_opinion=False))

    assert _marks(text).startswith(
        "ПРИНЯТО\nна заседании педагогического совета\nпротокол от 28.08.2026 № 1\n\nУЧТЕНО\n"
        "мнение выборного органа первичной профсоюзной организации\nпротокол от 27.08.2026 № 3 | "
    )
    # (a school applies forms of mentoring of learners: their part 14 moves the closing part to 15)
    assert "15.1. Положение принимается на заседании педагогического совета с учётом мнения выборного" in text
    assert _marks(without_union).startswith(
        "ПРИНЯТО\nна заседании педагогического совета\nпротокол от ____________ № _____ | УТВЕРЖДЕНО"
    )
    assert "профсоюз" not in without_union


def test_regulation_marks_never_split_across_pages(doc_world):
    from docx import Document as Docx
    from docx.oxml.ns import qn

    document = Docx(io.BytesIO(_content(doc_world.school)))

    marks = document.tables[0]
    assert "УТВЕРЖДЕНО" in marks.rows[0].cells[1].text
    for row in marks.rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    body = []
    for paragraph in document.paragraphs:
        if paragraph.text == "Приложения:":
            break
        body.append(paragraph)
    headings = [p for p in body if re.fullmatch(r"\d+\. [А-Я].*", p.text) and p.runs[0].bold]
    assert len(headings) == 15  # with the part on learners of a school
    assert all(p.paragraph_format.keep_with_next for p in headings)
    # the closing part is kept with the list of appendices (no page with only its last lines)
    tail = [
        p
        for p in [*body, document.paragraphs[len(body)]]
        if p.text.startswith(("15.1.", "15.2.", "Приложения:"))
    ]
    assert len(tail) == 3 and all(p.paragraph_format.keep_with_next for p in tail)


def test_regulation_title_and_text_decline_the_organization_in_lower_case(doc_world):
    school = doc_world.school
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «Гимназия № 2»"
    school.short_name = "МБОУ «Гимназия № 2»"
    org_unit_save(unit=school)

    text = _render(school)

    expected = "в муниципальном бюджетном общеобразовательном учреждении «Гимназия № 2»"
    assert f"о системе наставничества педагогических работников\n{expected}\n" in text
    assert f"1.1. Настоящее Положение о системе наставничества педагогических работников {expected} (" in text
    assert "УТВЕРЖДЕНО\nприказом директора\n" in _marks(text)
    assert "Муниципальном" not in text and "Муниципальное" not in text


def test_regulation_of_a_kindergarten_is_approved_by_the_head_as_titled_there(doc_world):
    garden = _kindergarten(doc_world.world)

    text = _render(garden)

    assert "УТВЕРЖДЕНО\nприказом заведующего\n" in _marks(text)
    assert "(заведующий, начальник)" not in text and "образовательной организации\n" not in _marks(text)
    assert (
        "в муниципальном бюджетном дошкольном образовательном учреждении «Детский сад № 5 «Ромашка»»" in text
    )


def test_regulation_keeps_the_quoted_name_after_an_abbreviation(doc_world):
    garden = _kindergarten(doc_world.world)

    school = _render(doc_world.school)
    kindergarten = _render(garden)

    assert (
        "о системе наставничества педагогических работников\nв МБОУ «Средняя общеобразовательная школа № 1»\n"
        in school
    )
    assert "УТВЕРЖДЕНО\nприказом заведующего\nМБДОУ «Детский сад № 5»\n" in _marks(kindergarten)


def test_regulation_forms_fit_the_kind_of_organization(doc_world):
    # Given a school, a kindergarten and a college of Yugra
    world = doc_world.world
    garden = _kindergarten(world)
    college = f.OrgUnitFactory(parent=world.muni1, kind=OrganizationKind.COLLEGE, full_name="Колледж № 1")
    spec = get_spec("regulation")
    employer_student = MentoringForm.objects.get(code="employer_student").pk
    pedagogue = MentoringForm.objects.get(code="pedagogue_pedagogue").pk

    # Then the schools' defaults have no «работодатель — студент», the college's have it
    for organization in (doc_world.school, garden):
        defaults = spec.initial_params(organization, organization)["mentoring_forms"]
        assert employer_student not in defaults and pedagogue in defaults
    # «работодатель – студент» is a form of learners (issue 20): the college's part on learners has it
    assert employer_student not in spec.initial_params(college, college)["mentoring_forms"]
    assert employer_student in [form.pk for form in learner_forms(college)]
    assert employer_student not in [form.pk for form in learner_forms(doc_world.school)]
    forms = _render(doc_world.school).split("3.1.")[1].split("3.2.")[0]
    assert "работодатель — студент" not in forms
    assert "«педагог — педагог»" in forms
    # and a school may still choose it on purpose
    chosen = _render(doc_world.school, _params(doc_world.school, mentoring_forms=[employer_student]))
    assert "— «работодатель — студент»." in chosen


def test_regulation_lists_only_federal_awards_and_those_of_its_own_region(doc_world):
    # Given the reference's regional award of the Volgograd region and a school of Yugra
    school = doc_world.school
    volgograd = AwardKind.objects.get(code="volgograd_sign_honorary_mentor")
    yugra = AwardKind.objects.create(
        code="test_yugra_sign",
        name="Представление к награждению почётной грамотой Губернатора Ханты-Мансийского автономного округа – Югры",
        region="Ханты-Мансийский автономный округ — Югра",
    )
    spec = get_spec("regulation")

    defaults = spec.initial_params(school, school)["award_kinds"]
    text = _render(school)
    # even when an old choice of the form holds the other region's award
    forced = _render(school, _params(school, award_kinds=[volgograd.pk, yugra.pk]))

    assert volgograd.pk not in defaults and yugra.pk in defaults
    assert "Волгоградской" not in text
    assert "Волгоградской" not in forced and "Губернатора Ханты-Мансийского" in forced
    form = RegulationForm(organization=school)
    assert volgograd not in form.fields["award_kinds"].queryset
    # the Volgograd region's school keeps it
    volgograd_region = f.region(
        f.OrgUnitFactory(level=Level.FEDERAL, kind="", inn="", full_name="РФ"), "Волгоградская область"
    )
    volgograd_school = f.OrgUnitFactory(parent=volgograd_region, full_name="Школа № 3")
    assert volgograd.pk in spec.initial_params(volgograd_school, volgograd_school)["award_kinds"]


def test_regulation_words_state_and_departmental_awards_as_a_nomination(doc_world):
    lines = _award_lines(_render(doc_world.school))

    assert "— представление к награждению знаком отличия «За наставничество»;" in lines
    assert "— представление к награждению нагрудным знаком «Почётный наставник»;" in lines
    assert not [line for line in lines if re.match(r"— (знак|нагрудный знак)", line)]


def test_regulation_attaches_the_forms_it_lists_as_appendices(doc_world):
    from docx import Document as Docx

    content = _content(doc_world.school)
    text = _render(doc_world.school)
    listed = text.split("\nПриложения:\n")[1].split("\nПриложение 1")[0].splitlines()
    titles = [re.sub(r"^\d+\. ", "", line).rstrip(".") for line in listed]

    # Then each listed form is attached on its own page headed «Приложение N к Положению …»
    assert len(titles) >= 4
    appended = " ".join(text.split("\nПриложения:\n")[1].split()).casefold()
    position = 0
    for number, title in enumerate(titles, start=1):
        heading = f"приложение {number} к {APPENDIX_TO}".casefold()
        position = appended.index(heading, position) + len(heading)
        # the form's own heading follows: «СОГЛАСИЕ на …» for «Согласие наставника на …»
        assert title.split()[0].casefold() in appended[position : position + 400]
    xml = Docx(io.BytesIO(content)).element.xml
    assert xml.count('w:type="page"') + xml.count("<w:pageBreakBefore") >= len(titles)
    # and the text cites them by the numbers they carry
    numbers = appendix_numbers(titles)
    assert f"по форме согласно приложению {numbers['agreement']} к Положению." in text
    assert f"согласно приложениям {numbers['mentor']} и {numbers['mentee']} к Положению." in text
    assert f"по форме согласно приложению {numbers['personal_data']} к Положению в соответствии" in text


def test_regulation_asks_additional_duties_of_the_mentor_only(doc_world):
    text = _body(_render(doc_world.school))

    assert (
        "с письменного согласия наставника на выполнение дополнительных обязанностей, связанных с "
        "наставнической деятельностью, и письменного согласия наставляемого на участие в "
        "персонализированной программе наставничества." in text
    )
    assert "согласия их участников на возложение на них дополнительных обязанностей" not in text


def test_regulation_pdf_has_no_orphan_page_and_each_form_on_its_own_pages(doc_world, libreoffice):
    from pypdf import PdfReader

    from nastavnik.documents.render import convert_to_pdf

    content = _content(doc_world.school)
    pdf = convert_to_pdf({"regulation.docx": content})["regulation.docx"]

    pages = [
        [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]
    # the marks and the title on the first page
    assert any("УТВЕРЖДЕНО" in line for line in pages[0][:12])
    assert any("ПОЛОЖЕНИЕ" in line for line in pages[0])
    starts = [
        index
        for index, lines in enumerate(pages)
        if any(line.strip() == "Приложение 1" for line in lines[:2])
    ]
    assert len(starts) == 1
    # the last page of the act itself is no orphan: more than a few lines
    assert len(pages[starts[0] - 1]) >= 8
    # every appended form begins a page
    titles = _render(doc_world.school).split("\nПриложения:\n")[1].split("\nПриложение 1")[0].splitlines()
    for number in range(1, len(titles) + 1):
        assert [lines for lines in pages if any(line.strip() == f"Приложение {number}" for line in lines[:2])]


def test_regulation_issue_page_offers_the_region_s_awards_and_takes_the_protocols(doc_world):
    from django.test import Client

    client = Client()
    assert client.login(username="curator_a", password="pass12345")
    school = doc_world.school
    params = {
        f"p-{key}": value
        for key, value in _params(school).items()
        if key not in {"publish_on_website", "union_opinion"}
    }
    params.update({"p-union_opinion": "on", "p-publish_on_website": "on"})

    page = client.get("/documents/new/regulation/").content.decode()
    refused = client.post(
        "/documents/new/regulation/",
        {**params, "organization": school.pk, "date": "2026-11-20", "p-council_protocol_date": "не дата"},
    )
    client.post(
        "/documents/new/regulation/",
        {**params, "organization": school.pk, "date": "2026-11-20", "p-council_protocol_date": "2026-08-28"},
    )

    assert "Педагогический совет: дата протокола" in page and "Волгоградской" not in page
    assert refused.status_code == 200 and "Введите правильную дату." in refused.content.decode()
    document = Document.objects.get(kind="regulation")
    assert document.params["council_protocol_date"] == "2026-08-28"
    assert document.params["union_opinion"] is True


def test_appendix_numbers_refuse_a_list_without_a_cited_form():
    with pytest.raises(ValueError):
        appendix_numbers(["Форма соглашения", "Форма согласия наставника"])

    assert appendix_numbers(
        [
            "Форма соглашения о безусловном выполнении обязательств",
            "Форма письменного согласия наставника",
            "Форма письменного согласия наставляемого",
            "Форма согласия на обработку персональных данных",
            "Форма согласия на обработку персональных данных, разрешённых для распространения",
        ]
    ) == {"agreement": 1, "mentor": 2, "mentee": 3, "personal_data": 4, "distribution": 5}


def test_regulation_covers_the_thirteen_typical_parts_of_seed_002(doc_world):
    text = _render(doc_world.school)

    for part in (
        "3.1. В организации применяются следующие формы наставничества:",  # forms
        "4.11. Если участник программы наставничества несовершеннолетний",  # legal representatives
        "4.2. Куратор реализации программ наставничества (далее — куратор)",  # curators
        "4.7. Наставник обязан:",  # mentors
        "4.10. Наставляемый обязан:",  # mentees
        "5.2. Требования к компетенциям наставника.",  # requirements
        "5.3. Отбор наставников проводится в следующем порядке:",  # selection
        "5.4. Обучение наставников проводится",  # training
        "5.5. Ответственные за отбор и обучение наставников:",  # responsible
        "6.2. Наставнические пары (группы) формирует куратор",  # forming
        "6.3. Наставнические пары (группы) закрепляются приказом руководителя организации с письменного согласия",
        "8. Формы и сроки отчётности наставника и куратора",  # reports
        "11. Мотивирование и стимулирование наставников",  # incentives
        "10. Критерии эффективности работы наставника",  # criteria
        "12. Публикация результатов программ наставничества",  # publication
        "по форме согласно приложению",  # agreement form
        "13.3. Согласие на обработку персональных данных участника программы наставничества",  # consents
        "7.2. Персонализированная программа наставничества реализуется в пять этапов:",
        "9.2. Мониторинг влияния программ на всех участников включает два подэтапа",
    ):
        assert part in text, part
    # the ten competences of seed 001 §5.2.2
    competences = text.split("5.2. Требования к компетенциям наставника. Наставник должен:\n")[1].split(
        "\n5.3."
    )[0]
    assert len(competences.splitlines()) == 10


def test_regulation_prints_the_chosen_forms_kinds_models_and_awards(doc_world):
    # Given a school that chose one form, two kinds, no interaction model and two non-material awards
    school = doc_world.school
    params = _params(
        school,
        mentoring_forms=_ids(MentoringForm, "pedagogue_pedagogue"),
        mentoring_kinds=_ids(MentoringKind, "traditional", "reverse"),
        interaction_models=[],
        award_kinds=_ids(AwardKind, "diploma", "letter_of_thanks"),
    )

    text = _render(school, params)

    forms = text.split("3.1.")[1].split("3.2.")[0]
    assert forms == " В организации применяются следующие формы наставничества:\n— «педагог — педагог».\n"
    assert (
        "3.2. Модели взаимодействия наставника и наставляемого определяются персонализированной программой"
        in text
    )
    assert "— традиционная форма наставничества («один на один»);\n— реверсивное наставничество." in text
    assert "\nматериальное стимулирование:" not in text
    assert (
        "нематериальное стимулирование:\n— награждение дипломом;\n— награждение благодарственным письмом."
        in text
    )
    assert "11.3. Решение о поощрении наставника принимает руководитель" in text


def test_regulation_defaults_are_the_active_entries_for_teachers(doc_world):
    params = get_spec("regulation").initial_params(doc_world.school, doc_world.school)

    assert params["mentoring_forms"] == sorted(
        MentoringForm.objects.filter(is_active=True, audience="teachers")
        .exclude(code__in=["employer_student", "social_partner_pedagogue"])
        .values_list("pk", flat=True)
    )
    assert params["interaction_models"] == sorted(InteractionModel.objects.values_list("pk", flat=True))
    text = _render(doc_world.school)
    assert "«учитель — ученик»" not in text.split("3.1.")[1].split("3.2.")[0]
    assert (
        "материальное стимулирование:\n— выплата компенсационного характера за наставническую деятельность;"
        in text
    )
    assert (
        "11.3. Обязанности наставника возлагаются на педагогического работника с его письменного согласия"
        in text
    )
    assert "(статья 60.2 Трудового кодекса Российской Федерации)" in text
    assert "по соглашению сторон трудового договора (статья 151 Трудового кодекса" in text


def test_regulation_prints_the_report_terms(doc_world):
    default = _render(doc_world.school)
    assert (
        "отчёт о реализации персонализированной программы наставничества по её завершении — в течение 10 дней "
        "со дня завершения программы." in default
    )

    school = doc_world.school
    params = _params(
        school,
        mentor_report_frequency="quarter",
        mentor_report_days=21,
        curator_report_day=1,
        curator_report_month=7,
    )

    text = _render(school, params)

    assert (
        "представляет куратору письменный отчёт о реализации персонализированной программы наставничества "
        "ежеквартально — в течение 21 дня после окончания квартала, а также по завершении программы — в "
        "течение 21 дня со дня её завершения." in text
    )
    assert "Куратор ежегодно не позднее 1 июля представляет руководителю организации" in text
    assert "не позднее 20 января года, следующего за отчётным" in text


def test_regulation_publishes_on_the_website_section_or_on_the_board(doc_world):
    school = doc_world.school
    school.website = "https://school1.example.ru"
    school.save()

    published = _render(school, _params(school, website_section="Наставничество"))
    board = _render(school, _params(school, publish_on_website=False))

    assert (
        "на официальном сайте организации (https://school1.example.ru) в разделе «Наставничество»"
        in published
    )
    assert "размещаются на информационном стенде организации" in board
    assert "в разделе «Наставничество»" not in board


def test_regulation_refuses_without_address_and_head(doc_world):
    school = doc_world.school
    school.address = ""
    school.save()
    RoleAssignment.objects.filter(org_unit=school, role="head").delete()

    with pytest.raises(MissingData) as refused:
        _render(school)

    texts = [item.text for item in refused.value.items]
    assert texts[0] == "Укажите адрес организации в её карточке."
    assert texts[1].startswith("Не назначен руководитель организации")
    assert len(texts) == 2


def test_regulation_refuses_without_forms_kinds_and_awards(doc_world):
    school = doc_world.school
    params = _params(
        school,
        mentoring_forms=[],
        mentoring_kinds=[],
        award_kinds=[],
        curator_report_day=31,
        curator_report_month=6,
    )

    with pytest.raises(MissingData) as refused:
        _render(school, params)

    url = reverse("documents:issue", args=["regulation"])
    assert [(item.text, item.url) for item in refused.value.items] == [
        ("Выберите хотя бы одну форму наставничества.", url),
        ("Выберите хотя бы один вид наставничества.", url),
        ("Выберите хотя бы один способ поощрения наставников.", url),
        ("В этом месяце нет 31-го числа (каждый год).", url),
    ]


def test_regulation_form_gives_json_params_and_refuses_29_february(doc_world):
    school = doc_world.school
    data = {
        "mentoring_forms": _ids(MentoringForm, "pedagogue_pedagogue"),
        "mentoring_kinds": _ids(MentoringKind, "traditional"),
        "award_kinds": _ids(AwardKind, "diploma"),
        "mentor_report_frequency": "program_end",
        "mentor_report_days": 10,
        "curator_report_day": 15,
        "curator_report_month": 6,
        "publish_on_website": "on",
        "website_section": "Наставничество",
    }

    form = RegulationForm(data=data, organization=school)
    leap = RegulationForm(
        data={**data, "curator_report_day": 29, "curator_report_month": 2}, organization=school
    )

    assert form.is_valid(), form.errors
    assert form.to_params() == {
        **data,
        "interaction_models": [],
        "publish_on_website": True,
        "council_protocol_date": None,
        "council_protocol_number": "",
        "union_opinion": False,
        "union_protocol_date": None,
        "union_protocol_number": "",
    }
    assert not leap.is_valid()
    assert "curator_report_day" in leap.errors


def test_regulation_title_declines_the_word_and_the_organization(doc_world):
    school = doc_world.school
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «Гимназия № 2»"
    org_unit_save(unit=school)

    assert regulation_title(school, "ablt") == (
        "Положением о системе наставничества педагогических работников в муниципальном бюджетном "
        "общеобразовательном учреждении «Гимназия № 2»"
    )
