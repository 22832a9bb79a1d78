"""The federal statistical figure (seed 002 §9): the number of participants who completed the
full cycle of a mentoring program in the reporting year, per organization, and its
confirmation by the organization's curator «не позднее 20 января года, следующего за отчётным».

Two figures (issue 20): the pedagogical workers (``figure``, the indicator ``full_cycle``) and
the learners — pupils and students (``learners_figure``: the completed pairs whose mentee is a
``people.Learner``), counted, confirmed and rolled up side by side.

The live figure is never typed in: it is counted from the curator's full-cycle marks — the
completion of a program, which ends its pairs «Программа завершена» and marks the mentee in the
database of mentees — by the rule of the indicator ``full_cycle``
(``indicators.cycle.completed_pairs``), so that the indicator page and the federal form never
differ. The confirmed figure is the ``FederalStatisticsReport`` of the
organization and the year; when the data changed after the confirmation, every page shows the
difference («подтверждено 12, по данным сейчас 14: +2»).

Scale (issue 14): :func:`federal_rollup` sums the whole country by region in one grouped query
over the materialized paths of the organizations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.core.home import WorkItem, WorkList
from nastavnik.organizations.choices import EDUCATIONAL_KINDS, Level
from nastavnik.organizations.models import PATH_STEP, OrgUnit

#: The deadline of the federal form: 20 January of the year after the reporting one (seed 002 §9).
DEADLINE_MONTH = 1
DEADLINE_DAY = 20
#: The length of one segment of a unit's path: the zero-padded id and a slash.
PATH_SEGMENT = PATH_STEP + 1
#: The earliest reporting year (the target model dates from 2022) and how many years the pages offer.
FIRST_YEAR = 2022

_MONTHS_GEN = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip

#: The statuses of an organization's figure: the key (``?status=``) and the Russian label.
STATUS_CONFIRMED = "confirmed"
STATUS_MISSING = "missing"
STATUS_DIFFERS = "differs"
STATUS_LABELS = {
    STATUS_CONFIRMED: "подтверждено",
    STATUS_MISSING: "не подтверждено",
    STATUS_DIFFERS: "расходится",
}


def plural(number: int, one: str, few: str, many: str) -> str:
    """The Russian form of a noun after ``number``: 1 день, 2 дня, 5 дней, 21 день, 11 дней."""
    n = abs(number)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def long_date(day: dt.date) -> str:
    """«20 января 2027 г.»."""
    return f"{day.day} {_MONTHS_GEN[day.month - 1]} {day.year} г."


def deadline(year: int) -> dt.date:
    """The last day to submit the figure of reporting ``year``: 20 January of ``year + 1``
    (seed 002 §9)."""
    return dt.date(year + 1, DEADLINE_MONTH, DEADLINE_DAY)


def days_left(year: int, today: dt.date | None = None) -> int:
    """Days from ``today`` to the deadline of ``year`` (0 on the day itself, negative after it)."""
    today = today or timezone.localdate()
    return (deadline(year) - today).days


def countdown_text(year: int, today: dt.date | None = None) -> str:
    """«до срока представления осталось 49 дней», «срок представления — сегодня, 20 января
    2027 г.» or «срок представления истёк 20 января 2027 г.»."""
    left = days_left(year, today)
    if left > 0:
        return f"до срока представления {plural(left, 'остался', 'осталось', 'осталось')} {left} {plural(left, 'день', 'дня', 'дней')}"
    if left == 0:
        return f"срок представления — сегодня, {long_date(deadline(year))}"
    return f"срок представления истёк {long_date(deadline(year))}"


def reporting_year(today: dt.date | None = None) -> int:
    """The year whose figure is being collected on ``today``: in January (the month of the
    deadline) the year just ended, otherwise the current one."""
    today = today or timezone.localdate()
    return today.year - 1 if today.month == DEADLINE_MONTH else today.year


def in_campaign(today: dt.date | None = None) -> bool:
    """Whether ``today`` falls in December or January, when the curator's home page counts down
    to the deadline (issue 14)."""
    today = today or timezone.localdate()
    return today.month in (12, 1)


def year_choices(today: dt.date | None = None) -> list[int]:
    """The reporting years a page offers, newest first: from the current one to ``FIRST_YEAR``."""
    today = today or timezone.localdate()
    return list(range(today.year, FIRST_YEAR - 1, -1))


def parse_year(raw, today: dt.date | None = None) -> tuple[int, str]:
    """The reporting year named by ``?year=`` and a Russian error ("" when read): anything but
    a year of :func:`year_choices` gives the reporting year (:func:`reporting_year`) and says so.
    Never raises."""
    default = reporting_year(today)
    raw = str(raw or "").strip()
    if not raw:
        return default, ""
    if raw.isascii() and raw.isdigit() and len(raw) == 4 and int(raw) in year_choices(today):
        return int(raw), ""
    return default, f"Отчётный год указан неверно. Показаны сведения за {default} год."


# --- the live figure --------------------------------------------------------------------------


def _completed_pairs(root_path: str, year: int):
    """The pairs of ``root_path``'s subtree ended by completing their program in ``year``: the
    curator's full-cycle marks (seed 002 §9). The rule is the indicator's
    (``indicators.cycle.completed_pairs``); the same rule is written here only while that
    module is absent."""
    from nastavnik.monitoring.periods import year_period

    period = year_period(year)
    try:
        from nastavnik.monitoring.indicators.cycle import completed_pairs
    except ImportError:  # pragma: no cover - the indicator module is part of the app
        from nastavnik.mentoring.choices import PairEndReason
        from nastavnik.mentoring.models import Pair

        return Pair.objects.filter(
            organization__path__startswith=root_path,
            end_reason=PairEndReason.COMPLETED,
            ended_on__gte=period.start,
            ended_on__lte=period.end,
        )
    return completed_pairs(root_path, period)


def live_figures(root_path: str, year: int) -> dict[int, int]:
    """``{organization id: participants who completed the full cycle in year}`` for the
    organizations under ``root_path`` that have any: the distinct mentees of the completed
    pairs of each organization (one grouped query; the indicator ``full_cycle`` counts the same,
    ``indicators.cycle.full_cycle_by_organization``)."""
    rows = (
        _completed_pairs(root_path, year)
        .values("organization_id")
        .annotate(n=Count("mentee_id", distinct=True))
        .order_by()
        .values_list("organization_id", "n")
    )
    return {org_id: n for org_id, n in rows if n}


def live_figure(organization: OrgUnit, year: int) -> int:
    """The live figure of one organization for ``year`` (the pedagogical workers)."""
    return live_figures(organization.path, year).get(organization.pk, 0)


def _learner_completed_pairs(root_path: str, year: int):
    """The pairs of ``root_path``'s subtree ended by completing their program in ``year`` whose
    mentee is a learner (``indicators.cycle.learner_completed_pairs``; issue 20)."""
    from nastavnik.monitoring.indicators.cycle import learner_completed_pairs
    from nastavnik.monitoring.periods import year_period

    return learner_completed_pairs(root_path, year_period(year))


def live_learner_figures(root_path: str, year: int) -> dict[int, int]:
    """``{organization id: learners who completed the full cycle in year}`` for the
    organizations under ``root_path`` that have any: the distinct learner mentees of the
    completed pairs of each organization (one grouped query; seed 002 §9, issue 20)."""
    rows = (
        _learner_completed_pairs(root_path, year)
        .values("organization_id")
        .annotate(n=Count("mentee_id", distinct=True))
        .order_by()
        .values_list("organization_id", "n")
    )
    return {org_id: n for org_id, n in rows if n}


def live_learner_figure(organization: OrgUnit, year: int) -> int:
    """The learners' live figure of one organization for ``year``."""
    return live_learner_figures(organization.path, year).get(organization.pk, 0)


