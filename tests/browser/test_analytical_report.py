"""The curator writes the school's analytical report in a real browser (issue 14, Build 5): the
draft is made for the year with its conclusions drafted from the data and its charts on the page,
the author edits the text and registers it, and the downloaded DOCX opens in LibreOffice as a PDF
whose pages carry the chart images; the PDF the page offers carries them too."""

from __future__ import annotations

import io
import re

import pytest

from nastavnik.documents.render import soffice_path
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def _pdf_images(content: bytes) -> int:
    """The number of images drawn on the pages of a PDF (pypdf)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return sum(len(page.images) for page in reader.pages)


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_curator_writes_registers_and_downloads_the_analytical_report(page, sign_in, world, artifacts):
    from django.utils import timezone

    from nastavnik.documents.render import convert_to_pdf
    from nastavnik.documents.testing import docx_text, pdf_text, prepare_school
    from nastavnik.monitoring.models import AnalyticalReport

    # given school A ready for its papers (an address, a head with a position)
    prepare_school(world)
    year = str(timezone.localdate().year)
    sign_in("curator_a")

    # when the curator asks for a new report on the school for the current year
    page.goto("/monitoring/reports/")
    page.get_by_test_id("report-create").click()
    page.get_by_label("Организация, муниципалитет или регион").select_option(str(world.school_a.pk))
    page.get_by_label("Отчётный период").select_option(year)
    page.get_by_role("button", name="Составить проект справки").click()
    page.wait_for_url(re.compile(r"/monitoring/reports/\d+/$"))

    # then the draft shows the figures, the charts and the conclusions drafted from the data
    assert page.get_by_test_id("report-status").inner_text() == "Проект"
    assert page.get_by_test_id("report-indicators").locator("tbody tr").count() >= 3
    assert page.get_by_test_id("report-chart").count() >= 1
    conclusions = page.get_by_label("Выводы")
    assert "дорожной карты" in conclusions.input_value()

    # when the author adds a sentence, saves, and registers the report with its number
    conclusions.fill(conclusions.input_value() + "\nПедагогический совет рассмотрел итоги мониторинга.")
    page.get_by_role("button", name="Сохранить текст").click()
    page.wait_for_load_state()
    assert "Педагогический совет рассмотрел" in page.get_by_label("Выводы").input_value()
    page.get_by_label("Регистрационный номер").fill("7-АС")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Зарегистрировать").click()
    page.wait_for_load_state()

    # then it is registered and read-only
    assert page.get_by_test_id("report-status").inner_text() == "Зарегистрирована"
    assert page.get_by_test_id("report-texts-form").count() == 0
    assert "Педагогический совет рассмотрел" in page.get_by_test_id("report-conclusions").inner_text()
    page.screenshot(path=str(artifacts / "analytical-report.png"), full_page=True)
    report = AnalyticalReport.objects.get()
    charts = len(report.document.params["data"]["charts"])
    assert charts >= 1

    # when the DOCX is downloaded
    with page.expect_download() as download:
        page.get_by_test_id("report-docx").click()
    assert download.value.suggested_filename.endswith(".docx")
    content = open(download.value.path(), "rb").read()

    # then it holds the text, and LibreOffice opens it into a PDF with the charts as images
    text = docx_text(content)
    assert "№ 7-АС" in text and "Педагогический совет рассмотрел итоги мониторинга." in text
    pdf = convert_to_pdf({"report.docx": content})["report.docx"]
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in pdf_text(pdf)
    assert _pdf_images(pdf) >= charts

    # and the PDF the page offers has them too (converted on request: LibreOffice takes a while)
    page.set_default_timeout(180_000)
    with page.expect_download() as download:
        page.get_by_test_id("report-pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert _pdf_images(open(download.value.path(), "rb").read()) >= charts
