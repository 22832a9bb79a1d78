"""Two imports of the same file at once write its people once (issue 17, build 7): the same kept
check applied twice — the check's row is claimed in the writing transaction, the second apply
waits and is refused «уже импортирован»; two checks of the same file applied at once — the
organization's row is locked and the second apply, finding the people written meanwhile, is
refused, even for rows without СНИЛС (which no unique constraint guards)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.test import Client

from nastavnik.bank.importing.kept import import_check_find, import_check_load
from nastavnik.bank.importing.samples import person_row, xlsx_bytes
from nastavnik.bank.importing.services import ALREADY_IMPORTED, bank_import_apply, bank_import_reverify
from nastavnik.bank.models import BankImportCheck
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.people.models import Person

ROWS = [person_row(n, snils=False) for n in range(1, 4)]
NAMES = [row["Фамилия"] for row in ROWS]


def check_file(world, rows=ROWS) -> Job:
    """The curator of school A checks ``rows`` as a file (the check keeps them)."""
    client = Client()
    client.force_login(world.users["curator_a"])
    response = client.post(
        "/bank/import/",
        {"organization": world.school_a.pk, "file": SimpleUploadedFile("bank.xlsx", xlsx_bytes(rows))},
    )
    assert response.status_code == 302
    job = Job.objects.get(pk=response["Location"].split("/")[2])
    assert job.status == JobStatus.SUCCEEDED and job.result["errors_total"] == 0, job.result
    return job


def ready(world, preview: Job):
    """The kept check of ``preview`` and its plan re-verified now, as «Импортировать» makes it."""
    user = world.users["curator_a"]
    record = import_check_find(check_job_id=preview.pk, user=user, organization=world.school_a)
    plan = bank_import_reverify(kept=import_check_load(record), organization=world.school_a, user=user)
    return record, plan


def imported() -> int:
    return Person.objects.filter(last_name__in=NAMES).count()


def at_once(*calls) -> list[tuple[str, object]]:
    """Run ``calls`` in threads released together; each outcome ``("done", result)``,
    ``("refused", messages)`` or ``("rolled back", the database error's class)``."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[tuple[str, object]] = []

    def run(call):
        barrier.wait()
        try:
            outcomes.append(("done", call()))
        except ValidationError as exc:
            outcomes.append(("refused", exc.messages))
        except DatabaseError as exc:
            outcomes.append(("rolled back", type(exc).__name__))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return outcomes


@pytest.mark.django_db
def test_a_second_check_of_the_same_file_applied_after_the_first_writes_nobody_twice(world):
    # given the same file without СНИЛС checked twice (two users, two tabs), both pressed
    # «Импортировать» and re-verified before either wrote
    first_record, first_plan = ready(world, check_file(world))
    second_record, second_plan = ready(world, check_file(world))
    assert len(first_plan.new_rows) == len(second_plan.new_rows) == 3

    # when the first is written, then the second
    assert (
        bank_import_apply(plan=first_plan, by=world.users["curator_a"], kept_check=first_record).created == 3
    )
    with pytest.raises(ValidationError) as refused:
        bank_import_apply(plan=second_plan, by=world.users["curator_a"], kept_check=second_record)

    # then the second is refused in Russian naming the rows, and nobody is written twice
    assert "уже внесены в систему" in refused.value.messages[0]
    assert "строк 2, 3, 4" in refused.value.messages[0]
    assert imported() == 3
    # the refused check is still there: pressed again, it is matched with the people now known
    second_record.refresh_from_db()
    assert second_record.applied_at is None
    _record, again = ready(world, Job.objects.get(pk=second_record.job_id))
    assert again.new_rows == [] and again.ok
    assert bank_import_apply(plan=again, by=world.users["curator_a"], kept_check=second_record).created == 0
    assert imported() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers at once need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_applies_of_the_same_kept_check_at_once_import_once(world):
    # given one kept check, pressed twice (two workers given the same apply)
    record, plan = ready(world, check_file(world))
    _same, plan_again = ready(world, Job.objects.get(pk=record.job_id))
    user = world.users["curator_a"]

    # when both write at the same moment
    outcomes = at_once(
        lambda: bank_import_apply(plan=plan, by=user, kept_check=record).created,
        lambda: bank_import_apply(plan=plan_again, by=user, kept_check=record).created,
    )

    # then one imported the file, the other was refused: the check was applied already
    assert sorted(outcomes, key=str) == [("done", 3), ("refused", [ALREADY_IMPORTED])]
    assert imported() == 3
    assert BankImportCheck.objects.get(pk=record.pk).applied_at is not None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers at once need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_checks_of_the_same_file_applied_at_once_write_its_people_once(world):
    # given the same file without СНИЛС checked twice and both re-verified
    first_record, first_plan = ready(world, check_file(world))
    second_record, second_plan = ready(world, check_file(world))
    user = world.users["curator_a"]

    # when both are written at the same moment
    outcomes = at_once(
        lambda: bank_import_apply(plan=first_plan, by=user, kept_check=first_record).created,
        lambda: bank_import_apply(plan=second_plan, by=user, kept_check=second_record).created,
    )

    # then one wrote the three people, the other was refused in Russian, nobody twice
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["done", "refused"], outcomes
    refusal = next(value for kind, value in outcomes if kind == "refused")
    assert "уже внесены в систему" in refusal[0]
    assert next(value for kind, value in outcomes if kind == "done") == 3
    assert imported() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers at once need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_checks_of_a_file_with_snils_applied_at_once_are_held_by_the_unique_snils(world):
    # given the same file with СНИЛС checked twice and both re-verified
    rows = [person_row(n) for n in range(1, 4)]
    first_record, first_plan = ready(world, check_file(world, rows))
    second_record, second_plan = ready(world, check_file(world, rows))
    user = world.users["curator_a"]

    # when both are written at the same moment
    outcomes = at_once(
        lambda: bank_import_apply(plan=first_plan, by=user, kept_check=first_record).created,
        lambda: bank_import_apply(plan=second_plan, by=user, kept_check=second_record).created,
    )

    # then one wrote the people; the other was refused by the database (the job reports it in
    # Russian) and rolled back: each СНИЛС is held by one person
    assert sorted(outcomes, key=str) == [("done", 3), ("rolled back", "IntegrityError")], outcomes
    assert imported() == 3
    assert BankImportCheck.objects.filter(applied_at__isnull=False).count() == 1
