"""The document services check their actor themselves (issue 13, «one rights model»): a user
without the ``document`` right over the draft (the mentor of school A, the curator of school B)
gets ``PermissionDenied`` and the draft stays as it was; the curator of school A acts, as the
pages allow (seed 002 §10: the curator draws documents up). The package job is built for its
author and refused to one who does not hold the right (any more)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from nastavnik.documents.models import Document
from nastavnik.documents.package import package_build
from nastavnik.documents.services import document_delete, document_regenerate
from nastavnik.documents.tasks import KIND as PACKAGE_KIND
from nastavnik.documents.tests.test_services import issue_order, stand_in  # noqa: F401 (a fixture)
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.services import job_create, job_run

pytestmark = pytest.mark.django_db

OUTSIDERS = ("mentor_a", "curator_b")


def test_regenerate_and_delete_refuse_an_actor_without_the_right(stand_in, doc_world):  # noqa: F811
    world = doc_world.world
    document = issue_order(doc_world)
    before = (document.file.name, document.updated_at)
    for outsider in OUTSIDERS:
        with pytest.raises(PermissionDenied):
            document_regenerate(document=document, by=world.users[outsider])
        with pytest.raises(PermissionDenied):
            document_delete(document=document, by=world.users[outsider])
        document.refresh_from_db()
        assert (document.file.name, document.updated_at) == before
    document_regenerate(document=document, by=world.users["curator_a"])
    document.refresh_from_db()
    assert document.updated_at != before[1]
    document_delete(document=document, by=world.users["head_a"])
    assert not Document.objects.filter(pk=document.pk).exists()


def test_the_package_is_built_only_for_an_author_with_the_right(stand_in, doc_world):  # noqa: F811
    world = doc_world.world
    for outsider in OUTSIDERS:
        with pytest.raises(PermissionDenied):
            package_build(organization=doc_world.school, by=world.users[outsider])
    job = job_create(
        kind=PACKAGE_KIND,
        title="Пакет",
        created_by=world.users["curator_b"],
        organization=doc_world.school,
        enqueue=False,
    )
    job = job_run(job)
    assert job.status == JobStatus.FAILED
    assert job.error == "Нет прав на это действие."
    assert not job.result.get("file")
    job = job_create(
        kind=PACKAGE_KIND,
        title="Пакет",
        created_by=world.users["curator_a"],
        organization=doc_world.school,
        enqueue=False,
    )
    job = job_run(job)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["file"]
