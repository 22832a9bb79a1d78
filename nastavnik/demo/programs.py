"""The demo programs: every demo pair works on a personalized program, in every status; last
school year's completed programs with their full cycle; the organizations' programs; a few
mentees of the demo curator's school still waiting for a mentor (seed 000 §IV, 003 §4.7–4.8,
004 §6.2.3, 002 §9).

Written in bulk (hundreds of programs in a fraction of a second); the rows are the same the
services write, events included, so every program page shows a coherent history.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.bank.models import MenteeProfile, MentorProfile
from nastavnik.demo.staff import school_year_start
from nastavnik.development.choices import DeficitSource
from nastavnik.development.models import Deficit
from nastavnik.mentoring.choices import (
    ActivityStatus,
    EventKind,
    MeetingFormat,
    MeetingStatus,
    PairEndReason,
    ProgramFormat,
    ProgramStatus,
)
from nastavnik.mentoring.models import (
    ActivityPlanItem,
    Meeting,
    MeetingAttendance,
    MentoringProgram,
    MentorReport,
    Pair,
    PersonalizedProgram,
    ProgramEvent,
)
from nastavnik.mentoring.services.meetings import local_label, meeting_phrase
from nastavnik.mentoring.services.pairs import program_direction_default
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Employment, Person
from nastavnik.reference.models import (
    CompetenceArea,
    InteractionModel,
    MeetingType,
    MenteeCategory,
    MentoringForm,
    MentoringKind,
    PersonalizedProgramStage,
)

BATCH_SIZE = 2000

#: (stage code, activity, expected product, days from the start, length in days)
_PLAN = (
    ("preparatory", "Входная диагностика профессиональных затруднений", "Карта затруднений", 0, 14),
    ("design", "Постановка целей и составление плана работы пары", "План мероприятий", 10, 14),
    ("implementation", "Посещение и анализ уроков наставника", "Анализ 4 уроков", 30, 90),
    ("implementation", "Разработка и проведение открытого урока", "Технологическая карта урока", 90, 60),
    ("implementation", "Участие в методическом объединении молодых педагогов", "Выступление", 120, 60),
    ("reflective_analytical", "Самоанализ и отчёт о реализации программы", "Отчёт наставника", 230, 30),
    ("resultative", "Итоговое представление опыта на педагогическом совете", "Презентация опыта", 255, 14),
)

_AGENDAS = {
    "acquaintance": "Знакомство, ожидания сторон, правила взаимодействия.",
    "trial_working": "Пробное занятие: разбор урока наставляемого.",
    "planning": "Согласование целей и плана мероприятий программы.",
    "consecutive_series": "Разбор проведённых уроков, методическая помощь.",
    "final": "Подведение итогов, самооценка, планы на будущее.",
}


#: The lesson of a school is an «занятие» elsewhere (a kindergarten, a college): the phrases of
#: the texts above in the forms they take, longest first.
_LESSON_ELSEWHERE = (
    ("открытый урок", "открытое занятие"),
    ("открытого урока", "открытого занятия"),
    ("Открытые уроки", "Открытые занятия"),
    ("проведённых уроков", "проведённых занятий"),
    ("уроками", "занятиями"),
    ("урокам", "занятиям"),
    ("уроков", "занятий"),
    ("урока", "занятия"),
    ("уроки", "занятия"),
    ("урок", "занятие"),
)


def for_kind(text: str, kind: str) -> str:
    """``text`` written for a school, as an organization of ``kind`` says it: «урок» is a
    school's, a kindergarten or a college holds «занятия» (the documents of their packages
    quote the programs' plans and results)."""
    if kind in ("school", ""):
        return text
    for school, elsewhere in _LESSON_ELSEWHERE:
        text = text.replace(school, elsewhere)
    return text


@dataclass(frozen=True)
class ProgramsSummary:
    """Counts written by :func:`programs_write`."""

    programs: int
    completed: int
    meetings: int
    waiting_mentees: int


