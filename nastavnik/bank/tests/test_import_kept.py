"""The bank import checks a file once (issue 16, Build 3): the check keeps its rows, and
«Импортировать» writes them re-verifying only what changed in the system since — never reading
or parsing the file again, never writing a file whose rows became invalid, never twice."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nastavnik.bank.importing import services
from nastavnik.bank.importing.kept import import_check_find, import_check_load, import_checks_purge
from nastavnik.bank.importing.samples import person_row, xlsx_bytes
from nastavnik.bank.importing.services import ALREADY_IMPORTED, bank_import_apply, bank_import_reverify
from nastavnik.bank.models import BankImportCheck, MentorProfile
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.people import personal_data
from nastavnik.people.models import Employment, Person
from nastavnik.people.validators import format_snils, normalize_snils
from nastavnik.reference.models import Position

pytestmark = pytest.mark.django_db


@pytest.fixture
def spy(monkeypatch):
    """Counts of the calls of the reader and the row parser, and the rows each matching got."""
    calls = {"open_table": 0, "parse_row": 0, "find_people": []}
    open_table, parse_row, find_people = services.open_table, services.parse_row, services._find_people

    def counted_open(*args, **kwargs):
        calls["open_table"] += 1
        return open_table(*args, **kwargs)

    def counted_parse(*args, **kwargs):
        calls["parse_row"] += 1
        return parse_row(*args, **kwargs)

    def counted_find(plan, rows, *args, **kwargs):
        calls["find_people"].append([row.row for row in rows])
        return find_people(plan, rows, *args, **kwargs)

    monkeypatch.setattr(services, "open_table", counted_open)
    monkeypatch.setattr(services, "parse_row", counted_parse)
    monkeypatch.setattr(services, "_find_people", counted_find)
    return calls


def curator(world) -> Client:
    client = Client()
    client.force_login(world.users["curator_a"])
    return client


def check_file(client, world, rows: list[dict]) -> Job:
    data = xlsx_bytes(rows)
    response = client.post(
        "/bank/import/",
        {"organization": world.school_a.pk, "file": SimpleUploadedFile("bank.xlsx", data)},
    )
    assert response.status_code == 302
    job = Job.objects.get(pk=response["Location"].split("/")[2])
    assert job.status == JobStatus.SUCCEEDED and job.result["errors_total"] == 0, job.result
    return job


def press_import(client, preview: Job) -> Job:
    response = client.post(f"/bank/import/{preview.pk}/apply/")
    assert response.status_code == 302
    return Job.objects.get(pk=response["Location"].split("/")[2])


def teacher_row(teacher, **cells) -> dict:
    return {
        "Фамилия": teacher.last_name,
        "Имя": teacher.first_name,
        "Отчество": teacher.middle_name,
        "Пол": "ж",
        "Дата рождения": teacher.birth_date,
        "СНИЛС": format_snils(teacher.snils),
        **cells,
    }


def test_the_check_is_kept_and_the_apply_neither_reads_nor_parses_the_file_again(world, spy):
    client = curator(world)
    preview = check_file(client, world, [person_row(n) for n in range(1, 6)])

    # the check read the file once, parsed each row once, and kept its five rows
    assert (spy["open_table"], spy["parse_row"]) == (1, 5)
    kept = BankImportCheck.objects.get(job=preview)
    assert kept.row_count == 5 and kept.applied_at is None and len(kept.payload) > 0

    done = press_import(client, preview)

    # the apply wrote the five people without opening or parsing the file, matching nobody again
    assert done.status == JobStatus.SUCCEEDED and done.result["created"] == 5, done.error
    assert (spy["open_table"], spy["parse_row"]) == (1, 5)
    assert spy["find_people"] == [[2, 3, 4, 5, 6]]  # the check's matching only
    assert done.result["rechecked"] == 0 and done.result["sample"] == preview.result["sample"]
    # and the kept rows, personal data, are dropped; the record says the check was imported
    kept.refresh_from_db()
    assert kept.applied_at is not None and bytes(kept.payload) == b""


def test_a_second_apply_of_the_same_check_writes_nothing(world):
    client = curator(world)
    data_rows = [person_row(n) for n in range(1, 4)]
    preview = check_file(client, world, data_rows)
    first = press_import(client, preview)
    assert first.result["created"] == 3
    people = Person.objects.count()

    # when the file is pressed again after the import, it is gone
    again = press_import(client, preview)
    assert again.status == JobStatus.FAILED
    assert again.error == "Файл уже импортирован или удалён: загрузите его снова."

    # and when a second press found the file still there (two presses at once), the kept check
    # says it was imported: nothing is written twice
    storage = preview.input_file.storage
    storage.save(preview.input_file.name, ContentFile(xlsx_bytes(data_rows)))
    twice = press_import(client, preview)
    assert twice.status == JobStatus.FAILED and twice.error == ALREADY_IMPORTED
    assert Person.objects.count() == people


def test_the_same_check_applied_twice_by_the_service_writes_once(world):
    client = curator(world)
    preview = check_file(client, world, [person_row(n) for n in range(1, 3)])
    user = world.users["curator_a"]
    record = import_check_find(check_job_id=preview.pk, user=user, organization=world.school_a)
    kept = import_check_load(record)
    first = bank_import_reverify(kept=kept, organization=world.school_a, user=user)
    second = bank_import_reverify(kept=kept, organization=world.school_a, user=user)

    assert bank_import_apply(plan=first, by=user, kept_check=record).created == 2
    with pytest.raises(services.ValidationError, match="уже импортирован"):
        bank_import_apply(plan=second, by=user, kept_check=record)
    assert Person.objects.filter(last_name__in=["Смирнова-1", "Кузнецова-2"]).count() == 2


def test_a_person_changed_between_check_and_apply_is_reverified_alone(world, spy):
    # given a file with two new people and the teacher of A with a new e-mail
    client = curator(world)
    teacher = world.teacher_a
    rows = [
        person_row(1),
        teacher_row(teacher, **{"Электронная почта": "new@school.example.ru"}),
        person_row(2),
    ]
    preview = check_file(client, world, rows)
    assert preview.result["changed"] == 1

    # when her card is edited meanwhile (a phone) and the file is imported
    teacher.phone = "+7 900 111-22-33"
    teacher.save()
    done = press_import(client, preview)

    # then her row alone was matched again, and both changes stand
    assert done.status == JobStatus.SUCCEEDED, done.error
    assert spy["find_people"][1:] == [[3]]
    assert done.result["rechecked"] == 1 and (done.result["created"], done.result["updated"]) == (2, 1)
    teacher.refresh_from_db()
    assert (teacher.email, teacher.phone) == ("new@school.example.ru", "+7 900 111-22-33")
    assert spy["parse_row"] == 3


def test_a_row_now_invalid_stops_the_whole_apply_and_nothing_is_written(world):
    # given a good file: three new people and the teacher of A with pedagogical experience 14
    client = curator(world)
    teacher = world.teacher_a
    rows = [person_row(n) for n in range(1, 4)] + [teacher_row(teacher, **{"Педагогический стаж": 14})]
    preview = check_file(client, world, rows)
    people, employments = Person.objects.count(), Employment.objects.count()

    # when her total experience is corrected to 10 years meanwhile
    teacher.total_experience_years, teacher.pedagogical_experience_years = 10, 8
    teacher.save()
    done = press_import(client, preview)

    # then nothing at all is imported, and the message names her row and the reason
    assert done.status == JobStatus.FAILED
    assert done.error.startswith("Импорт не выполнен, ничего не записано: после проверки файла изменились")
    assert "не проходит проверку строка 5." in done.error
    assert [e["text"] for e in done.result["errors"]] == [
        "Строка 5, столбец «Педагогический стаж»: педагогический стаж не может превышать общий "
        "(с учётом сведений в системе)."
    ]
    assert (Person.objects.count(), Employment.objects.count()) == (people, employments)
    assert not MentorProfile.objects.filter(
        organization=world.school_a, person__last_name__endswith="-1"
    ).exists()
    page = client.get(f"/jobs/{done.pk}/").content.decode()
    assert "после проверки файла изменились сведения в системе, строк с ошибками — 1" in page
    # and the check stays: once her card is right again, the same file imports
    teacher.total_experience_years = 20
    teacher.save()
    assert press_import(client, preview).result["created"] == 3


def test_a_snils_taken_after_the_check_stops_the_apply(world):
    from nastavnik.testing import factories as f

    client = curator(world)
    rows = [person_row(n) for n in range(1, 4)]
    preview = check_file(client, world, rows)
    people = Person.objects.count()

    # when someone else gets the СНИЛС of row 3 meanwhile
    f.PersonFactory(last_name="Другая", snils=normalize_snils(rows[1]["СНИЛС"]))
    done = press_import(client, preview)

    assert done.status == JobStatus.FAILED and "строка 3." in done.error
    assert done.result["errors"][0]["text"] == (
        f"Строка 3, столбец «СНИЛС»: СНИЛС {rows[1]['СНИЛС']} уже есть в системе у работника с другими "
        "ФИО или датой рождения."
    )
    assert Person.objects.count() == people + 1


def test_a_person_out_of_the_users_scope_since_the_check_stops_the_apply(world):
    # given the teacher of A in a checked file
    client = curator(world)
    teacher = world.teacher_a
    preview = check_file(
        client, world, [person_row(1), teacher_row(teacher, **{"Телефон": "+7 900 000-00-01"})]
    )

    # when she moves to school B meanwhile (her card itself unchanged)
    Employment.objects.filter(person=teacher).update(ended_on=timezone.localdate() - dt.timedelta(days=1))
    Employment.objects.create(person=teacher, organization=world.school_b, started_on=timezone.localdate())
    done = press_import(client, preview)

    # then the curator of A may no longer change her: nothing is imported
    assert done.status == JobStatus.FAILED
    assert "вне вашей зоны доступа" in done.result["errors"][0]["text"]
    assert not Person.objects.filter(last_name="Смирнова-1").exists()


def test_a_reference_value_withdrawn_after_the_check_stops_the_apply(world):
    client = curator(world)
    preview = check_file(client, world, [person_row(n) for n in range(1, 3)])
    Position.objects.filter(name=person_row(1)["Должность"]).update(is_active=False)

    done = press_import(client, preview)

    assert done.status == JobStatus.FAILED
    assert done.result["errors"][0]["text"] == (
        f"Строка 2, столбец «Должность»: значения «{person_row(1)['Должность']}» больше нет в "
        "справочнике: исправьте файл и загрузите его снова."
    )
    assert not Person.objects.filter(last_name="Смирнова-1").exists()


def test_a_check_older_than_a_day_is_not_used_the_file_is_checked_again(world, spy):
    client = curator(world)
    preview = check_file(client, world, [person_row(n) for n in range(1, 4)])
    BankImportCheck.objects.update(created_at=timezone.now() - dt.timedelta(days=2))

    done = press_import(client, preview)

    # the file was read and checked again, and imported as before
    assert done.status == JobStatus.SUCCEEDED and done.result["created"] == 3
    assert (spy["open_table"], spy["parse_row"]) == (2, 6)
    # and the old check, personal data, was deleted
    assert not BankImportCheck.objects.exists()


def test_checks_older_than_a_day_are_deleted(world):
    client = curator(world)
    old = check_file(client, world, [person_row(1)])
    fresh = check_file(client, world, [person_row(2)])
    BankImportCheck.objects.filter(job=old).update(created_at=timezone.now() - dt.timedelta(hours=25))

    assert import_checks_purge() == 1
    assert list(BankImportCheck.objects.values_list("job_id", flat=True)) == [fresh.pk]


def test_the_daily_command_deletes_the_checks_older_than_a_day_without_any_import(world):
    # given a check made 25 hours ago and one made now, and nobody importing since
    client = curator(world)
    old = check_file(client, world, [person_row(1)])
    fresh = check_file(client, world, [person_row(2)])
    BankImportCheck.objects.filter(job=old).update(created_at=timezone.now() - dt.timedelta(hours=25))

    # when the daily run of depersonalize_people (cron) comes
    out = io.StringIO()
    call_command("depersonalize_people", stdout=out)

    # then the old check's rows (personal data) are gone, the fresh one is kept
    assert list(BankImportCheck.objects.values_list("job_id", flat=True)) == [fresh.pk]
    assert "Удалено временных копий с истёкшим сроком хранения: 1." in out.getvalue()
    # the bank tells people's registry of personal data how its kept checks expire
    (bank,) = [c for c in personal_data.contributors() if c.name == "bank_import"]
    assert bank.expire is import_checks_purge


def test_a_kept_check_is_among_the_personal_data_of_the_people_it_names_until_imported(world):
    # given a kept check whose row 3 names a teacher already in the system
    teacher = world.teacher_a
    client = curator(world)
    preview = check_file(
        client, world, [person_row(1), teacher_row(teacher, **{"Телефон": "+7 900 111-22-33"})]
    )
    title = "Проверенные файлы загрузки банка (ожидают импорта)"

    # then the page of her personal data lists it, with the row and until when it is kept
    (section,) = [s for s in personal_data.collect(teacher) if s.title == title]
    (record,) = section.records
    assert record["Организация"] == str(world.school_a) and record["Строки файла"] == "3"
    assert record["Хранится до"] > timezone.now() + dt.timedelta(hours=23)
    # and no one else's
    assert title not in [s.title for s in personal_data.collect(world.teacher_b)]

    # when she is depersonalized, the check naming her goes (an import would check the file again)
    personal_data.person_depersonalize(person=teacher)
    assert not BankImportCheck.objects.filter(job=preview).exists()


def test_an_imported_check_is_no_longer_anyones_personal_data(world):
    teacher = world.teacher_a
    client = curator(world)
    preview = check_file(client, world, [teacher_row(teacher, **{"Телефон": "+7 900 111-22-33"})])
    assert press_import(client, preview).status == JobStatus.SUCCEEDED

    titles = [s.title for s in personal_data.collect(teacher)]
    assert "Проверенные файлы загрузки банка (ожидают импорта)" not in titles


def test_a_check_of_another_file_is_not_used(world, spy):
    # given the stored file was replaced after the check (its hash differs)
    client = curator(world)
    preview = check_file(client, world, [person_row(1)])
    storage, name = preview.input_file.storage, preview.input_file.name
    storage.delete(name)
    storage.save(name, ContentFile(xlsx_bytes([person_row(2)])))

    done = press_import(client, preview)

    # then what is written is the file as it is now, checked again
    assert done.status == JobStatus.SUCCEEDED and spy["open_table"] == 2
    assert Person.objects.filter(last_name="Кузнецова-2").exists()
    assert not Person.objects.filter(last_name="Смирнова-1").exists()


@pytest.mark.parametrize("job_id", ["abc", None, -1, 10**30])
def test_garbage_in_the_check_reference_finds_nothing(world, job_id):
    assert (
        import_check_find(check_job_id=job_id, user=world.users["curator_a"], organization=world.school_a)
        is None
    )


def test_an_expired_check_not_yet_deleted_is_no_longer_shown_as_kept(world):
    # given a check naming a teacher, a day old but not yet deleted by the daily command
    teacher = world.teacher_a
    preview = check_file(curator(world), world, [teacher_row(teacher, **{"Телефон": "+7 900 111-22-33"})])
    BankImportCheck.objects.filter(job=preview).update(created_at=timezone.now() - dt.timedelta(hours=25))

    # then her personal data does not show it as kept «until» a time already past
    titles = [s.title for s in personal_data.collect(teacher)]
    assert "Проверенные файлы загрузки банка (ожидают импорта)" not in titles
