"""The documents' part of what the system stores about a person and of their depersonalization
(``people.personal_data``, registered in ``DocumentsConfig.ready``): the documents that name
them — their own papers, those of their pairs and programs, and the orders fixing their pairs."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Q, Value
from django.db.models.functions import Replace

from nastavnik.documents.choices import DocumentStatus
from nastavnik.documents.models import Document
from nastavnik.documents.services import package_pdfs_forget
from nastavnik.people.personal_data import Section


def documents_naming(person):
    """Documents about ``person``: ``person`` itself, a pair or a program they take part in, or
    an order fixing one of their pairs."""
    from nastavnik.mentoring.models import Pair

    pairs = Pair.objects.filter(Q(mentor=person) | Q(mentee=person))
    return Document.objects.filter(
        Q(person=person)
        | Q(pair__in=pairs.values("pk"))
        | Q(program__in=pairs.exclude(program__isnull=True).values("program_id"))
        | Q(pk__in=Document.pairs.through.objects.filter(pair__in=pairs.values("pk")).values("document_id"))
    )


def documents_sections(person) -> list[Section]:
    return [
        Section(
            "Документы, в которых названы вы",
            [
                {
                    "Вид документа": d.get_kind_display(),
                    "Наименование": d.title,
                    "Номер": d.number,
                    "Дата": d.date,
                    "Состояние": d.get_status_display(),
                    "Организация": str(d.organization),
                }
                for d in documents_naming(person).select_related("organization")
            ],
        )
    ]


def documents_last_date(person) -> dt.date | None:
    """The date of the latest document naming ``person``."""
    return documents_naming(person).aggregate(d=Max("date"))["d"]


def documents_wipe(person, *, label: str, names: set[str]) -> None:
    """Replace ``person``'s former ``names`` in the titles of the documents naming them by ``label`` and
    delete the generated DOCX of the unsigned ones and their PDF copies (a draft is regenerated
    from the depersonalized data when needed), and the PDF copies kept for the packages of
    their organizations. Signed scans stay with the organization's archive: a signed document must
    keep its scan (``document_signed_has_scan``)."""
    naming = documents_naming(person)
    for name in sorted(names, key=len, reverse=True):
        naming.filter(title__contains=name).update(title=Replace("title", Value(name), Value(label)))
    for document in naming.filter(status=DocumentStatus.DRAFT).exclude(file="", pdf=""):
        document.file.delete(save=False)
        document.pdf.delete(save=False)
    naming.filter(status=DocumentStatus.DRAFT).update(file="", pdf="", pdf_digest="")
    # The PDF copies kept for the packages of their organizations name them too.
    organizations = set(naming.values_list("organization_id", flat=True))
    organizations |= set(person.employments.values_list("organization_id", flat=True))
    package_pdfs_forget(organizations)
