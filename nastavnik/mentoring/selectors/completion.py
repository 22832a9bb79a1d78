"""Reads of the completion of a personalized program (seed 004 §6.2.3: the reflective-analytical
stage — the mentee reflects, the mentor reports; 003 §4.7–4.8: the final meeting, the results of
each pair or group; 002 §9: the «full cycle» mark).

:func:`completion_conditions` is the one list of what a program needs to be completed: the
service ``program_complete`` refuses with it, the program page shows it as a checklist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.urls import NoReverseMatch, reverse

from nastavnik.mentoring.choices import MeetingStatus, ProgramStatus

#: The self-assessment phases: before the program and after it (seed 004 §9.2).
PHASES = {"before": "до программы", "after": "после программы"}
FINAL_MEETING = "final"


# Who may open each completion page, given the user's ``selectors.participants.ProgramRoles``:
# the pages ask these (``views.completion``), and so does the program page before it shows a
# link to one of them, so that no link leads to «Доступ запрещён».
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
    to act (empty when there is no page for it), ``url_label`` — the words of its link when not
    the plain «перейти» (the manager's «Внести с бумажной анкеты», see :func:`_openable`)."""

    code: str
    label: str
    met: bool
    missing: str = ""
    url: str = ""
    url_label: str = ""


@dataclass
class MenteeAssessment:
    """The self-assessment of difficulties of one mentee: ``rows`` of dicts with ``area`` (a
    ``reference.CompetenceArea``), ``before`` and ``after`` (the difficulty, 1 = none … 10 = very
    serious, or ``None``) and ``change`` (after − before: negative when the difficulty went
    down, or ``None``)."""

    mentee: object
    rows: list[dict] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.rows) and all(r["before"] is not None and r["after"] is not None for r in self.rows)


#: name → ``conditions(program, pairs) -> list[Condition]``: conditions of completion the apps
#: above mentoring add (monitoring: «every current mentee answered the self-assessment of
#: difficulties before and after», seed 004 §9.2), so that mentoring imports none of them.
#: ``pairs`` are the program's :func:`current_pairs`. Filled by ``monitoring.hooks.connect``.
_CONDITION_SOURCES: dict[str, Callable[[object, list], list[Condition]]] = {}

#: ``assessments(program, pairs) -> list[MenteeAssessment]``: the mentees' self-assessment of
#: difficulties by area (``pairs``: the current ones, or ``None`` for a completed program, whose
#: pairs have ended: then the mentees who answered). ``None``: no table.
_ASSESSMENT_SOURCE: list[Callable[[object, list | None], list[MenteeAssessment]]] = []


@dataclass(frozen=True)
class DifficultyChange:
    """One mentee's self-assessed difficulty in one area before and after a program (1 = none …
    10 = very serious, seed 004 §9.2, 000 §4.3.3): ``decrease`` is before − after (positive when
    the difficulty went down)."""

    program_id: int
    mentee_id: int
    area_id: int
    area_name: str
    area_order: int
    before: int
    after: int

    @property
    def decrease(self) -> int:
        return self.before - self.after


#: ``changes(programs) -> list[DifficultyChange]``: for a queryset of programs, every (mentee,
#: area) answered both before and after. Filled by ``monitoring.hooks.connect``.
_DIFFICULTY_SOURCE: list[Callable[[object], list[DifficultyChange]]] = []


def register_difficulty_source(changes: Callable[[object], list[DifficultyChange]]) -> None:
    """Set the source of :func:`difficulty_changes` (called from ``AppConfig.ready``)."""
    _DIFFICULTY_SOURCE[:] = [changes]


def difficulty_changes(programs) -> list[DifficultyChange]:
    """The mentees' difficulties by area before and after ``programs`` (a queryset of
    ``PersonalizedProgram``), from the registered source; ``[]`` when none is registered. One
    query in monitoring's source."""
    return _DIFFICULTY_SOURCE[0](programs) if _DIFFICULTY_SOURCE else []


def register_completion_condition(name: str, conditions: Callable[[object, list], list[Condition]]) -> None:
    """Add (or replace) the source ``name`` of conditions of completion: ``conditions(program,
    pairs)`` returns :class:`Condition` items (their ``code`` unique; a condition about one
    mentee's own act has the code ``<what>_<person pk>`` and a ``url`` only that mentee may follow,
    see :func:`completion_context`). Called from ``AppConfig.ready``."""
    _CONDITION_SOURCES[name] = conditions


