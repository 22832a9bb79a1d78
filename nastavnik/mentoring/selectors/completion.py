"""Reads of the completion of a personalized program (seed 004 §6.2.3: the reflective-analytical
stage — the mentee reflects, the mentor reports; 003 §4.7–4.8: the final meeting, the results of
each pair or group; 002 §9: the «full cycle» mark).

:func:`completion_conditions` is the one list of what a program needs to be completed: the
service ``program_complete`` refuses with it, the program page shows it as a checklist.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.urls import NoReverseMatch, reverse

from nastavnik.mentoring.choices import MeetingStatus, ProgramStatus

#: The self-assessment phases: before the program and after it (seed 004 §9.2).
PHASES = {"before": "до программы", "after": "после программы"}
#: Statuses in which each phase may be filled: «before» until the program is under way,
#: «after» only while it is (the reflective-analytical stage, seed 004 §6.2.3).
PHASE_STATUSES = {
    "before": (ProgramStatus.DRAFT, ProgramStatus.APPROVED, ProgramStatus.ACTIVE),
    "after": (ProgramStatus.ACTIVE,),
}
FINAL_MEETING = "final"


# Who may open each completion page, given the user's ``selectors.participants.ProgramRoles``:
# the pages ask these (``views.completion``), and so does the program page before it shows a
# link to one of them, so that no link leads to «Доступ запрещён».
def may_assess(roles) -> bool:
    """The self-assessment page: the mentee, or the curator or head on the mentee's behalf."""
    return roles.manager or roles.mentee


def may_report(roles) -> bool:
    """The mentor's report page: the mentor, or the curator or head."""
    return roles.mentor or roles.manager


def may_complete(roles) -> bool:
    """The completion page: the curator or head of the program's organization."""
    return roles.manager


@dataclass(frozen=True)
class Condition:
    """One condition of completion: ``code``, a Russian ``label``, whether it is ``met``,
    ``missing`` — the Russian sentence saying what is missing (empty when met), ``url`` — where
    to act (empty when there is no page for it)."""

    code: str
    label: str
    met: bool
    missing: str = ""
    url: str = ""


@dataclass
class MenteeAssessment:
    """The self-assessment of one mentee: ``rows`` of (area, before, after, change)."""

    mentee: object
    rows: list[dict] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.rows) and all(r["before"] is not None and r["after"] is not None for r in self.rows)


def _condition(code: str, label: str, met: bool, missing: str, url: str = "") -> Condition:
    return Condition(code, label, met, "" if met else missing, url)


def page_url(name: str, *args) -> str:
    """The URL of ``name``, or "" when that page is not installed (links to other parts)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def current_pairs(program) -> list:
    """The program's pairs that have not ended, with mentor and mentee (ordered by mentee)."""
    return list(
        program.pairs.filter(ended_on__isnull=True)
        .select_related("mentor", "mentee")
        .order_by("mentee__last_name", "mentee__first_name", "pk")
    )


def assessment_areas(program, pairs=None) -> dict[int, list]:
    """person id of each current mentee → the ``DeficitArea`` rows they assess: the areas of the
    program's addressed difficulties that are that mentee's own, or all addressed areas when
    none is (seed 000 §1.3: the program is aimed at the mentee's diagnosed difficulties).
    ``pairs``: the program's :func:`current_pairs` when already read. Two queries (one with
    ``pairs``)."""
    from nastavnik.bank.models import Difficulty

    addressed = list(
        Difficulty.objects.filter(programs=program)
        .select_related("area", "mentee")
        .order_by("area__sort_order", "area__name")
    )
    all_areas: dict[int, object] = {}
    own: dict[int, dict[int, object]] = {}
    for difficulty in addressed:
        all_areas.setdefault(difficulty.area_id, difficulty.area)
        own.setdefault(difficulty.mentee.person_id, {}).setdefault(difficulty.area_id, difficulty.area)
    if pairs is None:
        mentee_ids = program.pairs.filter(ended_on__isnull=True).values_list("mentee_id", flat=True)
    else:
        mentee_ids = [pair.mentee_id for pair in pairs]
    return {pid: list(own.get(pid, all_areas).values()) for pid in mentee_ids}


def mentee_assessments(program, pairs=None) -> list[MenteeAssessment]:
    """For each current mentee, the rows of the self-assessment table: ``area``, ``before``,
    ``after`` (1–5 or ``None``) and ``change`` (after − before, or ``None``)."""
    from nastavnik.mentoring.models import SelfAssessment

    pairs = current_pairs(program) if pairs is None else pairs
    areas = assessment_areas(program, pairs)
    scores = {
        (s.mentee_id, s.area_id): s
        for s in SelfAssessment.objects.filter(program=program).select_related("area")
    }
    result = []
    for pair in pairs:
        assessment = MenteeAssessment(pair.mentee)
        for area in areas.get(pair.mentee_id, []):
            row = scores.get((pair.mentee_id, area.pk))
            before = row.before if row else None
            after = row.after if row else None
            change = after - before if before is not None and after is not None else None
            assessment.rows.append({"area": area, "before": before, "after": after, "change": change})
        result.append(assessment)
    return result


