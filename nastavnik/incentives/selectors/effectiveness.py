"""The effectiveness of mentors computed from the data (issue 19 item 6; seed 000 §3.4, §VI;
004 §5, §9.2–9.4): for each mentor of the organizations a user reaches, in a constant number of
queries (seven, whatever the number of mentors):

* ``programs_completed`` — personalized programs completed with the mentor (``mentoring``
  ``PersonalizedProgram`` of status «Завершена» one of whose pairs has the mentor), and
  ``mentees_completed`` — the mentees of those pairs;
* ``difficulty_decrease`` — the mentees' before/after change: what the data hold for every
  completed program is the mentee's named self-assessment of difficulties by competence area
  (1 — none … 10 — very serious) before entering the program and after it (``monitoring``
  questionnaires «Самооценка профессиональных затруднений», ``monitoring.lifecycle
  .difficulty_changes``: the same ``DifficultyChange`` rows the organization's results read).
  The criterion is the mean, over the (mentee, area) pairs answered both times, of before minus
  after: positive when the difficulties went down. The development ``Deficit`` rows are not used:
  they are recorded by diagnoses at no fixed moment of a program, so a «before» and «after» of one
  program cannot be told from them;
* ``feedback`` — the mean score (1–10) the mentees gave after the program to the questions
  measuring satisfaction, usefulness, comfort of the interaction and professional and personal
  growth, over their named answers tied to the mentor's completed programs (the anonymous
  feedback questionnaire keeps no program and cannot be tied to a mentor); like every mean of
  the monitoring it is given only over at least ``monitoring.models.ANONYMITY_THRESHOLD``
  answers (``feedback_answers`` says how many there were);
* ``trained`` — the mentor completed a course training mentors (``development`` ``Enrollment``
  completed of a course ``is_mentoring_training``) or has a training in the bank's card
  (``bank.MentorTraining``), with the latest date;
* ``awards`` — the number of the mentor's recorded awards (``incentives.Award``), and of those
  counted at attestation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, Sum

#: What the mentees' feedback after a program is read from (``monitoring.choices.Measure``).
FEEDBACK_MEASURES = ("satisfaction", "usefulness", "comfort", "professional_growth", "personal_growth")

#: The criteria of the list, in its order: ``(key, Russian label)``; the list sorts by each.
CRITERIA: tuple[tuple[str, str], ...] = (
    ("programs_completed", "Завершено программ"),
    ("mentees_completed", "Наставляемых завершили программу"),
    ("difficulty_decrease", "Снижение затруднений наставляемых (баллы из 10)"),
    ("feedback", "Оценка наставляемых по итогам программы (из 10)"),
    ("trained", "Обучение наставников"),
    ("awards", "Поощрений"),
)
CRITERION_KEYS = frozenset(key for key, _ in CRITERIA)


@dataclass
class MentorEffectiveness:
    """The criteria of one mentor (``profile``: the bank's ``MentorProfile`` with its person and
    organization). A criterion the data cannot give is ``None``."""

    profile: object
    programs_completed: int = 0
    mentees_completed: int = 0
    difficulty_decrease: float | None = None
    difficulty_rows: int = 0
    feedback: float | None = None
    feedback_answers: int = 0
    trained: bool = False
    trained_on: dt.date | None = None
    awards: int = 0
    awards_at_attestation: int = 0
    _decreases: list[int] = field(default_factory=list, repr=False)

    @property
    def person(self):
        return self.profile.person

    def sort_value(self, key: str):
        """The value the list sorts by ``key`` (``None`` last whatever the direction)."""
        value = getattr(self, key)
        return float(value) if value is not None else None


def mentor_profiles(user, *, organization=None):
    """The mentors of the bank whose effectiveness ``user`` sees (``mentoreffectiveness`` view:
    the curator and the head of their organization, the municipal coordinator and the regional
    operator of their subtree — those above the organization of consented mentors only,
    ``development.rules.teacher_rows_q``), of ``organization``'s subtree when given."""
    from nastavnik.access.rules import has_perm
    from nastavnik.access.scope import get_scope
    from nastavnik.bank.models import MentorProfile
    from nastavnik.development.rules import teacher_rows_q

    queryset = MentorProfile.objects.select_related("person", "organization")
    if not getattr(user, "is_authenticated", False) or not has_perm(user, "mentoreffectiveness", "view"):
        return queryset.none()
    if not user.is_superuser:
        queryset = queryset.filter(teacher_rows_q(get_scope(user), "mentoreffectiveness", "view"))
    if organization is not None:
        queryset = queryset.filter(organization__path__startswith=organization.path)
    return queryset.order_by("person__last_name", "person__first_name", "person__middle_name", "pk")


