"""The whole-pool assignment as a background job (issue 16, item 3): the pool page starts it and
leads to its page, one at a time per pool, with the rights of the page checked by the services
themselves; garbage never gives a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from nastavnik.access.models import RoleAssignment
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.jobs.services import job_create, job_run
from nastavnik.matching.services import (
    POOL_JOB_KIND,
    POOL_PHASES,
    PoolJobRunning,
    pool_assignment_compute,
    pool_assignment_start,
)
from nastavnik.matching.tests.bank import two_pair_pool

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(world):
    two_pair_pool(world)


def client_for(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def running_job(world, unit, **fields) -> Job:
    """A job of ``unit``'s pool left queued or running, by the coordinator."""
    values = dict(
        kind=POOL_JOB_KIND,
        title=f"Распределение наставников: {unit}",
        created_by=world.users["coordinator"],
        organization=unit,
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    values.update(fields)
    return Job.objects.create(**values)


def test_the_page_starts_a_job_whose_page_shows_the_proposal(world, school):
    client = client_for(world, "curator_a")
    response = client.post("/matching/pool/", {"unit": world.school_a.pk, "start": "1"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.status, job.organization, job.created_by) == (
        POOL_JOB_KIND,
        JobStatus.SUCCEEDED,
        world.school_a,
        world.users["curator_a"],
    )
    # the proposal is kept on the job, with the proof and the phases' times
    assert job.result["proven_optimal"] and job.result["pair_count"] == 2 == len(job.result["pairs"])
    assert set(job.result["seconds"]) == set(POOL_PHASES)
    html = client.get(response["Location"]).content.decode()
    assert 'data-testid="optimal">Оптимум доказан<' in html and html.count('data-testid="pair"') == 2
    assert "Утвердить выбранные пары" in html and f'name="job" value="{job.pk}"' in html
    # and the pool page lists it
    html = client.get(f"/matching/pool/?unit={world.school_a.pk}").content.decode()
    assert 'data-testid="pool-job"' in html and "предложено пар: 2" in html


def test_a_second_start_while_one_runs_is_refused_in_russian(world, school):
    other = running_job(world, world.school_a)
    response = client_for(world, "curator_a").post(
        "/matching/pool/", {"unit": world.school_a.pk, "start": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Распределение пула «СОШ № 1» уже выполняется" in html
    assert "Дождитесь его завершения" in html
    assert f'href="{other.get_absolute_url()}"' not in html  # another user's job: no link
    assert list(Job.objects.all()) == [other]
    # its author is offered the way to its progress
    with pytest.raises(PoolJobRunning):
        pool_assignment_start(unit=world.school_a, by=world.users["curator_a"])
    html = client_for(world, "coordinator").post("/matching/pool/", {"unit": world.school_a.pk, "start": "1"})
    assert f'href="{other.get_absolute_url()}"' in html.content.decode()


def test_a_job_of_another_pool_or_an_interrupted_one_does_not_block(world, school):
    running_job(world, world.muni1)
    stale = timezone.now() - dt.timedelta(days=2)
    interrupted = running_job(world, world.school_a, started_at=stale, heartbeat_at=stale)
    job = pool_assignment_start(unit=world.school_a, by=world.users["curator_a"])
    assert job.status == JobStatus.SUCCEEDED
    interrupted.refresh_from_db()
    assert interrupted.status == JobStatus.FAILED


@pytest.mark.parametrize(
    "data",
    [
        {"start": "1"},
        {"start": "1", "unit": ""},
        {"start": "1", "unit": "abc"},
        {"start": "1", "unit": "-1"},
        {"start": "1", "unit": "99999999999999999999"},
        {"start": "1", "unit": "٣"},
        {"start": "1", "unit": "{school_b}"},
        {"start": "1", "unit": "{school_a}", "coverage_first": "\x00"},
        {"start": ["1", "2"], "unit": ["{school_a}", "abc"]},
    ],
    ids=repr,
)
def test_garbage_starts_give_a_russian_error_and_no_job(world, school, data):
    values = {"school_a": world.school_a.pk, "school_b": world.school_b.pk}
    data = {
        key: [v.format(**values) for v in value] if isinstance(value, list) else value.format(**values)
        for key, value in data.items()
    }
    response = client_for(world, "curator_a").post("/matching/pool/", data)
    if response.status_code == 302:  # a valid unit after all (the first of a list, a null byte ignored)
        assert Job.objects.get().organization == world.school_a
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Выберите организацию или муниципальное образование из списка." in html or "Обязательное поле" in html
    )
    assert not Job.objects.exists()


@pytest.mark.parametrize("job", ["abc", "-1", "999999", "{other}"], ids=repr)
def test_a_garbage_job_of_a_refused_confirmation_shows_no_proposal(world, school, job):
    other = running_job(world, world.school_a, status=JobStatus.SUCCEEDED, result={"pairs": []})
    response = client_for(world, "curator_a").post(
        "/matching/pool/", {"unit": world.school_a.pk, "job": job.format(other=other.pk)}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Не выбрано ни одной пары." in html and 'data-testid="pool-summary"' not in html


def test_the_services_check_the_actor(world, school):
    for persona in ("mentor_a", "mentee_a", "curator_b"):
        with pytest.raises(PermissionDenied):
            pool_assignment_start(unit=world.school_a, by=world.users[persona])
        with pytest.raises(PermissionDenied):
            pool_assignment_compute(unit=world.school_a, by=world.users[persona])
    assert not Job.objects.exists()
    assert pool_assignment_compute(unit=world.school_a, by=None)["pair_count"] == 2


def test_a_job_whose_author_lost_the_right_fails_with_the_reason(world, school):
    curator = world.users["curator_a"]
    job = job_create(
        kind=POOL_JOB_KIND,
        title="Распределение",
        created_by=curator,
        organization=world.school_a,
        enqueue=False,
    )
    RoleAssignment.objects.filter(user=curator).delete()
    job = job_run(job)
    assert job.status == JobStatus.FAILED
    assert job.error == "Распределять наставников в этом пуле вам нельзя."


def test_the_phases_are_reported_in_order(world, school):
    stages = []
    pool_assignment_compute(
        unit=world.school_a,
        by=world.users["curator_a"],
        progress=lambda stage, done, total: stages.append(stage),
    )
    seen = [s for i, s in enumerate(stages) if i == 0 or stages[i - 1] != s]
    assert seen == ["loading", "scoring", "solving", "explaining", "saving", "done"]
    assert list(POOL_PHASES) == seen[:-1]


def test_another_users_job_page_is_a_404(world, school):
    job = pool_assignment_start(unit=world.school_a, by=world.users["curator_a"])
    assert client_for(world, "head_a").get(job.get_absolute_url()).status_code == 404
