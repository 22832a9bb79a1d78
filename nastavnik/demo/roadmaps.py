"""The demo roadmaps (issue 6): the regional roadmap of seed 000 App. 2, a roadmap of every
municipality from the template of seed 003, and organizations' roadmaps (seed 002 §10) in every
status of the approval (seed 002 §6, 000 §4.2), with their execution reported.

- The region: the current calendar year, approved by the regional operator.
- Every municipality: the current school year (the template runs November – July), approved by
  its coordinator (by nobody when the municipality has no coordinator account); two or three
  left as drafts (never the demo coordinator's).
- The demo curator's school (school A): approved for the current school year, with activities
  done, one or two overdue, one under way, an evidence file and a comment.
- Kindergarten A and college A (their whole package of documents is shown as school A's is):
  approved (the college, of regional subordination, by the regional operator) and executed.
- A dozen other organizations: in the demo coordinator's municipality two submitted (one of
  them after a return and a fix), one returned with the coordinator's remarks, two approved and
  one draft, so that the coordinator has work to do; elsewhere a draft, a submitted and an
  approved one, school B's draft (the second demo curator) and a college approved by the
  regional operator (regional subordination).

The plans and the workflow go through ``roadmaps.services``, so the rows and the history are
those the pages write; the history is then dated back (creation two weeks or so before the
period, the steps a few days apart, never after today). The execution of the approved plans is
written in bulk with the same events ``services.item_report`` writes. Deterministic for a seed;
dates follow ``today``.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.demo.staff import school_year_start
from nastavnik.organizations.choices import Level, OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.roadmaps.blueprints import MUNICIPAL, ORGANIZATION, REGIONAL
from nastavnik.roadmaps.choices import ItemStatus, PeriodKind, RoadmapEventKind, RoadmapStatus
from nastavnik.roadmaps.models import Roadmap, RoadmapEvent, RoadmapItem
from nastavnik.roadmaps.services import (
    comment_add,
    evidence_add,
    item_status_summary,
    roadmap_approve,
    roadmap_create_from_blueprint,
    roadmap_return,
    roadmap_submit,
)

#: The coordinator's remarks on the returned roadmaps (seed 002 §6: the municipality returns a
#: roadmap with comments).
RETURN_COMMENTS = (
    "Дополните раздел 3 мероприятиями по информированию родительского сообщества и укажите сроки "
    "заседаний педагогического совета. В разделе 4 назовите ответственных за привлечение наставников "
    "внешнего контура (п. 10 методических рекомендаций «Дорожная карта внедрения целевой модели "
    "наставничества»).",
    "Сроки формирования наставнических пар (п. 2.5) не согласованы со сроками отбора и обучения "
    "наставников (п. 2.4): пары формируются после обучения. Уточните сроки и направьте карту повторно.",
)

#: The comment of school A's curator on an activity left overdue.
OVERDUE_COMMENT = (
    "Срок не выдержан: ответственный работник находился на курсах повышения квалификации. "
    "Мероприятие будет выполнено в течение двух недель, новый срок согласован с руководителем."
)

EVIDENCE_NAME = "podtverzhdenie.txt"


@dataclass(frozen=True)
class RoadmapsSummary:
    """Counts written by :func:`roadmaps_write`: roadmaps by level and organizations' roadmaps
    by status (``RoadmapStatus`` value → count)."""

    regional: int
    municipal: int
    organizations: int
    by_status: dict[str, int] = field(default_factory=dict)


def demo_school_year(today: dt.date) -> int:
    """The year the current school year starts in (September): the year the municipal and the
    organizations' templates are moved to (seed 003: November – July; 002 §10: September – June)."""
    return school_year_start(today).year


