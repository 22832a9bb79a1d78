"""Reads of the organization's mentoring program: the guided checklist of its seven stages
(seed 000 §IV), computed from the real data of the organization, and its results (seed 003 §4.8).

Both read a fixed number of queries whatever the size of the organization (pinned in
``tests/test_organization_program.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from nastavnik.mentoring.choices import ActivityStatus, MeetingStatus, ProgramStatus
from nastavnik.mentoring.selectors.completion import page_url

#: A meeting within this many days counts as recent work of a pair (stage 6).
RECENT_MEETING_DAYS = 30
#: The mentors' course of the regional roadmap (seed 000 App. 2 §2.7: 72 hours).
COURSE_HOURS = 72

STATE_LABELS = {"done": "выполнен", "partial": "выполняется частично", "not_started": "не начат"}


@dataclass(frozen=True)
class Mark:
    """One measured mark of a stage: ``text`` as shown («наставники обучены: 12 из 15»), whether
    it is fully ``ok``, and whether any work towards it has ``started``."""

    text: str
    ok: bool
    started: bool


@dataclass
class Stage:
    """One of the seven stages (a ``reference.ProgramStage`` row): its marks, ``state``
    ("done", "partial", "not_started"), and ``url`` with ``url_label`` — where to act."""

    number: int
    code: str
    name: str
    source: str
    marks: list[Mark] = field(default_factory=list)
    url: str = ""
    url_label: str = ""

    @property
    def state(self) -> str:
        if self.marks and all(m.ok for m in self.marks):
            return "done"
        if any(m.started for m in self.marks):
            return "partial"
        return "not_started"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def _ratio(label: str, done: int, total: int) -> Mark:
    return Mark(f"{label}: {done} из {total}", total > 0 and done == total, done > 0)


def _count(label: str, number: int) -> Mark:
    return Mark(f"{label}: {number}", number > 0, number > 0)


def _flag(label: str, value: bool, when: dt.date | None = None) -> Mark:
    text = f"{label}: {'да' if value else 'нет'}"
    if value and when:
        text += f" ({when:%d.%m.%Y})"
    return Mark(text, value, value)


def format_growth(value: float | None) -> str:
    """«+1,5» — a change in points with a decimal comma (for the self-assessed difficulties, their
    decrease: positive is better); «—» when unknown."""
    if value is None:
        return "—"
    return f"{value:+.1f}".replace(".", ",").replace("-", "−")


def period_programs(program):
    """The personalized programs of ``program``'s organization that belong to it: linked to it,
    or not linked to any organization's program and overlapping its period."""
    from nastavnik.mentoring.models import PersonalizedProgram

    return PersonalizedProgram.objects.filter(organization_id=program.organization_id).filter(
        Q(mentoring_program=program)
        | Q(mentoring_program__isnull=True, starts_on__lte=program.ends_on, ends_on__gte=program.starts_on)
    )


def _felt(changes) -> list:
    """The ``DifficultyChange`` rows of areas where a difficulty was felt before or after (1 is
    «none»): a program's average decrease is taken over them, not diluted by untroubled areas."""
    return [c for c in changes if max(c.before, c.after) > 1]


