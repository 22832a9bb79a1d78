"""The personnel papers of the model package: the order on the payment to mentors and the
supplementary agreement to a mentor's employment contract (seed 004 §1.6.4; ТК РФ ст. 60.2, 72,
151), the orders replacing a mentor and ending mentoring early issued from the participants'
requests (seed 000 §5.1.1, §5.2.1), the order rewarding mentors (seed 004 §5, 000 §3.4); the
request page's link to the order."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.access import choices as access_choices
from nastavnik.access.choices import Role
from nastavnik.bank.models import MentorProfile, PersonalDataConsent
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.models import Document
from nastavnik.documents.services import document_issue, document_render
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.specs.personnel import (
    AWARDS,
    OrderAwardForm,
    OrderPaymentForm,
    amount_text,
    award_kinds,
    parse_amount,
)
from nastavnik.documents.testing import FIXED_DATE, assert_snapshot, docx_text
from nastavnik.matching.tests.bank import active_mentor
from nastavnik.mentoring.choices import PairEndReason, ProgramFormat, ProgramStatus, RequestKind
from nastavnik.mentoring.models import Pair, PairRequest, PersonalizedProgram
from nastavnik.mentoring.services.programs import program_terminate
from nastavnik.mentoring.services.requests import pair_request_decide, pair_request_submit
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.people.choices import Sex
from nastavnik.people.models import Employment, Person
from nastavnik.reference.models import AwardKind, MentoringForm, Position
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

CONSENTED = dt.date(2026, 8, 28)
PAY = {
    "payment": "additional_work",
    "amount_kind": "rub",
    "amount": "5000",
    "starts_on": "2026-09-01",
    "ends_on": "2027-05-31",
    "pay_regulation_date": "2024-08-30",
    "pay_regulation_number": "112-о",
}


def _position(name: str) -> Position:
    found = Position.objects.filter(name=name).first()
    return found or Position.objects.create(code=f"personnel-{Position.objects.count() + 1}", name=name)


def _teacher(school, last: str, first: str, middle: str, sex: str, title: str, **fields) -> Person:
    return f.staff_member(
        school,
        last_name=last,
        first_name=first,
        middle_name=middle,
        sex=sex,
        position=_position("учитель"),
        job_title=title,
        **fields,
    )


def _mentor(person, school, consent_given_on=CONSENTED) -> Person:
    MentorProfile.objects.create(
        person=person, organization=school, status="active", consent_given_on=consent_given_on
    )
    return person


def _render(kind: str, school, params=None, subject=None) -> str:
    content = document_render(
        kind=kind, organization=school, subject=subject, params=params, number="45-о", date=FIXED_DATE
    )
    return docx_text(content)


def _missing(kind: str, school, params=None, subject=None) -> list[str]:
    with pytest.raises(MissingData) as refused:
        document_render(
            kind=kind, organization=school, subject=subject, params=params, number="45-о", date=FIXED_DATE
        )
    return [item.text for item in refused.value.items]


@pytest.fixture
def staff(doc_world):
    """School A of ``doc_world`` with two mentors of open pairs, both with a written consent:
    Иванова Мария Петровна (учитель математики) with Петрова Анна Сергеевна (учитель начальных
    классов), Соловей Игорь Петрович (учитель физики) with Белых Дарья Андреевна (учитель
    информатики) and Кузьмин Олег Андреевич (учитель истории). Ivanova was hired on 15 August
    2010. The world's own pair of ``mentor_a`` stays (its mentor is not in the bank)."""
    school = doc_world.school
    ivanova = _mentor(
        _teacher(school, "Иванова", "Мария", "Петровна", Sex.FEMALE, "учитель математики"), school
    )
    Employment.objects.filter(person=ivanova).update(started_on=dt.date(2010, 8, 15))
    solovei = _mentor(_teacher(school, "Соловей", "Игорь", "Петрович", Sex.MALE, "учитель физики"), school)
    petrova = _teacher(school, "Петрова", "Анна", "Сергеевна", Sex.FEMALE, "учитель начальных классов")
    belykh = _teacher(school, "Белых", "Дарья", "Андреевна", Sex.FEMALE, "учитель информатики")
    kuzmin = _teacher(school, "Кузьмин", "Олег", "Андреевич", Sex.MALE, "учитель истории")
    started = dt.date(2026, 9, 1)
    for mentor, mentee in ((ivanova, petrova), (solovei, belykh), (solovei, kuzmin)):
        Pair.objects.create(mentor=mentor, mentee=mentee, organization=school, started_on=started)
    return SimpleNamespace(
        **vars(doc_world), ivanova=ivanova, solovei=solovei, petrova=petrova, belykh=belykh, kuzmin=kuzmin
    )


