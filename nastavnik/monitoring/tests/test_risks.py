"""The register of risks and its signals (seed 000 §VI; issue 14, Build 7): each signal fires on
a world built for it and stays silent otherwise; the register's scope; adding and editing by
the rights; «Внести в реестр» prefilled from a signal; garbage in the query string."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from nastavnik.matching.tests.bank import active_mentor
from nastavnik.mentoring.choices import MeetingStatus, ProgramStatus
from nastavnik.mentoring.models import ActivityPlanItem, Meeting, PersonalizedProgram
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.monitoring import signals
from nastavnik.monitoring.choices import Audience, Measure, Phase, QuestionKind, RiskKind, RiskStatus
from nastavnik.monitoring.models import Answer, AnswerItem, Question, Risk
from nastavnik.monitoring.periods import Period, year_period
from nastavnik.monitoring.services.risks import risk_create, risk_update
from nastavnik.reference.models import MeetingType, PersonalizedProgramStage
from nastavnik.roadmaps.choices import RoadmapStatus
from nastavnik.roadmaps.models import Roadmap
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    """Today in the region (``timezone.localdate()``), read when a test runs, never at import: a
    suite started before local midnight must see the same day as the code under test."""
    return timezone.localdate()


def this_period() -> Period:
    """This calendar year as a monitoring period."""
    return year_period(today().year)


def fired(rule_code: str, user, unit, period: Period | None = None) -> list:
    rule = signals.get_rule(rule_code)
    return rule.compute(user, unit, period or this_period(), today()).rows


def approved_roadmap(school) -> Roadmap:
    period = this_period()
    return Roadmap.objects.create(
        owner=school,
        level=school.level,
        title="Дорожная карта",
        starts_on=period.start,
        ends_on=period.end,
        status=RoadmapStatus.APPROVED,
    )


def answers(school, audience: str, scores: list[int], month: dt.date | None = None) -> None:
    """One answer per score to a built-in questionnaire of ``audience`` with a satisfaction
    question."""
    question = Question.objects.filter(
        measure=Measure.SATISFACTION, kind=QuestionKind.SCALE, questionnaire__audience=audience
    ).first()
    assert question is not None
    for score in scores:
        answer = Answer.objects.create(
            questionnaire=question.questionnaire,
            organization=school,
            audience=audience,
            phase=Phase.PERIODIC,
            month=month or today().replace(day=1),
        )
        AnswerItem.objects.create(answer=answer, question=question, scale=score)


def running_program(world, *, days_ago: int = 90, plan: bool = True) -> PersonalizedProgram:
    program = draft_program(world)
    PersonalizedProgram.objects.filter(pk=program.pk).update(
        status=ProgramStatus.ACTIVE, starts_on=today() - dt.timedelta(days=days_ago)
    )
    program.refresh_from_db()
    if plan and not program.plan_items.exists():
        ActivityPlanItem.objects.create(
            program=program,
            stage=PersonalizedProgramStage.objects.get(code="preparatory"),
            title="Знакомство",
            starts_on=program.starts_on,
            ends_on=program.starts_on + dt.timedelta(days=10),
        )
    return program


def meeting(program, days_ago: int, status=MeetingStatus.HELD) -> None:
    Meeting.objects.create(
        program=program,
        meeting_type=MeetingType.objects.get(code="acquaintance"),
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
        agenda="Встреча",
        status=status,
    )


# --- the signals --------------------------------------------------------------------------------


def test_mentors_over_capacity_fires_and_stays_silent(world):
    curator = world.users["curator_a"]
    profile = active_mentor(world.mentor_a, world.school_a, capacity=1)
    assert fired("mentors_over_capacity", curator, world.school_a) == []  # one mentee of one
    f.PairFactory(mentor=world.mentor_a, mentee=world.teacher_a, organization=world.school_a)
    (row,) = fired("mentors_over_capacity", curator, world.school_a)
    assert row.label == str(world.mentor_a) and row.url == profile.get_absolute_url()
    assert row.note == "наставляемых 2 при допустимых 1"
    assert fired("mentors_over_capacity", world.users["curator_b"], world.school_b) == []
    # the coordinator sees the mentor's name (consent given); the operator too
    (row,) = fired("mentors_over_capacity", world.users["coordinator"], world.muni1)
    assert row.label == str(world.mentor_a)


def test_a_mentor_without_consent_is_counted_not_named_above_the_school(world):
    from nastavnik.bank.models import PersonalDataConsent

    active_mentor(world.mentor_a, world.school_a, capacity=1)
    f.PairFactory(mentor=world.mentor_a, mentee=world.teacher_a, organization=world.school_a)
    PersonalDataConsent.objects.filter(person=world.mentor_a).update(withdrawn_on=today())
    (row,) = fired("mentors_over_capacity", world.users["coordinator"], world.muni1)
    assert str(world.mentor_a.last_name) not in row.label and row.url == ""
    (row,) = fired("mentors_over_capacity", world.users["curator_a"], world.school_a)
    assert row.label == str(world.mentor_a)


def test_programs_without_meetings_fire_after_60_days(world):
    curator = world.users["curator_a"]
    program = running_program(world, days_ago=90)
    (row,) = fired("programs_without_meetings", curator, world.school_a)
    assert row.url == program.get_absolute_url()
    assert row.label.startswith(f"Программа № {program.pk}")
    assert "ни одной проведённой встречи" in row.note
    meeting(program, days_ago=70)
    meeting(program, days_ago=5, status=MeetingStatus.PLANNED)  # planned, not held
    (row,) = fired("programs_without_meetings", curator, world.school_a)
    assert "последняя проведённая встреча" in row.note
    meeting(program, days_ago=10)
    assert fired("programs_without_meetings", curator, world.school_a) == []


def test_a_young_program_raises_no_meeting_signal(world):
    running_program(world, days_ago=30)
    assert fired("programs_without_meetings", world.users["curator_a"], world.school_a) == []


def test_programs_without_plan(world):
    curator = world.users["curator_a"]
    program = running_program(world, plan=False)
    program.plan_items.all().delete()
    (row,) = fired("programs_without_plan", curator, world.school_a)
    assert row.url == program.get_absolute_url()
    ActivityPlanItem.objects.create(
        program=program,
        stage=PersonalizedProgramStage.objects.get(code="preparatory"),
        title="Знакомство",
        starts_on=program.starts_on,
        ends_on=program.starts_on + dt.timedelta(days=10),
    )
    assert fired("programs_without_plan", curator, world.school_a) == []
    # a draft without a plan is no signal
    PersonalizedProgram.objects.filter(pk=program.pk).update(status=ProgramStatus.DRAFT)
    program.plan_items.all().delete()
    assert fired("programs_without_plan", curator, world.school_a) == []


@pytest.mark.parametrize(
    ("code", "audience"),
    [("low_satisfaction_mentors", Audience.MENTOR), ("low_satisfaction_mentees", Audience.MENTEE)],
)
def test_low_satisfaction_needs_five_answers_and_a_mean_under_6(world, code, audience):
    operator = world.users["operator"]
    answers(world.school_a, audience, [3, 4, 5, 5])  # four: under the anonymity threshold
    assert fired(code, operator, world.region) == []
    answers(world.school_a, audience, [5])  # five, mean 4.4
    (row,) = fired(code, operator, world.region)
    assert row.label == world.school_a.label_with_municipality
    assert row.note == "средняя оценка 4,4 из 10 по 5 ответам"
    answers(world.school_b, audience, [9, 9, 8, 7, 9])  # school B is satisfied
    assert [r.label for r in fired(code, operator, world.region)] == [world.school_a.label_with_municipality]
    other = Audience.MENTEE if audience == Audience.MENTOR else Audience.MENTOR
    assert (
        fired(
            "low_satisfaction_mentors" if other == Audience.MENTOR else "low_satisfaction_mentees",
            operator,
            world.region,
        )
        == []
    )
    # another period: nothing
    last_year = year_period(today().year - 1)
    assert fired(code, operator, world.region, period=last_year) == []


def test_satisfaction_at_6_is_no_signal(world):
    answers(world.school_a, Audience.MENTEE, [6, 6, 6, 6, 6])
    assert fired("low_satisfaction_mentees", world.users["operator"], world.region) == []


def test_organizations_without_answers_and_without_roadmap(world):
    coordinator = world.users["coordinator"]
    assert [r.label for r in fired("organizations_without_answers", coordinator, world.muni1)] == [
        world.school_a.label_with_municipality
    ]
    assert [r.label for r in fired("organizations_without_roadmap", coordinator, world.muni1)] == [
        world.school_a.label_with_municipality
    ]
    answers(world.school_a, Audience.MENTEE, [8])
    approved_roadmap(world.school_a)
    assert fired("organizations_without_answers", coordinator, world.muni1) == []
    assert fired("organizations_without_roadmap", coordinator, world.muni1) == []
    # the region still sees school B
    labels = [r.label for r in fired("organizations_without_roadmap", world.users["operator"], world.region)]
    assert labels == [world.school_b.label_with_municipality]


def test_a_draft_roadmap_does_not_count(world):
    roadmap = approved_roadmap(world.school_a)
    Roadmap.objects.filter(pk=roadmap.pk).update(status=RoadmapStatus.DRAFT)
    assert len(fired("organizations_without_roadmap", world.users["curator_a"], world.school_a)) == 1


def test_raised_signals_only_with_rows(world):
    approved_roadmap(world.school_a)
    answers(world.school_a, Audience.MENTEE, [8])
    assert signals.raised_signals(world.users["curator_a"], world.school_a, this_period()) == []
    every = {rule.code: rule.risk for rule in signals.all_rules()}
    assert every == {
        "mentors_over_capacity": RiskKind.LOAD,
        "programs_without_meetings": RiskKind.QUALITY,
        "programs_without_plan": RiskKind.QUALITY,
        "low_satisfaction_mentors": RiskKind.MENTOR_MOTIVATION,
        "low_satisfaction_mentees": RiskKind.MENTEE_MOTIVATION,
        "organizations_without_answers": RiskKind.INTERACTION,
        "organizations_without_roadmap": RiskKind.INTERACTION,
    }


# --- the services -------------------------------------------------------------------------------


def test_risk_create_and_update_check_the_actor(world):
    users = world.users
    for name in ("mentor_a", "curator_b"):
        with pytest.raises(PermissionDenied):
            risk_create(unit=world.school_a, by=users[name], kind=RiskKind.LOAD, description="Нагрузка")
    with pytest.raises(PermissionDenied):  # the coordinator of municipality 1 keeps no register of 2
        risk_create(unit=world.muni2, by=users["coordinator"], kind=RiskKind.LOAD, description="Нагрузка")
    risk = risk_create(
        unit=world.school_a, by=users["curator_a"], kind=RiskKind.LOAD, description="Нагрузка", signal="zzz"
    )
    assert risk.signal == "" and risk.created_by == users["curator_a"]
    with pytest.raises(PermissionDenied):
        risk_update(risk=risk, by=users["curator_b"], measures="Ничего")
    risk = risk_update(
        risk=risk, by=users["coordinator"], measures="Перераспределить пары", status=RiskStatus.MONITORED
    )
    assert (risk.measures, risk.status) == ("Перераспределить пары", RiskStatus.MONITORED)
    with pytest.raises(ValidationError):
        risk_update(risk=risk, by=users["head_a"], level="катастрофический")


# --- the pages ----------------------------------------------------------------------------------


def test_register_page_shows_risks_and_signals_within_scope(world, client):
    users = world.users
    risk_create(
        unit=world.school_a, by=None, kind=RiskKind.LOAD, description="Перегрузка наставников школы 1"
    )
    risk_create(unit=world.school_b, by=None, kind=RiskKind.QUALITY, description="Формализм в школе 2")
    client.force_login(users["curator_b"])
    body = client.get(reverse("monitoring:risks")).content.decode()
    assert "Формализм в школе 2" in body and "Перегрузка наставников школы 1" not in body
    assert world.school_a.full_name not in body
    assert client.get(reverse("monitoring:risks") + f"?unit={world.school_a.pk}").status_code == 404
    client.force_login(users["coordinator"])
    page = client.get(reverse("monitoring:risks"))
    body = page.content.decode()
    assert "Перегрузка наставников школы 1" in body and "Формализм в школе 2" not in body
    assert 'data-signal="organizations_without_roadmap"' in body
    assert page.context["unit"] == world.muni1
    client.force_login(users["operator"])
    body = client.get(reverse("monitoring:risks")).content.decode()
    assert "Перегрузка наставников школы 1" in body and "Формализм в школе 2" in body
    client.force_login(users["mentor_a"])
    assert client.get(reverse("monitoring:risks")).status_code == 403


def test_signal_add_prefills_and_marks_it_registered(world, client):
    client.force_login(world.users["curator_a"])
    url = reverse("monitoring:risk_add") + f"?unit={world.school_a.pk}&signal=organizations_without_roadmap"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["kind"] == RiskKind.INTERACTION and form.initial["unit"] == world.school_a.pk
    assert "дорожной карты" in form.initial["description"]
    response = client.post(
        url,
        {
            "unit": world.school_a.pk,
            "kind": RiskKind.INTERACTION,
            "level": "high",
            "description": form.initial["description"],
            "measures": "Утвердить дорожную карту",
            "responsible": "Заместитель директора",
            "review_on": (today() + dt.timedelta(days=30)).isoformat(),
            "status": RiskStatus.OPEN,
            "signal": "organizations_without_roadmap",
        },
    )
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert (risk.unit, risk.signal, risk.level) == (world.school_a, "organizations_without_roadmap", "high")
    body = client.get(response["Location"]).content.decode()
    assert "в реестре" in body and "Утвердить дорожную карту" in body


def test_edit_page_by_right(world, client):
    risk = risk_create(unit=world.school_a, by=None, kind=RiskKind.LOAD, description="Нагрузка")
    url = reverse("monitoring:risk_edit", args=[risk.pk])
    client.force_login(world.users["curator_b"])
    assert client.get(url).status_code == 404
    client.force_login(world.users["mentor_a"])
    assert client.get(url).status_code in (403, 404)
    client.force_login(world.users["head_a"])
    data = {
        "kind": RiskKind.LOAD,
        "level": "low",
        "description": "Нагрузка снижена",
        "status": RiskStatus.CLOSED,
    }
    assert client.post(url, data).status_code == 302
    risk.refresh_from_db()
    assert (risk.level, risk.status, risk.unit) == ("low", RiskStatus.CLOSED, world.school_a)


@pytest.mark.parametrize(
    "query",
    ["unit=abc", "unit=²", "unit=99999999999", "period=2026-q9", "period=²", "from=x&to=y", "signal=zzz"],
)
def test_register_and_add_garbage(world, client, query):
    client.force_login(world.users["operator"])
    response = client.get(reverse("monitoring:risks") + "?" + query)
    assert response.status_code == 200
    if query.startswith(("period", "from")):
        assert "Период указан неверно" in response.content.decode()
    assert client.get(reverse("monitoring:risk_add") + "?" + query).status_code == 200
    response = client.post(reverse("monitoring:risk_add") + "?" + query, {"unit": "²", "kind": "zzz"})
    assert response.status_code == 200 and not Risk.objects.exists()


def test_register_page_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    client.force_login(world.users["operator"])
    url = reverse("monitoring:risks")
    with django_assert_max_num_queries(30):
        client.get(url)
    for i in range(5):
        school = f.OrgUnitFactory(parent=world.muni1, full_name=f"Школа для подсчёта запросов {i}")
        risk_create(unit=school, by=None, kind=RiskKind.LOAD, description=f"Риск {i}")
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200


def test_home_links_each_keeper_to_the_register(world, client):
    from nastavnik.access.scope import get_scope
    from nastavnik.core.home import HomeRequest

    risk_create(unit=world.school_a, by=None, kind=RiskKind.LOAD, description="Нагрузка")
    closed = risk_create(unit=world.school_a, by=None, kind=RiskKind.QUALITY, description="Формализм")
    risk_update(risk=closed, by=None, status=RiskStatus.CLOSED)

    def lines(name):
        user = world.users[name]
        request = HomeRequest(user=user, scope=get_scope(user), unit_names={world.muni1.pk: "город Сургут"})
        signals.home_risks(request)
        return [(i.text, i.url, i.note) for w in request.work_lists for i in w.items]

    assert lines("coordinator") == [
        (
            "Реестр рисков: город Сургут",
            reverse("monitoring:risks") + f"?unit={world.muni1.pk}",
            "открытых рисков — 1",
        )
    ]
    (line,) = lines("curator_b")
    assert line[2] == "открытых рисков нет; проверьте сигналы из данных"
    assert lines("mentor_a") == []
    client.force_login(world.users["head_a"])
    assert "Риски реализации системы наставничества" in client.get(reverse("core:home")).content.decode()


def test_a_signal_counts_every_row_and_names_only_the_first(world, monkeypatch):
    """Issue 16: a rule reads and names only the rows shown; the count covers them all."""
    schools = [f.OrgUnitFactory(parent=world.muni1, full_name=f"Школа без карты {i:02d}") for i in range(5)]
    monkeypatch.setattr(signals, "ROWS_SHOWN", 2)
    raised = {
        s.rule.code: s for s in signals.raised_signals(world.users["coordinator"], world.muni1, this_period())
    }
    signal = raised["organizations_without_roadmap"]
    assert signal.count == len(schools) + 1  # and school A
    assert [row.label for row in signal.shown] == [
        world.school_a.label_with_municipality,
        schools[0].label_with_municipality,
    ]
    assert signal.more == len(schools) - 1


def test_register_above_an_organization_shows_the_first_risks_of_each_kind(world, client, monkeypatch):
    """Issue 16: the region's register counts every risk of the subtree but lists the first
    ``RISKS_SHOWN`` of each kind (those under way first); an organization's lists all its own."""
    from nastavnik.monitoring import views_risks

    monkeypatch.setattr(views_risks, "RISKS_SHOWN", 3)
    for i in range(5):
        risk_create(unit=world.school_a, by=None, kind=RiskKind.LOAD, description=f"Нагрузка {i}")
    risk_create(unit=world.school_b, by=None, kind=RiskKind.QUALITY, description="Формализм")
    client.force_login(world.users["operator"])
    page = client.get(reverse("monitoring:risks"))
    assert page.context["risks_count"] == 6 and page.context["open_count"] == 6
    load = next(g for g in page.context["kinds"] if g.label == RiskKind(RiskKind.LOAD).label)
    assert [r.description for r in load.risks] == ["Нагрузка 4", "Нагрузка 3", "Нагрузка 2"]
    assert load.more == 2 and 'data-testid="risks-more"' in page.content.decode()
    client.force_login(world.users["curator_a"])
    page = client.get(reverse("monitoring:risks") + f"?unit={world.school_a.pk}")
    load = next(g for g in page.context["kinds"] if g.label == RiskKind(RiskKind.LOAD).label)
    assert len(load.risks) == 5 and load.more == 0
