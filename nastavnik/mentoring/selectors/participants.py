"""Who the user is to a program (its manager — curator or head —, its mentor, its mentee), who its
current participants are, what each of them is (a pupil of a class, a student of a group, a
participant outside the staff, a worker's position; issue 20), and where to write to them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery

from nastavnik.access.scope import get_scope
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.people.choices import NonStaffCategory
from nastavnik.people.learners import learner_kind_noun


@dataclass(frozen=True)
class ProgramRoles:
    """``manager``: may change the program (``PERMISSIONS["personalizedprogram"]["change"]``:
    the curator and the head of its organization); ``mentor`` / ``mentee``: the user's person
    is a mentor / a mentee of one of its pairs that has not ended."""

    manager: bool = False
    mentor: bool = False
    mentee: bool = False

    @property
    def participant(self) -> bool:
        return self.mentor or self.mentee


def program_roles(user, program: PersonalizedProgram) -> ProgramRoles:
    """The roles of ``user`` in ``program``; two queries at most (the scope is cached per user)."""
    if not user.is_authenticated:
        return ProgramRoles()
    manager = PersonalizedProgram.objects.for_user(user, "change").filter(pk=program.pk).exists()
    person_id = None if user.is_superuser else get_scope(user).person_id
    mentor = mentee = False
    if person_id is not None:
        for mentor_id, mentee_id in program.pairs.filter(ended_on__isnull=True).values_list(
            "mentor_id", "mentee_id"
        ):
            mentor = mentor or mentor_id == person_id
            mentee = mentee or mentee_id == person_id
    return ProgramRoles(manager=manager, mentor=mentor, mentee=mentee)


def program_pairs_prefetch() -> Prefetch:
    """Prefetch of a program's pairs into ``pair_list``, oldest first, with both people and
    whether each has a valid consent to personal-data processing (``mentor_consented``,
    ``mentee_consented``): the list of programs, its export and the API feed
    :func:`unconsented_people` and ``people.consent.hide_unconsented`` from it."""
    from django.db.models import Exists, OuterRef

    from nastavnik.people.consent import consented_person_ids

    consented = consented_person_ids()
    return Prefetch(
        "pairs",
        queryset=Pair.objects.select_related("mentor", "mentee")
        .annotate(
            mentor_consented=Exists(consented.filter(person_id=OuterRef("mentor_id"))),
            mentee_consented=Exists(consented.filter(person_id=OuterRef("mentee_id"))),
        )
        .order_by("started_on", "pk"),
        to_attr="pair_list",
    )


def unconsented_people(pairs) -> set[int]:
    """Ids of the people of ``pairs`` (annotated ``mentor_consented``, ``mentee_consented``, as
    by :func:`program_pairs_prefetch`) without a valid consent to personal-data processing."""
    return {p.mentor_id for p in pairs if not p.mentor_consented} | {
        p.mentee_id for p in pairs if not p.mentee_consented
    }


def participants_of(pairs) -> list:
    """The people (``people.Person``, with ``user``) of ``pairs`` (loaded with ``mentor__user``
    and ``mentee__user``): the mentors first, then the mentees, each once, in the pairs' order."""
    people = {}
    for pair in pairs:
        people.setdefault(pair.mentor_id, pair.mentor)
    for pair in pairs:
        people.setdefault(pair.mentee_id, pair.mentee)
    return list(people.values())


def open_pairs_prefetch(lookup: str = "pairs") -> Prefetch:
    """Prefetch of the pairs that have not ended, with their people and accounts, into
    ``open_pairs`` (``lookup``: the path to the pairs, e.g. ``"program__pairs"``); feeds
    :func:`participants_of` without a query per program."""
    return Prefetch(
        lookup,
        queryset=Pair.objects.filter(ended_on__isnull=True)
        .select_related("mentor__user", "mentee__user")
        .order_by("pk"),
        to_attr="open_pairs",
    )


def program_participants(program: PersonalizedProgram) -> list:
    """The current participants of ``program`` (``people.Person``): the mentor(s) and the mentees
    of its pairs that have not ended, mentors first, each once. Uses ``program.open_pairs`` when
    prefetched (:func:`open_pairs_prefetch`), else one query."""
    pairs = getattr(program, "open_pairs", None)
    if pairs is None:
        pairs = program.pairs.filter(ended_on__isnull=True).select_related("mentor__user", "mentee__user")
        pairs = list(pairs.order_by("pk"))
    return participants_of(pairs)


def contact_email(*, person=None, user=None) -> str:
    """The address to write to about mentoring: the e-mail on the person's card
    (``people.Person.email``), else the one of their account; "" when there is none. Give the
    ``person`` (with ``user`` loaded) or the ``user`` (with ``person`` loaded)."""
    if person is None and user is not None:
        person = getattr(user, "person", None)  # the account may have no person
    if user is None and person is not None:
        user = person.user
    return (person.email if person is not None else "") or (user.email if user is not None else "")


