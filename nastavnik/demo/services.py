"""Loading the demo region (ХМАО – Югра): the entry points the command and the tests call."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from faker import Faker

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.demo import data
from nastavnik.demo.accounts import (
    COLLEGE_A,
    DEMO_ACCOUNTS,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    KINDERGARTEN_A,
    SCHOOL_A,
    SCHOOL_B,
    SHOWCASE,
    SUPERUSER_LABEL,
    accounts_create,
)
from nastavnik.demo.bank import bank_write
from nastavnik.demo.development import ROUTE_STAGES, development_delete, development_write
from nastavnik.demo.documents import documents_delete, documents_write
from nastavnik.demo.learners import learners_delete, learners_write
from nastavnik.demo.monitoring import monitoring_delete, monitoring_write
from nastavnik.demo.openness import openness_delete, openness_write
from nastavnik.demo.programs import programs_write, requests_write
from nastavnik.demo.roadmaps import roadmaps_write
from nastavnik.demo.staff import Catalog, StaffGenerator, consents_write, staff_write
from nastavnik.demo.tree import tree_build
from nastavnik.mentoring.models import MentoringProgram, Pair, PersonalizedProgram
from nastavnik.organizations.choices import Level, OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Employment, Person
from nastavnik.roadmaps.choices import RoadmapStatus
from nastavnik.roadmaps.models import Roadmap, RoadmapEvidence

#: Staff reserved for the demo schools on top of their share, so that small test loads
#: still give school A teachers for the demo mentor's pairs.
RESERVED_STAFF = {"school_a": 8, "school_b": 4}


@dataclass(frozen=True)
class DemoAccount:
    """A row of the accounts table: login, password («(прежний)» for a pre-existing user),
    role label and where the role sits."""

    login: str
    password: str
    role: str
    organization: str


@dataclass
class DemoSummary:
    """What the demo region holds after :func:`demo_region_load`.

    ``created`` is ``False`` when the region was already there and nothing was written.
    Counts are read from the database over the region's subtree; ``seconds`` is the wall time
    of the call.
    """

    created: bool
    accounts: list[DemoAccount]
    municipalities: int = 0
    organizations: int = 0
    organizations_by_kind: dict[str, int] = field(default_factory=dict)  # kind label → count
    persons: int = 0
    employments: int = 0
    pairs: int = 0
    seconds: float = 0.0

    def render(self) -> str:
        """The Russian report: the accounts table, the counts and the time."""
        lines = [
            "Демонстрационный регион загружен." if self.created else "Демонстрационный регион уже загружен.",
            "",
            "Демонстрационные учётные записи:",
        ]
        header = ("логин", "пароль", "роль", "организация")
        rows = [(a.login, a.password, a.role, a.organization) for a in self.accounts]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
        for row in [header, *rows]:
            lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
            if row is header:
                lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(header[3]))
        lines += [
            "",
            f"Муниципальных образований: {self.municipalities}",
            f"Организаций: {self.organizations}",
            *(f"  {label}: {count}" for label, count in self.organizations_by_kind.items()),
            f"Педагогических работников: {self.persons}",
            f"Мест работы: {self.employments}",
            f"Наставнических пар: {self.pairs}",
            f"Время: {self.seconds:.1f} с",
        ]
        return "\n".join(lines)


def demo_region() -> OrgUnit | None:
    """The demo region unit (by its name, under the federal level), or ``None``."""
    return OrgUnit.objects.filter(level=Level.REGION, full_name=data.REGION_FULL_NAME).first()


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(f"{message}\n")


def demo_region_load(
    *, seed: int = 2026, teachers: int = 8000, reset: bool = False, stdout=None
) -> DemoSummary:
    """Load the demo region in one transaction, or do nothing if it is there already.

    Writes Khanty-Mansi Autonomous Okrug – Yugra under «Российская Федерация», its 22
    municipalities, ~300 organizations of every kind with valid unique ИНН, ``teachers``
    pedagogical workers (plus the ten people behind the demo accounts) with valid unique СНИЛС,
    jobs with their staff-schedule titles, subjects and mentoring pairs, the demo accounts
    (password ``demo12345``), and the roadmaps of the region, of every municipality and of a
    dozen organizations in every status (``demo.roadmaps``; school A, kindergarten A and college
    A approved), the founding documents of most organizations signed in the
    document registry (``demo.documents``), and the professional development of school A and
    school B (``demo.development``: the catalogue of courses with enrolments and certificates,
    diagnoses, routes at every step, the tutor's assignments).
    The same ``seed`` gives the same organizations and people (names, birth dates, СНИЛС);
    experience and dates follow the current date.

    ``reset`` first deletes the region with everything under it (:func:`demo_region_delete`).
    ``stdout`` (anything with ``write(str)``) receives progress lines.

    Raises:
        ValueError: ``teachers`` is negative.
        django.db.models.ProtectedError: on ``reset``, when data outside the region refers
            to the region's people or units (nothing is deleted then).
    """
    if teachers < 0:
        raise ValueError("Число педагогических работников не может быть отрицательным.")
    started = time.perf_counter()
    with transaction.atomic():
        if reset:
            demo_region_delete(stdout=stdout)
        elif demo_region() is not None:
            return _summary(created=False, started=started)

        rng, timeline = random.Random(seed), random.Random(f"{seed}/timeline")
        faker = Faker("ru_RU")
        faker.seed_instance(seed)

        used_inns = set(OrgUnit.objects.exclude(inn="").values_list("inn", flat=True))
        tree = tree_build(rng=rng, used_inns=used_inns)
        _say(stdout, f"Организации созданы: {len(tree.orgs)} ({time.perf_counter() - started:.1f} с)")

        generator = StaffGenerator(
            rng=rng,
            timeline=timeline,
            faker=faker,
            today=timezone.localdate(),
            catalog=Catalog.load(),
            used_snils=set(Person.objects.exclude(snils=None).values_list("snils", flat=True)),
        )
        staff = generator.staff(tree, teachers, reserved=RESERVED_STAFF)
        account_people, account_pairs = accounts_create(tree=tree, generator=generator, staff=staff)
        generator.second_jobs(staff, tree)
        busy = {id(p.mentee) for p in account_pairs}
        pairs = generator.pairs(staff, exclude=busy) + account_pairs
        _say(
            stdout,
            f"Педагогические работники подготовлены: {len(staff) + len(account_people)} "
            f"({time.perf_counter() - started:.1f} с)",
        )

        staff_write(staff + account_people, pairs)
        # Everyone in the pairs of the showcase organizations has consented: their packages hold
        # every document (elsewhere one person in forty has not, so the refusals show too).
        showcased = {id(d): d for p in pairs for d in (p.mentor, p.mentee) if d.org.key in SHOWCASE}
        consents_write(
            [d for d in staff if id(d) not in showcased],
            always=[
                *account_people,
                *(d for key, d in showcased.items() if key not in set(map(id, account_people))),
            ],
        )
        _say(stdout, f"Работники, места работы и пары записаны ({time.perf_counter() - started:.1f} с)")
        mentors, mentees = bank_write(
            region=tree.region,
            rng=random.Random(f"{seed}/bank"),
            today=timezone.localdate(),
            curator_org=tree.org(SCHOOL_A).unit,
            showcase=tuple(tree.org(key).unit for key in SHOWCASE),
        )
        _say(
            stdout,
            f"Банк: наставников — {mentors}, наставляемых — {mentees} ({time.perf_counter() - started:.1f} с)",
        )
        programs = programs_write(
            region=tree.region,
            rng=random.Random(f"{seed}/programs"),
            today=timezone.localdate(),
            curator_org=tree.org(SCHOOL_A).unit,
            showcase=tuple(tree.org(key).unit for key in SHOWCASE),
        )
        _say(
            stdout,
            f"Программы: {programs.programs}, из них завершённых — {programs.completed}; встреч — "
            f"{programs.meetings} ({time.perf_counter() - started:.1f} с)",
        )
        requests = requests_write(
            showcase=tuple(tree.org(key).unit for key in SHOWCASE), today=timezone.localdate()
        )
        _say(
            stdout,
            f"Заявления: наставник заменён — {requests.replaced}, освобождён — {requests.released} "
            f"({time.perf_counter() - started:.1f} с)",
        )
        roadmaps = roadmaps_write(
            region=tree.region,
            rng=random.Random(f"{seed}/roadmaps"),
            today=timezone.localdate(),
            school_a=tree.org(SCHOOL_A).unit,
            school_b=tree.org(SCHOOL_B).unit,
            approved=tuple(tree.org(key).unit for key in SHOWCASE if key not in (SCHOOL_A, SCHOOL_B)),
        )
        statuses = ", ".join(
            f"{RoadmapStatus(status).label.lower()} — {count}" for status, count in roadmaps.by_status.items()
        )
        _say(
            stdout,
            f"Дорожные карты: региональная — {roadmaps.regional}, муниципальных — {roadmaps.municipal}, "
            f"организаций — {roadmaps.organizations} ({statuses}) ({time.perf_counter() - started:.1f} с)",
        )
        documents = documents_write(
            region=tree.region,
            rng=random.Random(f"{seed}/documents"),
            today=timezone.localdate(),
            always=(
                tree.org(SCHOOL_A).unit,
                tree.org(SCHOOL_B).unit,
                *(tree.org(key).unit for key in SHOWCASE if key not in (SCHOOL_A, SCHOOL_B)),
            ),
            payments=tuple(tree.org(key).unit for key in SHOWCASE),
        )
        _say(
            stdout,
            f"Документы: Положение и приказы подписаны в {documents.signed_organizations} организациях, "
            f"приказ о внедрении не подписан в {documents.draft_orders} ({time.perf_counter() - started:.1f} с)",
        )
        development = development_write(
            region=tree.region,
            rng=random.Random(f"{seed}/development"),
            today=timezone.localdate(),
            school_a=tree.org(SCHOOL_A).unit,
            school_b=tree.org(SCHOOL_B).unit,
            others=(tree.org(KINDERGARTEN_A).unit, tree.org(COLLEGE_A).unit),
        )
        stages = ", ".join(
            f"{label} — {development.routes.get(key, 0)}" for key, label in ROUTE_STAGES.items()
        )
        _say(
            stdout,
            f"Профессиональное развитие: программ повышения квалификации — {development.courses}, "
            f"прошедших обучение наставничеству — {development.trained}, диагностик — "
            f"{development.diagnoses}, маршрутов: {stages} ({time.perf_counter() - started:.1f} с)",
        )
        monitoring = monitoring_write(
            region=tree.region, rng=random.Random(f"{seed}/monitoring"), today=timezone.localdate()
        )
        _say(
            stdout,
            f"Мониторинг: ответов на анкеты — {monitoring.answers} (анонимных — {monitoring.anonymous}), "
            f"мониторингов — {monitoring.campaigns}, федеральные сведения подтверждены — "
            f"{monitoring.federal_confirmed}, не подтверждены — {monitoring.federal_missing}, рисков — "
            f"{monitoring.risks} ({time.perf_counter() - started:.1f} с)",
        )
        for line in openness_write(
            region=tree.region,
            school_a=tree.org(SCHOOL_A).unit,
            school_b=tree.org(SCHOOL_B).unit,
            showcase=tuple(tree.org(key).unit for key in SHOWCASE),
            seed=seed,
            today=timezone.localdate(),
        ):
            _say(stdout, f"{line} ({time.perf_counter() - started:.1f} с)")
        learners = dict(school_a=tree.org(SCHOOL_A).unit, college=tree.org(COLLEGE_A).unit, seed=seed)
        for line in learners_write(region=tree.region, **learners, today=timezone.localdate()):
            _say(stdout, f"{line} ({time.perf_counter() - started:.1f} с)")
    if connection.vendor == "postgresql":
        # The planner's statistics of the tables just filled: without them PostgreSQL takes every
        # table for nearly empty until autovacuum comes by, and the register of risks ran nested
        # loops over the answers for 0.8 s instead of 0.08 s in the minutes after a load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return _summary(created=True, started=started)


def demo_region_delete(*, stdout=None) -> None:
    """Delete the demo region and everything under it: the professional development (routes,
    diagnoses, enrolments with their files, the catalogue of courses), roadmaps (with their evidence files),
    pairs, people who work only there, jobs, role assignments, units, and the demo user accounts created by the loader (those
    with the demo e-mail domain; a pre-existing ``admin`` stays). The federal unit stays.

    Runs in a transaction. Does nothing when there is no demo region.

    Raises:
        django.db.models.ProtectedError: data outside the region refers to its people or units.
    """
    region = demo_region()
    with transaction.atomic():
        if region is not None:
            inside = {"organization__path__startswith": region.path}
            # The incentives, contests, practices and sections (issue 19) refer to everything below.
            openness_delete(region)
            # Routes, enrolments and courses protect their organizations and the region: first.
            development_delete(region)
            monitoring_delete(region)
            documents_delete(region)
            learners_delete(region)  # learners, their pairs and partners: before the region's pairs and units
            # Roadmaps protect their owners: they go first, with their evidence files.
            roadmaps = Roadmap.objects.filter(owner__path__startswith=region.path)
            for evidence in RoadmapEvidence.objects.filter(item__roadmap__in=roadmaps).only("file"):
                evidence.file.delete(save=False)
            roadmaps.delete()
            Pair.objects.filter(**inside).delete()
            PersonalizedProgram.objects.filter(**inside).delete()
            MentoringProgram.objects.filter(**inside).delete()
            Person.objects.filter(pk__in=Employment.objects.filter(**inside).values("person_id")).exclude(
                pk__in=Employment.objects.exclude(**inside).values("person_id")
            ).delete()
            Employment.objects.filter(**inside).delete()
            units = OrgUnit.objects.subtree(region)
            for level in (Level.ORGANIZATION, Level.MUNICIPALITY, Level.REGION):
                units.filter(level=level).delete()
            _say(stdout, "Прежний демонстрационный регион удалён.")
        get_user_model().objects.filter(
            username__in=DEMO_LOGINS, email__endswith=f"@{data.DEMO_USER_MAIL_DOMAIN}"
        ).delete()


def _accounts() -> list[DemoAccount]:
    """The demo accounts as they are in the database, in the order of ``DEMO_ACCOUNTS``."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_LOGINS)}
    grants: dict[str, list[RoleAssignment]] = {}
    for ra in (
        RoleAssignment.objects.filter(user__in=users.values())
        .select_related("user", "org_unit__municipality")
        .order_by("pk")
    ):
        grants.setdefault(ra.user.username, []).append(ra)
    rows = []
    for spec in DEMO_ACCOUNTS:
        user = users.get(spec.login)
        if user is None:
            continue
        password = DEMO_PASSWORD if user.email.endswith(f"@{data.DEMO_USER_MAIL_DOMAIN}") else "(прежний)"
        if user.is_superuser and spec.role is None:
            rows.append(DemoAccount(spec.login, password, SUPERUSER_LABEL, "—"))
        for ra in grants.get(spec.login, []):
            unit = ra.org_unit
            where = str(unit)
            if unit.level == Level.ORGANIZATION and unit.municipality_id:
                where = f"{where}, {unit.municipality}"
            rows.append(DemoAccount(spec.login, password, Role(ra.role).label, where))
    return rows


def _summary(*, created: bool, started: float) -> DemoSummary:
    summary = DemoSummary(created=created, accounts=_accounts())
    region = demo_region()
    if region is not None:
        units = OrgUnit.objects.subtree(region)
        inside = {"organization__path__startswith": region.path}
        summary.municipalities = units.municipalities().count()
        by_kind = dict(units.organizations().values_list("kind").annotate(n=Count("pk")))
        summary.organizations = sum(by_kind.values())
        summary.organizations_by_kind = {
            kind.label: by_kind[kind.value] for kind in OrganizationKind if by_kind.get(kind.value)
        }
        summary.persons = Person.objects.filter(
            pk__in=Employment.objects.filter(**inside).values("person_id")
        ).count()
        summary.employments = Employment.objects.filter(**inside).count()
        summary.pairs = Pair.objects.filter(**inside).count()
    summary.seconds = time.perf_counter() - started
    return summary
