"""The proposal of a whole-pool job a page at a time (issue 16): a region's whole pool proposes
about 9,000 pairs; the job's page shows ``NASTAVNIK_TABLE_PAGE_SIZE`` of them with their
explanations, in as many queries and about as many bytes whatever the size of the proposal, and
the curator confirms it page by page or all at once without losing it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.matching.services import POOL_JOB_KIND, pool_assignment_start
from nastavnik.matching.tests.bank import two_pair_pool
from nastavnik.mentoring.models import Pair

pytestmark = pytest.mark.django_db

#: Rows a page during these tests.
PAGE_SIZE = 2


@pytest.fixture(autouse=True)
def small_pages(settings):
    settings.NASTAVNIK_TABLE_PAGE_SIZE = PAGE_SIZE


@pytest.fixture
def school(world, settings):
    """Two mentees and two mentors in school A: a proposal of two pairs, shown one a page."""
    settings.NASTAVNIK_TABLE_PAGE_SIZE = 1
    two_pair_pool(world)


def formed_pairs(world) -> int:
    """Pairs of school A other than the world's own (mentee_a's)."""
    return Pair.objects.filter(organization=world.school_a).exclude(mentee=world.mentee_a).count()


def client_for(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def stored_proposal(world, pairs: int) -> Job:
    """A finished job of school A's pool by its curator, whose proposal has ``pairs`` pairs (with
    explanations), as many mentees without a mentor and as many mentors left out."""
    lines = [
        {"criterion": "Предмет", "points": 3, "signed_points": "+3", "text": "один предмет"},
        {"criterion": "Стаж", "points": -1, "signed_points": "−1", "text": "стаж меньше пяти лет"},
    ]
    result = {
        "unit": world.school_a.pk,
        "unit_name": str(world.school_a),
        "is_municipality": False,
        "coverage_first": False,
        "proven_optimal": True,
        "total": 2 * pairs,
        "mentee_count": 2 * pairs,
        "mentor_count": 2 * pairs,
        "free_places": 2 * pairs,
        "hidden_mentees": 0,
        "hidden_mentors": 0,
        "can_confirm": True,
        "pair_count": pairs,
        "pairs": [
            {
                "key": f"{100_000 + i}:{200_000 + i}",
                "mentor": f"Наставникова Анна Петровна {i:05}",
                "mentee": f"Наставляемова Ирина Олеговна {i:05}",
                "mentor_profile": 100_000 + i,
                "mentee_profile": 200_000 + i,
                "mentor_organization": str(world.school_a),
                "load": 0,
                "capacity": 1,
                "total": 2,
                "can_confirm": True,
                "lines": lines,
            }
            for i in range(pairs)
        ],
        "unassigned": [
            {
                "mentee": f"Ожидаева Мария Ивановна {i:05}",
                "mentee_profile": 300_000 + i,
                "organization": str(world.school_a),
                "reason": "нет подходящего наставника",
            }
            for i in range(pairs)
        ],
        "excluded": [
            {"mentor": f"Занятова Ольга Сергеевна {i:05}", "organization": "школа", "reason": "нет мест"}
            for i in range(pairs)
        ],
    }
    return Job.objects.create(
        kind=POOL_JOB_KIND,
        title=f"Распределение наставников: {world.school_a}",
        created_by=world.users["curator_a"],
        organization=world.school_a,
        status=JobStatus.SUCCEEDED,
        finished_at=timezone.now(),
        result=result,
    )


def measured(client: Client, url: str) -> tuple[int, int, str]:
    client.get(url)  # warm: the session's upkeep is written once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.content), response.content.decode()


@pytest.mark.parametrize("query", ["", "?page=2&upage=2&epage=2"], ids=["first", "second"])
def test_the_job_page_does_not_grow_with_the_proposal(world, query):
    # given a proposal of 5 pairs and one of 300, shown two rows a table
    client = client_for(world, "curator_a")
    small, large = stored_proposal(world, 5), stored_proposal(world, 300)

    # when the curator opens a page of each
    small_queries, small_size, _ = measured(client, small.get_absolute_url() + query)
    large_queries, large_size, html = measured(client, large.get_absolute_url() + query)

    # then the queries are as many and the HTML about as large (the counts' digits differ)
    assert large_queries == small_queries
    assert abs(large_size - small_size) < 200
    assert html.count('data-testid="pair"') == PAGE_SIZE
    assert html.count('data-testid="unassigned"') == PAGE_SIZE
    assert html.count('data-testid="excluded"') == PAGE_SIZE
    # each pair keeps its explanation, and the pages say where they are
    assert html.count('aria-label="Объяснение оценки"') == PAGE_SIZE and "стаж меньше пяти лет" in html
    assert "Предложено пар: <strong>300</strong>" in html and f"из {300 // PAGE_SIZE}</span>" in html


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", "2" * 40], ids=repr)
def test_a_garbage_page_gives_a_page_not_an_error(world, page):
    job = stored_proposal(world, 5)
    response = client_for(world, "curator_a").get(f"{job.get_absolute_url()}?page={page}&upage={page}")
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="pair"') >= 1


def test_the_curator_confirms_the_proposal_page_by_page_without_losing_it(world, school):
    # given the proposal of two pairs, one a page
    client = client_for(world, "curator_a")
    job = pool_assignment_start(unit=world.school_a, by=world.users["curator_a"])
    job.refresh_from_db()
    assert job.result["pair_count"] == 2
    first = client.get(job.get_absolute_url()).content.decode()
    keys = [p["key"] for p in job.result["pairs"]]
    assert first.count('data-testid="pair"') == 1 and 'data-testid="confirm-all"' in first

    # when the pair of the first page is confirmed
    response = client.post(
        "/matching/pool/", {"unit": world.school_a.pk, "job": job.pk, "page": 1, "pair": keys[:1]}
    )
    assert response.status_code == 302
    assert formed_pairs(world) == 1

    # then the job's page still shows the whole proposal: the first page marks it formed…
    first = client.get(job.get_absolute_url()).content.decode()
    assert first.count('data-testid="formed"') == 1 and 'name="pair"' not in first
    # …and the second offers the other pair
    second = client.get(job.get_absolute_url() + "?page=2").content.decode()
    assert f'value="{keys[1]}"' in second and 'data-testid="formed"' not in second

    # and «Утвердить все» confirms what is left, and only that
    response = client.post("/matching/pool/", {"unit": world.school_a.pk, "job": job.pk, "all": "1"})
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert formed_pairs(world) == 2
    # a second time there is nothing left: a Russian message, nothing written
    response = client.post("/matching/pool/", {"unit": world.school_a.pk, "job": job.pk, "all": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Все пары этого предложения уже утверждены." in html
    assert html.count('data-testid="formed"') == 1  # the proposal's first page, below the message
    assert formed_pairs(world) == 2


def test_confirm_all_at_once(world, school):
    client = client_for(world, "curator_a")
    job = pool_assignment_start(unit=world.school_a, by=world.users["curator_a"], coverage_first=True)
    response = client.post("/matching/pool/", {"unit": world.school_a.pk, "job": job.pk, "all": "1"})
    assert response.status_code == 302
    assert formed_pairs(world) == 2


@pytest.mark.parametrize("job", ["", "abc", "999999", "{other}"], ids=repr)
def test_confirm_all_of_a_garbage_or_another_users_job_is_a_404(world, school, job):
    other = Job.objects.create(
        kind=POOL_JOB_KIND,
        title="Распределение",
        created_by=world.users["operator"],
        organization=world.school_a,
        status=JobStatus.SUCCEEDED,
        result={"pairs": [], "unit": world.school_a.pk},
    )
    response = client_for(world, "curator_a").post(
        "/matching/pool/", {"unit": world.school_a.pk, "job": job.format(other=other.pk), "all": "1"}
    )
    assert response.status_code == 404
    assert formed_pairs(world) == 0