def _payment_params(staff, **changes) -> dict:
    return {"mentors": sorted([staff.ivanova.pk, staff.solovei.pk]), **PAY, **changes}


# --------------------------------------------------------------------------------------------
# The payment order
# --------------------------------------------------------------------------------------------


def test_payment_order_snapshot(staff):
    text = _render("order_mentor_payment", staff.school, _payment_params(staff))

    assert_snapshot("order_mentor_payment", text)


def test_payment_order_names_each_mentor_in_the_dative_with_the_mentees_and_the_pay(staff):
    text = _render("order_mentor_payment", staff.school, _payment_params(staff))

    assert "Об установлении доплаты наставникам" in text
    assert "статьями 60.2, 151 Трудового кодекса Российской Федерации" in text
    assert "утверждённым приказом от 30 августа 2024 г. № 112-о" in text
    assert (
        "1.1. Ивановой Марии Петровне, учителю математики, наставнику Петровой А. С., в размере 5000 рублей "
        "в месяц;"
    ) in text
    assert (
        "1.2. Соловью Игорю Петровичу, учителю физики, наставнику Белых Д. А. и Кузьмина О. А., в размере 5000 "
        "рублей в месяц."
    ) in text
    assert "с 1 сентября 2026 г. по 31 мая 2027 г." in text
    assert "Директор (заведующий" not in text and "Директор | ____________ | Е. В. Соколова" in text
    # acquainted: the two mentors
    assert "Иванова М. П. | учитель математики" in text and "Соловей И. П. | учитель физики" in text


def test_payment_order_in_percent_as_an_incentive(staff):
    params = _payment_params(staff, payment="incentive", amount_kind="percent", amount="12.5")

    text = _render("order_mentor_payment", staff.school, params)

    assert "Об установлении стимулирующей выплаты наставникам" in text
    assert "статьями 135, 144 Трудового кодекса Российской Федерации" in text
    assert "в размере 12,5 процента должностного оклада (ставки заработной платы)" in text
    assert "размер стимулирующей выплаты (статья 72" in text


@pytest.mark.parametrize(
    ("kind", "amount", "expected"),
    [
        ("rub", "1", "1 рубля в месяц"),
        ("rub", "2", "2 рублей в месяц"),
        ("rub", "21", "21 рубля в месяц"),
        ("rub", "15000", "15 000 рублей в месяц"),
        ("rub", "2500.50", "2500,5 рубля в месяц"),
        ("percent", "1", "1 процента должностного оклада (ставки заработной платы)"),
        ("percent", "25", "25 процентов должностного оклада (ставки заработной платы)"),
    ],
)
def test_amounts_are_worded_in_the_genitive(kind, amount, expected):
    assert amount_text(kind, parse_amount(amount)) == expected


@pytest.mark.parametrize("value", [None, "", "abc", "0", "-5", "NaN", "Infinity"])
def test_a_bad_amount_is_no_amount(value):
    assert parse_amount(value) is None


def test_payment_order_refuses_what_it_cannot_state(staff):
    # Given no mentor, no amount, a period backwards, no pay regulation
    params = {
        "mentors": [],
        "payment": "bonus",
        "amount_kind": "rub",
        "amount": "",
        "starts_on": "2027-05-31",
        "ends_on": "2026-09-01",
    }

    texts = _missing("order_mentor_payment", staff.school, params)

    assert texts == [
        "Выберите наставников, которым устанавливается выплата.",
        "Выберите вид выплаты наставникам.",
        "Укажите размер выплаты – положительное число.",
        "Окончание срока выплаты не может быть раньше его начала.",
        "Укажите дату и номер приказа, которым утверждено положение об оплате труда работников организации.",
    ]


def test_payment_order_refuses_a_mentor_without_written_consent_and_a_non_mentor(staff):
    MentorProfile.objects.filter(person=staff.ivanova).update(consent_given_on=None)
    PersonalDataConsent.objects.filter(person=staff.solovei).delete()

    texts = _missing("order_mentor_payment", staff.school, _payment_params(staff))
    assert texts == [
        "Нет письменного согласия наставника (Иванова Мария Петровна): укажите дату согласия в профиле "
        "наставника.",
        "Нет действующего согласия на обработку персональных данных (Соловей Игорь Петрович): внесите "
        "согласие в карточке работника.",
    ]

    # a teacher who mentors no one is no mentor to pay
    texts = _missing("order_mentor_payment", staff.school, _payment_params(staff, mentors=[staff.petrova.pk]))
    assert texts[0].startswith("Часть выбранных работников больше не наставники")


