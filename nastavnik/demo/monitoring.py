"""The demo monitoring (issue 14, «Demo»): questionnaire answers before and after the demo
programs, a finished monitoring campaign of the region last year and a running one of the demo
coordinator's municipality, the federal figure confirmed by most organizations and missing for
some, and a few risks in the registers — so that every dashboard of the demo accounts has
something true to show.

What is written (seed 004 §9.2: the two sub-stages of monitoring, before entering a program and
after completing it; 003 §4.7: feedback of mentees and mentors; 003 §5.2–5.3: the monitoring of
a municipality and of the region; 002 §9: the federal figure by 20 January; 000 §VI: risks):

- every started program (active or completed) has its «before» assignments, answered: the
  mentor's expectations (``mentor_expectations_before``; one active program in ten, and the demo
  mentor's first one, still wait for the mentor's answer) and, where ``demo.programs`` has not
  written it already, the mentee's self-assessment of difficulties by the eight areas
  (``mentee_difficulties_before``: the areas the program addresses scored 6–9, the others 2–5);
- every completed program has the anonymous feedback of mentee and mentor
  (``mentee_feedback_after``, ``mentor_feedback_after``) and, where missing, the mentee's
  self-assessment «after» (the addressed areas 2–4 points lower, the others 0–1);
- the region's yearly monitoring of last year (finished): the anonymous feedback of the mentors
  and mentees of the organizations that have any, and the curators' and heads' questionnaires;
  about 85 % answered, the rest cancelled at its end;
- the demo coordinator's municipality's monitoring (running, deadline in three weeks): a third
  of its organizations answered fully, a third partly (the demo curator's school among them,
  where the demo accounts' own questionnaires are still pending), the rest not at all;
- the federal figure of the year of the demo's completed programs: confirmed by four
  organizations in five (one of them confirmed a figure that the data no longer give), missing
  for the others, the demo curator's school among them (its curator confirms it in the demo);
- risks in the registers of the demo schools and of the demo municipality.

Anonymous answers keep no person, no program and no time finer than the month (``Answer``), and
they are written in a shuffled order, so that neither their keys nor their place in the table
tie them to a participant. Everything is written in bulk (a few hundred answers in well under a
second); the campaigns go through ``services.campaigns`` (create, launch, finish) so that their
assignments are exactly the ones the service gives.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.development.models import Deficit
from nastavnik.mentoring.choices import ProgramStatus
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.monitoring.choices import (
    AssignmentStatus,
    Measure,
    Phase,
    QuestionKind,
    RiskKind,
    RiskLevel,
    RiskStatus,
)
from nastavnik.monitoring.models import (
    AnalyticalReport,
    Answer,
    AnswerItem,
    Assignment,
    CampaignOrganization,
    FederalStatisticsReport,
    MonitoringCampaign,
    Question,
    Questionnaire,
    Risk,
)
from nastavnik.organizations.choices import EDUCATIONAL_KINDS, Level
from nastavnik.organizations.models import OrgUnit

BATCH_SIZE = 2000

MENTEE_BEFORE, MENTEE_AFTER = "mentee_difficulties_before", "mentee_difficulties_after"
MENTOR_BEFORE = "mentor_expectations_before"
MENTEE_FEEDBACK, MENTOR_FEEDBACK = "mentee_feedback_after", "mentor_feedback_after"
CURATOR_PERIODIC, HEAD_PERIODIC = "curator_periodic", "head_periodic"

#: Days given to answer a program's questionnaire (as ``monitoring.lifecycle``).
DUE_DAYS = 14

#: Free-text replies of the named answers (one in three gets one).
_TEXTS = (
    "Хотелось бы больше практических занятий и взаимопосещений уроков.",
    "Полезно было бы обсуждать трудные ситуации с родителями на встречах.",
    "Нужна помощь в освоении цифровых образовательных ресурсов.",
    "Предлагаю проводить встречи наставников школы раз в четверть.",
)

REGION_CAMPAIGN_GOAL = (
    "Оценка результатов внедрения системы наставничества педагогических работников в образовательных "
    "организациях региона за год: удовлетворённость наставников и наставляемых, работа кураторов и "
    "руководителей организаций."
)
MUNICIPAL_CAMPAIGN_GOAL = (
    "Обратная связь участников программ наставничества и сведения кураторов и руководителей "
    "общеобразовательных организаций для аналитической справки муниципалитета."
)


@dataclass(frozen=True)
class MonitoringSummary:
    """Counts written by :func:`monitoring_write`."""

    answers: int
    anonymous: int
    pending: int
    campaigns: int
    federal_confirmed: int
    federal_missing: int
    risks: int


def _at(day: dt.date, hour: int = 16) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


class _Writer:
    """Collects answers, their items and chosen options, and the assignments, and writes them
    in bulk. Anonymous answers are shuffled before they are written (see the module)."""

    def __init__(self, *, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.questions: dict[int, list[Question]] = defaultdict(list)
        for question in Question.objects.prefetch_related("options").order_by(
            "questionnaire_id", "order", "pk"
        ):
            self.questions[question.questionnaire_id].append(question)
        self.named: list[tuple[Answer, list[tuple[AnswerItem, list[int]]]]] = []
        self.anonymous: list[tuple[Answer, list[tuple[AnswerItem, list[int]]]]] = []
        self.assignments: list[Assignment] = []

    def scale(self, question: Question, *, low: bool = False) -> int:
        """A plausible score of a question that is not about difficulties: mostly 7–10."""
        if low:
            return self.rng.choice((3, 4, 5, 5, 6, 6, 7))
        return self.rng.choice((6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10))

    def answer(
        self,
        questionnaire: Questionnaire,
        *,
        organization_id: int,
        person_id: int,
        phase: str,
        day: dt.date,
        program_id: int | None = None,
        campaign_id: int | None = None,
        difficulties: dict[int, int] | None = None,
    ) -> None:
        """One submitted answer of ``person_id`` on ``day``. ``difficulties``: the score of each
        area (``area_id`` → 1–10) for the difficulty questions. An anonymous questionnaire's
        answer keeps only the organization, the campaign and the month."""
        anonymous = questionnaire.anonymous
        answer = Answer(
            id=uuid.uuid4(),
            questionnaire=questionnaire,
            organization_id=organization_id,
            person_id=None if anonymous else person_id,
            program_id=None if anonymous else program_id,
            campaign_id=campaign_id,
            audience=questionnaire.audience,
            phase=phase,
            month=_month(day),
            submitted_at=None if anonymous else _at(day),
        )
        items = []
        for question in self.questions[questionnaire.pk]:
            item, options = AnswerItem(answer=answer, question=question), []
            if question.kind == QuestionKind.SCALE:
                if question.measure == Measure.DIFFICULTY:
                    item.scale = (difficulties or {}).get(question.area_id, self.rng.randint(2, 5))
                else:
                    item.scale = self.scale(question)
            elif question.kind == QuestionKind.TEXT:
                if anonymous or self.rng.random() >= 1 / 3:
                    continue  # free text is optional; anonymous answers get none (it could name someone)
                item.text = self.rng.choice(_TEXTS)
            else:
                choices = [o.pk for o in question.options.all()]
                if not choices:
                    continue
                count = (
                    1 if question.kind == QuestionKind.SINGLE else self.rng.randint(1, min(2, len(choices)))
                )
                options = sorted(self.rng.sample(choices, count))
            items.append((item, options))
        (self.anonymous if anonymous else self.named).append((answer, items))

    def assignment(
        self,
        questionnaire: Questionnaire,
        *,
        person_id: int,
        organization_id: int,
        phase: str,
        assigned: dt.date,
        program_id: int | None = None,
        submitted: dt.date | None = None,
    ) -> None:
        """A program's assignment, submitted on ``submitted`` or still pending (``None``)."""
        row = Assignment(
            questionnaire=questionnaire,
            person_id=person_id,
            organization_id=organization_id,
            program_id=program_id,
            phase=phase,
            status=AssignmentStatus.SUBMITTED if submitted else AssignmentStatus.PENDING,
            due_on=assigned + dt.timedelta(days=DUE_DAYS),
            submitted_at=_at(submitted) if submitted else None,
        )
        row._demo_assigned = _at(assigned, 9)
        self.assignments.append(row)

    def write(self) -> tuple[int, int]:
        """Write everything collected; returns (named answers, anonymous answers)."""
        self.rng.shuffle(self.anonymous)
        groups = self.named + self.anonymous
        Answer.objects.bulk_create([a for a, _ in groups], batch_size=BATCH_SIZE)
        pairs = [(item, options) for _, items in groups for item, options in items]
        AnswerItem.objects.bulk_create([item for item, _ in pairs], batch_size=BATCH_SIZE)
        through = AnswerItem.options.through
        through.objects.bulk_create(
            [
                through(answeritem_id=item.pk, questionoption_id=option_id)
                for item, options in pairs
                for option_id in options
            ],
            batch_size=BATCH_SIZE,
        )
        if self.assignments:
            Assignment.objects.bulk_create(self.assignments, batch_size=BATCH_SIZE)
            for row in self.assignments:
                row.assigned_at = row._demo_assigned
            Assignment.objects.bulk_update(self.assignments, ["assigned_at"], batch_size=500)
        counts = len(self.named), len(self.anonymous)
        self.named, self.anonymous, self.assignments = [], [], []
        return counts


