"""The persona matrix of the part «sections» of issue 19 (see the package's docstring): the public
pages of the sections «Наставничество» (open to everybody, school B's as school A's) and the
keeper's editor (the curator and the head of the school; the coordinator and the operator keep the
sections of their own units, not the school's)."""

from __future__ import annotations

from nastavnik.testing.matrix_groups import CO, CU, HD, KEEP, NONE, OP, SIGNED, e

#: The personas who keep some section (the curator of B counts as the curator of A).
KEEPERS_SOMEWHERE = frozenset({OP, CO, HD, CU})


def _objectless(**kwargs):
    """Fixed arguments (none): one case, of the variant «-» (``testing.matrix._fixed``)."""

    def provide(objects: dict) -> dict:
        return kwargs

    provide.objectless = True
    return provide


def _from(build):
    """A provider of ``build(objects)`` (``None`` when the variant has no section)."""

    def provide(objects: dict) -> dict | None:
        return None if objects.get("section_org") is None else build(objects)

    return provide


def _pk(obj: str, /, **extra):
    return _from(lambda o: {"pk": o[obj].pk, **extra})


PROVIDERS: dict = {
    "sections:region": _objectless(),
    "sections:sitemap": _objectless(),
    "sections:kept": _objectless(),
    "sections:municipality": _from(lambda o: {"municipality": o["section_muni"].slug}),
    "sections:organization": _from(
        lambda o: {"municipality": o["section_muni"].slug, "organization": o["section_org"].slug}
    ),
    "sections:item": _pk("section_news"),
    "sections:item_file": _pk("section_act"),
    "sections:edit": _pk("section_org"),
    "sections:publish": _pk("section_org"),
    "sections:registry_publish": _pk("section_org"),
    "sections:item_add": _pk("section_org", kind="news"),
    "sections:item_edit": _pk("section_news"),
    "sections:item_delete": _pk("section_news"),
}
QUERIES: dict = {}
BODIES: dict = {
    "sections:edit": lambda o: {"about": "О наставничестве", "contacts": "", "slug": o["section_org"].slug},
    "sections:item_add": lambda o: {"title": "Новость", "dated": "2026-11-02", "is_published": "on"},
}
EXPECTED: dict = {
    "sections:region": e(SIGNED),
    "sections:sitemap": e(SIGNED),
    "sections:municipality": e(SIGNED),
    "sections:organization": e(SIGNED),
    "sections:item": e(SIGNED),
    "sections:item_file": e(SIGNED),
    "sections:kept": e(KEEPERS_SOMEWHERE, KEEPERS_SOMEWHERE),
    "sections:edit": e(KEEP, KEEP),
    "sections:publish": e(NONE, KEEP),
    "sections:registry_publish": e(NONE, KEEP),
    "sections:item_add": e(KEEP, KEEP),
    "sections:item_edit": e(KEEP, KEEP),
    "sections:item_delete": e(NONE, KEEP),
}
PUBLIC: set[str] = {
    "sections:region",
    "sections:sitemap",
    "sections:municipality",
    "sections:organization",
    "sections:item",
    "sections:item_file",
}
REGIONAL: set[str] = set(PUBLIC)


def _school_sections(school, today) -> dict:
    """The published sections of ``school`` and its municipality, a published news item and a
    published act with a PDF."""
    from django.core.files.base import ContentFile

    from nastavnik.openness.choices import ActLevel, SectionItemKind
    from nastavnik.openness.services.sections import item_save, section_for, section_publish

    section = section_for(school)
    section_publish(section.parent, by=None)
    section = section_publish(section, by=None)
    news = item_save(
        section=section,
        kind=SectionItemKind.NEWS,
        data={"title": f"Новости наставничества: {school}", "dated": today, "body": "Встреча наставников."},
        by=None,
    )
    act = item_save(
        section=section,
        kind=SectionItemKind.LEGAL_ACT,
        data={
            "act_level": ActLevel.LOCAL,
            "act_kind": "regulation",
            "title": "Положение о наставничестве",
            "file": ContentFile(b"%PDF-1.4\n%%EOF\n", name="polozhenie.pdf"),
        },
        by=None,
    )
    return {"section_org": section, "section_muni": section.parent, "section_news": news, "section_act": act}


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """The published sections of the region, of both municipalities and of both schools."""
    from django.utils import timezone

    from nastavnik.openness.services.sections import section_for, section_publish

    today = timezone.localdate()
    section_publish(section_for(world.region), by=None)
    a.update(_school_sections(world.school_a, today))
    b.update(_school_sections(world.school_b, today))