def test_payment_order_refuses_a_percentage_over_100(staff):
    texts = _missing(
        "order_mentor_payment", staff.school, _payment_params(staff, amount_kind="percent", amount="150")
    )

    assert texts == ["Размер выплаты в процентах оклада не может быть больше 100."]


def test_payment_form_offers_current_mentors_and_stores_json(staff):
    data = {
        "p-mentors": [str(staff.ivanova.pk)],
        **{f"p-{key}": value for key, value in PAY.items()},
        "p-amount": "2500,50",
    }

    form = OrderPaymentForm(data, prefix="p", organization=staff.school)

    offered = set(form.fields["mentors"].queryset.values_list("pk", flat=True))
    assert {staff.ivanova.pk, staff.solovei.pk} <= offered
    assert staff.petrova.pk not in offered
    assert form.is_valid(), form.errors
    params = form.to_params()
    assert params["amount"] == "2500.5" and params["mentors"] == [staff.ivanova.pk]
    assert params["starts_on"] == "2026-09-01"
    bad = OrderPaymentForm(
        {**data, "p-amount_kind": "percent", "p-amount": "101"}, prefix="p", organization=staff.school
    )
    assert not bad.is_valid() and "amount" in bad.errors


# --------------------------------------------------------------------------------------------
# The supplementary agreement
# --------------------------------------------------------------------------------------------


def _agreement_params(**changes) -> dict:
    return {"contract_date": "2010-08-15", "contract_number": "17", "agreement_number": "3", **PAY, **changes}


def test_agreement_snapshot(staff):
    profile = staff.ivanova.mentor_profile

    text = _render("mentor_payment_agreement", staff.school, _agreement_params(), subject=profile)

    assert_snapshot("mentor_payment_agreement", text)


def test_agreement_names_the_work_its_term_and_pay(staff):
    profile = staff.solovei.mentor_profile

    text = _render("mentor_payment_agreement", staff.school, _agreement_params(), subject=profile)

    assert "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № 3" in text
    assert "к трудовому договору от 15 августа 2010 г. № 17" in text
    assert "в лице директора Соколовой Елены Викторовны, действующей на основании устава" in text
    assert "Соловей Игорь Петрович, учитель физики, именуемый в дальнейшем «Работник»" in text
    assert "С письменного согласия Работника Работодатель поручает ему выполнение" in text
    assert (
        "наставничества в отношении Белых Дарьи Андреевны, учителя информатики, и Кузьмина Олега Андреевича, "
        "учителя истории, в соответствии с"
    ) in text
    assert "3. Срок выполнения дополнительной работы: с 1 сентября 2026 г. по 31 мая 2027 г." in text
    assert "доплата (статья 151 Трудового кодекса Российской Федерации) в размере 5000 рублей в месяц" in text
    assert "часть четвёртая статьи 60.2" in text and "в двух экземплярах" in text
    assert "И. П. Соловей" in text


def test_agreement_defaults_come_from_the_payment_order_and_the_day_of_hire(staff):
    # Given a registered payment order naming Ivanova
    order = document_issue(
        kind=DocumentKind.ORDER_MENTOR_PAYMENT,
        organization=staff.school,
        author=staff.world.users["head_a"],
        params=_payment_params(staff, amount="7000"),
        number="50-о",
        date=FIXED_DATE,
    )
    spec = get_spec("mentor_payment_agreement")

    params = spec.default_params(staff.school, staff.ivanova.mentor_profile)

    assert params["amount"] == "7000" and params["contract_date"] == "2010-08-15"
    assert params["pay_regulation_number"] == "112-о"
    text = _render("mentor_payment_agreement", staff.school, params, subject=staff.ivanova.mentor_profile)
    assert "и приказом от 21 ноября 2026 г. № 50-о" in text
    assert order.number == "50-о"


def test_agreement_does_not_take_another_mentors_contract(staff):
    document_issue(
        kind=DocumentKind.MENTOR_PAYMENT_AGREEMENT,
        organization=staff.school,
        author=staff.world.users["curator_a"],
        subject=staff.ivanova.mentor_profile,
        params=_agreement_params(),
        date=FIXED_DATE,
    )

    params = get_spec("mentor_payment_agreement").default_params(staff.school, staff.solovei.mentor_profile)

    assert params["contract_number"] == "" and params["contract_date"] != "2010-08-15"


