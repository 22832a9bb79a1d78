"""Reads for matching: the facts of mentors and mentees, candidate mentors for one mentee, the
pool of an organization or a municipality (seed 000 §IV, stage 5 «формирование пар»).

Facts are loaded with a fixed number of queries whatever the number of people: one row query
with the load and the capacity annotated in SQL, then one query per many-to-many relation for
exactly the profiles that passed the rules SQL can check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.scope import user_can
from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorCompetence, MentorProfile
from nastavnik.bank.open_bank_selectors import open_bank_mentors
from nastavnik.bank.selectors import mentor_load_annotations
from nastavnik.development.models import Deficit
from nastavnik.matching.matrix import PairMatrix
from nastavnik.matching.models import CompatibilityMark
from nastavnik.matching.scoring import (
    MenteeFacts,
    MentorFacts,
    PairSuggestion,
    Relations,
    form_guides,
    kinds_allowed,
    score,
)
from nastavnik.mentoring.models import Pair
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choices import LearnerKind
from nastavnik.people.consent import valid_consent_person_ids
from nastavnik.people.learners import minor_learner_exists
from nastavnik.people.models import Employment, Learner, NonStaffParticipant, Person
from nastavnik.reference.models import ParticipantKind

VIRTUAL_KIND = "virtual"
REVERSE_KIND = "reverse"


def _full_name(row: dict) -> str:
    return " ".join(
        part
        for part in (row["person__last_name"], row["person__first_name"], row["person__middle_name"])
        if part
    )


def _regions() -> list[tuple[str, int]]:
    return list(OrgUnit.objects.filter(level=Level.REGION).values_list("path", "pk"))


def _region_of(path: str, regions: list[tuple[str, int]]) -> int | None:
    return next((pk for region_path, pk in regions if path.startswith(region_path)), None)


def _valid_consent():
    """``people.consent.valid_consent_person_ids`` correlated to the row's ``person_id`` (for
    ``Exists``): a valid consent to personal-data processing, a minor learner's (given by the
    legal representative) included — whether a minor may be shown is the pages' rule
    (``for_user``, :func:`visible_pool`), not the matching's (issue 20)."""
    return valid_consent_person_ids().filter(person_id=OuterRef("person_id"))


def _kind_annotations(on: dt.date | None = None) -> dict:
    """Annotations of bank profiles telling who their person is on ``on`` (today), as
    ``people.participants.participant_kinds`` does, inside the rows' own query: ``learner_kind``
    (``LearnerKind`` of a current learner, else null), ``is_employed``, ``is_non_staff``."""
    on = on or timezone.localdate()
    person = OuterRef("person_id")
    return {
        "learner_kind": Subquery(Learner.objects.current(on).filter(person_id=person).values("kind")[:1]),
        "is_employed": Exists(Employment.objects.current(on).filter(person_id=person)),
        "is_non_staff": Exists(NonStaffParticipant.objects.current(on).filter(person_id=person)),
    }


def _kind_of(row: dict) -> str:
    """The ``ParticipantKind`` value of a row annotated by :func:`_kind_annotations`."""
    if row["learner_kind"]:
        return (
            ParticipantKind.STUDENT if row["learner_kind"] == LearnerKind.STUDENT else ParticipantKind.PUPIL
        )
    if not row["is_employed"] and row["is_non_staff"]:
        return ParticipantKind.NON_STAFF
    return ParticipantKind.WORKER