class _Writer:
    """Calls the services, remembers when each step should have happened, then dates the history
    back and writes the execution in bulk."""

    def __init__(self, *, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.stamps: dict[int, list[dt.datetime]] = {}  # roadmap id → the time of each service event
        self.clock: dict[int, dt.date] = {}  # roadmap id → the day of its latest step
        self.items: list[RoadmapItem] = []  # items whose execution changed
        self.events: list[RoadmapEvent] = []  # their «item» events

    # --- the workflow through the services ---------------------------------------------------

    def at(self, day: dt.date, hour: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, self.rng.randrange(0, 60, 5))))

    def stamp(self, roadmap: Roadmap, day: dt.date, hour: int = 10) -> None:
        """Remember the time of the event the last service call wrote for ``roadmap``: ``day``
        (not after yesterday) at ``hour``, and after the previous one."""
        stamps = self.stamps.setdefault(roadmap.pk, [])
        when = self.at(min(day, self.today - dt.timedelta(days=1)), hour)
        if stamps and when <= stamps[-1]:
            when = stamps[-1] + dt.timedelta(minutes=7)
        stamps.append(when)

    def step(self, roadmap: Roadmap) -> dt.date:
        """The day of the next workflow step of ``roadmap``: two to five days after the previous one."""
        day = self.clock[roadmap.pk] + dt.timedelta(days=self.rng.randint(2, 5))
        self.clock[roadmap.pk] = day
        return day

    def create(self, owner: OrgUnit, code: str, year: int, by, *, recent: bool = False) -> Roadmap:
        """Create the roadmap of ``owner`` from the template ``code``: two weeks or so before its
        period (``recent``: three or four weeks ago), at least three weeks ago, so that the
        steps that follow fall before today."""
        roadmap = roadmap_create_from_blueprint(owner=owner, code=code, year=year, by=by)
        weeks_ago = self.today - dt.timedelta(days=self.rng.randint(21, 30))
        before = roadmap.starts_on - dt.timedelta(days=self.rng.randint(12, 20))
        begin = weeks_ago if recent else min(before, weeks_ago)
        self.clock[roadmap.pk] = begin
        self.stamp(roadmap, begin, 9)
        return roadmap

    def submit(self, roadmap: Roadmap, by) -> Roadmap:
        roadmap = roadmap_submit(roadmap=roadmap, by=by)
        self.stamp(roadmap, self.step(roadmap), 11)
        return roadmap

    def back(self, roadmap: Roadmap, by, comment: str) -> Roadmap:
        roadmap = roadmap_return(roadmap=roadmap, by=by, comment=comment)
        self.stamp(roadmap, self.step(roadmap), 14)
        return roadmap

    def approve(self, roadmap: Roadmap, by) -> Roadmap:
        roadmap = roadmap_approve(roadmap=roadmap, by=by)
        self.stamp(roadmap, self.step(roadmap), 16)
        return roadmap

    def date_history(self) -> None:
        """Move every event the services wrote, and the roadmaps' creation, submission and
        approval times, to the days remembered by :meth:`stamp` (in the order of the calls)."""
        events = RoadmapEvent.objects.filter(roadmap_id__in=self.stamps).order_by("roadmap_id", "pk")
        by_roadmap: dict[int, list[RoadmapEvent]] = {}
        for event in events:
            by_roadmap.setdefault(event.roadmap_id, []).append(event)
        changed = []
        roadmaps = []
        for roadmap in Roadmap.objects.filter(pk__in=self.stamps):
            rows, stamps = by_roadmap.get(roadmap.pk, []), self.stamps[roadmap.pk]
            if len(rows) != len(stamps):  # not written by the steps above: leave it as it is
                continue
            for event, when in zip(rows, stamps, strict=True):
                event.occurred_at = when
                if event.to_status == RoadmapStatus.SUBMITTED:
                    roadmap.submitted_at = when
                elif event.to_status == RoadmapStatus.APPROVED:
                    roadmap.approved_at = when
            roadmap.created_at = stamps[0]
            changed += rows
            roadmaps.append(roadmap)
        RoadmapEvent.objects.bulk_update(changed, ["occurred_at"], batch_size=500)
        Roadmap.objects.bulk_update(roadmaps, ["created_at", "submitted_at", "approved_at"], batch_size=500)

    # --- the execution, in bulk ------------------------------------------------------------------

    def report(self, roadmap: Roadmap, item: RoadmapItem, status: str, on: dt.date, by=None) -> None:
        """Record the execution of ``item`` as ``services.item_report`` does: the status (and
        the day it was done), and an «item» event on ``on``."""
        before = item.get_status_display()
        item.status = status
        item.completed_on = on if status == ItemStatus.DONE else None
        self.items.append(item)
        self.events.append(
            RoadmapEvent(
                roadmap=roadmap,
                item=item,
                kind=RoadmapEventKind.ITEM,
                summary=item_status_summary(item, before),
                author=by,
                occurred_at=self.at(on, 17),
            )
        )

    def done_on(self, item: RoadmapItem) -> dt.date:
        """A day inside the activity's period, before today."""
        last = min(item.ends_on, self.today - dt.timedelta(days=1))
        first = item.starts_on or item.ends_on - dt.timedelta(days=25)
        first = min(first, last)
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    def execute(self, roadmap: Roadmap, *, overdue: int = 0, by=None, under_way: float = 0.6) -> dict:
        """Report the execution of an approved roadmap: the activities past their deadline are
        done, but ``overdue`` of them (chosen at random) are left undone; those running today are
        under way with the chance ``under_way``. Returns ``{"done": [...], "overdue": [...],
        "under_way": [...]}`` of items."""
        items = list(roadmap.items.exclude(period_kind=PeriodKind.RECURRING).order_by("ends_on", "pk"))
        passed = [i for i in items if i.ends_on < self.today]
        late = set(self.rng.sample(range(len(passed)), min(overdue, max(len(passed) - 1, 0))))
        result = {"done": [], "overdue": [], "under_way": []}
        yesterday = self.today - dt.timedelta(days=1)
        for index, item in enumerate(passed):
            if index in late:
                result["overdue"].append(item)
                continue
            self.report(roadmap, item, ItemStatus.DONE, self.done_on(item), by)
            result["done"].append(item)
        for item in items:
            running = (item.starts_on or item.ends_on) <= self.today <= item.ends_on
            if running and self.rng.random() < under_way:
                day = min(max(item.starts_on or self.today, self.today - dt.timedelta(days=10)), yesterday)
                self.report(roadmap, item, ItemStatus.IN_PROGRESS, day, by)
                result["under_way"].append(item)
        return result

    def flush(self) -> None:
        RoadmapItem.objects.bulk_update(self.items, ["status", "completed_on"], batch_size=500)
        RoadmapEvent.objects.bulk_create(self.events, batch_size=500)