def _mean(values) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def mentoring_program_checklist(
    program, *, today: dt.date | None = None, may_change: bool = True
) -> list[Stage]:
    """The seven stages of ``program`` (a ``MentoringProgram``, seed 000 §IV), one per
    ``reference.ProgramStage`` row, each with marks computed from the organization's data:

    1. conditions: a curator appointed; the program approved; the bank confirmed within a year
       (seed 000 §4.1.2);
    2. mentee base: mentees in the bank; with diagnosed difficulties; with written consent;
    3. mentor base: mentors in the bank (not «выбыл»); with written consent;
    4. selection and training: interviewed; trained (status «обучен», «действующий» or
       «приостановлен»); the course of at least 72 hours (seed 000 App. 2 §2.7);
    5. forming pairs: mentees with written consent who have an open pair; personalized programs
       approved (of those not terminated);
    6. work of pairs: programs under way; of them with a meeting held in the last 30 days;
       overdue plan items;
    7. completion: programs completed; mentees of the programs marked with the full cycle in the
       period (seed 002 §9); the average decrease of the self-assessed difficulties (the
       questionnaires before and after, 1–10); mentors' reports.

    The programs counted are :func:`period_programs`. Nine queries whatever the size (with
    ``program.organization`` selected). ``may_change``: whether the reader may change the
    program; without it the first stage links nowhere rather than to a page they cannot open.
    """
    from nastavnik.access.choices import Role
    from nastavnik.access.models import RoleAssignment
    from nastavnik.bank.choices import MentorStatus
    from nastavnik.bank.models import MenteeProfile, MentorProfile, MentorTraining
    from nastavnik.bank.selectors import bank_confirmation_status
    from nastavnik.development.models import Deficit
    from nastavnik.mentoring.models import ActivityPlanItem, Meeting, MentorReport, Pair
    from nastavnik.mentoring.selectors.completion import difficulty_changes
    from nastavnik.reference.models import ProgramStage

    today = today or timezone.localdate()
    organization_id = program.organization_id
    programs = period_programs(program)

    curator = RoleAssignment.objects.filter(org_unit_id=organization_id, role=Role.CURATOR).exists()
    confirmation = bank_confirmation_status(program.organization, today=today)

    open_pairs = Pair.objects.filter(ended_on__isnull=True).values("mentee_id")
    consent = Q(consent_given_on__isnull=False)
    mentees = MenteeProfile.objects.filter(organization_id=organization_id).aggregate(
        total=Count("pk"),
        difficulties=Count("pk", filter=Q(person_id__in=Deficit.objects.values("person_id"))),
        consent=Count("pk", filter=consent),
        consent_paired=Count("pk", filter=consent & Q(person_id__in=open_pairs)),
    )
    mentors = (
        MentorProfile.objects.filter(organization_id=organization_id)
        .exclude(status=MentorStatus.LEFT)
        .aggregate(
            total=Count("pk"),
            consent=Count("pk", filter=consent),
            interviewed=Count("pk", filter=Q(interviewed_on__isnull=False)),
            trained=Count(
                "pk", filter=Q(status__in=[MentorStatus.TRAINED, MentorStatus.ACTIVE, MentorStatus.PAUSED])
            ),
            course=Count(
                "pk",
                filter=Q(pk__in=MentorTraining.objects.filter(hours__gte=COURSE_HOURS).values("mentor_id")),
            ),
        )
    )
    now = timezone.now()
    recent = Meeting.objects.filter(
        status=MeetingStatus.HELD,
        starts_at__gte=now - dt.timedelta(days=RECENT_MEETING_DAYS),
        starts_at__lte=now,
    ).values("program_id")
    worked = Q(status__in=[ProgramStatus.ACTIVE, ProgramStatus.COMPLETED])
    counts = programs.aggregate(
        total=Count("pk", filter=~Q(status=ProgramStatus.TERMINATED)),
        approved=Count(
            "pk", filter=Q(status__in=[ProgramStatus.APPROVED, ProgramStatus.ACTIVE, ProgramStatus.COMPLETED])
        ),
        active=Count("pk", filter=Q(status=ProgramStatus.ACTIVE)),
        active_met=Count("pk", filter=Q(status=ProgramStatus.ACTIVE, pk__in=recent)),
        completed=Count("pk", filter=Q(status=ProgramStatus.COMPLETED)),
        worked=Count("pk", filter=worked),
        reported=Count("pk", filter=worked & Q(pk__in=MentorReport.objects.values("program_id"))),
    )
    overdue = ActivityPlanItem.objects.filter(
        program__in=programs.filter(status=ProgramStatus.ACTIVE),
        ends_on__lt=today,
        status__in=[ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS],
    ).count()
    growth = _mean(
        c.decrease for c in _felt(difficulty_changes(programs.filter(status=ProgramStatus.COMPLETED)))
    )
    participants = Pair.objects.filter(program__in=programs.exclude(status=ProgramStatus.TERMINATED)).values(
        "mentee_id"
    )
    cycle = MenteeProfile.objects.filter(person_id__in=participants).aggregate(
        total=Count("pk"),
        full=Count("pk", filter=Q(full_cycle_completed_on__gte=program.starts_on)),
    )

    growth_mark = Mark(
        f"среднее снижение затруднений по самооценке: {format_growth(growth)}"
        + (" балла из 10" if growth is not None else " (нет самооценок до и после программы)"),
        growth is not None and growth > 0,
        growth is not None,
    )
    marks = {
        "preparing_conditions": [
            _flag("куратор назначен", curator),
            _flag("программа утверждена", bool(program.approved_on), program.approved_on),
            _flag(
                "актуальность банка подтверждена в течение года",
                confirmation.state in ("ok", "due_soon"),
                confirmation.last.confirmed_on if confirmation.last else None,
            ),
        ],
        "mentee_base": [
            _count("наставляемых в банке", mentees["total"]),
            _ratio("с выявленными затруднениями", mentees["difficulties"], mentees["total"]),
            _ratio("с письменным согласием", mentees["consent"], mentees["total"]),
        ],
        "mentor_base": [
            _count("наставников в банке", mentors["total"]),
            _ratio("с письменным согласием", mentors["consent"], mentors["total"]),
        ],
        "mentor_selection_training": [
            _ratio("прошли собеседование", mentors["interviewed"], mentors["total"]),
            _ratio("наставники обучены", mentors["trained"], mentors["total"]),
            _ratio(f"прошли курс не менее {COURSE_HOURS} часов", mentors["course"], mentors["total"]),
        ],
        "forming_pairs": [
            _ratio(
                "наставляемые с письменным согласием в действующей паре",
                mentees["consent_paired"],
                mentees["consent"],
            ),
            _ratio("персонализированные программы утверждены", counts["approved"], counts["total"]),
        ],
        "pair_work": [
            _count("программ реализуется", counts["active"]),
            _ratio(
                f"со встречей за последние {RECENT_MEETING_DAYS} дней", counts["active_met"], counts["active"]
            ),
            Mark(f"просроченных мероприятий плана: {overdue}", overdue == 0, False),
        ],
        "completion": [
            _count("программ завершено", counts["completed"]),
            _ratio("наставляемые прошли полный цикл", cycle["full"], cycle["total"]),
            growth_mark,
            _ratio("отчёты наставников представлены", counts["reported"], counts["worked"]),
        ],
    }
    links = {
        # the edit page only to those who may change the program (``may_change``): no link to a 404
        "preparing_conditions": (
            page_url("mentoring:mentoring_program_edit", program.pk) if may_change else "",
            "Сведения о программе и её утверждение",
        ),
        "mentee_base": (page_url("bank:mentee_list"), "База наставляемых"),
        "mentor_base": (page_url("bank:mentor_list"), "База наставников"),
        "mentor_selection_training": (page_url("bank:mentor_list"), "Собеседования и обучение наставников"),
        "forming_pairs": (
            page_url("matching:pool") or page_url("mentoring:program_list"),
            "Сформировать пары",
        ),
        "pair_work": (page_url("mentoring:program_list"), "Персонализированные программы"),
        "completion": (
            page_url("mentoring:mentoring_program_detail", program.pk) + "#results",
            "Итоги программы",
        ),
    }
    stages = []
    for number, row in enumerate(ProgramStage.objects.filter(is_active=True).order_by("sort_order", "pk"), 1):
        url, url_label = links.get(row.code, ("", ""))
        stages.append(Stage(number, row.code, row.name, row.source, marks.get(row.code, []), url, url_label))
    return stages