class _Writer:
    """Collects the rows and writes them in bulk."""

    def __init__(self, *, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.stages = {s.code: s for s in PersonalizedProgramStage.objects.all()}
        self.meeting_types = {m.code: m for m in MeetingType.objects.all()}
        self.form = MentoringForm.objects.get(code="pedagogue_pedagogue")
        self.kinds = {k.code: k for k in MentoringKind.objects.all()}
        self.model = InteractionModel.objects.filter(code="experienced_young_specialist").first()
        self.events: list[ProgramEvent] = []
        self.plan: list[ActivityPlanItem] = []
        self.meetings: list[tuple[Meeting, list[int]]] = []
        #: (program, mentee person id, phase, {area id: difficulty 1–10}) of the self-assessments
        self.assessments: list[tuple[PersonalizedProgram, int, str, dict[int, int]]] = []
        self.reports: list[MentorReport] = []
        self.area_ids = list(CompetenceArea.objects.order_by("sort_order", "pk").values_list("pk", flat=True))
        #: organization id → kind, for the wording of the texts (``for_kind``)
        self.org_kind = dict(OrgUnit.objects.filter(level="organization").values_list("pk", "kind"))

    def said(self, text: str, organization_id: int) -> str:
        """``text`` as the organization says it (``for_kind``)."""
        return for_kind(text, self.org_kind.get(organization_id, ""))

    def at(self, day: dt.date, hour: int = 15) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))

    def event(self, program, day: dt.date, kind: str, summary: str, *, author=None, **status) -> None:
        self.events.append(
            ProgramEvent(
                program=program,
                kind=kind,
                summary=summary,
                author=author,
                occurred_at=self.at(day, 10),
                **status,
            )
        )

    def history(self, program, names: str, curator_user, *, until: str) -> None:
        """The events of a program up to the status ``until``."""
        start = program.starts_on
        self.event(
            program,
            start,
            EventKind.CREATED,
            f"Сформирована наставническая {'группа' if program.format == ProgramFormat.GROUP else 'пара'}: "
            f"{names}; создан проект программы",
            author=curator_user,
            to_status=ProgramStatus.DRAFT,
        )
        steps = [
            (ProgramStatus.DRAFT, ProgramStatus.APPROVED, 5, "Программа утверждена"),
            (ProgramStatus.APPROVED, ProgramStatus.ACTIVE, 7, "Начата реализация программы"),
            (ProgramStatus.ACTIVE, ProgramStatus.COMPLETED, None, "Программа завершена"),
        ]
        for old, new, days, summary in steps:
            if old == until:
                return
            day = program.completed_on if days is None else start + dt.timedelta(days=days)
            self.event(
                program, day, EventKind.STATUS, summary, author=curator_user, from_status=old, to_status=new
            )
            if new == until:
                return

    def plan_items(self, program) -> None:
        for code, title, product, offset, length in _PLAN:
            starts = min(program.starts_on + dt.timedelta(days=offset), program.ends_on)
            ends = min(starts + dt.timedelta(days=length), program.ends_on)
            if program.status == ProgramStatus.COMPLETED or ends < self.today:
                status = ActivityStatus.DONE
            elif starts <= self.today and program.status == ProgramStatus.ACTIVE:
                status = ActivityStatus.IN_PROGRESS
            else:
                status = ActivityStatus.PLANNED
            self.plan.append(
                ActivityPlanItem(
                    program=program,
                    stage=self.stages[code],
                    title=self.said(title, program.organization_id),
                    starts_on=starts,
                    ends_on=ends,
                    expected_product=self.said(product, program.organization_id),
                    status=status,
                    evidence_note="Материалы переданы куратору." if status == ActivityStatus.DONE else "",
                )
            )

    def meeting(
        self, program, code: str, day: dt.date, people: list[int], *, held: bool, author=None
    ) -> None:
        meeting = Meeting(
            program=program,
            meeting_type=self.meeting_types[code],
            starts_at=self.at(day),
            format=MeetingFormat.ONLINE if self.rng.random() < 0.2 else MeetingFormat.IN_PERSON,
            place="Кабинет наставника" if self.rng.random() < 0.8 else "Методический кабинет",
            agenda=self.said(_AGENDAS[code], program.organization_id),
            notes="Цели встречи достигнуты, договорённости записаны." if held else "",
            status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
        )
        self.meetings.append((meeting, people if held else []))
        what = meeting_phrase(meeting.meeting_type)
        if held:
            self.event(program, day, EventKind.MEETING, f"Проведена {what} {day:%d.%m.%Y}", author=author)
        else:
            self.event(
                program,
                min(day, self.today) - dt.timedelta(days=3),
                EventKind.MEETING,
                f"Запланирована {what} на {local_label(meeting.starts_at)}",
                author=author,
            )

    def meetings_of(self, program, people: list[int], author=None) -> None:
        """The five kinds of meetings of seed 003 §4.7, held up to today, the next one planned."""
        start = program.starts_on
        schedule = [("acquaintance", 7), ("trial_working", 14), ("planning", 21)]
        day = start + dt.timedelta(days=35)
        while day < program.ends_on - dt.timedelta(days=14):
            schedule.append(("consecutive_series", (day - start).days))
            day += dt.timedelta(days=14)
        schedule.append(("final", (program.ends_on - start).days - 7))
        completed = program.status == ProgramStatus.COMPLETED
        planned_one = False
        for code, offset in schedule:
            day = start + dt.timedelta(days=offset)
            if completed or day < self.today:
                self.meeting(program, code, day, people, held=True, author=author)
            elif not planned_one:
                later = max(day, self.today + dt.timedelta(days=2))
                self.meeting(program, code, later, people, held=False, author=author)
                planned_one = True