def _questionnaires() -> dict[str, Questionnaire]:
    from nastavnik.monitoring.builtin import builtin_questionnaire

    codes = (MENTEE_BEFORE, MENTEE_AFTER, MENTOR_BEFORE, MENTEE_FEEDBACK, MENTOR_FEEDBACK)
    return {code: builtin_questionnaire(code) for code in (*codes, CURATOR_PERIODIC, HEAD_PERIODIC)}


def _program_answers(writer: _Writer, *, region: OrgUnit, forms: dict[str, Questionnaire]) -> int:
    """The before/after answers of the programs under ``region`` (see the module); returns the
    number of assignments left pending."""
    rng, today = writer.rng, writer.today
    # The region's programs are thousands: they are named by a subquery, never by a list of ids;
    # the deficits carry their person's id, so no foreign key is prefetched through them (on
    # SQLite under Django 5.2 that is an OR of one equality per row: «Expression tree is too
    # large» past 1,000 of them).
    chosen = PersonalizedProgram.objects.filter(
        organization__path__startswith=region.path,
        status__in=(ProgramStatus.ACTIVE, ProgramStatus.COMPLETED),
    )
    programs = list(
        chosen.prefetch_related(Prefetch("deficits", queryset=Deficit.objects.all())).order_by("pk")
    )
    members: dict[int, list[Pair]] = defaultdict(list)
    for pair in Pair.objects.filter(program__in=chosen.values("pk")).order_by("pk"):
        members[pair.program_id].append(pair)
    demo_mentor = (
        RoleAssignment.objects.filter(role=Role.MENTOR, org_unit__path__startswith=region.path)
        .values_list("user__person__pk", flat=True)
        .first()
    )
    # What another loader (the programs' own) may have written already is left as it is.
    answered = set(
        Answer.objects.filter(program__in=chosen.values("pk")).values_list(
            "questionnaire_id", "person_id", "program_id"
        )
    )
    assigned = set(
        Assignment.objects.filter(program__in=chosen.values("pk")).values_list(
            "questionnaire_id", "person_id", "program_id", "phase"
        )
    )
    mentor_waits = demo_mentor is not None
    pending = 0

    def owe(
        form: Questionnaire, person_id: int, program, phase: str, day: dt.date, submitted, **answer
    ) -> int:
        key = (form.pk, person_id, program.pk)
        if (*key, phase) not in assigned:
            writer.assignment(
                form,
                person_id=person_id,
                organization_id=program.organization_id,
                phase=phase,
                assigned=min(day, today),
                program_id=program.pk,
                submitted=submitted,
            )
        if submitted and key not in answered:
            writer.answer(
                form,
                organization_id=program.organization_id,
                person_id=person_id,
                phase=phase,
                day=submitted,
                program_id=program.pk,
                **answer,
            )
        return 0 if submitted else 1

    for program in programs:
        pairs = members.get(program.pk)
        if not pairs:
            continue
        completed = program.status == ProgramStatus.COMPLETED
        start = min(program.starts_on, today - dt.timedelta(days=1))
        addressed: dict[int, set[int]] = defaultdict(set)
        for deficit in program.deficits.all():
            addressed[deficit.person_id].add(deficit.area_id)
        mentor_id = pairs[0].mentor_id
        # the mentor's expectations «before»
        mentor_day = min(start + dt.timedelta(days=rng.randint(1, 6)), today - dt.timedelta(days=1))
        waits = mentor_waits and mentor_id == demo_mentor and not completed
        mentor_waits = mentor_waits and not waits
        waits = waits or (not completed and mentor_id != demo_mentor and rng.random() < 0.1)
        pending += owe(
            forms[MENTOR_BEFORE], mentor_id, program, Phase.BEFORE, start, None if waits else mentor_day
        )
        for pair in pairs:
            before = {
                q.area_id: rng.randint(6, 9) if q.area_id in addressed[pair.mentee_id] else rng.randint(2, 5)
                for q in writer.questions[forms[MENTEE_BEFORE].pk]
                if q.area_id
            }
            day = min(start + dt.timedelta(days=rng.randint(1, 8)), today - dt.timedelta(days=1))
            owe(forms[MENTEE_BEFORE], pair.mentee_id, program, Phase.BEFORE, start, day, difficulties=before)
            if not completed:
                continue
            end = program.completed_on or program.ends_on
            after = {
                area_id: max(
                    1,
                    score
                    - (rng.randint(2, 4) if area_id in addressed[pair.mentee_id] else rng.randint(0, 1)),
                )
                for area_id, score in before.items()
            }
            reflective = end - dt.timedelta(days=rng.randint(8, 20))
            owe(
                forms[MENTEE_AFTER],
                pair.mentee_id,
                program,
                Phase.AFTER,
                reflective - dt.timedelta(days=3),
                reflective,
                difficulties=after,
            )
            feedback = end + dt.timedelta(days=rng.randint(1, 9))
            owe(forms[MENTEE_FEEDBACK], pair.mentee_id, program, Phase.AFTER, end, feedback)
        if completed:
            end = program.completed_on or program.ends_on
            owe(
                forms[MENTOR_FEEDBACK],
                mentor_id,
                program,
                Phase.AFTER,
                end,
                end + dt.timedelta(days=rng.randint(1, 9)),
            )
    return pending


