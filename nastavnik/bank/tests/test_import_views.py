"""Pages of the bank import: who may use them, the upload → preview → import flow as jobs, and
bad input that never gives a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nastavnik.bank.importing.samples import person_row, xlsx_bytes
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.people.models import Person

pytestmark = pytest.mark.django_db

START = "/bank/import/"


def client_of(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def upload(client, organization, data: bytes, name: str = "bank.xlsx"):
    return client.post(START, {"organization": organization.pk, "file": SimpleUploadedFile(name, data)})


def test_curator_sees_the_form_with_only_their_organization_and_the_template_link(world):
    response = client_of(world, "curator_a").get(START)
    assert response.status_code == 200
    choices = list(response.context["form"].fields["organization"].queryset)
    assert choices == [world.school_a]
    assert "/bank/import/template.xlsx" in response.content.decode()


@pytest.mark.parametrize("persona", ["mentor_a", "mentee_a", "coordinator", "operator"])
def test_people_without_the_right_to_add_workers_get_403(world, persona):
    client = client_of(world, persona)
    assert client.get(START).status_code == 403
    assert client.get("/bank/import/template.xlsx").status_code == 403
    assert upload(client, world.school_a, xlsx_bytes([person_row(1)])).status_code == 403


def test_anonymous_is_sent_to_sign_in(world):
    response = Client().get(START)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_curator_of_b_cannot_import_into_school_a(world):
    # when the curator of B posts a file for school A
    response = upload(client_of(world, "curator_b"), world.school_a, xlsx_bytes([person_row(1)]))

    # then the organization «does not exist» for them, and no job was made
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_template_downloads_as_xlsx(world):
    response = client_of(world, "head_a").get("/bank/import/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"PK")


def test_upload_preview_import_and_reimport(world):
    client = client_of(world, "curator_a")
    data = xlsx_bytes([person_row(n) for n in range(1, 4)])

    # when the curator uploads a good file
    response = upload(client, world.school_a, data)

    # then a check job ran and its page shows the preview, with «Импортировать» enabled
    preview = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{preview.pk}/"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert preview.status == JobStatus.SUCCEEDED and preview.result["new"] == 3
    assert "Результат проверки" in html and 'data-testid="count-new">3<' in html
    assert (
        "Импортировать</button>" in html and "disabled" not in html.split("Импортировать</button>")[0][-60:]
    )
    assert Person.objects.count() == 4  # nothing written yet

    # when they press «Импортировать»
    response = client.post(f"/bank/import/{preview.pk}/apply/")

    # then the import job wrote three people, and its page says so
    done = Job.objects.exclude(pk=preview.pk).get()
    assert response["Location"] == f"/jobs/{done.pk}/"
    assert done.status == JobStatus.SUCCEEDED and done.result["created"] == 3
    assert done.input_file.name == preview.input_file.name
    assert "Импорт выполнен" in client.get(response["Location"]).content.decode()
    assert Person.objects.count() == 7
    # and the uploaded file, personal data, is not kept: pressing «Импортировать» again says so
    assert not done.input_file.storage.exists(done.input_file.name)
    client.post(f"/bank/import/{preview.pk}/apply/")
    repeated = Job.objects.order_by("-pk").first()
    assert repeated.status == JobStatus.FAILED
    assert repeated.error == "Файл уже импортирован или удалён: загрузите его снова."

    # when the same file is imported again
    again = Job.objects.get(pk=upload(client, world.school_a, data)["Location"].split("/")[2])
    final = client.post(f"/bank/import/{again.pk}/apply/")

    # then nothing changes
    last = Job.objects.order_by("-pk").first()
    assert (last.result["created"], last.result["updated"], last.result["nothing_changed"]) == (0, 0, True)
    assert "изменений нет" in client.get(final["Location"]).content.decode()
    assert Person.objects.count() == 7


def test_a_file_with_errors_shows_them_and_cannot_be_imported(world):
    client = client_of(world, "curator_a")
    rows = [person_row(n) for n in range(1, 4)]
    rows[1]["Пол"] = "?"

    response = upload(client, world.school_a, xlsx_bytes(rows))
    html = client.get(response["Location"]).content.decode()
    preview = Job.objects.get()

    assert "Строка 3, столбец «Пол»: укажите «м» или «ж»." in html
    assert "Импорт невозможен" in html
    assert "disabled>Импортировать" in html
    # and posting the import anyway does nothing
    response = client.post(f"/bank/import/{preview.pk}/apply/", follow=True)
    assert Job.objects.count() == 1
    assert "нельзя импортировать" in response.content.decode()


def test_another_users_check_cannot_be_seen_or_imported(world):
    upload(client_of(world, "curator_a"), world.school_a, xlsx_bytes([person_row(1)]))
    preview = Job.objects.get()
    other = client_of(world, "head_a")
    assert other.get(f"/jobs/{preview.pk}/").status_code == 404
    assert other.get(f"/jobs/{preview.pk}/status/").status_code == 404
    assert other.post(f"/bank/import/{preview.pk}/apply/").status_code == 404
    assert Job.objects.count() == 1


def test_a_file_without_a_required_column_gives_a_russian_message_not_a_500(world):
    client = client_of(world, "curator_a")
    response = upload(client, world.school_a, "Имя;Пол\r\nМария;ж\r\n".encode("cp1251"), "bank.csv")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "В файле нет обязательного столбца «Фамилия»." in page.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bank.xlsx", b"garbage\x00\x01", "Не удалось прочитать файл"),
        (
            "bank.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "Файлы Office 97–2003 (DOC, XLS, PPT) не принимаются",
        ),
    ],
)
def test_a_file_that_is_not_a_table_by_its_content_is_refused_by_the_form(world, name, data, message):
    # core.uploads tells the kind by the content before a job is started
    client = client_of(world, "curator_a")
    response = upload(client, world.school_a, data, name)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])


def test_an_empty_upload_or_no_organization_is_a_form_error(world):
    client = client_of(world, "curator_a")
    response = client.post(
        START, {"organization": world.school_a.pk, "file": SimpleUploadedFile("x.csv", b"")}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    response = client.post(START, {"organization": "abc"})
    assert response.status_code == 200 and response.context["form"].errors["organization"]


def test_people_list_offers_the_upload_to_those_who_may_add(world):
    assert "Загрузить из Excel" in client_of(world, "curator_a").get("/people/").content.decode()
    assert "Загрузить из Excel" not in client_of(world, "mentor_a").get("/people/").content.decode()


def test_a_failed_import_shows_the_russian_error_and_writes_nothing(world, failing_bulk_insert):
    from django.db import IntegrityError

    from nastavnik.bank.models import MenteeProfile

    client = client_of(world, "curator_a")
    upload(client, world.school_a, xlsx_bytes([person_row(n) for n in range(1, 7)]))
    preview = Job.objects.get()
    failing_bulk_insert(MenteeProfile, IntegrityError("duplicate key"))
    response = client.post(f"/bank/import/{preview.pk}/apply/")

    failed = Job.objects.exclude(pk=preview.pk).get()
    assert failed.status == JobStatus.FAILED
    assert failed.error.startswith("Импорт не выполнен, ничего не записано")
    assert failed.error in client.get(response["Location"]).content.decode()
    assert Person.objects.count() == 4
