"""The organization's orders: implementing the target model with its roadmap, approving the
Положение, fixing mentoring pairs and groups (seed 002 §10; 004 §1.6.1, §1.6.5, §1.6.6; 001
§4.4.2–4.4.4; 000 §4.1.1–4.1.3)."""

from __future__ import annotations

import datetime as dt
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


def _appendix(text: str) -> str:
    """The text of an order's appendix: what follows its stamp «Приложение к приказу СОШ № 1»."""
    return text.split("\nк приказу СОШ № 1\n", 1)[1]


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
    assert (
        "входной мониторинг (до вступления участников в программы наставничества) — не позднее 15 октября 2026 г."
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
        "согласованную с муниципальным органом управления образованием города Сургута 28 августа 2026 г. "
        "(приложение)." in text
    )
    appendix = _appendix(text)
    assert (
        "Дорожная карта (план мероприятий) по реализации Положения о системе наставничества\n"
        "в СОШ № 1 на период с 1 сентября 2026 г. по 30 июня 2027 г.\n"
        "(согласована с муниципальным органом управления образованием города Сургута 28 августа 2026 г.)"
        in appendix
    )
    assert "№ п/п | Мероприятие | Срок | Ответственный | Результат, вид документа" in appendix
    # a row per section, then its activities with their periods in words
    rows = appendix.split("Результат, вид документа\n")[1].splitlines()[:7]
    assert rows == [
        "1. | Нормативное правовое обеспечение | ",
        "1.1 | Издание приказа о внедрении целевой модели наставничества | Сентябрь 2026 | "
        "Руководитель образовательной организации | Приказ",
        "1.2 | Разработка и утверждение Положения о системе наставничества педагогических работников | "
        "01.09.2026–15.10.2026 | Руководитель образовательной организации, куратор | "
        "Положение о системе наставничества",
        "2. | Реализация программ наставничества | ",
        "2.1 | Формирование наставнических пар (групп) | Октябрь — ноябрь 2026 | Куратор | "
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
    appendix = _appendix(text)
    assert "\nОбновлённая дорожная карта\nв СОШ № 1 на период с 2 сентября 2026 г." in appendix
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
    assert "1. Утвердить Положение о системе наставничества педагогических работников в " in text
    assert "2. Ввести Положение в действие с 1 декабря 2026 г." in text
    assert (
        "3. Назначить Кузнецова Илью Сергеевича, заместителя директора по учебно-воспитательной работе, "
        "куратора реализации программ наставничества, ответственным за ознакомление" in text
    )
    assert "4. Кузнецову Илье Сергеевичу обеспечить размещение Положения" in text
    assert "в течение 10 дней со дня подписания настоящего приказа (не позднее 1 декабря 2026 г.)" in text


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

    assert "(всего — 1 пара, 1 группа)" in text
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
    # both started before the order of 21 November 2026: fixed from its date, not backdated
    assert (
        "1 | Иванова Мария Петровна, учитель математики | Петрова Анна Сергеевна, учитель начальных классов "
        "| определяется персонализированной программой наставничества | с 21.11.2026" in appendix
    )
    assert (
        "2 | Шевчук Олег Николаевич, учитель физики | Белых Дарья Андреевна, учитель информатики; Сидоренко "
        "Павел Игоревич, учитель истории | «педагог — педагог» | 21.11.2026–31.05.2027" in appendix
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

    assert "(всего — 5 пар, 1 группа)" in text
    assert (
        "2. Назначить наставниками педагогических работников, указанных в приложении к настоящему приказу, "
        "с их письменного согласия." in text
    )
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


def test_pairs_order_of_a_hundred_pairs_reads_them_in_as_many_queries_as_two(doc_world):
    """The order of 100 pairs costs the queries of the order of 2 (no query per pair); its
    speed is a benchmark's (benchmarks/documents.py), not a timed test's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    school = doc_world.school
    ids = _many_pairs(school, 100, "В")
    _render("order_pairs", school, {"pairs": ids[:2]})  # warm the template and the dictionaries
    with CaptureQueriesContext(connection) as two:
        _render("order_pairs", school, {"pairs": ids[:2]})
    with CaptureQueriesContext(connection) as hundred:
        text = _render("order_pairs", school, {"pairs": ids})

    assert "(всего — 100 пар)" in text
    assert len(hundred) == len(two), [q["sql"][:120] for q in hundred]


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


# --------------------------------------------------------------------------------------------
# Issue 15: names in their cases, titles, place of issue, deadlines, the Положение approved once
# --------------------------------------------------------------------------------------------

ORDER_KINDS = ("order_implementation", "order_regulation", "order_pairs")


@pytest.fixture
def three_orders(implementation):
    """The ``implementation`` world with a Положение in the registry and one pair of school A,
    so that each of the three orders can be drawn up; ``params`` by kind."""
    school = implementation.school
    shevchuk = _mentor(_teacher(school, "Шевчук", "Олег", "Николаевич", Sex.MALE, "учитель физики"), school)
    belykh = _mentee(
        _teacher(school, "Белых", "Дарья", "Андреевна", Sex.FEMALE, "учитель информатики"), school
    )
    pair = Pair.objects.create(
        mentor=shevchuk, mentee=belykh, organization=school, started_on=dt.date(2026, 12, 1)
    )
    _regulation_issued(implementation)
    params = {
        "order_implementation": implementation.params,
        "order_regulation": {"effective_from": "2026-12-01", "publish_within_days": 10},
        "order_pairs": {"pairs": [pair.pk]},
    }
    return SimpleNamespace(**vars(implementation), pair=pair, params_by_kind=params)


def _render_all(world) -> dict[str, str]:
    return {kind: _render(kind, world.school, world.params_by_kind[kind]) for kind in ORDER_KINDS}


def test_each_order_has_the_place_of_issue_under_its_date_and_number(three_orders):
    # Given the place of issue taken from the address, then entered on the card
    texts = _render_all(three_orders)
    three_orders.school.place = "пгт Фёдоровский"
    three_orders.school.save()
    entered = _render_all(three_orders)

    for kind in ORDER_KINDS:
        assert "\n21 ноября 2026 г. | № 45-о\nг. Сургут\nО" in texts[kind], kind
        assert "\n21 ноября 2026 г. | № 45-о\nпгт Фёдоровский\nО" in entered[kind], kind


def test_orders_use_the_organization_name_in_the_case_the_sentence_needs(three_orders):
    # Given a school whose short name declines, with its case forms as edited on the card
    school = three_orders.school
    school.short_name = "Школа № 7"
    school.short_name_gent = "Школы № 7"
    school.short_name_loct = "Школе № 7"
    school.save()

    texts = _render_all(three_orders)

    implementation, regulation, pairs = (texts[kind] for kind in ORDER_KINDS)
    assert "закрепления в профессии педагогических работников Школы № 7, включая" in implementation
    assert "1. Внедрить в Школе № 7 систему (целевую модель)" in implementation
    assert "внедрения целевой модели наставничества в Школе № 7, согласованную" in implementation
    assert "\nк приказу Школы № 7\n" in implementation and "\nв Школе № 7 на период с" in implementation
    assert "на официальном сайте Школы № 7 в разделе «Наставничество»" in regulation
    assert "5. Педагогическим работникам Школы № 7, участвующим" in regulation
    assert "педагогических работников Школы № 7 согласно приложению" in pairs
    # the registered (nominative) name never follows a word that governs another case
    for kind, text in texts.items():
        body = text.split("\n", 2)[2]  # past the letterhead
        for governing in ("работников", "в", "сайте", "приказу", "работникам"):
            assert f" {governing} Школа № 7" not in body, (kind, governing)


def test_orders_sign_with_the_staff_schedule_title_of_the_head(three_orders):
    # Given a head whose card gives only the national list's position
    head = three_orders.head
    head.position = _position("Директор (заведующий, начальник) образовательной организации")
    head.job_title = ""
    head.save()
    head.employments.update(job_title="", position=head.position)
    # and a curator whose staff-schedule title is entered on the place of work
    three_orders.curator.employments.update(job_title="заместитель директора по УВР")

    texts = _render_all(three_orders)

    for kind, text in texts.items():
        assert "Директор | ____________ | Е. В. Соколова" in text, kind
        assert "заведующий" not in text and "начальник" not in text, kind
        acquainted = text.split("С приказом ознакомлены:")[1]
        assert "Кузнецов И. С. | заместитель директора по УВР |" in acquainted, kind
    assert (
        "Кузнецова Илью Сергеевича, заместителя директора по УВР, и возложить"
        in texts["order_implementation"]
    )


def test_implementation_order_takes_the_period_of_its_roadmap(implementation):
    # Given params for 7 September 2026 – 31 May 2029 and the roadmap for 2026/27
    params = {**implementation.params, "starts_on": "2026-09-07", "ends_on": "2029-05-31"}

    text = _render("order_implementation", implementation.school, params)

    # then the order and its appendix state one period: the roadmap's
    assert "в период с 1 сентября 2026 г. по 30 июня 2027 г. в соответствии с дорожной картой" in text
    assert "2029" not in text


def _add_monitoring(roadmap, entry: str, final: str) -> None:
    from nastavnik.roadmaps.models import RoadmapItem, RoadmapSection
    from nastavnik.roadmaps.periods import period_parse

    section = RoadmapSection.objects.create(roadmap=roadmap, number="3.", title="Мониторинг", sort_order=99)
    for number, activity, period in (
        ("3.1", "Входное анкетирование наставников и наставляемых", entry),
        ("3.2", "Итоговый мониторинг эффективности программ наставничества", final),
    ):
        item = RoadmapItem(
            roadmap=roadmap, section=section, number=number, activity=activity, responsible="Куратор"
        )
        item.period = period_parse(period)
        item.save()


def test_implementation_order_takes_the_monitoring_deadlines_of_its_roadmap(implementation):
    # Given the roadmap's entry questionnaire in October 2026 (the 31st is a Saturday) and its
    # final monitoring in May 2027, while the order's params say 15 October and 15 May
    _add_monitoring(implementation.roadmap, "Октябрь 2026", "Май 2027")

    text = _render("order_implementation", implementation.school, implementation.params)

    # then the order's item 5 gives the roadmap's deadlines, on working days, and nothing else
    assert (
        "входной мониторинг (до вступления участников в программы наставничества) — не позднее "
        "30 октября 2026 г.; итоговый мониторинг (по итогам прохождения программ наставничества) — "
        "не позднее 31 мая 2027 г." in text
    )
    assert "15 октября 2026" not in text and "14 мая 2027" not in text
    assert "(пункт 5 приказа)" not in text


def test_monitoring_deadline_on_a_holiday_moves_to_the_working_day_before(implementation):
    # Given monitorings set on 4 November (a holiday) and on 9 May 2027 (a Sunday and a holiday)
    params = {
        **implementation.params,
        "entry_monitoring_on": "2026-11-04",
        "final_monitoring_on": "2027-05-09",
    }

    text = _render("order_implementation", implementation.school, params)

    # then the order and the line under its appendix say 3 November and Friday 7 May
    assert text.count("не позднее 3 ноября 2026 г.") == 2
    assert (
        "итоговый мониторинг (по итогам прохождения программ наставничества) — не позднее 7 мая 2027 г."
        in text
    )
    assert "итоговый — не позднее 7 мая 2027 г." in _appendix(text)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 12, 2), dt.date(2026, 12, 2)),  # a Wednesday
        (dt.date(2026, 11, 29), dt.date(2026, 11, 27)),  # a Sunday
        (dt.date(2027, 1, 8), dt.date(2026, 12, 31)),  # the New Year holidays
        (dt.date(2027, 2, 23), dt.date(2027, 2, 22)),
        (dt.date(2027, 3, 8), dt.date(2027, 3, 5)),  # a Monday holiday after a weekend
        (dt.date(2027, 5, 1), dt.date(2027, 4, 30)),
        (dt.date(2027, 6, 12), dt.date(2027, 6, 11)),
        (dt.date(2026, 11, 4), dt.date(2026, 11, 3)),
    ],
)
def test_working_day_before(day, expected):
    from nastavnik.documents.specs.common import is_working_day, working_day_before

    assert working_day_before(day) == expected
    assert is_working_day(expected)


def test_regulation_order_publishes_by_a_working_day(doc_world):
    _regulation_issued(doc_world)

    # 21 November 2026 + 8 days is Sunday 29 November
    text = _render(
        "order_regulation", doc_world.school, {"effective_from": "2026-12-01", "publish_within_days": 8}
    )

    assert "в течение 8 дней со дня подписания настоящего приказа (не позднее 27 ноября 2026 г.)" in text


def test_implementation_order_names_the_body_that_agreed_its_roadmap(implementation):
    # Given the coordinator who approved the roadmap works in the municipal education authority
    from nastavnik.organizations.choices import Level, OrganizationKind
    from nastavnik.people.models import Person

    authority = f.OrgUnitFactory(
        parent=implementation.world.muni1,
        level=Level.ORGANIZATION,
        kind=OrganizationKind.MUNICIPAL_AUTHORITY,
        full_name="Департамент образования Администрации города Сургута",
    )
    coordinator = implementation.world.users["coordinator"]
    person = Person.objects.filter(user=coordinator).first() or f.PersonFactory(user=coordinator)
    f.EmploymentFactory(person=person, organization=authority)

    text = _render("order_implementation", implementation.school, implementation.params)

    assert (
        "согласованную с департаментом образования Администрации города Сургута 28 августа 2026 г. "
        "(приложение)." in text
    )
    assert "(согласована с департаментом образования Администрации города Сургута 28 августа 2026 г.)" in text


def _regulation_order(world, *, number: str, date: dt.date) -> Document:
    return Document.objects.create(
        organization=world.school,
        kind=DocumentKind.ORDER_REGULATION,
        title="Приказ об утверждении Положения",
        number=number,
        date=date,
        params={"effective_from": date.isoformat(), "publish_within_days": 10},
    )


def test_the_regulation_is_approved_by_one_order_only(three_orders):
    # Before the order approving the Положение is registered
    before = _render_all(three_orders)

    # the implementation order charges the curator with drawing it up, and only the order
    # approving the Положение approves it
    assert (
        "7. Куратору реализации программ наставничества Кузнецову Илье Сергеевичу разработать и "
        "представить на утверждение Положение о системе наставничества педагогических работников"
        in before["order_implementation"]
    )
    assert "в срок до 21 декабря 2026 г." in before["order_implementation"]
    approving = {kind: text.count("Утвердить Положение") for kind, text in before.items()}
    assert approving == {"order_implementation": 0, "order_regulation": 1, "order_pairs": 0}

    # Once it is registered with a number (an unnumbered draft and a later order do not count)
    _regulation_order(three_orders, number="", date=dt.date(2026, 10, 1))
    _regulation_order(three_orders, number="99-о", date=dt.date(2026, 9, 15))
    _regulation_order(three_orders, number="120-о", date=dt.date(2026, 12, 10))
    after = _render_all(three_orders)

    # the implementation order and the order fixing pairs refer to it, approving nothing
    assert (
        "7. Реализацию целевой модели наставничества осуществлять в соответствии с Положением о системе "
        "наставничества педагогических работников" in after["order_implementation"]
    )
    for kind in ("order_implementation", "order_pairs"):
        assert "утверждённым приказом от 15 сентября 2026 г. № 99-о" in after[kind], kind
        assert "Утвердить Положение" not in after[kind] and "разработать и представить" not in after[kind]
    assert "120-о" not in after["order_implementation"]


def test_implementation_appendix_is_a_landscape_table_that_keeps_together(implementation):
    import io

    from docx import Document as read_docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    content = document_render(
        kind="order_implementation",
        organization=implementation.school,
        params=implementation.params,
        number="45-о",
        date=FIXED_DATE,
    )
    document = read_docx(io.BytesIO(content))

    # the order is portrait, its appendix a landscape section numbered from its first page
    first, appendix = document.sections[0], document.sections[-1]
    assert first.orientation != WD_ORIENT.LANDSCAPE
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert appendix.page_width > appendix.page_height
    assert not appendix.different_first_page_header_footer
    # the stamp «Приложение к приказу …» never splits
    stamp, table = document.tables[-2], document.tables[-1]
    assert stamp.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    # the roadmap's table fits the landscape text width, repeats its header, keeps rows whole
    width = appendix.page_width - appendix.left_margin - appendix.right_margin
    assert sum(column.width for column in table.columns) <= width
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    header = [cell.text.replace("\xa0", " ") for cell in table.rows[0].cells]
    assert header == ["№ п/п", "Мероприятие", "Срок", "Ответственный", "Результат, вид документа"]


def test_signature_block_of_each_order_never_splits(three_orders):
    import io

    from docx import Document as read_docx
    from docx.oxml.ns import qn

    for kind in ORDER_KINDS:
        content = document_render(
            kind=kind,
            organization=three_orders.school,
            params=three_orders.params_by_kind[kind],
            number="45-о",
            date=FIXED_DATE,
        )
        document = read_docx(io.BytesIO(content))
        [signature] = [t for t in document.tables if "Соколова" in t.rows[0].cells[-1].text]
        assert signature.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None, kind
        # the paragraph above it keeps with it
        previous = signature._tbl.getprevious()
        assert previous.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, kind


def test_no_word_of_the_roadmap_table_breaks_in_the_pdf(implementation, libreoffice):
    import io
    import re

    from docx import Document as read_docx

    content = document_render(
        kind="order_implementation",
        organization=implementation.school,
        params=implementation.params,
        number="45-о",
        date=FIXED_DATE,
    )
    table = read_docx(io.BytesIO(content)).tables[-1]
    words = {
        word for row in table.rows for cell in row.cells for word in re.findall(r"[А-Яа-яЁё]{4,}", cell.text)
    }

    text = pdf_text(convert_to_pdf({"order.docx": content})["order.docx"])

    assert "Ответственный" in words
    broken = sorted(word for word in words if word not in text)
    assert broken == [], f"слова разорваны переносом: {broken}"
    # the header's cells, «№ п/п» included, are each on one line
    for cell in table.rows[0].cells:
        assert " ".join(cell.text.split()) in text


# --------------------------------------------------------------------------------------------
# The order fixing pairs: a mentor of another organization, pairs started before the order
# --------------------------------------------------------------------------------------------


def _external_mentor(pairs, *, open_bank: bool):
    """Соловей Пётр Ильич, учитель математики of school B («МБОУ «СОШ № 21»»), mentoring Петрова
    of school A (instead of Иванова)."""
    school_b = pairs.world.school_b
    school_b.short_name = "МБОУ «СОШ № 21»"
    school_b.full_clean()  # the case forms follow the rename
    school_b.save()
    mentor = _teacher(school_b, "Соловей", "Пётр", "Ильич", Sex.MALE, "учитель математики")
    MentorProfile.objects.create(
        person=mentor,
        organization=school_b,
        status="active",
        consent_given_on=CONSENTED,
        publish_in_open_bank=open_bank,
    )
    pairs.pair.mentor = mentor
    pairs.pair.save()
    return mentor


@pytest.mark.parametrize(
    ("open_bank", "basis"),
    [
        (True, "из открытого банка наставников (открытое наставничество)"),
        (False, "на основании согласия наставника и руководителя организации по месту его работы"),
    ],
)
def test_pairs_order_names_a_mentor_of_another_school_with_it_and_the_basis(pairs, open_bank, basis):
    _external_mentor(pairs, open_bank=open_bank)

    text = _render("order_pairs", pairs.school, pairs.params)

    assert (
        "Назначить наставником Соловья Петра Ильича, учителя математики МБОУ «СОШ № 21», закрепив за ним "
        "Петрову Анну Сергеевну" in text
    )
    assert (
        "Привлечь к наставнической деятельности работника другой организации: Соловья Петра Ильича, "
        f"учителя математики МБОУ «СОШ № 21», — {basis}." in text
    )
    appendix = _appendix(text)
    assert "| Соловей Пётр Ильич, учитель математики МБОУ «СОШ № 21» | Петрова Анна Сергеевна" in appendix
    acquainted = text.split("С приказом ознакомлены:")[1]
    assert "Соловей П. И. | учитель математики МБОУ «СОШ № 21» |" in acquainted
    assert "СОШ № 1»" not in text.split("ПРИКАЗЫВАЮ:")[1].split("Соловья", 1)[1].split(",", 2)[1]


def test_pairs_order_without_a_mentor_of_another_school_has_no_such_paragraph(pairs):
    text = _render("order_pairs", pairs.school, pairs.params)

    assert "другой организации" not in text and "других организаций" not in text


def test_pairs_order_fixes_pairs_started_before_it_from_its_date(pairs):
    # Given a group whose program starts after the order, and a pair started on 1 September
    PersonalizedProgram.objects.filter(pk=pairs.group[0].program_id).update(starts_on=dt.date(2026, 12, 1))

    text = _render("order_pairs", pairs.school, pairs.params)

    assert (
        "(всего — 1 пара, 1 группа). Пары (группы), начавшие работу до издания настоящего приказа, "
        "закрепить с 21 ноября 2026 г.\n" in text
    )
    appendix = _appendix(text)
    assert "| с 21.11.2026" in appendix and "01.09.2026" not in appendix
    assert "| 01.12.2026–31.05.2027" in appendix


def test_pairs_order_of_pairs_starting_later_does_not_mention_an_earlier_start(pairs):
    Pair.objects.filter(pk=pairs.pair.pk).update(started_on=dt.date(2026, 12, 1))
    PersonalizedProgram.objects.filter(pk=pairs.group[0].program_id).update(starts_on=dt.date(2026, 12, 1))

    text = _render("order_pairs", pairs.school, pairs.params)

    assert "начавшие работу до издания" not in text
    assert "| с 01.12.2026" in _appendix(text)


def test_implementation_order_refuses_monitoring_outside_its_roadmap(implementation):
    # Given an order period wider than the roadmap's (1 September 2026 – 30 June 2027) and a final
    # monitoring after the roadmap's end, the roadmap having no monitoring of its own
    params = {**implementation.params, "ends_on": "2027-08-31", "final_monitoring_on": "2027-07-15"}

    texts = [item.text for item in _missing("order_implementation", implementation.school, params)]

    assert texts == [
        "Срок итогового мониторинга должен быть в пределах периода дорожной карты (01.09.2026 – 30.06.2027), "
        "по которому внедряется целевая модель."
    ]


def test_implementation_order_starts_from_the_period_of_the_current_roadmap(implementation, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 10, 5))

    params = get_spec("order_implementation").initial_params(implementation.school, implementation.school)

    assert (params["starts_on"], params["ends_on"]) == ("2026-09-01", "2027-06-30")


def test_regulation_order_does_not_put_the_regulation_into_force_retroactively(doc_world):
    _regulation_issued(doc_world)

    items = _missing(
        "order_regulation", doc_world.school, {"effective_from": "2026-09-15", "publish_within_days": 10}
    )

    assert [item.text for item in items] == [
        "Положение не может вводиться в действие раньше даты приказа (21.11.2026): укажите дату не ранее неё."
    ]


def test_regulation_order_defaults_to_entry_into_force_from_today(doc_world, monkeypatch):
    from django.utils import timezone

    # Given the last order of the kind put the Положение into force on 15 September
    _regulation_order(doc_world, number="99-о", date=dt.date(2026, 9, 15))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 12, 2))

    params = get_spec("order_regulation").default_params(doc_world.school, doc_world.school)

    assert params == {"effective_from": "2026-12-02", "publish_within_days": 10}
