"""The import of a class from XLSX: all rows or none, errors by row and column in Russian,
duplicates reported and not doubled, a file that is not XLSX refused (issue 20)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from nastavnik.learners.importing import COLUMNS, import_template_xlsx, learners_import
from nastavnik.learners.tests.helpers import make_learner, years_ago
from nastavnik.people.models import Learner, LegalRepresentative

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in COLUMNS]


def workbook(rows) -> io.BytesIO:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "klass.xlsx"
    return buffer


def row(last_name, first_name, sex="м", age=12, grade="7 Б", kind="ученик", rep=("", "", "", "")):
    return [last_name, first_name, "", sex, years_ago(age, days=5), grade, kind, *rep]


def test_valid_file_writes_every_row(world):
    rows = [
        row("Аксенов", "Павел", rep=("мать", "Аксенова Мария Львовна", "+7 900 000-00-01", "aks@example.ru")),
        row("Белова", "Дарья", sex="ж"),
        row("Волков", "Игорь", age=17, grade="ТМ-21", kind="студент"),
    ]
    result = learners_import(by=world.users["curator_a"], organization=world.school_a, source=workbook(rows))
    assert result.ok, [issue.text for issue in result.errors]
    assert result.created == 3
    assert Learner.objects.filter(organization=world.school_a).count() == 3
    rep = LegalRepresentative.objects.get(learner__person__last_name="Аксенов")
    assert (rep.kind, rep.last_name, rep.is_primary) == ("mother", "Аксенова", True)
    assert Learner.objects.get(person__last_name="Волков").kind == "student"


def test_one_bad_row_writes_nothing_and_names_row_and_column(world):
    rows = [row("Аксенов", "Павел"), row("Белова", "Дарья", sex="x"), row("Малыш", "Ваня", age=2)]
    result = learners_import(by=world.users["curator_a"], organization=world.school_a, source=workbook(rows))
    texts = [issue.text for issue in result.errors]
    assert result.created == 0
    assert Learner.objects.count() == 0
    assert any(t.startswith("Строка 3, столбец «Пол»") for t in texts), texts
    assert any(t.startswith("Строка 4, столбец «Дата рождения»") for t in texts), texts


def test_duplicates_reported_not_doubled(world):
    make_learner(world.school_a, last_name="Аксенов", first_name="Павел", middle_name="", age=12)
    existing = Learner.objects.get()
    rows = [row("Аксенов", "Павел"), row("Белова", "Дарья", sex="ж")]
    # the same birth date as the learner already there
    rows[0][4] = existing.person.birth_date
    result = learners_import(by=None, organization=world.school_a, source=workbook(rows))
    assert result.ok
    assert result.created == 1
    assert [issue.row for issue in result.skipped] == [2]
    assert Learner.objects.filter(person__last_name="Аксенов").count() == 1


def test_duplicate_within_file_is_an_error(world):
    rows = [row("Белова", "Дарья", sex="ж"), row("Белова", "Дарья", sex="ж")]
    result = learners_import(by=None, organization=world.school_a, source=workbook(rows))
    assert not result.ok
    assert "строке 2" in result.errors[0].text
    assert Learner.objects.count() == 0


def test_missing_column_and_not_xlsx(world):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Фамилия", "Имя"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    result = learners_import(by=None, organization=world.school_a, source=buffer)
    assert "нет обязательных столбцов" in result.errors[0].text
    result = learners_import(by=None, organization=world.school_a, source=io.BytesIO(b"%PDF-1.4 garbage"))
    assert not result.ok
    assert "XLSX" in result.errors[0].text


def test_template_imports_cleanly(world):
    result = learners_import(by=None, organization=world.school_a, source=io.BytesIO(import_template_xlsx()))
    assert result.ok and result.created == 1


def test_import_page(client, world):
    client.force_login(world.users["curator_a"])
    url = reverse("learners:import")
    assert client.get(url).status_code == 200
    template = client.get(reverse("learners:import_template"))
    assert template.status_code == 200 and template["Content-Disposition"].startswith("attachment")
    bad = client.post(
        url, {"organization": world.school_a.pk, "file": workbook([row("Белова", "Дарья", sex="?")])}
    )
    assert bad.status_code == 200
    assert "Строка 2, столбец «Пол»" in bad.content.decode()
    text = io.BytesIO("Фамилия;Имя\nИванов;Иван\n".encode())
    text.name = "klass.xlsx"
    not_xlsx = client.post(url, {"organization": world.school_a.pk, "file": text})
    assert not_xlsx.status_code == 200
    assert "XLSX" in not_xlsx.content.decode()
    good = client.post(
        url, {"organization": world.school_a.pk, "file": workbook([row("Белова", "Дарья", sex="ж")])}
    )
    assert good.status_code == 302
    assert Learner.objects.filter(organization=world.school_a).count() == 1
    # another school's organization is not offered: a form error, nothing written
    foreign = client.post(url, {"organization": world.school_b.pk, "file": workbook([row("Ильин", "Олег")])})
    assert foreign.status_code == 200
    assert not Learner.objects.filter(organization=world.school_b).exists()


def test_import_forbidden_to_coordinator(client, world):
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("learners:import")).status_code == 403
