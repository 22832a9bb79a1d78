"""The organization's orders: implementing the target model with its roadmap, approving the
Положение, fixing mentoring pairs and groups (seed 002 §10; 004 §1.6.1, §1.6.5, §1.6.6; 001
§4.4.2–4.4.4; 000 §4.1.1–4.1.3)."""

from __future__ import annotations

import datetime as dt
import time
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nastavnik.access.models import RoleAssignment
from nastavnik.bank.models import MenteeProfile, MentorProfile, PersonalDataConsent
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.models import Document
from nastavnik.documents.render import convert_to_pdf
from nastavnik.documents.services import document_issue, document_render
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.specs.orders import OrderImplementationForm, OrderPairsForm
from nastavnik.documents.testing import FIXED_DATE, assert_snapshot, docx_text, pdf_text
from nastavnik.mentoring.choices import ProgramFormat
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.people.choices import Sex
from nastavnik.reference.models import MentoringForm, Position
from nastavnik.testing import factories as f

CONSENTED = dt.date(2026, 8, 28)


def _position(name: str) -> Position:
    found = Position.objects.filter(name=name).first()
    return found or Position.objects.create(code=f"orders-{Position.objects.count() + 1}", name=name)


def _teacher(school, last: str, first: str, middle: str, sex: str, position: str, **fields):
    return f.staff_member(
        school,
        last_name=last,
        first_name=first,
        middle_name=middle,
        sex=sex,
        position=_position(position),
        **fields,
    )


def _mentor(person, school, *, consent_given_on=CONSENTED):
    MentorProfile.objects.create(
        person=person, organization=school, status="active", consent_given_on=consent_given_on
    )
    return person


def _mentee(person, school, *, consent_given_on=CONSENTED):
    MenteeProfile.objects.create(person=person, organization=school, consent_given_on=consent_given_on)
    return person


def _program(school, starts_on, ends_on, *, group: bool):
    return PersonalizedProgram.objects.create(
        organization=school,
        format=ProgramFormat.GROUP if group else ProgramFormat.PAIR,
        mentoring_form=MentoringForm.objects.get(code="pedagogue_pedagogue"),
        direction="Методическое сопровождение",
        goals="Преодоление методических затруднений",
        starts_on=starts_on,
        ends_on=ends_on,
    )


def _render(kind: str, school, params=None) -> str:
    content = document_render(kind=kind, organization=school, params=params, number="45-о", date=FIXED_DATE)
    return docx_text(content)


def _missing(kind: str, school, params=None) -> list:
    with pytest.raises(MissingData) as refused:
        document_render(kind=kind, organization=school, params=params, number="45-о", date=FIXED_DATE)
    return refused.value.items


# --------------------------------------------------------------------------------------------
# The order implementing the target model
# --------------------------------------------------------------------------------------------


@pytest.fixture
def implementation(doc_world):
    """``doc_world`` plus ``logistics`` — Петров Сергей Иванович, заместитель директора по
    административно-хозяйственной работе; ``chair`` — Иванова Мария Петровна, учитель математики;
    ``params`` of an order for 1 September 2026 – 31 May 2027."""
    school = doc_world.school
    logistics = _teacher(
        school,
        "Петров",
        "Сергей",
        "Иванович",
        Sex.MALE,
        "заместитель директора по административно-хозяйственной работе",
    )
    chair = _teacher(school, "Иванова", "Мария", "Петровна", Sex.FEMALE, "учитель математики")
    params = {
        "starts_on": "2026-09-01",
        "ends_on": "2027-05-31",
        "entry_monitoring_on": "2026-10-15",
        "final_monitoring_on": "2027-05-15",
        "logistics_person": logistics.pk,
        "council_chair": chair.pk,
    }
    return SimpleNamespace(**vars(doc_world), logistics=logistics, chair=chair, params=params)


def test_implementation_order_snapshot(implementation):
    text = _render("order_implementation", implementation.school, implementation.params)

    assert_snapshot("order_implementation", text)