def _campaign_answers(
    writer: _Writer,
    campaign: MonitoringCampaign,
    forms_by_pk: dict[int, Questionnaire],
    *,
    share_by_org: dict[int, float],
    first: dt.date,
    last: dt.date,
    keep_pending: set[int] = frozenset(),
) -> list[Assignment]:
    """Answer the campaign's assignments: in each organization the share ``share_by_org[org]``
    (0–1) of them, on days between ``first`` and ``last``; never those of the people in
    ``keep_pending``. Returns the assignments answered (their status is set, not saved)."""
    rng = writer.rng
    by_org: dict[int, list[Assignment]] = defaultdict(list)
    for row in campaign.assignments.filter(status=AssignmentStatus.PENDING).order_by("pk"):
        by_org[row.organization_id].append(row)
    answered = []
    span = max((last - first).days, 0)
    for org_id, rows in sorted(by_org.items()):
        share = share_by_org.get(org_id, 0.0)
        candidates = [r for r in rows if r.person_id not in keep_pending]
        count = round(share * len(rows))
        for row in rng.sample(candidates, min(count, len(candidates))):
            day = first + dt.timedelta(days=rng.randint(0, span))
            writer.answer(
                forms_by_pk[row.questionnaire_id],
                organization_id=org_id,
                person_id=row.person_id,
                phase=row.phase,
                day=day,
                campaign_id=campaign.pk,
            )
            row.status, row.submitted_at = AssignmentStatus.SUBMITTED, _at(day, 11)
            answered.append(row)
    return answered