def test_agreement_refuses_without_contract_consent_or_open_pair(staff):
    MentorProfile.objects.filter(person=staff.ivanova).update(consent_given_on=None)
    profile = MentorProfile.objects.get(person=staff.ivanova)

    texts = _missing(
        "mentor_payment_agreement", staff.school, _agreement_params(contract_date=None), subject=profile
    )
    assert texts == [
        "Нет письменного согласия наставника (Иванова Мария Петровна): укажите дату согласия в профиле "
        "наставника.",
        "Укажите дату трудового договора работника.",
    ]

    Pair.objects.filter(mentor=staff.ivanova).update(ended_on=dt.date(2026, 10, 1))
    texts = _missing("mentor_payment_agreement", staff.school, _agreement_params(), subject=profile)
    assert texts == [
        "Иванова Мария Петровна не работает в организации или не наставник её действующих пар: "
        "дополнительное соглашение заключается с работником-наставником."
    ]
    assert profile not in get_spec("mentor_payment_agreement").candidates(staff.school)


# --------------------------------------------------------------------------------------------
# The orders on a participant's request
# --------------------------------------------------------------------------------------------


@pytest.fixture
def requests_world(doc_world):
    """The program of ``mentor_a`` (Наставникова Мария Петровна, учитель русского языка) with
    ``mentee_a`` (Молодцова Мария Петровна, учитель начальных классов), and ``teacher_a``
    renamed Соловей Игорь Петрович (учитель физики), an active mentor with a written consent
    who may take the mentee over."""
    world = doc_world.world
    Person.objects.filter(pk=world.mentor_a.pk).update(job_title="учитель русского языка")
    Person.objects.filter(pk=world.mentee_a.pk).update(job_title="учитель начальных классов")
    Person.objects.filter(pk=world.teacher_a.pk).update(
        last_name="Соловей",
        first_name="Игорь",
        middle_name="Петрович",
        sex=Sex.MALE,
        job_title="учитель физики",
    )
    for person in (world.mentor_a, world.mentee_a, world.teacher_a):
        person.refresh_from_db()
    program = draft_program(world, starts_on=dt.date(2026, 9, 15), ends_on=dt.date(2027, 5, 31))
    PersonalizedProgram.objects.filter(pk=program.pk).update(status=ProgramStatus.ACTIVE)
    program.refresh_from_db()
    active_mentor(world.teacher_a, world.school_a, capacity=3)
    return SimpleNamespace(**vars(doc_world), program=program, pair=program.pairs.get())


def _fix_dates(request) -> None:
    """The dates of a decided request and its pairs set to fixed days (for the snapshots)."""
    submitted = timezone.make_aware(dt.datetime(2026, 11, 5, 10, 0))
    decided = timezone.make_aware(dt.datetime(2026, 11, 10, 12, 0))
    PairRequest.objects.filter(pk=request.pk).update(submitted_at=submitted, decided_at=decided)
    Pair.objects.filter(pk=request.pair_id).update(
        started_on=dt.date(2026, 9, 15), ended_on=dt.date(2026, 11, 10)
    )
    if request.new_pair_id:
        Pair.objects.filter(pk=request.new_pair_id).update(started_on=dt.date(2026, 11, 11))
    request.refresh_from_db()


def _decided(
    rw, *, kind=RequestKind.CHANGE_MENTOR, new_mentor=True, comment="Согласовано с методическим объединением"
):
    author = "mentee_a" if kind == RequestKind.CHANGE_MENTOR else "mentor_a"
    request = pair_request_submit(
        pair=rw.pair, by=rw.world.users[author], kind=kind, reason="Не совпадают графики работы."
    )
    request = pair_request_decide(
        request=request,
        by=rw.world.users["curator_a"],
        approve=True,
        comment=comment,
        new_mentor=rw.world.teacher_a if new_mentor else None,
    )
    _fix_dates(request)
    rw.pair.refresh_from_db()
    return request


def test_replacement_order_snapshot(requests_world):
    _decided(requests_world)

    text = _render("order_mentor_replacement", requests_world.school, subject=requests_world.pair)

    assert_snapshot("order_mentor_replacement", text)


