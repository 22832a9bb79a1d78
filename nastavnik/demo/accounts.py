"""Demo accounts: one user for every role of the target model, each linked to a person (but the
federal operator's, whose Academy is not in the demo tree: the account carries the name itself).

The people behind the accounts work where their role sits (seed 000 §4.1–4.3): the regional
operator in АУ «Институт развития образования», the municipal coordinator in the education
department of Сургут, the tutor and the ЦНППМ's coordinator (whose role sits on the region) in
ЦНППМ, the head, curator, council member, psychologist, mentor and mentee in school A (Сургут),
the second curator in school B (Нижневартовск), the head and the curator of kindergarten A and
of college A (Сургут). The whole package of documents of
school A, kindergarten A and college A is there to see: each has a mentor with two mentees and a
mentor with one drafted here (:data:`EXTRA_PAIRS`), so that it has pairs, programs, consents, a
replaced and a released mentor whatever the load.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.demo.data import DEMO_USER_MAIL_DOMAIN
from nastavnik.demo.staff import TEACHER, Draft, PairDraft, StaffGenerator
from nastavnik.demo.tree import DemoTree
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choices import QualificationCategory as Category
from nastavnik.people.models import Person

DEMO_PASSWORD = "demo12345"
SUPERUSER_LABEL = "Администратор системы (суперпользователь)"


@dataclass(frozen=True)
class AccountSpec:
    """One demo account.

    ``unit`` is where the role sits: «federal», «region», «muni:<name>» or an organization key
    of ``DemoTree`` («school_a»); ``employer`` the organization key of the person's job ("" — no
    person). The rest describe the person (see ``StaffGenerator.person``); ``title`` is the job
    title of the staff schedule; ``role`` ``None`` means the superuser; ``name`` — ``(first name
    and patronymic, last name)`` of an account without a person.
    """

    login: str
    role: str | None
    unit: str = ""
    employer: str = ""
    position: tuple[str, ...] = ()
    subjects: tuple[str, ...] | None = None
    birth_years: tuple[int, int] | None = None
    experience: int | None = None
    category: str | None = None
    profile: str | None = None
    title: str = ""  # the job title of the staff schedule ("" — derived, ``staff.job_title``)
    name: tuple[str, str] = ("", "")


SCHOOL_A, SCHOOL_B, SURGUT = "school_a", "school_b", "muni:Сургут"
KINDERGARTEN_A, COLLEGE_A = "kindergarten_a", "college_a"
MENTOR_SUBJECTS = ("математика",)  # the demo mentor's, and the demo mentee's

DEMO_ACCOUNTS: tuple[AccountSpec, ...] = (
    # The federal operator (seed 000 §4.4.1; issue 16): watches the regions from the federal level.
    AccountSpec("federal", Role.NATIONAL_OPERATOR, "federal", name=("Елена Викторовна", "Соколова")),
    AccountSpec(
        "operator",
        Role.REGIONAL_OPERATOR,
        "region",
        "regional_operator",
        ("старший методист", "методист"),
        birth_years=(1972, 1982),
        experience=20,
        category=Category.HIGHEST,
    ),
    AccountSpec(
        "coordinator",
        Role.MUNICIPAL_COORDINATOR,
        SURGUT,
        "authority:Сургут",
        birth_years=(1975, 1985),
        experience=12,
        category=Category.FIRST,
        profile="regional_operator",
        title="главный специалист",
    ),
    AccountSpec(
        "head",
        Role.HEAD,
        SCHOOL_A,
        SCHOOL_A,
        ("директор", TEACHER),
        ("история", "обществознание"),
        (1968, 1976),
        26,
        Category.HIGHEST,
        title="директор",
    ),
    AccountSpec(
        "curator",
        Role.CURATOR,
        SCHOOL_A,
        SCHOOL_A,
        ("заместитель директора", TEACHER),
        ("русский язык", "литература"),
        (1976, 1985),
        17,
        Category.HIGHEST,
        title="заместитель директора по УВР",
    ),
    AccountSpec(
        "council",
        Role.MENTOR_COUNCIL_MEMBER,
        SCHOOL_A,
        SCHOOL_A,
        (TEACHER,),
        ("начальные классы",),
        (1972, 1982),
        20,
        Category.METHODIST,
    ),
    AccountSpec(
        "psychologist",
        Role.PSYCHOLOGIST,
        SCHOOL_A,
        SCHOOL_A,
        ("педагог-психолог",),
        None,
        (1985, 1992),
        9,
        Category.FIRST,
    ),
    AccountSpec(
        "mentor",
        Role.MENTOR,
        SCHOOL_A,
        SCHOOL_A,
        (TEACHER,),
        MENTOR_SUBJECTS,
        (1970, 1980),
        22,
        Category.MENTOR,
    ),
    AccountSpec(
        "mentee", Role.MENTEE, SCHOOL_A, SCHOOL_A, (TEACHER,), MENTOR_SUBJECTS, (2001, 2003), 0, Category.NONE
    ),
    AccountSpec("tutor", Role.TUTOR, SURGUT, "cnppm", ("тьютор",), None, (1980, 1988), 14, Category.HIGHEST),
    # The coordinator of the ЦНППМ (seed 000 §4.3.2; issue 18): keeps the catalogue of courses and
    # assigns the tutors; works in the ЦНППМ, the role sits on the region.
    AccountSpec(
        "cnppm",
        Role.TUTOR_COORDINATOR,
        "region",
        "cnppm",
        ("методист",),
        None,
        (1974, 1984),
        21,
        Category.HIGHEST,
        title="руководитель отдела тьюторского сопровождения",
    ),
    # The expert of the regional contest of municipal models (seed 000 §4.3.1, App. 2 §2.5; issue
    # 19): a teacher of school B (Нижневартовск), the role sits on the region; never scores the
    # application of Нижневартовск.
    AccountSpec(
        "expert",
        Role.CONTEST_EXPERT,
        "region",
        SCHOOL_B,
        (TEACHER,),
        ("история",),
        (1968, 1978),
        26,
        Category.HIGHEST,
    ),
    AccountSpec(
        "curator2",
        Role.CURATOR,
        SCHOOL_B,
        SCHOOL_B,
        ("заместитель директора", TEACHER),
        ("биология",),
        (1974, 1984),
        18,
        Category.HIGHEST,
        title="заместитель директора по УВР",
    ),
    AccountSpec(
        "head_dou",
        Role.HEAD,
        KINDERGARTEN_A,
        KINDERGARTEN_A,
        ("директор",),
        ("дошкольное образование",),
        (1969, 1977),
        24,
        Category.HIGHEST,
        title="заведующий",
    ),
    AccountSpec(
        "curator_dou",
        Role.CURATOR,
        KINDERGARTEN_A,
        KINDERGARTEN_A,
        ("старший воспитатель",),
        ("дошкольное образование",),
        (1978, 1986),
        15,
        Category.HIGHEST,
        title="старший воспитатель",
    ),
    AccountSpec(
        "head_spo",
        Role.HEAD,
        COLLEGE_A,
        COLLEGE_A,
        ("директор",),
        ("профессиональный цикл",),
        (1966, 1974),
        28,
        Category.HIGHEST,
        title="директор",
    ),
    AccountSpec(
        "curator_spo",
        Role.CURATOR,
        COLLEGE_A,
        COLLEGE_A,
        ("заместитель директора",),
        ("профессиональный цикл",),
        (1975, 1984),
        18,
        Category.HIGHEST,
        title="заместитель директора по учебно-методической работе",
    ),
    AccountSpec("admin", None),
)

DEMO_LOGINS = tuple(spec.login for spec in DEMO_ACCOUNTS)

#: Organizations whose mentoring pairs are drafted here, whatever the load: key → (position
#: needle, subjects) of two mentors with two mentees and one. In kindergarten A and college A
#: they are the only pairs (``StaffGenerator.pairs`` pairs school teachers); in school A they
#: are besides the demo mentor's, for the requests of ``programs.requests_write`` (a mentor
#: replaced, a mentor released), which leave the demo mentor's pairs alone.
EXTRA_PAIRS = {
    SCHOOL_A: (TEACHER, MENTOR_SUBJECTS),
    KINDERGARTEN_A: ("воспитатель", ("дошкольное образование",)),
    COLLEGE_A: ("преподаватель", ("профессиональный цикл",)),
}

#: The organizations whose whole package of documents the demo shows: each gets a teacher in
#: the third year of work, hired two years ago, who completed a program last school year
#: (``programs._completed_last_year``), so that the package holds a mentor's report too, and an
#: experienced teacher who is a candidate mentor (``bank.bank_write``: the questionnaire).
SHOWCASE = dict(EXTRA_PAIRS)


def _unit(tree: DemoTree, key: str) -> OrgUnit:
    if key == "federal":
        return tree.federal
    if key == "region":
        return tree.region
    if key.startswith("muni:"):
        return tree.municipalities[key.removeprefix("muni:")]
    return tree.org(key).unit


def accounts_create(
    *, tree: DemoTree, generator: StaffGenerator, staff: list[Draft]
) -> tuple[list[Draft], list[PairDraft]]:
    """Create the demo users and their roles; draft the people behind them.

    Returns the drafts of those people (their ``Person.user`` set, to be written with the
    staff) and the pairs of the demo mentor: the demo mentee plus one or two young teachers
    (≤ 3 years) of school A from ``staff``, preferably of the mentor's subject (seed 000 §2.3:
    a mentor may have several mentees). When ``staff`` has too few of them (a small load),
    young teachers of school A are drafted and returned with the account people. The pairs of
    :data:`EXTRA_PAIRS` (in kindergarten A and in college A) are drafted
    and returned the same way, and in each of the :data:`SHOWCASE` organizations a teacher in the
    third year of work (last year's completed program) and an experienced one (a candidate
    mentor of the bank).

    The password is hashed once and the hash reused (hashing is slow by design). A login that
    already exists is reused as it is: its password is not changed.
    """
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)
    existing = {u.username: u for u in User.objects.filter(username__in=DEMO_LOGINS)}
    linked = set(Person.objects.filter(user__in=existing.values()).values_list("user_id", flat=True))
    drafts: dict[str, Draft] = {}
    new_users = []
    for spec in DEMO_ACCOUNTS:
        if spec.employer:
            drafts[spec.login] = generator.person(
                tree.org(spec.employer),
                profile=spec.profile,
                position=spec.position,
                subjects=spec.subjects,
                birth_years=spec.birth_years,
                experience=spec.experience,
                category=spec.category,
                account=spec.login,
                title=spec.title,
            )
        if spec.login not in existing:
            person = drafts[spec.login].person if spec.login in drafts else None
            new_users.append(
                User(
                    username=spec.login,
                    password=password,
                    email=f"{spec.login}@{DEMO_USER_MAIL_DOMAIN}",
                    first_name=person.first_name if person else spec.name[0],
                    last_name=person.last_name if person else spec.name[1],
                    is_staff=spec.role is None,
                    is_superuser=spec.role is None,
                )
            )
    User.objects.bulk_create(new_users)
    users = existing | {u.username: u for u in new_users}
    for login, draft in drafts.items():
        if users[login].pk not in linked:
            draft.person.user = users[login]
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=users[spec.login], org_unit=_unit(tree, spec.unit), role=spec.role)
            for spec in DEMO_ACCOUNTS
            if spec.role is not None
        ]
    )

    people = list(drafts.values())
    mentor, mentee = drafts["mentor"], drafts["mentee"]
    school_a = tree.org(SCHOOL_A)
    wanted = generator.timeline.choice((1, 2))
    subjects = {s.pk for s in mentor.subjects}
    young = [d for d in staff if d.org is school_a and d.position_needle == TEACHER and d.experience <= 3]
    young.sort(key=lambda d: (not subjects & {s.pk for s in d.subjects}, d.experience))
    extra = young[:wanted]
    while len(extra) < wanted:  # a small load may leave school A without young teachers
        extra.append(
            generator.person(
                school_a,
                position=(TEACHER,),
                subjects=MENTOR_SUBJECTS,
                birth_years=(1999, 2003),
                experience=len(extra),
            )
        )
        people.append(extra[-1])
    pairs = [PairDraft(mentor, m, generator.pair_start()) for m in [mentee, *extra]]
    for key, (needle, subjects) in EXTRA_PAIRS.items():
        org = tree.org(key)
        for experience, mentees in ((18, (0, 1)), (11, (2,))):
            senior = generator.person(
                org,
                position=(needle,),
                subjects=subjects,
                birth_years=(1970, 1986),
                experience=experience,
                category=Category.HIGHEST,
            )
            juniors = [
                generator.person(
                    org, position=(needle,), subjects=subjects, birth_years=(1999, 2003), experience=n
                )
                for n in mentees
            ]
            people += [senior, *juniors]
            pairs += [PairDraft(senior, junior, generator.pair_start()) for junior in juniors]
    for key, (needle, subjects) in SHOWCASE.items():
        graduate = generator.person(
            tree.org(key), position=(needle,), subjects=subjects, birth_years=(1997, 2000), experience=2
        )
        graduate.hired_on = dt.date(generator.year_start.year - 2, 8, 26)
        candidate = generator.person(
            tree.org(key),
            position=(needle,),
            subjects=subjects,
            birth_years=(1978, 1986),
            experience=14,
            category=Category.FIRST,
        )
        people += [graduate, candidate]
    return people, pairs