def mentoring_program_results(program, *, user=None) -> dict:
    """The results of ``program`` (seed 003 §4.8: «подведение итогов работы каждой пары/группы»,
    «подведение итогов программы школы», «поощрение наставников»), over the completed
    :func:`period_programs`:

    - ``programs``: each completed program with ``pairs`` (mentor and mentee), its results,
      the mentor's report (``mentor_report``) and ``growth`` (the average decrease of the
      mentees' self-assessed difficulties, 1–10 points, over the areas where one was felt, or
      ``None``);
    - ``areas``: per area (``area__name``), the average self-assessed difficulty ``avg_before``
      and ``avg_after`` (1 = none … 10 = very serious, seed 004 §9.2), ``growth`` (their
      decrease) and ``mentees`` — how many answered both, over the mentees who felt a
      difficulty in that area before or after (with ``*_display`` strings);
    - ``mentors``: the mentors of completed programs (candidates for incentives, seed 000 §3.4),
      each annotated with ``completed_programs`` and ``mentees_count``.

    With ``user``, the rows that name people (``programs``, ``mentors``) come only from the
    programs ``user`` may view (``PersonalizedProgram.objects.for_user``: above the curator and
    the head, not those of people who withdrew their consent to personal-data processing,
    152-ФЗ art. 9); the averages by area name no one and count every completed program.

    Five queries, whatever the size.
    """
    from django.db.models import Prefetch

    from nastavnik.mentoring.models import MentorReport, Pair, PersonalizedProgram
    from nastavnik.mentoring.selectors.completion import difficulty_changes
    from nastavnik.people.models import Person

    completed = period_programs(program).filter(status=ProgramStatus.COMPLETED)
    named = completed
    if user is not None:
        named = completed.filter(pk__in=PersonalizedProgram.objects.for_user(user).values("pk"))
    changes = difficulty_changes(completed)
    felt = set(_felt(changes))
    by_program: dict[int, list[int]] = {}
    by_area: dict[tuple[int, str], list] = {}
    for change in changes:
        if change not in felt:
            continue
        by_program.setdefault(change.program_id, []).append(change.decrease)
        by_area.setdefault((change.area_order, change.area_name), []).append(change)
    programs = list(
        named.prefetch_related(
            Prefetch("pairs", queryset=Pair.objects.select_related("mentor", "mentee").order_by("pk")),
            Prefetch("mentor_report", queryset=MentorReport.objects.all()),
        ).order_by("-completed_on", "pk")
    )
    for row in programs:
        row.growth = _mean(by_program.get(row.pk, []))
        row.growth_display = format_growth(row.growth)
    areas = []
    for (order, name), rows in sorted(by_area.items()):
        areas.append(
            {
                "area__name": name,
                "area__sort_order": order,
                "growth": _mean(r.decrease for r in rows),
                "avg_before": _mean(r.before for r in rows),
                "avg_after": _mean(r.after for r in rows),
                "mentees": len({r.mentee_id for r in rows}),
            }
        )
    for row in areas:
        row["before_display"] = f"{row['avg_before']:.1f}".replace(".", ",")
        row["after_display"] = f"{row['avg_after']:.1f}".replace(".", ",")
        row["growth_display"] = format_growth(row["growth"])
    mentors = list(
        Person.objects.filter(pairs_as_mentor__program__in=named)
        .annotate(
            completed_programs=Count("pairs_as_mentor__program", distinct=True),
            mentees_count=Count("pairs_as_mentor__mentee", distinct=True),
        )
        .order_by("last_name", "first_name", "middle_name", "pk")
    )
    return {"programs": programs, "areas": areas, "mentors": mentors}