def test_implementation_order_names_the_responsible_in_their_cases(implementation):
    text = _render("order_implementation", implementation.school, implementation.params)

    assert (
        "Назначить куратором реализации программ наставничества Кузнецова Илью Сергеевича, заместителя "
        "директора по учебно-воспитательной работе, и возложить на него" in text
    )
    assert (
        "Назначить ответственным за материально-техническое обеспечение программ наставничества Петрова "
        "Сергея Ивановича, заместителя директора по административно-хозяйственной работе, и поручить ему"
        in text
    )
    assert "под руководством Ивановой Марии Петровны, учителя математики," in text
    assert "в период с «01» сентября 2026 г. по «31» мая 2027 г." in text
    assert (
        "входной мониторинг (до вступления участников в программы наставничества) – не позднее «15» октября 2026 г."
        in text
    )
    assert (
        "Положение о системе наставничества педагогических работников в МБОУ «Средняя общеобразовательная школа № 1» (приложение 2)"
        in text
    )
    assert "Контроль исполнения настоящего приказа оставляю за собой." in text
    assert "Директор | ____________ | Е. В. Соколова" in text
    # «С приказом ознакомлены»: the curator, the logistics person and the chair.
    for line in ("Кузнецов И. С.", "Петров С. И.", "Иванова М. П."):
        assert line in text.split("С приказом ознакомлены:")[1]


def test_implementation_appendix_is_the_approved_roadmap_of_the_organization(implementation):
    text = _render("order_implementation", implementation.school, implementation.params)

    assert (
        "6. Утвердить дорожную карту (план мероприятий) внедрения целевой модели наставничества в СОШ № 1, "
        "согласованную «28» августа 2026 г. (приложение 1)." in text
    )
    appendix = text.split("Приложение 1")[1]
    assert (
        "Дорожная карта (план мероприятий) по реализации Положения о системе наставничества\n"
        "в СОШ № 1 на период с «01» сентября 2026 г. по «30» июня 2027 г.\n"
        "(согласована «28» августа 2026 г.)" in appendix
    )
    assert "№ п/п | Мероприятие | Срок | Ответственный | Результат, вид документа" in appendix
    # a row per section, then its activities with their periods in words
    rows = appendix.split("Результат, вид документа\n")[1].splitlines()[:7]
    assert rows == [
        "1. | Нормативное правовое обеспечение | ",
        "1.1 | Издание приказа о внедрении целевой модели наставничества | Сентябрь 2026 | "
        "Руководитель образовательной организации | Приказ",
        "1.2 | Разработка и утверждение Положения о системе наставничества педагогических работников | "
        "01.09.2026 – 15.10.2026 | Руководитель образовательной организации, куратор | "
        "Положение о системе наставничества",
        "2. | Реализация программ наставничества | ",
        "2.1 | Формирование наставнических пар (групп) | Октябрь – ноябрь 2026 | Куратор | "
        "Приказ о закреплении наставнических пар (групп)",
        "2.2 | Информирование педагогического и родительского сообществ на официальном сайте | Ежемесячно | "
        "Куратор, наставники | Публикации на официальном сайте",
        "2.3 | Представление отчётных материалов в муниципальный орган управления образованием | "
        "До 20.01.2027 | Куратор | Отчётные материалы",
    ]


def test_implementation_appendix_prints_the_sections_in_bold(implementation):
    import io

    from docx import Document as read_docx

    content = document_render(
        kind="order_implementation",
        organization=implementation.school,
        params=implementation.params,
        number="45-о",
        date=FIXED_DATE,
    )

    table = read_docx(io.BytesIO(content)).tables[-1]
    bold = {
        row.cells[1].text: all(run.bold for p in row.cells[1].paragraphs for run in p.runs if run.text)
        for row in table.rows[1:]
    }
    assert bold["Нормативное правовое обеспечение"] is True
    assert bold["Формирование наставнических пар (групп)"] is False


def test_implementation_order_takes_the_latest_approved_roadmap_of_its_period(implementation):
    from nastavnik.documents.testing import approved_roadmap
    from nastavnik.roadmaps.models import Roadmap
    from nastavnik.roadmaps.services import roadmap_reopen

    # given a newer roadmap approved for the same year, and a still newer one reopened for changes
    newer = approved_roadmap(implementation.world, implementation.school)
    Roadmap.objects.filter(pk=newer.pk).update(
        title="Обновлённая дорожная карта", starts_on=dt.date(2026, 9, 2)
    )
    later = approved_roadmap(implementation.world, implementation.school)
    Roadmap.objects.filter(pk=later.pk).update(title="Черновик изменений", starts_on=dt.date(2026, 9, 3))
    roadmap_reopen(roadmap=later, by=implementation.world.users["curator_a"], comment="Новые сроки")

    text = _render("order_implementation", implementation.school, implementation.params)

    # then the latest approved one is reprinted
    appendix = text.split("Приложение 1")[1]
    assert "\nОбновлённая дорожная карта\nв СОШ № 1 на период с «02» сентября 2026 г." in appendix
    assert "Черновик изменений" not in appendix and "по реализации Положения" not in appendix


