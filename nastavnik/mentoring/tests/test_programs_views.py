"""Pages of personalized programs as their users work with them: the curator and the head of the
school keep the programs, everyone above reads, the mentor and the mentee see and report their
own, school B sees nothing of school A."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.bank.models import PersonalDataConsent
from nastavnik.development.choices import DeficitLevel, DeficitSource
from nastavnik.development.models import Deficit
from nastavnik.matching.tests.bank import active_mentor, mentee
from nastavnik.mentoring.choices import ActivityStatus, EventKind, PairEndReason, ProgramStatus
from nastavnik.mentoring.models import ActivityPlanItem, PersonalizedProgram
from nastavnik.mentoring.periods import add_months
from nastavnik.mentoring.services.pairs import program_create
from nastavnik.mentoring.services.programs import plan_item_add, program_approve, program_start
from nastavnik.mentoring.tests.helpers import draft_program, second_mentee
from nastavnik.mentoring.views.programs import NO_CONSENT
from nastavnik.reference.models import CompetenceArea, PersonalizedProgramStage
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    """Today in the region (``timezone.localdate()``), read when a test runs, never at import: a
    suite started before local midnight must see the same day as the code under test."""
    return timezone.localdate()


def login(client, world, name):
    client.force_login(world.users[name])
    return client


def stage(code="preparatory"):
    return PersonalizedProgramStage.objects.get(code=code)


def add_item(program, world, title="Встреча-знакомство", by="curator_a"):
    return plan_item_add(
        program=program,
        by=world.users[by],
        stage=stage(),
        title=title,
        starts_on=program.starts_on,
        ends_on=program.starts_on + dt.timedelta(days=10),
    )


def approvable(world, **fields):
    program = draft_program(world, curator=world.teacher_a, **fields)
    add_item(program, world)
    return program


def active(world):
    program = program_approve(program=approvable(world), by=world.users["curator_a"])
    return program_start(program=program, by=world.users["curator_a"])


def program_b(world):
    """A program of school B: its own mentor and mentee, formed by its curator."""
    mentor = f.staff_member(world.school_b, last_name="Бобров")
    young = f.staff_member(world.school_b, last_name="Белова")
    active_mentor(mentor, world.school_b)
    mentee(young, world.school_b)
    return program_create(mentor=mentor, mentees=[young], by=world.users["curator_b"])


def other_program_a(world):
    """Another program of school A: teacher_a mentors a new teacher; mentor_a and mentee_a are
    not in it."""
    active_mentor(world.teacher_a, world.school_a)
    young = second_mentee(world, "Петрова")
    mentee(young, world.school_a)
    return program_create(mentor=world.teacher_a, mentees=[young], by=world.users["curator_a"])


def url(name, *args):
    return reverse(f"mentoring:{name}", args=args)


def listed(client, **params):
    response = client.get(url("program_list"), params)
    assert response.status_code == 200
    return {p.pk for p in response.context["object_list"]}


# The list --------------------------------------------------------------------------------------


def test_the_list_is_scoped_per_persona(client, world):
    own = draft_program(world)
    other = other_program_a(world)
    foreign = program_b(world)
    expected = {
        "operator": {own.pk, other.pk, foreign.pk},
        "coordinator": {own.pk, other.pk},
        "head_a": {own.pk, other.pk},
        "curator_a": {own.pk, other.pk},
        "mentor_a": {own.pk},
        "mentee_a": {own.pk},
        "curator_b": {foreign.pk},
    }
    for persona, pks in expected.items():
        assert listed(login(client, world, persona)) == pks, persona
    client.logout()
    assert client.get(url("program_list")).status_code == 302


def test_the_list_filters_and_searches_by_the_participants(client, world):
    own = draft_program(world)
    other = other_program_a(world)
    login(client, world, "curator_a")
    assert listed(client, q="Наставникова") == {own.pk}
    assert listed(client, q="Петрова") == {other.pk}
    assert listed(client, q="афанасьева") == {other.pk}  # the mentor, case folded
    assert listed(client, q="Иванов Иван Иванович Лишнее") == set()
    assert listed(client, status=ProgramStatus.DRAFT) == {own.pk, other.pk}
    assert listed(client, status=ProgramStatus.ACTIVE) == set()
    assert listed(client, format="group") == set()
    assert listed(client, organization=world.school_a.pk) == {own.pk, other.pk}
    # school B is not among the organizations offered: the filter is ignored, not widened
    assert listed(client, organization=world.school_b.pk) == {own.pk, other.pk}
    page = client.get(url("program_list")).content.decode()
    assert "Наставникова" in page and "Проект" in page and "Подготовительный этап" in page


def test_a_group_program_is_listed_and_shown_once_to_its_mentor(client, world):
    program = draft_program(world, mentees=[world.mentee_a, second_mentee(world)])
    login(client, world, "mentor_a")
    response = client.get(url("program_list"))
    assert [p.pk for p in response.context["object_list"]] == [program.pk]
    assert client.get(program.get_absolute_url()).status_code == 200


def test_the_list_query_count_does_not_grow_with_the_rows(client, world, django_assert_max_num_queries):
    # session, user, role grants, own person, count, stages and organizations of the filter,
    # the page of programs, their pairs with the consent marks: nine, for one row or many
    draft_program(world)
    login(client, world, "curator_a")
    with django_assert_max_num_queries(9):
        assert len(client.get(url("program_list")).context["object_list"]) == 1
    for name in ("Петрова", "Сидорова"):
        person = second_mentee(world, name)
        mentee(person, world.school_a)
        program_create(mentor=world.mentor_a, mentees=[person], by=world.users["curator_a"])
    draft_program(world, mentees=[second_mentee(world, "Группова"), second_mentee(world, "Вторая")])
    with django_assert_max_num_queries(9):
        response = client.get(url("program_list"))
    assert len(response.context["object_list"]) == 4


def test_the_export_holds_the_filtered_list_and_hides_people_without_consent(client, world):
    own = draft_program(world)
    other = other_program_a(world)
    program_b(world)
    PersonalDataConsent.objects.filter(person__last_name="Петрова").update(withdrawn_on=today())
    login(client, world, "curator_a")
    response = client.get(url("program_list"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("№", "Организация", "Формат", "Наставник", "Наставляемые")
    by_number = {row[0]: row for row in rows[1:]}
    assert set(by_number) == {own.pk, other.pk}
    assert by_number[own.pk][4] == world.mentee_a.full_name
    assert by_number[other.pk][4] == NO_CONSENT
    assert by_number[own.pk][6].date() == own.starts_on  # a real date
    filtered = client.get(url("program_list"), {"export": "xlsx", "q": "Наставникова"})
    rows = list(load_workbook(io.BytesIO(filtered.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [own.pk]


# The program page ------------------------------------------------------------------------------

#                 operator coord head_a cur_a mentor mentee cur_b
DETAIL = dict(zip(("operator", "coordinator", "head_a", "curator_a", "mentor_a", "mentee_a", "curator_b"),
                  (200,       200,    200,   200,  200,   200,   404), strict=True))  # fmt: skip


def test_the_program_page_per_persona(client, world):
    program = approvable(world)
    for persona, status in DETAIL.items():
        response = login(client, world, persona).get(program.get_absolute_url())
        assert response.status_code == status, persona
    assert login(client, world, "curator_b").get(url("program_detail", 999999)).status_code == 404


def test_the_program_page_shows_everything_and_the_managers_actions(client, world):
    program = approvable(world, mentees=[world.mentee_a, second_mentee(world)])
    ended = program.pairs.get(mentee__last_name="Новикова")
    ended.ended_on, ended.end_reason = today(), PairEndReason.MENTOR_RELEASED
    ended.save()
    login(client, world, "curator_a")
    response = client.get(program.get_absolute_url())
    page = response.content.decode()
    assert response.context["program"] == program
    assert "Проект" in page and "Подготовительный этап" in page
    assert "Молодцова" in page and "наставник освобождён по его заявлению" in page
    assert 'data-ended="1"' in page
    assert "Встреча-знакомство" in page and "Рефлексивно-аналитический этап" in page
    assert "Сформирована наставническая группа" in page  # the history
    actions = [name for _label, name, _style in response.context["actions"]]
    assert actions == [
        "mentoring:program_edit",
        "mentoring:program_approve",
        "mentoring:program_terminate",
    ]
    assert url("program_approve", program.pk) in page
    # the mentor sees the page without any action
    response = login(client, world, "mentor_a").get(program.get_absolute_url())
    assert (
        response.context["actions"] == []
        and url("program_approve", program.pk) not in response.content.decode()
    )


def test_the_actions_follow_the_status(client, world):
    program = active(world)
    response = login(client, world, "head_a").get(program.get_absolute_url())
    assert [name for _l, name, _s in response.context["actions"]] == [
        "mentoring:program_stage_advance",
        "mentoring:program_terminate",
    ]
    assert response.context["can_plan_report"] and not response.context["can_plan_delete"]


# Status actions --------------------------------------------------------------------------------


def test_approve_through_the_page(client, world):
    program = approvable(world)
    login(client, world, "curator_a")
    page = client.get(url("program_approve", program.pk))
    assert page.status_code == 200 and "Утверждение программы" in page.content.decode()
    response = client.post(url("program_approve", program.pk), {"comment": "Согласовано"})
    assert response.status_code == 302 and response.url == program.get_absolute_url()
    program.refresh_from_db()
    assert program.status == ProgramStatus.APPROVED and program.stage.code == "design"
    event = program.events.get(kind=EventKind.STATUS)
    assert event.author == world.users["curator_a"] and event.comment == "Согласовано"


def test_approval_refused_is_explained_on_the_page(client, world):
    program = draft_program(world)
    login(client, world, "curator_a")
    assert "не назначен куратор" in client.get(program.get_absolute_url()).content.decode()
    response = client.post(url("program_approve", program.pk), {})
    assert response.status_code == 200
    assert "Программу нельзя утвердить" in response.content.decode()
    program.refresh_from_db()
    assert program.status == ProgramStatus.DRAFT


@pytest.mark.parametrize("action", ["program_approve", "program_terminate", "program_edit", "plan_item_add"])
def test_manager_actions_403_for_participants_404_out_of_scope(client, world, action):
    program = approvable(world)
    for persona, status in (
        ("mentor_a", 403),
        ("mentee_a", 403),
        ("coordinator", 403),
        ("curator_b", 404),
        ("head_a", 200),
    ):
        login(client, world, persona)
        assert client.get(url(action, program.pk)).status_code == status, persona
        if status != 200:
            post = client.post(url(action, program.pk), {"reason": "x", "comment": "x"})
            assert post.status_code == status, persona
    program.refresh_from_db()
    assert program.status == ProgramStatus.DRAFT
    client.logout()
    assert client.get(url(action, program.pk)).status_code == 302


def test_return_start_and_stage_through_the_pages(client, world):
    program = program_approve(program=approvable(world), by=world.users["curator_a"])
    login(client, world, "curator_a")
    response = client.post(url("program_return", program.pk), {"comment": ""})
    assert response.status_code == 200 and "Обязательное поле" in response.content.decode()
    program.refresh_from_db()
    assert program.status == ProgramStatus.APPROVED
    response = client.post(url("program_stage_advance", program.pk), {"comment": ""})
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.stage.code == "implementation"
    assert client.post(url("program_start", program.pk), {}).status_code == 302
    program.refresh_from_db()
    assert program.status == ProgramStatus.ACTIVE
    # a return from an active program is refused with the reason, not a 500
    response = client.post(url("program_return", program.pk), {"comment": "Доработать"})
    assert response.status_code == 200
    assert "Нельзя перевести программу из статуса «Реализуется»" in response.content.decode()


def test_terminate_through_the_page_requires_a_reason(client, world):
    program = active(world)
    login(client, world, "head_a")
    response = client.post(url("program_terminate", program.pk), {"reason": "  "})
    assert response.status_code == 200
    response = client.post(url("program_terminate", program.pk), {"reason": "Увольнение наставника"})
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.status == ProgramStatus.TERMINATED and program.terminated_on == today()
    assert program.pairs.get().end_reason == PairEndReason.TERMINATED
    page = client.get(program.get_absolute_url()).content.decode()
    assert "Программа прекращена" in page and "Увольнение наставника" in page


# Forms -----------------------------------------------------------------------------------------


def edit_data(program, **overrides):
    data = {
        "mentoring_form": program.mentoring_form_id,
        "kinds": list(program.kinds.values_list("pk", flat=True)),
        "direction": program.direction,
        "goals": program.goals,
        "expected_results": program.expected_results,
        "deficits": list(program.deficits.values_list("pk", flat=True)),
        "starts_on": program.starts_on.isoformat(),
        "ends_on": program.ends_on.isoformat(),
        "curator": world_curator(program),
    }
    data.update(overrides)
    return data


def world_curator(program):
    return program.curator_id or ""


def test_the_edit_form_checks_the_period_in_months(client, world):
    program = draft_program(world)
    login(client, world, "curator_a")
    short = add_months(program.starts_on, 3) - dt.timedelta(days=2)
    response = client.post(url("program_edit", program.pk), edit_data(program, ends_on=short.isoformat()))
    assert response.status_code == 200
    assert "не меньше трёх месяцев" in response.content.decode()
    assert "ends_on" in response.context["form"].errors
    program.refresh_from_db()
    assert program.ends_on != short
    # a good period and a curator of the school are saved with one event
    longest = add_months(program.starts_on, 12) - dt.timedelta(days=1)
    response = client.post(
        url("program_edit", program.pk),
        edit_data(program, ends_on=longest.isoformat(), curator=world.teacher_a.pk, goals="Новые цели"),
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.ends_on, program.curator, program.goals) == (longest, world.teacher_a, "Новые цели")
    event = program.events.get(kind=EventKind.UPDATED)
    assert event.author == world.users["curator_a"]
    assert event.summary == "Изменено: цели и задачи, дата окончания, куратор"


def test_the_edit_form_offers_only_the_mentees_difficulties_and_the_schools_people(client, world):
    program = draft_program(world)
    other = second_mentee(world)
    mentee(other, world.school_a, difficulties=("ict_digital",))
    foreign = Deficit.objects.get(person=other)
    login(client, world, "curator_a")
    form = client.get(url("program_edit", program.pk)).context["form"]
    assert set(form.fields["deficits"].queryset) == set(Deficit.objects.filter(person=world.mentee_a))
    assert world.teacher_b not in form.fields["curator"].queryset
    assert world.teacher_a in form.fields["curator"].queryset
    for bad in ({"deficits": [foreign.pk]}, {"curator": world.teacher_b.pk}, {"kinds": []}):
        response = client.post(url("program_edit", program.pk), edit_data(program, **bad))
        assert response.status_code == 200, bad
        assert response.context["form"].errors, bad
    assert not program.events.filter(kind=EventKind.UPDATED).exists()


def latest_diagnosis(world) -> tuple[Deficit, Deficit]:
    """A tutor's diagnosis of ``mentee_a`` ten days ago: a minor legal and a critical ICT deficit."""
    found_on = today() - dt.timedelta(days=10)
    return tuple(
        Deficit.objects.create(
            person=world.mentee_a,
            organization=world.school_a,
            area=CompetenceArea.objects.get(code=code),
            level=level,
            source=DeficitSource.TUTOR,
            diagnosed_on=found_on,
        )
        for code, level in (("legal", DeficitLevel.MINOR), ("ict_digital", DeficitLevel.CRITICAL))
    )


