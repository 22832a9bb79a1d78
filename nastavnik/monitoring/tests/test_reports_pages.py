"""The analytical report's pages and document, as its authors use them: a draft is made for a
unit and a period with drafted texts, edited, redrafted on request, registered into the document
registry (then read-only), and its DOCX carries the indicators' figures and the charts. Scope,
refusals and garbage."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.models import Document
from nastavnik.documents.testing import docx_text, give_positions, prepare_school
from nastavnik.monitoring.choices import ReportStatus
from nastavnik.monitoring.models import AnalyticalReport
from nastavnik.monitoring.periods import year_period
from nastavnik.monitoring.reports import day_long, report_data
from nastavnik.monitoring.services.reports import report_create, report_register, report_update
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def client_for(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def this_year():
    return year_period(timezone.localdate().year)


def test_the_coordinator_makes_a_draft_of_the_municipality_with_drafted_texts(world):
    client = client_for(world, "coordinator")

    page = client.get(reverse("monitoring:report_create"))
    assert page.status_code == 200
    assert "город Сургут" in page.content.decode() and "город Нижневартовск" not in page.content.decode()

    response = client.post(
        reverse("monitoring:report_create"), {"unit": world.muni1.pk, "period": this_year().key}
    )

    report = AnalyticalReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "monitoring:report_detail", args=[report.pk]
    )
    assert report.unit == world.muni1 and report.status == ReportStatus.DRAFT
    assert (report.period_start, report.period_end) == (this_year().start, this_year().end)
    assert "СОШ № 1" in report.conclusions  # not implementing: no documents, no roadmap
    assert report.recommendations

    detail = client.get(response["Location"]).content.decode()
    for row in report_data(world.muni1, this_year())["indicators"]:
        assert row["title"] in detail
    assert 'data-testid="report-texts-form"' in detail and "Обновить данные" in detail
    assert 'data-testid="report-chart"' in detail


def test_a_custom_period_is_taken_from_the_dates(world):
    client = client_for(world, "curator_a")
    client.post(
        reverse("monitoring:report_create"),
        {"unit": world.school_a.pk, "starts_on": "2026-01-15", "ends_on": "2026-03-01"},
    )
    report = AnalyticalReport.objects.get()
    assert (report.period_start.isoformat(), report.period_end.isoformat()) == ("2026-01-15", "2026-03-01")


@pytest.mark.parametrize(
    "body",
    [
        {"unit": "²", "period": "2026"},
        {"unit": "999999999999999999999", "period": "2026"},
        {"unit": "-1", "period": "2026"},
        {"period": "2026"},
        {"unit": "SCHOOL", "period": "garbage"},
        {"unit": "SCHOOL", "period": "2026-q9"},
        {"unit": "SCHOOL", "starts_on": "2026-03-01", "ends_on": "2026-01-01"},
        {"unit": "SCHOOL", "starts_on": "2026-03-01"},
        {"unit": "SCHOOL", "starts_on": "31.02.2026", "ends_on": "x"},
        {"unit": "OTHER", "period": "2026"},
    ],
)
def test_garbage_in_the_new_report_form_gives_russian_errors_and_makes_nothing(world, body):
    body = {k: {"SCHOOL": world.school_a.pk, "OTHER": world.school_b.pk}.get(v, v) for k, v in body.items()}
    response = client_for(world, "curator_a").post(reverse("monitoring:report_create"), body)
    assert response.status_code == 200
    text = response.content.decode()
    assert "invalid-feedback" in text or "alert-danger" in text
    assert not AnalyticalReport.objects.exists()


def test_who_may_write_reports(world):
    for persona in ("mentor_a", "mentee_a"):
        assert client_for(world, persona).get(reverse("monitoring:report_list")).status_code == 403
        assert client_for(world, persona).get(reverse("monitoring:report_create")).status_code == 403
    for persona in ("operator", "coordinator", "head_a", "curator_a"):
        assert client_for(world, persona).get(reverse("monitoring:report_list")).status_code == 200


def test_the_coordinator_of_municipality_1_cannot_reach_a_report_of_municipality_2(world):
    coordinator_2 = f.UserFactory(username="coordinator_2")
    f.RoleAssignmentFactory(user=coordinator_2, org_unit=world.muni2, role="municipal_coordinator")
    other = report_create(unit=world.muni2, period=this_year(), by=coordinator_2)
    client = client_for(world, "coordinator")

    for name in ("report_detail", "report_docx", "report_pdf"):
        assert client.get(reverse(f"monitoring:{name}", args=[other.pk])).status_code == 404
    for name in ("report_texts", "report_redraft", "report_register"):
        assert client.post(reverse(f"monitoring:{name}", args=[other.pk]), {"number": "1"}).status_code == 404
    assert "Нижневартовск" not in client.get(reverse("monitoring:report_list")).content.decode()
    # nor make one on it
    client.post(reverse("monitoring:report_create"), {"unit": world.muni2.pk, "period": this_year().key})
    assert AnalyticalReport.objects.count() == 1
    # the curator of school B does not see school A's report, the operator sees both
    mine = report_create(unit=world.school_a, period=this_year(), by=world.users["curator_a"])
    assert (
        client_for(world, "curator_b").get(reverse("monitoring:report_detail", args=[mine.pk])).status_code
        == 404
    )
    assert (
        client_for(world, "operator").get(reverse("monitoring:report_detail", args=[other.pk])).status_code
        == 200
    )


def test_the_report_detail_of_a_missing_or_garbage_id_is_404(world):
    client = client_for(world, "operator")
    assert client.get("/monitoring/reports/99999999/").status_code == 404
    assert client.get("/monitoring/reports/99999999999999999999999/").status_code == 404
    assert client.get("/monitoring/reports/%C2%B2/").status_code == 404


def test_the_author_edits_and_redrafts_the_texts(world):
    client = client_for(world, "curator_a")
    report = report_create(unit=world.school_a, period=this_year(), by=world.users["curator_a"])
    url = reverse("monitoring:report_texts", args=[report.pk])

    response = client.post(url, {"conclusions": "Наставничество работает.", "recommendations": "Продолжить."})
    report.refresh_from_db()
    assert response.status_code == 302
    assert (report.conclusions, report.recommendations) == ("Наставничество работает.", "Продолжить.")

    kept = client.post(url, {"conclusions": "  ", "recommendations": "Другое."})
    assert kept.status_code == 200 and "Обязательное поле" in kept.content.decode()
    report.refresh_from_db()
    assert report.recommendations == "Продолжить."

    assert client.get(url).status_code == 405
    client.post(reverse("monitoring:report_redraft", args=[report.pk]))
    report.refresh_from_db()
    assert report.conclusions != "Наставничество работает." and "СОШ № 1" not in report.conclusions
    assert "дорожн" in report.conclusions  # the school has no approved roadmap


def test_registration_refused_without_a_signer_lists_what_is_missing(world):
    client = client_for(world, "coordinator")
    report = report_create(unit=world.muni1, period=this_year(), by=world.users["coordinator"])

    response = client.post(
        reverse("monitoring:report_register", args=[report.pk]),
        {"number": "12", "date": timezone.localdate().isoformat()},
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-testid="missing"' in text and "Не указано, кто подписывает справку" in text
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and not Document.objects.exists()


def _registered(world):
    school = prepare_school(world)
    report = report_create(unit=world.school_a, period=this_year(), by=world.users["curator_a"])
    response = client_for(world, "curator_a").post(
        reverse("monitoring:report_register", args=[report.pk]),
        {"number": "12-АС", "date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    report.refresh_from_db()
    return school, report


def test_registration_makes_the_document_and_the_report_read_only(world):
    _school, report = _registered(world)

    document = report.document
    assert report.status == ReportStatus.REGISTERED
    assert document.kind == DocumentKind.ANALYTICAL_REPORT and document.organization == world.school_a
    assert document.number == "12-АС" and document.date == timezone.localdate()
    assert document.params["conclusions"] == report.conclusions

    client = client_for(world, "curator_a")
    for name, body in (
        ("report_texts", {"conclusions": "Другое.", "recommendations": "Другое."}),
        ("report_redraft", {}),
        ("report_register", {"number": "13", "date": timezone.localdate().isoformat()}),
    ):
        assert client.post(reverse(f"monitoring:{name}", args=[report.pk]), body).status_code == 403
    report.refresh_from_db()
    assert report.conclusions != "Другое." and Document.objects.count() == 1
    with pytest.raises(Exception, match="зарегистрирована"):
        report_update(report=report, conclusions="x", recommendations="y", by=world.users["curator_a"])
    page = client.get(reverse("monitoring:report_detail", args=[report.pk])).content.decode()
    assert 'data-testid="report-texts-form"' not in page and "Зарегистрирована" in page
    assert "№ 12-АС" in page
    # and the registry lists it
    assert "Аналитическая справка" in client.get(reverse("documents:list")).content.decode()


def test_the_docx_carries_the_indicators_figures_the_texts_the_charts_and_the_signer(world):
    from docx import Document as Docx

    _school, report = _registered(world)
    response = client_for(world, "head_a").get(reverse("monitoring:report_docx", args=[report.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = docx_text(content)
    data = report.document.params["data"]

    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in text
    assert f"за {this_year().label}" in text
    assert day_long(timezone.localdate()) in text and "№ 12-АС" in text
    for row in data["indicators"]:
        cells = [row["title"], row["value"], row["previous"], row["change"]]
        # docx_text joins equal neighbouring cells into one (as merged cells)
        cells = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]
        assert " | ".join(cells) in text
    assert any("," in row["value"] for row in data["indicators"])  # decimal commas
    for line in report.conclusions.splitlines() + report.recommendations.splitlines():
        assert line in text
    assert "Руководитель организации, директор | ____________ | Е. В. Соколова" in text
    assert "{{" not in text and "{%" not in text
    assert len(Docx(io.BytesIO(content)).inline_shapes) == len(data["charts"]) >= 1
    for number, chart in enumerate(data["charts"], 1):
        assert f"Рисунок {number}. {chart['title']}" in text


def test_the_figures_are_frozen_at_registration(world):
    _school, report = _registered(world)
    before = report.document.params["data"]["indicators"]
    f.staff_member(world.school_a, last_name="Новикова")  # one more teacher: the shares change
    page = (
        client_for(world, "curator_a")
        .get(reverse("monitoring:report_detail", args=[report.pk]))
        .content.decode()
    )
    for row in before:
        assert row["value"] in page
    assert report_data(world.school_a, this_year())["indicators"] != before


def test_a_draft_has_no_file_yet(world):
    report = report_create(unit=world.school_a, period=this_year(), by=world.users["curator_a"])
    assert (
        client_for(world, "curator_a").get(reverse("monitoring:report_docx", args=[report.pk])).status_code
        == 404
    )


def test_register_number_repeated_or_date_in_the_future_is_refused(world):
    _registered(world)
    second = report_create(unit=world.school_a, period=year_period(2025), by=world.users["curator_a"])
    client = client_for(world, "curator_a")
    url = reverse("monitoring:report_register", args=[second.pk])

    repeated = client.post(
        url, {"number": "12-АС", "date": timezone.localdate().isoformat()}
    ).content.decode()
    assert "уже присвоен другому документу" in repeated
    future = client.post(url, {"number": "14", "date": "2100-01-01"}).content.decode()
    assert "не может быть в будущем" in future
    garbage = client.post(url, {"number": "", "date": "²"})
    assert garbage.status_code == 200
    second.refresh_from_db()
    assert second.status == ReportStatus.DRAFT


def test_a_municipal_report_is_registered_with_its_coordinator_signing(world):
    coordinator = f.staff_member(world.muni1, last_name="Координаторова", user=world.users["coordinator"])
    give_positions(coordinator, name="главный специалист")
    report = report_create(unit=world.muni1, period=this_year(), by=world.users["coordinator"])
    report = report_register(report=report, number="5", by=world.users["coordinator"])
    text = docx_text(report.document.file.read())
    assert "ГОРОД СУРГУТ" in text and "Муниципальный координатор, главный специалист" in text
    assert "Отстают от медианы" not in text or "СОШ № 1" in text
    assert "Организации муниципального образования" in text
    assert (
        client_for(world, "operator").get(reverse("monitoring:report_docx", args=[report.pk])).status_code
        == 200
    )


def test_the_dashboard_links_to_a_new_report_of_its_unit_and_period(world):
    client = client_for(world, "coordinator")
    dashboard = client.get(
        reverse("monitoring:unit", args=[world.muni1.pk]), {"period": "2025"}
    ).content.decode()
    link = f"{reverse('monitoring:report_create')}?unit={world.muni1.pk}&amp;period=2025"
    assert link in dashboard

    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f'<option value="{world.muni1.pk}" selected>' in form
    assert '<option value="2025" selected>' in form
    ranged = client.get(
        reverse("monitoring:report_create"), {"period": "2026-01-15..2026-03-01"}
    ).content.decode()
    assert 'value="2026-01-15"' in ranged and 'value="2026-03-01"' in ranged
    garbage = client.get(reverse("monitoring:report_create"), {"unit": "²", "period": "zzz"})
    assert garbage.status_code == 200


def test_the_list_makes_as_many_queries_for_one_report_as_for_six(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world, "operator")
    report_create(unit=world.school_a, period=this_year(), by=world.users["curator_a"])
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("monitoring:report_list")).status_code == 200
    for year in (2021, 2022, 2023, 2024, 2025):
        report_create(unit=world.school_b, period=year_period(year), by=world.users["curator_b"])
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(reverse("monitoring:report_list"))
    assert page.content.decode().count('data-testid="report-row"') == 6