def test_implementation_order_refuses_without_an_approved_roadmap_for_its_period(implementation):
    from nastavnik.roadmaps.services import roadmap_reopen

    # given the school's only roadmap reopened for changes (a draft again)
    roadmap_reopen(
        roadmap=implementation.roadmap, by=implementation.world.users["curator_a"], comment="Новые сроки"
    )

    items = _missing("order_implementation", implementation.school, implementation.params)

    # then the order names what is missing and links to drawing up a roadmap for the school
    [item] = items
    assert item.text == (
        "Нет утверждённой дорожной карты организации на период 01.09.2026 – 31.05.2027: составьте её "
        "(можно по шаблону) и направьте на согласование в муниципалитет."
    )
    assert item.url == reverse("roadmaps:create") + f"?owner={implementation.school.pk}"


def test_implementation_order_refuses_a_roadmap_of_another_period(implementation):
    # given an order for the next school year: the roadmap for 2026/27 does not cover it
    params = {
        **implementation.params,
        "starts_on": "2027-09-01",
        "ends_on": "2028-05-31",
        "entry_monitoring_on": "2027-10-15",
        "final_monitoring_on": "2028-05-15",
    }

    texts = [item.text for item in _missing("order_implementation", implementation.school, params)]

    assert texts == [
        "Нет утверждённой дорожной карты организации на период 01.09.2027 – 31.05.2028: составьте её "
        "(можно по шаблону) и направьте на согласование в муниципалитет."
    ]


def test_implementation_order_without_a_chair_asks_the_curator_for_the_council(implementation):
    params = {**implementation.params, "council_chair": None}

    text = _render("order_implementation", implementation.school, params)

    assert (
        "4. Создать методическое объединение (совет) наставников, возложив на него следующие задачи:" in text
    )
    assert "представить на утверждение состав методического объединения (совета) наставников" in text


def test_implementation_order_refuses_without_logistics_person_and_with_dates_out_of_order(implementation):
    params = {
        **implementation.params,
        "logistics_person": None,
        "ends_on": "2026-08-01",
    }

    items = _missing("order_implementation", implementation.school, params)

    texts = [item.text for item in items]
    assert "Выберите ответственного за материально-техническое обеспечение программ наставничества." in texts
    assert "Окончание внедрения целевой модели должно быть позже его начала." in texts
    assert all(item.url == reverse("documents:issue", args=["order_implementation"]) for item in items)


def test_implementation_order_refuses_monitoring_outside_the_period(implementation):
    params = {
        **implementation.params,
        "entry_monitoring_on": "2026-08-15",
        "final_monitoring_on": "2027-06-10",
    }

    texts = [item.text for item in _missing("order_implementation", implementation.school, params)]

    assert "Дата входного мониторинга должна быть в пределах срока внедрения целевой модели." in texts
    assert "Дата итогового мониторинга должна быть в пределах срока внедрения целевой модели." in texts


def test_implementation_order_refuses_without_address_head_and_curator(implementation):
    school = implementation.school
    school.address = ""
    school.save()
    RoleAssignment.objects.filter(org_unit=school, role__in=["head", "curator"]).delete()

    items = _missing("order_implementation", school, implementation.params)

    texts = " ".join(item.text for item in items)
    assert "Укажите адрес организации" in texts
    assert "Не назначен руководитель организации" in texts
    assert "Не назначен куратор реализации программ наставничества" in texts
    assert reverse("organizations:edit", args=[school.pk]) in [item.url for item in items]


def test_implementation_order_refuses_a_logistics_person_of_another_school(implementation):
    params = {**implementation.params, "logistics_person": implementation.world.teacher_b.pk}

    texts = [item.text for item in _missing("order_implementation", implementation.school, params)]

    assert (
        "Выберите ответственного за материально-техническое обеспечение из работников организации." in texts
    )


