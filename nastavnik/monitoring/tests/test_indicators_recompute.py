"""Every indicator recomputed by an independent query (issue 14: «a test recomputes each
indicator of the demo by an independent query»): plain ``.values_list()`` reads of the rows,
then Python — no grouping, no ``EXISTS``, no annotation of the indicators' code — compared
with ``Indicator.compute`` per organization and with ``rollup`` per unit.

:func:`build_indicator_world` adds to the persona world the rows every indicator reads, with
dates before, inside and after the year 2025 (the period the tests look at); :func:`grow`
adds more organizations like them (the query counts of the pages must not change).
:func:`assert_recomputed` is what a test over the demo region calls (see
``test_demo_indicators_recomputed``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.bank.models import DEFAULT_MENTOR_CAPACITY, BankSettings, MenteeProfile, MentorProfile
from nastavnik.documents.choices import DocumentKind, DocumentStatus
from nastavnik.documents.models import Document
from nastavnik.mentoring.choices import PairEndReason, ProgramStatus
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.monitoring.choices import Audience, Measure, Phase, QuestionKind
from nastavnik.monitoring.indicators import all_indicators, get_indicator, rollup
from nastavnik.monitoring.indicators.base import add_parts
from nastavnik.monitoring.models import Answer, AnswerItem, LearnerContingent, Question, Questionnaire
from nastavnik.monitoring.periods import Period, month_period, quarter_period, year_period
from nastavnik.organizations.choices import EDUCATIONAL_KINDS, Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Employment, Learner, Person
from nastavnik.reference.models import CompetenceArea, MentoringForm
from nastavnik.roadmaps.choices import ItemStatus, PeriodKind, RoadmapStatus
from nastavnik.roadmaps.models import Roadmap, RoadmapItem, RoadmapSection
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

D = dt.date
YEAR = year_period(2025)

# --- the world ------------------------------------------------------------------------------------


def _questionnaires() -> dict[str, Question]:
    """One question of each measure the indicators read (built once per database)."""
    area = CompetenceArea.objects.order_by("sort_order").first()
    made = {}
    for key, audience, phase, measure, anonymous in (
        ("sat_mentee", Audience.MENTEE, Phase.AFTER, Measure.SATISFACTION, True),
        ("sat_mentor", Audience.MENTOR, Phase.AFTER, Measure.SATISFACTION, False),
        ("diff_before", Audience.MENTEE, Phase.BEFORE, Measure.DIFFICULTY, False),
        ("diff_after", Audience.MENTEE, Phase.AFTER, Measure.DIFFICULTY, False),
    ):
        questionnaire, _ = Questionnaire.objects.get_or_create(
            title=f"Анкета для проверки показателей: {key}",
            defaults={"audience": audience, "phase": phase, "anonymous": anonymous},
        )
        made[key], _ = Question.objects.get_or_create(
            questionnaire=questionnaire,
            order=1,
            defaults={
                "text": "Оцените",
                "kind": QuestionKind.SCALE,
                "measure": measure,
                "area": area if measure == Measure.DIFFICULTY else None,
            },
        )
    return made


def _answers(org: OrgUnit, question: Question, scores: list[int], month: dt.date) -> None:
    questionnaire = question.questionnaire
    for score in scores:
        answer = Answer.objects.create(
            questionnaire=questionnaire,
            organization=org,
            audience=questionnaire.audience,
            phase=questionnaire.phase,
            month=month,
        )
        AnswerItem.objects.create(answer=answer, question=question, scale=score)


LONG_AGO = D(2015, 9, 1)


def _teacher(org: OrgUnit, *, start=LONG_AGO, end=None, **fields) -> Person:
    person = f.PersonFactory(**fields)
    f.EmploymentFactory(person=person, organization=org, started_on=start, ended_on=end)
    return person


def _school_year(org: OrgUnit, questions: dict, *, full: bool) -> dict:
    """The rows of one school for 2025: teachers, pairs with their dates, a completed program,
    a mentor over capacity, answers; with ``full`` also the signed documents, the approved
    roadmap and the active program that make it implement the model."""
    mentor = _teacher(org, last_name="Опытнова")
    young = _teacher(org, birth_date=D(2000, 5, 5), total_experience_years=2, pedagogical_experience_years=2)
    leaver = _teacher(org, end=D(2025, 12, 31), birth_date=D(1999, 1, 1), pedagogical_experience_years=1)
    _teacher(org, end=D(2024, 6, 30))  # gone before 2025
    _teacher(org, start=D(2026, 1, 10))  # came after 2025
    old_mentee = _teacher(org)
    form = MentoringForm.objects.order_by("sort_order").first()
    program = PersonalizedProgram.objects.create(
        organization=org,
        mentoring_form=form,
        direction="Адаптация",
        goals="Адаптация молодого педагога",
        starts_on=D(2025, 2, 1),
        ends_on=D(2025, 11, 30),
        status=ProgramStatus.COMPLETED,
        completed_on=D(2025, 11, 30),
    )
    # completed in 2025 (the full cycle), the mentee left at the end of 2025
    f.PairFactory(
        mentor=mentor,
        mentee=leaver,
        organization=org,
        program=program,
        started_on=D(2025, 2, 1),
        ended_on=D(2025, 11, 30),
        end_reason=PairEndReason.COMPLETED,
    )
    # 2024 only
    f.PairFactory(
        mentor=mentor, mentee=old_mentee, organization=org, started_on=D(2024, 1, 1), ended_on=D(2024, 12, 31)
    )
    # open since 2025: with the one below, two current mentees of a mentor of capacity 1
    f.PairFactory(mentor=mentor, mentee=young, organization=org, started_on=D(2025, 3, 1))
    f.PairFactory(mentor=mentor, mentee=old_mentee, organization=org, started_on=D(2025, 9, 1))
    MentorProfile.objects.create(person=mentor, organization=org, capacity=1)
    _answers(org, questions["sat_mentee"], [6, 7, 8, 9, 10, 10], D(2025, 6, 1))
    _answers(org, questions["sat_mentee"], [1], D(2024, 12, 1))
    _answers(org, questions["sat_mentor"], [9, 9, 9], D(2025, 12, 1))
    _answers(org, questions["diff_before"], [8, 8, 7, 9, 8], D(2025, 2, 1))
    _answers(org, questions["diff_after"], [4, 5, 3, 4, 4], D(2025, 12, 1))
    if full:
        for kind in (DocumentKind.REGULATION, DocumentKind.ORDER_IMPLEMENTATION):
            Document.objects.create(
                organization=org,
                kind=kind,
                title=str(kind.label),
                date=D(2025, 3, 1),
                status=DocumentStatus.SIGNED,
                signed_on=D(2025, 3, 1),
                scan="documents/signed/2025/skan.pdf",
            )
        roadmap = Roadmap.objects.create(
            owner=org,
            level=Level.ORGANIZATION,
            title="Дорожная карта",
            starts_on=D(2025, 1, 1),
            ends_on=D(2025, 12, 31),
            status=RoadmapStatus.APPROVED,
        )
        section = RoadmapSection.objects.create(roadmap=roadmap, title="Раздел")
        for status in (ItemStatus.DONE, ItemStatus.DONE, ItemStatus.CANCELLED, ItemStatus.PLANNED):
            RoadmapItem.objects.create(
                roadmap=roadmap,
                section=section,
                activity="Мероприятие",
                period_kind=PeriodKind.DATES,
                starts_on=D(2025, 1, 1),
                ends_on=D(2025, 6, 30),
                responsible="Куратор",
                status=status,
            )
    return {"mentor": mentor, "young": young, "leaver": leaver}


def _learners_year(org: OrgUnit, mentor: Person, *, contingent: bool) -> dict:
    """The learners of one school in 2025 (issue 20): a pupil who completed a «учитель – ученик»
    program with the school's mentor in October 2025 (the full-cycle mark in the bank of
    mentees), a pupil marked in 2024, and a pupil who mentors two peers over his capacity of 1 —
    none of which may change a teachers' figure; with ``contingent`` the school entered 400
    learners for 2025 and 380 for 2024."""
    from nastavnik.testing.minors import learner_person

    n = org.pk
    forms = {m.code: m for m in MentoringForm.objects.filter(code__in=["teacher_pupil", "pupil_pupil"])}
    pupil, _ = learner_person(org, (f"Ученикова{n}", "Дарья", "Олеговна"), age=15, sex="F")
    earlier, _ = learner_person(org, (f"Прошлогодняя{n}", "Анна", "Ивановна"), age=16, sex="F")
    peer_mentor, _ = learner_person(org, (f"Старостин{n}", "Глеб", "Ильич"), age=16, sex="M")
    peers = [
        learner_person(org, (f"Младший{n}_{i}", "Иван", "Петрович"), age=12, sex="M")[0] for i in range(2)
    ]
    program = PersonalizedProgram.objects.create(
        organization=org,
        mentoring_form=forms["teacher_pupil"],
        direction="Проектная деятельность",
        goals="Подготовка проекта",
        starts_on=D(2025, 2, 1),
        ends_on=D(2025, 10, 15),
        status=ProgramStatus.COMPLETED,
        completed_on=D(2025, 10, 15),
    )
    f.PairFactory(
        mentor=mentor,
        mentee=pupil,
        organization=org,
        program=program,
        started_on=D(2025, 2, 1),
        ended_on=D(2025, 10, 15),
        end_reason=PairEndReason.COMPLETED,
    )
    MenteeProfile.objects.create(person=pupil, organization=org, full_cycle_completed_on=D(2025, 10, 15))
    MenteeProfile.objects.create(person=earlier, organization=org, full_cycle_completed_on=D(2024, 5, 20))
    for peer in peers:
        f.PairFactory(mentor=peer_mentor, mentee=peer, organization=org, started_on=D(2025, 3, 1))
    MentorProfile.objects.create(person=peer_mentor, organization=org, capacity=1)
    if contingent:
        LearnerContingent.objects.create(organization=org, year=2025, learners=400)
        LearnerContingent.objects.create(organization=org, year=2024, learners=380)
    return {"pupil": pupil, "peer_mentor": peer_mentor}


def build_indicator_world(world) -> dict:
    """Add to the persona ``world`` the 2025 rows of schools A (implementing the model) and B
    (not: it has only a curator), an approved roadmap of municipality 1 and a kindergarten of
    municipality 1 with nothing. Returns the people made, by school."""
    questions = _questionnaires()
    made = {
        "a": _school_year(world.school_a, questions, full=True),
        "b": _school_year(world.school_b, questions, full=False),
    }
    # the learners (issue 20): school A entered its contingent, school B did not
    made["a"].update(_learners_year(world.school_a, made["a"]["mentor"], contingent=True))
    made["b"].update(_learners_year(world.school_b, made["b"]["mentor"], contingent=False))
    f.OrgUnitFactory(parent=world.muni1, kind="kindergarten", full_name="МБДОУ «Детский сад № 3»")
    roadmap = Roadmap.objects.create(
        owner=world.muni1,
        level=Level.MUNICIPALITY,
        title="Муниципальная дорожная карта",
        starts_on=D(2025, 1, 1),
        ends_on=D(2026, 12, 31),
        status=RoadmapStatus.APPROVED,
    )
    section = RoadmapSection.objects.create(roadmap=roadmap, title="Раздел")
    RoadmapItem.objects.create(
        roadmap=roadmap,
        section=section,
        activity="Совещание",
        period_kind=PeriodKind.DATES,
        starts_on=D(2025, 1, 1),
        ends_on=D(2025, 3, 1),
        responsible="Координатор",
        status=ItemStatus.DONE,
    )
    return made


def grow(world, n: int) -> list[OrgUnit]:
    """Add ``n`` more schools to municipality 1, each with the rows of :func:`build_indicator_world`."""
    questions = _questionnaires()
    schools = []
    for _ in range(n):
        school = f.OrgUnitFactory(parent=world.muni1)
        f.RoleAssignmentFactory(org_unit=school, role=Role.CURATOR)
        _school_year(school, questions, full=True)
        schools.append(school)
    return schools


# --- the independent recompute ------------------------------------------------------------------


def _meets(start, end, period: Period) -> bool:
    return (start is None or start <= period.end) and (end is None or end >= period.start)


def _on(start, end, day: dt.date) -> bool:
    return (start is None or start <= day) and (end is None or end >= day)


def _under(path: str, root_path: str) -> bool:
    return path.startswith(root_path)


def _learners() -> set[int]:
    """The persons with a ``people.Learner`` row: left out of the teachers' figures (issue 20)."""
    return set(Learner.objects.values_list("person_id", flat=True))


