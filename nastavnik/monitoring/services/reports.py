"""Writes of the analytical reports (аналитическая справка, seed 003 §5.2–5.4, 000 §4.1.2, 004
§9.5): a draft is created for a unit and a period with its conclusions and recommendations
drafted by the rules of ``monitoring.reports``; the author edits the two texts, redrafts them
from the current data on request, and registers the report in the document registry, after
which it is read-only.

Every function acts for ``by`` (``None``: the system) and checks the right of
``access.choices.PERMISSIONS["analyticalreport"]`` itself (``add`` on the unit, ``change`` on
the report), the same right the pages ask. Refusals are Russian ``ValidationError`` /
``PermissionDenied``; a registration the data do not allow raises
``documents.specs.MissingData`` with the list of what to fill in.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.models import Document
from nastavnik.documents.services import document_pdf_queue, document_render
from nastavnik.monitoring.choices import ReportStatus
from nastavnik.monitoring.models import AnalyticalReport
from nastavnik.monitoring.periods import Period
from nastavnik.monitoring.reports import (
    draft_texts,
    findings,
    gather_facts,
    report_data,
    report_period,
    report_title,
)
from nastavnik.organizations.choices import Level

#: The levels a report is written for (seed 003 §5.2: the organization, the municipality, the
#: region).
REPORT_LEVELS = (Level.ORGANIZATION, Level.MUNICIPALITY, Level.REGION)

REGISTERED_REFUSAL = "Справка зарегистрирована в реестре документов и больше не изменяется."


def _drafted(unit, period: Period) -> tuple[str, str]:
    return draft_texts(findings(gather_facts(unit, period)))


@transaction.atomic
def report_create(*, unit, period: Period, by=None) -> AnalyticalReport:
    """A draft report of ``unit`` over ``period`` with its conclusions and recommendations
    drafted by the rules from the current data.

    Raises:
        PermissionDenied: ``by`` may not write reports on ``unit`` (``analyticalreport``
            ``add``).
        ValidationError: ``unit`` is not an organization, a municipality or a region.
    """
    require_perm(
        by, "analyticalreport", Action.ADD, unit, message="Нет прав составлять справки по этой единице."
    )
    if unit.level not in REPORT_LEVELS:
        raise ValidationError({"unit": "Справка составляется по организации, муниципалитету или региону."})
    conclusions, recommendations = _drafted(unit, period)
    report = AnalyticalReport(
        unit=unit,
        period_start=period.start,
        period_end=period.end,
        title=report_title(unit, period),
        conclusions=conclusions,
        recommendations=recommendations,
        created_by=by,
    )
    report.full_clean()
    report.save()
    return report


def _editable(report: AnalyticalReport, by) -> AnalyticalReport:
    report = AnalyticalReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    require_perm(by, "analyticalreport", Action.CHANGE, report, message="Нет прав изменять эту справку.")
    if report.status == ReportStatus.REGISTERED:
        raise ValidationError(REGISTERED_REFUSAL)
    return report


@transaction.atomic
def report_update(
    *, report: AnalyticalReport, conclusions: str, recommendations: str, by=None
) -> AnalyticalReport:
    """Save the author's ``conclusions`` and ``recommendations`` (one paragraph per line).

    Raises:
        PermissionDenied: ``by`` lacks ``analyticalreport`` ``change`` on it.
        ValidationError: the report is registered; a text is empty.
    """
    report = _editable(report, by)
    errors = {}
    if not (conclusions or "").strip():
        errors["conclusions"] = "Заполните выводы."
    if not (recommendations or "").strip():
        errors["recommendations"] = "Заполните рекомендации и управленческие решения."
    if errors:
        raise ValidationError(errors)
    report.conclusions = conclusions.strip()
    report.recommendations = recommendations.strip()
    report.full_clean()
    report.save(update_fields=["conclusions", "recommendations", "updated_at"])
    return report


@transaction.atomic
def report_redraft(*, report: AnalyticalReport, by=None) -> AnalyticalReport:
    """Draft the conclusions and recommendations again from the current data (the author's
    edits are replaced: the page asks first).

    Raises:
        PermissionDenied: ``by`` lacks ``analyticalreport`` ``change`` on it.
        ValidationError: the report is registered.
    """
    report = _editable(report, by)
    report.conclusions, report.recommendations = _drafted(report.unit, report_period(report))
    report.save(update_fields=["conclusions", "recommendations", "updated_at"])
    return report


@transaction.atomic
def report_register(
    *, report: AnalyticalReport, number: str, date: dt.date | None = None, by=None
) -> AnalyticalReport:
    """Register ``report`` in the document registry: its data are read now, printed into the
    DOCX with the author's texts and kept in the document's ``params``; the report becomes
    read-only (``ReportStatus.REGISTERED``) and points at the ``Document``.

    ``number``: the registration number, unique among the unit's documents of the year;
    ``date``: today when not given, not in the future nor before the period's start.

    Raises:
        PermissionDenied: ``by`` lacks ``analyticalreport`` ``change`` on it.
        ValidationError: registered already; no number, a repeated one, a wrong date.
        MissingData: what the document cannot be issued without (the signer, the texts).
    """
    report = _editable(report, by)
    number = (number or "").strip()
    date = date or timezone.localdate()
    errors = {}
    if not number:
        errors["number"] = "Укажите регистрационный номер справки."
    elif Document.objects.filter(organization=report.unit, number=number, date__year=date.year).exists():
        errors["number"] = f"Номер {number} в {date.year} году уже присвоен другому документу."
    if date > timezone.localdate():
        errors["date"] = "Дата справки не может быть в будущем."
    elif date < report.period_start:
        errors["date"] = "Дата справки не может быть раньше начала отчётного периода."
    if errors:
        raise ValidationError(errors)
    period = report_period(report)
    params = {
        "report": report.pk,
        "title": report.title,
        "data": report_data(report.unit, period),
        "conclusions": report.conclusions,
        "recommendations": report.recommendations,
    }
    content = document_render(
        kind=DocumentKind.ANALYTICAL_REPORT, organization=report.unit, params=params, number=number, date=date
    )
    document = Document(
        organization=report.unit,
        kind=DocumentKind.ANALYTICAL_REPORT,
        title=report.title[:500],
        number=number,
        date=date,
        params=params,
        author=by,
    )
    # The registry keeps the reports of municipalities and the region too: their unit is not an
    # organization, which the field's choice list (for the registry's own forms) limits to.
    document.full_clean(exclude=["file", "organization"])
    document.file.save(
        f"{DocumentKind.ANALYTICAL_REPORT.value}-{date:%Y%m%d}.docx", ContentFile(content), save=False
    )
    document.save()
    document_pdf_queue(document)  # its PDF copy, made by a job once this commits
    report.document = document
    report.status = ReportStatus.REGISTERED
    report.save(update_fields=["document", "status", "updated_at"])
    return report


def report_docx(report: AnalyticalReport) -> bytes:
    """The DOCX of a registered report (the stored file of its document).

    Raises:
        ValidationError: the report is a draft.
        FileNotFoundError: the stored file is gone.
    """
    if report.document_id is None:
        raise ValidationError("Справка ещё не зарегистрирована.")
    with report.document.file.open("rb") as handle:
        return handle.read()