def test_implementation_form_gives_json_params_and_checks_the_dates(implementation):
    data = {**implementation.params, "council_chair": ""}

    form = OrderImplementationForm(data=data, organization=implementation.school)
    wrong = OrderImplementationForm(
        data={**data, "final_monitoring_on": "2026-10-01"}, organization=implementation.school
    )
    stranger = OrderImplementationForm(
        data={**data, "logistics_person": implementation.world.teacher_b.pk},
        organization=implementation.school,
    )

    assert form.is_valid(), form.errors
    assert form.to_params() == {**implementation.params, "council_chair": None}
    assert not wrong.is_valid()
    assert wrong.non_field_errors() == ["Итоговый мониторинг должен быть позже входного."]
    assert not stranger.is_valid()
    assert "logistics_person" in stranger.errors


# --------------------------------------------------------------------------------------------
# The order approving the Положение
# --------------------------------------------------------------------------------------------


def _regulation_issued(doc_world):
    return Document.objects.create(
        organization=doc_world.school,
        kind=DocumentKind.REGULATION,
        title="Положение о системе наставничества",
        date=FIXED_DATE,
    )


def test_regulation_order_snapshot(doc_world):
    _regulation_issued(doc_world)
    params = {"effective_from": "2026-12-01", "publish_within_days": 10}

    text = _render("order_regulation", doc_world.school, params)

    assert_snapshot("order_regulation", text)
    assert "1. Утвердить Положение о системе наставничества педагогических работников в МБОУ" in text
    assert "2. Ввести Положение в действие с «01» декабря 2026 г." in text
    assert (
        "3. Назначить Кузнецова Илью Сергеевича, заместителя директора по учебно-воспитательной работе, "
        "куратора реализации программ наставничества, ответственным за ознакомление" in text
    )
    assert "4. Кузнецову Илье Сергеевичу обеспечить размещение Положения" in text
    assert "в течение 10 дней со дня подписания настоящего приказа (не позднее «01» декабря 2026 г.)" in text


def test_regulation_order_counts_one_day_in_the_genitive(doc_world):
    _regulation_issued(doc_world)

    text = _render(
        "order_regulation", doc_world.school, {"effective_from": "2026-12-01", "publish_within_days": 21}
    )

    assert "в течение 21 дня со дня подписания" in text


def test_regulation_order_refuses_without_a_regulation_in_the_registry(doc_world):
    items = _missing(
        "order_regulation", doc_world.school, {"effective_from": "2026-12-01", "publish_within_days": 10}
    )

    assert [item.url for item in items] == [reverse("documents:issue", args=["regulation"])]
    assert "Сначала составьте Положение о системе наставничества" in items[0].text


def test_regulation_order_refuses_without_head_and_curator(doc_world):
    _regulation_issued(doc_world)
    RoleAssignment.objects.filter(org_unit=doc_world.school, role__in=["head", "curator"]).delete()

    items = _missing("order_regulation", doc_world.school)

    texts = " ".join(item.text for item in items)
    assert "Не назначен руководитель организации" in texts
    assert "Не назначен куратор реализации программ наставничества" in texts


# --------------------------------------------------------------------------------------------
# The order fixing pairs and groups
# --------------------------------------------------------------------------------------------