def with_guides(mentors: list[MentorFacts], mentees: Iterable[MenteeFacts]) -> list[MentorFacts]:
    """``mentors`` with their ``guides`` (``scoring.form_guides``): whom the forms of mentoring
    let each guide — the forms of the mentor's card when it lists some, else the active forms
    where each applies (issue 20; seed 003 §4.2). Only when a learner or a participant outside
    the staff is among ``mentors`` or ``mentees`` (two queries then); pedagogical workers alone
    are matched as before, with no query."""
    from nastavnik.reference.models import MentoringForm

    if all(m.kind == ParticipantKind.WORKER for m in mentors) and all(
        y.kind == ParticipantKind.WORKER for y in mentees
    ):
        return mentors
    forms = {
        pk: (active, (mentor_kinds, mentee_kinds, organization_kinds))
        for pk, active, mentor_kinds, mentee_kinds, organization_kinds in MentoringForm.objects.values_list(
            "pk", "is_active", "mentor_kinds", "mentee_kinds", "organization_kinds"
        )
    }
    active = [rule for is_active, rule in forms.values() if is_active]
    chosen: dict[int, list] = defaultdict(list)
    through = MentorProfile.forms.through
    for profile_id, form_id in through.objects.filter(
        mentorprofile_id__in=[m.profile_id for m in mentors if m.profile_id is not None]
    ).values_list("mentorprofile_id", "mentoringform_id"):
        chosen[profile_id].append(forms[form_id][1])
    return [
        dataclasses.replace(
            m,
            guides=form_guides(m.kind, chosen[m.profile_id], chosen=True)
            if chosen.get(m.profile_id)
            else form_guides(m.kind, active, chosen=False),
        )
        for m in mentors
    ]


def _lists_kind(code: str):
    through = MentorProfile.kinds.through
    return Exists(through.objects.filter(mentorprofile_id=OuterRef("pk"), mentoringkind__code=code))


def mentors_with_load(queryset: QuerySet[MentorProfile], *, today: dt.date | None = None) -> QuerySet:
    """``queryset`` annotated in SQL with ``active_mentees`` (mentees in pairs active on
    ``today``), ``capacity_in_force`` (the card's capacity, else the organization's default,
    else ``DEFAULT_MENTOR_CAPACITY``), ``lists_virtual`` and ``lists_reverse`` (the kinds
    «виртуальное», «реверсивное»), so that the hard rules can be filtered on."""
    return queryset.annotate(
        **mentor_load_annotations(today=today),
        lists_virtual=_lists_kind(VIRTUAL_KIND),
        lists_reverse=_lists_kind(REVERSE_KIND),
    )


def _usable(queryset: QuerySet, *, employment: bool = True) -> QuerySet:
    """Mentors with a valid consent to personal-data processing, still working in the
    organization of their profile (or studying there, or taking part in its mentoring from
    outside its staff: issue 20), and with a free place (SQL).

    The consent condition is cheap and comes first; the database evaluates the load subquery
    only for the rows left. ``pd_consent`` is then known to be true. ``employment=False``
    leaves out the employment condition, for a caller that checks it with
    :func:`_employed` (PostgreSQL drove a region's pool from all its employments to check it,
    2 s instead of 0.2).
    """
    if employment:
        member = {"person_id": OuterRef("person_id"), "organization_id": OuterRef("organization_id")}
        queryset = queryset.filter(
            Exists(Employment.objects.current().filter(**member))
            | Exists(Learner.objects.current().filter(**member))
            | Exists(NonStaffParticipant.objects.current().filter(**member))
        )
    return (
        queryset.filter(Exists(_valid_consent()))
        .filter(active_mentees__lt=F("capacity_in_force"))
        .annotate(pd_consent=Value(True))
    )


def _employed(person_ids) -> set[tuple[int, int]]:
    """``(person id, organization id)`` of the current employments of ``person_ids`` (a list or
    a ``values("person_id")`` subquery), and of their current places of study and of taking
    part from outside the staff (issue 20): one query."""
    rows = [
        model.objects.current()
        .filter(person_id__in=person_ids)
        .order_by()
        .values_list("person_id", "organization_id")
        for model in (Employment, Learner, NonStaffParticipant)
    ]
    return set(rows[0].union(rows[1], rows[2], all=True))


def _person_subjects(person_ids) -> dict[int, set[str]]:
    """Subject names of the people ``person_ids`` (a list or a ``values("person_id")`` subquery)."""
    through = Person.subjects.through
    result: dict[int, set[str]] = defaultdict(set)
    for person_id, name in through.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "subject__name"
    ):
        result[person_id].add(name)
    return result