def _campaigns(writer: _Writer, *, region: OrgUnit, forms: dict[str, Questionnaire]) -> int:
    """The region's finished campaign of last year and the demo municipality's running one;
    returns the number of their assignments left pending."""
    from nastavnik.monitoring.services.campaigns import (
        campaign_create,
        campaign_finish,
        campaign_launch,
        coverable_organizations,
    )

    rng, today = writer.rng, writer.today
    forms_by_pk = {f.pk: f for f in forms.values()}
    feedback = [forms[MENTEE_FEEDBACK], forms[MENTOR_FEEDBACK], forms[CURATOR_PERIODIC], forms[HEAD_PERIODIC]]

    # The region, last year: launched in November, finished at the end of December.
    year = today.year - 1
    organizations = list(coverable_organizations(region))
    campaign = campaign_create(
        by=None,
        owner=region,
        title=f"Ежегодный мониторинг реализации системы наставничества педагогических работников за {year} год",
        goal=REGION_CAMPAIGN_GOAL,
        starts_on=today,
        ends_on=today,
        questionnaires=feedback,
        organizations=organizations,
    )
    campaign_launch(campaign=campaign, by=None)
    starts, ends = dt.date(year, 11, 10), dt.date(year, 12, 20)
    shares = {o.pk: rng.choice((1.0, 1.0, 0.9, 0.8, 0.6)) for o in organizations}
    answered = _campaign_answers(
        writer, campaign, forms_by_pk, share_by_org=shares, first=starts + dt.timedelta(days=2), last=ends
    )
    Assignment.objects.bulk_update(answered, ["status", "submitted_at"], batch_size=500)
    campaign_finish(campaign=campaign, by=None)
    MonitoringCampaign.objects.filter(pk=campaign.pk).update(
        starts_on=starts,
        ends_on=ends,
        launched_at=_at(starts, 10),
        finished_at=_at(ends + dt.timedelta(days=3), 12),
    )
    campaign.assignments.update(assigned_at=_at(starts, 10), due_on=ends)

    # The demo coordinator's municipality, now: launched ten days ago, due in three weeks.
    coordinator = (
        RoleAssignment.objects.filter(role=Role.MUNICIPAL_COORDINATOR, org_unit__path__startswith=region.path)
        .select_related("org_unit")
        .order_by("pk")
        .first()
    )
    pending = 0
    if coordinator is not None:
        municipality = coordinator.org_unit
        starts = today - dt.timedelta(days=10)
        campaign = campaign_create(
            by=None,
            owner=municipality,
            title=f"Мониторинг удовлетворённости участников программ наставничества, {today.year} год",
            goal=MUNICIPAL_CAMPAIGN_GOAL,
            starts_on=starts,
            ends_on=today + dt.timedelta(days=21),
            questionnaires=feedback,
            organizations=coverable_organizations(municipality),
        )
        campaign_launch(campaign=campaign, by=None)
        MonitoringCampaign.objects.filter(pk=campaign.pk).update(launched_at=_at(starts, 10))
        campaign.assignments.update(assigned_at=_at(starts, 10))
        accounts = set(
            RoleAssignment.objects.filter(org_unit__path__startswith=region.path).values_list(
                "user__person__pk", flat=True
            )
        )
        # the demo curator's school answers partly: its demo accounts' questionnaires wait for them
        demo_schools = set(
            RoleAssignment.objects.filter(
                role=Role.CURATOR, org_unit__path__startswith=municipality.path
            ).values_list("org_unit_id", flat=True)
        )
        with_people = sorted(
            set(campaign.assignments.values_list("organization_id", flat=True)) - demo_schools
        )
        shares = {org_id: (1.0, 0.5, 0.0)[i % 3] for i, org_id in enumerate(with_people)}
        shares.update(dict.fromkeys(demo_schools, 0.5))
        answered = _campaign_answers(
            writer,
            campaign,
            forms_by_pk,
            share_by_org=shares,
            first=starts + dt.timedelta(days=1),
            last=today - dt.timedelta(days=1),
            keep_pending=accounts,
        )
        Assignment.objects.bulk_update(answered, ["status", "submitted_at"], batch_size=500)
        pending = campaign.assignments.filter(status=AssignmentStatus.PENDING).count()
    return pending


