"""Helpers of the practices' tests: a case of a unit, a small PDF."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from nastavnik.practices.services import practices as services
from nastavnik.reference.models import CompetenceArea, MentoringForm, MentoringKind

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "programma.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def case(unit, by=None, *, title="Наставник для молодого учителя", ready=True, **fields):
    """A draft case of ``unit`` written by ``by`` (the system when ``None``); ``ready``: with a
    description and results, so that it may be submitted."""
    data = {
        "title": title,
        "form": MentoringForm.objects.order_by("sort_order").first(),
        "kind": MentoringKind.objects.order_by("sort_order").first(),
        "area": CompetenceArea.objects.order_by("sort_order").first(),
        "summary": "Сопровождение молодых специалистов в первый год работы",
        "description": "Пары наставник — молодой учитель, встречи раз в неделю" if ready else "",
        "results": "Все молодые учителя остались в школе" if ready else "",
    }
    data.update(fields)
    return services.practice_create(organization=unit, by=by, **data)


def published(unit, **fields):
    """A case of ``unit`` published by the system."""
    practice = case(unit, **fields)
    services.practice_submit(practice=practice, by=None)
    return services.practice_publish(practice=practice, by=None)