def _pairs(*, teachers: bool = True):
    """The pairs as tuples; with ``teachers`` only those whose mentee is not a learner."""
    learners = _learners() if teachers else set()
    return [
        row
        for row in Pair.objects.values_list(
            "mentor_id",
            "mentee_id",
            "organization_id",
            "organization__path",
            "started_on",
            "ended_on",
            "end_reason",
        )
        if row[1] not in learners
    ]


def _employments():
    return list(
        Employment.objects.values_list(
            "person_id",
            "organization_id",
            "organization__path",
            "organization__level",
            "started_on",
            "ended_on",
        )
    )


def _share(per_org_num: dict, per_org_den: dict) -> dict:
    return {org: (len(per_org_num.get(org, set())), len(den)) for org, den in per_org_den.items()}


def _implementing(root, period):
    orgs = [
        pk
        for pk, path, level, kind in OrgUnit.objects.values_list("pk", "path", "level", "kind")
        if _under(path, root) and level == Level.ORGANIZATION and kind in EDUCATIONAL_KINDS
    ]
    signed = {
        (org, kind)
        for org, kind, status, signed_on in Document.objects.values_list(
            "organization_id", "kind", "status", "signed_on"
        )
        if status == DocumentStatus.SIGNED and signed_on and signed_on <= period.end
    }
    curators = {
        unit
        for unit, role, active in RoleAssignment.objects.values_list("org_unit_id", "role", "user__is_active")
        if role == Role.CURATOR and active
    }
    roadmaps = {
        owner
        for owner, status, start, end in Roadmap.objects.values_list(
            "owner_id", "status", "starts_on", "ends_on"
        )
        if status == RoadmapStatus.APPROVED and start <= period.end and end >= period.start
    }
    programs = {
        org
        for org, status, start, completed in PersonalizedProgram.objects.values_list(
            "organization_id", "status", "starts_on", "completed_on"
        )
        if start <= period.end
        and (
            status == ProgramStatus.ACTIVE
            or (status == ProgramStatus.COMPLETED and completed >= period.start)
        )
    }
    result = {}
    for org in orgs:
        docs = (
            (org, DocumentKind.REGULATION) in signed or (org, DocumentKind.ORDER_REGULATION) in signed
        ) and (
            org,
            DocumentKind.ORDER_IMPLEMENTATION,
        ) in signed
        ok = docs and org in curators and org in roadmaps and org in programs
        result[org] = (1 if ok else 0, 1)
    return result


