"""The persona world every scoped page is run through (style: Healthchecks ``hc/test.py``).

Region «Югра» with two municipalities; school A in municipality 1, school B in
municipality 2. Personas: the regional operator, the coordinator of municipality 1, the
curator and head of school A, a mentor of A with one mentee (and another teacher of A who
is not their mentee), the curator of school B, and the anonymous visitor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from nastavnik.access.choices import Role
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Person
from nastavnik.testing import factories as f


@dataclass
class World:
    region: OrgUnit
    muni1: OrgUnit
    muni2: OrgUnit
    school_a: OrgUnit
    school_b: OrgUnit
    teacher_a: Person  # in A, nobody's mentee
    mentor_a: Person
    mentee_a: Person
    teacher_b: Person
    users: dict  # persona name → user (anonymous is AnonymousUser)
    #: Filled by ``extend_world`` only: a mentee of A who withdrew the consent to personal-data
    #: processing (152-ФЗ art. 9), in a pair with ``mentor_a``.
    no_consent: Person | None = None


PERSONAS = (
    "operator",
    "coordinator",
    "head_a",
    "curator_a",
    "mentor_a",
    "mentee_a",
    "curator_b",
    "anonymous",
)


def build_world() -> World:
    """Create the persona world in the current test database and return it."""
    fed = f.federal()
    reg = f.region(fed)
    muni1 = f.municipality(reg, "город Сургут")
    muni2 = f.municipality(reg, "город Нижневартовск")
    school_a = f.OrgUnitFactory(
        parent=muni1, full_name="МБОУ «Средняя общеобразовательная школа № 1»", short_name="СОШ № 1"
    )
    school_b = f.OrgUnitFactory(
        parent=muni2, full_name="МБОУ «Средняя общеобразовательная школа № 2»", short_name="СОШ № 2"
    )
    teacher_a = f.staff_member(school_a, last_name="Афанасьева")
    mentor_a = f.staff_member(school_a, last_name="Наставникова")
    mentee_a = f.staff_member(
        school_a,
        last_name="Молодцова",
        birth_date=dt.date(2000, 1, 1),
        total_experience_years=1,
        pedagogical_experience_years=1,
    )
    teacher_b = f.staff_member(school_b, last_name="Борисова")
    f.PairFactory(mentor=mentor_a, mentee=mentee_a, organization=school_a)

    def user(name: str, role: str, unit: OrgUnit, person: Person | None = None):
        u = f.UserFactory(username=name)
        f.RoleAssignmentFactory(user=u, org_unit=unit, role=role)
        if person is not None:
            person.user = u
            person.save(update_fields=["user"])
        return u

    users = {
        "operator": user("operator", Role.REGIONAL_OPERATOR, reg),
        "coordinator": user("coordinator", Role.MUNICIPAL_COORDINATOR, muni1),
        "head_a": user("head_a", Role.HEAD, school_a),
        "curator_a": user("curator_a", Role.CURATOR, school_a),
        "mentor_a": user("mentor_a", Role.MENTOR, school_a, mentor_a),
        "mentee_a": user("mentee_a", Role.MENTEE, school_a, mentee_a),
        "curator_b": user("curator_b", Role.CURATOR, school_b),
        "anonymous": AnonymousUser(),
    }
    return World(reg, muni1, muni2, school_a, school_b, teacher_a, mentor_a, mentee_a, teacher_b, users)


#: The roles of the demo the small world above leaves out, added by ``extend_world``: the member
#: of the mentor council and the psychologist of school A, the tutor of ЦНППМ in municipality 1
#: (seed 000 §4.1–4.3), the national (federal) operator on the federal root, who watches
#: aggregates and reads no one's personal data (seed 000 §4.4.1; issue 16), the coordinator of the
#: ЦНППМ on the region, who keeps the catalogue of courses and assigns the tutors (seed 000
#: §4.3.2; issue 18; the demo's account ``cnppm``).
EXTRA_PERSONAS = ("council_a", "psychologist_a", "tutor_1", "national", "cnppm")

#: Every persona of the extended world, the anonymous visitor last.
ALL_PERSONAS = (*PERSONAS[:-1], *EXTRA_PERSONAS, "anonymous")

#: The surname of the mentee who withdrew the consent (unique in the world, so that a page
#: naming them is found by a plain search of its text, in any case: «Отозванова», «Отозвановой»).
NO_CONSENT_SURNAME = "Отозванова"


def extend_world(world: World, *, withdraw: bool = True) -> World:
    """Add to ``world`` the council member, the psychologist (both teachers of school A with
    person cards), the tutor (of municipality 1, no person card), the national operator (on the
    federal root, no person card), the coordinator of the ЦНППМ (``Role.TUTOR_COORDINATOR`` on the
    region, no person card), and ``world.no_consent``:
    a young teacher of A in a pair with ``mentor_a`` whose consent to personal-data processing
    was given and then withdrawn (``withdraw_consent``; with ``withdraw=False`` the caller
    withdraws it later, after making papers that name the person). Returns ``world``."""

    def user(name: str, role: str, unit: OrgUnit, person: Person | None = None):
        u = f.UserFactory(username=name)
        f.RoleAssignmentFactory(user=u, org_unit=unit, role=role)
        if person is not None:
            person.user = u
            person.save(update_fields=["user"])
        return u

    council = f.staff_member(world.school_a, last_name="Советова")
    psychologist = f.staff_member(world.school_a, last_name="Психеева")
    world.users["council_a"] = user("council_a", Role.MENTOR_COUNCIL_MEMBER, world.school_a, council)
    world.users["psychologist_a"] = user("psychologist_a", Role.PSYCHOLOGIST, world.school_a, psychologist)
    world.users["tutor_1"] = user("tutor_1", Role.TUTOR, world.muni1)
    world.users["national"] = user("national", Role.NATIONAL_OPERATOR, world.region.parent)
    # (a test may have made its own coordinator «cnppm» before extending the world: kept)
    coordinator = type(world.users["operator"]).objects.filter(username="cnppm").first()
    world.users["cnppm"] = coordinator or user("cnppm", Role.TUTOR_COORDINATOR, world.region)
    no_consent = f.staff_member(
        world.school_a,
        last_name=NO_CONSENT_SURNAME,
        first_name="Ольга",
        birth_date=dt.date(2001, 6, 1),
        total_experience_years=1,
        pedagogical_experience_years=1,
    )
    f.PairFactory(mentor=world.mentor_a, mentee=no_consent, organization=world.school_a)
    world.no_consent = no_consent
    if withdraw:
        withdraw_consent(world)
    return world


def withdraw_consent(world: World) -> None:
    """The curator of A records that ``world.no_consent`` withdrew the consent to personal-data
    processing (``bank.services.pd_consent_withdraw``, 152-ФЗ art. 9 p. 2)."""
    from nastavnik.bank.models import PersonalDataConsent
    from nastavnik.bank.services import pd_consent_withdraw

    for consent in PersonalDataConsent.objects.filter(person=world.no_consent, withdrawn_on__isnull=True):
        pd_consent_withdraw(consent=consent, by=world.users["curator_a"], reason="Заявление работника")


#: The expert of the regional contest of municipal models (issue 19, item 5): ``Role.CONTEST_EXPERT``
#: on the region, seated on a contest's panel as an expert of municipality 2 (``contests``'s
#: matrix part and tests). Not among ``ALL_PERSONAS``: the other pages expect nothing of them.
CONTEST_EXPERT_PERSONA = "expert_1"


def add_contest_expert(world: World, username: str = CONTEST_EXPERT_PERSONA):
    """Add (once) the user ``username`` holding the role «Эксперт конкурса» on ``world.region``
    (named «Элла Экспертова»), as ``world.users[username]``; returns the user."""
    existing = type(world.users["operator"]).objects.filter(username=username).first()
    if existing is None:
        existing = f.UserFactory(username=username, first_name="Элла", last_name="Экспертова")
        f.RoleAssignmentFactory(user=existing, org_unit=world.region, role=Role.CONTEST_EXPERT)
    world.users[username] = existing
    return existing