def mentor_facts(
    queryset: QuerySet,
    *,
    regions: list[tuple[str, int]] | None = None,
    within: QuerySet[MentorProfile] | None = None,
    home_organization_id: int | None = None,
) -> list[MentorFacts]:
    """Facts of the mentor profiles of ``queryset`` (annotated by :func:`mentors_with_load`).

    Four queries (five without ``regions``): the rows, then competences, the profiles' subjects
    and the persons' subjects of those rows. ``within``: a cheap queryset of profiles that
    contains those of ``queryset`` (the same rules but the costly ones), used as a subquery by
    the last three instead of a list of thousands of ids.

    ``home_organization_id``: the organization matched for; a mentor of another one is known
    only through the open bank (seed 001 §7.1.1), by what they published there
    (``public_fields``): their unpublished pedagogical experience, competences and subjects are
    left unknown, so that they neither score nor show in an explanation (issue 13).
    """
    regions = _regions() if regions is None else regions
    if "pd_consent" not in queryset.query.annotations:
        queryset = queryset.annotate(pd_consent=Exists(_valid_consent()))
    rows = list(
        queryset.annotate(**_kind_annotations()).values(
            "learner_kind",
            "is_employed",
            "is_non_staff",
            "pk",
            "person_id",
            "organization_id",
            "organization__municipality_id",
            "organization__path",
            "organization__short_name",
            "organization__full_name",
            "status",
            "consent_given_on",
            "person__last_name",
            "person__first_name",
            "person__middle_name",
            "person__pedagogical_experience_years",
            "active_mentees",
            "capacity_in_force",
            "pd_consent",
            "lists_virtual",
            "lists_reverse",
            "public_fields",
        )
    )
    if not rows:
        return []
    if within is None:
        ids, person_ids = [row["pk"] for row in rows], [row["person_id"] for row in rows]
    else:
        ids, person_ids = within.values("pk"), within.values("person_id")
    competences: dict[int, dict[str, int]] = defaultdict(dict)
    for mentor_id, area, level in MentorCompetence.objects.filter(mentor_id__in=ids).values_list(
        "mentor_id", "area__name", "level"
    ):
        competences[mentor_id][area] = level
    subjects: dict[int, set[str]] = defaultdict(set)
    through = MentorProfile.subjects.through
    for mentor_id, name in through.objects.filter(mentorprofile_id__in=ids).values_list(
        "mentorprofile_id", "subject__name"
    ):
        subjects[mentor_id].add(name)
    taught = _person_subjects(person_ids)

    def shown(row, name: str) -> bool:
        """Whether ``name`` (a ``bank.choices.PUBLIC_FIELDS`` key) of the mentor may be used."""
        return (
            home_organization_id is None
            or row["organization_id"] == home_organization_id
            or name in (row["public_fields"] or ())
        )

    return [
        MentorFacts(
            person_id=row["person_id"],
            name=_full_name(row),
            organization_id=row["organization_id"],
            municipality_id=row["organization__municipality_id"],
            region_id=_region_of(row["organization__path"], regions),
            status=row["status"],
            competences=competences.get(row["pk"], {}) if shown(row, "competences") else {},
            subjects=frozenset(subjects.get(row["pk"], set()) | taught.get(row["person_id"], set()))
            if shown(row, "subjects")
            else frozenset(),
            virtual=bool(row["lists_virtual"]),
            reverse=bool(row["lists_reverse"]),
            pedagogical_experience_years=row["person__pedagogical_experience_years"]
            if shown(row, "experience")
            else None,
            load=row["active_mentees"],
            capacity=row["capacity_in_force"],
            has_pd_consent=bool(row["pd_consent"]),
            consent_given_on=row["consent_given_on"],
            profile_id=row["pk"],
            organization_name=row["organization__short_name"] or row["organization__full_name"],
            kind=_kind_of(row),
        )
        for row in rows
    ]


def _latest_per_person_and_area(rows) -> dict[int, list]:
    """From ``rows`` ordered by person, area and newest first, the first of each (person, area):
    ``{person_id: [row, ...]}``."""
    latest: dict[int, list] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for row in rows:
        key = (row[0], row[1])
        if key not in seen:
            seen.add(key)
            latest[row[0]].append(row)
    return latest


