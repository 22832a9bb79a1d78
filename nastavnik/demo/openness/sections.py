"""The demo of the part «sections» of issue 19: the public sections «Наставничество» (seed 000
§4.1.2, 003 §2.2) of the region, of the municipalities of the showcase organizations and of the
showcase organizations — school A and school B in full (about, contacts, the legal base with the
organization's signed documents published from the registry, methodical materials, news of the
last month and older, events), the others with their text only, and the last one an unpublished
draft."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile

from nastavnik.openness.choices import ActKind, ActLevel, SectionItemKind

REGION_ABOUT = (
    "В автономном округе действует региональная система (целевая модель) наставничества "
    "педагогических работников. Здесь собраны открытые сведения о наставничестве в муниципальных "
    "образованиях и образовательных организациях: реализуемые программы, наставники, нормативная "
    "база, методические материалы и новости."
)
FEDERAL_ACTS = (
    (
        "Распоряжение Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 "
        "«Об утверждении методологии (целевой модели) наставничества обучающихся»",
        "Р-145",
        dt.date(2019, 12, 25),
    ),
    (
        "Письмо Министерства просвещения Российской Федерации от 21.12.2021 № АЗ-1128/08 "
        "«О направлении методических рекомендаций по разработке и внедрению системы (целевой модели) "
        "наставничества педагогических работников в образовательных организациях»",
        "АЗ-1128/08",
        dt.date(2021, 12, 21),
    ),
)
PRAVO = "http://publication.pravo.gov.ru/"


def _pdf(title: str) -> bytes:
    """A one-page A4 PDF (an uploaded material), with a correct cross-reference table."""
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
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _legal_acts(section, *, region_name: str) -> None:
    from nastavnik.openness.services.sections import item_save

    for title, number, dated in FEDERAL_ACTS:
        item_save(
            section=section,
            kind=SectionItemKind.LEGAL_ACT,
            data={
                "act_level": ActLevel.FEDERAL,
                "act_kind": ActKind.OTHER,
                "title": title,
                "number": number,
                "dated": dated,
                "url": PRAVO,
            },
            by=None,
        )
    item_save(
        section=section,
        kind=SectionItemKind.LEGAL_ACT,
        data={
            "act_level": ActLevel.REGIONAL,
            "act_kind": ActKind.REGULATION,
            "title": f"Положение о региональной системе (целевой модели) наставничества педагогических "
            f"работников ({region_name})",
            "file": ContentFile(_pdf("regional"), name="regionalnoe-polozhenie.pdf"),
        },
        by=None,
    )


def _full_school(section, today: dt.date, rng) -> int:
    """About, contacts, the legal base (the registry's documents published with one click),
    materials, news and events of a showcase school; the number of items written."""
    from nastavnik.openness.services.sections import (
        item_publish_document,
        item_save,
        publishable_documents,
        section_update,
    )

    unit = section.unit
    section_update(
        section,
        data={
            "about": (
                f"В {unit.short_name_loct or 'организации'} реализуется программа наставничества "
                "педагогических работников: молодые специалисты и педагоги, пришедшие в школу, "
                "работают в паре с опытными коллегами по персонализированным программам. "
                "Работу координирует куратор, действует методическое объединение наставников."
            ),
            "contacts": "Куратор программ наставничества — заместитель директора по методической работе. "
            "Телефон приёмной указан на главной странице сайта школы.",
        },
        by=None,
    )
    count = 0
    for document in list(publishable_documents(section)):
        item_publish_document(section=section, document=document, by=None)
        count += 1
    materials = (
        "Памятка наставнику: как составить персонализированную программу",
        "Методические рекомендации по проведению встреч наставнической пары",
    )
    for number, title in enumerate(materials, start=1):
        item_save(
            section=section,
            kind=SectionItemKind.MATERIAL,
            data={
                "title": title,
                "body": "Материал подготовлен методическим объединением наставников.",
                "dated": today - dt.timedelta(days=40 * number),
                "file": ContentFile(_pdf(title), name=f"material-{number}.pdf"),
            },
            by=None,
        )
        count += 1
    news = (
        (rng.randint(2, 20), "Встреча наставников с молодыми педагогами", "Обсудили итоги первой четверти."),
        (rng.randint(45, 80), "Открыт приём заявок в банк наставников", "Педагоги могут предложить себя."),
        (rng.randint(120, 200), "Утверждено положение о наставничестве", "Положение опубликовано в разделе."),
    )
    for days, title, body in news:
        item_save(
            section=section,
            kind=SectionItemKind.NEWS,
            data={"title": title, "body": body, "dated": today - dt.timedelta(days=days)},
            by=None,
        )
        count += 1
    events = (
        (14, "Педагогическая мастерская наставников", "Открытые уроки наставников для молодых педагогов."),
        (-30, "Фестиваль наставнических практик", "Наставнические пары представили свои проекты."),
    )
    for days, title, body in events:
        item_save(
            section=section,
            kind=SectionItemKind.EVENT,
            data={"title": title, "body": body, "dated": today + dt.timedelta(days=days)},
            by=None,
        )
        count += 1
    return count


def write(context) -> str:
    """Write the sections; a Russian summary line."""
    from nastavnik.openness.services.sections import section_for, section_publish, section_update

    region = section_for(context.region)
    section_update(region, data={"about": REGION_ABOUT}, by=None)
    _legal_acts(region, region_name=str(context.region))
    section_publish(region, by=None)
    published, items = 1, 3
    units = list(dict.fromkeys((context.school_a, context.school_b, *context.showcase)))
    draft = units[-1] if units[-1] not in (context.school_a, context.school_b) else None
    for unit in units:
        section = section_for(unit)
        municipality = section.parent
        if municipality is not None and not municipality.is_published:
            section_update(
                municipality,
                data={
                    "about": f"Наставничество педагогических работников в образовательных организациях: "
                    f"{municipality.unit.full_name}."
                },
                by=None,
            )
            section_publish(municipality, by=None)
            published += 1
        if unit in (context.school_a, context.school_b):
            items += _full_school(section, context.today, context.rng)
        else:
            section_update(
                section,
                data={"about": "Раздел о наставничестве педагогических работников организации."},
                by=None,
            )
        if unit != draft:
            section_publish(section, by=None)
            published += 1
    return f"Разделы «Наставничество»: опубликовано — {published}, черновиков — {1 if draft else 0}, материалов — {items}"


def delete(region) -> None:
    """Delete the sections of ``region``'s units (organizations' first: the parent is protected)
    with their items and files."""
    from nastavnik.openness.models import PublicSection, SectionItem

    inside = {"unit__path__startswith": region.path}
    for item in SectionItem.objects.filter(section__unit__path__startswith=region.path).exclude(file=""):
        item.file.delete(save=False)
    SectionItem.objects.filter(section__unit__path__startswith=region.path).delete()
    PublicSection.objects.filter(parent__isnull=False, **inside).delete()
    PublicSection.objects.filter(**inside).delete()