@dataclass(frozen=True)
class RollupLine:
    """One unit below the root of :func:`federal_rollup`: its id, path and live figures (the
    pedagogical workers' ``figure`` and the ``learners``)."""

    unit_id: int
    path: str
    figure: int
    learners: int = 0


@dataclass
class FederalRollup:
    """The live federal figure of a ``unit`` for ``year``: the ``total`` and one line per unit
    directly below it (``lines``: the regions of the country, the municipalities of a region…),
    only those with a figure."""

    unit: OrgUnit
    year: int
    total: int
    lines: list[RollupLine] = field(default_factory=list)
    #: The learners' total (issue 20); ``total`` is the pedagogical workers'.
    learners_total: int = 0


def federal_rollup(unit: OrgUnit, year: int) -> FederalRollup:
    """The national (or any unit's) figure for ``year``: one grouped query counting the marked
    mentees by the first segment of their organization's path below ``unit`` (paths are
    zero-padded ids of 8 digits and a slash, so the segment is 9 characters), then one query for
    the ids of those units. Organizations directly under ``unit`` are lines of their own.
    Built for the national run of issue 14 (40 000 organizations, 1.1 million teachers: < 5 s)."""
    depth = len(unit.path) + PATH_SEGMENT

    from nastavnik.monitoring.indicators.common import learner_q, not_learner_q
    from nastavnik.monitoring.indicators.cycle import all_completed_pairs
    from nastavnik.monitoring.periods import year_period

    # both figures in one grouped query: the mentees who are not learners, and those who are
    grouped = (
        all_completed_pairs(unit.path, year_period(year))
        .annotate(branch=Substr("organization__path", 1, depth))
        .values("branch", "organization_id")
        .annotate(
            n=Count("mentee_id", distinct=True, filter=not_learner_q("mentee")),
            learners=Count("mentee_id", distinct=True, filter=learner_q("mentee")),
        )
        .order_by()
        .values_list("branch", "n", "learners")
    )
    counts: dict[str, int] = {}
    learners: dict[str, int] = {}
    for branch, n, m in grouped:
        counts[branch] = counts.get(branch, 0) + n
        learners[branch] = learners.get(branch, 0) + m
    branches = sorted(counts)
    ids = dict(OrgUnit.objects.filter(path__in=branches).values_list("path", "pk")) if branches else {}
    lines = [RollupLine(ids.get(path, 0), path, counts[path], learners[path]) for path in branches]
    return FederalRollup(
        unit=unit,
        year=year,
        total=sum(counts.values()),
        lines=lines,
        learners_total=sum(learners.values()),
    )


