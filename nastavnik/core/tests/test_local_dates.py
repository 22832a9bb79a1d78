"""Dates shown or put in file names are local dates (issue 13: a ZIP named by yesterday's date,
in UTC, while the page said today). The region lives at UTC+5: from 19:00 to 24:00 UTC the UTC
date is yesterday's."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

import nastavnik
from nastavnik.documents.tasks import KIND as PACKAGE_KIND
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job

#: Ways to read the date or time that ignore the region's time zone, and aware moments
#: formatted as they are (in UTC): ``f"{job.created_at:%d.%m.%Y}"``.
NAIVE = re.compile(r"date\.today\(\)|datetime\.now\(|utcnow\(|now\(\)\.date\(\)|\{[\w.]+_at:%")


def test_no_code_reads_the_date_without_the_time_zone():
    # given the code of the system (tests aside: they may pin dates as they like)
    root = Path(nastavnik.__file__).parent
    sources = [p for p in root.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]

    # then no line reads today's date or formats a moment without timezone.localdate/localtime
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NAIVE.search(line)
    ]
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_the_package_zip_is_named_by_the_local_date(world):
    # given a package made at 20:00 UTC on 1 December: 2 December in Yugra
    curator = world.users["curator_a"]
    name = default_storage.save("documents/packages/test/package.zip", ContentFile(b"PK"))
    job = Job.objects.create(
        kind=PACKAGE_KIND,
        title="Пакет документов",
        status=JobStatus.SUCCEEDED,
        result={"file": name},
        created_by=curator,
        organization=world.school_a,
    )
    Job.objects.filter(pk=job.pk).update(created_at=dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC))
    client = Client()
    client.force_login(curator)

    # when the curator downloads it
    response = client.get(f"/documents/package/{job.pk}/download/")

    # then its name carries the local date
    assert response.status_code == 200
    assert "02.12.2026" in unquote(response["Content-Disposition"])