def test_replacement_order_states_the_request_and_the_decision_with_declined_names(requests_world):
    _decided(requests_world)

    text = _render("order_mentor_replacement", requests_world.school, subject=requests_world.pair)

    assert "рассмотрев ходатайство Молодцовой Марии Петровны о замене наставника от 5 ноября 2026 г." in text
    assert "с письменного согласия Соловья Игоря Петровича" in text
    assert (
        "1. Освободить Наставникову Марию Петровну, учителя русского языка, от обязанностей наставника "
        "Молодцовой Марии Петровны, учителя начальных классов, с 10 ноября 2026 г."
    ) in text
    assert (
        "2. Назначить Соловья Игоря Петровича, учителя физики, наставником Молодцовой Марии Петровны с 11 ноября "
        "2026 г. на оставшийся срок персонализированной программы наставничества (по 31 мая 2027 г.)."
    ) in text
    assert "Наставниковой Марии Петровне в течение трёх рабочих дней передать Соловью Игорю Петровичу" in text
    assert (
        "Основание: ходатайство Молодцовой М. П. о замене наставника от 05.11.2026 (обоснование: «Не совпадают "
        "графики работы»); решение об удовлетворении ходатайства от 10.11.2026 («Согласовано с методическим "
        "объединением»)."
    ) in text
    assert "Соловей И. П. | учитель физики" in text


def test_replacement_order_amends_the_fixing_order_and_stops_the_payment(requests_world):
    # Given the pair fixed by an order and its mentor paid under a payment order
    head = requests_world.world.users["head_a"]
    fixing = document_issue(
        kind=DocumentKind.ORDER_PAIRS,
        organization=requests_world.school,
        author=head,
        params={"pairs": [requests_world.pair.pk]},
        number="40-о",
        date=dt.date(2026, 9, 20),
    )
    params = {"mentors": [requests_world.world.mentor_a.pk], **PAY}
    Document.objects.create(
        organization=requests_world.school,
        kind=DocumentKind.ORDER_MENTOR_PAYMENT,
        title="Приказ",
        number="41-о",
        date=dt.date(2026, 9, 21),
        params=params,
    )
    _decided(requests_world)

    text = _render("order_mentor_replacement", requests_world.school, subject=requests_world.pair)

    assert (
        "3. Внести в приложение к приказу от 20 сентября 2026 г. № 40-о «О закреплении наставнических пар "
        "(групп)» изменение, указав наставником Молодцовой Марии Петровны Соловья Игоря Петровича с 11 ноября "
        "2026 г."
    ) in text
    assert (
        "4. Прекратить выплату Наставниковой Марии Петровне, установленную приказом от 21 сентября 2026 г. "
        "№ 41-о, с 11 ноября 2026 г."
    ) in text
    assert "7. Контроль исполнения настоящего приказа оставляю за собой." in text
    assert fixing.number == "40-о"


def test_replacement_order_refuses_a_pair_not_replaced_and_a_new_mentor_without_consent(requests_world):
    texts = _missing("order_mentor_replacement", requests_world.school, subject=requests_world.pair)
    assert texts[0].startswith("Приказ о замене наставника издаётся по удовлетворённому ходатайству")

    _decided(requests_world)
    MentorProfile.objects.filter(person=requests_world.world.teacher_a).update(consent_given_on=None)
    texts = _missing("order_mentor_replacement", requests_world.school, subject=requests_world.pair)
    assert texts == [
        "Нет письменного согласия наставника (Соловей Игорь Петрович): укажите дату согласия в профиле "
        "наставника."
    ]


def test_replacement_and_end_candidates_follow_the_decision(requests_world):
    _decided(requests_world)
    school = requests_world.school

    assert list(get_spec("order_mentor_replacement").candidates(school)) == [requests_world.pair]
    assert list(get_spec("order_mentoring_end").candidates(school)) == []
    # the label names the mentee and both mentors, and survives as a file name (no colon)
    label = get_spec("order_mentor_replacement").subject_label(requests_world.pair)
    assert label == "Молодцова М. П., Наставникова М. П. → Соловей И. П."


def test_end_order_on_a_mentors_release_snapshot(requests_world):
    _decided(requests_world, kind=RequestKind.RELEASE_MENTOR, new_mentor=False, comment="")

    text = _render("order_mentoring_end", requests_world.school, subject=requests_world.pair)

    assert_snapshot("order_mentoring_end", text)
    assert (
        "рассмотрев заявление Наставниковой Марии Петровны о сложении с неё обязанностей наставника от "
        "5 ноября 2026 г.,"
    ) in text
    assert (
        "1. Прекратить досрочно с 10 ноября 2026 г. наставничество Наставниковой Марии Петровны, учителя "
        "русского языка, в отношении Молодцовой Марии Петровны, учителя начальных классов, осуществлявшееся по "
        "персонализированной программе наставничества на период с 15 сентября 2026 г. по 31 мая 2027 г., "
        "освободив Наставникову Марию Петровну от обязанностей наставника."
    ) in text
    # the mentee is left without a mentor: the curator proposes another
    assert "о закреплении за Молодцовой Марией Петровной другого наставника" in text
    assert "решение об удовлетворении заявления от 10.11.2026." in text


