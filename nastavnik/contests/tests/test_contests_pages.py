"""Pages of the regional contest (issue 19, item 5): the operator's call with criteria and panel,
the coordinator's application with a file, the expert's scoring page, the ranking, the public
pages without sign-in (never a draft, the ranking only once published, no expert named), the block
of the region's public page; garbage in addresses and query strings is never a 500; the lists'
query counts do not grow with the rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from nastavnik.contests.choices import ApplicationStatus, ContestStatus
from nastavnik.contests.models import Contest, ContestApplication, ContestScore
from nastavnik.contests.services import contests as services
from nastavnik.contests.testing import PDF, announced_contest, close_applications, submitted_application
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_operator_creates_a_contest_with_criteria_through_the_form(world):
    # given the operator on the form of a new contest
    operator = client_for(world.users["operator"])
    assert operator.get("/contests/manage/new/").status_code == 200
    body = {
        "title": "Конкурс муниципальных моделей наставничества",
        "year": today().year,
        "description": "Объявление",
        "applications_open_on": today().isoformat(),
        "applications_close_on": (today() + dt.timedelta(days=10)).isoformat(),
        "scoring_ends_on": (today() + dt.timedelta(days=20)).isoformat(),
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-title": "Нормативная база",
        "criteria-0-max_score": "10",
        "criteria-0-weight": "1",
        "criteria-1-title": "Результативность",
        "criteria-1-max_score": "5",
        "criteria-1-weight": "2,5",
        "criteria-2-title": "",
    }

    # when the form is sent with a bad weight first, then valid
    bad = operator.post("/contests/manage/new/", {**body, "criteria-1-weight": "0"})
    response = operator.post("/contests/manage/new/", body)

    # then the bad one comes back with the error and nothing saved; the valid one makes a draft
    assert bad.status_code == 200 and "Нормативная база" in bad.content.decode()
    contest = Contest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/contests/manage/{contest.pk}/"
    assert contest.status == ContestStatus.DRAFT
    assert [c.title for c in contest.criteria.all()] == ["Нормативная база", "Результативность"]
    # and the coordinator may not open the form
    assert client_for(world.users["coordinator"]).get("/contests/manage/new/").status_code == 403


def test_the_whole_flow_through_the_pages(world):
    # given an announced contest with its panel, seen by the coordinator of municipality 1
    cs = announced_contest(world)
    contest = cs.contest
    coordinator = client_for(world.users["coordinator"])
    detail = coordinator.get(f"/contests/manage/{contest.pk}/").content.decode()
    assert "Подать заявку от" in detail

    # when the coordinator applies with a file and submits
    response = coordinator.post(
        f"/contests/manage/{contest.pk}/apply/",
        {
            "title": "Модель Сургута",
            "description": "Описание модели",
            "file_title": "Положение",
            "file": SimpleUploadedFile("model.pdf", PDF, content_type="application/pdf"),
        },
    )
    application = ContestApplication.objects.get()
    assert response.status_code == 302 and application.files.count() == 1
    assert coordinator.post(f"/contests/manage/applications/{application.pk}/submit/").status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    # and the operator ends the applications (the close date reached), the expert of municipality 2 scores
    Contest.objects.filter(pk=contest.pk).update(applications_close_on=today())
    operator = client_for(world.users["operator"])
    assert operator.post(f"/contests/manage/{contest.pk}/close/").status_code == 302
    expert = client_for(cs.experts["expert_1"].user)
    first, second = cs.criteria
    page = expert.get(f"/contests/manage/applications/{application.pk}/score/")
    assert page.status_code == 200 and "Нормативная база" in page.content.decode()
    refused = expert.post(
        f"/contests/manage/applications/{application.pk}/score/",
        {f"score_{first.pk}": "11", f"score_{second.pk}": "3"},
    )
    assert refused.status_code == 200 and not ContestScore.objects.exists()
    scored = expert.post(
        f"/contests/manage/applications/{application.pk}/score/",
        {f"score_{first.pk}": "8", f"comment_{first.pk}": "Полно", f"score_{second.pk}": "4"},
    )
    assert scored.status_code == 302 and ContestScore.objects.count() == 2
    # the file is downloaded by the expert
    assert expert.get(f"/contests/manage/files/{application.files.get().pk}/").status_code == 200
    # the expert of municipality 1 may not score it (their own)
    own = client_for(cs.experts["expert_2"].user)
    assert own.get(f"/contests/manage/applications/{application.pk}/score/").status_code == 404

    # then the operator sees the missing score of expert_3 on the publication page and publishes with confirmation
    publish = operator.get(f"/contests/manage/{contest.pk}/publish/").content.decode()
    assert "Не выставлены оценки (2)" in publish and "Независимов" in publish
    assert operator.post(f"/contests/manage/{contest.pk}/publish/").status_code == 200  # not confirmed
    assert (
        operator.post(f"/contests/manage/{contest.pk}/publish/", {"confirm_missing": "on"}).status_code == 302
    )
    contest.refresh_from_db()
    assert contest.status == ContestStatus.PUBLISHED
    # and an anonymous visitor reads the results, without the experts' names
    public = Client().get(f"/contests/{contest.pk}/").content.decode()
    assert "город Сургут" in public and "Модель Сургута" in public
    assert "Экспертова" not in public and "Независимов" not in public
    assert "Итоговая оценка заявки" in public


def test_public_pages_show_no_draft_and_no_ranking_before_publication(world):
    # given a draft contest and one being scored
    draft = services.contest_create(
        by=None,
        owner=world.region,
        title="Секретный черновик",
        year=today().year,
        applications_open_on=today(),
        applications_close_on=today(),
        scoring_ends_on=today(),
    )
    cs = announced_contest(world)
    submitted_application(cs.contest, world.muni1, title="Модель в экспертизе")
    close_applications(cs.contest)
    anonymous = Client()

    # then the list shows the contest being scored, not the draft; the draft is a 404
    listing = anonymous.get("/contests/").content.decode()
    assert cs.contest.title in listing and "Секретный черновик" not in listing
    assert anonymous.get(f"/contests/{draft.pk}/").status_code == 404
    # and the contest's page shows its criteria but no ranking yet
    page = anonymous.get(f"/contests/{cs.contest.pk}/").content.decode()
    assert "Результативность" in page and "Модель в экспертизе" not in page


def test_region_page_has_the_latest_published_results(world):
    # given a published contest with a tie
    cs = announced_contest(world, panel=False)
    submitted_application(cs.contest, world.muni1)
    submitted_application(cs.contest, world.muni2)
    close_applications(cs.contest)
    services.contest_publish(by=None, contest=cs.contest)

    # when the region's public block is built
    from nastavnik.contests.blocks import region_block

    data = region_block(unit=world.region)

    # then it holds the contest and both municipalities sharing the first place
    assert data["contest"] == cs.contest
    assert [(r.place, r.tied) for r in data["rows"]] == [(1, True), (1, True)]
    # a region without published results has no block
    other = f.region(world.region.parent, "Тюменская область")
    assert region_block(unit=other) is None


def test_ranking_page_for_the_operator_and_after_publication(world):
    # given a contest in scoring
    cs = announced_contest(world)
    submitted_application(cs.contest, world.muni1)
    close_applications(cs.contest)
    url = f"/contests/manage/{cs.contest.pk}/ranking/"

    # then the operator reads the ranking with the formula; the coordinator and an expert may not yet
    page = client_for(world.users["operator"]).get(url)
    assert page.status_code == 200 and "сумма по критериям" in page.content.decode()
    assert client_for(world.users["coordinator"]).get(url).status_code == 403
    assert client_for(cs.experts["expert_3"].user).get(url).status_code == 403
    # after publication the expert reads it
    services.contest_publish(by=None, contest=cs.contest, confirm_missing=True)
    assert client_for(cs.experts["expert_3"].user).get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/contests/?page=x",
        "/contests/999999/",
        "/contests/manage/?year=abc&status=zzz&page=-1",
        "/contests/manage/?year=99999999999999999999",
        "/contests/manage/999999/",
        "/contests/manage/999999/ranking/",
        "/contests/manage/applications/999999/",
        "/contests/manage/applications/999999/score/",
        "/contests/manage/files/999999/",
    ],
)
def test_garbage_is_never_a_500(world, url):
    # given the operator and an anonymous visitor
    operator = client_for(world.users["operator"])

    # then garbage ids and queries answer 200/404, never 500
    assert operator.get(url).status_code in (200, 404)
    assert Client().get(url).status_code in (200, 302, 404)


def test_garbage_posts_are_never_a_500(world):
    # given an application in scoring
    cs = announced_contest(world)
    application = submitted_application(cs.contest, world.muni1)
    close_applications(cs.contest)
    first = cs.criteria[0]
    expert = client_for(cs.experts["expert_3"].user)
    operator = client_for(world.users["operator"])

    # then garbage in the forms comes back with errors
    response = expert.post(
        f"/contests/manage/applications/{application.pk}/score/", {f"score_{first.pk}": "десять", "x": "\x00"}
    )
    assert response.status_code == 200
    assert operator.post(f"/contests/manage/{cs.contest.pk}/panel/", {"user": "abc"}).status_code == 200
    assert operator.post(
        f"/contests/manage/{cs.contest.pk}/edit/", {"criteria-TOTAL_FORMS": "x"}
    ).status_code in (
        200,
        302,
    )


def test_lists_keep_their_query_count(world, django_assert_max_num_queries):
    # given several contests and applications
    for n in range(3):
        cs = announced_contest(world, title=f"Конкурс {n}", panel=(n == 0))
    for unit in (world.muni1, world.muni2):
        submitted_application(cs.contest, unit)
    operator = client_for(world.users["operator"])
    operator.get("/contests/manage/")

    # then the lists cost a fixed number of queries
    with django_assert_max_num_queries(12):
        assert operator.get("/contests/manage/").status_code == 200
    with django_assert_max_num_queries(12):
        assert Client().get("/contests/").status_code == 200
    with django_assert_max_num_queries(14):
        assert operator.get(f"/contests/manage/{cs.contest.pk}/applications/").status_code == 200


def test_pages_show_correct_russian_to_every_role(world):
    # given a published contest with a draft of this year beside it, every page of the part
    from nastavnik.testing.crawl import text_offences, visible_text

    cs = announced_contest(world)
    application = submitted_application(cs.contest, world.muni1)
    close_applications(cs.contest)
    services.contest_publish(by=None, contest=cs.contest, confirm_missing=True)
    contest = cs.contest
    pages = {
        "operator": [
            "/contests/manage/",
            "/contests/manage/new/",
            f"/contests/manage/{contest.pk}/",
            f"/contests/manage/{contest.pk}/panel/",
            f"/contests/manage/{contest.pk}/applications/",
            f"/contests/manage/{contest.pk}/ranking/",
            f"/contests/manage/applications/{application.pk}/",
        ],
        "coordinator": [
            f"/contests/manage/{contest.pk}/",
            f"/contests/manage/applications/{application.pk}/",
        ],
        "expert_3": [
            f"/contests/manage/{contest.pk}/applications/",
            f"/contests/manage/{contest.pk}/ranking/",
        ],
        "anonymous": ["/contests/", f"/contests/{contest.pk}/"],
    }
    logins = {u.username for u in world.users.values() if getattr(u, "username", "")}
    offences = []

    # when each role opens its pages
    for role, urls in pages.items():
        client = Client() if role == "anonymous" else client_for(world.users[role])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            offences += text_offences(
                visible_text(response.content.decode()), role=role, url=url, logins=logins
            )

    # then no page shows template syntax, clause codes, logins or stray Latin words
    assert not offences, offences
