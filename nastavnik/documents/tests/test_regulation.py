"""The organization's «Положение о системе наставничества педагогических работников» with the
thirteen typical parts of seed 002 §10, generated from the organization's choices."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.access.models import RoleAssignment
from nastavnik.documents.services import document_render
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.specs.regulation import RegulationForm, regulation_title
from nastavnik.documents.testing import FIXED_DATE, assert_snapshot, docx_text
from nastavnik.reference.models import AwardKind, InteractionModel, MentoringForm, MentoringKind


def _render(school, params=None) -> str:
    return docx_text(document_render(kind="regulation", organization=school, params=params, date=FIXED_DATE))


def _params(school, **changes) -> dict:
    params = get_spec("regulation").initial_params(school, school)
    params.update(changes)
    return params


def _ids(model, *codes) -> list[int]:
    return sorted(model.objects.filter(code__in=codes).values_list("pk", flat=True))


def test_regulation_snapshot(doc_world):
    text = _render(doc_world.school)

    assert_snapshot("regulation", text)


def test_regulation_has_the_approval_stamp_and_the_title_in_the_prepositional(doc_world):
    text = _render(doc_world.school)

    assert text.startswith(
        "| УТВЕРЖДЕНО\nприказом директора\nСОШ № 1\nот «____» ____________ 20____ г. № _____"
    )
    assert (
        "ПОЛОЖЕНИЕ\nо системе наставничества педагогических работников\nв МБОУ «Средняя общеобразовательная школа № 1»"
        in text
    )


def test_regulation_covers_the_thirteen_typical_parts_of_seed_002(doc_world):
    text = _render(doc_world.school)

    for part in (
        "3.1. В организации применяются следующие формы наставничества:",  # forms
        "4.11. Если участник программы наставничества несовершеннолетний",  # legal representatives
        "4.2. Куратор реализации программ наставничества (далее – куратор)",  # curators
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
        "по форме согласно приложению 1 к Положению",  # agreement form
        "Согласие на обработку персональных данных участника программы наставничества",  # consents
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
    assert forms == " В организации применяются следующие формы наставничества:\n– «педагог – педагог».\n"
    assert (
        "3.2. Модели взаимодействия наставника и наставляемого определяются персонализированной программой"
        in text
    )
    assert "– традиционная форма наставничества («один на один»);\n– реверсивное наставничество." in text
    assert "\nматериальное стимулирование:" not in text
    assert (
        "нематериальное стимулирование:\n– награждение дипломом;\n– награждение благодарственным письмом."
        in text
    )
    assert "11.3. Решение о поощрении наставника принимает руководитель" in text


def test_regulation_defaults_are_the_active_entries_for_teachers(doc_world):
    params = get_spec("regulation").initial_params(doc_world.school, doc_world.school)

    assert params["mentoring_forms"] == sorted(
        MentoringForm.objects.filter(is_active=True, audience="teachers").values_list("pk", flat=True)
    )
    assert params["interaction_models"] == sorted(InteractionModel.objects.values_list("pk", flat=True))
    text = _render(doc_world.school)
    assert "«учитель – ученик»" not in text
    assert (
        "материальное стимулирование:\n– выплата компенсационного характера за наставническую деятельность;"
        in text
    )
    assert "11.3. Размеры выплат наставникам устанавливаются коллективным договором" in text


def test_regulation_prints_the_report_terms(doc_world):
    default = _render(doc_world.school)
    assert (
        "отчёт о реализации персонализированной программы наставничества по её завершении – в течение 10 дней "
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
        "ежеквартально – в течение 21 дня после окончания квартала, а также по завершении программы – в "
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
    assert form.to_params() == {**data, "interaction_models": [], "publish_on_website": True}
    assert not leap.is_valid()
    assert "curator_report_day" in leap.errors


def test_regulation_title_declines_the_word_and_the_organization(doc_world):
    school = doc_world.school
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «Гимназия № 2»"

    assert regulation_title(school, "ablt") == (
        "Положением о системе наставничества педагогических работников в Муниципальном бюджетном "
        "общеобразовательном учреждении «Гимназия № 2»"
    )