def _curator_users(region) -> dict[int, object]:
    rows = RoleAssignment.objects.filter(role=Role.CURATOR, org_unit__path__startswith=region.path)
    return {r.org_unit_id: r.user for r in rows.select_related("user")}


def programs_write(
    *, region, rng: random.Random, today: dt.date, curator_org=None, showcase: tuple = ()
) -> ProgramsSummary:
    """Give every demo pair under ``region`` its personalized program and write the rest.

    - a mentor with two or more mentees in one school works with them as a group in one case
      of three (the first such mentor always, so that a small load has a group too); the
      others work in pairs;
    - statuses: about 10 % drafts, 15 % approved, the rest active, with their plan, history,
      meetings (held up to today, the next one planned) and the mentees' self-assessment
      «before»; the demo mentor's pairs are active;
    - last school year: one active mentor in six completed a program with a young teacher of
      the same school (meetings, self-assessments of difficulties before and after — answers to
      monitoring's questionnaires —, the mentor's report, the
      pair ended, the «full cycle» mark, seed 002 §9);
    - every school with pairs has its program for this school year; those with completed
      programs also last year's, with results (seed 003 §4.8);
    - each organization of ``showcase`` (school A, kindergarten A, college A: their whole
      package of documents is shown) has a completed program of last year, with the mentor's
      report, whatever the draw, when it has an active mentor and a teacher to have completed it;
    - ``curator_org`` (the demo curator's school) gets four young teachers in the bank of
      mentees without a mentor, so its curator can form pairs from the suggestions.
    """
    writer = _Writer(rng=rng, today=today)
    curators = _curator_users(region)
    curator_people = dict(Person.objects.filter(user__in=curators.values()).values_list("user_id", "pk"))
    inside = {"organization__path__startswith": region.path}
    pairs = list(
        Pair.objects.filter(**inside, program__isnull=True)
        .select_related("mentor", "mentee")
        .order_by("mentor_id", "pk")
    )
    difficulties: dict[int, list[Deficit]] = defaultdict(list)
    for d in Deficit.objects.filter(person_id__in=[p.mentee_id for p in pairs]).select_related("area"):
        difficulties[d.person_id].append(d)

    demo_mentor_ids = set(
        RoleAssignment.objects.filter(role=Role.MENTOR, org_unit__path__startswith=region.path).values_list(
            "user__person__pk", flat=True
        )
    )
    by_mentor: dict[tuple[int, int], list[Pair]] = defaultdict(list)
    for pair in pairs:
        by_mentor[(pair.mentor_id, pair.organization_id)].append(pair)

    groups: list[tuple[list[Pair], str]] = []
    for (mentor_id, _org), mentor_pairs in by_mentor.items():
        if mentor_id in demo_mentor_ids:
            groups.extend(([p], ProgramStatus.ACTIVE) for p in mentor_pairs)
            continue
        status = rng.choices(
            [ProgramStatus.DRAFT, ProgramStatus.APPROVED, ProgramStatus.ACTIVE], weights=[10, 15, 75]
        )[0]
        if len(mentor_pairs) >= 2 and (not any(len(g) > 1 for g, _ in groups) or rng.random() < 1 / 3):
            groups.append((mentor_pairs, status))
        else:
            groups.extend(([p], status) for p in mentor_pairs)

    programs: list[tuple[PersonalizedProgram, list[Pair]]] = []
    for members, status in groups:
        start = min(p.started_on for p in members)
        addressed = [d for p in members for d in difficulties[p.mentee_id]]
        areas = sorted({d.area.name for d in addressed}, key=str.casefold)
        program = PersonalizedProgram(
            organization_id=members[0].organization_id,
            format=ProgramFormat.GROUP if len(members) > 1 else ProgramFormat.PAIR,
            mentoring_form=writer.form,
            interaction_model=writer.model,
            direction=program_direction_default(areas),
            goals="Оказать помощь в преодолении выявленных профессиональных затруднений и во вхождении "
            "в профессию; сформировать устойчивую мотивацию к профессиональному росту.",
            expected_results=writer.said(
                "Уверенное проведение уроков; открытый урок; участие в методическом объединении.",
                members[0].organization_id,
            ),
            starts_on=start,
            ends_on=dt.date(school_year_start(today).year + 1, 5, 31),
            status=status,
            stage=writer.stages[
                {
                    ProgramStatus.DRAFT: "preparatory",
                    ProgramStatus.APPROVED: "design",
                    ProgramStatus.ACTIVE: "implementation",
                }[status]
            ],
            approved_on=start + dt.timedelta(days=5) if status != ProgramStatus.DRAFT else None,
            curator_id=curator_people.get(getattr(curators.get(members[0].organization_id), "pk", None)),
        )
        program._demo_addressed = addressed
        programs.append((program, members))

    completed = _completed_last_year(
        writer,
        region=region,
        today=today,
        curators=curators,
        curator_people=curator_people,
        always={unit.pk for unit in showcase},
    )
    PersonalizedProgram.objects.bulk_create([p for p, _ in programs + completed], batch_size=BATCH_SIZE)

    kinds_through = PersonalizedProgram.kinds.through
    difficulties_through = PersonalizedProgram.deficits.through
    kind_links, difficulty_links, updated_pairs = [], [], []
    for program, members in programs + completed:
        codes = ["traditional", "group"] if program.format == ProgramFormat.GROUP else ["traditional"]
        if rng.random() < 0.2:
            codes.append("virtual")
        kind_links += [
            kinds_through(personalizedprogram_id=program.pk, mentoringkind_id=writer.kinds[c].pk)
            for c in codes
        ]
        difficulty_links += [
            difficulties_through(personalizedprogram_id=program.pk, deficit_id=d.pk)
            for d in program._demo_addressed
        ]
        for pair in members:
            pair.program = program
            updated_pairs.append(pair)
        curator_user = curators.get(program.organization_id)
        names = f"{members[0].mentor.full_name} → {', '.join(p.mentee.full_name for p in members)}"
        writer.history(program, names, curator_user, until=program.status)
        writer.plan_items(program)
        people = [members[0].mentor_id, *[p.mentee_id for p in members]]
        if program.status in (ProgramStatus.ACTIVE, ProgramStatus.COMPLETED):
            writer.meetings_of(program, people, author=curator_user)
            for pair in members:
                # the self-assessment of difficulties by the eight areas (monitoring's built-in
                # questionnaire): the mentee's diagnosed areas are serious, the others slight;
                # after a completed program the diagnosed ones went down
                own = {d.area_id for d in program._demo_addressed if d.person_id == pair.mentee_id}
                before = {a: rng.randint(6, 9) if a in own else rng.randint(1, 3) for a in writer.area_ids}
                writer.assessments.append((program, pair.mentee_id, "before", before))
                if program.status == ProgramStatus.COMPLETED:
                    after = {
                        a: max(1, d - (rng.randint(2, 5) if a in own else rng.randint(0, 1)))
                        for a, d in before.items()
                    }
                    writer.assessments.append((program, pair.mentee_id, "after", after))
    kinds_through.objects.bulk_create(kind_links, batch_size=BATCH_SIZE)
    difficulties_through.objects.bulk_create(difficulty_links, batch_size=BATCH_SIZE)
    Pair.objects.bulk_update(updated_pairs, ["program"], batch_size=BATCH_SIZE)
    ProgramEvent.objects.bulk_create(writer.events, batch_size=BATCH_SIZE)
    ActivityPlanItem.objects.bulk_create(writer.plan, batch_size=BATCH_SIZE)
    Meeting.objects.bulk_create([m for m, _ in writer.meetings], batch_size=BATCH_SIZE)
    MeetingAttendance.objects.bulk_create(
        [
            MeetingAttendance(meeting=m, person_id=pid, present=True)
            for m, people in writer.meetings
            for pid in people
        ],
        batch_size=BATCH_SIZE,
    )
    _self_assessments_write(writer)
    MentorReport.objects.bulk_create(writer.reports, batch_size=BATCH_SIZE)
    _organization_programs(region=region, today=today, completed=[p for p, _ in completed])
    waiting = _waiting_mentees(curator_org, rng=rng, today=today) if curator_org is not None else 0
    return ProgramsSummary(
        programs=len(programs) + len(completed),
        completed=len(completed),
        meetings=len(writer.meetings),
        waiting_mentees=waiting,
    )