def test_end_order_on_a_programs_termination(requests_world):
    program_terminate(
        program=requests_world.program,
        by=requests_world.world.users["curator_a"],
        reason="Наставляемая переведена в другую организацию.",
    )
    requests_world.pair.refresh_from_db()
    assert requests_world.pair.end_reason == PairEndReason.TERMINATED

    text = _render("order_mentoring_end", requests_world.school, subject=requests_world.pair)

    assert "в связи с прекращением персонализированной программы наставничества," in text
    assert "«Наставляемая переведена в другую организацию»" in text
    assert list(get_spec("order_mentoring_end").candidates(requests_world.school)) == [requests_world.pair]


def test_end_order_refuses_an_open_pair_and_a_mentor_without_position(requests_world):
    texts = _missing("order_mentoring_end", requests_world.school, subject=requests_world.pair)
    assert texts[0].startswith("Приказ о досрочном прекращении наставничества издаётся по завершённой паре")

    _decided(requests_world, kind=RequestKind.RELEASE_MENTOR, new_mentor=False)
    Person.objects.filter(pk=requests_world.world.mentor_a.pk).update(job_title="", position=None)
    texts = _missing("order_mentoring_end", requests_world.school, subject=requests_world.pair)
    assert texts == ["Укажите должность (наставник: Наставникова Мария Петровна) в карточке работника."]


# --- the request page -------------------------------------------------------------------------


def _page(world, persona: str, request):
    from django.test import Client

    client = Client()
    client.force_login(world.users[persona])
    return client.get(reverse("mentoring:request_decide", args=[request.pk]))


def test_request_page_links_the_order_after_a_decision_to_who_may_draw_it_up(requests_world):
    world = requests_world.world
    request = pair_request_submit(
        pair=requests_world.pair, by=world.users["mentee_a"], kind=RequestKind.CHANGE_MENTOR, reason="Прошу"
    )
    issue = (
        reverse("documents:issue", args=["order_mentor_replacement"])
        + f"?organization={requests_world.school.pk}&amp;subject={requests_world.pair.pk}"
    )

    # pending: no order yet
    assert issue not in _page(world, "curator_a", request).content.decode()

    pair_request_decide(
        request=request, by=world.users["curator_a"], approve=True, new_mentor=world.teacher_a
    )

    for persona in ("curator_a", "head_a"):
        page = _page(world, persona, request)
        assert page.status_code == 200
        assert "Сформировать приказ о замене наставника" in page.content.decode()
        assert issue in page.content.decode()
    # the participants and the other school never reach it
    assert _page(world, "mentee_a", request).status_code == 403
    assert _page(world, "curator_b", request).status_code == 404
    # and the create page it leads to offers that pair
    client_page = _page(world, "curator_a", request)
    assert client_page.status_code == 200


def test_request_page_hides_the_order_from_who_may_not_draw_documents_up(requests_world, monkeypatch):
    # Given the curator without the right to draw documents up
    world = requests_world.world
    request = pair_request_submit(
        pair=requests_world.pair, by=world.users["mentee_a"], kind=RequestKind.CHANGE_MENTOR, reason="Прошу"
    )
    pair_request_decide(request=request, by=world.users["curator_a"], approve=True)
    rights = {**access_choices.PERMISSIONS["document"], "add": frozenset({Role.HEAD})}
    monkeypatch.setitem(access_choices.PERMISSIONS, "document", rights)

    page = _page(world, "curator_a", request).content.decode()

    assert "Сформировать приказ" not in page
    assert (
        "Сформировать приказ о досрочном прекращении наставничества"
        in _page(world, "head_a", request).content.decode()
    )


def test_request_page_links_the_registered_order(requests_world):
    request = _decided(requests_world, kind=RequestKind.RELEASE_MENTOR, new_mentor=False)
    document = document_issue(
        kind=DocumentKind.ORDER_MENTORING_END,
        organization=requests_world.school,
        author=requests_world.world.users["head_a"],
        subject=requests_world.pair,
        number="60-о",
        date=FIXED_DATE,
    )

    page = _page(requests_world.world, "head_a", request).content.decode()

    assert document.get_absolute_url() in page and "№ 60-о" in page
    assert document.pair_id == requests_world.pair.pk