def manager_addresses(organization_id: int) -> list[str]:
    """E-mails (:func:`contact_email`) of the active curators and the head of the organization,
    each once (seed 000 §5.1.1, §5.2.1: requests go to the curator and the head). One query."""
    from django.contrib.auth import get_user_model

    from nastavnik.access.choices import Role

    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__org_unit_id=organization_id,
            role_assignments__role__in=[Role.CURATOR, Role.HEAD],
        )
        .select_related("person")
        .distinct()
        .order_by("pk")
    )
    return list(dict.fromkeys(a for a in (contact_email(user=u) for u in users) if a))


def with_participant(queryset):
    """``queryset`` of people annotated with what a participant of mentoring is (issue 20; seed
    003 §4.5): ``workplace`` (``people.choosers.with_workplace``), ``learner_kind`` and
    ``learner_grade`` of a current learner, ``non_staff_category`` of a current participant
    outside the staff; read by :func:`participant_what`."""
    from nastavnik.people.choosers import with_workplace
    from nastavnik.people.models import Learner, NonStaffParticipant

    learner = Learner.objects.current().filter(person_id=OuterRef("pk")).order_by("pk")
    outside = NonStaffParticipant.objects.current().filter(person_id=OuterRef("pk")).order_by("pk")
    return (
        with_workplace(queryset)
        .select_related("position")
        .annotate(
            learner_kind=Subquery(learner.values("kind")[:1]),
            learner_grade=Subquery(learner.values("grade")[:1]),
            non_staff_category=Subquery(outside.values("category")[:1]),
        )
    )


def non_staff_label(category: str) -> str:
    """«выпускник», «родитель обучающегося» — a ``NonStaffCategory`` without its explanation in
    brackets."""
    label = NonStaffCategory(category).label if category in NonStaffCategory.values else category
    return str(label).split(" (")[0]


def describe_participant(
    *, learner_kind: str | None, learner_grade: str | None, non_staff_category: str | None, person
) -> str:
    """What a participant is, next to their name: «ученик, 7 Б», «студент, ТМ-21» for a current
    learner, «выпускник» for a participant outside the staff, else the worker's job title (or
    position) of ``person`` (loaded with ``position``); "" when nothing is known."""
    if learner_kind:
        what = learner_kind_noun(learner_kind, getattr(person, "sex", ""))
        return f"{what}, {learner_grade}" if learner_grade else what
    if non_staff_category:
        return non_staff_label(non_staff_category)
    if getattr(person, "is_hidden", False):
        return ""
    return person.job_title or (str(person.position) if person.position_id else "")


def participant_what(person) -> str:
    """:func:`describe_participant` of a person annotated by :func:`with_participant`."""
    return describe_participant(
        learner_kind=getattr(person, "learner_kind", None),
        learner_grade=getattr(person, "learner_grade", ""),
        non_staff_category=getattr(person, "non_staff_category", None),
        person=person,
    )


def pair_participant_annotations() -> dict:
    """Annotations of ``Pair`` rows with what their two people are, read in the pairs' own query
    (issue 20): ``mentor_learner_kind``, ``mentor_learner_grade``, ``mentor_non_staff_category``
    and the same of the mentee; :func:`pair_participants_what` reads them."""
    from nastavnik.people.models import Learner, NonStaffParticipant

    annotations = {}
    for side in ("mentor", "mentee"):
        person = OuterRef(f"{side}_id")
        learner = Learner.objects.current().filter(person_id=person).order_by("pk")
        outside = NonStaffParticipant.objects.current().filter(person_id=person).order_by("pk")
        annotations[f"{side}_learner_kind"] = Subquery(learner.values("kind")[:1])
        annotations[f"{side}_learner_grade"] = Subquery(learner.values("grade")[:1])
        annotations[f"{side}_non_staff_category"] = Subquery(outside.values("category")[:1])
    return annotations


def pair_participants_what(pair) -> tuple[str, str]:
    """What the mentor and the mentee of ``pair`` are (:func:`describe_participant`), from the
    annotations of :func:`pair_participant_annotations` and the people loaded with their
    ``position``; no query. "" for a person the user must not see (``HiddenPerson``)."""
    return tuple(
        ""
        if getattr(getattr(pair, side), "is_hidden", False)
        else describe_participant(
            learner_kind=getattr(pair, f"{side}_learner_kind", None),
            learner_grade=getattr(pair, f"{side}_learner_grade", ""),
            non_staff_category=getattr(pair, f"{side}_non_staff_category", None),
            person=getattr(pair, side),
        )
        for side in ("mentor", "mentee")
    )