# --- the roll-up of a municipality or a region ------------------------------------------------


@dataclass
class OrgFigure:
    """One organization's line: the ``live`` figure, its ``report`` (the confirmation, or
    ``None``) and what follows from them."""

    organization: OrgUnit
    live: int
    report: object | None = None
    #: The learners' live figure (issue 20); ``live`` is the pedagogical workers'.
    live_learners: int = 0

    @property
    def confirmed(self) -> int | None:
        return None if self.report is None else self.report.figure

    @property
    def confirmed_learners(self) -> int | None:
        return None if self.report is None else self.report.learners_figure

    @property
    def difference(self) -> int | None:
        """``live − confirmed`` of the pedagogical workers (``None`` when not confirmed)."""
        return None if self.report is None else self.live - self.report.figure

    @property
    def learners_difference(self) -> int | None:
        """``live − confirmed`` of the learners (``None`` when not confirmed)."""
        return None if self.report is None else self.live_learners - self.report.learners_figure

    @property
    def status(self) -> str:
        """``"missing"``, ``"differs"`` (confirmed, and either figure changed since) or
        ``"confirmed"``."""
        if self.report is None:
            return STATUS_MISSING
        return STATUS_DIFFERS if self.difference or self.learners_difference else STATUS_CONFIRMED

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def has_learners(self) -> bool:
        """Whether the organization has a learners' figure (live or confirmed)."""
        return bool(self.live_learners or self.confirmed_learners)

    @property
    def difference_text(self) -> str:
        """«подтверждено 12, по данным сейчас 14: +2» when a figure changed after it was
        confirmed, else ""; with learners, each figure named (:func:`split_difference_text`)."""
        return split_difference_text(self.confirmed, self.live, self.confirmed_learners, self.live_learners)