def test_issue_page_of_a_request_order_preselects_the_pair(requests_world):
    _decided(requests_world)
    from django.test import Client

    client = Client()
    client.force_login(requests_world.world.users["curator_a"])
    url = reverse("documents:issue", args=["order_mentor_replacement"])

    page = client.get(url, {"organization": requests_world.school.pk, "subject": requests_world.pair.pk})

    assert page.status_code == 200
    assert f'value="{requests_world.pair.pk}" selected' in page.content.decode()


# --------------------------------------------------------------------------------------------
# The order rewarding mentors
# --------------------------------------------------------------------------------------------


@pytest.fixture
def rewarded(staff):
    """``staff`` with Ivanova's completed program with Петрова (01.10.2025 – 31.05.2026)."""
    program = PersonalizedProgram.objects.create(
        organization=staff.school,
        format=ProgramFormat.PAIR,
        mentoring_form=MentoringForm.objects.get(code="pedagogue_pedagogue"),
        direction="Методическое сопровождение",
        goals="Преодоление методических затруднений",
        starts_on=dt.date(2025, 10, 1),
        ends_on=dt.date(2026, 5, 31),
        status=ProgramStatus.COMPLETED,
        completed_on=dt.date(2026, 5, 31),
    )
    Pair.objects.create(
        mentor=staff.ivanova,
        mentee=staff.petrova,
        organization=staff.school,
        program=program,
        started_on=dt.date(2025, 10, 1),
        ended_on=dt.date(2026, 5, 31),
        end_reason=PairEndReason.COMPLETED,
    )
    return staff


def _award_params(staff, code="letter_of_thanks", **changes) -> dict:
    return {
        "mentors": [staff.ivanova.pk],
        "award_kind": AwardKind.objects.get(code=code).pk,
        "ground": "по итогам реализации персонализированных программ наставничества в 2025/2026 учебном году",
        "bonus": None,
        **changes,
    }


def test_award_order_snapshot(rewarded):
    text = _render(
        "order_mentor_award",
        rewarded.school,
        _award_params(
            rewarded, bonus=3000, **{"pay_regulation_date": "2024-08-30", "pay_regulation_number": "112-о"}
        ),
    )

    assert_snapshot("order_mentor_award", text)


def test_award_order_names_the_mentor_and_the_program_rewarded(rewarded):
    text = _render("order_mentor_award", rewarded.school, _award_params(rewarded))

    assert "1. Наградить благодарственным письмом:" in text
    assert (
        "1.1. Иванову Марию Петровну, учителя математики, — за сопровождение Петровой Анны Сергеевны, учителя "
        "начальных классов, по персонализированной программе наставничества на период 01.10.2025–31.05.2026."
    ) in text
    assert "по представлению куратора реализации программ наставничества Кузнецова Ильи Сергеевича" in text
    assert "премию" not in text


def test_award_order_petitions_for_a_state_award_in_the_genitive(rewarded):
    text = _render("order_mentor_award", rewarded.school, _award_params(rewarded, "badge_honorary_mentor"))

    assert "1. Ходатайствовать о представлении к награждению нагрудным знаком «Почётный наставник»:" in text
    assert "1.1. Ивановой Марии Петровны, учителя математики, — за сопровождение" in text
    assert "подготовить в месячный срок документы для представления к награждению" in text


def test_award_order_offers_only_the_organizations_rewards_never_a_regions(rewarded):
    codes = set(award_kinds().values_list("code", flat=True))

    assert codes <= set(AWARDS)
    assert "letter_of_thanks" in codes
    assert not any(
        "област" in name or "края" in name for name in award_kinds().values_list("name", flat=True)
    )
    # a payment or a regional award is refused even when forged into the params
    regional = AwardKind.objects.filter(name__icontains="области").first()
    payment = AwardKind.objects.get(code="importance_payment")
    for award in filter(None, (regional, payment)):
        texts = _missing("order_mentor_award", rewarded.school, _award_params(rewarded, award_kind=award.pk))
        assert any(text.startswith("Выберите вид поощрения из применяемых") for text in texts)