def deficit_levels(person_ids) -> dict[int, dict[str, int]]:
    """The current deficits of the people ``person_ids`` (a list or a ``values("person_id")``
    subquery) for scoring: ``{person_id: {area name: level 1–3}}``, in each competence area the
    level of the deficit recorded latest (by its date, then its id), whatever found it — a
    diagnosis, the bank's card, the self-assessment in a questionnaire (seed 000 §4.3.3 step 3).
    One query."""
    rows = (
        Deficit.objects.filter(person_id__in=person_ids)
        .order_by("person_id", "area_id", "-diagnosed_on", "-pk")
        .values_list("person_id", "area_id", "area__name", "level")
    )
    return {
        person_id: {name: level for _, _, name, level in found}
        for person_id, found in _latest_per_person_and_area(rows).items()
    }


def current_deficits(person_id: int) -> list[Deficit]:
    """The current deficits of one person as the candidates' page lists them: in each competence
    area the one recorded latest (as :func:`deficit_levels` scores them), the most severe first,
    then in the areas' order; with ``area`` loaded. One query."""
    rows = (
        Deficit.objects.filter(person_id=person_id)
        .select_related("area")
        .order_by("person_id", "area_id", "-diagnosed_on", "-pk")
    )
    latest = _latest_per_person_and_area((d.person_id, d.area_id, d) for d in rows)
    found = [row[2] for row in latest.get(person_id, [])]
    return sorted(found, key=lambda d: (-d.level, d.area.sort_order, d.area.name))


def mentee_facts(
    queryset: QuerySet[MenteeProfile], *, regions: list[tuple[str, int]] | None = None
) -> list[MenteeFacts]:
    """Facts of the mentee profiles of ``queryset``: four queries (five without ``regions``) —
    the rows, the diagnosed deficits with their levels (the latest in each area,
    :func:`deficit_levels`), request areas, the persons' subjects."""
    regions = _regions() if regions is None else regions
    rows = list(
        queryset.annotate(pd_consent=Exists(_valid_consent()), **_kind_annotations()).values(
            "learner_kind",
            "is_employed",
            "is_non_staff",
            "organization__kind",
            "pk",
            "person_id",
            "organization_id",
            "organization__municipality_id",
            "organization__path",
            "organization__short_name",
            "organization__full_name",
            "consent_given_on",
            "person__last_name",
            "person__first_name",
            "person__middle_name",
            "person__pedagogical_experience_years",
            "pd_consent",
        )
    )
    if not rows:
        return []
    ids = queryset.values("pk")  # a subquery: the mentees' query is cheap
    deficits = deficit_levels(queryset.values("person_id"))
    requested: dict[int, set[str]] = defaultdict(set)
    through = MenteeProfile.request_areas.through
    for mentee_id, area in through.objects.filter(menteeprofile_id__in=ids).values_list(
        "menteeprofile_id", "competencearea__name"
    ):
        requested[mentee_id].add(area)
    taught = _person_subjects(queryset.values("person_id"))
    return [
        MenteeFacts(
            person_id=row["person_id"],
            name=_full_name(row),
            organization_id=row["organization_id"],
            municipality_id=row["organization__municipality_id"],
            region_id=_region_of(row["organization__path"], regions),
            deficits=deficits.get(row["person_id"], {}),
            request_areas=frozenset(requested.get(row["pk"], ())),
            subjects=frozenset(taught.get(row["person_id"], ())),
            pedagogical_experience_years=row["person__pedagogical_experience_years"],
            has_pd_consent=bool(row["pd_consent"]),
            consent_given_on=row["consent_given_on"],
            profile_id=row["pk"],
            organization_name=row["organization__short_name"] or row["organization__full_name"],
            kind=_kind_of(row),
            organization_kind=row["organization__kind"] or "",
        )
        for row in rows
    ]


def offerable_mentors(mentee: MenteeProfile) -> QuerySet[MentorProfile]:
    """Mentor profiles a pair with ``mentee`` may be formed with on the candidates page: of the
    mentee's organization, or of another one through the open bank of mentors
    (``bank.open_bank_selectors.open_bank_mentors``, seed 001 §7.1.1). The other rules are
    checked by ``mentoring.services.pairs.program_create``."""
    return MentorProfile.objects.filter(
        Q(organization_id=mentee.organization_id) | Q(pk__in=open_bank_mentors().values("pk"))
    )


