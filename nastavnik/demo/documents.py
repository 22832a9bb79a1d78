"""The demo organizations' founding documents of the target model (issue 14, «Demo»; seed 000
§4.1.1, 002 §10, 004 §1.6): the order on implementing the target model, the Положение о системе
наставничества and the order approving it, registered as signed in the document registry.

- Most educational organizations (each municipality its own share, about 70–97 %, drawn by the
  seeded generator) have all three signed: the implementation order first, the Положение and
  its order a few days to a few weeks later, dated from late August of last year to a month
  ago, each signed within three days of its date (never after today).
- About a third of the others have only the Положение and its order signed and the
  implementation order still a draft (the registry shows it as «проект»): the drill-down of the
  indicator «реализующие целевую модель» then names them as lacking the documents.
- The demo curators' schools (A and B) always have all three signed, by their curator.

The rows are those ``documents.services.document_issue`` and ``document_sign`` write (kind,
title, number unique in the organization's year, date, params of the kind, the author and the
one who marked the signature — nobody, «система», where the organization has no curator or
head account —, the DOCX, the signed scan as PDF), written in bulk: the services render a DOCX
from the kind's template per document, which takes seconds for a region. The DOCX here is a
short registry copy (the organization, the title, the number and the date).
Deterministic for a seed; dates follow ``today``.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.db.models import Q

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.documents.choices import DocumentKind, DocumentStatus
from nastavnik.documents.models import Document
from nastavnik.documents.specs import get_spec
from nastavnik.documents.specs.common import school_year_bounds
from nastavnik.organizations.choices import EDUCATIONAL_KINDS, Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Employment

#: The share of a municipality's organizations with all three documents signed: drawn per
#: municipality from this range, so that municipalities differ.
SIGNED_SHARE = (0.70, 0.97)
#: Of the organizations without all three, the share that has the Положение signed and the
#: implementation order only drafted.
PARTIAL_SHARE = 0.35


@dataclass(frozen=True)
class DocumentsSummary:
    """Counts written by :func:`documents_write`: organizations with all three documents
    signed, organizations whose implementation order is still a draft, documents written."""

    signed_organizations: int
    draft_orders: int
    documents: int


def _pdf() -> bytes:
    """A one-page blank A4 PDF (the scan of the signed paper), with a correct cross-reference
    table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


