"""Matching mentors to mentees: the whole-pool assignment, its greedy baseline, the curator's
confirmation of suggested pairs, the psychologist's compatibility marks (seed 000 §IV stage 5,
§3.5; 001 §4.4.3; 004 §1.6.6).

``pool_assign`` and ``greedy_assign`` compute and write nothing; ``pair_suggestions_confirm``
(pairs with the drafts of their programs) and ``compatibility_mark_set`` write, each in one
transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from nastavnik.matching import optimize
from nastavnik.matching.matrix import PairMatrix
from nastavnik.matching.models import CompatibilityMark
from nastavnik.matching.scoring import (
    NO_RELATIONS,
    MenteeFacts,
    MentorFacts,
    PairSuggestion,
    Relations,
    mentee_violations,
    mentor_violations,
    pair_violations,
    score,
    signed,
    written_consent_problems,
)
from nastavnik.mentoring.models import PersonalizedProgram

logger = logging.getLogger("nastavnik.matching")


@dataclass(frozen=True)
class Unassigned:
    """A mentee left without a mentor, and why (Russian)."""

    mentee: MenteeFacts
    reason: str


@dataclass(frozen=True)
class Assignment:
    """The result of :func:`pool_assign` (or of the baseline :func:`greedy_assign`).

    ``pairs``: the suggested pairs with their explained scores, in the order of the mentees;
    ``total``: the sum of their scores (points); ``unassigned``: mentees without a mentor and
    why; ``excluded_mentors``: mentors no pair may use, with the hard rules they fail;
    ``status``: the solver's status (``"OPTIMAL"``; ``"GREEDY"`` for the baseline);
    ``proven_optimal``: the total is proved the greatest possible over all admissible pairs;
    ``admissible_pairs``: pairs no hard rule forbids; ``flow_pairs``: those given to the solver.
    """

    pairs: tuple[PairSuggestion, ...]
    total: int
    unassigned: tuple[Unassigned, ...]
    excluded_mentors: tuple[tuple[MentorFacts, str], ...]
    status: str
    proven_optimal: bool
    coverage_first: bool
    admissible_pairs: int
    flow_pairs: int
    rounds: int


def _unassigned_reason(
    mentee: MenteeFacts, *, admissible: int, best: int, any_free: bool, coverage_first: bool, greedy: bool
) -> str:
    problems = mentee_violations(mentee)
    if problems:
        return "; ".join(problems)
    if admissible == 0:
        if not any_free:
            return "В пуле нет действующих наставников со свободными местами"
        return (
            "Нет допустимого наставника: свободных действующих наставников нет ни в той же "
            "организации, ни в том же муниципальном образовании, ни среди работающих в виртуальном виде"
        )
    if not coverage_first and best < 0:
        return f"Пара с любым допустимым наставником снизила бы общую оценку (лучшая оценка {signed(best)})"
    if greedy:
        return f"Места допустимых наставников ({admissible}) заняты при жадном распределении"
    return f"Места допустимых наставников ({admissible}) отданы другим наставляемым: так общая оценка больше"


def _assign(
    solver: Callable[..., optimize.FlowResult],
    mentees: Sequence[MenteeFacts],
    mentors: Sequence[MentorFacts],
    relations: Relations,
    coverage_first: bool,
    candidates: int,
    progress: optimize.Progress = optimize._no_progress,
) -> Assignment:
    """Run ``solver`` (``optimize.solve`` or ``optimize.greedy``) over the pool's matrix and
    explain its result: the pairs with :func:`scoring.score`, the reasons of those left out."""
    matrix = PairMatrix(mentors, mentees, relations)
    result = solver(matrix, coverage_first=coverage_first, candidates=candidates, progress=progress)
    progress("explaining", 0, 1)
    pairs, unassigned = [], []
    any_free = bool(matrix.free.sum())
    for i in np.argsort(matrix.order, kind="stable"):  # back to the order the mentees were given
        mentee, j = matrix.mentees[i], int(result.mentor_of[i])
        if j < 0:
            reason = _unassigned_reason(
                mentee,
                admissible=int(result.admissible[i]),
                best=int(result.best[i]),
                any_free=any_free,
                coverage_first=coverage_first,
                greedy=result.status == "GREEDY",
            )
            unassigned.append(Unassigned(mentee, reason))
            continue
        mentor = matrix.mentors[j]
        explained = score(mentor, mentee, relations)
        if explained.total != int(result.points[i]):  # matrix.py must agree with score()
            raise AssertionError(f"Оценки расходятся: {mentor.name} → {mentee.name}")
        pairs.append(PairSuggestion(mentor, mentee, explained))
    excluded = tuple(
        (mentor, "; ".join(mentor_violations(mentor)))
        for mentor, ok in zip(matrix.mentors, matrix.mentor_ok, strict=True)
        if not ok
    )
    return Assignment(
        pairs=tuple(pairs),
        total=sum(p.score.total for p in pairs),
        unassigned=tuple(unassigned),
        excluded_mentors=excluded,
        status=result.status,
        proven_optimal=result.proven_optimal,
        coverage_first=coverage_first,
        admissible_pairs=result.admissible_pairs,
        flow_pairs=result.flow_pairs,
        rounds=result.rounds,
    )


def pool_assign(
    *,
    mentees: Sequence[MenteeFacts],
    mentors: Sequence[MentorFacts],
    relations: Relations = NO_RELATIONS,
    coverage_first: bool = False,
    candidates: int = optimize.DEFAULT_CANDIDATES,
    progress: optimize.Progress = optimize._no_progress,
) -> Assignment:
    """The optimal assignment of a whole pool (an organization's or a municipality's, e.g. from
    :func:`nastavnik.matching.selectors.pool_facts`): each mentee gets at most one mentor, each
    mentor at most his free places (``capacity − load``), only pairs that pass every hard rule
    (:func:`scoring.hard_rule_violations`), and the total score is the greatest possible.

    ``coverage_first``: first give a mentor to as many mentees as possible, then maximize the
    total among such assignments. Without it (the default) the total alone counts, so a mentee
    whose every admissible pair has a negative score stays without a mentor — with the reason.

    Solved as a min-cost flow by OR-Tools over each mentee's ``candidates`` best admissible
    mentors, then proved optimal over all admissible pairs by LP duality, adding pairs until
    the proof holds (see :mod:`nastavnik.matching.optimize`); ``Assignment.proven_optimal``
    reports it. Never infeasible: mentees without an admissible mentor stay unassigned.
    Computes only; nothing is written (the curator confirms with :func:`pair_suggestions_confirm`).
    Memory: 2 bytes a cell of the pool's blocks (``optimize.Scores``; about 30 MB for
    10,000 × 5,000), or ``matrix.BLOCK_CELLS`` cells at a time for a pool past
    ``optimize.CACHE_CELLS``. ``progress(stage, done, total)``: see ``optimize.solve``; then
    ``"explaining"`` once the pairs are chosen.
    """
    return _assign(optimize.solve, mentees, mentors, relations, coverage_first, candidates, progress)


def greedy_assign(
    *,
    mentees: Sequence[MenteeFacts],
    mentors: Sequence[MentorFacts],
    relations: Relations = NO_RELATIONS,
    coverage_first: bool = False,
    candidates: int = optimize.DEFAULT_CANDIDATES,
) -> Assignment:
    """The greedy BASELINE, for comparison with :func:`pool_assign` in benchmarks and tests only:
    pairs taken by descending score while the mentee is free and the mentor has a place
    (:func:`nastavnik.matching.optimize.greedy`). Same rules, same result shape; never optimal
    by proof (``status == "GREEDY"``). Do not use it to form pairs."""
    return _assign(optimize.greedy, mentees, mentors, relations, coverage_first, candidates)


def pairs_check(
    couples: Sequence[tuple[int, int]], *, today: dt.date | None = None
) -> tuple[list[tuple[MentorFacts, MenteeFacts]], list[str]]:
    """Check that each ``(mentor person id, mentee person id)`` of ``couples`` may become a pair
    now (seed 001 §4.4.3, 004 §1.6.6: pairs are fixed with the written consent of both).

    The facts are read from the database with the mentors' profiles locked (call inside a
    transaction; they are locked in the order of their keys, and read after the lock): a second
    batch naming the same mentors — another worker confirming the same pairs at the same moment —
    waits for the first to commit and then sees its pairs (issue 17, build 7). A couple is refused when a written consent — the mentor's or the mentee's —
    is missing or a hard rule fails (:func:`scoring.hard_rule_violations`), counting the places
    taken by the earlier couples of the same call.

    Returns ``(approved, errors)``: the facts of the approved couples in the given order, and
    one Russian message per refused couple naming the people and what is missing.
    """
    from nastavnik.bank.models import MenteeProfile, MentorProfile
    from nastavnik.matching.selectors import mentee_facts, mentor_facts, mentors_with_load, relations_for
    from nastavnik.people.models import Person

    today = today or timezone.localdate()
    mentor_ids = {mentor_id for mentor_id, _ in couples}
    mentee_ids = {mentee_id for _, mentee_id in couples}
    # In the order of the keys, so that two batches naming the same mentors wait for each other
    # instead of each holding what the other needs (a deadlock).
    list(
        MentorProfile.objects.select_for_update()
        .filter(person_id__in=mentor_ids)
        .order_by("pk")
        .values_list("pk")
    )
    mentors = {
        m.person_id: m
        for m in mentor_facts(
            mentors_with_load(MentorProfile.objects.filter(person_id__in=mentor_ids), today=today)
        )
    }
    mentees = {m.person_id: m for m in mentee_facts(MenteeProfile.objects.filter(person_id__in=mentee_ids))}
    missing_names = {
        p.pk: p.full_name
        for p in Person.objects.filter(pk__in=(mentor_ids - set(mentors)) | (mentee_ids - set(mentees)))
    }
    relations = relations_for(mentee_ids=list(mentee_ids), today=today)

    errors: list[str] = []
    taken: Counter[int] = Counter()
    seen: set[tuple[int, int]] = set()
    approved: list[tuple[MentorFacts, MenteeFacts]] = []
    for mentor_id, mentee_id in couples:
        mentor = mentors.get(mentor_id)
        mentee = mentees.get(mentee_id)
        mentor_name = mentor.name if mentor else missing_names.get(mentor_id, "?")
        mentee_name = mentee.name if mentee else missing_names.get(mentee_id, "?")
        label = f"{mentor_name} → {mentee_name}"
        if mentor is None or mentee is None:
            missing = "банке наставников" if mentor is None else "банке наставляемых"
            who = mentor_name if mentor is None else mentee_name
            errors.append(f"Пару «{label}» утвердить нельзя. {who} нет в {missing}.")
            continue
        key = (mentor_id, mentee_id)
        if key in seen:
            errors.append(f"Пара «{label}» указана дважды.")
            continue
        seen.add(key)
        with_taken = dataclasses.replace(mentor, load=mentor.load + taken[mentor_id])
        problems = [
            *written_consent_problems(mentor, mentee),
            *mentor_violations(with_taken),
            *mentee_violations(mentee),
            *pair_violations(mentor, mentee, relations),
        ]
        if problems:
            errors.append(f"Пару «{label}» утвердить нельзя. " + " ".join(f"{p}." for p in problems))
            continue
        taken[mentor_id] += 1
        approved.append((mentor, mentee))
    return approved, errors


#: The refusal of a confirmation whose pairs were formed meanwhile by someone else.
ALREADY_CONFIRMED = (
    "Пары не утверждены: некоторые из них уже утверждены другим пользователем, пока шло утверждение. "
    "Обновите страницу: утверждённые пары отмечены в предложении."
)


@transaction.atomic
def pair_suggestions_confirm(
    *, suggestions: Iterable[PairSuggestion], by, started_on: dt.date | None = None
) -> list[PersonalizedProgram]:
    """Form a pair with the draft of its personalized program for every confirmed suggestion,
    all or none, in one transaction (seed 000 §IV stage 5; 001 §4.4.3, 004 §1.6.6: pairs are
    fixed with the written consent of both).

    The whole batch is checked first by :func:`pairs_check` (written consents, hard rules,
    places taken by the earlier couples of the batch), so that every refused couple is reported
    at once; then each couple becomes a program through
    :func:`nastavnik.mentoring.services.pairs.program_create` (a pair of the mentee's
    organization starting on ``started_on``, today by default; a program «Проект» with its
    «created» event). Only the ids of the suggestions count: the facts are read again here.

    The pages offer and accept only mentees of organizations where the user may add pairs
    (``PERMISSIONS["pair"]["add"]``, a scoped queryset); ``program_create`` checks ``by`` again
    for every couple (``PermissionDenied``; ``by=None`` is the system).

    Two confirmations of the same pairs at once (two workers, two curators, a double click)
    form them once (issue 17, build 7): :func:`pairs_check` locks the mentors' profiles, so the
    second waits for the first and is refused with «… уже работают в паре» for each couple the
    first formed; the database's constraint «pair_one_open» (one open pair of a mentor and a
    mentee) holds even for a writer that went around the lock, and its refusal comes back as
    :data:`ALREADY_CONFIRMED`, nothing written.

    Returns the created programs, in the order of ``suggestions``.

    Raises:
        ValidationError: no suggestions; or one Russian message per refused couple naming the
            people and what is missing; or :data:`ALREADY_CONFIRMED`. Nothing is written then.
    """
    from nastavnik.mentoring.services.pairs import program_create
    from nastavnik.people.models import Person

    suggestions = list(suggestions)
    if not suggestions:
        raise ValidationError("Не выбрано ни одной пары.")
    started_on = started_on or timezone.localdate()
    approved, errors = pairs_check([(s.mentor.person_id, s.mentee.person_id) for s in suggestions])
    if errors:
        raise ValidationError(errors)

    people = Person.objects.in_bulk(
        {pk for couple in approved for pk in (couple[0].person_id, couple[1].person_id)}
    )
    try:
        with transaction.atomic():
            programs = [
                program_create(
                    mentor=people[mentor.person_id],
                    mentees=[people[mentee.person_id]],
                    by=by,
                    paired_on=started_on,
                )
                for mentor, mentee in approved
            ]
    except IntegrityError as exc:
        logger.warning("pairs not confirmed, formed meanwhile: %s", exc)
        raise ValidationError(ALREADY_CONFIRMED) from exc
    logger.info("pairs confirmed: programs %s by user %s", [p.pk for p in programs], getattr(by, "pk", None))
    return programs


@transaction.atomic
def compatibility_mark_set(
    *, mentor, mentee, mark: int, by, comment: str = "", marked_on: dt.date | None = None
) -> CompatibilityMark:
    """Record the psychologist's mark of compatibility of ``mentor`` and ``mentee`` (``Person``s;
    seed 000 §3.5), replacing an earlier mark of the same two. ``mark``: a ``Compatibility``
    value (−2 … +2, without 0). The mark belongs to the mentee's organization (their bank).

    Raises:
        ValidationError: the mentee is not in the bank of mentees, the mentor not in the bank
            of mentors, the date is in the future, the mark is not in the list, or the two are
            the same person (Russian messages).
        PermissionDenied: ``by`` may not record marks in the organization of the mentee or of
            the mentor (``compatibilitymark`` ``add``), or does not see either card — the
            page's rule (``by=None`` is the system).
    """
    from nastavnik.access.rules import require_perm
    from nastavnik.bank.models import MenteeProfile, MentorProfile

    mentee_profile = MenteeProfile.objects.filter(person=mentee).select_related("organization").first()
    if mentee_profile is None:
        raise ValidationError({"mentee": f"{mentee} нет в банке наставляемых."})
    mentor_profile = MentorProfile.objects.filter(person=mentor).select_related("organization").first()
    if mentor_profile is None:
        raise ValidationError({"mentor": f"{mentor} нет в банке наставников."})
    for profile, model in ((mentee_profile, "menteeprofile"), (mentor_profile, "mentorprofile")):
        require_perm(by, "compatibilitymark", "add", profile.organization)
        require_perm(by, model, "view", profile)
    organization_id = mentee_profile.organization_id
    today = timezone.localdate()
    marked_on = marked_on or today
    if marked_on > today:
        raise ValidationError({"marked_on": "Дата оценки не может быть в будущем."})
    instance = CompatibilityMark.objects.select_for_update().filter(
        mentor=mentor, mentee=mentee
    ).first() or CompatibilityMark(mentor=mentor, mentee=mentee)
    instance.organization_id = organization_id
    instance.mark = mark
    instance.comment = comment
    instance.marked_on = marked_on
    instance.author = by
    instance.full_clean()
    instance.save()
    return instance


# --------------------------------------------------------------------------------------------
# The whole-pool assignment as a background job (issue 16, item 3)
# --------------------------------------------------------------------------------------------

#: The job kind (``jobs.registry``) of the whole-pool assignment (``matching.tasks``).
POOL_JOB_KIND = "matching_pool"

#: The phases of the job as its progress bar names them, with their share of the bar (of 100).
POOL_PHASES = {
    "loading": (0, "Загрузка наставников и наставляемых пула"),
    "scoring": (30, "Оценка допустимых пар"),
    "solving": (50, "Поиск оптимального распределения и доказательство оптимума"),
    "explaining": (85, "Объяснение оценок предложенных пар"),
    "saving": (95, "Сохранение результата"),
}


class PoolJobRunning(ValidationError):
    """A second start of the assignment of a pool while one runs; ``job`` is the running one."""

    def __init__(self, message: str, *, job):
        super().__init__(message)
        self.job = job


def _require_pool_right(by, unit) -> None:
    """The right of the pool page: ``unit`` is among ``selectors.pool_units(by)`` (the pairs of
    the unit are in the user's view scope through a role over it). ``by=None``: the system.

    Raises:
        PermissionDenied: otherwise (Russian message).
    """
    from django.core.exceptions import PermissionDenied

    from nastavnik.matching.selectors import pool_units

    if by is not None and not pool_units(by).filter(pk=unit.pk).exists():
        raise PermissionDenied("Распределять наставников в этом пуле вам нельзя.")


def pool_assignment_start(*, unit, by, coverage_first: bool = False):
    """Start the background job that assigns the whole pool of ``unit`` (an organization or a
    municipality) for ``by`` (:func:`pool_assignment_compute`), and return it (``jobs.Job``; the
    page leads to ``job.get_absolute_url()``, the progress bar and then the proposal).

    One assignment of a pool at a time: while a job of the same pool is queued or running (and
    its process alive, ``jobs.services.job_mark_if_interrupted``), another start is refused.
    The unit's row is locked while checking, so that two simultaneous starts cannot both pass.

    Raises:
        PermissionDenied: ``by`` may not assign this pool (the pool page's right).
        PoolJobRunning: a job of this pool is already queued or running (Russian message).
    """
    from nastavnik.core.users import user_name
    from nastavnik.jobs.backends import get_backend
    from nastavnik.jobs.choices import JobStatus
    from nastavnik.jobs.models import Job
    from nastavnik.jobs.services import job_create, job_mark_if_interrupted
    from nastavnik.organizations.models import OrgUnit

    _require_pool_right(by, unit)
    with transaction.atomic():
        OrgUnit.objects.select_for_update().filter(pk=unit.pk).values_list("pk").first()
        running = Job.objects.filter(
            kind=POOL_JOB_KIND, organization=unit, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
        ).select_related("created_by__person")
        for other in running:
            if not job_mark_if_interrupted(other):
                started = timezone.localtime(other.started_at or other.created_at)
                who = user_name(other.created_by) if other.created_by else "другим пользователем"
                raise PoolJobRunning(
                    f"Распределение пула «{unit}» уже выполняется: запущено {started:%d.%m.%Y в %H:%M}"
                    f" ({who}). Дождитесь его завершения и откройте результат.",
                    job=other,
                )
        job = job_create(
            kind=POOL_JOB_KIND,
            title=f"Распределение наставников: {unit}",
            created_by=by,
            organization=unit,
            params={"unit": unit.pk, "coverage_first": bool(coverage_first)},
            enqueue=False,
        )
    get_backend().enqueue(job)
    job.refresh_from_db()
    logger.info("pool job %s started for unit %s by user %s", job.pk, unit.pk, getattr(by, "pk", None))
    return job


def pool_assignment_compute(
    *, unit, by, coverage_first: bool = False, progress: Callable[[str, int, int], None] | None = None
) -> dict:
    """Assign the whole pool of ``unit`` as ``by`` sees it and return the proposal as JSON — what
    the job keeps and its page shows.

    The pool: ``selectors.visible_pool(by, unit)`` (the people in ``by``'s view scope through
    ``for_user``; those hidden are counted, not assigned); the assignment:
    :func:`pool_assign` (proved optimal). ``progress(stage, done, total)``: the stages of
    :data:`POOL_PHASES` in order.

    Returns ``{"unit", "unit_name", "is_municipality", "coverage_first", "status",
    "proven_optimal", "total", "rounds", "admissible_pairs", "mentee_count", "mentor_count",
    "free_places", "hidden_mentees", "hidden_mentors", "can_confirm", "pair_count", "seconds",
    "pairs": [{"key", "mentor", "mentee", "mentor_profile", "mentee_profile",
    "mentor_organization", "load", "capacity", "total", "can_confirm",
    "lines": [{"criterion", "points", "signed_points", "text"}]}],
    "unassigned": [{"mentee", "mentee_profile", "organization", "reason"}],
    "excluded": [{"mentor", "organization", "reason"}]}``; ``seconds`` — the time of each
    stage. Pairs may be confirmed (``can_confirm``) for mentees of organizations where ``by``
    may add pairs (``selectors.pair_units``).

    Raises:
        PermissionDenied: ``by`` may not assign this pool.
    """
    import time

    from nastavnik.matching.explain import explanation
    from nastavnik.matching.selectors import pair_units, under_unit_q, visible_pool
    from nastavnik.organizations.choices import Level

    report = progress or (lambda stage, done, total: None)
    _require_pool_right(by, unit)
    seconds: dict[str, float] = {}
    clock = [time.perf_counter(), "loading"]

    def stage(name: str, done: int = 0, total: int = 1) -> None:
        if name != clock[1]:
            now = time.perf_counter()
            seconds[clock[1]] = round(seconds.get(clock[1], 0) + now - clock[0], 3)
            clock[:] = [now, name]
        report(name, done, total)

    stage("loading")
    visible = visible_pool(by, unit)
    pool = visible.facts
    assignment = pool_assign(
        mentees=pool.mentees,
        mentors=pool.mentors,
        relations=pool.relations,
        coverage_first=coverage_first,
        progress=stage,
    )
    stage("saving")
    if by is None:
        pairing: set[int] = set()
    else:
        pairing = set(pair_units(by).filter(under_unit_q(unit, field="")).values_list("pk", flat=True))
    pairs = []
    for suggestion in assignment.pairs:
        mentor, mentee = suggestion.mentor, suggestion.mentee
        pairs.append(
            {
                "key": f"{mentor.person_id}:{mentee.person_id}",
                "mentor": mentor.name,
                "mentee": mentee.name,
                "mentor_profile": mentor.profile_id,
                "mentee_profile": mentee.profile_id,
                "mentor_organization": mentor.organization_name,
                "load": mentor.load,
                "capacity": mentor.capacity,
                "total": suggestion.score.total,
                "can_confirm": mentee.organization_id in pairing,
                "lines": [
                    {
                        "criterion": line.criterion,
                        "points": line.points,
                        "signed_points": line.signed_points,
                        "text": line.text,
                    }
                    for line in explanation(suggestion.score)
                ],
            }
        )
    result = {
        "unit": unit.pk,
        "unit_name": str(unit),
        "is_municipality": unit.level == Level.MUNICIPALITY,
        "coverage_first": assignment.coverage_first,
        "status": assignment.status,
        "proven_optimal": assignment.proven_optimal,
        "total": assignment.total,
        "rounds": assignment.rounds,
        "admissible_pairs": assignment.admissible_pairs,
        "mentee_count": len(pool.mentees),
        "mentor_count": len(pool.mentors),
        "free_places": sum(m.free_places for m in pool.mentors),
        "hidden_mentees": visible.hidden_mentees,
        "hidden_mentors": visible.hidden_mentors,
        "can_confirm": any(p["can_confirm"] for p in pairs),
        "pair_count": len(pairs),
        "pairs": pairs,
        "unassigned": [
            {
                "mentee": u.mentee.name,
                "mentee_profile": u.mentee.profile_id,
                "organization": u.mentee.organization_name,
                "reason": u.reason,
            }
            for u in assignment.unassigned
        ],
        "excluded": [
            {"mentor": mentor.name, "organization": mentor.organization_name, "reason": reason}
            for mentor, reason in assignment.excluded_mentors
        ],
    }
    stage("done")
    result["seconds"] = seconds
    return result
