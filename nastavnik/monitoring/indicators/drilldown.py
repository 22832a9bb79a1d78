"""The rows behind an indicator's figure (issue 14: «lets the user drill down to the rows
behind the number, within their scope»), for its page.

Each indicator's drill-down is a queryset over the same rows its ``compute`` counts (built by
the same functions of its module) and a ``render`` that turns one page of them into cells,
loading the names of that page in bulk: the page costs the same number of queries whatever
the size of the unit. People are named only if the user may see them (152-ФЗ art. 9,
``people.consent``): the curator and the head of their organization see everyone, others only
those with a valid consent; the rest are counted as «педагог без согласия на обработку
персональных данных», listed after the named ones of their organization (so that their place
among the names tells nothing). Answers are given as counts per organization, never one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum
from django.urls import reverse

from nastavnik.access.scope import get_scope
from nastavnik.mentoring.models import Pair
from nastavnik.monitoring.choices import Audience, Measure, Phase
from nastavnik.monitoring.indicators import (
    answers,
    cycle,
    development,
    execution,
    implementing,
    load,
    participation,
)
from nastavnik.monitoring.indicators.common import employed_q, pair_active_q
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.consent import consent_exists
from nastavnik.people.models import Employment, Person
from nastavnik.roadmaps.selectors import progress_for

#: Shown instead of the name of a person the user may not see (152-ФЗ art. 9).
HIDDEN_NAME = "педагог без согласия на обработку персональных данных"
YES, NO = "да", "нет"


@dataclass(frozen=True)
class Cell:
    """One cell: its ``text``, a link ``url`` (empty: none), ``muted`` for a hidden name and
    ``good`` (``True``/``False``/``None``) for a condition met or not."""

    text: str
    url: str = ""
    muted: bool = False
    good: bool | None = None


@dataclass
class Drilldown:
    """The drill-down of an indicator for a unit and a period: a ``title``, the ``columns``,
    the ``rows`` (a queryset, paginated by the page) and ``render(page rows, context) ->
    [[Cell]]``; ``note`` explains what the rows are; ``counted``: a queryset with as many rows
    as ``rows`` but cheaper to count (without the per-row look-ups), ``None`` to count ``rows``."""

    title: str
    columns: list[str]
    rows: object
    render: Callable[[list, RenderContext], list[list[Cell]]]
    note: str = ""
    counted: object = None


@dataclass
class RenderContext:
    """What ``render`` needs: the user (for the consent rule) and ``unit_url(org id)``, the link
    to the same indicator for an organization."""

    user: object
    unit_url: Callable[[int], str]
    _paths: tuple[list[str], list[str]] | None = field(default=None, repr=False)

    def exempt_paths(self) -> list[str] | None:
        """Paths under which the user sees people without a consent; ``None``: everywhere."""
        if getattr(self.user, "is_superuser", False):
            return None
        return self._consent_paths()[0]

    def bound_paths(self) -> list[str] | None:
        """Paths under which the user sees the people who consented only (``person`` view
        through a role bound by the consent); ``None``: everywhere. Outside both these and
        :meth:`exempt_paths` (the national operator, who reads no one's personal data) no name
        is shown at all."""
        if getattr(self.user, "is_superuser", False):
            return None
        return self._consent_paths()[1]

    def _consent_paths(self) -> tuple[list[str], list[str]]:
        if self._paths is None:
            self._paths = get_scope(self.user).consent_paths("person", "view")
        return self._paths


def _check(flag: bool) -> Cell:
    return Cell(YES if flag else NO, good=bool(flag))


def _org_names(ids) -> dict[int, OrgUnit]:
    return OrgUnit.objects.only("pk", "full_name", "short_name", "path").in_bulk(set(ids))


def _org_cell(orgs: dict, org_id: int, ctx: RenderContext) -> Cell:
    org = orgs.get(org_id)
    return Cell(org.full_name if org else "—", ctx.unit_url(org_id) if org else "")


def _people_cells(rows: list[dict], person_key: str, ctx: RenderContext) -> tuple[dict, dict, Callable]:
    """Bulk-load the people and organizations of ``rows``; returns ``(people, orgs, name_cell)``
    where ``name_cell(row)`` is the person's name or :data:`HIDDEN_NAME` per the consent rule:
    named where the user sees everyone (the curator, the head), or where they see the consented
    people and the person consented; never where they may not view people at all (the national
    operator, 152-ФЗ)."""
    people = Person.objects.only("pk", "last_name", "first_name", "middle_name").in_bulk(
        {row[person_key] for row in rows}
    )
    orgs = _org_names(row["organization_id"] for row in rows)
    exempt, bound = ctx.exempt_paths(), ctx.bound_paths()

    def under(org, paths) -> bool:
        return org is not None and any(org.path.startswith(p) for p in paths)

    def name_cell(row: dict) -> Cell:
        org = orgs.get(row["organization_id"])
        may = exempt is None or under(org, exempt) or (row["consented"] and under(org, bound))
        person = people.get(row[person_key])
        if not may or person is None:
            return Cell(HIDDEN_NAME, muted=True)
        return Cell(person.full_name)

    return people, orgs, name_cell


# --- organizations implementing the model ----------------------------------------------------


def _implementing(user, unit, period) -> Drilldown:
    rows = implementing.organizations_with_conditions(unit.path, period).only("pk", "full_name", "path")

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        return [
            [Cell(org.full_name, ctx.unit_url(org.pk))]
            + [_check(getattr(org, c.key)) for c in implementing.CONDITIONS]
            + [_check(implementing.is_implementing(org))]
            for org in page
        ]

    return Drilldown(
        title="Организации и условия реализации целевой модели",
        columns=["Организация", *(c.short for c in implementing.CONDITIONS), "Реализует целевую модель"],
        rows=rows,
        render=render,
    )


# --- teachers --------------------------------------------------------------------------------


def _first_in_organization(model, in_force: Q, who: str) -> Exists:
    """A condition (``~Exists``) over ``model``: the row is the first (lowest id) of those of its
    person ``who`` (``"person_id"``, ``"mentee_id"``) in its organization that satisfy
    ``in_force`` — one row per person and organization without a ``DISTINCT``, which makes
    PostgreSQL sort every row of the subtree before it can return a page (issue 16: 1.1 s for a
    region of 60,000 teachers). An index probe by the person per row."""
    earlier = model.objects.filter(
        in_force,
        **{who: OuterRef(who)},
        organization_id=OuterRef("organization_id"),
        pk__lt=OuterRef("pk"),
    )
    return ~Exists(earlier)


def first_employment_q(period) -> Exists:
    """Over ``Employment``: the first of a person's employments in an organization in force in
    ``period`` (:func:`_first_in_organization`)."""
    return _first_in_organization(Employment, employed_q(period), "person_id")


def first_pair_q(period) -> Exists:
    """Over ``Pair``: the first of a mentee's pairs in an organization active in ``period``
    (:func:`_first_in_organization`)."""
    return _first_in_organization(Pair, pair_active_q(period), "mentee_id")


def _staff(role: str, *, young: bool, column: str, title: str):
    def drill(user, unit, period) -> Drilldown:
        rows = participation.staff(unit.path, period).filter(first_employment_q(period))
        if young:
            rows = rows.filter(participation.young_q(period))
        counted = rows
        # By organization first: PostgreSQL reads the organizations in the order of their paths
        # (an index) and sorts the staff of one at a time, so a page costs the same in a region
        # of 60,000 teachers as in a school (issue 16).
        rows = (
            rows.values("person_id", "organization_id")
            .annotate(
                involved=participation.involved_exists(period, role),
                consented=consent_exists("person_id"),
            )
            .order_by(
                "organization__path", "-involved", "person__last_name", "person__first_name", "person_id"
            )
        )

        def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
            _, orgs, name_cell = _people_cells(page, "person_id", ctx)
            return [
                [name_cell(r), _org_cell(orgs, r["organization_id"], ctx), _check(r["involved"])]
                for r in page
            ]

        return Drilldown(
            title=title,
            columns=["Педагогический работник", "Организация", column],
            rows=rows,
            render=render,
            note=(
                "В каждой организации сначала учтённые в числителе; работник нескольких организаций "
                "указан в каждой."
            ),
            counted=counted,
        )

    return drill


# --- mentees: the full cycle and retention ---------------------------------------------------


def _full_cycle(user, unit, period) -> Drilldown:
    rows = (
        cycle.completed_pairs(unit.path, period)
        .values("mentee_id", "organization_id")
        .annotate(on=Max("ended_on"), consented=consent_exists("mentee_id"))
        .order_by("organization__path", "-on", "mentee_id")
    )

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        _, orgs, name_cell = _people_cells(page, "mentee_id", ctx)
        return [
            [name_cell(r), _org_cell(orgs, r["organization_id"], ctx), Cell(r["on"].strftime("%d.%m.%Y"))]
            for r in page
        ]

    return Drilldown(
        title="Наставляемые, прошедшие полный цикл",
        columns=["Наставляемый", "Организация", "Дата завершения программы"],
        rows=rows,
        render=render,
    )


def _retention(user, unit, period) -> Drilldown:
    day = participation.retention_check_date(period)
    counted = participation.cohort(unit.path, period).filter(first_pair_q(period))
    rows = (
        counted.values("mentee_id", "organization_id")
        .annotate(
            kept=participation.employed_on_exists(day),
            consented=consent_exists("mentee_id"),
        )
        .order_by(
            "organization__path", "kept", "-consented", "mentee__last_name", "mentee__first_name", "mentee_id"
        )
    )

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        _, orgs, name_cell = _people_cells(page, "mentee_id", ctx)
        return [[name_cell(r), _org_cell(orgs, r["organization_id"], ctx), _check(r["kept"])] for r in page]

    return Drilldown(
        title="Наставляемые периода",
        columns=["Наставляемый", "Организация пары", f"Работает на {day:%d.%m.%Y}"],
        rows=rows,
        render=render,
        note="В каждой организации сначала те, кто уже не работает в организациях системы.",
        counted=counted,
    )


# --- mentors -----------------------------------------------------------------------------------


def _mentor_load(user, unit, period) -> Drilldown:
    rows = (
        participation.cohort(unit.path, period)
        .values("mentor_id", "organization_id")
        .annotate(n=Count("mentee_id", distinct=True), consented=consent_exists("mentor_id"))
        .order_by("-n", "organization__path", "mentor_id")
    )

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        _, orgs, name_cell = _people_cells(page, "mentor_id", ctx)
        return [[name_cell(r), _org_cell(orgs, r["organization_id"], ctx), Cell(str(r["n"]))] for r in page]

    return Drilldown(
        title="Наставники и их наставляемые в периоде",
        columns=["Наставник", "Организация", "Наставляемых в периоде"],
        rows=rows,
        render=render,
    )


def _over_capacity(user, unit, period) -> Drilldown:
    rows = (
        load.over_capacity(unit.path, period)
        .annotate(consented=consent_exists("person_id"))
        .values("person_id", "organization_id", "active_mentees", "capacity_in_force", "consented")
        .order_by("organization__path", "-consented", "person__last_name", "person_id")
    )

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        _, orgs, name_cell = _people_cells(page, "person_id", ctx)
        return [
            [
                name_cell(r),
                _org_cell(orgs, r["organization_id"], ctx),
                Cell(str(r["active_mentees"])),
                Cell(str(r["capacity_in_force"])),
            ]
            for r in page
        ]

    return Drilldown(
        title="Наставники сверх допустимой нагрузки",
        columns=["Наставник", "Организация", "Действующих пар", "Наибольшее число наставляемых"],
        rows=rows,
        render=render,
        note=f"Нагрузка на {load.load_day(period):%d.%m.%Y}.",
    )


# --- answers (counts only) -----------------------------------------------------------------------


def _satisfaction(audience: str):
    def drill(user, unit, period) -> Drilldown:
        rows = (
            answers.scale_items(unit.path, period, Measure.SATISFACTION)
            .filter(answer__audience=audience)
            .values("answer__organization_id")
            .annotate(answers=Count("answer_id", distinct=True), scores=Count("pk"))
            .order_by("answer__organization__path")
        )

        def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
            orgs = _org_names(r["answer__organization_id"] for r in page)
            return [
                [
                    _org_cell(orgs, r["answer__organization_id"], ctx),
                    Cell(str(r["answers"])),
                    Cell(str(r["scores"])),
                ]
                for r in page
            ]

        return Drilldown(
            title="Ответы по организациям",
            columns=["Организация", "Анкет с оценками удовлетворённости", "Оценок"],
            rows=rows,
            render=render,
            note="Показано только число ответов: отдельные ответы, в том числе анонимные, не раскрываются.",
        )

    return drill


def _difficulty(user, unit, period) -> Drilldown:
    rows = (
        answers.scale_items(unit.path, period, Measure.DIFFICULTY)
        .filter(answer__phase__in=(Phase.BEFORE, Phase.AFTER))
        .values("answer__organization_id")
        .annotate(
            before=Count("answer_id", distinct=True, filter=_phase(Phase.BEFORE)),
            after=Count("answer_id", distinct=True, filter=_phase(Phase.AFTER)),
        )
        .order_by("answer__organization__path")
    )

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        orgs = _org_names(r["answer__organization_id"] for r in page)
        return [
            [
                _org_cell(orgs, r["answer__organization_id"], ctx),
                Cell(str(r["before"])),
                Cell(str(r["after"])),
            ]
            for r in page
        ]

    return Drilldown(
        title="Анкеты по организациям",
        columns=["Организация", "Анкет до входа в программу", "Анкет по итогам программы"],
        rows=rows,
        render=render,
        note="Показано только число ответов: отдельные ответы, в том числе анонимные, не раскрываются.",
    )


def _phase(phase: str) -> Q:
    return Q(answer__phase=phase)


# --- roadmaps ----------------------------------------------------------------------------------


def _roadmaps(user, unit, period) -> Drilldown:
    rows = (
        execution.roadmaps_of_period(unit.path, period)
        .values("pk", "title", "owner_id", "starts_on", "ends_on")
        .order_by("owner__path", "-starts_on", "pk")
    )

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        progress = progress_for([r["pk"] for r in page]) if page else {}
        owners = _org_names(r["owner_id"] for r in page)
        result = []
        for r in page:
            p = progress.get(r["pk"])
            owner = owners.get(r["owner_id"])
            result.append(
                [
                    Cell(r["title"], reverse("roadmaps:detail", args=[r["pk"]])),
                    Cell(owner.full_name if owner else "—"),
                    Cell(f"{r['starts_on']:%d.%m.%Y} – {r['ends_on']:%d.%m.%Y}"),
                    Cell(str(p.done if p else 0)),
                    Cell(str(p.active if p else 0)),
                    Cell("—" if p is None or p.share is None else f"{p.share} %"),
                ]
            )
        return result

    return Drilldown(
        title="Утверждённые дорожные карты периода",
        columns=[
            "Дорожная карта",
            "Владелец",
            "Период",
            "Выполнено",
            "Мероприятий (кроме отменённых)",
            "Исполнение",
        ],
        rows=rows,
        render=render,
    )


# --- professional development ------------------------------------------------------------------


def _teachers_with_route(user, unit, period) -> Drilldown:
    day = development.census_day(period)
    first = _first_in_organization(Employment, employed_q(SimpleNamespace(start=day, end=day)), "person_id")
    counted = development.teachers(unit.path, period).filter(first)
    rows = (
        counted.values("person_id", "organization_id")
        .annotate(has_route=development.route_exists(period), consented=consent_exists("person_id"))
        .order_by("organization__path", "-has_route", "person__last_name", "person__first_name", "person_id")
    )

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        _, orgs, name_cell = _people_cells(page, "person_id", ctx)
        return [
            [name_cell(r), _org_cell(orgs, r["organization_id"], ctx), _check(r["has_route"])] for r in page
        ]

    return Drilldown(
        title=f"Педагогические работники на {day:%d.%m.%Y}",
        columns=["Педагогический работник", "Организация", "Индивидуальный образовательный маршрут"],
        rows=rows,
        render=render,
        note="В каждой организации сначала работники с маршрутом; работник нескольких организаций указан в каждой.",
        counted=counted,
    )


def _routes_repeated_diagnosis(user, unit, period) -> Drilldown:
    rows = (
        development.routes_with_diagnoses(unit.path, period)
        .annotate(consented=consent_exists("person_id"))
        .values("pk", "person_id", "organization_id", "starts_on", "diagnoses_made", "consented")
        .order_by("organization__path", "-diagnoses_made", "-consented", "person__last_name", "pk")
    )

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        _, orgs, name_cell = _people_cells(page, "person_id", ctx)
        return [
            [
                name_cell(r),
                _org_cell(orgs, r["organization_id"], ctx),
                Cell(r["starts_on"].strftime("%d.%m.%Y")),
                Cell(str(r["diagnoses_made"])),
                _check(r["diagnoses_made"] >= 2),
            ]
            for r in page
        ]

    return Drilldown(
        title="Индивидуальные образовательные маршруты периода",
        columns=[
            "Педагог",
            "Организация",
            "Начало маршрута",
            "Диагностик с начала маршрута",
            "Повторная диагностика",
        ],
        rows=rows,
        render=render,
        counted=development.routes_of_period(unit.path, period),
    )


def _deficit_change(user, unit, period) -> Drilldown:
    latest = development.latest_diagnoses(unit.path, period)
    rows = (
        latest.annotate(n_latest=development.deficits_of("pk"), n_first=development.deficits_of("first_id"))
        .values("organization_id")
        .annotate(teachers=Count("pk"), first=Sum("n_first"), latest=Sum("n_latest"))
        .order_by("organization__path")
    )

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        orgs = _org_names(r["organization_id"] for r in page)

        def shown(r, key: str) -> Cell:
            return Cell(str(r[key] or 0) if r["teachers"] >= development.MIN_TEACHERS else "—")

        return [
            [
                _org_cell(orgs, r["organization_id"], ctx),
                Cell(str(r["teachers"])),
                shown(r, "first"),
                shown(r, "latest"),
            ]
            for r in page
        ]

    return Drilldown(
        title="Педагоги с повторной диагностикой по организациям",
        columns=[
            "Организация",
            "Педагогов с повторной диагностикой",
            "Затруднений по первой диагностике",
            "Затруднений по последней диагностике",
        ],
        rows=rows,
        render=render,
        note=(
            "Показано только число педагогов и затруднений по организации; число затруднений — если таких "
            "педагогов в организации не меньше 5."
        ),
    )


def _trained_mentors(user, unit, period) -> Drilldown:
    cards = (
        development.mentor_cards(unit.path)
        .annotate(
            mentor=F("person_id"),
            place=F("organization_id"),
            trained=development.trained_exists(period),
            consented=consent_exists("person_id"),
        )
        .values("mentor", "place", "trained", "consented")
        .order_by()
    )
    roles = (
        development.mentor_roles(unit.path)
        .annotate(
            mentor=F("user__person__id"),
            place=F("org_unit_id"),
            trained=development.trained_exists(period, "user__person__id"),
            consented=consent_exists("user__person__id"),
        )
        .values("mentor", "place", "trained", "consented")
        .order_by()
    )
    rows = cards.union(roles).order_by("place", "-trained", "-consented", "mentor")

    def render(page: list, ctx: RenderContext) -> list[list[Cell]]:
        page = [{**r, "person_id": r["mentor"], "organization_id": r["place"]} for r in page]
        _, orgs, name_cell = _people_cells(page, "person_id", ctx)
        return [
            [name_cell(r), _org_cell(orgs, r["organization_id"], ctx), _check(r["trained"])] for r in page
        ]

    return Drilldown(
        title="Наставники организаций",
        columns=["Наставник", "Организация", f"Прошёл обучение к {period.end:%d.%m.%Y}"],
        rows=rows,
        render=render,
        note="Наставники — по карточкам банка наставников и по ролям; в каждой организации сначала прошедшие обучение.",
    )


#: indicator code → ``drill(user, unit, period) -> Drilldown``.
DRILLDOWNS: dict[str, Callable] = {
    "implementing_organizations": _implementing,
    "teachers_as_mentors": _staff(
        "mentor", young=False, column="Наставник в периоде", title="Педагогические работники"
    ),
    "teachers_as_mentees": _staff(
        "mentee", young=False, column="Наставляемый в периоде", title="Педагогические работники"
    ),
    "young_teachers_covered": _staff(
        "mentee", young=True, column="Наставляемый в периоде", title="Молодые педагоги"
    ),
    "full_cycle": _full_cycle,
    "retention": _retention,
    "mentor_load": _mentor_load,
    "mentors_over_capacity": _over_capacity,
    "satisfaction_mentees": _satisfaction(Audience.MENTEE),
    "satisfaction_mentors": _satisfaction(Audience.MENTOR),
    "difficulty_change": _difficulty,
    "roadmap_execution": _roadmaps,
    "teachers_with_route": _teachers_with_route,
    "routes_repeated_diagnosis": _routes_repeated_diagnosis,
    "deficit_change": _deficit_change,
    "trained_mentors": _trained_mentors,
    "trained_mentors_share": _trained_mentors,
}


def drilldown_for(indicator, user, unit, period) -> Drilldown | None:
    """The drill-down of ``indicator`` over ``unit`` (which the caller has checked the user may
    see) for ``period``, or ``None`` when it has none. Builds querysets only: nothing is read
    until the page slices ``rows`` and calls ``render``."""
    drill = DRILLDOWNS.get(indicator.code)
    return None if drill is None else drill(user, unit, period)