def relations_for(*, mentee_ids, today: dt.date | None = None) -> Relations:
    """Pairs and compatibility marks of the mentees ``mentee_ids`` (person ids: a list or a
    ``values("person_id")`` subquery). Two queries.

    A pair not ended on ``today`` (open, or ending later) is ``active`` — the database allows
    one open pair per couple (``mentoring.Pair`` «pair_one_open»); an ended one is ``ended``
    with its latest end date.
    """
    today = today or timezone.localdate()
    active: set[tuple[int, int]] = set()
    ended: dict[tuple[int, int], dt.date] = {}
    for mentor_id, mentee_id, ended_on in Pair.objects.filter(mentee_id__in=mentee_ids).values_list(
        "mentor_id", "mentee_id", "ended_on"
    ):
        key = (mentor_id, mentee_id)
        if ended_on is None or ended_on >= today:
            active.add(key)
        else:
            ended[key] = max(ended_on, ended.get(key, ended_on))
    marks = {
        (mentor_id, mentee_id): mark
        for mentor_id, mentee_id, mark in CompatibilityMark.objects.filter(
            mentee_id__in=mentee_ids
        ).values_list("mentor_id", "mentee_id", "mark")
    }
    return Relations(active=frozenset(active), ended=ended, marks=marks)


def _partners(mentee_person_id: int, today: dt.date):
    """Ids of the mentors in a pair with this mentee that is not over on ``today``."""
    pairs = Pair.objects.filter(mentee_id=mentee_person_id).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )
    return pairs.values("mentor_id")


def mentor_candidates(
    *, mentee: MenteeProfile, limit: int = 20, today: dt.date | None = None
) -> list[PairSuggestion]:
    """Candidate mentors for ``mentee``, best first: at most ``limit`` :class:`PairSuggestion`
    with the explained score (:func:`scoring.score`).

    Candidates pass every hard rule (:func:`scoring.hard_rule_violations`), checked in SQL: an
    active mentor with a valid consent to personal-data processing, still working in the
    organization of their card, with a free place, not the mentee, not already in a working pair
    with them, from the mentee's organization, from its municipality, or from any organization
    of the region when the mentor lists the virtual kind (seed 000 §2.3, 001 §3.1). A mentor of
    another organization than the mentee's is a candidate only through the open bank of mentors
    (seed 001 §7.1.1): the card is published there (``publish_in_open_bank``), and is not a
    minor's (seed 002 §10). Only mentors whom some form of mentoring lets guide the mentee
    (:func:`with_guides`, ``scoring.kinds_allowed``; issue 20) are offered. A mentee without
    a valid consent gets no candidates (152-ФЗ art. 9). Written consents are not required here;
    their absence is a line of the explanation.

    Ties are broken by the lighter load, then by name. Not limited by the user's scope: the
    mentors of other organizations are those the open bank shows to every user. Eleven queries
    whatever the size of the region.
    """
    today = today or timezone.localdate()
    regions = _regions()
    facts = mentee_facts(MenteeProfile.objects.filter(pk=mentee.pk), regions=regions)
    if not facts or not facts[0].has_pd_consent:
        return []
    subject = facts[0]
    # The place as conditions on the profile's own columns, with uncorrelated subqueries (IN),
    # so that the database narrows the mentors down before it counts their load. Mentors of
    # another organization come only through the open bank (seed 001 §7.1.1): published; the
    # other conditions of the open bank (consent, still employed there) are those of _usable().
    elsewhere = Q(pk__in=[])
    if subject.municipality_id is not None:
        neighbours = OrgUnit.objects.filter(municipality_id=subject.municipality_id)
        elsewhere |= Q(organization_id__in=neighbours.values("pk"))
    region_path = next((path for path, pk in regions if pk == subject.region_id), None)
    if region_path is not None:
        virtual = MentorProfile.kinds.through.objects.filter(
            mentoringkind__code=VIRTUAL_KIND, mentorprofile__organization__path__startswith=region_path
        )
        elsewhere |= Q(pk__in=virtual.values("mentorprofile_id"))
    # A minor is never offered beyond their organization (seed 002 §10, issue 20).
    place = Q(organization_id=subject.organization_id) | (
        Q(publish_in_open_bank=True) & elsewhere & ~Q(minor_learner_exists("person_id"))
    )
    nearby = (
        MentorProfile.objects.filter(place, status=MentorStatus.ACTIVE)
        .exclude(person_id=subject.person_id)
        .exclude(person_id__in=_partners(subject.person_id, today))
    )
    mentors = mentor_facts(
        _usable(mentors_with_load(nearby, today=today)),
        regions=regions,
        within=nearby,
        home_organization_id=subject.organization_id,
    )
    mentors = [m for m in with_guides(mentors, [subject]) if kinds_allowed(m, subject)]
    relations = relations_for(mentee_ids=[subject.person_id], today=today)
    # Points of all candidates at once (the same as score(), see matrix.py), explanations for the best.
    block = PairMatrix(mentors, [subject], relations).full()
    order = sorted(
        range(len(mentors)),
        key=lambda j: (-int(block.points[0, j]), mentors[j].load, mentors[j].name, mentors[j].person_id),
    )
    return [PairSuggestion(mentors[j], subject, score(mentors[j], subject, relations)) for j in order[:limit]]