def _staff_share(root, period, role: str, *, young: bool = False):
    people = {
        pk: (birth, ped)
        for pk, birth, ped in Person.objects.values_list("pk", "birth_date", "pedagogical_experience_years")
    }
    limit = D(
        period.end.year - 35,
        period.end.month,
        min(period.end.day, 28 if period.end.month == 2 else period.end.day),
    )
    active = {
        (mentor if role == "mentor" else mentee)
        for mentor, mentee, _, _, start, end, _ in _pairs(teachers=False)
        if _meets(start, end, period)
    }
    den, num = defaultdict(set), defaultdict(set)
    for person, org, path, level, start, end in _employments():
        if not (_under(path, root) and level == Level.ORGANIZATION and _meets(start, end, period)):
            continue
        birth, ped = people[person]
        if young and not (ped is not None and ped <= 3 and birth > limit):
            continue
        den[org].add(person)
        if person in active:
            num[org].add(person)
    return _share(num, den)


def _retention(root, period):
    day = min(period.end + dt.timedelta(days=365), timezone.localdate())
    employed = {
        p
        for p, _, _, level, start, end in _employments()
        if level == Level.ORGANIZATION and _on(start, end, day)
    }
    den, num = defaultdict(set), defaultdict(set)
    for _, mentee, org, path, start, end, _ in _pairs():
        if _under(path, root) and _meets(start, end, period):
            den[org].add(mentee)
            if mentee in employed:
                num[org].add(mentee)
    return _share(num, den)