def _users(region: OrgUnit) -> dict[tuple[int, str], object]:
    """``{(unit id, role): user}`` of the region's role holders (the first by id), one query."""
    result = {}
    rows = (
        RoleAssignment.objects.filter(
            org_unit__path__startswith=region.path,
            role__in=[Role.REGIONAL_OPERATOR, Role.MUNICIPAL_COORDINATOR, Role.CURATOR, Role.HEAD],
        )
        .select_related("user")
        .order_by("pk")
    )
    for ra in rows:
        result.setdefault((ra.org_unit_id, ra.role), ra.user)
    return result


@contextmanager
def _quiet():
    """Keep the services' log of every step (some hundred lines) out of the loader's output."""
    logger = logging.getLogger("nastavnik.roadmaps")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def roadmaps_write(
    *,
    region: OrgUnit,
    rng: random.Random,
    today: dt.date,
    school_a: OrgUnit,
    school_b: OrgUnit | None = None,
    approved: tuple[OrgUnit, ...] = (),
) -> RoadmapsSummary:
    """Write the demo roadmaps of ``region`` (see the module's docstring).

    ``school_a``: the demo curator's school, approved by its municipality's coordinator;
    ``school_b``: the second demo curator's school (a draft); ``approved``: organizations
    whose roadmap is approved and executed whatever the draw (kindergarten A and college A:
    by their municipality's coordinator, a college of regional subordination by the regional
    operator). The organizations of the
    municipality with a coordinator account (else school A's) get the submitted and the returned
    roadmaps. Organizations and municipalities without accounts act through nobody (the history
    says «система»). Returns the counts.

    Raises:
        django.core.exceptions.ValidationError: a template no longer fits its services (a
            programming error; nothing is left half-written inside the loader's transaction).
    """
    with _quiet():
        return _roadmaps_write(
            region=region, rng=rng, today=today, school_a=school_a, school_b=school_b, approved=approved
        )