SCAN_PDF = _pdf()

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def _paragraph(text: str, *, bold: bool = False, center: bool = False) -> str:
    props = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    run_props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{props}<w:r>{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def registry_copy(document: Document, organization: OrgUnit) -> bytes:
    """The DOCX of a demo document: the organization's full name, the title, «№ … от …» and a
    note that the signed copy is the attached scan. A valid WordprocessingML package."""
    number = f"№ {document.number} " if document.number else ""
    body = "".join(
        (
            _paragraph(organization.full_name, center=True),
            _paragraph(document.title, bold=True, center=True),
            _paragraph(f"{number}от {document.date:%d.%m.%Y}".strip(), center=True),
            _paragraph("Подписанный экземпляр документа приложен к записи реестра документов в виде скана."),
        )
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", xml)
    return out.getvalue()


def _day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _implementation_params(date: dt.date, logistics_person: int | None) -> dict:
    """As ``OrderImplementationSpec.initial_params`` from ``date``, for three school years (the
    target model is implemented over several years), with the logistics person chosen."""
    ends_on = dt.date(school_year_bounds(date)[1].year + 2, 5, 31)
    return {
        "starts_on": date.isoformat(),
        "ends_on": ends_on.isoformat(),
        "entry_monitoring_on": (date + dt.timedelta(days=30)).isoformat(),
        "final_monitoring_on": (ends_on - dt.timedelta(days=15)).isoformat(),
        "logistics_person": logistics_person,
        "council_chair": None,
    }


def _payment_params(unit: OrgUnit, today: dt.date, regulation_on: dt.date) -> dict:
    """The order setting the mentors' доплата (``OrderMentorPaymentSpec``) of ``unit``: its
    current mentors, 3000 roubles a month for the school year, under the pay regulation approved
    a year and a half before (a later order and the supplementary agreements take the pay and
    the regulation from it)."""
    from nastavnik.mentoring.models import Pair

    starts_on, ends_on = school_year_bounds(today)
    mentors = Pair.objects.filter(organization=unit, ended_on__isnull=True).values_list(
        "mentor_id", flat=True
    )
    return {
        "mentors": sorted(set(mentors)),
        "payment": "additional_work",
        "amount_kind": "rub",
        "amount": "3000",
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
        "pay_regulation_date": (regulation_on - dt.timedelta(days=540)).isoformat(),
        "pay_regulation_number": "27-о",
    }


def documents_write(
    *,
    region: OrgUnit,
    rng: random.Random,
    today: dt.date,
    always: tuple[OrgUnit, ...] = (),
    payments: tuple[OrgUnit, ...] = (),
) -> DocumentsSummary:
    """Register the founding documents of ``region``'s educational organizations (see the
    module's docstring); ``always``: the organizations that get all three signed whatever the
    draw (the demo curators' schools); ``payments``: organizations that also have the order
    setting their mentors' pay signed (``_payment_params``: the demo's showcase organizations,
    whose whole package holds the next such order and the supplementary agreements). Writes the
    files to the default storage; a few bulk queries. Returns the counts.
    """
    organizations = list(
        OrgUnit.objects.filter(
            path__startswith=region.path, level=Level.ORGANIZATION, kind__in=sorted(EDUCATIONAL_KINDS)
        ).order_by("path")
    )
    keepers: dict[int, object] = {}
    for ra in (
        RoleAssignment.objects.filter(
            org_unit__in=organizations, role__in=(Role.CURATOR, Role.HEAD), user__is_active=True
        )
        .select_related("user")
        .order_by("role", "pk")  # «curator» before «head»
    ):
        keepers.setdefault(ra.org_unit_id, ra.user)
    staff: dict[int, list[int]] = {}
    for org_id, person_id in (
        Employment.objects.filter(organization__in=organizations)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .order_by("organization_id", "person_id")
        .values_list("organization_id", "person_id")
    ):
        staff.setdefault(org_id, []).append(person_id)
    always_ids = {unit.pk for unit in always}
    payment_ids = {unit.pk for unit in payments}
    regulation_params = get_spec(DocumentKind.REGULATION).initial_params(region, region)
    share: dict[int | None, float] = {}

    earliest = dt.date(today.year - 1, 8, 20)
    latest = today - dt.timedelta(days=30)
    rows: list[Document] = []
    signed_organizations = draft_orders = 0
    for unit in organizations:
        if unit.municipality_id not in share:
            share[unit.municipality_id] = rng.uniform(*SIGNED_SHARE)
        draw = rng.random()
        full = unit.pk in always_ids or draw < share[unit.municipality_id]
        partial = not full and rng.random() < PARTIAL_SHARE
        if not (full or partial):
            continue
        by = keepers.get(unit.pk)
        ordered_on = _day_between(rng, earliest, latest)
        regulation_on = min(ordered_on + dt.timedelta(days=rng.randint(0, 21)), latest)
        first, second = rng.sample(range(12, 190), 2)  # distinct: unique in any year
        people = staff.get(unit.pk, [])
        logistics = rng.choice(people) if people else None

        def document(kind, date, number, params, *, signed=True, unit=unit, by=by):
            spec = get_spec(kind)
            row = Document(
                organization=unit,
                kind=kind,
                title=spec.title(unit)[:500],
                number=number,
                date=date,
                params=params,
                author=by,
            )
            row.file.save(f"{kind}-{date:%Y%m%d}.docx", ContentFile(registry_copy(row, unit)), save=False)
            if signed:
                row.status = DocumentStatus.SIGNED
                row.signed_on = min(date + dt.timedelta(days=rng.randint(0, 3)), today)
                row.signed_by = by
                row.scan.save(f"{kind}-{row.signed_on:%Y%m%d}.pdf", ContentFile(SCAN_PDF), save=False)
            rows.append(row)

        document(
            DocumentKind.ORDER_IMPLEMENTATION,
            ordered_on,
            f"{first}-о",
            _implementation_params(ordered_on, logistics),
            signed=full,
        )
        document(DocumentKind.REGULATION, regulation_on, "", dict(regulation_params))
        document(
            DocumentKind.ORDER_REGULATION,
            regulation_on,
            f"{second}-о",
            {"effective_from": regulation_on.isoformat(), "publish_within_days": 10},
        )
        if unit.pk in payment_ids:
            document(
                DocumentKind.ORDER_MENTOR_PAYMENT,
                regulation_on,
                f"{second + 1}-о" if second + 1 != first else f"{second + 2}-о",
                _payment_params(unit, today, regulation_on),
            )
        signed_organizations += full
        draft_orders += not full
    Document.objects.bulk_create(rows, batch_size=500)
    return DocumentsSummary(
        signed_organizations=signed_organizations, draft_orders=draft_orders, documents=len(rows)
    )


def documents_delete(region: OrgUnit) -> None:
    """Delete the documents of ``region``'s organizations with their files (the DOCX and the
    scan), before the units, pairs and programs they protect go."""
    documents = Document.objects.filter(organization__path__startswith=region.path)
    for row in documents.only("file", "scan"):
        for stored in (row.file, row.scan):
            if stored:
                stored.delete(save=False)
    Document.pairs.through.objects.filter(document__in=documents).delete()
    documents.delete()