def effectiveness(profiles) -> list[MentorEffectiveness]:
    """The criteria (see the module) of each of ``profiles`` (``MentorProfile`` rows or a
    queryset of them, with ``person`` loaded), in their order. Seven queries at most."""
    from nastavnik.bank.models import MentorTraining
    from nastavnik.development.models import Enrollment
    from nastavnik.incentives.models import Award
    from nastavnik.mentoring.choices import ProgramStatus
    from nastavnik.mentoring.models import Pair, PersonalizedProgram
    from nastavnik.monitoring.lifecycle import difficulty_changes
    from nastavnik.monitoring.models import ANONYMITY_THRESHOLD, AnswerItem

    rows = [MentorEffectiveness(profile=p) for p in profiles]
    if not rows:
        return rows
    by_person = {row.profile.person_id: row for row in rows}
    person_ids = list(by_person)

    # programs completed and their mentees: (program, mentee) → mentor
    pairs = list(
        Pair.objects.filter(mentor_id__in=person_ids, program__status=ProgramStatus.COMPLETED).values_list(
            "mentor_id", "mentee_id", "program_id"
        )
    )
    mentor_of: dict[tuple[int, int], int] = {}
    programs: dict[int, set[int]] = {}
    mentees: dict[int, set[tuple[int, int]]] = {}
    for mentor_id, mentee_id, program_id in pairs:
        mentor_of[(program_id, mentee_id)] = mentor_id
        programs.setdefault(mentor_id, set()).add(program_id)
        mentees.setdefault(mentor_id, set()).add((program_id, mentee_id))
    for mentor_id, ids in programs.items():
        by_person[mentor_id].programs_completed = len(ids)
        by_person[mentor_id].mentees_completed = len(mentees[mentor_id])
    program_ids = sorted({program_id for _, _, program_id in pairs})

    if program_ids:
        # the mentees' self-assessed difficulties before and after (one query)
        for change in difficulty_changes(PersonalizedProgram.objects.filter(pk__in=program_ids)):
            mentor_id = mentor_of.get((change.program_id, change.mentee_id))
            if mentor_id is not None:
                by_person[mentor_id]._decreases.append(change.before - change.after)
        # the mentees' named feedback after the program (one query)
        scores: dict[int, list[int]] = {}
        answers: dict[int, set] = {}
        for answer_id, program_id, mentee_id, total, count in (
            AnswerItem.objects.filter(
                answer__program_id__in=program_ids,
                answer__person__isnull=False,
                answer__phase="after",
                answer__audience="mentee",
                question__kind="scale",
                question__measure__in=FEEDBACK_MEASURES,
                scale__isnull=False,
            )
            .values_list("answer_id", "answer__program_id", "answer__person_id")
            .annotate(total=Sum("scale"), n=Count("pk"))
            .order_by()
        ):
            mentor_id = mentor_of.get((program_id, mentee_id))
            if mentor_id is None:
                continue
            bucket = scores.setdefault(mentor_id, [0, 0])
            bucket[0] += total
            bucket[1] += count
            answers.setdefault(mentor_id, set()).add(answer_id)
        for mentor_id, (total, count) in scores.items():
            row = by_person[mentor_id]
            row.feedback_answers = len(answers[mentor_id])
            if count and row.feedback_answers >= ANONYMITY_THRESHOLD:
                row.feedback = round(total / count, 1)
    for row in rows:
        if row._decreases:
            row.difficulty_rows = len(row._decreases)
            row.difficulty_decrease = round(sum(row._decreases) / len(row._decreases), 1)

    # trained: a completed course training mentors, or a training in the bank's card (two queries)
    for person_id, last in (
        Enrollment.objects.filter(
            person_id__in=person_ids, status="completed", course__is_mentoring_training=True
        )
        .values_list("person_id")
        .annotate(last=Max("completed_on"))
        .order_by()
    ):
        _trained(by_person[person_id], last)
    for person_id, last in (
        MentorTraining.objects.filter(mentor__person_id__in=person_ids)
        .values_list("mentor__person_id")
        .annotate(last=Max("completed_on"))
        .order_by()
    ):
        _trained(by_person[person_id], last)

    # awards (one query)
    for person_id, total, attestation in (
        Award.objects.filter(person_id__in=person_ids)
        .values_list("person_id")
        .annotate(total=Count("pk"), attestation=Count("pk", filter=Q(counts_at_attestation=True)))
        .order_by()
    ):
        by_person[person_id].awards = total
        by_person[person_id].awards_at_attestation = attestation
    return rows


def _trained(row: MentorEffectiveness, last: dt.date | None) -> None:
    row.trained = True
    if last and (row.trained_on is None or last > row.trained_on):
        row.trained_on = last


def sort_rows(
    rows: list[MentorEffectiveness], key: str, *, descending: bool = True
) -> list[MentorEffectiveness]:
    """``rows`` sorted by the criterion ``key`` (of :data:`CRITERIA`; by name otherwise), the
    mentors the criterion cannot be given for last; ties by name."""
    if key not in CRITERION_KEYS:
        return rows
    known = [r for r in rows if r.sort_value(key) is not None]
    unknown = [r for r in rows if r.sort_value(key) is None]
    known.sort(key=lambda r: r.sort_value(key), reverse=descending)
    return known + unknown
