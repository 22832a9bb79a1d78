"""Writes of the public section «Наставничество» (issue 19; seed 000 §4.1.2: the curator «обеспечивает
информационное сопровождение» of mentoring on the organization's site; 003 §2.2: the section holds
the legal base, the programs, the bases of mentors, methodical materials and news).

Every write acting for a person takes ``by`` and checks the ``publicsection`` ``change`` right over
the section (``access.rules.require_perm``); ``by=None`` is the system (the demo, a command).
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.rules import require_perm
from nastavnik.core.uploads import DOCUMENT_MAX_BYTES, UploadCheck, check_field_upload
from nastavnik.documents.choices import DocumentKind, DocumentStatus
from nastavnik.openness.choices import ActKind, ActLevel, SectionItemKind
from nastavnik.openness.models import PublicSection, SectionItem
from nastavnik.organizations.choices import Level

#: Russian → Latin, the passport transliteration (Приказ МВД № 889 / ICAO Doc 9303) without signs.
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
SLUG_MAX = 60
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Words of the public addresses that a section's slug may not take (``/o/materials/…``).
RESERVED_SLUGS = frozenset({"materials", "sitemap"})
SLUG_ERROR = "Адрес раздела: строчные латинские буквы, цифры и дефисы между ними, например «sosh-1»."

#: Files of the legal base and of methodical materials: PDF, DOCX, ODT and images (content-checked).
ITEM_FILE_KINDS = ("pdf", "docx", "odt", "png", "jpeg", "tiff")
ITEM_FILE_CHECK = UploadCheck(
    ITEM_FILE_KINDS,
    refusal="Загрузите файл в формате PDF, DOCX, ODT, JPG, PNG или TIFF.",
    max_bytes=DOCUMENT_MAX_BYTES,
)

#: Documents of the registry that may be published: about the organization itself, naming nobody
#: (seed 002 §10: the order, the Положение; never the orders on pairs, the consents, the
#: agreements). Kind → the act's kind in the legal base.
PUBLISHABLE_KINDS: dict[str, str] = {
    DocumentKind.ORDER_IMPLEMENTATION: ActKind.ORDER,
    DocumentKind.REGULATION: ActKind.REGULATION,
    DocumentKind.ORDER_REGULATION: ActKind.ORDER,
}

REFUSAL = "Раздел «Наставничество» этой организации ведёт её куратор или руководитель."


def slugify_ru(text: str) -> str:
    """«МБОУ СОШ № 1» → ``"mbou-sosh-1"``: Russian letters transliterated, everything else that is
    not a Latin letter or a digit turned into one hyphen, at most :data:`SLUG_MAX` characters;
    ``"razdel"`` when nothing is left."""
    out = []
    for char in text.lower():
        if char in _TRANSLIT:
            out.append(_TRANSLIT[char])
        elif char.isascii() and char.isalnum():
            out.append(char)
        else:
            out.append("-")
    slug = re.sub(r"-+", "-", "".join(out)).strip("-")[:SLUG_MAX].strip("-")
    return slug or "razdel"


def parent_unit(unit):
    """The unit whose section holds ``unit``'s: an organization's municipality (its parent when
    that is a municipality, else its ``municipality`` — an organization of regional
    subordination stands in a municipality); ``None`` for a municipality, the region and an
    organization placed in no municipality."""
    if unit.level != Level.ORGANIZATION:
        return None
    parent = unit.parent
    if parent is not None and parent.level == Level.MUNICIPALITY:
        return parent
    return unit.municipality


def _siblings(parent: PublicSection | None):
    if parent is None:
        return PublicSection.objects.filter(parent__isnull=True)
    return PublicSection.objects.filter(parent=parent)


def _free_slug(base: str, parent: PublicSection | None, exclude_pk: int | None = None) -> str:
    """``base``, else ``base-2``, ``base-3``… — the first not taken among the siblings."""
    taken = set(_siblings(parent).exclude(pk=exclude_pk).values_list("slug", flat=True)) | RESERVED_SLUGS
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return slug


@transaction.atomic
def section_for(unit) -> PublicSection:
    """The section of ``unit``, created as a draft when it has none (with the section of the
    municipality above it, for an organization). The slug is made from the short name
    (:func:`slugify_ru`), unique among the sections of the same parent (``-2``, ``-3``…); the region
    and the municipalities have no parent (the region's address is ``/o/``).

    A read of the user's own units; no right is checked (the editor's pages are scoped).
    """
    existing = PublicSection.objects.filter(unit=unit).first()
    if existing is not None:
        return existing
    above = parent_unit(unit)
    parent = section_for(above) if above is not None else None
    base = "region" if unit.level == Level.REGION else slugify_ru(unit.short_name or unit.full_name)
    section = PublicSection(unit=unit, parent=parent, slug=_free_slug(base, parent))
    section.full_clean()
    section.save()
    return section


def _require_keeper(section: PublicSection, by) -> None:
    require_perm(by, "publicsection", "change", section, message=REFUSAL)


def validate_slug(section: PublicSection, slug: str) -> str:
    """``slug`` stripped and lowered, checked: Latin letters, digits and single hyphens, not
    a reserved word, free among the siblings.

    Raises:
        ValidationError: ``{"slug": …}`` in Russian.
    """
    slug = (slug or "").strip().lower()
    if not slug or len(slug) > SLUG_MAX or not SLUG_RE.match(slug):
        raise ValidationError({"slug": SLUG_ERROR})
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": f"Адрес «{slug}» занят служебной страницей: выберите другой."})
    if _siblings(section.parent).exclude(pk=section.pk).filter(slug=slug).exists():
        raise ValidationError({"slug": "Этот адрес уже занят другим разделом: выберите другой."})
    return slug


@transaction.atomic
def section_update(section: PublicSection, *, data: dict, by) -> PublicSection:
    """Change the section's ``about``, ``contacts`` and ``slug`` (the keys present in ``data``).

    Raises:
        PermissionDenied: ``by`` does not keep this section.
        ValidationError: a bad or taken slug (Russian, on ``slug``).
    """
    _require_keeper(section, by)
    section = PublicSection.objects.select_for_update().get(pk=section.pk)
    if "slug" in data:
        section.slug = validate_slug(section, data["slug"])
    for field in ("about", "contacts"):
        if field in data:
            setattr(section, field, (data[field] or "").strip())
    section.updated_by = by
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_publish(section: PublicSection, *, by, published: bool = True) -> PublicSection:
    """Publish the section (``published=True``: visitors see it) or take it back to a draft.

    Raises:
        PermissionDenied: ``by`` does not keep this section.
    """
    _require_keeper(section, by)
    section = PublicSection.objects.select_for_update().get(pk=section.pk)
    section.is_published = published
    if published:
        section.published_at = timezone.now()
    section.updated_by = by
    section.save(update_fields=["is_published", "published_at", "updated_by", "updated_at"])
    return section


def section_unpublish(section: PublicSection, *, by) -> PublicSection:
    """Take the section back to a draft (:func:`section_publish` with ``published=False``)."""
    return section_publish(section, by=by, published=False)


ITEM_FIELDS = ("act_level", "act_kind", "title", "body", "number", "dated", "file", "url", "is_published")


def _clean_item(item: SectionItem) -> None:
    """The rules of an item beyond its fields: an act has its level and kind; a legal act or a
    material has a file, a link or a registry document; an event and a news item have a date."""
    errors = {}
    if item.kind == SectionItemKind.LEGAL_ACT:
        if not item.act_level:
            errors["act_level"] = "Укажите уровень акта."
        if not item.act_kind:
            errors["act_kind"] = "Укажите вид акта."
    else:
        item.act_level = item.act_kind = ""
    if item.kind in (SectionItemKind.LEGAL_ACT, SectionItemKind.MATERIAL):
        if not (item.file or item.url or item.document_id):
            errors["file"] = "Загрузите файл или укажите ссылку."
    if item.kind in (SectionItemKind.NEWS, SectionItemKind.EVENT) and not item.dated:
        errors["dated"] = "Укажите дату."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def item_save(
    *, section: PublicSection, kind: str | None = None, item: SectionItem | None = None, data: dict, by
):
    """Create an item of ``kind`` in ``section`` (``item=None``) or change ``item`` with the
    values of ``data`` (keys of :data:`ITEM_FIELDS`). A file is checked by its content
    (PDF, DOCX, ODT, images; :data:`ITEM_FILE_CHECK`).

    Raises:
        PermissionDenied: ``by`` does not keep the section.
        ValidationError: a missing field or a refused file (Russian, by field).
    """
    _require_keeper(section, by)
    if item is None:
        if kind not in SectionItemKind.values:
            raise ValidationError("Неизвестный вид материала.")
        item = SectionItem(section=section, kind=kind, created_by=by)
    elif item.section_id != section.pk:
        raise PermissionDenied(REFUSAL)
    check_field_upload(ITEM_FILE_CHECK, data.get("file"), "file")
    for field in ITEM_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "file":
            if value is False:
                item.file = ""
            elif value:
                item.file = value
            continue
        setattr(item, field, value if value is not None or field == "dated" else "")
    _clean_item(item)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_delete(*, item: SectionItem, by) -> None:
    """Delete ``item`` (its file with it).

    Raises:
        PermissionDenied: ``by`` does not keep the item's section.
    """
    _require_keeper(item.section, by)
    stored = item.file.name if item.file else ""
    storage = item.file.storage if item.file else None
    item.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


def publishable_documents(section: PublicSection):
    """The documents of the section's organization that may be published from the registry:
    signed, of a kind about the organization itself (:data:`PUBLISHABLE_KINDS`), naming nobody
    (no person, pair or program), not yet published in this section; newest first."""
    from nastavnik.documents.models import Document

    already = SectionItem.objects.filter(section=section, document__isnull=False).values("document_id")
    return (
        Document.objects.filter(
            organization_id=section.unit_id,
            status=DocumentStatus.SIGNED,
            kind__in=list(PUBLISHABLE_KINDS),
            person__isnull=True,
            pair__isnull=True,
            program__isnull=True,
        )
        .exclude(pk__in=already)
        .order_by("-date", "-pk")
    )


@transaction.atomic
def item_publish_document(*, section: PublicSection, document, by) -> SectionItem:
    """«Опубликовать из реестра»: one click on a signed document of the organization of a kind
    about the organization itself makes a published local act of the legal base linked to it,
    with its title, number and date (seed 000 §4.1.2, 003 §2.2). The public page serves the
    document's signed scan, else its PDF copy, else its DOCX.

    Raises:
        PermissionDenied: ``by`` does not keep the section.
        ValidationError: the document may not be published here (another organization's, a
            draft, a kind naming persons) or is already published (Russian).
    """
    _require_keeper(section, by)
    if not publishable_documents(section).filter(pk=document.pk).exists():
        if SectionItem.objects.filter(section=section, document=document).exists():
            raise ValidationError("Этот документ уже опубликован в разделе.")
        raise ValidationError(
            "Опубликовать можно только подписанные документы организации о ней самой: положение "
            "о наставничестве, приказ о внедрении целевой модели, приказ об утверждении положения."
        )
    item = SectionItem(
        section=section,
        kind=SectionItemKind.LEGAL_ACT,
        act_level=ActLevel.LOCAL,
        act_kind=PUBLISHABLE_KINDS[document.kind],
        title=document.title or document.get_kind_display(),
        number=document.number,
        dated=document.signed_on or document.date,
        document=document,
        is_published=True,
        created_by=by,
    )
    item.full_clean()
    item.save()
    return item


def section_open(*, unit, by) -> PublicSection:
    """The section of ``unit`` for its keeper's editor, created as a draft the first time
    (:func:`section_for`).

    Raises:
        PermissionDenied: ``by`` holds no role keeping the sections on ``unit`` itself (the curator
            and the head of an organization, the coordinator of a municipality, the operator of
            the region).
    """
    from nastavnik.access.scope import get_scope

    if by is not None and not by.is_superuser:
        if unit.pk not in get_scope(by).unit_ids("publicsection", "change"):
            raise PermissionDenied(REFUSAL)
    return section_for(unit)