def split_difference_text(
    confirmed: int | None, live: int, confirmed_learners: int | None, live_learners: int
) -> str:
    """The difference of both figures (:func:`difference_text` of each): the teachers' alone
    when the learners have no figure, else each named — «педагогические работники: подтверждено
    12, по данным сейчас 14: +2; обучающиеся: подтверждено 3, по данным сейчас 5: +2»; "" when
    neither changed."""
    teachers = difference_text(confirmed, live)
    if not (live_learners or confirmed_learners):
        return teachers
    learners = difference_text(confirmed_learners, live_learners)
    parts = []
    if teachers:
        parts.append(f"педагогические работники: {teachers}")
    if learners:
        parts.append(f"обучающиеся: {learners}")
    return "; ".join(parts)


def difference_text(confirmed: int | None, live: int) -> str:
    """«подтверждено 12, по данным сейчас 14: +2» (or «−2»); "" when not confirmed or equal."""
    if confirmed is None or confirmed == live:
        return ""
    delta = live - confirmed
    sign = "+" if delta > 0 else "−"
    return f"подтверждено {confirmed}, по данным сейчас {live}: {sign}{abs(delta)}"


@dataclass
class MunicipalityTotal:
    """The sums of one municipality (or «организации регионального подчинения» when ``unit`` is
    ``None``): organizations, confirmed ones, the live and the confirmed figures."""

    unit: OrgUnit | None
    organizations: int = 0
    confirmed_count: int = 0
    differs_count: int = 0
    live: int = 0
    confirmed: int = 0
    #: The learners' figures (issue 20); ``live`` and ``confirmed`` are the pedagogical workers'.
    live_learners: int = 0
    confirmed_learners: int = 0

    @property
    def label(self) -> str:
        return str(self.unit) if self.unit is not None else "Организации регионального подчинения"


@dataclass
class FederalTable:
    """The page of a unit for a ``year``: the ``rows`` (after the filters), the ``totals`` by
    municipality and ``overall`` (over all the unit's organizations, before the filters), the
    counts by status and the ``countdown``."""

    unit: OrgUnit
    year: int
    rows: list[OrgFigure]
    totals: list[MunicipalityTotal]
    overall: MunicipalityTotal
    status_counts: dict[str, int]
    deadline: dt.date
    countdown: str


def organizations_of(user, unit: OrgUnit):
    """The organizations of ``unit``'s subtree whose figure ``user`` may view (the right
    ``federalstatisticsreport`` view), with their municipality selected."""
    return (
        OrgUnit.objects.granted(user, "federalstatisticsreport", "view")
        .filter(level=Level.ORGANIZATION, path__startswith=unit.path)
        .select_related("municipality")
    )


def federal_table(
    user,
    unit: OrgUnit,
    year: int,
    *,
    status: str = "",
    municipality_id: int | None = None,
    today: dt.date | None = None,
) -> FederalTable:
    """Every organization of ``unit`` the user may view for ``year``: the educational ones
    (``EDUCATIONAL_KINDS``) and any other with a live or confirmed figure, ordered by
    municipality and name. Filters: ``status`` (a key of ``STATUS_LABELS``), ``municipality_id``.
    Five queries whatever the number of organizations (organizations, the two live figures, reports,
    the confirming users with their persons)."""
    from nastavnik.monitoring.models import FederalStatisticsReport

    if unit.level == Level.FEDERAL:
        return _federal_level_table(user, unit, year, today=today)
    live = live_figures(unit.path, year)
    live_learners = live_learner_figures(unit.path, year)
    reports = {
        r.organization_id: r
        for r in FederalStatisticsReport.objects.filter(
            organization__path__startswith=unit.path, year=year
        ).select_related("confirmed_by__person")
    }
    organizations = organizations_of(user, unit).filter(
        Q(kind__in=EDUCATIONAL_KINDS)
        | Q(pk__in=list(live))
        | Q(pk__in=list(live_learners))
        | Q(pk__in=list(reports))
    )
    all_rows = [
        OrgFigure(org, live.get(org.pk, 0), reports.get(org.pk), live_learners.get(org.pk, 0))
        for org in sorted(
            organizations,
            key=lambda o: (o.municipality is None, str(o.municipality or ""), o.full_name),
        )
    ]
    by_municipality: dict[int | None, MunicipalityTotal] = {}
    overall = MunicipalityTotal(unit=unit)
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for row in all_rows:
        key = row.organization.municipality_id
        total = by_municipality.setdefault(key, MunicipalityTotal(unit=row.organization.municipality))
        for target in (total, overall):
            target.organizations += 1
            target.live += row.live
            target.live_learners += row.live_learners
            if row.report is not None:
                target.confirmed_count += 1
                target.confirmed += row.report.figure
                target.confirmed_learners += row.report.learners_figure
                target.differs_count += row.status == STATUS_DIFFERS
        counts[row.status] += 1
    rows = [
        row
        for row in all_rows
        if (not status or row.status == status)
        and (municipality_id is None or row.organization.municipality_id == municipality_id)
    ]
    totals = sorted(by_municipality.values(), key=lambda t: (t.unit is None, t.label))
    return FederalTable(
        unit=unit,
        year=year,
        rows=rows,
        totals=totals,
        overall=overall,
        status_counts=counts,
        deadline=deadline(year),
        countdown=countdown_text(year, today),
    )