def register_assessment_source(assessments: Callable[[object, list | None], list[MenteeAssessment]]) -> None:
    """Set the source of the mentees' self-assessment table of the program page and the final
    report (``assessments(program, pairs)``, see :data:`_ASSESSMENT_SOURCE`). Called from
    ``AppConfig.ready``."""
    _ASSESSMENT_SOURCE[:] = [assessments]


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


def mentee_assessments(program, pairs=None) -> list[MenteeAssessment]:
    """For each current mentee of ``program`` (``pairs``: its :func:`current_pairs` when already
    read), the self-assessment of difficulties by area before and after the program, from the
    registered source (:func:`register_assessment_source`; ``[]`` when none is). For a completed
    program, whose pairs have ended, give ``pairs=None``: the mentees who answered."""
    if not _ASSESSMENT_SOURCE:
        return []
    return _ASSESSMENT_SOURCE[0](program, pairs)


def completion_conditions(program, *, pairs=None, has_report=None) -> list[Condition]:
    """What ``program`` needs to be completed, each with whether it is met (seed 004 §6.2.3,
    003 §4.7, §9.2):

    - the program is being implemented (status «Реализуется»);
    - the mentor's report on the implementation is submitted;
    - the conditions of the registered sources (:func:`register_completion_condition`):
      monitoring adds «every current mentee answered the self-assessment of difficulties
      before and after the program»;
    - the final meeting is held.

    ``pairs`` (the program's :func:`current_pairs`) and ``has_report`` (whether the mentor's
    report is there): when already read.
    """
    from nastavnik.mentoring.models import Meeting, MentorReport

    pairs = current_pairs(program) if pairs is None else pairs
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
    for source in _CONDITION_SOURCES.values():
        conditions.extend(source(program, pairs))
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
    (:class:`MenteeAssessment` per current mentee, or per mentee who answered once the program
    is completed: area, difficulty before, after, change), ``report`` (the ``MentorReport`` or
    ``None``), and what ``user`` (with ``roles``, a ``selectors.participants.ProgramRoles``) may
    do: ``can_report``, ``can_complete`` with their URLs.
    """
    from nastavnik.mentoring.models import MentorReport

    report = MentorReport.objects.filter(program=program).select_related("author__person").first()
    completed = program.status == ProgramStatus.COMPLETED
    if completed:  # its pairs have ended: the table is of those who answered, nothing is left to do
        assessments, conditions = mentee_assessments(program, None), []
    else:
        pairs = current_pairs(program)
        assessments = mentee_assessments(program, pairs)
        conditions = completion_conditions(program, pairs=pairs, has_report=report is not None)
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
            "can_report": can_report,
            "report_url": page_url("mentoring:mentor_report", program.pk) if can_report else "",
            "can_complete": can_complete,
            "complete_url": page_url("mentoring:program_complete", program.pk) if can_complete else "",
            "attachment_url": page_url("mentoring:mentor_report_attachment", program.pk)
            if report and report.attachment
            else "",
        }
    }


#: The link of a mentee's unanswered self-assessment for the curator or head, who types in the
#: mentee's paper form (seed 004 §9.2: many teachers have no account).
PAPER_ENTRY_LABEL = "Внести с бумажной анкеты"


def _openable(conditions: list[Condition], user, roles) -> list[Condition]:
    """``conditions`` with the links ``user`` may not follow removed: the report's for those who
    may not report, and a mentee's own act (code ``assessment_…_<person pk>``: their answer to a
    named questionnaire) for everyone but that mentee and the program's curator or head
    (``roles.manager``), whose link reads :data:`PAPER_ENTRY_LABEL`: they type in the mentee's
    paper form (``monitoring.services.questionnaires.answer_submit``)."""
    from nastavnik.access.scope import get_scope

    own = get_scope(user).person_id if roles.mentee else None
    result = []
    for condition in conditions:
        allowed = True
        if condition.code == "report":
            allowed = may_report(roles)
        elif condition.code.startswith("assessment_"):
            allowed = own is not None and condition.code.rsplit("_", 1)[1] == str(own)
            if not allowed and roles.manager and condition.url:
                condition = replace(condition, url_label=PAPER_ENTRY_LABEL)
                allowed = True
        result.append(condition if allowed or not condition.url else replace(condition, url=""))
    return result