def federal_demo_year(today: dt.date) -> int:
    """The reporting year the demo's federal figures are for: the year in which the demo's
    completed programs ended (the last school year's, ended on 31 May)."""
    from nastavnik.demo.staff import school_year_start

    return school_year_start(today).year


def _federal(*, region: OrgUnit, rng: random.Random, today: dt.date) -> tuple[int, int]:
    """Confirm the federal figure (seed 002 §9) of :func:`federal_demo_year` for four educational
    organizations in five, the demo curator's school excepted; one confirmed figure differs from
    the data by one. Returns (confirmed, missing)."""
    from nastavnik.monitoring.indicators.cycle import completed_pairs
    from nastavnik.monitoring.periods import year_period

    year = federal_demo_year(today)
    live = dict(
        completed_pairs(region.path, year_period(year))
        .values("organization_id")
        .annotate(n=Count("mentee_id", distinct=True))
        .order_by()
        .values_list("organization_id", "n")
    )
    curators: dict[int, object] = {}
    for grant in (
        RoleAssignment.objects.filter(role=Role.CURATOR, org_unit__path__startswith=region.path)
        .select_related("user")
        .order_by("pk")
    ):
        curators.setdefault(grant.org_unit_id, grant.user)
    demo_school = next(iter(curators), None)  # the demo curator's (the first curator account)
    organizations = list(
        OrgUnit.objects.filter(
            path__startswith=region.path, level=Level.ORGANIZATION, kind__in=sorted(EDUCATIONAL_KINDS)
        ).order_by("pk")
    )
    confirmed_at = min(_at(today - dt.timedelta(days=2), 11), timezone.now())
    reports, differs = [], False
    for organization in organizations:
        if organization.pk == demo_school or rng.random() >= 0.8:
            continue
        figure = live.get(organization.pk, 0)
        if not differs and figure and organization.pk not in curators:
            figure, differs = figure + 1, True  # confirmed before a program was reopened
        reports.append(
            FederalStatisticsReport(
                organization=organization,
                year=year,
                figure=figure,
                confirmed_by=curators.get(organization.pk),
                confirmed_at=confirmed_at - dt.timedelta(days=rng.randint(0, 20)),
            )
        )
    FederalStatisticsReport.objects.bulk_create(reports, batch_size=BATCH_SIZE)
    return len(reports), len(organizations) - len(reports)