def _federal_level_table(user, unit: OrgUnit, year: int, *, today: dt.date | None = None) -> FederalTable:
    """The federal unit's page: one :class:`MunicipalityTotal` per region (``totals``, the
    regions as rows; organizations directly under the root count in the overall only), the
    ``overall`` and the counts by status over every organization the user may view, and no
    organization rows (a region's page lists them: the country has forty thousand). Five
    queries (regions, organizations with their region's path, live figures, reports), read as
    tuples: no model object per organization."""
    from nastavnik.monitoring.models import FederalStatisticsReport

    depth = len(unit.path) + PATH_SEGMENT
    live = live_figures(unit.path, year)
    live_learners = live_learner_figures(unit.path, year)
    reports = {
        org: (figure, learners)
        for org, figure, learners in FederalStatisticsReport.objects.filter(
            organization__path__startswith=unit.path, year=year
        ).values_list("organization_id", "figure", "learners_figure")
    }
    regions = {r.path: r for r in OrgUnit.objects.filter(parent=unit).order_by("full_name")}
    totals = {path: MunicipalityTotal(unit=region) for path, region in regions.items()}
    overall = MunicipalityTotal(unit=unit)
    counts = dict.fromkeys(STATUS_LABELS, 0)
    organizations = (
        organizations_of(user, unit)
        .select_related(None)
        .annotate(branch=Substr("path", 1, depth))
        .values_list("pk", "kind", "branch")
    )
    educational = set(EDUCATIONAL_KINDS)
    for pk, kind, branch in organizations.iterator(chunk_size=10_000):
        figure, learners, confirmed = live.get(pk, 0), live_learners.get(pk, 0), reports.get(pk)
        if kind not in educational and not figure and not learners and confirmed is None:
            continue
        status = (
            STATUS_MISSING
            if confirmed is None
            else STATUS_DIFFERS
            if confirmed != (figure, learners)
            else STATUS_CONFIRMED
        )
        counts[status] += 1
        for target in (totals.get(branch), overall):
            if target is None:
                continue
            target.organizations += 1
            target.live += figure
            target.live_learners += learners
            if confirmed is not None:
                target.confirmed_count += 1
                target.confirmed += confirmed[0]
                target.confirmed_learners += confirmed[1]
                target.differs_count += status == STATUS_DIFFERS
    return FederalTable(
        unit=unit,
        year=year,
        rows=[],
        totals=list(totals.values()),
        overall=overall,
        status_counts=counts,
        deadline=deadline(year),
        countdown=countdown_text(year, today),
    )


def organization_figure(organization: OrgUnit, year: int) -> OrgFigure:
    """The line of one organization for ``year`` (three queries)."""
    from nastavnik.monitoring.models import FederalStatisticsReport

    report = (
        FederalStatisticsReport.objects.filter(organization=organization, year=year)
        .select_related("confirmed_by__person")
        .first()
    )
    return OrgFigure(
        organization, live_figure(organization, year), report, live_learner_figure(organization, year)
    )


# --- the curator's home page ------------------------------------------------------------------