@pytest.fixture
def pairs(doc_world):
    """School A of ``doc_world`` with two open pairs not fixed by any order:
    ``pair`` — Иванова Мария Петровна (учитель математики) with Петрова Анна Сергеевна (учитель
    начальных классов), no program, started 1 September 2026; ``group`` — Шевчук Олег
    Николаевич (учитель физики) with Белых Дарья Андреевна (учитель информатики) and Сидоренко
    Павел Игоревич (учитель истории) in one program, 1 October 2026 – 31 May 2027. Everyone
    has both written consents and a consent to personal-data processing."""
    school = doc_world.school
    ivanova = _mentor(
        _teacher(school, "Иванова", "Мария", "Петровна", Sex.FEMALE, "учитель математики"), school
    )
    petrova = _mentee(
        _teacher(school, "Петрова", "Анна", "Сергеевна", Sex.FEMALE, "учитель начальных классов"), school
    )
    shevchuk = _mentor(_teacher(school, "Шевчук", "Олег", "Николаевич", Sex.MALE, "учитель физики"), school)
    belykh = _mentee(
        _teacher(school, "Белых", "Дарья", "Андреевна", Sex.FEMALE, "учитель информатики"), school
    )
    sidorenko = _mentee(
        _teacher(school, "Сидоренко", "Павел", "Игоревич", Sex.MALE, "учитель истории"), school
    )
    pair = Pair.objects.create(
        mentor=ivanova, mentee=petrova, organization=school, started_on=dt.date(2026, 9, 1)
    )
    program = _program(school, dt.date(2026, 10, 1), dt.date(2027, 5, 31), group=True)
    group = [
        Pair.objects.create(
            mentor=shevchuk,
            mentee=mentee,
            organization=school,
            program=program,
            started_on=dt.date(2026, 10, 1),
        )
        for mentee in (belykh, sidorenko)
    ]
    return SimpleNamespace(
        **vars(doc_world),
        ivanova=ivanova,
        petrova=petrova,
        shevchuk=shevchuk,
        belykh=belykh,
        sidorenko=sidorenko,
        pair=pair,
        group=group,
        params={"pairs": sorted([pair.pk, *(p.pk for p in group)])},
    )


def test_pairs_order_snapshot(pairs):
    text = _render("order_pairs", pairs.school, pairs.params)

    assert_snapshot("order_pairs", text)


def test_pairs_order_appoints_each_mentor_in_the_accusative(pairs):
    text = _render("order_pairs", pairs.school, pairs.params)

    assert "(всего – 1 пара, 1 группа)" in text
    assert (
        "Назначить наставником Иванову Марию Петровну, учителя математики, закрепив за ней Петрову Анну "
        "Сергеевну, учителя начальных классов." in text
    )
    assert (
        "Назначить наставником Шевчука Олега Николаевича, учителя физики, закрепив за ним наставническую "
        "группу: Белых Дарью Андреевну, учителя информатики; Сидоренко Павла Игоревича, учителя истории."
        in text
    )
    assert (
        "Куратору реализации программ наставничества Кузнецову Илье Сергеевичу, заместителю директора" in text
    )


def test_pairs_order_appendix_has_one_row_per_pair_and_per_group(pairs):
    text = _render("order_pairs", pairs.school, pairs.params)

    appendix = text.split("Наставнические пары (группы) педагогических работников")[1]
    assert (
        "1 | Иванова Мария Петровна, учитель математики | Петрова Анна Сергеевна, учитель начальных классов "
        "| определяется персонализированной программой наставничества | с 01.09.2026" in appendix
    )
    assert (
        "2 | Шевчук Олег Николаевич, учитель физики | Белых Дарья Андреевна, учитель информатики; Сидоренко "
        "Павел Игоревич, учитель истории | «педагог – педагог» | 01.10.2026 – 31.05.2027" in appendix
    )
    acquainted = text.split("С приказом ознакомлены:")[1]
    for short in (
        "Кузнецов И. С.",
        "Иванова М. П.",
        "Петрова А. С.",
        "Шевчук О. Н.",
        "Белых Д. А.",
        "Сидоренко П. И.",
    ):
        assert short in acquainted


def test_pairs_order_with_many_pairs_refers_to_the_appendix(pairs):
    # Given four more pairs, so that there are more rows than the body names
    school = pairs.school
    ids = list(pairs.params["pairs"])
    for number in range(4):
        mentor = _mentor(
            _teacher(school, f"Учителева{number}", "Ольга", "Ивановна", Sex.FEMALE, "учитель химии"), school
        )
        mentee = _mentee(
            _teacher(school, f"Молодова{number}", "Ирина", "Олеговна", Sex.FEMALE, "учитель биологии"), school
        )
        ids.append(
            Pair.objects.create(
                mentor=mentor, mentee=mentee, organization=school, started_on=dt.date(2026, 9, 1)
            ).pk
        )

    text = _render("order_pairs", school, {"pairs": ids})

    assert "(всего – 5 пар, 1 группа)" in text
    assert "2. Назначить наставниками педагогических работников" in text and "согласно приложению" in text
    assert "Назначить наставником Иванову" not in text