def _full_cycle(root, period):
    done = defaultdict(set)
    for _, mentee, org, path, _, end, reason in _pairs():
        if (
            _under(path, root)
            and reason == PairEndReason.COMPLETED
            and end
            and period.start <= end <= period.end
        ):
            done[org].add(mentee)
    return {org: (len(m),) for org, m in done.items()}


def _mentor_load(root, period):
    mentees, mentors = defaultdict(set), defaultdict(set)
    for mentor, mentee, org, path, start, end, _ in _pairs():
        if _under(path, root) and _meets(start, end, period):
            mentees[org].add(mentee)
            mentors[org].add(mentor)
    return {org: (len(mentees[org]), len(mentors[org])) for org in mentees}


def _over_capacity(root, period):
    day = min(period.end, timezone.localdate())
    load = defaultdict(int)
    for mentor, _, _, _, start, end, _ in _pairs(teachers=False):
        if start <= day and (end is None or end >= day):
            load[mentor] += 1
    defaults = dict(BankSettings.objects.values_list("organization_id", "default_mentor_capacity"))
    result = defaultdict(int)
    learners = _learners()
    for person, org, path, capacity in MentorProfile.objects.values_list(
        "person_id", "organization_id", "organization__path", "capacity"
    ):
        limit = capacity or defaults.get(org) or DEFAULT_MENTOR_CAPACITY
        if _under(path, root) and load[person] > limit and person not in learners:
            result[org] += 1
    return {org: (n,) for org, n in result.items()}


