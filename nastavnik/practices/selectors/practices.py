"""Reads of best practices: the units a user writes cases for, the moderation queue, and the
public base of effective programs (seed 000 App. 2 §2.3), whose selectors take no user and return
only published cases."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from nastavnik.access.choices import Action
from nastavnik.access.scope import get_scope
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.practices.choices import PracticeStatus
from nastavnik.practices.models import AUTHOR_LEVELS, BestPractice, BestPracticeFile


def author_units(user) -> QuerySet[OrgUnit]:
    """The units ``user`` writes cases for: those where they hold the ``bestpractice`` ``add``
    right (the units themselves, not their subtrees); every unit of :data:`AUTHOR_LEVELS` for a
    superuser; none for anyone else."""
    units = OrgUnit.objects.filter(level__in=AUTHOR_LEVELS).select_related("municipality")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return units.none()
    if user.is_superuser:
        return units.order_by("path")
    return units.filter(pk__in=get_scope(user).unit_ids("bestpractice", Action.ADD)).order_by("path")


def moderation_queue(user) -> QuerySet[BestPractice]:
    """The cases waiting for ``user``'s decision: on moderation and moderated by them, oldest
    submission first."""
    return (
        BestPractice.objects.for_user(user, Action.APPROVE)
        .filter(status=PracticeStatus.SUBMITTED)
        .select_related("organization__municipality")
        .order_by("submitted_at", "pk")
    )


def public_practices() -> QuerySet[BestPractice]:
    """The regional base of effective programs: the published cases, newest first, with their
    author units, forms, kinds and areas and the number of files (no user: public data only)."""
    return (
        BestPractice.objects.published()
        .select_related("organization__municipality", "organization__parent", "form", "kind", "area")
        .annotate(file_count=Count("files"))
        .order_by("-published_at", "-pk")
    )


def public_practice(pk) -> BestPractice | None:
    """The published case ``pk`` with its files, or ``None`` (not published, missing, a bad id)."""
    try:
        return (
            BestPractice.objects.published()
            .select_related("organization__municipality", "organization__parent", "form", "kind", "area")
            .prefetch_related(
                Prefetch("files", queryset=BestPracticeFile.objects.order_by("uploaded_at", "pk"))
            )
            .get(pk=pk)
        )
    except (BestPractice.DoesNotExist, ValueError, TypeError):
        return None


def public_file(pk) -> BestPracticeFile | None:
    """The file ``pk`` of a published case, or ``None``."""
    try:
        return BestPracticeFile.objects.select_related("practice").get(
            pk=pk, practice__status=PracticeStatus.PUBLISHED
        )
    except (BestPracticeFile.DoesNotExist, ValueError, TypeError):
        return None


def public_municipalities() -> QuerySet[OrgUnit]:
    """The municipalities that have published cases (theirs or their organizations'): the
    public search's choice."""
    published = BestPractice.objects.published()
    return (
        OrgUnit.objects.filter(level=Level.MUNICIPALITY)
        .filter(
            Q(pk__in=published.values("organization__municipality_id"))
            | Q(pk__in=published.values("organization_id"))
        )
        .order_by("full_name")
    )


def public_organizations() -> QuerySet[OrgUnit]:
    """The units that have published cases: the public search's choice."""
    return (
        OrgUnit.objects.filter(pk__in=BestPractice.objects.published().values("organization_id"))
        .select_related("municipality")
        .order_by("full_name")
    )


def unit_published(unit: OrgUnit, *, limit: int = 5, own: bool = False) -> list[BestPractice]:
    """The latest published cases of ``unit``: of the unit itself (``own``), or of its whole
    subtree (a municipality's or the region's page)."""
    rows = public_practices()
    rows = rows.filter(organization=unit) if own else rows.filter(organization__path__startswith=unit.path)
    return list(rows[:limit])