def test_pairs_order_defaults_to_open_pairs_not_fixed_by_an_order(pairs):
    spec = get_spec("order_pairs")
    world_pair = Pair.objects.get(mentor=pairs.world.mentor_a)
    ended = Pair.objects.create(
        mentor=pairs.ivanova,
        mentee=pairs.world.teacher_a,
        organization=pairs.school,
        started_on=dt.date(2026, 1, 10),
        ended_on=dt.date(2026, 6, 1),
    )
    order = Document.objects.create(
        organization=pairs.school,
        kind=DocumentKind.ORDER_PAIRS,
        title="Приказ",
        number="1",
        date=FIXED_DATE,
        params={"pairs": [world_pair.pk]},
    )
    order.pairs.set([world_pair])

    params = spec.default_params(pairs.school, pairs.school)

    assert params == pairs.params
    assert ended.pk not in params["pairs"]


def test_pairs_order_issue_records_the_fixed_pairs(pairs):
    document = document_issue(
        kind="order_pairs",
        organization=pairs.school,
        author=pairs.world.users["curator_a"],
        params=pairs.params,
        number="45-о",
        date=FIXED_DATE,
    )

    assert sorted(document.pairs.values_list("pk", flat=True)) == pairs.params["pairs"]
    assert get_spec("order_pairs").initial_params(pairs.school, pairs.school)["pairs"] == [
        Pair.objects.get(mentor=pairs.world.mentor_a).pk
    ]


def test_pairs_form_offers_the_open_pairs_of_the_school(pairs):
    pairs.pair.ended_on = dt.date(2026, 10, 1)
    pairs.pair.save()
    other = Pair.objects.create(
        mentor=f.staff_member(pairs.world.school_b),
        mentee=pairs.world.teacher_b,
        organization=pairs.world.school_b,
        started_on=dt.date(2026, 9, 1),
    )

    form = OrderPairsForm(data={"pairs": [p.pk for p in pairs.group]}, organization=pairs.school)

    offered = set(form.fields["pairs"].queryset.values_list("pk", flat=True))
    assert offered == {*(p.pk for p in pairs.group), Pair.objects.get(mentor=pairs.world.mentor_a).pk}
    assert pairs.pair.pk not in offered and other.pk not in offered
    assert form.is_valid(), form.errors
    assert form.to_params() == {"pairs": sorted(p.pk for p in pairs.group)}


def test_pairs_order_refuses_without_consents_naming_each_person(pairs):
    # Given a mentor without written consent, a mentee with no consent to personal-data processing
    profile = MentorProfile.objects.get(person=pairs.shevchuk)
    profile.consent_given_on = None
    profile.save()
    PersonalDataConsent.objects.filter(person=pairs.petrova).delete()
    MenteeProfile.objects.filter(person=pairs.sidorenko).delete()

    items = _missing("order_pairs", pairs.school, pairs.params)

    by_text = {item.text: item.url for item in items}
    assert by_text[
        "Нет письменного согласия наставника (Шевчук Олег Николаевич): укажите дату согласия в профиле наставника."
    ] == reverse("bank:mentor_edit", args=[profile.pk])
    assert by_text[
        "Нет действующего согласия на обработку персональных данных (Петрова Анна Сергеевна): внесите "
        "согласие в карточке работника."
    ] == reverse("bank:consent_record", args=[pairs.petrova.pk])
    assert (
        by_text[
            "Сидоренко Павел Игоревич не внесен в банк наставляемых: добавьте работника в банк и укажите дату "
            "письменного согласия наставляемого."
        ]
        == reverse("bank:mentee_add") + f"?person={pairs.sidorenko.pk}"
    )
    # one item per person: Шевчук mentors two mentees but is named once
    assert sum("Шевчук" in item.text for item in items) == 1


def test_pairs_order_refuses_a_mentee_without_written_consent(pairs):
    profile = MenteeProfile.objects.get(person=pairs.belykh)
    profile.consent_given_on = None
    profile.save()

    items = _missing("order_pairs", pairs.school, pairs.params)

    assert [(item.text, item.url) for item in items] == [
        (
            "Нет письменного согласия наставляемого (Белых Дарья Андреевна): укажите дату согласия в профиле "
            "наставляемого.",
            reverse("bank:mentee_edit", args=[profile.pk]),
        )
    ]


