"""The monitoring REST API (issue 17, build 1) as the personas: questionnaires in the list
page's scope, their results with anonymity kept, named answers exactly as the pages show them
one by one (never to the coordinator, the operator or the national operator, never an anonymous
one), the indicators for a unit and a period (a Russian 400 for garbage, 404 out of reach), and
the federal statistical figure with the curator's confirmation (seed 002 §9, 004 §9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nastavnik.mentoring.choices import PairEndReason
from nastavnik.monitoring.builtin import builtin_questionnaire
from nastavnik.monitoring.indicators.base import all_indicators
from nastavnik.monitoring.models import Answer, FederalStatisticsReport, Questionnaire
from nastavnik.monitoring.services import questionnaires as q
from nastavnik.monitoring.services.federal import federal_figure_confirm
from nastavnik.testing import factories as f
from nastavnik.testing.api import api, ids
from nastavnik.testing.personas import extend_world

pytestmark = pytest.mark.django_db


def this_year() -> int:
    """The current year in the region, read when a test runs, never at import."""
    return timezone.localdate().year


UNITS = "/api/v1/indicator-units/"
FIGURES = "/api/v1/federal-figures/"


def reply_to(question):
    """A valid reply to ``question`` of any kind."""
    options = [option.pk for option in question.options.all()]
    return {"scale": 8, "single": options[:1] and options[0], "multiple": options[:1]}.get(
        question.kind, "Всё хорошо"
    )


@pytest.fixture
def survey(world):
    """A named questionnaire of school A answered by its mentee and by the teacher of school B
    (the questionnaire of B's curator), and the built-in anonymous feedback answered by the
    mentee of A."""
    extend_world(world)
    curator_a, curator_b = world.users["curator_a"], world.users["curator_b"]
    named = q.questionnaire_save(
        by=curator_a,
        owner=world.school_a,
        title="Интерес к работе в школе",
        audience="mentee",
        phase="periodic",
    )
    question = q.question_add(
        by=curator_a, questionnaire=named, text="Насколько вам интересна работа?", kind="scale"
    )
    assignment = q.assign(
        questionnaire=named, person=world.mentee_a, organization=world.school_a, phase="periodic"
    )
    mine = q.answer_submit(assignment=assignment, by=world.users["mentee_a"], values={question.pk: 7})

    other = q.questionnaire_save(
        by=curator_b, owner=world.school_b, title="Анкета школы Б", audience="mentee", phase="periodic"
    )
    other_question = q.question_add(by=curator_b, questionnaire=other, text="Оцените работу", kind="scale")
    other_assignment = q.assign(
        questionnaire=other, person=world.teacher_b, organization=world.school_b, phase="periodic"
    )
    # typed in by B's curator from the paper form (seed 004 §9.2)
    b_answer = q.answer_submit(assignment=other_assignment, by=curator_b, values={other_question.pk: 4})

    anonymous = builtin_questionnaire("mentee_feedback_after")
    anon_assignment = q.assign(
        questionnaire=anonymous, person=world.mentee_a, organization=world.school_a, phase="after"
    )
    values = {question.pk: reply_to(question) for question in anonymous.questions.prefetch_related("options")}
    q.answer_submit(assignment=anon_assignment, by=world.users["mentee_a"], values=values)
    return {"named": named, "other": other, "anonymous": anonymous, "mine": mine, "b_answer": b_answer}


# --- questionnaires ------------------------------------------------------------------------------


def test_questionnaires_as_the_list_page(world, survey):
    named, other = survey["named"].pk, survey["other"].pk
    builtin = set(Questionnaire.objects.exclude(code="").values_list("pk", flat=True))
    assert ids(api(world, "curator_a").get("/api/v1/questionnaires/", {"page_size": 500})) == builtin | {
        named
    }
    assert ids(api(world, "curator_b").get("/api/v1/questionnaires/", {"page_size": 500})) == builtin | {
        other
    }
    assert {named, other} <= ids(api(world, "operator").get("/api/v1/questionnaires/", {"page_size": 500}))
    for persona in ("mentor_a", "national"):
        response = api(world, persona).get("/api/v1/questionnaires/")
        assert response.status_code == 403
        assert response.json()["detail"].startswith("Анкеты составляют")
    response = api(world, "curator_a").get(
        "/api/v1/questionnaires/", {"search": "Интерес", "is_active": "true"}
    )
    assert ids(response) == {named}
    response = api(world, "curator_a").get("/api/v1/questionnaires/", {"audience": "кто-то"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"audience"}
    response = api(world, "curator_b").get(f"/api/v1/questionnaires/{named}/")
    assert response.status_code == 404 and response.json() == {"detail": "Не найдено."}
    detail = api(world, "curator_a").get(f"/api/v1/questionnaires/{named}/").json()
    assert [row["text"] for row in detail["questions"]] == ["Насколько вам интересна работа?"]
    assert detail["owner_name"] == world.school_a.full_name and detail["question_count"] == 1


def test_results_keep_anonymity_and_the_right(world, survey):
    url = f"/api/v1/questionnaires/{survey['named'].pk}/results/"
    data = api(world, "coordinator").get(url, {"period": str(this_year())}).json()
    assert data["total"] == 1 and data["questions"][0]["mean"] == 7.0
    # one anonymous answer is below the threshold: nothing but the fact
    anon = api(world, "curator_a").get(f"/api/v1/questionnaires/{survey['anonymous'].pk}/results/").json()
    assert anon["hidden"] is True and anon["hidden_message"]
    assert all(row["mean"] is None and not row["texts"] for row in anon["questions"])
    # filters the page could not read are noted, as on the page
    data = api(world, "coordinator").get(url, {"phase": "никогда"}).json()
    assert data["notes"] == ["Этап указан неверно — фильтр не применён."]
    response = api(world, "head_a").get(f"/api/v1/questionnaires/{survey['other'].pk}/results/")
    assert response.status_code == 404


# --- answers -------------------------------------------------------------------------------------


def test_answers_are_shown_one_by_one_only_as_on_the_pages(world, survey):
    mine, b_answer = str(survey["mine"].pk), str(survey["b_answer"].pk)
    anonymous = set(map(str, Answer.objects.filter(person__isnull=True).values_list("pk", flat=True)))
    assert anonymous  # there is an anonymous answer, and nobody lists it

    def answer_ids(persona):
        return {str(pk) for pk in ids(api(world, persona).get("/api/v1/answers/"))}

    assert answer_ids("curator_a") == {mine}
    assert answer_ids("head_a") == {mine}
    assert answer_ids("curator_b") == {b_answer}
    assert answer_ids("mentee_a") == {mine}
    assert answer_ids("mentor_a") == set()
    for persona in ("coordinator", "operator", "national"):
        response = api(world, persona).get("/api/v1/answers/")
        assert response.status_code == 403, persona
        assert "сводные результаты" in response.json()["detail"]
        assert api(world, persona).get(f"/api/v1/answers/{mine}/").status_code == 403
    assert api(world, "curator_b").get(f"/api/v1/answers/{mine}/").status_code == 404
    for key in anonymous:
        assert api(world, "mentee_a").get(f"/api/v1/answers/{key}/").status_code == 404
        assert api(world, "curator_a").get(f"/api/v1/answers/{key}/").status_code == 404
    row = api(world, "curator_a").get(f"/api/v1/answers/{mine}/").json()
    assert row["person_name"] == world.mentee_a.full_name and row["from_paper"] is False
    assert [(r["question_text"], r["reply"]) for r in row["replies"]] == [
        ("Насколько вам интересна работа?", "7")
    ]
    assert api(world, "curator_b").get(f"/api/v1/answers/{b_answer}/").json()["from_paper"] is True
    response = api(world, "curator_a").get("/api/v1/answers/", {"questionnaire": "анкета"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"questionnaire"}


def test_answers_constant_queries_per_page(world, survey):
    client = api(world, "curator_a")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/answers/").status_code == 200
        return len(captured)

    few = queries()
    named = survey["named"]
    question = named.questions.first()
    for _ in range(4):
        person = f.staff_member(world.school_a)
        assignment = q.assign(
            questionnaire=named, person=person, organization=world.school_a, phase="periodic"
        )
        q.answer_submit(assignment=assignment, by=world.users["curator_a"], values={question.pk: 5})
    assert len(ids(client.get("/api/v1/answers/"))) == 5
    assert queries() == few


# --- indicators ----------------------------------------------------------------------------------


def test_indicators_of_a_unit_and_a_period(world):
    extend_world(world)
    codes = [i.code for i in all_indicators()]
    assert ids(api(world, "curator_a").get(UNITS)) == {world.school_a.pk}
    assert ids(api(world, "coordinator").get(UNITS)) == {world.muni1.pk, world.school_a.pk}
    assert ids(api(world, "coordinator").get(UNITS, {"level": "organization"})) == {world.school_a.pk}
    assert {world.region.pk, world.school_b.pk} <= ids(api(world, "national").get(UNITS))
    data = api(world, "curator_a").get(f"{UNITS}{world.school_a.pk}/", {"period": str(this_year())}).json()
    assert data["id"] == world.school_a.pk and data["period"] == str(this_year())
    assert [row["code"] for row in data["indicators"]] == codes
    assert all(row["formatted"] and row["title"] for row in data["indicators"])
    region = api(world, "national").get(f"{UNITS}{world.region.pk}/", {"period": f"{this_year()}-q1"}).json()
    assert region["period_label"] == f"I квартал {this_year()} г."
    detail = api(world, "coordinator").get(f"{UNITS}{world.muni1.pk}/indicators/{codes[0]}/").json()
    assert detail["code"] == codes[0] and detail["unit"] == world.muni1.pk
    assert world.school_a.pk in {row["unit"] for row in detail["children"]}
    assert world.school_b.pk not in {row["unit"] for row in detail["children"]}


def test_indicators_garbage_and_scope(world):
    extend_world(world)
    client = api(world, "curator_a")
    url = f"{UNITS}{world.school_a.pk}/"
    response = client.get(url, {"period": "вчера"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Проверьте введённые данные.",
        "errors": {"period": ["Период указан неверно."]},
    }
    response = client.get(url, {"from": "01.02.2026", "to": "01.01.2026"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"from"}
    code = all_indicators()[0].code
    for out in (
        f"{UNITS}{world.school_b.pk}/",
        f"{UNITS}{world.school_b.pk}/indicators/{code}/",
        f"{UNITS}школа/",
    ):
        response = client.get(out)
        assert response.status_code == 404 and response.json() == {"detail": "Не найдено."}, out
    assert client.get(f"{url}indicators/no_such_indicator/").status_code == 404
    for persona in ("mentor_a", "psychologist_a"):
        response = api(world, persona).get(UNITS)
        assert response.status_code == 403 and response.json()["detail"].startswith("Показатели мониторинга")
        assert api(world, persona).get(url).status_code == 403


# --- the federal statistical figure --------------------------------------------------------------


def complete(organization, n: int) -> None:
    """``n`` mentees of ``organization`` who completed their program this year."""
    on = (
        dt.date(this_year(), 1, 10)
        if timezone.localdate() < dt.date(this_year(), 6, 1)
        else dt.date(this_year(), 6, 1)
    )
    for _ in range(n):
        f.PairFactory(
            organization=organization,
            started_on=on - dt.timedelta(days=120),
            ended_on=on,
            end_reason=PairEndReason.COMPLETED,
        )


def test_federal_figure_confirmed_by_the_curator_only(world):
    extend_world(world)
    complete(world.school_a, 2)
    url = f"{FIGURES}{world.school_a.pk}/"
    before = api(world, "head_a").get(url, {"year": this_year()}).json()
    own = before["organization_figure"]
    assert (own["live"], own["confirmed"], own["status"]) == (2, None, "missing")
    for persona in ("head_a", "coordinator", "operator", "national"):
        response = api(world, persona).post(
            f"{url}confirm/", {"year": this_year(), "expected": 2}, format="json"
        )
        assert response.status_code == 403, persona
        assert response.json() == {
            "detail": "Подтвердить сведения для федерального статистического наблюдения может только куратор организации."
        }
    assert not FederalStatisticsReport.objects.exists()
    curator = api(world, "curator_a")
    response = curator.post(f"{url}confirm/", {"year": this_year(), "expected": 5}, format="json")
    assert response.status_code == 400
    assert "данные изменились" in response.json()["errors"]["non_field_errors"][0]
    response = curator.post(f"{url}confirm/", {"year": "двадцать", "expected": -1}, format="json")
    assert response.status_code == 400 and set(response.json()["errors"]) == {"year", "expected"}
    response = curator.post(f"{url}confirm/", {"year": 1999}, format="json")
    assert response.status_code == 400
    assert not FederalStatisticsReport.objects.exists()
    response = curator.post(f"{url}confirm/", {"year": this_year(), "expected": 2}, format="json")
    assert response.status_code == 200, response.content
    own = response.json()["organization_figure"]
    assert (own["confirmed"], own["status"], own["difference"]) == (2, "confirmed", 0)
    assert own["confirmed_by_name"] and own["confirmed_by_name"] != "curator_a"
    report = FederalStatisticsReport.objects.get()
    assert (report.organization, report.year, report.figure, report.confirmed_by) == (
        world.school_a,
        this_year(),
        2,
        world.users["curator_a"],
    )
    # out of reach: 404 (B's curator neither sees nor confirms A's figure)
    response = api(world, "curator_b").post(f"{url}confirm/", {"year": this_year()}, format="json")
    assert response.status_code == 404
    # the confirmations and the totals
    assert ids(api(world, "coordinator").get("/api/v1/federal-reports/")) == {report.pk}
    assert ids(api(world, "curator_b").get("/api/v1/federal-reports/")) == set()
    assert ids(api(world, "national").get("/api/v1/federal-reports/", {"year": this_year()})) == {report.pk}
    root = world.region.parent
    summary = api(world, "national").get(f"{FIGURES}{root.pk}/", {"year": this_year()}).json()
    assert summary["overall"]["live"] == 2 and summary["overall"]["confirmed"] == 2
    assert summary["organization_figure"] is None
    summary = api(world, "coordinator").get(f"{FIGURES}{world.muni1.pk}/").json()
    assert summary["id"] == world.muni1.pk and summary["status_counts"]["confirmed"] == 1
    assert ids(api(world, "coordinator").get(FIGURES)) == {world.muni1.pk, world.school_a.pk}
    assert api(world, "coordinator").get(f"{FIGURES}{world.muni2.pk}/").status_code == 404
    response = api(world, "coordinator").get(f"{FIGURES}{world.muni1.pk}/", {"year": "давно"})
    assert response.status_code == 400 and response.json()["errors"] == {
        "year": ["Отчётный год указан неверно."]
    }
    assert api(world, "mentor_a").get(FIGURES).status_code == 403
    # a municipality confirms nothing: the coordinator is refused by the right
    response = api(world, "coordinator").post(
        f"{FIGURES}{world.muni1.pk}/confirm/", {"year": this_year()}, format="json"
    )
    assert response.status_code == 403


def test_lists_cost_the_same_queries_at_any_length(world):
    extend_world(world)
    coordinator = api(world, "coordinator")

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert coordinator.get(url).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            school = f.OrgUnitFactory(parent=world.muni1, full_name=f"МБОУ «Школа № {10 + i + n}»")
            federal_figure_confirm(organization=school, year=this_year(), by=None)
            q.questionnaire_save(
                by=coordinator_user,
                owner=world.muni1,
                title=f"Анкета {i}-{n}",
                audience="mentor",
                phase="after",
            )

    coordinator_user = world.users["coordinator"]
    add(1)
    urls = ("/api/v1/questionnaires/", "/api/v1/federal-reports/", UNITS, FIGURES)
    few = [queries(url) for url in urls]
    add(5)
    assert [queries(url) for url in urls] == few


def test_answers_page_through_by_their_keys(world, survey):
    named, question = survey["named"], survey["named"].questions.first()
    for _ in range(4):
        person = f.staff_member(world.school_a)
        assignment = q.assign(
            questionnaire=named, person=person, organization=world.school_a, phase="periodic"
        )
        q.answer_submit(assignment=assignment, by=world.users["curator_a"], values={question.pk: 6})
    client = api(world, "curator_a")
    seen: list[str] = []
    response = client.get("/api/v1/answers/", {"page_size": 2})
    while True:
        body = response.json()
        assert len(body["results"]) <= 2
        seen += [row["id"] for row in body["results"]]
        if not body["next"]:
            break
        response = client.get(body["next"])
    assert len(seen) == len(set(seen)) == 5
    assert set(seen) == {
        str(pk)
        for pk in Answer.objects.filter(organization=world.school_a, person__isnull=False).values_list(
            "pk", flat=True
        )
    }