def _items(root, period, measure):
    rows = AnswerItem.objects.values_list(
        "answer_id",
        "answer__organization_id",
        "answer__organization__path",
        "answer__audience",
        "answer__phase",
        "answer__month",
        "question__kind",
        "question__measure",
        "scale",
    )
    return [
        (answer, org, audience, phase, scale)
        for answer, org, path, audience, phase, month, kind, m, scale in rows
        if _under(path, root)
        and period.start.replace(day=1) <= month <= period.end
        and kind == QuestionKind.SCALE
        and m == measure
        and scale is not None
    ]


def _satisfaction(audience_of):
    def recompute(root, period):
        sums, counts, answers = defaultdict(int), defaultdict(int), defaultdict(set)
        for answer, org, audience, _, scale in _items(root, period, Measure.SATISFACTION):
            if audience == audience_of:
                sums[org] += scale
                counts[org] += 1
                answers[org].add(answer)
        return {org: (sums[org], counts[org], len(answers[org])) for org in counts}

    return recompute


def _difficulty(root, period):
    acc = defaultdict(lambda: [0, 0, 0, 0, set(), set()])
    for answer, org, _, phase, scale in _items(root, period, Measure.DIFFICULTY):
        row = acc[org]
        if phase == Phase.AFTER:
            row[0] += scale
            row[1] += 1
            row[4].add(answer)
        elif phase == Phase.BEFORE:
            row[2] += scale
            row[3] += 1
            row[5].add(answer)
    return {org: (r[0], r[1], r[2], r[3], len(r[4]), len(r[5])) for org, r in acc.items()}


def _roadmaps(root, period):
    done, active = defaultdict(int), defaultdict(int)
    for owner, path, status, start, end, item_status in RoadmapItem.objects.values_list(
        "roadmap__owner_id",
        "roadmap__owner__path",
        "roadmap__status",
        "roadmap__starts_on",
        "roadmap__ends_on",
        "status",
    ):
        if (
            _under(path, root)
            and status == RoadmapStatus.APPROVED
            and start <= period.end
            and end >= period.start
        ):
            active[owner] += item_status != ItemStatus.CANCELLED
            done[owner] += item_status == ItemStatus.DONE
    return {owner: (done[owner], active[owner]) for owner in active}


#: indicator code → ``recompute(root_path, period) -> {unit id: parts}``.
RECOMPUTE = {
    "implementing_organizations": _implementing,
    "teachers_as_mentors": lambda root, period: _staff_share(root, period, "mentor"),
    "teachers_as_mentees": lambda root, period: _staff_share(root, period, "mentee"),
    "young_teachers_covered": lambda root, period: _staff_share(root, period, "mentee", young=True),
    "full_cycle": _full_cycle,
    "retention": _retention,
    "mentor_load": _mentor_load,
    "mentors_over_capacity": _over_capacity,
    "satisfaction_mentees": _satisfaction(Audience.MENTEE),
    "satisfaction_mentors": _satisfaction(Audience.MENTOR),
    "difficulty_change": _difficulty,
    "roadmap_execution": _roadmaps,
}