def _roadmaps_write(*, region, rng, today, school_a, school_b, approved) -> RoadmapsSummary:
    writer = _Writer(rng=rng, today=today)
    users = _users(region)
    municipalities = list(OrgUnit.objects.filter(parent=region, level=Level.MUNICIPALITY).order_by("path"))
    municipality_of = {m.pk: m for m in municipalities}
    coordinator_of = {m.pk: users.get((m.pk, Role.MUNICIPAL_COORDINATOR)) for m in municipalities}
    operator = users.get((region.pk, Role.REGIONAL_OPERATOR))
    home = (
        next((m for m in municipalities if coordinator_of[m.pk]), None) or municipality_of[school_a.parent_id]
    )
    coordinator = coordinator_of[home.pk]

    def keeper(unit: OrgUnit):
        return users.get((unit.pk, Role.CURATOR)) or users.get((unit.pk, Role.HEAD))

    # The region (seed 000 App. 2): this calendar year, approved by the regional operator.
    regional = writer.create(region, REGIONAL.code, today.year, operator)
    regional = writer.approve(regional, operator)
    writer.execute(regional, overdue=1, by=operator)

    # Every municipality (seed 003): this school year; two or three drafts, never the home one;
    # three approved ones lag behind with an activity or two overdue.
    year = demo_school_year(today)
    others = [m for m in municipalities if m.pk != home.pk]
    drafts = {m.pk for m in rng.sample(others, min(len(others), rng.choice((2, 3))))}
    lagging = {m.pk for m in rng.sample(others, min(len(others), 3))}
    for unit in municipalities:
        by = coordinator_of[unit.pk]
        roadmap = writer.create(unit, MUNICIPAL.code, year, by)
        if unit.pk not in drafts:
            roadmap = writer.approve(roadmap, by)
            writer.execute(roadmap, overdue=rng.choice((1, 2)) if unit.pk in lagging else 0, by=by)

    # Organizations (seed 002 §10, §6).
    by_status: dict[str, int] = {}

    def organization(unit: OrgUnit, status: str, *, approver=None, comment: str = "", again: bool = False):
        by = keeper(unit)
        roadmap = writer.create(unit, ORGANIZATION.code, year, by, recent=status != RoadmapStatus.APPROVED)
        if status != RoadmapStatus.DRAFT:
            roadmap = writer.submit(roadmap, by)
        if status == RoadmapStatus.RETURNED or again:
            roadmap = writer.back(roadmap, approver, comment)
        if again:
            roadmap = writer.submit(roadmap, by)
        if status == RoadmapStatus.APPROVED:
            roadmap = writer.approve(roadmap, approver)
            writer.execute(roadmap, overdue=rng.choice((0, 0, 1)), by=by)
        by_status[roadmap.status] = by_status.get(roadmap.status, 0) + 1
        return roadmap

    # School A: approved by its coordinator, executed, with an evidence file and a comment.
    curator_a = keeper(school_a)
    roadmap_a = writer.create(school_a, ORGANIZATION.code, year, curator_a)
    roadmap_a = writer.submit(roadmap_a, curator_a)
    roadmap_a = writer.approve(roadmap_a, coordinator_of.get(school_a.parent_id))
    by_status[roadmap_a.status] = 1
    _school_a_execution(writer, roadmap_a, curator_a)

    # Kindergarten A and college A: approved (the college, of regional subordination, by the
    # regional operator) and executed.
    for unit in approved:
        organization(
            unit,
            RoadmapStatus.APPROVED,
            approver=coordinator_of.get(unit.parent_id) if unit.parent_id in municipality_of else operator,
        )

    educational = (OrganizationKind.SCHOOL, OrganizationKind.KINDERGARTEN, OrganizationKind.SUPPLEMENTARY)
    taken = [school_a.pk, getattr(school_b, "pk", None), *(unit.pk for unit in approved)]
    units = list(
        OrgUnit.objects.filter(path__startswith=region.path, kind__in=educational)
        .exclude(pk__in=taken)
        .order_by("path")
    )
    # The home municipality: work for its coordinator.
    at_home = [u for u in units if u.parent_id == home.pk]
    rng.shuffle(at_home)
    plan = [
        (RoadmapStatus.SUBMITTED, {}),
        (RoadmapStatus.SUBMITTED, {"again": True, "comment": RETURN_COMMENTS[1]}),
        (RoadmapStatus.RETURNED, {"comment": RETURN_COMMENTS[0]}),
        (RoadmapStatus.APPROVED, {}),
        (RoadmapStatus.APPROVED, {}),
        (RoadmapStatus.DRAFT, {}),
    ]
    for unit, (status, options) in zip(at_home, plan, strict=False):
        organization(unit, status, approver=coordinator, **options)

    # Elsewhere: school B's draft, a draft, a submitted and an approved roadmap in other
    # municipalities, and a college of regional subordination approved by the regional operator.
    if school_b is not None:
        organization(school_b, RoadmapStatus.DRAFT)
    away = [u for u in units if u.parent_id in municipality_of and u.parent_id != home.pk]
    statuses = (RoadmapStatus.DRAFT, RoadmapStatus.SUBMITTED, RoadmapStatus.APPROVED)
    for unit, status in zip(rng.sample(away, min(len(away), 3)), statuses, strict=False):
        organization(unit, status, approver=coordinator_of.get(unit.parent_id))
    college = (
        OrgUnit.objects.filter(parent=region, kind=OrganizationKind.COLLEGE)
        .exclude(pk__in=taken)
        .order_by("path")
        .first()
    )
    if college is not None:
        organization(college, RoadmapStatus.APPROVED, approver=operator)

    writer.date_history()
    writer.flush()
    return RoadmapsSummary(
        regional=1,
        municipal=len(municipalities),
        organizations=sum(by_status.values()),
        by_status=by_status,
    )