def under_unit_q(unit: OrgUnit, field: str = "organization") -> Q:
    """Rows whose ``field`` (an organization; ``""`` for ``OrgUnit`` rows themselves) is in the
    pool of ``unit``: its subtree, and for a municipality also the organizations of regional
    subordination located in it (``OrgUnit.municipality``, seed 000 §4.2). So an
    organization's pool has its own mentors only, a municipality's all the mentors of the
    municipality."""
    prefix = f"{field}__" if field else ""
    under = Q(**{f"{prefix}path__startswith": unit.path})
    if unit.level == Level.MUNICIPALITY:
        under |= Q(**{f"{prefix}municipality_id": unit.pk})
    return under


@dataclass(frozen=True)
class PoolFacts:
    """The pool of a unit: mentees without a working pair, active mentors with a free place and
    a valid consent to personal-data processing, and their relations."""

    mentees: list[MenteeFacts]
    mentors: list[MentorFacts]
    relations: Relations


def pool_facts(
    *,
    unit: OrgUnit,
    today: dt.date | None = None,
    mentee_ids: Iterable[int] | None = None,
    mentor_ids: Iterable[int] | None = None,
) -> PoolFacts:
    """Load the pool of ``unit`` (an organization or a municipality; a region works too) for
    :func:`nastavnik.matching.services.pool_assign`.

    Under the unit (:func:`under_unit_q`): its subtree, and for a municipality also the
    organizations of regional subordination located in it; so an organization's own mentors
    only, all the mentors of a municipality. Mentees: profiles without a pair
    active on ``today`` — those without a valid consent to personal-data processing are loaded
    too, so that the assignment can say why they stay without a mentor. Mentors: active, with a
    valid consent and a free place (checked in SQL), still employed in the organization of
    their card (checked on one more query's pairs). Twelve queries.

    ``mentee_ids`` / ``mentor_ids``: person ids — only those of the pool among them are loaded
    (a confirmation of chosen pairs checks a few people, not the whole pool).
    """
    today = today or timezone.localdate()
    regions = _regions()
    under = under_unit_q(unit)
    busy = Pair.objects.active(today).values("mentee_id")
    mentees_qs = (
        MenteeProfile.objects.filter(under).exclude(person_id__in=busy).order_by("person__last_name", "pk")
    )
    active = MentorProfile.objects.filter(under, status=MentorStatus.ACTIVE)
    if mentee_ids is not None:
        mentees_qs = mentees_qs.filter(person_id__in=list(mentee_ids))
    if mentor_ids is not None:
        active = active.filter(person_id__in=list(mentor_ids))
    mentors_qs = _usable(mentors_with_load(active, today=today), employment=False).order_by(
        "person__last_name", "pk"
    )
    mentees = mentee_facts(mentees_qs, regions=regions)
    employed = _employed(active.values("person_id"))
    mentors = [
        m
        for m in mentor_facts(mentors_qs, regions=regions, within=active)
        if (m.person_id, m.organization_id) in employed  # still working where the card says
    ]
    mentors = with_guides(mentors, mentees)
    relations = relations_for(mentee_ids=mentees_qs.values("person_id"), today=today)
    return PoolFacts(mentees=mentees, mentors=mentors, relations=relations)


