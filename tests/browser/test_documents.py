"""A curator issues the school's papers in a real browser (issue 5): an order fixing the pair is
refused while a consent is missing and names it, is issued once it is recorded, is signed with
the scan uploaded back, and the whole package is built as a job and downloaded as a ZIP."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.utils import timezone

from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def test_curator_issues_signs_and_downloads_the_package(page, sign_in, world, artifacts):
    from nastavnik.bank.models import MenteeProfile
    from nastavnik.documents.models import Document
    from nastavnik.documents.testing import docx_text, give_positions, prepare_school
    from nastavnik.matching.tests.bank import active_mentor, mentee

    # given school A ready for its papers, and the pair of its mentor and mentee whose mentee has
    # not yet given the written consent
    prepare_school(world)
    active_mentor(world.mentor_a, world.school_a, capacity=3)
    mentee(world.mentee_a, world.school_a, consent_given_on=None)
    give_positions(world.mentor_a, world.mentee_a)
    sign_in("curator_a")

    # when the curator asks for the order fixing the pairs
    page.goto("/documents/")
    page.get_by_role("button", name="Составить документ").click()
    page.get_by_role("link", name="Приказ о закреплении наставнических пар (групп)").click()
    page.wait_for_url("**/documents/new/order_pairs/")

    # then the page says at once what is missing, and submitting registers nothing
    missing = page.get_by_test_id("missing")
    assert "Молодцова" in missing.inner_text()
    page.get_by_label("Номер приказа").fill("45-о")
    page.get_by_role("button", name="Сформировать документ").click()
    assert page.get_by_test_id("missing").is_visible()
    assert not Document.objects.exists()

    # when the consent is recorded and the order is drawn up again
    MenteeProfile.objects.filter(person=world.mentee_a).update(consent_given_on=timezone.localdate())
    page.goto("/documents/new/order_pairs/")
    assert page.get_by_test_id("missing").count() == 0
    page.get_by_label("Номер приказа").fill("45-о")
    page.get_by_role("button", name="Сформировать документ").click()
    page.wait_for_url(re.compile(r"/documents/\d+/$"))

    # then it is in the registry as a draft, and its DOCX names the pair
    assert page.get_by_test_id("document-status").inner_text() == "проект"
    with page.expect_download() as download:
        page.get_by_test_id("download-docx").click()
    text = docx_text(open(download.value.path(), "rb").read())
    assert "№ 45-о" in text and world.mentee_a.last_name in text

    # when the head's signed paper is scanned and uploaded back
    form = page.get_by_test_id("sign-form")
    form.get_by_label("Скан подписанного документа").set_input_files(
        files=[{"name": "prikaz-45.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 signed"}]
    )
    form.get_by_role("button", name="Отметить подписанным").click()
    page.wait_for_load_state()

    # then the order is signed and frozen
    assert page.get_by_test_id("document-status").inner_text().startswith("подписан")
    assert page.get_by_role("button", name="Сформировать заново").count() == 0
    assert Document.objects.get().is_signed

    # when the curator builds the whole package
    page.goto("/documents/")
    page.get_by_test_id("package-link").click()
    page.get_by_role("button", name="Сформировать пакет").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    page.get_by_test_id("package-done").wait_for()
    page.screenshot(path=str(artifacts / "documents-package.png"), full_page=True)

    # then the ZIP holds the orders, the Положение, the personal papers and the signed scan
    with page.expect_download() as download:
        page.get_by_test_id("package-download").click()
    assert download.value.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read())) as archive:
        names = archive.namelist()
        refused = archive.read("Не сформированы — чего не хватает.txt").decode()
    assert any(name.startswith("02 Положение о системе наставничества") for name in names)
    # the pair is fixed by the signed order already: no second order is drawn up for it
    assert not any(name.startswith("Приказы/04 Приказ о закреплении") for name in names)
    assert "все действующие пары уже закреплены приказами" in refused
    assert any(name.startswith("Подписанные/Приказ о закреплении") for name in names)
    assert any("Согласия наставников/" in name for name in names)