def test_pairs_order_refuses_without_pairs_head_and_curator(pairs):
    RoleAssignment.objects.filter(org_unit=pairs.school, role__in=["head", "curator"]).delete()

    items = _missing("order_pairs", pairs.school, {"pairs": []})

    texts = " ".join(item.text for item in items)
    assert "Выберите наставнические пары, которые закрепляет приказ (все действующие пары" in texts
    assert "Не назначен руководитель организации" in texts
    assert "Не назначен куратор реализации программ наставничества" in texts


def test_pairs_order_refuses_an_ended_pair(pairs):
    pairs.pair.ended_on = dt.date(2026, 10, 1)
    pairs.pair.save()

    texts = [item.text for item in _missing("order_pairs", pairs.school, pairs.params)]

    assert "Часть выбранных пар завершена или относится к другой организации: выберите пары заново." in texts


def _many_pairs(school, count: int, prefix: str) -> list[int]:
    ids = []
    for number in range(count):
        mentor = _mentor(
            _teacher(school, f"{prefix}Наставник{number}", "Ольга", "Ивановна", Sex.FEMALE, "учитель химии"),
            school,
        )
        mentee = _mentee(
            _teacher(
                school, f"{prefix}Наставляемый{number}", "Пётр", "Олегович", Sex.MALE, "учитель биологии"
            ),
            school,
        )
        ids.append(
            Pair.objects.create(
                mentor=mentor, mentee=mentee, organization=school, started_on=dt.date(2026, 9, 1)
            ).pk
        )
    return ids


def test_pairs_order_queries_do_not_grow_with_the_pairs(doc_world, django_assert_max_num_queries):
    # Given two pairs and six pairs
    school = doc_world.school
    two = _many_pairs(school, 2, "А")
    six = _many_pairs(school, 6, "Б")
    _render("order_pairs", school, {"pairs": two})  # warm the caches of declension and content types

    # When each order is drawn up
    with CaptureQueriesContext(connection) as for_two:
        _render("order_pairs", school, {"pairs": two})

    # Then the six cost no more queries than the two
    with django_assert_max_num_queries(len(for_two.captured_queries)):
        _render("order_pairs", school, {"pairs": six})


def test_pairs_order_of_a_hundred_pairs_is_fast(doc_world):
    school = doc_world.school
    ids = _many_pairs(school, 100, "В")
    _render("order_pairs", school, {"pairs": ids[:2]})  # warm the template and the dictionaries

    started = time.perf_counter()
    text = _render("order_pairs", school, {"pairs": ids})
    elapsed = time.perf_counter() - started

    assert "(всего – 100 пар)" in text
    assert elapsed < 1.0, f"100 пар: {elapsed:.2f} с"


# --------------------------------------------------------------------------------------------
# PDF of all four kinds
# --------------------------------------------------------------------------------------------


def test_orders_and_regulation_convert_to_pdf_with_declined_names(implementation, libreoffice):
    # Given the four documents of the organization
    school = implementation.school
    shevchuk = _mentor(_teacher(school, "Шевчук", "Олег", "Николаевич", Sex.MALE, "учитель физики"), school)
    belykh = _mentee(
        _teacher(school, "Белых", "Дарья", "Андреевна", Sex.FEMALE, "учитель информатики"), school
    )
    pair = Pair.objects.create(
        mentor=shevchuk, mentee=belykh, organization=school, started_on=dt.date(2026, 9, 1)
    )
    _regulation_issued(implementation)
    files = {
        f"{kind}.docx": document_render(
            kind=kind, organization=school, params=params, number="45-о", date=FIXED_DATE
        )
        for kind, params in (
            ("order_implementation", implementation.params),
            ("regulation", None),
            ("order_regulation", {"effective_from": "2026-12-01", "publish_within_days": 10}),
            ("order_pairs", {"pairs": [pair.pk]}),
        )
    }

    # When they are converted in one run
    pdfs = convert_to_pdf(files)

    # Then each PDF holds its declined names
    texts = {name: pdf_text(content) for name, content in pdfs.items()}
    assert "Кузнецова Илью Сергеевича" in texts["order_implementation.docx"]
    assert "Петрова Сергея Ивановича" in texts["order_implementation.docx"]
    assert "приказом директора" in texts["regulation.docx"]
    assert "Кузнецову Илье Сергеевичу" in texts["order_regulation.docx"]
    assert "Шевчука Олега Николаевича" in texts["order_pairs.docx"]
    assert "Белых Дарью Андреевну" in texts["order_pairs.docx"]