@dataclass(frozen=True)
class VisiblePool:
    """A pool narrowed to the people the user may see (152-ФЗ art. 9: roles other than the
    curator and the head see people with a valid consent only), and how many were left out."""

    facts: PoolFacts
    hidden_mentees: int
    hidden_mentors: int


def visible_pool(
    user, unit: OrgUnit, *, mentee_ids: Iterable[int] | None = None, mentor_ids: Iterable[int] | None = None
) -> VisiblePool:
    """:func:`pool_facts` of ``unit`` keeping the mentees and mentors whose bank profiles are in
    ``user``'s view scope (``for_user``; two more queries). Those left out are not assigned
    either: a page never suggests a person it could not show. ``user=None`` (the system) and
    superusers see the whole pool. ``mentee_ids`` / ``mentor_ids``: as in :func:`pool_facts`."""
    pool = pool_facts(unit=unit, mentee_ids=mentee_ids, mentor_ids=mentor_ids)
    if user is None or user.is_superuser:
        return VisiblePool(pool, 0, 0)
    under = under_unit_q(unit)
    seen_mentees = MenteeProfile.objects.for_user(user).filter(under)
    seen_mentors = MentorProfile.objects.for_user(user).filter(under)
    if mentee_ids is not None:
        seen_mentees = seen_mentees.filter(person_id__in=[m.person_id for m in pool.mentees])
    if mentor_ids is not None:
        seen_mentors = seen_mentors.filter(person_id__in=[m.person_id for m in pool.mentors])
    visible_mentees = set(seen_mentees.values_list("pk", flat=True))
    visible_mentors = set(seen_mentors.values_list("pk", flat=True))
    mentees = [m for m in pool.mentees if m.profile_id in visible_mentees]
    mentors = [m for m in pool.mentors if m.profile_id in visible_mentors]
    return VisiblePool(
        PoolFacts(mentees=mentees, mentors=mentors, relations=pool.relations),
        hidden_mentees=len(pool.mentees) - len(mentees),
        hidden_mentors=len(pool.mentors) - len(mentors),
    )


# --------------------------------------------------------------------------------------------
# What the matching pages may reach: the user's scope over the unit tree (``access``).
# --------------------------------------------------------------------------------------------


def pair_units(user) -> QuerySet[OrgUnit]:
    """Organizations where ``user`` may form pairs (``PERMISSIONS["pair"]["add"]``: the curator;
    seed 000 §4.1.2, 001 §4.4.4)."""
    return OrgUnit.objects.granted(user, "pair", "add").filter(level=Level.ORGANIZATION)


def pairable_mentees(user) -> QuerySet[MenteeProfile]:
    """Mentee profiles ``user`` may give a mentor: those of :func:`pair_units`."""
    return MenteeProfile.objects.filter(organization__in=pair_units(user))


def may_pair(user, mentee: MenteeProfile | None) -> bool:
    """Whether ``user`` may form a pair for ``mentee`` (in :func:`pairable_mentees`). No query
    for users who may add pairs nowhere (``access.scope.user_can``), else one."""
    if mentee is None or user is None or not user_can(user, "pair", "add"):
        return False
    return pairable_mentees(user).filter(pk=mentee.pk).exists()


def matching_mentees(user) -> QuerySet[MenteeProfile]:
    """Mentee profiles whose candidates ``user`` may see: in the user's view scope
    (``MenteeProfile.objects.for_user``, 152-ФЗ art. 9 included) and in an organization where
    the user sees the pairs through a role over it (the staff of the organization and above;
    not mentors and mentees, who do not see the psychologist's marks about themselves,
    seed 000 §3.5)."""
    return MenteeProfile.objects.for_user(user, "view").filter(
        organization__in=OrgUnit.objects.granted(user, "pair", "view")
    )