def _risks(*, region: OrgUnit, today: dt.date) -> int:
    """A few risks of seed 000 §VI in the registers of the demo schools and municipality."""
    grants = list(
        RoleAssignment.objects.filter(
            role__in=(Role.CURATOR, Role.MUNICIPAL_COORDINATOR), org_unit__path__startswith=region.path
        )
        .select_related("user")
        .order_by("pk")
    )
    rows = []
    for grant in grants:
        if grant.role == Role.MUNICIPAL_COORDINATOR:
            rows.append(
                Risk(
                    unit_id=grant.org_unit_id,
                    kind=RiskKind.INTERACTION,
                    level=RiskLevel.MEDIUM,
                    description="Часть организаций муниципалитета представляет сведения мониторинга с опозданием; "
                    "кураторы не всегда знают сроки муниципального мониторинга.",
                    measures="Напоминания кураторам через систему; совещание с руководителями организаций; "
                    "график мониторинга размещён на сайте управления образования.",
                    responsible="Муниципальный координатор",
                    review_on=today + dt.timedelta(days=45),
                    status=RiskStatus.MONITORED,
                    created_by=grant.user,
                )
            )
            continue
        rows += [
            Risk(
                unit_id=grant.org_unit_id,
                kind=RiskKind.LOAD,
                level=RiskLevel.MEDIUM,
                description="Наставники совмещают работу с наставляемыми с полной учебной нагрузкой и классным "
                "руководством; встречи пар переносятся.",
                measures="Учесть наставничество при распределении нагрузки; закрепить за наставником не более "
                "двух наставляемых; привлечь педагогов из резерва наставников.",
                responsible="Куратор реализации программ наставничества",
                review_on=today + dt.timedelta(days=30),
                status=RiskStatus.OPEN,
                created_by=grant.user,
            ),
            Risk(
                unit_id=grant.org_unit_id,
                kind=RiskKind.PERCEPTION,
                level=RiskLevel.LOW,
                description="Часть педагогов воспринимает наставничество как формальную обязанность.",
                measures="Рассказать на педагогическом совете о результатах пар прошлого года; открытые уроки "
                "молодых педагогов.",
                responsible="Руководитель организации",
                review_on=today + dt.timedelta(days=90),
                status=RiskStatus.MONITORED,
                created_by=grant.user,
            ),
        ]
    Risk.objects.bulk_create(rows)
    return len(rows)