def completion_conditions(program, *, pairs=None, assessments=None, has_report=None) -> list[Condition]:
    """What ``program`` needs to be completed, each with whether it is met (seed 004 §6.2.3,
    003 §4.7):

    - the program is being implemented (status «Реализуется»);
    - the mentor's report on the implementation is submitted;
    - every current mentee assessed every area before and after the program;
    - the final meeting is held.

    ``pairs``, ``assessments`` and ``has_report`` (whether the mentor's report is there): when
    already read.
    """
    from nastavnik.mentoring.models import Meeting, MentorReport

    pairs = current_pairs(program) if pairs is None else pairs
    assessments = mentee_assessments(program, pairs) if assessments is None else assessments
    report_url = page_url("mentoring:mentor_report", program.pk)
    conditions = [
        _condition(
            "active",
            "Программа реализуется",
            program.status == ProgramStatus.ACTIVE,
            f"программа не реализуется (статус «{program.get_status_display()}»)",
        ),
        _condition(
            "report",
            "Отчёт наставника о реализации программы представлен",
            MentorReport.objects.filter(program=program).exists() if has_report is None else has_report,
            "наставник не представил отчёт о реализации программы",
            report_url,
        ),
    ]
    if not pairs:
        conditions.append(
            _condition("mentees", "В программе есть наставляемые", False, "в программе нет наставляемых")
        )
    for assessment in assessments:
        name = assessment.mentee.short_name
        for phase, label in PHASES.items():
            url = page_url("mentoring:self_assessment", program.pk, phase)
            if url and len(assessments) > 1:
                url += f"?mentee={assessment.mentee.pk}"
            if not assessment.rows:
                missing = (
                    f"{name}: не указаны затруднения, на которые направлена программа, — "
                    "самооценку провести не по чему"
                )
                met = False
            else:
                absent = [r["area"].name for r in assessment.rows if r[phase] is None]
                met = not absent
                missing = f"{name}: нет самооценки {label} по областям: " + "; ".join(
                    f"«{a}»" for a in absent
                )
            conditions.append(
                _condition(
                    f"assessment_{phase}_{assessment.mentee.pk}",
                    f"{name}: самооценка {label}",
                    met,
                    missing,
                    url,
                )
            )
    final_held = Meeting.objects.filter(
        program=program, meeting_type__code=FINAL_MEETING, status=MeetingStatus.HELD
    ).exists()
    conditions.append(
        _condition(
            "final_meeting",
            "Итоговая встреча проведена",
            final_held,
            "итоговая встреча не проведена",
            page_url("mentoring:program_detail", program.pk) + "#meetings" if not final_held else "",
        )
    )
    return conditions


def completion_context(program, user, roles) -> dict:
    """Template context of the completion section of the program page
    (``mentoring/_program_completion.html``), under the one key ``completion``:

    ``conditions`` (:class:`Condition`, ✓/✗ with links), ``ready`` (all met), ``assessments``
    (:class:`MenteeAssessment` per current mentee: area, before, after, change), ``report``
    (the ``MentorReport`` or ``None``), and what ``user`` (with ``roles``, a
    ``selectors.participants.ProgramRoles``) may do: ``can_assess`` (phase → URL), ``can_report``,
    ``can_complete`` with their URLs.
    """
    from nastavnik.mentoring.models import MentorReport

    report = MentorReport.objects.filter(program=program).select_related("author__person").first()
    completed = program.status == ProgramStatus.COMPLETED
    if completed:  # its pairs have ended: the table is of those who assessed, nothing is left to do
        assessments, conditions = _completed_assessments(program), []
    else:
        pairs = current_pairs(program)
        assessments = mentee_assessments(program, pairs)
        conditions = completion_conditions(
            program, pairs=pairs, assessments=assessments, has_report=report is not None
        )
    can_assess = {
        phase: page_url("mentoring:self_assessment", program.pk, phase)
        for phase in PHASES
        if may_assess(roles) and program.status in PHASE_STATUSES[phase]
    }
    can_report = may_report(roles) and program.status == ProgramStatus.ACTIVE
    can_complete = may_complete(roles) and program.status == ProgramStatus.ACTIVE
    conditions = _openable(conditions, user, roles)
    return {
        "completion": {
            "program": program,
            "completed": completed,
            "conditions": conditions,
            "ready": bool(conditions) and all(c.met for c in conditions),
            "assessments": assessments,
            "report": report,
            "can_assess": can_assess,
            "can_report": can_report,
            "report_url": page_url("mentoring:mentor_report", program.pk) if can_report else "",
            "can_complete": can_complete,
            "complete_url": page_url("mentoring:program_complete", program.pk) if can_complete else "",
            "attachment_url": page_url("mentoring:mentor_report_attachment", program.pk)
            if report and report.attachment
            else "",
        }
    }


def _openable(conditions: list[Condition], user, roles) -> list[Condition]:
    """``conditions`` with the links ``user`` may not follow removed: the report's for those who
    may not report, a self-assessment's for those who may not assess — and for a mentee, every
    self-assessment but their own (the page would show their own instead)."""
    from nastavnik.access.scope import get_scope

    own = get_scope(user).person_id if roles.mentee and not roles.manager else None
    result = []
    for condition in conditions:
        allowed = True
        if condition.code == "report":
            allowed = may_report(roles)
        elif condition.code.startswith("assessment_"):
            mentee_id = int(condition.code.rsplit("_", 1)[1])
            allowed = may_assess(roles) and (roles.manager or mentee_id == own)
        result.append(condition if allowed or not condition.url else replace(condition, url=""))
    return result


def _completed_assessments(program) -> list[MenteeAssessment]:
    """The self-assessment table of a completed program: its pairs have ended, so the rows are
    grouped by the mentees who assessed."""
    from nastavnik.mentoring.models import SelfAssessment

    by_mentee: dict[int, MenteeAssessment] = {}
    for row in (
        SelfAssessment.objects.filter(program=program)
        .select_related("mentee", "area")
        .order_by("mentee__last_name", "area__sort_order")
    ):
        assessment = by_mentee.setdefault(row.mentee_id, MenteeAssessment(row.mentee))
        change = row.after - row.before if row.before is not None and row.after is not None else None
        assessment.rows.append({"area": row.area, "before": row.before, "after": row.after, "change": change})
    return list(by_mentee.values())
