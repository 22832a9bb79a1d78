"""Reads of the public section «Наставничество» (issue 19; seed 000 §4.1.2, 003 §2.2).

The public pages take no user: each function here returns only what an anonymous visitor may see —
published sections and items, the organization's programs as forms, counts and titles naming
nobody, and the mentors of :func:`~nastavnik.openness.selectors.public_mentors.public_mentors`
(valid consent to distribution, 152-ФЗ art. 10.1) with only their published fields. Nothing
about the mentees (minors among them) is ever read. The number of queries does not grow with the
number of programs, mentors or items.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from nastavnik.openness.choices import ActLevel, SectionItemKind
from nastavnik.openness.models import PublicSection, SectionItem
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

#: The personalized programs shown as being carried out.
RUNNING = ("approved", "active")


def _section_qs():
    return PublicSection.objects.select_related("unit", "parent", "parent__unit")


def region_section(*, preview_user=None) -> PublicSection:
    """The region's section (``/o/``): the published one, or — for a keeper previewing
    (:func:`may_preview`) — the draft. When the region has written no section yet (or keeps it a
    draft), an empty, unsaved section of the first region: the page still gathers the published
    sections of its municipalities and the public blocks (the results of the contest, best
    practices), so that the public pages always have their root (seed 000 App. 2 §2.4, §2.6).
    Raises ``Http404`` when there is no region at all."""
    sections = _section_qs().filter(parent__isnull=True, unit__level=Level.REGION).order_by("pk")
    section = sections.filter(is_published=True).first()
    if section is None and preview_user is not None:
        section = next((s for s in sections if may_preview(s, preview_user)), None)
    if section is None:
        region = OrgUnit.objects.filter(level=Level.REGION).order_by("pk").first()
        if region is None:
            raise Http404("Раздел не найден.")
        section = PublicSection(unit=region, slug="", is_published=True)
    return section


def section_at(*, municipality: str, organization: str | None = None, user=None) -> PublicSection:
    """The section at ``/o/<municipality>/`` or ``/o/<municipality>/<organization>/``: published,
    under a published municipality's section; a draft only for its keeper (:func:`may_preview`).

    Raises:
        Http404: no such section, or a draft the visitor may not preview. Any string is safe
            (slugs are compared as they are).
    """
    muni = (
        _section_qs()
        .filter(parent__isnull=True, unit__level=Level.MUNICIPALITY, slug=str(municipality)[:80])
        .first()
    )
    if muni is None:
        raise Http404("Раздел не найден.")
    section = muni
    if organization is not None:
        section = _section_qs().filter(parent=muni, slug=str(organization)[:80]).first()
        if section is None:
            raise Http404("Раздел не найден.")
        if not muni.is_published and not may_preview(section, user):
            raise Http404("Раздел не найден.")
    if not section.is_published and not may_preview(section, user):
        raise Http404("Раздел не найден.")
    return section


def may_preview(section: PublicSection, user) -> bool:
    """Whether ``user`` keeps ``section`` and so sees its draft and unpublished items (with a
    banner saying so): the ``publicsection`` ``change`` right over it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return PublicSection.objects.for_user(user, "change").filter(pk=section.pk).exists()


def public_url(section: PublicSection) -> str:
    """The public address: ``/o/``, ``/o/<m>/`` or ``/o/<m>/<o>/`` (``parent`` and its unit joined)."""
    if section.unit.level == Level.REGION:
        return reverse("sections:region")
    if section.parent_id is None:
        return reverse("sections:municipality", args=[section.slug])
    return reverse("sections:organization", args=[section.parent.slug, section.slug])


def public_card_url(profile_pk: int) -> str:
    """The address of a mentor's card in the public open bank (``public_bank``), "" while that
    page does not exist."""
    for name in ("public_bank:detail", "public_bank:mentor", "public_bank:card"):
        try:
            return reverse(name, args=[profile_pk])
        except NoReverseMatch:
            continue
    return ""


def children(section: PublicSection, *, include_drafts: bool = False) -> list[PublicSection]:
    """The sections under ``section`` (a municipality's organizations; the region's municipalities
    are those of its subtree with no parent), published only unless ``include_drafts``."""
    if section.unit.level == Level.REGION:
        rows = _section_qs().filter(
            parent__isnull=True, unit__level=Level.MUNICIPALITY, unit__path__startswith=section.unit.path
        )
    else:
        rows = _section_qs().filter(parent=section)
    if not include_drafts:
        rows = rows.filter(is_published=True)
    return list(rows.order_by("unit__short_name", "unit__full_name", "pk"))


def items_of(section: PublicSection, *, include_unpublished: bool = False):
    """The section's items (published only unless ``include_unpublished``) with their registry
    document, newest first."""
    if section.pk is None:  # the region's page before its section is written
        return SectionItem.objects.none()
    rows = SectionItem.objects.filter(section=section).select_related("document")
    if not include_unpublished:
        rows = rows.filter(is_published=True)
    return rows.order_by("-dated", "-pk")


@dataclass
class ProgramsBlock:
    """«Реализуемые программы»: the organization's programs (titles naming nobody) and the
    personalized programs being carried out counted by form of mentoring (``rows``: form name,
    programs, pairs)."""

    programs: list = field(default_factory=list)
    rows: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row[1] for row in self.rows)