def _school_a_execution(writer: _Writer, roadmap: Roadmap, curator) -> None:
    """School A reports its plan: the activities past their deadline done (the day inside their
    period), one or two of them left overdue with the curator's comment, one under way, and the
    document of an activity done (the protocol of the pedagogical council, when it is done)
    attached as a text file."""
    result = writer.execute(roadmap, overdue=2, by=curator, under_way=0)
    running = [  # the longest of the activities running today (the work of the pairs, 2.6)
        item
        for item in roadmap.items.exclude(period_kind=PeriodKind.RECURRING).order_by("-ends_on", "pk")
        if (item.starts_on or item.ends_on) <= writer.today <= item.ends_on
    ]
    under_way = running[0] if running else roadmap.items.filter(period_kind=PeriodKind.RECURRING).first()
    if under_way is not None:
        yesterday = writer.today - dt.timedelta(days=1)
        day = min(max(under_way.starts_on or writer.today, writer.today - dt.timedelta(days=7)), yesterday)
        writer.report(roadmap, under_way, ItemStatus.IN_PROGRESS, day, curator)
    if result["done"]:
        done = next((i for i in result["done"] if "протокол" in i.result.lower()), result["done"][0])
        title = (done.result or done.activity)[:300]
        text = (
            f"{title}\n\n{roadmap.owner.full_name}\n\n"
            f"Мероприятие {done.number}: {done.activity}\n"
            f"Выполнено {done.completed_on:%d.%m.%Y}.\n"
        )
        evidence = evidence_add(
            item=done, by=curator, file=ContentFile(text.encode("utf-8"), name=EVIDENCE_NAME), title=title
        )
        writer.stamp(roadmap, done.completed_on, 18)
        evidence.uploaded_at = writer.stamps[roadmap.pk][-1]
        evidence.save(update_fields=["uploaded_at"])
    if result["overdue"]:
        late = result["overdue"][0]
        comment_add(roadmap=roadmap, by=curator, text=OVERDUE_COMMENT, item=late)
        writer.stamp(roadmap, late.ends_on + dt.timedelta(days=3), 12)
