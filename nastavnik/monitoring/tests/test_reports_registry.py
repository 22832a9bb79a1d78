"""The registered analytical report in the document registry (``documents``): the registry's own
pages open it, regenerating its draft prints the same frozen data, and the registry's «составить
документ» page for the kind sends the user to the monitoring pages instead of failing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.services import document_regenerate
from nastavnik.documents.testing import docx_text, give_positions, prepare_school
from nastavnik.monitoring.periods import year_period
from nastavnik.monitoring.services.reports import report_create, report_register
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_registry_page_of_the_kind_points_to_the_monitoring_pages(world):
    prepare_school(world)
    page = client_for(world.users["curator_a"]).get(
        reverse("documents:issue", args=[DocumentKind.ANALYTICAL_REPORT.value])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Аналитическая справка составляется в разделе «Мониторинг»" in text
    assert reverse("monitoring:report_list") in text


def test_the_registered_school_report_opens_in_the_registry_and_regenerates_alike(world):
    prepare_school(world)
    curator = world.users["curator_a"]
    report = report_create(unit=world.school_a, period=year_period(timezone.localdate().year), by=curator)
    report = report_register(report=report, number="3", by=curator)
    document = report.document
    before = docx_text(document.file.read())

    client = client_for(curator)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200
    assert client.get(reverse("documents:docx", args=[document.pk])).status_code == 200
    f.staff_member(world.school_a, last_name="Новикова")  # the live shares change
    document = document_regenerate(document=document, by=curator)

    assert docx_text(document.file.read()) == before
    assert document.title == report.title  # the unit and the period stay in the registry's title


def test_the_municipal_report_is_in_the_registry_of_the_coordinator(world):
    coordinator = world.users["coordinator"]
    give_positions(
        f.staff_member(world.muni1, last_name="Координаторова", user=coordinator), name="главный специалист"
    )
    report = report_create(unit=world.muni1, period=year_period(timezone.localdate().year), by=coordinator)
    document = report_register(report=report, number="М-1", by=coordinator).document

    client = client_for(coordinator)
    assert document.organization == world.muni1
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200
    assert client.get(reverse("documents:docx", args=[document.pk])).status_code == 200
    assert "Аналитическая справка" in client.get(reverse("documents:list")).content.decode()
    # the curator of school B sees nothing of it
    other = client_for(world.users["curator_b"])
    assert other.get(reverse("documents:detail", args=[document.pk])).status_code == 404
    assert other.get(reverse("monitoring:report_detail", args=[report.pk])).status_code == 404