def _self_assessments_write(writer: _Writer) -> int:
    """Write the mentees' self-assessments of difficulties as answers to monitoring's built-in
    questionnaires (seed 004 §9.2: before the program, a week after its start; after it, three
    days before its completion), each with its submitted assignment, as the mentee would have
    answered; the other required questions get 6–9. Returns the number of answers."""
    from nastavnik.monitoring.builtin import builtin_questionnaire
    from nastavnik.monitoring.choices import AssignmentStatus, Audience, Measure, QuestionKind
    from nastavnik.monitoring.lifecycle import SELF_ASSESSMENT
    from nastavnik.monitoring.models import Answer, AnswerItem, Assignment

    if not writer.assessments:
        return 0
    rng = writer.rng
    questionnaires = {phase: builtin_questionnaire(code) for phase, code in SELF_ASSESSMENT.items()}
    questions = {phase: list(q.questions.filter(required=True)) for phase, q in questionnaires.items()}
    answers, items, assignments = [], [], []
    for program, mentee_id, phase, difficulties in writer.assessments:
        if phase == "before":
            day = min(program.starts_on + dt.timedelta(days=7), writer.today)
        else:
            day = (program.completed_on or writer.today) - dt.timedelta(days=3)
        moment = writer.at(day, 18)
        questionnaire = questionnaires[phase]
        answer = Answer(
            questionnaire=questionnaire,
            organization_id=program.organization_id,
            person_id=mentee_id,
            program=program,
            audience=Audience.MENTEE,
            phase=phase,
            month=day.replace(day=1),
            submitted_at=moment,
        )
        answers.append(answer)
        for question in questions[phase]:
            if question.kind != QuestionKind.SCALE:
                continue
            if question.measure == Measure.DIFFICULTY:
                value = difficulties.get(question.area_id)
            else:
                value = rng.randint(6, 9)
            if value is not None:
                items.append(AnswerItem(answer=answer, question=question, scale=value))
        assignments.append(
            Assignment(
                questionnaire=questionnaire,
                person_id=mentee_id,
                organization_id=program.organization_id,
                program=program,
                phase=phase,
                status=AssignmentStatus.SUBMITTED,
                due_on=day + dt.timedelta(days=7),
                submitted_at=moment,
            )
        )
    Answer.objects.bulk_create(answers, batch_size=BATCH_SIZE)
    AnswerItem.objects.bulk_create(items, batch_size=BATCH_SIZE)
    Assignment.objects.bulk_create(assignments, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return len(answers)


def _completed_last_year(
    writer: _Writer, *, region, today: dt.date, curators, curator_people, always: set[int]
) -> list:
    """Last school year's completed programs: one active mentor in six with a teacher of the
    same school in the second to fourth year of work, who is not in a pair now; the first
    active mentor of each organization of ``always`` (ids) whatever the draw. The curator of
    the organization (``curators``: organization id → user; ``curator_people``: user id →
    person id) is the programs' curator, who accepted the mentor's report."""
    from nastavnik.bank.models import PersonalDataConsent

    rng = writer.rng
    last_start = dt.date(school_year_start(today).year - 1, 9, 1)
    mentors = list(
        MentorProfile.objects.filter(organization__path__startswith=region.path, status="active")
        .select_related("person")
        .order_by("person_id")
    )
    busy = set(
        Pair.objects.filter(organization__path__startswith=region.path).values_list("mentee_id", flat=True)
    )
    busy |= set(
        Pair.objects.filter(organization__path__startswith=region.path).values_list("mentor_id", flat=True)
    )
    busy |= set(MenteeProfile.objects.values_list("person_id", flat=True))
    busy |= set(MentorProfile.objects.values_list("person_id", flat=True))
    consented = set(
        PersonalDataConsent.objects.filter(withdrawn_on__isnull=True).values_list("person_id", flat=True)
    )
    young: dict[int, list] = defaultdict(list)
    for job in (
        Employment.objects.filter(
            organization__path__startswith=region.path,
            is_primary=True,
            ended_on__isnull=True,
            started_on__lte=last_start,
            person__pedagogical_experience_years__range=(2, 4),
        )
        .select_related("person")
        .order_by("person_id")
    ):
        if job.person_id not in busy and job.person_id in consented:
            young[job.organization_id].append(job.person)
    category = MenteeCategory.objects.filter(code="young_teacher").first()
    areas = list(CompetenceArea.objects.order_by("sort_order"))
    result = []
    forced = set(always)
    for profile in mentors:
        drawn = rng.random() < 1 / 6
        if not (drawn or profile.organization_id in forced) or not young.get(profile.organization_id):
            continue
        forced.discard(profile.organization_id)
        person = young[profile.organization_id].pop()
        ends = dt.date(last_start.year + 1, 5, 31)
        mentee = MenteeProfile.objects.create(
            person=person,
            organization_id=profile.organization_id,
            request_text="Освоить современные образовательные технологии.",
            consent_given_on=last_start - dt.timedelta(days=10),
            full_cycle_completed_on=ends,
        )
        if category:
            mentee.categories.add(category)
        difficulty = Deficit.objects.create(
            person_id=mentee.person_id,
            organization_id=mentee.organization_id,
            area=rng.choice(areas),
            source=DeficitSource.SELF_DIAGNOSIS,
            diagnosed_on=last_start - dt.timedelta(days=5),
            description="Выявлено по итогам входной диагностики.",
        )
        program = PersonalizedProgram(
            organization_id=profile.organization_id,
            format=ProgramFormat.PAIR,
            mentoring_form=writer.form,
            interaction_model=writer.model,
            direction=program_direction_default([difficulty.area.name]),
            goals="Оказать помощь в преодолении выявленного профессионального затруднения.",
            expected_results=writer.said(
                "Самостоятельное проведение уроков; открытый урок.", profile.organization_id
            ),
            starts_on=last_start,
            ends_on=ends,
            status=ProgramStatus.COMPLETED,
            stage=writer.stages["resultative"],
            approved_on=last_start + dt.timedelta(days=5),
            completed_on=ends,
            results=writer.said(
                "Цели программы достигнуты: наставляемый самостоятельно проводит уроки, "
                "провёл открытый урок, выступил на методическом объединении.",
                profile.organization_id,
            ),
            curator_id=curator_people.get(getattr(curators.get(profile.organization_id), "pk", None)),
        )
        program._demo_addressed = [difficulty]
        pair = Pair(
            mentor=profile.person,
            mentee=person,
            organization_id=profile.organization_id,
            started_on=last_start,
            ended_on=ends,
            end_reason=PairEndReason.COMPLETED,
        )
        pair.save()
        writer.reports.append(
            MentorReport(
                program=program,
                work_done=writer.said(
                    "Проведены все запланированные встречи, посещено и проанализировано 12 уроков.",
                    profile.organization_id,
                ),
                results=writer.said(
                    "Затруднение преодолено; наставляемый уверенно планирует и проводит уроки.",
                    profile.organization_id,
                ),
                products=writer.said("Технологические карты уроков, открытый урок.", profile.organization_id),
                recommendations="Продолжить профессиональное развитие по индивидуальному маршруту.",
                submitted_on=ends - dt.timedelta(days=10),
            )
        )
        result.append((program, [pair]))
    return result


def _organization_programs(*, region, today: dt.date, completed: list) -> None:
    """Every school with pairs has its program of this school year; schools with completed
    programs last year also last year's, with its results (seed 000 §IV, 003 §4.8)."""
    start = school_year_start(today)
    schools = sorted(
        set(
            Pair.objects.filter(organization__path__startswith=region.path).values_list(
                "organization_id", flat=True
            )
        )
    )
    rows = [
        MentoringProgram(
            organization_id=org_id,
            title=f"Программа наставничества педагогических работников на {start.year}/{start.year + 1} учебный год",
            starts_on=start,
            ends_on=dt.date(start.year + 1, 8, 31),
            goals="Профессиональная адаптация молодых педагогов и развитие профессиональных компетенций.",
            approved_on=start,
        )
        for org_id in schools
    ]
    last = dt.date(start.year - 1, 9, 1)
    kinds = dict(OrgUnit.objects.filter(path__startswith=region.path).values_list("pk", "kind"))
    for org_id in sorted({p.organization_id for p in completed}):
        count = sum(1 for p in completed if p.organization_id == org_id)
        rows.append(
            MentoringProgram(
                organization_id=org_id,
                title=f"Программа наставничества педагогических работников на {last.year}/{last.year + 1} учебный год",
                starts_on=last,
                ends_on=dt.date(last.year + 1, 8, 31),
                approved_on=last,
                results=f"Завершено персонализированных программ: {count}. Наставляемые прошли полный цикл.",
                best_practices=for_kind(
                    "Открытые уроки молодых педагогов; взаимопосещение уроков.", kinds.get(org_id, "")
                ),
            )
        )
    MentoringProgram.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _waiting_mentees(organization, *, rng: random.Random, today: dt.date) -> int:
    """Four teachers of ``organization`` with the least experience who are in no pair and in
    no bank: mentees with a written consent and diagnosed difficulties, waiting for a mentor."""
    from nastavnik.bank.models import PersonalDataConsent

    taken = set(MenteeProfile.objects.values_list("person_id", flat=True)) | set(
        MentorProfile.objects.values_list("person_id", flat=True)
    )
    consented = set(
        PersonalDataConsent.objects.filter(withdrawn_on__isnull=True).values_list("person_id", flat=True)
    )
    jobs = (
        Employment.objects.filter(organization=organization, is_primary=True, ended_on__isnull=True)
        .select_related("person")
        .order_by("person__pedagogical_experience_years", "person_id")
    )
    people = [j.person for j in jobs if j.person_id not in taken and j.person_id in consented][:4]
    areas = list(CompetenceArea.objects.order_by("sort_order"))
    category = MenteeCategory.objects.filter(code="young_teacher").first()
    for person in people:
        mentee = MenteeProfile.objects.create(
            person=person,
            organization=organization,
            request_text="Нужна помощь в подготовке к урокам и в работе с родителями.",
            consent_given_on=today - dt.timedelta(days=20),
        )
        if category:
            mentee.categories.add(category)
        for area in rng.sample(areas, 2):
            Deficit.objects.create(
                person_id=mentee.person_id,
                organization_id=mentee.organization_id,
                area=area,
                source=DeficitSource.HEAD,
                diagnosed_on=today - dt.timedelta(days=14),
                description="Выявлено по итогам посещения уроков.",
            )
    return len(people)


@dataclass(frozen=True)
class RequestsSummary:
    """Counts written by :func:`requests_write`: mentors replaced and mentors released."""

    replaced: int
    released: int


def requests_write(*, showcase: tuple, today: dt.date) -> RequestsSummary:
    """In each organization of ``showcase`` (the demo's school A, kindergarten A and college A)
    a mentee's request to change the mentor, approved with a new mentor, and a mentor's request
    to be released, approved without one (seed 000 §5.1.1, §5.2.1): the orders replacing a mentor
    and ending mentoring early are in their packages of documents.

    The paper requests are typed in and decided by the organization's curator (its head when it
    has none) through ``mentoring.services.requests.pair_request_decide``, so the pairs end, the
    new pair starts and a program left without pairs is terminated as the curator's decision
    does it (the services' log of each step kept out of the loader's output); the pairs of the
    demo mentor account are left alone. Pairs whose new mentor the matching refuses are passed
    over.
    """
    logger = logging.getLogger("nastavnik.mentoring")  # the services log every step
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        return _requests_write(showcase=showcase, today=today)
    finally:
        logger.setLevel(level)


def _requests_write(*, showcase: tuple, today: dt.date) -> RequestsSummary:
    from django.core.exceptions import ValidationError

    from nastavnik.mentoring.choices import RequestKind, RequestStatus
    from nastavnik.mentoring.models import PairRequest
    from nastavnik.mentoring.services.requests import pair_request_decide

    demo_mentors = set(
        RoleAssignment.objects.filter(role=Role.MENTOR).values_list("user__person__pk", flat=True)
    )
    submitted = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=3), dt.time(16, 0)))
    replaced = released = 0
    keepers: dict[int, object] = {}
    for ra in RoleAssignment.objects.filter(
        org_unit__in=showcase, role__in=(Role.CURATOR, Role.HEAD)
    ).order_by("role", "pk"):  # «curator» before «head»
        keepers.setdefault(ra.org_unit_id, ra.user)
    for unit in showcase:
        curator = keepers.get(unit.pk)
        pairs = list(
            Pair.objects.filter(
                organization=unit,
                ended_on__isnull=True,
                program__status__in=(ProgramStatus.APPROVED, ProgramStatus.ACTIVE),
            )
            .exclude(mentor_id__in=demo_mentors)
            .select_related("mentor", "mentee")
            .order_by("pk")
        )
        mentors = list(
            MentorProfile.objects.filter(organization=unit, status="active")
            .exclude(person_id__in=demo_mentors)
            .select_related("person")
            .order_by("person_id")
        )
        done, new_mentor = None, None
        for pair in pairs:
            for profile in mentors:
                if profile.person_id in (pair.mentor_id, pair.mentee_id):
                    continue
                request = PairRequest.objects.create(
                    pair=pair,
                    kind=RequestKind.CHANGE_MENTOR,
                    reason="Прошу заменить наставника: наши графики работы не совпадают, встречи переносятся.",
                    status=RequestStatus.PENDING,
                    author=curator,
                    submitted_at=submitted,
                )
                try:
                    pair_request_decide(
                        request=request,
                        by=curator,
                        approve=True,
                        comment="Ходатайство удовлетворено, назначен наставник, работающий в ту же смену.",
                        new_mentor=profile.person,
                    )
                except ValidationError:
                    request.delete()
                    continue
                done, new_mentor = pair, profile.person_id
                replaced += 1
                break
            if done is not None:
                break
        for pair in pairs:
            if pair is done or pair.mentor_id == new_mentor:
                continue
            request = PairRequest.objects.create(
                pair=pair,
                kind=RequestKind.RELEASE_MENTOR,
                reason="Прошу освободить меня от обязанностей наставника в связи с увеличением учебной нагрузки.",
                status=RequestStatus.PENDING,
                author=curator,
                submitted_at=submitted,
            )
            pair_request_decide(
                request=request,
                by=curator,
                approve=True,
                comment="Заявление удовлетворено с согласия наставляемого.",
            )
            released += 1
            break
    return RequestsSummary(replaced=replaced, released=released)
