"""The demo region loader: structure, identifiers, accounts, pairs, determinism, idempotence."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from stdnum.ru import inn as stdnum_inn

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.demo import data
from nastavnik.demo.accounts import DEMO_LOGINS, DEMO_PASSWORD
from nastavnik.demo.services import demo_region, demo_region_delete, demo_region_load
from nastavnik.demo.staff import allocate, school_year_start
from nastavnik.mentoring.models import Pair
from nastavnik.organizations.choices import Level, MunicipalityType, OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Employment, Person
from nastavnik.people.validators import validate_snils
from nastavnik.reference.models import Position, Subject

TEACHERS = 300
ACCOUNT_PEOPLE = 15  # every demo account but admin and federal has a person
#: Two mentors and three mentees, a teacher in the third year of work and a candidate mentor
#: in each showcase organization: school A, kindergarten A, college A
#: (``demo.accounts.EXTRA_PAIRS``, ``SHOWCASE``).
SHOWCASE_PEOPLE = 21

CITY_OKRUGS = {
    "г. Ханты-Мансийск",
    "г. Сургут",
    "г. Нижневартовск",
    "г. Нефтеюганск",
    "г. Когалым",
    "г. Лангепас",
    "г. Мегион",
    "г. Нягань",
    "г. Покачи",
    "г. Пыть-Ях",
    "г. Радужный",
    "г. Урай",
    "г. Югорск",
}
DISTRICTS = {
    f"{name} район"
    for name in (
        "Белоярский",
        "Берёзовский",
        "Кондинский",
        "Нефтеюганский",
        "Нижневартовский",
        "Октябрьский",
        "Советский",
        "Сургутский",
        "Ханты-Мансийский",
    )
}


@pytest.fixture
def summary(db):
    return demo_region_load(teachers=TEACHERS)


def _unit_of(login: str) -> OrgUnit:
    return RoleAssignment.objects.get(user__username=login).org_unit


def _person_of(login: str) -> Person:
    return Person.objects.get(user__username=login)


def test_allocate_is_proportional_and_exact():
    assert allocate(10, [1, 1, 2]) == [3, 2, 5]
    assert sum(allocate(8000, [0.3, 1.7, 2.25, 0.01])) == 8000
    assert allocate(0, [1, 2]) == [0, 0]


def test_region_under_russia_with_22_municipalities(summary):
    region = demo_region()
    assert region.parent.level == Level.FEDERAL
    assert region.parent.full_name == "Российская Федерация"
    munis = OrgUnit.objects.municipalities().filter(parent=region)
    cities = set(
        munis.filter(municipality_type=MunicipalityType.CITY_OKRUG).values_list("short_name", flat=True)
    )
    districts = set(
        munis.filter(municipality_type=MunicipalityType.DISTRICT).values_list("short_name", flat=True)
    )
    assert cities == CITY_OKRUGS
    assert districts == DISTRICTS
    assert munis.get(short_name="г. Сургут").full_name == (
        "городской округ Сургут Ханты-Мансийского автономного округа – Югры"
    )
    assert munis.get(short_name="Сургутский район").full_name == (
        "Сургутский муниципальный район Ханты-Мансийского автономного округа – Югры"
    )
    assert summary.municipalities == 22


def test_organizations_of_every_kind_valid_and_located(summary):
    orgs = OrgUnit.objects.organizations()
    assert set(orgs.values_list("kind", flat=True)) == set(OrganizationKind.values)
    assert 250 <= orgs.count() <= 350
    assert (
        orgs.get(kind=OrganizationKind.REGIONAL_OPERATOR).short_name == "АУ «Институт развития образования»"
    )
    for unit in orgs.select_related("parent", "municipality"):
        unit.full_clean()  # the model's own checks, uniqueness and constraints included
        assert unit.path == unit.compute_path()
        assert unit.municipality is not None
        town = unit.municipality.short_name.removeprefix("г. ")
        assert unit.address.startswith("628") and data.REGION_FULL_NAME in unit.address
        assert town in unit.address or unit.kind == OrganizationKind.MUNICIPAL_AUTHORITY
        assert unit.email.endswith(".example") and unit.phone.startswith("+7 (")
    # Municipal organizations hang under their municipality; colleges under the region.
    assert not orgs.filter(kind=OrganizationKind.SCHOOL, parent__level=Level.REGION).exists()
    assert not orgs.filter(kind=OrganizationKind.COLLEGE).exclude(parent__level=Level.REGION).exists()
    # Larger cities have more schools.
    schools = orgs.filter(kind=OrganizationKind.SCHOOL)
    assert (
        schools.filter(municipality__short_name="г. Сургут").count()
        > schools.filter(municipality__short_name="г. Покачи").count()
    )


def test_inn_valid_and_unique(summary):
    inns = list(OrgUnit.objects.organizations().values_list("inn", flat=True))
    assert all(stdnum_inn.is_valid(inn) and len(inn) == 10 and inn.startswith("86") for inn in inns)
    assert len(set(inns)) == len(inns)


def test_people_valid_unique_and_consistent(summary):
    # the pedagogical workers (the learners and the participants outside the staff:
    # test_learners_demo)
    people = list(Person.objects.filter(learner__isnull=True, non_staff_roles__isnull=True))
    # Up to two young teachers are added to school A when a small load leaves it none.
    assert len(people) == summary.persons
    drafted = TEACHERS + ACCOUNT_PEOPLE + SHOWCASE_PEOPLE
    assert drafted <= len(people) <= drafted + 2
    female_names = {name for name, *_ in data.FEMALE_FIRST_NAMES}
    male_names = {name for name, *_ in data.MALE_FIRST_NAMES}
    female_patronymics = {f for _, f, _ in data.PATRONYMICS}
    male_patronymics = {m for m, _, _ in data.PATRONYMICS}
    snils = [p.snils for p in people]
    assert len(set(snils)) == len(snils)
    today = timezone.localdate()
    for person in people:
        validate_snils(person.snils)
        person.clean_fields(exclude=["position", "user"])
        person.clean()
        assert 1960 <= person.birth_date.year <= 2003
        assert person.pedagogical_experience_years <= person.total_experience_years
        assert person.total_experience_years <= person.age(today) - 18
        # Names agree with the sex.
        if person.sex == "F":
            assert person.first_name in female_names and person.middle_name in female_patronymics
            assert person.last_name.endswith(("а", "я")), person.full_name
        else:
            assert person.first_name in male_names and person.middle_name in male_patronymics
    jobs = Employment.objects.select_related("person")
    assert jobs.filter(is_primary=True).count() == len(people)
    for job in jobs:
        assert job.started_on <= today
        years_here = (today - job.started_on).days // 365
        assert years_here <= job.person.pedagogical_experience_years + 1


def test_positions_fit_the_kind_of_organization(summary):
    if not Position.objects.filter(name="Учитель").exists():
        pytest.skip("the reference data has no positions")
    jobs = Employment.objects.filter(is_primary=True, person__user__isnull=True)
    assert set(
        jobs.filter(organization__kind=OrganizationKind.KINDERGARTEN).values_list("position__name", flat=True)
    ) <= {
        "Воспитатель",
        "Старший воспитатель",
        "Музыкальный руководитель",
        "Инструктор по физической культуре",
        "Учитель-логопед",
        "Педагог-психолог",
    }
    assert "Учитель" in set(
        jobs.filter(organization__kind=OrganizationKind.SCHOOL).values_list("position__name", flat=True)
    )
    assert not jobs.filter(organization__kind=OrganizationKind.SCHOOL, position__name="Воспитатель").exists()
    if Subject.objects.exists():
        teachers = Person.objects.filter(position__name="Учитель")
        assert not teachers.filter(subjects__isnull=True).exists()


def test_jobs_carry_the_titles_of_the_staff_schedule(summary):
    if not Position.objects.filter(name="Учитель").exists():
        pytest.skip("the reference data has no positions")
    # every job of the demo has its title as the staff schedule writes it (issue 15 item 2)
    jobs = Employment.objects.select_related("person", "organization", "position")
    assert not jobs.filter(is_primary=True, job_title="").exists()
    for job in jobs:
        title = job.job_title
        assert (
            "(" not in title.replace("труда (технологии)", "") and "образовательной организации" not in title
        )
        assert title == title[:1].lower() + title[1:]
        if job.is_primary:
            assert title == job.person.job_title
        if job.position and job.position.name == "Учитель" and job.is_primary and job.person.user_id is None:
            assert title.startswith("учитель ") and len(title) > len("учитель ")
    titles = {login: _person_of(login).job_title for login in ("head", "curator", "head_dou", "curator_dou")}
    assert titles == {
        "head": "директор",
        "curator": "заместитель директора по УВР",
        "head_dou": "заведующий",
        "curator_dou": "старший воспитатель",
    }
    assert set(
        jobs.filter(organization__kind=OrganizationKind.KINDERGARTEN, person__user__isnull=True).values_list(
            "job_title", flat=True
        )
    ) <= {
        "воспитатель",
        "старший воспитатель",
        "музыкальный руководитель",
        "инструктор по физической культуре",
        "учитель-логопед",
        "педагог-психолог",
    }


def test_the_showcase_organizations_have_what_their_package_needs(summary):
    # given school A, kindergarten A and college A of the demo (their whole package is shown)
    from nastavnik.bank.models import MentorProfile, PersonalDataConsent
    from nastavnik.mentoring.models import MentorReport, PersonalizedProgram
    from nastavnik.roadmaps.models import Roadmap

    for head, curator, kind in (
        ("head", "curator", OrganizationKind.SCHOOL),
        ("head_dou", "curator_dou", OrganizationKind.KINDERGARTEN),
        ("head_spo", "curator_spo", OrganizationKind.COLLEGE),
    ):
        unit = _unit_of(head)
        # then each has its head and curator with person cards working there
        assert unit.kind == kind and _unit_of(curator) == unit
        for login in (head, curator):
            assert _person_of(login).employments.get().organization == unit
        # an approved roadmap, pairs with programs, consents, a mentor's report of last year
        assert Roadmap.objects.filter(owner=unit, status="approved").exists()
        pairs = Pair.objects.filter(organization=unit, ended_on__isnull=True)
        assert pairs.count() >= 2 and not pairs.filter(program__isnull=True).exists()
        people = {p.mentor_id for p in pairs} | {p.mentee_id for p in pairs}
        consented = set(
            PersonalDataConsent.objects.filter(person_id__in=people).values_list("person_id", flat=True)
        )
        assert consented == people
        assert MentorReport.objects.filter(program__organization=unit).exists()
        assert MentorProfile.objects.filter(
            organization=unit, status__in=("candidate", "selected", "trained")
        )
        assert not PersonalizedProgram.objects.filter(organization=unit, curator__isnull=True).exists()
        # a mentor replaced on the mentee's request, a mentor released on their own
        ended = Pair.objects.filter(organization=unit, requests__status="approved")
        assert ended.filter(end_reason="mentor_replaced", requests__new_pair__isnull=False).exists()
        assert ended.filter(end_reason="mentor_released").exists()


def test_every_role_has_an_account(summary):
    User = get_user_model()
    roles = set(RoleAssignment.objects.filter(user__username__in=DEMO_LOGINS).values_list("role", flat=True))
    assert roles == set(Role.values)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="mentor").check_password(DEMO_PASSWORD)
    assert _unit_of("operator") == demo_region()
    assert _unit_of("coordinator").short_name == "г. Сургут"
    assert _unit_of("tutor").short_name == "г. Сургут"
    school_a, school_b = _unit_of("head"), _unit_of("curator2")
    assert school_a.kind == school_b.kind == OrganizationKind.SCHOOL
    assert school_a.municipality.short_name == "г. Сургут"
    assert school_b.municipality.short_name == "г. Нижневартовск"
    for login in ("curator", "council", "psychologist", "mentor", "mentee"):
        assert _unit_of(login) == school_a
    # Each account's person works where the role sits.
    employer = {
        "operator": OrganizationKind.REGIONAL_OPERATOR,
        "coordinator": OrganizationKind.MUNICIPAL_AUTHORITY,
        "tutor": OrganizationKind.CNPPM,
        "cnppm": OrganizationKind.CNPPM,
    }
    # The federal operator watches the regions from the federal level, with no person card (the
    # Academy is not in the demo tree) but a name of its own (issue 16).
    federal = User.objects.get(username="federal")
    assert _unit_of("federal") == demo_region().parent and not hasattr(federal, "person")
    assert federal.get_full_name() == "Елена Викторовна Соколова"
    # The contest's expert sits on the region's panel and teaches at school B (issue 19): an
    # expert of Нижневартовск, who never scores its application.
    assert _unit_of("expert") == demo_region()
    assert _person_of("expert").employments.get().organization == school_b
    for login in set(DEMO_LOGINS) - {"admin", "federal", "expert"}:
        job = _person_of(login).employments.get()
        if login in employer:
            assert job.organization.kind == employer[login]
        else:
            assert job.organization == _unit_of(login)
    assert _person_of("coordinator").employments.get().organization.municipality.short_name == "г. Сургут"
    assert {a.login for a in summary.accounts} == set(DEMO_LOGINS)


def test_demo_mentor_has_two_or_three_mentees_including_the_demo_mentee(summary):
    mentor, mentee = _person_of("mentor"), _person_of("mentee")
    pairs = Pair.objects.active().filter(mentor=mentor)
    assert 2 <= pairs.count() <= 3
    assert pairs.filter(mentee=mentee).exists()
    assert {p.organization for p in pairs} == {_unit_of("mentor")}


def test_pairs_are_sound_and_involve_about_15_percent_of_school_teachers(db):
    # Big enough for every school to have a few teachers (at 300 most have one or none).
    summary = demo_region_load(teachers=1500)
    assert Pair.objects.count() == summary.pairs
    # This school year's pairs of pedagogical workers (the learners' pairs: test_learners_demo);
    # last year's completed ones are checked with the programs.
    pairs = (
        Pair.objects.filter(ended_on__isnull=True, mentee__learner__isnull=True)
        .exclude(mentor__non_staff_roles__isnull=False)
        .exclude(mentor__learner__isnull=False)
        .select_related("mentor", "mentee")
    )
    teachers = Employment.objects.filter(
        is_primary=True, organization__kind=OrganizationKind.SCHOOL, person__position__name="Учитель"
    ).count()
    if teachers:  # the reference data has positions
        in_pairs = len(
            set(pairs.values_list("mentor_id", flat=True)) | set(pairs.values_list("mentee_id", flat=True))
        )
        assert 0.10 <= in_pairs / teachers <= 0.20
    today = timezone.localdate()
    showcase = {_unit_of("head_dou"), _unit_of("head_spo")}
    for pair in pairs:
        assert pair.mentor_id != pair.mentee_id and pair.ended_on is None
        assert school_year_start(today) <= pair.started_on <= today
        # school teachers, and the pairs of kindergarten A and college A
        assert pair.organization.kind == OrganizationKind.SCHOOL or pair.organization in showcase
        for person in (pair.mentor, pair.mentee):
            job = person.employments.get(organization=pair.organization, is_primary=True)
            assert job.started_on <= pair.started_on
        assert pair.mentor.pedagogical_experience_years >= 5
        assert pair.mentee.pedagogical_experience_years <= 5
    assert not set(pairs.values_list("mentor_id", flat=True)) & set(pairs.values_list("mentee_id", flat=True))


def _identity() -> list[tuple]:
    return list(
        Person.objects.order_by("pk").values_list(
            "last_name", "first_name", "middle_name", "birth_date", "snils"
        )
    )


def test_same_seed_gives_same_people(db):
    demo_region_load(teachers=120, seed=7)
    first = _identity()
    inns = sorted(OrgUnit.objects.exclude(inn="").values_list("inn", flat=True))
    demo_region_load(teachers=120, seed=7, reset=True)
    assert _identity() == first
    assert sorted(OrgUnit.objects.exclude(inn="").values_list("inn", flat=True)) == inns
    demo_region_load(teachers=120, seed=8, reset=True)
    assert _identity() != first


def test_second_call_changes_nothing(summary):
    counts = (
        OrgUnit.objects.count(),
        Person.objects.count(),
        Pair.objects.count(),
        get_user_model().objects.count(),
    )
    again = demo_region_load(teachers=TEACHERS)
    assert not again.created and summary.created
    assert (again.persons, again.pairs, again.organizations) == (
        summary.persons,
        summary.pairs,
        summary.organizations,
    )
    assert counts == (
        OrgUnit.objects.count(),
        Person.objects.count(),
        Pair.objects.count(),
        get_user_model().objects.count(),
    )


def test_existing_admin_is_kept_and_reset_leaves_it(db):
    User = get_user_model()
    User.objects.create_superuser("admin", "admin@example.org", "own-password-1")
    outsider = Person.objects.create(
        last_name="Сторонняя", first_name="Анна", sex="F", birth_date=dt.date(1990, 1, 1)
    )
    summary = demo_region_load(teachers=50)
    admin_row = next(a for a in summary.accounts if a.login == "admin")
    assert admin_row.password == "(прежний)"
    assert User.objects.get(username="admin").check_password("own-password-1")

    demo_region_delete()
    assert demo_region() is None
    assert list(Person.objects.all()) == [outsider]
    assert not Pair.objects.exists() and not Employment.objects.exists()
    assert list(User.objects.values_list("username", flat=True)) == ["admin"]
    assert OrgUnit.objects.filter(level=Level.FEDERAL).count() == 1


def test_command_prints_accounts_and_is_idempotent(db):
    out = StringIO()
    call_command("load_demo", "--teachers", "40", "--force", stdout=out)
    text = out.getvalue()
    assert "Демонстрационный регион загружен." in text
    for word in ("логин", "пароль", "роль", "организация", "curator2", DEMO_PASSWORD, "Наставник"):
        assert word in text
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert "уже загружен" in out.getvalue() and "mentee" in out.getvalue()
    drafted = 40 + ACCOUNT_PEOPLE + SHOWCASE_PEOPLE
    workers = Person.objects.filter(learner__isnull=True, non_staff_roles__isnull=True)
    assert drafted <= workers.count() <= drafted + 2


def test_negative_teachers_is_refused(db):
    with pytest.raises(ValueError):
        demo_region_load(teachers=-1)


def test_school_year_start():
    assert school_year_start(dt.date(2026, 11, 21)) == dt.date(2026, 9, 1)
    assert school_year_start(dt.date(2027, 3, 1)) == dt.date(2026, 9, 1)


def test_consents_cover_almost_everyone_and_every_account(summary):
    from django.contrib.auth import get_user_model

    from nastavnik.bank.models import PersonalDataConsent

    people = Person.objects.count()
    with_consent = (
        PersonalDataConsent.objects.filter(withdrawn_on__isnull=True).values("person").distinct().count()
    )
    assert 0 < people - with_consent <= people // 40 + 1
    accounts = get_user_model().objects.filter(person__isnull=False)
    assert not accounts.exclude(person__pd_consents__withdrawn_on__isnull=True).exists()


def test_every_pair_works_on_a_program_in_every_status(db):
    from django.db.models import Count

    from nastavnik.bank.models import MenteeProfile
    from nastavnik.matching.selectors import pool_facts
    from nastavnik.mentoring.choices import ProgramFormat, ProgramStatus
    from nastavnik.mentoring.models import Meeting, MentoringProgram, PersonalizedProgram
    from nastavnik.mentoring.periods import program_period_errors

    demo_region_load(teachers=1500)
    assert not Pair.objects.filter(program__isnull=True).exists()
    programs = PersonalizedProgram.objects.all()
    assert set(programs.values_list("status", flat=True)) >= {
        ProgramStatus.DRAFT,
        ProgramStatus.APPROVED,
        ProgramStatus.ACTIVE,
        ProgramStatus.COMPLETED,
    }
    mentor = _person_of("mentor")
    several = (
        Pair.objects.filter(ended_on__isnull=True)
        .exclude(mentor=mentor)
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
    )
    if several.exists():  # a mentor with two or more mentees (the demo mentor's work in pairs)
        assert programs.filter(format=ProgramFormat.GROUP).exists()
    for program in programs:
        assert program_period_errors(program.starts_on, program.ends_on) == []
        assert program.events.filter(kind="created").count() == 1
        mentors = set(program.pairs.filter(ended_on__isnull=True).values_list("mentor_id", flat=True))
        assert len(mentors) <= 1  # a pair, or a group of one mentor (none: ended on a request)
    # Completed: the pair ended, the «full cycle» mark set, the five kinds of meetings held.
    for program in programs.filter(status=ProgramStatus.COMPLETED):
        pair = program.pairs.get()
        assert pair.ended_on == program.completed_on and pair.end_reason == "completed"
        assert MenteeProfile.objects.get(person=pair.mentee).full_cycle_completed_on == program.completed_on
        held = set(program.meetings.filter(status="held").values_list("meeting_type__code", flat=True))
        assert held == {"acquaintance", "trial_working", "planning", "consecutive_series", "final"}
        assert program.mentor_report.results
    # The demo mentor's pairs are active with a planned meeting ahead.
    for program in programs.filter(pairs__mentor=mentor):
        assert program.status == ProgramStatus.ACTIVE
        assert program.meetings.filter(status="planned", starts_at__gte=timezone.now()).exists()
    assert Meeting.objects.filter(status="held", attendance__isnull=True).count() == 0
    assert MentoringProgram.objects.filter(organization=_unit_of("curator")).exists()
    # The demo curator's school has mentees waiting for a mentor, and suggestions for them.
    pool = pool_facts(unit=_unit_of("curator"))
    assert len(pool.mentees) >= 4


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="статистика планировщика есть только в PostgreSQL"
)
def test_the_planner_knows_the_loaded_tables(summary):
    """PostgreSQL's statistics are gathered after the load: without them the planner takes the
    tables for empty until autovacuum comes by, and the register of risks ran nested loops over
    the answers for 0.8 s instead of 0.08 s (found by the load benchmark)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN ('monitoring_answer', 'people_person')"
        )
        estimates = dict(cursor.fetchall())
    assert estimates["people_person"] >= TEACHERS
    assert estimates["monitoring_answer"] > 0