def programs_block(unit, *, today: dt.date | None = None) -> ProgramsBlock:
    """The programs of ``unit`` being carried out on ``today`` — two queries. The personalized
    programs are counted, never listed: their direction and their pairs may name a mentee."""
    from nastavnik.mentoring.models import MentoringProgram, PersonalizedProgram

    today = today or timezone.localdate()
    programs = list(
        MentoringProgram.objects.filter(organization=unit, starts_on__lte=today, ends_on__gte=today)
        .only("title", "starts_on", "ends_on")
        .order_by("starts_on", "pk")
    )
    rows = (
        PersonalizedProgram.objects.filter(organization=unit, status__in=RUNNING)
        .values("mentoring_form__name")
        .annotate(programs=Count("pk", distinct=True), pairs=Count("pairs", distinct=True))
        .order_by("mentoring_form__name")
    )
    return ProgramsBlock(
        programs=programs,
        rows=[(row["mentoring_form__name"], row["programs"], row["pairs"]) for row in rows],
    )


def mentors_block(unit) -> list[dict]:
    """The public mentors of ``unit`` (consent to distribution, published in the open bank):
    each ``{"card": OpenBankCard, "url": public card address}`` — seven queries for any number."""
    from nastavnik.bank.open_bank_selectors import with_card_relations
    from nastavnik.openness.selectors.public_mentors import public_mentor_card, public_mentors

    profiles = with_card_relations(public_mentors().filter(organization=unit))
    return [{"card": public_mentor_card(p), "url": public_card_url(p.pk)} for p in profiles]


def roadmap_in_force(unit, *, today: dt.date | None = None):
    """The approved roadmap of ``unit`` whose period includes ``today``, or ``None`` (shown in the
    legal base by itself, seed 001 §4.4.3)."""
    from nastavnik.roadmaps.choices import RoadmapStatus
    from nastavnik.roadmaps.models import Roadmap

    today = today or timezone.localdate()
    return (
        Roadmap.objects.filter(owner=unit, status=RoadmapStatus.APPROVED)
        .current_on(today)
        .only("title", "starts_on", "ends_on", "approved_at")
        .order_by("-starts_on", "-pk")
        .first()
    )


def legal_base(items) -> OrderedDict:
    """The legal acts among ``items`` grouped by level in the order federal → regional →
    municipal → local: ``{level label: [items]}`` with the empty levels left out."""
    groups: OrderedDict = OrderedDict((label, []) for _value, label in ActLevel.choices)
    labels = dict(ActLevel.choices)
    for item in items:
        if item.kind == SectionItemKind.LEGAL_ACT:
            groups[labels.get(item.act_level, ActLevel.LOCAL.label)].append(item)
    return OrderedDict((label, rows) for label, rows in groups.items() if rows)


def section_page(section: PublicSection, *, preview: bool = False, today: dt.date | None = None) -> dict:
    """Everything a section's public page shows, as template variables: ``items`` by kind
    (``legal_base``, ``materials``, ``news``, ``events``), ``roadmap``, ``programs`` and
    ``mentors`` for an organization, ``children`` (published sections below), ``public_url``.
    ``preview``: the keeper's view, drafts and unpublished items included."""
    today = today or timezone.localdate()
    items = list(items_of(section, include_unpublished=preview))
    unit = section.unit
    page = {
        "section": section,
        "public_url": public_url(section),
        "legal_base": legal_base(items),
        "materials": [i for i in items if i.kind == SectionItemKind.MATERIAL],
        "news": [i for i in items if i.kind == SectionItemKind.NEWS],
        "events": [i for i in items if i.kind == SectionItemKind.EVENT],
        "children": [],
        "roadmap": None,
        "programs": None,
        "mentors": [],
        "preview": preview,
    }
    if unit.level == Level.ORGANIZATION:
        page["programs"] = programs_block(unit, today=today)
        page["mentors"] = mentors_block(unit)
        page["roadmap"] = roadmap_in_force(unit, today=today)
    else:
        page["children"] = [
            {"section": child, "url": public_url(child)} for child in children(section, include_drafts=False)
        ]
        if unit.level == Level.MUNICIPALITY:
            page["roadmap"] = roadmap_in_force(unit, today=today)
    return page


def public_item(pk, *, user=None) -> SectionItem:
    """A published item of a published section (its keeper also reaches a draft's), for its page
    and its file. Raises ``Http404`` otherwise; any ``pk`` is safe."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("Материал не найден.") from None
    item = (
        SectionItem.objects.select_related("section", "section__unit", "section__parent", "document")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404("Материал не найден.")
    public = item.is_published and item.section.is_published
    if item.section.parent_id and not item.section.parent.is_published:
        public = False
    if not public and not may_preview(item.section, user):
        raise Http404("Материал не найден.")
    return item


def published_sections():
    """Every section a visitor may open (for the sitemap): published, and for an organization
    under a published municipality's section; with the relations :func:`public_url` reads."""
    return (
        _section_qs()
        .filter(is_published=True)
        .filter(Q(parent__isnull=True) | Q(parent__is_published=True))
        .order_by("unit__path")
    )


def kept_sections(user) -> list:
    """The units whose section ``user`` keeps (``publicsection`` ``change`` granted on the unit
    itself), as ``OrgUnit`` rows ordered by path."""
    from nastavnik.access.scope import get_scope
    from nastavnik.organizations.models import OrgUnit

    ids = get_scope(user).unit_ids("publicsection", "change") if user.is_authenticated else []
    return list(OrgUnit.objects.filter(pk__in=list(ids)).order_by("path"))
