"""What the practices add to other pages (registered by ``PracticesConfig.ready``): the block
«Лучшие практики» of the public pages of an organization, a municipality and the region
(``openness.blocks``: published cases only), and the work list «Лучшие практики на модерации» of
the moderators' home page (``core.home``; seed 000 App. 2 §2.3, 003 §4.8)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from nastavnik.core.home import HomeRequest, WorkItem, WorkList
from nastavnik.core.typography import quoted
from nastavnik.organizations.choices import Level
from nastavnik.practices.selectors.practices import moderation_queue, unit_published

#: How many cases a public block and the home list show.
BLOCK_LIMIT = 5
HOME_LIMIT = 10


def _more_url(unit) -> str:
    base = reverse("practices:public_list")
    if unit.level == Level.ORGANIZATION:
        return f"{base}?organization={unit.pk}"
    if unit.level == Level.MUNICIPALITY:
        return f"{base}?municipality={unit.pk}"
    return base


def organization_block(*, unit, section=None, **kwargs) -> dict | None:
    """The organization's own published cases; ``None`` when it has none."""
    practices = unit_published(unit, limit=BLOCK_LIMIT, own=True)
    if not practices:
        return None
    return {"practices": practices, "more_url": _more_url(unit), "show_unit": False}


def area_block(*, unit, section=None, **kwargs) -> dict | None:
    """The latest published cases of the municipality's or the region's units; ``None`` when
    there are none."""
    practices = unit_published(unit, limit=BLOCK_LIMIT)
    if not practices:
        return None
    return {"practices": practices, "more_url": _more_url(unit), "show_unit": True}


def home_block(request: HomeRequest) -> dict:
    """The moderators' list of cases waiting for their decision (nothing for anyone else: one
    query for a user without the right, none for a superuser's empty scope)."""
    scope = request.scope
    if scope is not None and not scope.paths("bestpractice", "approve"):
        return {}
    rows = moderation_queue(request.user)
    first = list(rows[: HOME_LIMIT + 1])
    if not first:
        return {}
    more = rows.count() - HOME_LIMIT if len(first) > HOME_LIMIT else 0
    request.work_lists.append(
        WorkList(
            "Лучшие практики на модерации",
            [
                WorkItem(
                    quoted(p.title),
                    reverse("practices:detail", args=[p.pk]),
                    f"{p.organization.label_with_municipality}, направлена {timezone.localdate(p.submitted_at):%d.%m.%Y}"
                    if p.submitted_at
                    else p.organization.label_with_municipality,
                )
                for p in first[:HOME_LIMIT]
            ],
            "Практик на модерации нет.",
            more,
        )
    )
    return {}