# the indicators of professional development (issue 18) recompute in their own test module
from nastavnik.monitoring.tests.test_development_indicators import RECOMPUTE_DEVELOPMENT  # noqa: E402

RECOMPUTE.update(RECOMPUTE_DEVELOPMENT)
# …and the share of complete sections «Наставничество» (issue 19)
from nastavnik.monitoring.tests.openness_recompute import RECOMPUTE_OPENNESS  # noqa: E402

RECOMPUTE.update(RECOMPUTE_OPENNESS)
# …and the share of learners who completed the full cycle (issue 20)
from nastavnik.monitoring.tests.learners_recompute import RECOMPUTE_LEARNERS  # noqa: E402

RECOMPUTE.update(RECOMPUTE_LEARNERS)


def _nonzero(parts_by_org: dict) -> dict:
    return {org: tuple(int(x) for x in parts) for org, parts in parts_by_org.items() if any(parts)}


def assert_recomputed(unit: OrgUnit, period: Period) -> dict[str, tuple]:
    """Assert that every registered indicator equals its independent recompute over ``unit``'s
    subtree for ``period``: per organization (the parts) and in total (the roll-up's value).
    Returns ``{code: total parts}`` for further checks."""
    totals = {}
    assert set(RECOMPUTE) == {i.code for i in all_indicators()}, "новый показатель без независимого пересчёта"
    for indicator in all_indicators():
        expected = _nonzero(RECOMPUTE[indicator.code](unit.path, period))
        assert _nonzero(indicator.compute(unit.path, period)) == expected, indicator.code
        total = ()
        for parts in expected.values():
            total = add_parts(total, parts)
        figure = rollup(indicator, unit, period).total
        assert indicator.value(figure.parts) == indicator.value(total), indicator.code
        totals[indicator.code] = tuple(int(x) for x in figure.parts)
    return totals


# --- the tests ----------------------------------------------------------------------------------

PERIODS = [YEAR, year_period(2024), year_period(2026), quarter_period(2025, 1), month_period(2025, 12)]


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.key)
def test_every_indicator_equals_its_independent_recompute(world, period):
    # given the persona world with rows before, inside and after 2025
    build_indicator_world(world)

    # then every indicator, for the region, a municipality and a school, is its recompute
    for unit in (world.region, world.muni1, world.muni2, world.school_a):
        assert_recomputed(unit, period)


def test_the_built_world_gives_the_expected_figures_of_2025(world):
    # given the world of 2025
    build_indicator_world(world)

    # when the region's figures are computed
    totals = assert_recomputed(world.region, YEAR)

    # then each figure is the one the rows were made for
    assert totals["implementing_organizations"] == (1, 3)  # A; not B, not the kindergarten
    assert totals["full_cycle"] == (2,)  # the leaver of A and of B
    assert totals["mentors_over_capacity"] == (2,)  # capacity 1, two open pairs, in A and B
    assert totals["satisfaction_mentees"] == (100, 12, 12)  # the 2024 answers are out
    assert (
        get_indicator("satisfaction_mentees").format(
            get_indicator("satisfaction_mentees").value(totals["satisfaction_mentees"])
        )
        == "8,3"
    )
    change = get_indicator("difficulty_change")
    assert change.format(change.value(totals["difficulty_change"])) == "\u22124,0"
    # school A's roadmap: 2 done of 3 not cancelled; municipality 1's: 1 of 1
    assert totals["roadmap_execution"] == (3, 4)
    # the learners: school A's pupil of October 2025 over its 400; school B entered no contingent
    assert totals["learners_full_cycle"] == (1, 400)
    assert get_indicator("learners_full_cycle").compute(world.school_b.path, YEAR) == {}
    # the mentees of 2025 per school: leaver, young, old mentee (2025 pair); the leaver left
    retention = get_indicator("retention").compute(world.school_a.path, YEAR)
    assert retention[world.school_a.pk] == (2, 3)