def pool_units(user) -> QuerySet[OrgUnit]:
    """Organizations and municipalities whose pool ``user`` may assign on the page: those where
    the user sees the pairs through a role over the unit, ordered by the tree."""
    return OrgUnit.objects.granted(user, "pair", "view").filter(
        level__in=[Level.ORGANIZATION, Level.MUNICIPALITY]
    )


def mark_units(user) -> QuerySet[OrgUnit]:
    """Organizations where ``user`` may record compatibility marks
    (``PERMISSIONS["compatibilitymark"]["add"]``: the psychologist and the curator, seed 000 §3.5)."""
    return OrgUnit.objects.granted(user, "compatibilitymark", "add").filter(level=Level.ORGANIZATION)


def psychologist_work(user, scope) -> list:
    """The work lists of a pedagogue-psychologist (seed 000 §3.1, §3.5: the psychologist takes
    part in judging the compatibility of pairs and supports them) for the home page
    (``core.home.WorkList``): the working pairs of the psychologist's organizations with no
    compatibility mark yet, each linked to the marks page with the form filled; the pairs with
    trouble — a pending request to replace the mentor or to end the pair, or a mark of
    incompatibility. Through the user's view scope (the consent rule applies); ``[]`` for
    other users. Four queries at most."""
    from nastavnik.access.choices import Action, Role
    from nastavnik.access.querysets import paths_q
    from nastavnik.core.home import WorkItem
    from nastavnik.mentoring.choices import RequestStatus
    from nastavnik.mentoring.models import PairRequest
    from nastavnik.mentoring.selectors.home import work_list

    paths = scope.paths("pair", Action.VIEW, roles=frozenset({Role.PSYCHOLOGIST}))
    if not paths:
        return []
    marks = CompatibilityMark.objects.filter(mentor_id=OuterRef("mentor_id"), mentee_id=OuterRef("mentee_id"))
    pairs = (
        Pair.objects.for_user(user)
        .active()
        .filter(paths_q("organization__path", paths))
        .select_related("mentor__mentor_profile", "mentee__mentee_profile", "program")
    )
    unmarked = pairs.filter(~Exists(marks)).order_by("-started_on", "pk")
    pending = PairRequest.objects.filter(pair=OuterRef("pk"), status=RequestStatus.PENDING)
    troubled = (
        pairs.annotate(has_request=Exists(pending), incompatible=Exists(marks.filter(mark__lt=0)))
        .filter(Q(has_request=True) | Q(incompatible=True))
        .order_by("-started_on", "pk")
    )

    def trouble(pair) -> str:
        reasons = ["заявление на рассмотрении"] if pair.has_request else []
        return "; ".join([*reasons, *(["по оценке несовместимы"] if pair.incompatible else [])])

    def mark_url(pair) -> str:
        mentor = getattr(pair.mentor, "mentor_profile", None)
        mentee = getattr(pair.mentee, "mentee_profile", None)
        if mentor is None or mentee is None:
            return reverse("matching:marks")
        return reverse("matching:marks") + f"?mentor={mentor.pk}&mentee={mentee.pk}"

    def pair_url(pair) -> str:
        return pair.program.get_absolute_url() if pair.program_id else reverse("matching:marks")

    return [
        work_list(
            "Пары без оценки совместимости",
            unmarked,
            lambda p: WorkItem(str(p), mark_url(p), f"пара с {p.started_on:%d.%m.%Y}"),
            empty="Все работающие пары оценены.",
        ),
        work_list(
            "Пары, которым нужна поддержка",
            troubled,
            lambda p: WorkItem(str(p), pair_url(p), trouble(p)),
            empty="Заявлений о замене наставника и пар с оценкой несовместимости нет.",
        ),
    ]


def home_psychologist(request) -> dict:
    """The home block (``core.home.register_home_block``): the psychologist's work lists,
    appended to ``request.work_lists``; no template variables of its own."""
    if request.scope is not None:
        request.work_lists.extend(psychologist_work(request.user, request.scope))
    return {}