def test_award_order_refuses_a_mentor_without_results_and_a_bonus_without_pay_regulation(rewarded):
    params = _award_params(
        rewarded, mentors=[rewarded.ivanova.pk, rewarded.solovei.pk], bonus=3000, ground=" "
    )

    texts = _missing("order_mentor_award", rewarded.school, params)

    assert texts == [
        "У наставника Соловей Игорь Петрович нет завершённой персонализированной программы наставничества в "
        "организации: поощрение назначается по результатам программы.",
        "Укажите основание поощрения (например, итоги учебного года).",
        "Укажите дату и номер приказа, которым утверждено положение об оплате труда работников организации.",
    ]


def test_award_order_refuses_a_reward_the_regulation_does_not_provide(rewarded):
    Document.objects.create(
        organization=rewarded.school,
        kind=DocumentKind.REGULATION,
        title="Положение",
        date=dt.date(2026, 9, 1),
        params={"award_kinds": [AwardKind.objects.get(code="diploma").pk]},
    )

    texts = _missing("order_mentor_award", rewarded.school, _award_params(rewarded))

    assert texts == [
        "Вид поощрения «Награждение благодарственным письмом» не предусмотрен Положением о системе "
        "наставничества организации: выберите другой или дополните Положение."
    ]
    assert _render("order_mentor_award", rewarded.school, _award_params(rewarded, "diploma"))


def test_award_form_offers_bank_mentors_and_organization_rewards(rewarded):
    form = OrderAwardForm(organization=rewarded.school)

    assert set(form.fields["mentors"].queryset) == {rewarded.ivanova, rewarded.solovei}
    assert set(form.fields["award_kind"].queryset) == set(award_kinds())
    bad = OrderAwardForm(
        {
            "mentors": [rewarded.ivanova.pk],
            "award_kind": AwardKind.objects.get(code="diploma").pk,
            "ground": "за итоги года",
            "bonus": 1000,
        },
        organization=rewarded.school,
    )
    assert not bad.is_valid() and "pay_regulation_number" in bad.errors


def test_award_initial_params_take_the_latest_years_completed_programs(rewarded):
    # Given Ivanova's program completed on 31 May 2026, and today in the next school year
    params = get_spec("order_mentor_award").initial_params(rewarded.school, rewarded.school)

    # Then the order rewards her for 2025/2026, not for the year just begun
    assert params["mentors"] == [rewarded.ivanova.pk]
    assert params["ground"].endswith("в 2025/2026 учебном году")
    assert params["award_kind"] == AwardKind.objects.get(code="letter_of_thanks").pk
    assert _render("order_mentor_award", rewarded.school, params)


# --------------------------------------------------------------------------------------------
# PDF by LibreOffice
# --------------------------------------------------------------------------------------------


def test_personnel_papers_convert_to_pdf_on_the_pages_intended(rewarded, requests_world, libreoffice):
    # Given the five papers of realistic data
    import io

    from pypdf import PdfReader

    from nastavnik.documents.render import convert_to_pdf
    from nastavnik.documents.testing import pdf_text

    _decided(requests_world)
    school = rewarded.school
    papers = {
        "order_mentor_payment": (_payment_params(rewarded), None),
        "mentor_payment_agreement": (_agreement_params(), rewarded.ivanova.mentor_profile),
        "order_mentor_replacement": (None, requests_world.pair),
        "order_mentor_award": (_award_params(rewarded), None),
    }
    files = {
        f"{kind}.docx": document_render(
            kind=kind, organization=school, subject=subject, params=params, number="45-о", date=FIXED_DATE
        )
        for kind, (params, subject) in papers.items()
    }

    # When they are converted in one run
    pdfs = convert_to_pdf(files)

    # Then each holds its declined names; an order with its acquaintance table fits one page, the
    # agreement two (its signatures kept with the last clause, never alone on a page)
    texts = {name: pdf_text(content) for name, content in pdfs.items()}
    assert "Соловью Игорю Петровичу" in texts["order_mentor_payment.docx"]
    assert "Соколовой Елены Викторовны" in texts["mentor_payment_agreement.docx"]
    assert "Соловья Игоря Петровича" in texts["order_mentor_replacement.docx"]
    assert "Иванову Марию Петровну" in texts["order_mentor_award.docx"]
    pages = {name: len(PdfReader(io.BytesIO(content)).pages) for name, content in pdfs.items()}
    assert pages["order_mentor_payment.docx"] == 1
    assert pages["order_mentor_award.docx"] == 1
    assert pages["order_mentor_replacement.docx"] == 1
    assert pages["mentor_payment_agreement.docx"] == 2