def test_the_edit_form_offers_the_mentees_deficits_newest_first_with_level_and_source(client, world):
    # given a program aimed at the card's methodical deficit, and a later diagnosis
    program = draft_program(world)
    (card,) = program.deficits.all()
    legal, ict = latest_diagnosis(world)
    login(client, world, "curator_a")
    form = client.get(url("program_edit", program.pk)).context["form"]
    # then the newest come first, with their level, source and date; the latest diagnosis marked
    later, earlier = f"{legal.diagnosed_on:%d.%m.%Y}", f"{card.diagnosed_on:%d.%m.%Y}"
    assert [label for _, label in form.fields["deficits"].choices] == [
        f"Молодцова М. П.: Нормативные правовые — незначительный (тьютор ЦНППМ, {later}; последняя диагностика)",
        "Молодцова М. П.: ИКТ-компетенции, цифровизация образования — критический "
        f"(тьютор ЦНППМ, {later}; последняя диагностика)",
        f"Молодцова М. П.: Методические — выраженный (самодиагностика, {earlier})",
    ]
    assert form.latest_deficit_ids == {legal.pk, ict.pk}


def test_take_the_latest_diagnosis_ticks_its_deficits_keeps_what_was_typed_and_saves_nothing(client, world):
    program = draft_program(world)
    (card,) = program.deficits.all()
    legal, ict = latest_diagnosis(world)
    version = program.version
    login(client, world, "curator_a")
    # when the curator, having typed new goals, presses «Взять из последней диагностики»
    page = client.get(url("program_edit", program.pk)).content.decode()
    assert 'data-testid="take-latest">Взять из последней диагностики</button>' in page
    response = client.post(
        url("program_edit", program.pk),
        edit_data(program, goals="Черновик новых целей", version=version, take_latest="1"),
    )
    # then the form comes back with the goals typed and the latest diagnosis's deficits ticked
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound
    assert sorted(form["deficits"].value()) == sorted([legal.pk, ict.pk])
    assert form["goals"].value() == "Черновик новых целей"
    assert str(form["version"].value()) == str(version)
    html = response.content.decode()
    assert "Отмечены затруднения из последней диагностики наставляемых" in html
    assert "Черновик новых целей" in html
    # and nothing is saved yet
    program.refresh_from_db()
    assert list(program.deficits.all()) == [card] and program.version == version
    assert not program.events.filter(kind=EventKind.UPDATED).exists()
    # when the curator saves
    response = client.post(
        url("program_edit", program.pk),
        edit_data(program, goals="Черновик новых целей", version=version, deficits=form["deficits"].value()),
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert set(program.deficits.all()) == {legal, ict}
    assert program.goals == "Черновик новых целей"


def test_take_the_latest_diagnosis_without_deficits_says_so(client, world):
    program = draft_program(world)
    Deficit.objects.filter(person=world.mentee_a).delete()
    login(client, world, "head_a")
    response = client.post(url("program_edit", program.pk), edit_data(program, take_latest="1"))
    assert response.status_code == 200
    assert "У наставляемых программы нет записанных затруднений" in response.content.decode()
    assert response.context["form"]["deficits"].value() == []


def test_take_the_latest_diagnosis_with_garbage_typed_is_no_error(client, world):
    program = draft_program(world)
    legal, ict = latest_diagnosis(world)
    login(client, world, "curator_a")
    garbage = {
        "starts_on": "²",
        "curator": "-1",
        "kinds": ["zzz"],
        "mentoring_form": "9" * 30,
        "version": "abc",
        "deficits": ["<script>"],
        "take_latest": "1",
    }
    response = client.post(url("program_edit", program.pk), edit_data(program, **garbage))
    assert response.status_code == 200
    assert sorted(response.context["form"]["deficits"].value()) == sorted([legal.pk, ict.pk])
    program.refresh_from_db()
    assert not program.events.filter(kind=EventKind.UPDATED).exists()


@pytest.mark.parametrize(("persona", "status"), [("mentor_a", 403), ("mentee_a", 403), ("curator_b", 404)])
def test_take_the_latest_diagnosis_is_the_managers(client, world, persona, status):
    program = draft_program(world)
    latest_diagnosis(world)
    login(client, world, persona)
    response = client.post(url("program_edit", program.pk), edit_data(program, take_latest="1"))
    assert response.status_code == status
    assert "Нормативные правовые" not in response.content.decode()


def test_an_approved_program_is_not_edited(client, world):
    program = program_approve(program=approvable(world), by=world.users["curator_a"])
    login(client, world, "curator_a")
    response = client.get(url("program_edit", program.pk))
    assert response.status_code == 302 and response.url == program.get_absolute_url()
    response = client.post(url("program_edit", program.pk), edit_data(program, goals="Другое"))
    assert response.status_code == 200 and "только проект программы" in response.content.decode()


def test_the_curator_forms_a_pair_with_its_draft(client, world):
    active_mentor(world.mentor_a, world.school_a, capacity=5)
    mentee(world.mentee_a, world.school_a)
    PersonalizedProgram.objects.all().delete()
    from nastavnik.mentoring.models import Pair

    Pair.objects.all().delete()
    program_b(world)
    login(client, world, "curator_a")
    form = client.get(url("program_add")).context["form"]
    assert list(form.fields["mentor"].queryset) == [world.mentor_a]  # not school B's
    assert list(form.fields["mentees"].queryset) == [world.mentee_a]
    start = today()
    response = client.post(
        url("program_add"),
        {"mentor": world.mentor_a.pk, "mentees": [world.mentee_a.pk], "starts_on": start.isoformat()},
    )
    program = PersonalizedProgram.objects.get(organization=world.school_a)
    assert response.status_code == 302 and response.url == program.get_absolute_url()
    assert program.ends_on == add_months(start, 9) - dt.timedelta(days=1)
    assert program.events.get().author == world.users["curator_a"]
    # a second pair of the same two is refused with the reason
    response = client.post(
        url("program_add"),
        {"mentor": world.mentor_a.pk, "mentees": [world.mentee_a.pk], "starts_on": start.isoformat()},
    )
    assert (
        response.status_code == 200
        and PersonalizedProgram.objects.filter(organization=world.school_a).count() == 1
    )


def test_the_create_form_checks_the_period_and_who_may_create(client, world):
    active_mentor(world.mentor_a, world.school_a, capacity=5)
    mentee(world.mentee_a, world.school_a)
    login(client, world, "curator_a")
    response = client.post(
        url("program_add"),
        {
            "mentor": world.mentor_a.pk,
            "mentees": [world.mentee_a.pk],
            "starts_on": "2026-09-01",
            "ends_on": "2027-09-01",
        },
    )
    assert response.status_code == 200 and "не больше одного года" in response.content.decode()
    assert not PersonalizedProgram.objects.exists()
    for persona in ("mentor_a", "mentee_a", "coordinator", "operator"):
        assert login(client, world, persona).get(url("program_add")).status_code == 403, persona


# The plan --------------------------------------------------------------------------------------


def test_the_curator_keeps_the_plan_of_a_draft(client, world):
    program = draft_program(world)
    login(client, world, "curator_a")
    data = {
        "stage": stage("design").pk,
        "title": "Составление индивидуального маршрута",
        "starts_on": program.starts_on.isoformat(),
        "ends_on": (program.ends_on + dt.timedelta(days=1)).isoformat(),
        "expected_product": "ИОМ",
    }
    response = client.post(url("plan_item_add", program.pk), data)
    assert response.status_code == 200 and "в пределах срока программы" in response.content.decode()
    data["ends_on"] = program.ends_on.isoformat()
    response = client.post(url("plan_item_add", program.pk), data)
    assert response.status_code == 302 and response.url.endswith("#plan")
    item = program.plan_items.get()
    assert item.stage.code == "design" and item.expected_product == "ИОМ"
    response = client.post(url("plan_item_edit", item.pk), {**data, "title": "Маршрут"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Маршрут"
    assert client.get(url("plan_item_delete", item.pk)).status_code == 200
    assert client.post(url("plan_item_delete", item.pk)).status_code == 302
    assert not program.plan_items.exists()
    summaries = list(program.events.filter(kind=EventKind.PLAN).values_list("summary", flat=True))
    assert len(summaries) == 3 and summaries[-1] == "Удалено мероприятие «Маршрут»"


def test_participants_report_the_plan_and_download_the_evidence(client, world):
    program = active(world)
    item = program.plan_items.get()
    foreign = add_item(program_b(world), world, title="Чужое", by="curator_b")  # school B's item
    login(client, world, "mentee_a")
    evidence = SimpleUploadedFile("prezentaciya.pdf", b"%PDF-1.4 product", content_type="application/pdf")
    response = client.post(
        url("plan_item_report", item.pk),
        {"status": ActivityStatus.DONE, "evidence": evidence, "evidence_note": "Открытый урок"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ActivityStatus.DONE and item.evidence and item.evidence_note == "Открытый урок"
    event = program.events.filter(kind=EventKind.PLAN).last()
    assert event.author == world.users["mentee_a"]
    # the participants may not edit or delete the plan
    assert client.get(url("plan_item_edit", item.pk)).status_code == 403
    assert client.post(url("plan_item_delete", item.pk)).status_code == 403
    # the evidence: for those who see the program, a 404 for the others
    for persona, status in (
        ("mentee_a", 200),
        ("mentor_a", 200),
        ("curator_a", 200),
        ("coordinator", 200),
        ("curator_b", 404),
    ):
        response = login(client, world, persona).get(url("plan_item_evidence", item.pk))
        assert response.status_code == status, persona
        if status == 200:
            assert b"".join(response.streaming_content) == b"%PDF-1.4 product"
            assert "prezentaciya" in response["Content-Disposition"]
    login(client, world, "curator_b")
    assert client.get(url("plan_item_report", item.pk)).status_code == 404
    assert client.post(url("plan_item_report", item.pk), {"status": "done"}).status_code == 404
    # an item without a file, and another school's item
    login(client, world, "curator_a")
    assert client.get(url("plan_item_evidence", foreign.pk)).status_code == 404
    no_file = add_item(program, world, title="Без файла")
    assert client.get(url("plan_item_evidence", no_file.pk)).status_code == 404
    client.logout()
    assert client.get(url("plan_item_evidence", item.pk)).status_code == 302


def test_a_lost_evidence_file_is_a_404(client, world):
    program = active(world)
    item = program.plan_items.get()
    ActivityPlanItem.objects.filter(pk=item.pk).update(evidence="mentoring/evidence/propal.pdf")
    login(client, world, "curator_a")
    assert client.get(url("plan_item_evidence", item.pk)).status_code == 404


# Bad input -------------------------------------------------------------------------------------

BAD_QUERIES = [
    {"page": "x"},
    {"page": "99999"},
    {"status": "zzz", "format": "???", "stage": "abc", "organization": "-1"},
    {"q": "'; drop table"},
    {"q": "а" * 500},
    {"q": "(((["},
    {"export": "xlsx", "q": "=1+1"},
]
GARBAGE = {
    "comment": "x" * 5000,
    "reason": "",
    "stage": "abc",
    "title": "x" * 600,
    "starts_on": "32.13.2026",
    "ends_on": "2099-99-99",
    "status": "finished",
    "mentor": "abc",
    "mentees": ["0", "x"],
    "kinds": ["zz"],
    "deficits": ["-1"],
    "curator": "99999999",
    "mentoring_form": "x",
}


@pytest.mark.parametrize("who", ["curator_a", "head_a", "mentor_a", "mentee_a", "curator_b", "operator"])
def test_garbage_never_gives_a_500(client, world, who):
    program = approvable(world)
    item = program.plan_items.get()
    login(client, world, who)
    for params in BAD_QUERIES:
        response = client.get(url("program_list"), params)
        assert response.status_code < 500, params
    pages = [url("program_add"), program.get_absolute_url(), url("program_detail", 999999)]
    pages += [
        url(name, pk)
        for pk in (program.pk, 999999)
        for name in (
            "program_edit",
            "program_approve",
            "program_return",
            "program_start",
            "program_terminate",
            "program_stage_advance",
            "plan_item_add",
        )
    ]
    pages += [
        url(name, pk)
        for pk in (item.pk, 999999)
        for name in ("plan_item_edit", "plan_item_report", "plan_item_delete", "plan_item_evidence")
    ]
    for page in pages:
        assert client.get(page).status_code < 500, page
        assert client.post(page, GARBAGE).status_code < 500, page
    assert client.get("/programs/abc/").status_code == 404


#: The program page read by its curator: session, user, role grants, own person, the program,
#: the manager's right, then one query per section (pairs, kinds, difficulties, stages, plan,
#: history, next stage, meetings with attendance and types, requests, the report, the
#: completion checklist with the self-assessments before and after — the answers, the questions'
#: areas, who answered, who owes — and the final meeting) — whatever the number of pairs,
#: meetings, activities and events; and which mentees are learners, who owe no self-assessment of
#: a teacher's difficulties (issue 20).
PROGRAM_PAGE_QUERIES = 25


def test_the_program_page_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    from nastavnik.mentoring.services.meetings import meeting_record
    from nastavnik.mentoring.tests.test_meetings import at, everyone_present, schedule

    # given a pair's program with one meeting
    program = active(world)
    schedule(program, world.users["curator_a"], "acquaintance", at(1))
    login(client, world, "curator_a")
    with django_assert_max_num_queries(PROGRAM_PAGE_QUERIES):
        assert client.get(program.get_absolute_url()).status_code == 200
    # and a group's program of three mentees with held meetings, more activities and events
    group = draft_program(
        world,
        curator=world.teacher_a,
        mentees=[second_mentee(world, "Петрова"), second_mentee(world, "Сидорова"), second_mentee(world)],
        starts_on=today() - dt.timedelta(days=10),
    )
    for title in ("Знакомство", "Посещение уроков", "Открытый урок"):
        add_item(group, world, title=title)
    group = program_start(
        program=program_approve(program=group, by=world.users["curator_a"]), by=world.users["curator_a"]
    )
    for code, days in (("acquaintance", -2), ("trial_working", -1)):
        meeting = schedule(group, world.users["curator_a"], code, at(days))
        meeting_record(
            meeting=meeting, by=world.users["curator_a"], notes="Итоги", attendance=everyone_present(group)
        )
    schedule(group, world.users["curator_a"], "planning", at(2))
    # when its page is read, the count is the same
    with django_assert_max_num_queries(PROGRAM_PAGE_QUERIES):
        response = client.get(group.get_absolute_url())
    assert len(response.context["pairs"]) == 3 and len(response.context["meetings"]) == 3


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_date_out_of_the_calendar_is_refused_not_a_500(client, world, day):
    # given the create form and a draft's edit form
    active_mentor(world.mentor_a, world.school_a, capacity=5)
    mentee(world.mentee_a, world.school_a)
    login(client, world, "curator_a")
    # when the start is a typo far from today, then the field says which dates are allowed
    response = client.post(
        url("program_add"), {"mentor": world.mentor_a.pk, "mentees": [world.mentee_a.pk], "starts_on": day}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_on"] == ["Укажите дату с 01.01.2000 по 31.12.2100."]
    assert not PersonalizedProgram.objects.exists()
    program = draft_program(world)
    for field in ("starts_on", "ends_on"):
        response = client.post(url("program_edit", program.pk), edit_data(program, **{field: day}))
        assert response.status_code == 200 and field in response.context["form"].errors, field
