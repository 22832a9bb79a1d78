"""Rows the tests of the registry of partners share: a partner of a unit, an agreement with a PDF,
a program of school A, a participant outside the staff."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nastavnik.mentoring.services.organization import mentoring_program_create
from nastavnik.partners import services
from nastavnik.testing import factories as f

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "soglashenie.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def partner(unit, name: str = "ООО «Северэнерго»", **fields):
    return services.partner_create(by=None, unit=unit, full_name=name, kind="enterprise", **fields)


def agreement(partner_row, unit, *, file=None, **fields):
    today = timezone.localdate()
    data = {
        "number": "12-С",
        "concluded_on": today - dt.timedelta(days=30),
        "starts_on": today - dt.timedelta(days=30),
        "ends_on": today + dt.timedelta(days=335),
        **fields,
    }
    return services.agreement_create(by=None, partner=partner_row, unit=unit, file=file, **data)


def program(organization):
    today = timezone.localdate()
    return mentoring_program_create(
        organization=organization,
        title="Программа наставничества обучающихся",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=300),
    )


def participant(organization, partner_row=None, last_name: str = "Внештатова"):
    return services.nonstaff_create(
        by=None,
        organization=organization,
        person_fields={
            "last_name": last_name,
            "first_name": "Ольга",
            "middle_name": "Петровна",
            "sex": "F",
            "birth_date": dt.date(1985, 3, 4),
        },
        category="employer",
        partner=partner_row,
        workplace="ООО «Северэнерго», инженер",
        started_on=timezone.localdate() - dt.timedelta(days=10),
    )


_ = f