def home_federal(request, today: dt.date | None = None) -> dict:
    """The home block (``core.home.register_home_block``): in December and January, the work
    list «Федеральное статистическое наблюдение». For each organization where the user is the
    curator: «Сведения за 2026 год: подтвердите до 20 января 2027 г., осталось 49 дней» with a
    link to the confirmation, or that the figure is confirmed (and the difference when the data
    changed since). For each municipality of a coordinator and region of an operator: how many
    organizations have confirmed, with the countdown and a link to the roll-up. Appends to
    ``request.work_lists``; sets nothing. ``today`` may be passed (the tests freeze the date so)."""
    today = today or timezone.localdate()
    if request.scope is None or not in_campaign(today):
        return {}
    year = reporting_year(today)
    items = _curator_items(request, year, today) + _watcher_items(request, year, today)
    if items:
        request.work_lists.append(
            WorkList(
                title="Федеральное статистическое наблюдение: участники, прошедшие полный цикл",
                items=items,
                empty="",
            )
        )
    return {}


def _watcher_items(request, year: int, today: dt.date) -> list[WorkItem]:
    """The lines of the coordinator's and the operator's units (:func:`home_federal`)."""
    grants = [
        g
        for g in request.scope.grants
        if g.role in (Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_OPERATOR)
        and g.unit_level in (Level.MUNICIPALITY, Level.REGION)
    ]
    items = []
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=[g.unit_id for g in grants])}
    for grant in grants:
        unit = units.get(grant.unit_id)
        if unit is None:
            continue
        table = federal_table(request.user, unit, year, today=today)
        total = table.overall
        text = (
            f"Сведения за {year} год ({unit}): подтвердили {total.confirmed_count} из "
            f"{total.organizations} {plural(total.organizations, 'организации', 'организаций', 'организаций')}"
        )
        note = table.countdown
        if total.differs_count:
            note += f"; расходятся с данными после подтверждения — {total.differs_count}"
        items.append(
            WorkItem(text=text, url=f"{reverse('monitoring:federal')}?unit={unit.pk}&year={year}", note=note)
        )
    return items


def _curator_items(request, year: int, today: dt.date) -> list[WorkItem]:
    """The lines of the curator's organizations (:func:`home_federal`)."""
    from nastavnik.monitoring.models import FederalStatisticsReport

    unit_ids = sorted({g.unit_id for g in request.scope.grants if g.role == Role.CURATOR})
    if not unit_ids:
        return []
    organizations = list(
        OrgUnit.objects.filter(pk__in=unit_ids, level=Level.ORGANIZATION).order_by("full_name")
    )
    reports = {
        r.organization_id: r
        for r in FederalStatisticsReport.objects.filter(organization__in=organizations, year=year)
    }
    items = []
    for org in organizations:
        live = live_figure(org, year)
        learners = live_learner_figure(org, year)
        report = reports.get(org.pk)
        of_learners = (
            f" и {learners} {plural(learners, 'обучающийся', 'обучающихся', 'обучающихся')}"
            if learners
            else ""
        )
        url = f"{reverse('monitoring:federal_confirm', args=[org.pk])}?year={year}"
        prefix = f"Сведения за {year} год" + (f" ({org})" if len(organizations) > 1 else "")
        if report is None:
            left = days_left(year, today)
            if left >= 0:
                text = (
                    f"{prefix}: подтвердите до {long_date(deadline(year))}, "
                    f"{plural(left, 'остался', 'осталось', 'осталось')} {left} {plural(left, 'день', 'дня', 'дней')}"
                )
            else:
                text = f"{prefix} не подтверждены: срок истёк {long_date(deadline(year))}"
            note = (
                f"по данным сейчас {live} {plural(live, 'участник', 'участника', 'участников')}{of_learners}"
            )
        elif report.figure != live or report.learners_figure != learners:
            text = f"{prefix}: данные изменились после подтверждения — подтвердите заново"
            note = split_difference_text(report.figure, live, report.learners_figure, learners)
        else:
            text = f"{prefix} подтверждены: {live} {plural(live, 'участник', 'участника', 'участников')}{of_learners}, прошедших полный цикл"
            note = f"подтверждено {timezone.localtime(report.confirmed_at):%d.%m.%Y}"
        items.append(WorkItem(text=text, url=url, note=note))
    return items