def test_periods_cut_by_the_dates_of_pairs_employment_and_documents(world):
    # given the world of 2025
    build_indicator_world(world)
    a = world.school_a.path
    mentees = get_indicator("teachers_as_mentees").compute
    cycle = get_indicator("full_cycle").compute
    implementing = get_indicator("implementing_organizations").compute

    # then 2024 has the 2024 pair only, and the teachers of then (the early leaver, not the newcomer)
    assert mentees(a, year_period(2024))[world.school_a.pk][0] == 1
    # 2025: the leaver, the young teacher and the old mentee
    assert mentees(a, YEAR)[world.school_a.pk][0] == 3
    # the first quarter of 2025: the leaver (February) and the young teacher (March); the old
    # mentee's second pair began in September
    assert mentees(a, quarter_period(2025, 1))[world.school_a.pk][0] == 2
    # the full cycle counts in November 2025 and not in 2024 or in December
    assert cycle(a, month_period(2025, 11)) == {world.school_a.pk: (1,)}
    assert cycle(a, year_period(2024)) == {}
    assert cycle(a, month_period(2025, 12)) == {}
    # the documents were signed and the roadmap approved for 2025: not implementing in 2024
    assert implementing(a, YEAR)[world.school_a.pk] == (1, 1)
    assert implementing(a, year_period(2024))[world.school_a.pk] == (0, 1)


def test_rollup_children_add_up_to_the_total(world):
    # given the world of 2025 and more schools in municipality 1
    build_indicator_world(world)
    grow(world, 2)

    for indicator in all_indicators():
        # when the region is rolled up
        result = rollup(indicator, world.region, YEAR)
        children = ()
        for figure in result.children:
            children = add_parts(children, figure.parts)
        # the units' own rows (a municipality's roadmap) count in the unit above only
        own = indicator.compute(world.region.path, YEAR).get(world.region.pk, ())

        # then the municipalities' parts add up to the region's
        assert add_parts(children, own) == tuple(result.total.parts) or (
            not children and not result.total.parts
        ), indicator.code
        muni1 = next(c for c in result.children if c.unit == world.muni1)
        assert tuple(muni1.parts) == tuple(rollup(indicator, world.muni1, YEAR).total.parts), indicator.code


def test_means_of_fewer_than_five_answers_are_not_given(world):
    # given school B with 3 answers of mentors (and A with 3)
    build_indicator_world(world)
    mentors = get_indicator("satisfaction_mentors")

    # then the mean of one school is not given, that of the two together (6 answers) is
    assert rollup(mentors, world.school_b, YEAR).total.value is None
    assert rollup(mentors, world.region, YEAR).total.value == 9.0


def test_breakdown_and_difficulty_by_area(world):
    # given the world of 2025, the programs of the full cycle with a form of mentoring
    from nastavnik.monitoring.indicators.answers import difficulty_by_area
    from nastavnik.monitoring.indicators.cycle import full_cycle_breakdown, full_cycle_by_organization

    build_indicator_world(world)
    form = MentoringForm.objects.order_by("sort_order").first()

    # then the breakdown counts the two mentees under the form, without category or kind
    breakdown = full_cycle_breakdown(world.region, YEAR)
    assert breakdown["form"] == [(form.name, 2)]
    assert breakdown["category"] == [("категория не указана", 2)]
    assert breakdown["kind"] == [("вид не указан", 2)]
    # the federal figure per organization (``monitoring.federal`` reads it)
    assert full_cycle_by_organization(world.region.path, YEAR) == {world.school_a.pk: 1, world.school_b.pk: 1}
    # the difficulties of the first area: 8,0 before, 4,0 after, in school A and B together
    area = CompetenceArea.objects.order_by("sort_order").first()
    assert difficulty_by_area(world.region, YEAR) == [(area.name, 8.0, 4.0, -4.0)]
    assert difficulty_by_area(world.region, year_period(2024)) == []


def test_demo_indicators_recomputed(db):
    # given the demo region (a small one), whatever monitoring data it has
    from nastavnik.demo.services import demo_region, demo_region_load

    demo_region_load(teachers=60)
    region = demo_region()
    today = timezone.localdate()

    # then every indicator of the region is its independent recompute, this year and the last
    for period in (year_period(today.year), year_period(today.year - 1)):
        assert_recomputed(region, period)
        for municipality in OrgUnit.objects.filter(parent=region)[:2]:
            assert_recomputed(municipality, period)
