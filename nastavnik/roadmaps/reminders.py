"""Reminders before the deadlines of roadmap activities (issue 6 «Control: reminders before
deadlines»; seed 000 App. 2 п. 1.7: control of execution).

Only the plan in force is reminded of: activities of approved roadmaps, neither done nor
cancelled, whose deadline (``RoadmapItem.period.deadline``; a recurring activity has none) falls
within the next days. Each activity is reminded of once (``RoadmapItem.reminded_on``); each
recipient gets one letter listing all their activities.

Recipients of an activity: the users holding one of its ``responsible_roles`` on the roadmap's
owner unit; when nobody does, the users keeping the roadmap (the holders of the ``roadmap``
``change`` right on the owner: the curator and the head, the municipal coordinator, the regional
operator).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import PERMISSIONS, Action
from nastavnik.access.models import RoleAssignment
from nastavnik.core.mail import Mail, greeting, letter, send_each, site_url
from nastavnik.mentoring.selectors.participants import contact_email
from nastavnik.roadmaps.choices import RoadmapStatus
from nastavnik.roadmaps.models import RoadmapItem

logger = logging.getLogger("nastavnik.roadmaps")

#: How many days before the deadline the reminder goes (``send_roadmap_reminders --days``).
REMINDER_DAYS = 7


def due_items(*, today: dt.date, days: int = REMINDER_DAYS):
    """Activities to remind of: of approved roadmaps, open (neither done nor cancelled), not
    recurring, their deadline from ``today`` to ``today + days`` inclusive, not reminded yet; with
    the roadmap and its owner, by deadline."""
    return (
        RoadmapItem.objects.open()
        .filter(
            roadmap__status=RoadmapStatus.APPROVED,
            reminded_on__isnull=True,
            ends_on__gte=today,
            ends_on__lte=today + dt.timedelta(days=days),
        )
        .select_related("roadmap__owner")
        .order_by("ends_on", "roadmap_id", "section__sort_order", "sort_order", "pk")
    )


def recipients_of(item: RoadmapItem, holders: list[RoleAssignment]) -> list:
    """The users to remind of ``item``: among ``holders`` (the role assignments on the roadmap's
    owner, users active), those holding one of the item's ``responsible_roles``; when none, those
    keeping the roadmap (``PERMISSIONS["roadmap"]["change"]``). Each user once, by id."""
    roles = set(item.responsible_roles or ())
    chosen = [ra.user for ra in holders if ra.role in roles]
    if not chosen:
        keepers = PERMISSIONS["roadmap"][Action.CHANGE]
        chosen = [ra.user for ra in holders if ra.role in keepers]
    return sorted({user.pk: user for user in chosen}.values(), key=lambda user: user.pk)


@dataclass
class _Letter:
    """One recipient's letter: the first user writing to the address, and their items."""

    user: object
    items: list[RoadmapItem] = field(default_factory=list)


def _greeting(user) -> str:
    person = getattr(user, "person", None)
    if person is not None:
        return greeting(person.first_name, person.middle_name)
    return greeting(user.get_full_name())


def reminder_text(user, items: list[RoadmapItem], *, base_url: str = "") -> tuple[str, str]:
    """``(subject, body)`` of the letter reminding ``user`` of ``items`` (plain Russian text):
    the activities grouped by roadmap, each with its number, text, deadline and period, and the
    link to the roadmap (absolute when ``base_url`` is given)."""
    lines = [
        "Напоминаем: приближаются сроки мероприятий дорожной карты, за исполнение которых вы отвечаете.",
    ]
    roadmaps: dict[int, list[RoadmapItem]] = {}
    for item in items:
        roadmaps.setdefault(item.roadmap_id, []).append(item)
    for group in roadmaps.values():
        roadmap = group[0].roadmap
        lines += ["", f"{roadmap.title} ({roadmap.owner}), {roadmap.period_label}"]
        for item in group:
            number = f"{item.number} " if item.number else ""
            period, deadline = item.period_text, f"{item.ends_on:%d.%m.%Y}"
            period = period[:1].lower() + period[1:]
            when = period if deadline in period else f"{period} (последний день — {deadline})"
            lines += [f"– {number}{item.activity}", f"  Срок: {when}"]
        lines.append(f"Страница дорожной карты: {base_url}{roadmap.get_absolute_url()}")
    lines += [
        "",
        "Отметьте исполнение мероприятий на странице дорожной карты и приложите подтверждающие документы.",
    ]
    first = min(item.ends_on for item in items)
    subject = f"Напоминание: сроки мероприятий дорожной карты (ближайший — {first:%d.%m.%Y})"
    return subject, letter(_greeting(user), lines)


def roadmap_reminders_send(
    *, today: dt.date | None = None, days: int = REMINDER_DAYS, base_url: str | None = None
) -> int:
    """E-mail the reminders of the activities :func:`due_items` finds: one letter per address
    (:func:`contact_email`: the person's card, else the account) listing all the activities
    its user answers for (:func:`recipients_of`). ``base_url`` (default
    ``settings.NASTAVNIK_BASE_URL``, else none) makes the links absolute.

    The activities are first marked ``reminded_on = today`` in one transaction (rows locked and
    skipped by a concurrent run), so an activity never goes twice; an activity nobody can be
    written to about is marked too, and a failed delivery is logged and not retried.

    Returns the number of e-mails sent.
    """
    today = today or timezone.localdate()
    base = site_url(base_url)
    with transaction.atomic():
        items = list(due_items(today=today, days=days).select_for_update(of=("self",), skip_locked=True))
        RoadmapItem.objects.filter(pk__in=[item.pk for item in items]).update(reminded_on=today)
    if not items:
        return 0
    owners = {item.roadmap.owner_id for item in items}
    holders: dict[int, list[RoleAssignment]] = {}
    for ra in (
        RoleAssignment.objects.filter(org_unit_id__in=owners, user__is_active=True)
        .select_related("user__person")
        .order_by("pk")
    ):
        holders.setdefault(ra.org_unit_id, []).append(ra)
    letters: dict[str, _Letter] = {}
    for item in items:
        for user in recipients_of(item, holders.get(item.roadmap.owner_id, [])):
            address = contact_email(user=user)
            entry = letters.setdefault(address.lower(), _Letter(user)) if address else None
            if entry is not None and item not in entry.items:  # two accounts may share an address
                entry.items.append(item)
    mails = (
        Mail(address, *reminder_text(entry.user, entry.items, base_url=base), about=(entry.user.pk,))
        for address, entry in letters.items()
    )
    sent = send_each(mails, logger=logger, log_what="roadmap reminder to user %s")
    if sent:
        logger.info("roadmap reminders sent: %s (activities: %s)", sent, len(items))
    return sent
