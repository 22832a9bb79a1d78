"""Questionnaires in the life of a personalized program (seed 004 §9.2: monitoring has two
sub-stages, before entering the program and after completing it; §6.2.3: the mentee reflects on
the reflective-analytical stage; 003 §4.7: feedback from mentees and mentors).

The receivers of ``mentoring.signals`` (connected in ``hooks.connect``) assign what each
participant owes, by ``services.questionnaires.assign`` (idempotent: a repeated signal, or a
participant met twice, gives no second assignment):

- the program starts: the «before» questionnaires — to each mentee the self-assessment of
  difficulties (``mentee_difficulties_before``), to each mentor the expectations
  (``mentor_expectations_before``), and to both every active questionnaire with the phase
  «before» for their role made by the program's organization or a unit above it;
- the program enters the reflective-analytical stage while under way (the mentor's report or the
  manager moves it there): to each mentee the self-assessment of difficulties «after»
  (``mentee_difficulties_after``), which the completion requires;
- the program is completed: the feedback — ``mentee_feedback_after``, ``mentor_feedback_after``
  and the user-made «after» questionnaires of the organization and the units above it — to the
  participants of the pairs it completed; their «before» questionnaires still pending are
  cancelled;
- the program is terminated: everything still pending for it is cancelled;
- a pair joins an open program (a mentor replaced): its participants get what the phase the program
  is in has opened; the pending ones of the people who left it are cancelled.

Each assignment is due in :data:`DUE_DAYS` days. The self-assessment of difficulties also
provides mentoring's condition of completion and the table of the program page
(:func:`self_assessment_conditions`, :func:`difficulty_assessments`).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from nastavnik.mentoring.choices import PairEndReason, ProgramStatus
from nastavnik.monitoring.choices import AssignmentStatus, Audience, Measure, Phase
from nastavnik.monitoring.models import Answer, AnswerItem, Assignment, Question, Questionnaire

#: Days given to answer an assigned questionnaire (issue 14; 004 §9.2 sets no term).
DUE_DAYS = 14

#: The built-in self-assessment of difficulties by the eight areas (seed 000 §4.3.3), by phase.
SELF_ASSESSMENT = {"before": "mentee_difficulties_before", "after": "mentee_difficulties_after"}
#: The built-in questionnaires assigned at the start, by the participant's role.
BEFORE_BUILTINS = {
    Audience.MENTEE: "mentee_difficulties_before",
    Audience.MENTOR: "mentor_expectations_before",
}
#: The built-in feedback questionnaires assigned at the completion, by the participant's role.
AFTER_BUILTINS = {Audience.MENTEE: "mentee_feedback_after", Audience.MENTOR: "mentor_feedback_after"}
#: The stage on which the mentee's «after» self-assessment opens (seed 004 §6.2.3).
REFLECTIVE_STAGE = "reflective_analytical"

_PHASE_LABELS = {"before": "до программы", "after": "после программы"}


def _builtin(code: str) -> Questionnaire:
    from nastavnik.monitoring.builtin import builtin_questionnaire

    return builtin_questionnaire(code)


def owner_units_q(organization) -> Q:
    """``Questionnaire`` filter: made by ``organization`` (an ``OrgUnit``) or a unit above it."""
    ids = [int(part) for part in organization.path.split("/") if part]
    return Q(owner_id__in=ids or [organization.pk])


def program_questionnaires(program, audience: str, phase: str) -> list[Questionnaire]:
    """What a participant of ``program`` with the role ``audience`` answers in ``phase`` (seed 004
    §9.2): the built-in one of that role and phase (:data:`BEFORE_BUILTINS`,
    :data:`AFTER_BUILTINS`; the self-assessment «after» is not here, it opens earlier) and every
    active questionnaire of that role and phase made by the program's organization or a unit
    above it, built-in first, then by title."""
    builtins = {Phase.BEFORE: BEFORE_BUILTINS, Phase.AFTER: AFTER_BUILTINS}.get(phase, {})
    result = [_builtin(builtins[audience])] if audience in builtins else []
    result += list(
        Questionnaire.objects.filter(
            owner_units_q(program.organization), audience=audience, phase=phase, is_active=True, code=""
        ).order_by("title", "pk")
    )
    return result


def _people(pairs) -> list[tuple[object, str]]:
    """(person, audience) of the participants of ``pairs``: mentors, then mentees, each once per
    role."""
    seen: set[tuple[int, str]] = set()
    result = []
    for audience, attr in ((Audience.MENTOR, "mentor"), (Audience.MENTEE, "mentee")):
        for pair in pairs:
            person = getattr(pair, attr)
            if (person.pk, audience) not in seen:
                seen.add((person.pk, audience))
                result.append((person, audience))
    return result


def learner_ids(person_ids) -> set[int]:
    """Of ``person_ids``, the learners (``people.Learner``): the self-assessment of professional
    difficulties (the eight areas of a teacher's competences, seed 000 §4.3.3) is not theirs —
    a learner's program is followed by the feedback questionnaires only (seed 003 §4.7; issue 20).
    One query; none for no ids."""
    from nastavnik.people.models import Learner

    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return set()
    return set(Learner.objects.filter(person_id__in=ids).values_list("person_id", flat=True))


def _assign_all(program, people, phase: str, questionnaires_of) -> list[Assignment]:
    from nastavnik.monitoring.services.questionnaires import assign

    due_on = timezone.localdate() + dt.timedelta(days=DUE_DAYS)
    cache: dict[str, list[Questionnaire]] = {}
    result = []
    learners = learner_ids(person.pk for person, _audience in people)
    self_assessments = set(SELF_ASSESSMENT.values())
    for person, audience in people:
        if audience not in cache:
            cache[audience] = questionnaires_of(audience)
        for questionnaire in cache[audience]:
            if person.pk in learners and questionnaire.code in self_assessments:
                continue
            result.append(
                assign(
                    questionnaire=questionnaire,
                    person=person,
                    organization=program.organization,
                    phase=phase,
                    program=program,
                    due_on=due_on,
                )
            )
    return result


def _current_pairs(program, pair=None) -> list:
    pairs = program.pairs.filter(ended_on__isnull=True).select_related("mentor", "mentee")
    if pair is not None:
        pairs = pairs.filter(pk=pair.pk)
    return list(pairs.order_by("pk"))


def _at_reflection(program) -> bool:
    from nastavnik.reference.models import PersonalizedProgramStage

    if program.stage_id is None:
        return False
    reflective = PersonalizedProgramStage.objects.filter(code=REFLECTIVE_STAGE).first()
    return reflective is not None and program.stage.sort_order >= reflective.sort_order


def assign_before(program, pair=None) -> list[Assignment]:
    """Assign the «before» questionnaires (:func:`program_questionnaires`) to the participants of
    the current pairs of ``program`` (only of ``pair`` when given). Returns the assignments."""
    pairs = _current_pairs(program, pair)
    return _assign_all(
        program,
        _people(pairs),
        Phase.BEFORE,
        lambda audience: program_questionnaires(program, audience, Phase.BEFORE),
    )


def assign_self_assessment_after(program, pair=None) -> list[Assignment]:
    """Assign the self-assessment of difficulties «after» to the current mentees of ``program``
    (only of ``pair`` when given): it opens on the reflective-analytical stage (seed 004 §6.2.3)
    and the completion requires it. Returns the assignments."""
    mentees = [
        (person, audience)
        for person, audience in _people(_current_pairs(program, pair))
        if audience == Audience.MENTEE
    ]
    return _assign_all(program, mentees, Phase.AFTER, lambda audience: [_builtin(SELF_ASSESSMENT["after"])])


def assign_after(program) -> list[Assignment]:
    """Assign the feedback «after» questionnaires (:func:`program_questionnaires`) to the
    participants of the pairs ``program``'s completion ended, and cancel their «before» ones
    still pending. Returns the assignments."""
    pairs = list(
        program.pairs.filter(end_reason=PairEndReason.COMPLETED)
        .select_related("mentor", "mentee")
        .order_by("pk")
    )
    people = _people(pairs)
    Assignment.objects.filter(program=program, phase=Phase.BEFORE, status=AssignmentStatus.PENDING).update(
        status=AssignmentStatus.CANCELLED
    )
    return _assign_all(
        program, people, Phase.AFTER, lambda audience: program_questionnaires(program, audience, Phase.AFTER)
    )


def cancel_pending(program, *, keep_person_ids=None) -> int:
    """Cancel the pending assignments of ``program`` (except those of the persons in
    ``keep_person_ids`` when given). Returns how many."""
    pending = Assignment.objects.filter(program=program, status=AssignmentStatus.PENDING)
    if keep_person_ids is not None:
        pending = pending.exclude(person_id__in=keep_person_ids)
    return pending.update(status=AssignmentStatus.CANCELLED)


# Receivers of mentoring.signals ------------------------------------------------------------------


def on_program_started(sender, program, by=None, **kwargs) -> None:
    """``program_started``: the «before» questionnaires."""
    assign_before(program)


def on_program_reflection_started(sender, program, by=None, **kwargs) -> None:
    """``program_reflection_started``: the mentee's self-assessment «after»."""
    if program.status == ProgramStatus.ACTIVE:
        assign_self_assessment_after(program)


def on_program_completed(sender, program, by=None, **kwargs) -> None:
    """``program_completed``: the feedback «after» questionnaires."""
    assign_after(program)


def on_program_terminated(sender, program, by=None, **kwargs) -> None:
    """``program_terminated``: nothing is owed any more."""
    cancel_pending(program)


def on_program_pair_added(sender, program, pair, by=None, **kwargs) -> None:
    """``program_pair_added``: the newcomers get what is open; those who left owe nothing more."""
    if program.status != ProgramStatus.ACTIVE:
        return
    current = _current_pairs(program)
    cancel_pending(program, keep_person_ids={p.mentor_id for p in current} | {p.mentee_id for p in current})
    assign_before(program, pair)
    if _at_reflection(program):
        assign_self_assessment_after(program, pair)


def connect_signals() -> None:
    """Connect the receivers above to ``mentoring.signals`` (from ``hooks.connect``)."""
    from nastavnik.mentoring import signals

    uid = "monitoring.lifecycle."
    signals.program_started.connect(on_program_started, dispatch_uid=uid + "started")
    signals.program_reflection_started.connect(on_program_reflection_started, dispatch_uid=uid + "reflection")
    signals.program_completed.connect(on_program_completed, dispatch_uid=uid + "completed")
    signals.program_terminated.connect(on_program_terminated, dispatch_uid=uid + "terminated")
    signals.program_pair_added.connect(on_program_pair_added, dispatch_uid=uid + "pair_added")


# The self-assessment of difficulties for mentoring's completion ---------------------------------


def _answer_url(assignment_pk: int) -> str:
    from nastavnik.mentoring.selectors.completion import page_url

    return page_url("monitoring:answer", assignment_pk)


def self_assessment_conditions(program, pairs) -> list:
    """Mentoring's conditions of completion (``selectors.completion.register_completion_condition``):
    for each current mentee (of ``pairs``), the self-assessment of difficulties answered before
    and after the program (seed 004 §9.2, §6.2.3), code ``assessment_<before|after>_<person pk>``,
    linked to the mentee's pending assignment; none for a learner mentee (:func:`learner_ids`).
    Three queries."""
    from nastavnik.mentoring.selectors.completion import Condition

    mentees = list({pair.mentee_id: pair.mentee for pair in pairs}.values())
    learners = learner_ids(m.pk for m in mentees)
    mentees = [m for m in mentees if m.pk not in learners]
    if not mentees:
        return []
    ids = [m.pk for m in mentees]
    codes = list(SELF_ASSESSMENT.values())
    answered = set(
        Answer.objects.filter(program=program, person_id__in=ids, questionnaire__code__in=codes).values_list(
            "person_id", "questionnaire__code"
        )
    )
    pending = {
        (person_id, code): pk
        for person_id, code, pk in Assignment.objects.filter(
            program=program, person_id__in=ids, questionnaire__code__in=codes, status=AssignmentStatus.PENDING
        ).values_list("person_id", "questionnaire__code", "pk")
    }
    conditions = []
    for mentee in mentees:
        name = mentee.short_name
        for phase, code in SELF_ASSESSMENT.items():
            label = _PHASE_LABELS[phase]
            met = (mentee.pk, code) in answered
            assignment_pk = pending.get((mentee.pk, code))
            missing = f"{name}: не заполнена самооценка затруднений {label}"
            if not met and phase == "after" and assignment_pk is None:
                missing += " (она открывается на рефлексивно-аналитическом этапе — после отчёта наставника)"
            conditions.append(
                Condition(
                    code=f"assessment_{phase}_{mentee.pk}",
                    label=f"{name}: самооценка затруднений {label}",
                    met=met,
                    missing="" if met else missing,
                    url="" if met or assignment_pk is None else _answer_url(assignment_pk),
                )
            )
    return conditions


def difficulty_assessments(program, pairs) -> list:
    """The program page's table (``selectors.completion.register_assessment_source``): for each
    mentee — of ``pairs``, or, with ``pairs=None``, each who answered — the difficulty by area
    (1 = none … 10 = very serious) of the self-assessment before and after, and the change
    (after − before: negative when the difficulty went down). Three queries at most."""
    from nastavnik.mentoring.selectors.completion import MenteeAssessment
    from nastavnik.people.models import Person

    codes = {code: phase for phase, code in SELF_ASSESSMENT.items()}
    values: dict[tuple[int, str, int], int] = {}
    for person_id, code, area_id, scale in AnswerItem.objects.filter(
        answer__program=program,
        answer__person__isnull=False,
        answer__questionnaire__code__in=list(codes),
        question__measure=Measure.DIFFICULTY,
        scale__isnull=False,
    ).values_list("answer__person_id", "answer__questionnaire__code", "question__area_id", "scale"):
        values[(person_id, codes[code], area_id)] = scale
    if pairs is None:
        ids = sorted({key[0] for key in values})
        if not ids:
            return []
        mentees = list(Person.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk"))
    else:
        mentees = list({pair.mentee_id: pair.mentee for pair in pairs}.values())
    if not mentees:
        return []
    areas = [
        q.area
        for q in Question.objects.filter(
            questionnaire__code=SELF_ASSESSMENT["before"], measure=Measure.DIFFICULTY
        )
        .select_related("area")
        .order_by("order", "pk")
    ]
    result = []
    for mentee in mentees:
        assessment = MenteeAssessment(mentee)
        for area in areas:
            before = values.get((mentee.pk, "before", area.pk))
            after = values.get((mentee.pk, "after", area.pk))
            change = after - before if before is not None and after is not None else None
            assessment.rows.append({"area": area, "before": before, "after": after, "change": change})
        result.append(assessment)
    return result


def difficulty_changes(programs) -> list:
    """Mentoring's ``selectors.completion.register_difficulty_source``: for the programs of the
    queryset ``programs``, each (mentee, area) whose self-assessment of difficulties was answered
    both before and after, as ``DifficultyChange`` rows ordered by program, mentee and area. One
    query."""
    from nastavnik.mentoring.selectors.completion import DifficultyChange

    codes = {code: phase for phase, code in SELF_ASSESSMENT.items()}
    found: dict[tuple[int, int, int], dict] = {}
    for program_id, person_id, code, area_id, name, order, scale in AnswerItem.objects.filter(
        answer__program__in=programs,
        answer__person__isnull=False,
        answer__questionnaire__code__in=list(codes),
        question__measure=Measure.DIFFICULTY,
        scale__isnull=False,
    ).values_list(
        "answer__program_id",
        "answer__person_id",
        "answer__questionnaire__code",
        "question__area_id",
        "question__area__name",
        "question__area__sort_order",
        "scale",
    ):
        entry = found.setdefault((program_id, person_id, area_id), {"name": name, "order": order})
        entry[codes[code]] = scale
    return [
        DifficultyChange(program_id, person_id, area_id, e["name"], e["order"], e["before"], e["after"])
        for (program_id, person_id, area_id), e in sorted(found.items())
        if "before" in e and "after" in e
    ]


def register_completion() -> None:
    """Give mentoring the self-assessment of difficulties (from ``hooks.connect``): the condition
    of completion, the table of the program page, the changes for the organization's results."""
    from nastavnik.mentoring.selectors import completion

    completion.register_completion_condition("self_assessment", self_assessment_conditions)
    completion.register_assessment_source(difficulty_assessments)
    completion.register_difficulty_source(difficulty_changes)