def monitoring_write(*, region: OrgUnit, rng: random.Random, today: dt.date) -> MonitoringSummary:
    """Write the demo monitoring of ``region`` (see the module) after its programs and accounts.

    Deterministic for the same ``rng`` seed and demo, but for the random keys of the answers
    (which must stay random). Raises nothing of its own; the campaign services raise
    ``ValidationError`` only if the demo region has no organization to cover.
    """
    forms = _questionnaires()
    writer = _Writer(rng=rng, today=today)
    pending = _program_answers(writer, region=region, forms=forms)
    pending += _campaigns(writer, region=region, forms=forms)
    named, anonymous = writer.write()
    confirmed, missing = _federal(region=region, rng=rng, today=today)
    risks = _risks(region=region, today=today)
    return MonitoringSummary(
        answers=named + anonymous,
        anonymous=anonymous,
        pending=pending,
        campaigns=MonitoringCampaign.objects.filter(owner__path__startswith=region.path).count(),
        federal_confirmed=confirmed,
        federal_missing=missing,
        risks=risks,
    )


def monitoring_delete(region: OrgUnit) -> None:
    """Delete the monitoring rows of ``region``'s subtree that protect its units (answers,
    assignments, campaigns, federal figures, risks, analytical reports), before the units go."""
    inside = Q(organization__path__startswith=region.path)
    Answer.objects.filter(inside).delete()
    Assignment.objects.filter(inside).delete()
    campaigns = MonitoringCampaign.objects.filter(
        Q(owner__path__startswith=region.path)
        | Q(pk__in=CampaignOrganization.objects.filter(inside).values("campaign_id"))
    )
    Answer.objects.filter(campaign__in=campaigns).update(campaign=None)
    campaigns.delete()
    FederalStatisticsReport.objects.filter(inside).delete()
    Risk.objects.filter(unit__path__startswith=region.path).delete()
    AnalyticalReport.objects.filter(unit__path__startswith=region.path).delete()
    Questionnaire.objects.filter(owner__path__startswith=region.path).delete()
