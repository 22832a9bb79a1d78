"""A curator loads the bank from Excel in a real browser: the template, a file with three bad
rows (each error shown, nothing imported), the fixed file imported, the same file again changing
nothing, and the people found in the list with their cards (issue 3 item 5)."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(page, name: str, data: bytes) -> None:
    page.goto("/bank/import/")
    page.get_by_label("Файл XLSX или CSV").set_input_files(
        files=[{"name": name, "mimeType": XLSX, "buffer": data}]
    )
    page.get_by_role("button", name="Проверить файл").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))


def import_checked(page) -> None:
    checked = page.url
    page.get_by_role("button", name="Импортировать").click()
    page.wait_for_url(lambda url: url != checked and re.search(r"/jobs/\d+/$", url) is not None)


def test_curator_imports_the_bank_from_excel(page, sign_in, world, artifacts):
    from nastavnik.bank.importing.samples import person_row, xlsx_bytes
    from nastavnik.people.models import Person

    # given the curator of school A on the list of teachers
    sign_in("curator_a")
    page.goto("/people/")
    page.get_by_role("link", name="Загрузить из Excel").click()
    page.wait_for_url("**/bank/import/")

    # when they download the template
    with page.expect_download() as download_info:
        page.get_by_test_id("template-link").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as downloaded:
        template = openpyxl.load_workbook(io.BytesIO(downloaded.read()))

    # then it has the columns and the reference sheet
    assert template.sheetnames == ["Работники", "Справочники"]
    headers = [cell.value.rstrip("*") for cell in template["Работники"][1]]
    assert headers[:5] == ["Фамилия", "Имя", "Отчество", "Пол", "Дата рождения"]

    # when they fill five rows, three of them wrong, and upload the file
    good = [person_row(n) for n in range(1, 6)]
    bad = [dict(row) for row in good]
    bad[1]["СНИЛС"] = "112-233-445 96"
    bad[2]["Пол"] = "средний"
    bad[4]["Дата рождения"] = timezone.localdate() + dt.timedelta(days=10)
    people_before = Person.objects.count()
    upload(page, "bank.xlsx", xlsx_bytes(bad, headers=headers))

    # then each error names its row and column, the import is impossible, nothing is written
    errors = page.get_by_test_id("import-error")
    assert errors.count() == 3
    text = page.get_by_test_id("import-errors").inner_text()
    assert (
        "Строка 3, столбец «СНИЛС»: СНИЛС 112-233-445 96 недействителен: контрольное число не совпадает."
        in text
    )
    assert "Строка 4, столбец «Пол»: укажите «м» или «ж»." in text
    assert "Строка 6, столбец «Дата рождения»: дата рождения не может быть в будущем." in text
    assert page.get_by_role("button", name="Импортировать").is_disabled()
    assert page.get_by_test_id("count-errors").inner_text() == "3"
    page.screenshot(path=str(artifacts / "bank-import-errors.png"), full_page=True)
    assert Person.objects.count() == people_before

    # when they upload the fixed file and press «Импортировать»
    fixed = xlsx_bytes(good, headers=headers)
    upload(page, "bank-fixed.xlsx", fixed)
    assert page.get_by_test_id("count-new").inner_text() == "5"
    import_checked(page)

    # then the five people are imported
    assert "Импорт выполнен" in page.get_by_test_id("import-done").inner_text()
    assert page.get_by_test_id("count-created").inner_text() == "5"
    page.screenshot(path=str(artifacts / "bank-import-done.png"), full_page=True)
    assert Person.objects.count() == people_before + 5

    # when they import the same file again
    upload(page, "bank-fixed.xlsx", fixed)
    assert page.get_by_test_id("count-unchanged").inner_text() == "5"
    import_checked(page)

    # then nothing changes
    assert "без изменений" in page.get_by_test_id("import-done").inner_text()
    assert page.get_by_test_id("count-created").inner_text() == "0"
    assert page.get_by_test_id("count-updated").inner_text() == "0"
    assert Person.objects.count() == people_before + 5

    # and the people are in the list of teachers, with their cards in school A
    page.goto("/people/?q=Смирнова-1")
    assert page.get_by_test_id("total").inner_text() == "Найдено: 1"
    page.get_by_role("link", name=re.compile("Смирнова-1")).click()
    page.wait_for_url(re.compile(r"/people/\d+/$"))
    main = page.locator("main").inner_text()
    assert "Смирнова-1 Анна Сергеевна" in main
    assert "СОШ № 1" in main
    assert "200-000-001 19" in main


def test_the_progress_bar_follows_a_running_job_and_shows_the_result(page, sign_in, world):
    from nastavnik.jobs import live
    from nastavnik.jobs.choices import JobStatus
    from nastavnik.jobs.models import Job

    # given a long import of the curator still running in this process, at 30 of 60 rows
    job = Job.objects.create(
        kind="bank_import",
        title="Проверка файла «большой.xlsx»",
        created_by=world.users["curator_a"],
        organization=world.school_a,
        status=JobStatus.RUNNING,
        runner=live.RUNNER_ID,
    )
    state = live.register(job.pk)
    state.done, state.total, state.message = 30, 60, "Чтение и проверка строк: 30 из 60"
    try:
        sign_in("curator_a")

        # when they open its page
        page.goto(f"/jobs/{job.pk}/")

        # then the bar shows half, and follows the progress
        bar = page.get_by_test_id("job-progress")
        assert bar.get_attribute("aria-valuenow") == "50"
        state.done, state.message = 45, "Чтение и проверка строк: 45 из 60"
        # (Playwright's expect, not wait_for_function: the Content-Security-Policy forbids eval)
        expect(bar).to_have_attribute("aria-valuenow", "75")
        assert "45 из 60" in page.get_by_test_id("job-message").inner_text()

        # when the job ends, the page shows the result by itself
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.SUCCEEDED,
            progress_done=60,
            progress_total=60,
            result={"stage": "preview", "rows": 60},
        )
        live.unregister(job.pk)
        expect(page.get_by_test_id("job-status")).to_have_text("выполнено")
        page.get_by_test_id("preview-counts").wait_for()
        assert page.get_by_test_id("count-rows").inner_text() == "60"
    finally:
        live.unregister(job.pk)
