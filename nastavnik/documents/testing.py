"""Test support of the documents: the text of a DOCX and of a PDF, snapshots of templates, and a
school ready to issue its documents."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "tests" / "snapshots"


def docx_text(content: bytes, *, raw: bool = False) -> str:
    """The text of a DOCX in reading order: paragraphs, and table rows as cells joined by « | »,
    one per line (headers and footers left out). Non-breaking spaces are read as spaces, so that
    tests of the wording read as the wording; ``raw``: kept (the typography's own checks)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(content))
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = []
                for cell in row.cells:
                    text = "\n".join(p.text for p in cell.paragraphs).strip()
                    if not cells or cells[-1] != text:  # merged cells repeat
                        cells.append(text)
                lines.append(" | ".join(cells))
    text = "\n".join(lines).strip() + "\n"
    return text if raw else text.replace("\u00a0", " ")


def pdf_text(content: bytes) -> str:
    """The text of a PDF (pypdf), pages joined; whitespace collapsed to single spaces."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def assert_snapshot(name: str, text: str) -> None:
    """``text`` must equal the stored snapshot ``tests/snapshots/<name>.txt``. With
    ``UPDATE_SNAPSHOTS=1`` in the environment the snapshot is (re)written instead; a missing
    snapshot fails, so that a new one is always looked at before it is committed."""
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"Нет снимка {path}: запустите тест с UPDATE_SNAPSHOTS=1 и проверьте его."
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"Текст документа отличается от снимка {path.name}"


FIXED_DATE = dt.date(2026, 11, 21)


def _position(name: str):
    from nastavnik.reference.models import Position

    found = Position.objects.filter(name=name).first()
    return found or Position.objects.create(code=f"test-{Position.objects.count() + 1}", name=name)


def give_positions(*people, name: str = "учитель математики") -> None:
    """Give ``people`` a position on their cards (the orders name everyone with a position)."""
    position = _position(name)
    for person in people:
        person.position = position
        person.save(update_fields=["position"])


def prepare_school(world):
    """School A of the persona ``world`` ready to issue its documents: an address and INN, a head
    (Соколова Елена Викторовна, директор) and a curator (Кузнецов Илья Сергеевич, заместитель
    директора по учебно-воспитательной работе) with person cards linked to the ``head_a`` and
    ``curator_a`` users. Returns a namespace of ``world``, ``school``, ``head``, ``curator``."""
    from types import SimpleNamespace

    from nastavnik.people.choices import Sex
    from nastavnik.testing import factories as f

    school = world.school_a
    school.address = "628400, Ханты-Мансийский автономный округ – Югра, г. Сургут, ул. Ленина, д. 1"
    school.inn = f.valid_inn(7)
    school.save()
    head = f.staff_member(
        school,
        last_name="Соколова",
        first_name="Елена",
        middle_name="Викторовна",
        sex=Sex.FEMALE,
        birth_date=dt.date(1970, 5, 4),
        position=_position("директор"),
        user=world.users["head_a"],
    )
    curator = f.staff_member(
        school,
        last_name="Кузнецов",
        first_name="Илья",
        middle_name="Сергеевич",
        sex=Sex.MALE,
        birth_date=dt.date(1980, 2, 11),
        user=world.users["curator_a"],
        position=_position("заместитель директора по учебно-воспитательной работе"),
    )
    return SimpleNamespace(world=world, school=school, head=head, curator=curator)


#: When the school's roadmap was approved by its municipality (a fixed day, for the snapshots).
ROADMAP_APPROVED_AT = dt.datetime(2026, 8, 28, 10, 0)


def approved_roadmap(world, school=None):
    """An approved roadmap of ``school`` (default: school A of the persona ``world``) for the
    school year 2026/27 (01.09.2026 – 30.06.2027): two sections, five activities with a month, a
    month range, dates, a deadline and a recurring period; drafted and submitted by the curator
    of school A, approved by the coordinator on ``ROADMAP_APPROVED_AT`` (seed 002 §6, §10). The
    appendix of the implementation order reprints it. Returns the roadmap."""
    from django.utils import timezone

    from nastavnik.roadmaps.models import Roadmap
    from nastavnik.roadmaps.periods import period_parse
    from nastavnik.roadmaps.services import (
        ItemData,
        SectionData,
        roadmap_approve,
        roadmap_create,
        roadmap_submit,
    )

    school = school or world.school_a
    curator = world.users["curator_a"]

    def item(number, activity, period, responsible, result):
        return ItemData(number, activity, period_parse(period), responsible, result)

    sections = [
        SectionData(
            "1.",
            "Нормативное правовое обеспечение",
            [
                item(
                    "1.1",
                    "Издание приказа о внедрении целевой модели наставничества",
                    "Сентябрь 2026",
                    "Руководитель образовательной организации",
                    "Приказ",
                ),
                item(
                    "1.2",
                    "Разработка и утверждение Положения о системе наставничества педагогических работников",
                    "01.09.2026 – 15.10.2026",
                    "Руководитель образовательной организации, куратор",
                    "Положение о системе наставничества",
                ),
            ],
        ),
        SectionData(
            "2.",
            "Реализация программ наставничества",
            [
                item(
                    "2.1",
                    "Формирование наставнических пар (групп)",
                    "Октябрь – ноябрь 2026",
                    "Куратор",
                    "Приказ о закреплении наставнических пар (групп)",
                ),
                item(
                    "2.2",
                    "Информирование педагогического и родительского сообществ на официальном сайте",
                    "Ежемесячно",
                    "Куратор, наставники",
                    "Публикации на официальном сайте",
                ),
                item(
                    "2.3",
                    "Представление отчётных материалов в муниципальный орган управления образованием",
                    "До 20.01.2027",
                    "Куратор",
                    "Отчётные материалы",
                ),
            ],
        ),
    ]
    roadmap = roadmap_create(
        owner=school,
        title="Дорожная карта (план мероприятий) по реализации Положения о системе наставничества",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 6, 30),
        by=curator,
        sections=sections,
    )
    roadmap_submit(roadmap=roadmap, by=curator)
    roadmap_approve(roadmap=roadmap, by=world.users["coordinator"])
    Roadmap.objects.filter(pk=roadmap.pk).update(approved_at=timezone.make_aware(ROADMAP_APPROVED_AT))
    roadmap.refresh_from_db()
    return roadmap
