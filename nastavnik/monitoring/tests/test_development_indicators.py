"""The indicators of the professional development of teachers (issue 18, Build 6) as their users
meet them: the share of teachers with an individual educational route, the share of routes with a
repeated diagnosis, the change of the deficits between the first and the latest diagnosis (and
its chart by area), the trained mentors — each computed right on a small world at the level of
the organization, the municipality and the region, equal to an independent recompute in Python
(:data:`RECOMPUTE_DEVELOPMENT`), stored by the nightly roll-up, shown on the dashboards of the
regional operator, the municipal coordinator and the curator with a constant number of queries,
and naming people in the drill-downs only under the consent rule.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections import defaultdict

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MentorProfile
from nastavnik.development.choices import (
    DeficitSource,
    DiagnosisKind,
    EnrollmentStatus,
    RouteStatus,
)
from nastavnik.development.models import Course, Deficit, Diagnosis, Enrollment, IndividualRoute
from nastavnik.monitoring import dashboard
from nastavnik.monitoring.indicators import get_indicator, rollup
from nastavnik.monitoring.indicators.base import add_parts
from nastavnik.monitoring.indicators.development import MIN_TEACHERS, SECTION, deficits_by_area
from nastavnik.monitoring.indicators.drilldown import HIDDEN_NAME
from nastavnik.monitoring.periods import year_period
from nastavnik.monitoring.rollups import breakdown, rollups_refresh
from nastavnik.organizations.choices import Level
from nastavnik.people.models import Employment, Learner
from nastavnik.reference.models import CompetenceArea
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

D = dt.date
YEAR = year_period(2025)
NEXT = year_period(2026)
CODES = (
    "teachers_with_route",
    "routes_repeated_diagnosis",
    "deficit_change",
    "trained_mentors",
    "trained_mentors_share",
)
#: The teacher of school A without a consent to personal-data processing.
UNCONSENTED = "Несогласова"


# --- the world ------------------------------------------------------------------------------------


LONG_AGO = D(2015, 9, 1)


def _teacher(org, *, start=LONG_AGO, end=None, **fields):
    person = f.PersonFactory(**fields)
    f.EmploymentFactory(person=person, organization=org, started_on=start, ended_on=end)
    return person


def _route(person, org, *, status, starts_on, completed_on=None, ends_on=None):
    return IndividualRoute.objects.create(
        person=person,
        organization=org,
        title="Совершенствование методической компетентности",
        status=status,
        starts_on=starts_on,
        ends_on=ends_on or starts_on.replace(year=starts_on.year + 4),
        completed_on=completed_on,
    )


def _diagnosis(person, org, on, deficits=(), *, route=None):
    """A self-diagnosis of ``person`` on ``on`` with ``deficits``: ``[(area index, level)]``."""
    areas = list(CompetenceArea.objects.order_by("sort_order", "pk"))
    diagnosis = Diagnosis.objects.create(
        person=person,
        organization=org,
        route=route,
        kind=DiagnosisKind.SELF,
        source=DeficitSource.SELF_DIAGNOSIS,
        conducted_on=on,
    )
    for index, level in deficits:
        Deficit.objects.create(
            person=person,
            organization=org,
            diagnosis=diagnosis,
            area=areas[index],
            level=level,
            source=DeficitSource.SELF_DIAGNOSIS,
            diagnosed_on=on,
        )
    return diagnosis


def _courses(region):
    mentoring = Course.objects.create(
        owner=region,
        title="Методологические аспекты наставничества и менторства в педагогической практике",
        hours=72,
        provider="АУ «Институт развития образования»",
        format="mixed",
        is_mentoring_training=True,
    )
    other = Course.objects.create(
        owner=region,
        title="Цифровая образовательная среда",
        hours=36,
        provider="АУ «Институт развития образования»",
        format="distance",
    )
    return mentoring, other


def _enrol(person, org, course, *, status=EnrollmentStatus.COMPLETED, completed_on=None):
    return Enrollment.objects.create(
        course=course,
        person=person,
        organization=org,
        status=status,
        applied_on=D(2024, 12, 1),
        completed_on=completed_on,
    )


def build_development_world(world):
    """The rows of the indicators in schools A and B around 2025 (see the expectations in
    :func:`test_the_figures_of_2025_at_each_level`). Returns ``{name: person}``."""
    a, b = world.school_a, world.school_b
    people = {
        "teacher_a": world.teacher_a,
        "mentor_a": world.mentor_a,
        "mentee_a": world.mentee_a,
        "teacher_b": world.teacher_b,
        # employed in A in 2025, without a consent to personal-data processing
        "old": _teacher(a, last_name=UNCONSENTED, consent=False),
        # left A before the end of 2025
        "leaver": _teacher(a, end=D(2025, 6, 30), last_name="Ушедшева"),
        # came to A in 2026
        "newcomer": _teacher(a, start=D(2026, 1, 10), last_name="Новикова"),
    }
    for i in range(1, 5):
        people[f"b{i}"] = _teacher(b, last_name=f"Бэшкина{i}")

    # routes: counted in 2025 — teacher A's (active since September), mentee A's (completed in
    # March), the leaver's (active); not counted — the mentor's (cancelled), the old teacher's
    # (completed in 2024), teacher B's (a draft beginning in 2026)
    route_a = _route(people["teacher_a"], a, status=RouteStatus.ACTIVE, starts_on=D(2025, 9, 1))
    _route(
        people["mentee_a"],
        a,
        status=RouteStatus.COMPLETED,
        starts_on=D(2021, 9, 1),
        completed_on=D(2025, 3, 1),
    )
    _route(people["leaver"], a, status=RouteStatus.ACTIVE, starts_on=D(2025, 1, 1))
    _route(people["mentor_a"], a, status=RouteStatus.CANCELLED, starts_on=D(2024, 9, 1))
    _route(
        people["old"], a, status=RouteStatus.COMPLETED, starts_on=D(2020, 9, 1), completed_on=D(2024, 6, 1)
    )
    _route(people["teacher_b"], b, status=RouteStatus.DRAFT, starts_on=D(2026, 1, 15))

    # diagnoses: teacher A twice in 2025 (the first bound to the route, days before its start;
    # 3 deficits, then 1) and once in 2026; mentee A in 2020 and 2022; the leaver in 2025 and
    # 2026; the four teachers of B twice in 2025 (2 deficits, then 1)
    _diagnosis(people["teacher_a"], a, D(2025, 8, 20), [(0, 3), (1, 2), (2, 2)], route=route_a)
    _diagnosis(people["teacher_a"], a, D(2025, 11, 10), [(0, 1)])
    _diagnosis(people["teacher_a"], a, D(2026, 2, 1), [])
    _diagnosis(people["mentee_a"], a, D(2020, 5, 1), [(0, 2)])
    _diagnosis(people["mentee_a"], a, D(2022, 5, 1), [(0, 1)])
    _diagnosis(people["leaver"], a, D(2025, 2, 1), [(3, 2)])
    _diagnosis(people["leaver"], a, D(2026, 3, 1), [])
    for i in range(1, 5):
        _diagnosis(people[f"b{i}"], b, D(2025, 2, 1), [(0, 2), (1, 2)])
        _diagnosis(people[f"b{i}"], b, D(2025, 10, 1), [(0, 1)])

    # mentors: in A the mentor (a card and the role: once), teacher A (a card), the old teacher
    # (a card, left); in B three cards; trained by the end of 2025 — the mentor only (b1 in
    # 2026, b2 in another course, b3 not yet completed)
    mentoring, other = _courses(world.region)
    for name, org, status in (
        ("mentor_a", a, MentorStatus.ACTIVE),
        ("teacher_a", a, MentorStatus.ACTIVE),
        ("old", a, MentorStatus.LEFT),
        ("b1", b, MentorStatus.ACTIVE),
        ("b2", b, MentorStatus.TRAINED),
        ("b3", b, MentorStatus.CANDIDATE),
    ):
        MentorProfile.objects.create(person=people[name], organization=org, status=status)
    _enrol(people["mentor_a"], a, mentoring, completed_on=D(2025, 5, 20))
    _enrol(people["old"], a, mentoring, completed_on=D(2023, 5, 20))
    _enrol(people["b1"], b, mentoring, completed_on=D(2026, 1, 20))
    _enrol(people["b2"], b, other, completed_on=D(2025, 4, 1))
    _enrol(people["b3"], b, mentoring, status=EnrollmentStatus.ENROLLED)
    # a mentor by role only, in B, with an account: trained in 2025
    b4_user = f.UserFactory(username="mentor_b4")
    people["b4"].user = b4_user
    people["b4"].save(update_fields=["user"])
    RoleAssignment.objects.create(user=b4_user, org_unit=b, role=Role.MENTOR)
    _enrol(people["b4"], b, mentoring, completed_on=D(2025, 6, 1))
    return people


# --- the independent recompute -------------------------------------------------------------------


def _under(path: str, root: str) -> bool:
    return path.startswith(root)


def _census(period) -> dt.date:
    return min(period.end, timezone.localdate())


def _counted(status, starts_on, completed_on, period) -> bool:
    if starts_on > period.end:
        return False
    if status in (RouteStatus.DRAFT, RouteStatus.ACTIVE):
        return True
    return status == RouteStatus.COMPLETED and completed_on is not None and completed_on >= period.start


def _routes(period):
    return [
        (pk, person, org, path, starts_on)
        for pk, person, org, path, status, starts_on, completed_on in IndividualRoute.objects.values_list(
            "pk", "person_id", "organization_id", "organization__path", "status", "starts_on", "completed_on"
        )
        if _counted(status, starts_on, completed_on, period)
    ]


def _teachers_with_route(root, period):
    day = _census(period)
    with_route = {person for _pk, person, _org, _path, _start in _routes(period)}
    staff = defaultdict(set)
    for person, org, path, level, start, end in Employment.objects.values_list(
        "person_id", "organization_id", "organization__path", "organization__level", "started_on", "ended_on"
    ):
        if _under(path, root) and level == Level.ORGANIZATION and (start is None or start <= day):
            if end is None or end >= day:
                staff[org].add(person)
    return {org: (len(people & with_route), len(people)) for org, people in staff.items()}


def _repeated_diagnosis(root, period):
    diagnoses = list(Diagnosis.objects.values_list("person_id", "route_id", "conducted_on"))
    result = defaultdict(lambda: [0, 0])
    for pk, person, org, path, starts_on in _routes(period):
        if not _under(path, root):
            continue
        n = sum(
            1
            for who, route, on in diagnoses
            if who == person and on <= period.end and (on >= starts_on or route == pk)
        )
        result[org][0] += n >= 2
        result[org][1] += 1
    return {org: tuple(parts) for org, parts in result.items()}


def _first_and_latest(period):
    """``{person: (first diagnosis, latest diagnosis)}`` of the people with at least two
    diagnoses by the period's end whose latest is in the period; a diagnosis is ``(id, org,
    path)``."""
    by_person = defaultdict(list)
    for pk, person, org, path, on in Diagnosis.objects.values_list(
        "pk", "person_id", "organization_id", "organization__path", "conducted_on"
    ):
        if on <= period.end:
            by_person[person].append((on, pk, org, path))
    result = {}
    for person, rows in by_person.items():
        rows.sort()
        if len(rows) >= 2 and rows[-1][0] >= period.start:
            result[person] = (rows[0][1:], rows[-1][1:])
    return result


def _deficit_change(root, period):
    deficits = defaultdict(int)
    for diagnosis in Deficit.objects.exclude(diagnosis=None).values_list("diagnosis_id", flat=True):
        deficits[diagnosis] += 1
    result = defaultdict(lambda: [0, 0, 0])
    for first, latest in _first_and_latest(period).values():
        if _under(latest[2], root):
            row = result[latest[1]]
            row[0] += deficits[latest[0]]
            row[1] += deficits[first[0]]
            row[2] += 1
    return {org: tuple(parts) for org, parts in result.items()}


def _trained_mentors(root, period):
    trained = {
        person
        for person, status, on, is_training in Enrollment.objects.values_list(
            "person_id", "status", "completed_on", "course__is_mentoring_training"
        )
        if status == EnrollmentStatus.COMPLETED and on <= period.end and is_training
    }
    # a learner who mentors peers is not a pedagogical worker (issue 20)
    learners = set(Learner.objects.values_list("person_id", flat=True))
    mentors = defaultdict(set)
    for person, org, path, status in MentorProfile.objects.values_list(
        "person_id", "organization_id", "organization__path", "status"
    ):
        if _under(path, root) and status != MentorStatus.LEFT and person not in learners:
            mentors[org].add(person)
    for person, org, path, role, active in RoleAssignment.objects.values_list(
        "user__person__id", "org_unit_id", "org_unit__path", "role", "user__is_active"
    ):
        if person is not None and role == Role.MENTOR and active and _under(path, root):
            if person not in learners:
                mentors[org].add(person)
    return {org: (len(people & trained), len(people)) for org, people in mentors.items()}


#: indicator code → ``recompute(root_path, period) -> {organization id: parts}``: plain reads and
#: Python, for ``test_indicators_recompute.RECOMPUTE``.
RECOMPUTE_DEVELOPMENT = {
    "teachers_with_route": _teachers_with_route,
    "routes_repeated_diagnosis": _repeated_diagnosis,
    "deficit_change": _deficit_change,
    "trained_mentors": _trained_mentors,
    "trained_mentors_share": _trained_mentors,
}


def _nonzero(parts_by_org: dict) -> dict:
    return {org: tuple(int(x) for x in parts) for org, parts in parts_by_org.items() if any(parts)}


# --- the figures ------------------------------------------------------------------------------------


@pytest.mark.parametrize("period", [YEAR, NEXT, year_period(2024)], ids=lambda p: p.key)
def test_every_indicator_equals_its_independent_recompute(world, period):
    # given the rows of schools A and B around 2025
    build_development_world(world)

    for code, recompute in RECOMPUTE_DEVELOPMENT.items():
        indicator = get_indicator(code)
        for unit in (world.region, world.muni1, world.muni2, world.school_a, world.school_b):
            # then each organization's parts are the recompute's, and the roll-up is their sum
            expected = _nonzero(recompute(unit.path, period))
            assert _nonzero(indicator.compute(unit.path, period)) == expected, (code, unit)
            total = ()
            for parts in expected.values():
                total = add_parts(total, parts)
            assert indicator.value(rollup(indicator, unit, period).total.parts) == indicator.value(total), (
                code
            )


def test_the_figures_of_2025_at_each_level(world):
    # given the rows of schools A and B around 2025
    build_development_world(world)
    a = world.school_a.pk

    def parts(code, unit):
        return tuple(int(x) for x in rollup(get_indicator(code), unit, YEAR).total.parts)

    def text(code, unit):
        indicator = get_indicator(code)
        return indicator.format(rollup(indicator, unit, YEAR).total.value)

    # teachers on 31.12.2025: A — teacher, mentor, mentee, the old teacher (not the leaver, not
    # the newcomer); with a counted route: teacher A (active) and mentee A (completed in March)
    assert get_indicator("teachers_with_route").compute(world.school_a.path, YEAR) == {a: (2, 4)}
    assert parts("teachers_with_route", world.muni1) == (2, 4)
    assert parts("teachers_with_route", world.muni2) == (0, 5)  # B's draft begins in 2026
    assert parts("teachers_with_route", world.region) == (2, 9)
    assert text("teachers_with_route", world.region) == "22,2 %"
    assert text("teachers_with_route", world.school_a) == "50,0 %"
    # routes of A counted in 2025: teacher A's (diagnosed twice: once bound to the route before its
    # start), mentee A's (once since its start, in 2022), the leaver's (once in 2025)
    assert parts("routes_repeated_diagnosis", world.school_a) == (1, 3)
    assert parts("routes_repeated_diagnosis", world.region) == (1, 3)
    assert text("routes_repeated_diagnosis", world.region) == "33,3 %"
    # deficits: teacher A 3 → 1 in A; four teachers of B 2 → 1 each
    assert parts("deficit_change", world.school_a) == (1, 3, 1)
    assert parts("deficit_change", world.muni2) == (4, 8, 4)
    assert parts("deficit_change", world.region) == (5, 11, 5)
    assert text("deficit_change", world.region) == "\u22121,2"
    # fewer than five teachers: not given
    assert text("deficit_change", world.school_a) == "—"
    assert text("deficit_change", world.muni2) == "—"
    # mentors: A — the mentor (card and role, once, trained in May) and teacher A; B — three
    # cards (none trained by the end of 2025) and b4 by role (trained in June)
    assert parts("trained_mentors_share", world.school_a) == (1, 2)
    assert parts("trained_mentors_share", world.school_b) == (1, 4)
    assert text("trained_mentors", world.region) == "2"
    assert text("trained_mentors_share", world.region) == "33,3 %"


def test_the_next_year_moves_the_figures(world):
    # given the rows of schools A and B around 2025
    build_development_world(world)

    def parts(code, unit):
        return tuple(int(x) for x in rollup(get_indicator(code), unit, NEXT).total.parts)

    # in 2026 B's draft counts, mentee A's route (completed in 2025) does not, the leaver is gone
    # and the newcomer came (teachers of A on today's date)
    assert get_indicator("teachers_with_route").compute(world.school_b.path, NEXT) == {
        world.school_b.pk: (1, 5)
    }
    assert parts("teachers_with_route", world.school_a) == (1, 5)
    # the leaver's route: diagnosed in 2025 and 2026 since its start
    assert parts("routes_repeated_diagnosis", world.school_a) == (2, 2)
    # b1 completed the training in January 2026
    assert parts("trained_mentors_share", world.school_b) == (2, 4)


def test_deficits_by_area_gives_the_means_of_the_first_and_the_latest_diagnosis(world):
    # given the rows of 2025: five teachers diagnosed twice in the region
    build_development_world(world)
    areas = list(CompetenceArea.objects.filter(is_active=True).order_by("sort_order", "pk"))

    # when the region's breakdown is computed
    data = deficits_by_area(world.region, YEAR)

    # then each area has the mean level of the five teachers' deficits, first and latest
    assert data["teachers"] == 5
    assert [row[0] for row in data["rows"]] == [area.name for area in areas]
    first_area, second_area, third_area = data["rows"][:3]
    assert first_area[1:] == [2.2, 1.0, 5, 5]  # (3 + 4·2) / 5, (1 + 4·1) / 5
    assert second_area[1:] == [2.0, 0.0, 5, 0]
    assert third_area[1:] == [0.4, 0.0, 1, 0]
    assert all(row[1:] == [0.0, 0.0, 0, 0] for row in data["rows"][3:])
    # school A has one such teacher: the areas without figures; 2024 has none at all
    small = deficits_by_area(world.school_a, YEAR)
    assert small["teachers"] == 1 < MIN_TEACHERS
    assert all(row[1:] == [None, None, None, None] for row in small["rows"])
    assert deficits_by_area(world.region, year_period(2024)) == {"teachers": 0, "rows": []}
    # and the chart draws it as a pair of bars per area on the scale 0–3
    chart = dashboard.deficits_chart(world.region, YEAR, cache=False)
    assert chart.categories == tuple(area.name for area in areas)
    assert [s.name for s in chart.series] == [dashboard.DEFICITS_FIRST, dashboard.DEFICITS_LATEST]
    assert chart.series[0].values[:2] == (2.2, 2.0) and chart.maximum == 3.0
    assert dashboard.deficits_chart(world.school_a, YEAR, cache=False).is_empty
    assert dashboard.deficits_chart(world.region, year_period(2024), cache=False) is None


def test_the_nightly_rollup_stores_the_figures_and_the_breakdown(world):
    # given the rows of 2025 and the roll-up refreshed for the region
    build_development_world(world)
    rollups_refresh(world.region, [YEAR])

    # then the dashboard reads the stored figures, equal to the live ones
    board = dashboard.build_dashboard(world.region, YEAR, with_previous=False)
    assert board.stored
    for code in CODES:
        stored = board.rollups[code]
        live = rollup(get_indicator(code), world.region, YEAR)
        assert stored.total.value == live.total.value, code
        assert [c.value for c in stored.children] == [c.value for c in live.children], code
    # and the breakdown of the chart is stored as computed
    assert breakdown("deficits_by_area", world.region, YEAR) == deficits_by_area(world.region, YEAR)


# --- the pages ----------------------------------------------------------------------------------------


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text_of(response) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _card(content: str, code: str) -> str:
    match = re.search(rf'data-code="{code}">.*?data-testid="figure-value">([^<]*)<', content, re.S)
    assert match, code
    return html.unescape(match.group(1))


def _unit_url(unit) -> str:
    return reverse("monitoring:unit", args=[unit.pk])


def test_the_region_dashboard_shows_the_tiles_and_the_deficits_chart(world):
    # given the rows of 2025
    build_development_world(world)
    client = client_of(world.users["operator"])

    # when the regional operator opens the region's dashboard for 2025
    response = client.get(_unit_url(world.region), {"period": "2025"})

    # then the figures stand under their own heading, with their values
    assert response.status_code == 200
    content = response.content.decode()
    assert f'data-testid="figure-section">{SECTION}<' in content
    assert content.index("Ключевые показатели") < content.index(SECTION)
    assert _card(content, "teachers_with_route") == "22,2 %"
    assert _card(content, "routes_repeated_diagnosis") == "33,3 %"
    assert _card(content, "deficit_change") == "\u22121,2"
    assert _card(content, "trained_mentors") == "2"
    assert _card(content, "trained_mentors_share") == "33,3 %"
    for code in CODES:
        assert content.count(f'data-code="{code}"') == 1
    # the chart of the deficits with its note and its data table
    assert 'data-chart="deficits"' in content and 'data-testid="deficits-note"' in content
    text = text_of(response)
    assert dashboard.DEFICITS_TITLE in text
    first_area = CompetenceArea.objects.filter(is_active=True).order_by("sort_order", "pk").first()
    assert f"{first_area.name} 2,2 1" in text
    # the comparison of the municipalities has the columns of the new figures
    assert 'data-testid="sort-teachers_with_route"' in content
    # and the chart itself is drawn
    chart = client.get(
        reverse("monitoring:unit_chart", args=[world.region.pk, "deficits"]), {"period": "2025"}
    )
    assert chart.status_code == 200 and chart["Content-Type"].startswith("image/svg+xml")
    # and the XLSX of the dashboard carries the figures
    export = client.get(reverse("monitoring:unit_export", args=[world.region.pk]), {"period": "2025"})
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.content))
    cells = {str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None}
    for code in CODES:
        assert get_indicator(code).title in cells, code


@pytest.mark.parametrize(
    ("persona", "unit"), [("coordinator", "muni1"), ("curator_a", "school_a"), ("head_a", "school_a")]
)
def test_the_municipality_and_the_organization_see_their_subtree(world, persona, unit):
    # given the rows of 2025
    build_development_world(world)

    # when the coordinator of municipality 1 or the curator of A opens their dashboard
    response = client_of(world.users[persona]).get(_unit_url(getattr(world, unit)), {"period": "2025"})

    # then the figures are school A's only
    assert response.status_code == 200
    content = response.content.decode()
    assert _card(content, "teachers_with_route") == "50,0 %"
    assert _card(content, "routes_repeated_diagnosis") == "33,3 %"
    assert _card(content, "deficit_change") == "—"  # one teacher diagnosed twice
    assert _card(content, "trained_mentors") == "1"
    assert _card(content, "trained_mentors_share") == "50,0 %"
    # the chart of the deficits says there is too little to show
    chart = re.search(r'data-chart="deficits">(.*?)</figure>', content, re.S).group(1)
    assert "Данных за период нет." in chart and "<img" not in chart


def test_the_others_are_refused_or_do_not_find_the_unit(world):
    # given the rows of 2025
    build_development_world(world)

    # the curator of B does not find school A, the mentor has no dashboard at all
    assert client_of(world.users["curator_b"]).get(_unit_url(world.school_a)).status_code == 404
    assert client_of(world.users["coordinator"]).get(_unit_url(world.school_b)).status_code == 404
    assert client_of(world.users["mentor_a"]).get(_unit_url(world.school_a)).status_code == 403
    chart = reverse("monitoring:unit_chart", args=[world.school_a.pk, "deficits"])
    assert client_of(world.users["curator_b"]).get(chart).status_code == 404
    # and the curator of B sees B's figures only
    content = (
        client_of(world.users["curator_b"])
        .get(_unit_url(world.school_b), {"period": "2025"})
        .content.decode()
    )
    assert _card(content, "teachers_with_route") == "0,0 %"
    assert _card(content, "trained_mentors_share") == "25,0 %"


def test_the_drilldowns_name_people_under_the_consent_rule(world):
    # given the rows of 2025: the old teacher of A gave no consent to personal-data processing
    build_development_world(world)
    url = reverse("monitoring:indicator", args=["teachers_with_route"])
    query = {"unit": world.school_a.pk, "period": "2025"}

    # the curator of A sees every teacher by name
    text = text_of(client_of(world.users["curator_a"]).get(url, query))
    assert UNCONSENTED in text and world.teacher_a.last_name in text
    # the coordinator of the municipality sees the consented ones only
    response = client_of(world.users["coordinator"]).get(url, query)
    assert response.status_code == 200
    text = text_of(response)
    assert UNCONSENTED not in text and HIDDEN_NAME in text and world.teacher_a.last_name in text
    # the same in the list of mentors (the old teacher's card is «left»: not a mentor)
    mentors = reverse("monitoring:indicator", args=["trained_mentors"])
    text = text_of(
        client_of(world.users["operator"]).get(mentors, {"unit": world.region.pk, "period": "2025"})
    )
    assert world.mentor_a.last_name in text and "Бэшкина4" in text and UNCONSENTED not in text
    # the routes list the teachers, the change of deficits only counts per organization
    routes = reverse("monitoring:indicator", args=["routes_repeated_diagnosis"])
    text = text_of(client_of(world.users["coordinator"]).get(routes, query))
    assert world.teacher_a.last_name in text and "Ушедшева" in text
    change = reverse("monitoring:indicator", args=["deficit_change"])
    response = client_of(world.users["operator"]).get(change, {"unit": world.region.pk, "period": "2025"})
    assert response.status_code == 200
    text = text_of(response)
    assert (
        world.school_b.full_name in text and "Бэшкина" not in text and world.teacher_a.last_name not in text
    )


def _grow(world, count: int) -> None:
    """``count`` more schools in municipality 1, each with teachers, routes, diagnoses, mentors."""
    mentoring = Course.objects.filter(is_mentoring_training=True).first()
    for n in range(count):
        school = f.OrgUnitFactory(parent=world.muni1)
        f.RoleAssignmentFactory(org_unit=school, role=Role.CURATOR)
        for i in range(3):
            person = _teacher(school, last_name=f"Рост{n}_{i}")
            _route(person, school, status=RouteStatus.ACTIVE, starts_on=D(2025, 1, 1))
            _diagnosis(person, school, D(2025, 2, 1), [(0, 2)])
            _diagnosis(person, school, D(2025, 9, 1), [(1, 1)])
            MentorProfile.objects.create(person=person, organization=school, status=MentorStatus.ACTIVE)
            _enrol(person, school, mentoring, completed_on=D(2025, 3, 1))


def _queries(client, url, query) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def test_the_pages_make_as_many_queries_for_a_bigger_region(world, monkeypatch):
    monkeypatch.setattr("nastavnik.accounts.services.session_touch", lambda **kwargs: None)
    # given the rows of 2025 and the pages of the regional operator and of the coordinator
    build_development_world(world)
    operator, coordinator = client_of(world.users["operator"]), client_of(world.users["coordinator"])
    query = {"period": "2025"}
    pages = [
        (operator, _unit_url(world.region), query),
        (operator, _unit_url(world.muni1), query),
        (coordinator, _unit_url(world.muni1), query),
        (operator, reverse("monitoring:unit_chart", args=[world.region.pk, "deficits"]), query),
        (coordinator, reverse("monitoring:unit_chart", args=[world.muni1.pk, "deficits"]), query),
    ]
    for code in CODES:
        pages.append(
            (operator, reverse("monitoring:indicator", args=[code]), {**query, "unit": world.region.pk})
        )
        pages.append(
            (coordinator, reverse("monitoring:indicator", args=[code]), {**query, "unit": world.muni1.pk})
        )
    for client, url, q in pages:  # warm the sessions and the scopes
        client.get(url, q)
    small = [_queries(client, url, q) for client, url, q in pages]

    # when municipality 1 grows by five schools with their rows
    _grow(world, 5)
    big = [_queries(client, url, q) for client, url, q in pages]

    # then every page makes as many queries as before
    assert small == big, [
        (url, s, b) for (_c, url, _q), s, b in zip(pages, small, big, strict=True) if s != b
    ]
    # and the municipality now has the five teachers the chart of the deficits needs
    assert deficits_by_area(world.muni1, YEAR)["teachers"] == 1 + 15


def test_demo_development_indicators_recomputed(db):
    # given the demo region (a small one), whatever routes, diagnoses and courses it has
    from nastavnik.demo.services import demo_region, demo_region_load

    demo_region_load(teachers=60)
    region = demo_region()
    today = timezone.localdate()

    # then each of these indicators is its independent recompute, this year and the last
    for period in (year_period(today.year), year_period(today.year - 1)):
        for code, recompute in RECOMPUTE_DEVELOPMENT.items():
            expected = _nonzero(recompute(region.path, period))
            assert _nonzero(get_indicator(code).compute(region.path, period)) == expected, (code, period.key)
    # and the chart's breakdown has a row per active area, or none when nobody was diagnosed twice
    data = deficits_by_area(region, year_period(today.year))
    areas = CompetenceArea.objects.filter(is_active=True).count()
    assert len(data["rows"]) == (areas if data["teachers"] else 0)


def test_the_national_operator_gets_the_figures_without_names(world):
    # given the rows of 2025 and the national operator, who reads no one's personal data
    from nastavnik.testing.personas import extend_world

    build_development_world(world)
    extend_world(world)
    client = client_of(world.users["national"])

    # when they open the region's list of teachers with a route and of the trained mentors
    for code in ("teachers_with_route", "trained_mentors", "routes_repeated_diagnosis"):
        response = client.get(
            reverse("monitoring:indicator", args=[code]), {"unit": world.region.pk, "period": "2025"}
        )

        # then the figures are there and every person is hidden
        assert response.status_code == 200, code
        text = text_of(response)
        assert HIDDEN_NAME in text, code
        assert world.teacher_a.last_name not in text and world.mentor_a.last_name not in text, code
