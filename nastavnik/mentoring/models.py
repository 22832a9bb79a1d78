"""Mentoring: pairs and groups, personalized programs, their plans, meetings, requests and
completion; the organization's program (seed 000 §1.3, §2.3, §IV, §5; 002 §9; 003 §4.7–4.8;
004 §6.2.3).

A ``PersonalizedProgram`` is worked by one or more ``Pair`` rows: one for a pair, two or more
with the same mentor for a group. A pair drives the scope of its mentor and mentee. Every
change of a program goes through ``mentoring.services`` and writes a ``ProgramEvent``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.core.concurrency import VersionedModel
from nastavnik.core.models import HistoryEvent
from nastavnik.mentoring.choices import (
    OPEN_PROGRAM_STATUSES,
    ActivityStatus,
    EventKind,
    MeetingFormat,
    MeetingStatus,
    PairEndReason,
    ProgramFormat,
    ProgramStatus,
    RequestKind,
    RequestStatus,
)
from nastavnik.people.consent import consented_q, partner_consented_q

#: The shortest and the longest personalized program, in calendar months (seed 000 §1.3:
#: «от трёх месяцев до одного года»).
PROGRAM_MIN_MONTHS = 3
PROGRAM_MAX_MONTHS = 12
#: What the database holds, in days between the first and the last day: three calendar
#: months are at least 88 days apart (1 February – 30 April), twelve at most 365 (a leap
#: year). The forms and services check the calendar months exactly (``program_period_errors``).
PROGRAM_MIN_DAYS = 88
PROGRAM_MAX_DAYS = 365


class PairQuerySet(ScopedQuerySet):
    scope_model = "pair"

    def active(self, on: dt.date | None = None) -> PairQuerySet:
        """Pairs working on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(started_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))


class Pair(models.Model):
    """A mentor and a mentee working together in ``organization``.

    No one mentors themselves, and a mentor and mentee have at most one open pair
    (both held by the database). A mentee may have several mentors, a mentor several
    mentees (seed 004 §6.2.3).
    """

    mentor = models.ForeignKey(
        "people.Person", verbose_name="наставник", on_delete=models.PROTECT, related_name="pairs_as_mentor"
    )
    mentee = models.ForeignKey(
        "people.Person", verbose_name="наставляемый", on_delete=models.PROTECT, related_name="pairs_as_mentee"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.PROTECT,
        related_name="pairs",
        limit_choices_to={"level": "organization"},
    )
    program = models.ForeignKey(
        "mentoring.PersonalizedProgram",
        verbose_name="персонализированная программа",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pairs",
    )
    started_on = models.DateField("дата начала")
    ended_on = models.DateField("дата окончания", null=True, blank=True)
    end_reason = models.CharField(
        "причина окончания", max_length=20, choices=PairEndReason.choices, blank=True
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = "наставническая пара"
        verbose_name_plural = "наставнические пары"
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")),
                name="pair_no_self_mentoring",
                violation_error_message="Нельзя быть наставником самому себе.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="pair_dates_ordered",
                violation_error_message="Дата окончания не может быть раньше даты начала.",
            ),
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=Q(ended_on__isnull=True),
                name="pair_one_open",
                violation_error_message="У этого наставника и наставляемого уже есть действующая пара.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    def clean(self) -> None:
        super().clean()
        if self.mentor_id and self.mentor_id == self.mentee_id:
            raise ValidationError({"mentee": "Нельзя быть наставником самому себе."})

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Pairs of the organizations in the user's subtrees for ``action`` on ``pair``; for view
        also the user's own pairs.

        A pair names two people, so it follows the consent rule (152-ФЗ art. 9,
        ``people.consent``): the curator and the head reach every pair of their organization;
        the roles above them (operator, coordinator, council, psychologist, tutor) only pairs
        whose mentor and mentee both have a valid consent; a participant their own pairs whose
        other person has one.
        """
        exempt, bound = scope.consent_paths("pair", action)
        condition = paths_q("organization__path", exempt)
        if bound:
            condition |= paths_q("organization__path", bound) & consented_pair_q()
        if action == "view" and scope.person_id:
            condition |= (Q(mentor_id=scope.person_id) & partner_consented_q("mentee_id")) | (
                Q(mentee_id=scope.person_id) & partner_consented_q("mentor_id")
            )
        return condition


def consented_pair_q(prefix: str = "") -> Q:
    """``Q`` over ``Pair`` (or a model reaching it by ``prefix``, e.g. ``"pair__"``): both the
    mentor and the mentee have a valid consent to personal-data processing (``people.consent``)."""
    return consented_q(f"{prefix}mentor_id") & consented_q(f"{prefix}mentee_id")


def unconsented_pairs():
    """Pairs with a mentor or a mentee who has no valid consent to personal-data processing."""
    return Pair.objects.exclude(consented_pair_q())


def pair_partner_ids(person_id: int):
    """Subquery of the ids of the people ``person_id`` works with now: the mentees of their
    active pairs as mentor and the mentors of their active pairs as mentee. Registered in
    ``people.partners`` by ``MentoringConfig.ready``."""
    active = Pair.objects.active()
    mentees = active.filter(mentor_id=person_id).values("mentee_id")
    mentors = active.filter(mentee_id=person_id).values("mentor_id")
    from nastavnik.people.models import Person

    return Person.objects.filter(Q(pk__in=mentees) | Q(pk__in=mentors)).values("pk")


def pair_mentee_ids(person_id: int):
    """Subquery of the ids of the mentees ``person_id`` guides now through their active pairs as
    mentor. Registered in ``people.partners`` (``register_mentee_source``) by
    ``MentoringConfig.ready``: a mentor reads their mentees' routes and diagnoses them (seed 000
    §4.3.3, issue 18)."""
    return Pair.objects.active().filter(mentor_id=person_id).values("mentee_id")


def _program_scope_filter(scope, action: str) -> Q:
    """Programs of the organizations in the user's subtrees for ``action`` on
    ``personalizedprogram``; for view also the programs the user's own person works in.

    As for people (152-ФЗ art. 9): the curator and the head reach every program of their
    organization; the roles above them (the coordinator, the operator, the council…) only
    programs whose every participant has a valid consent to personal-data processing. The
    participants are matched by subqueries, not joins, so that a group's program (several
    pairs) comes back once. A participant reaches the programs of their own pairs whose other
    person has a valid consent (``Pair.scope_filter``): a mentor no longer opens the program of
    a mentee who withdrew it; in a group, the others' names are hidden on the page.
    """
    exempt, bound = scope.consent_paths("personalizedprogram", action)
    condition = paths_q("organization__path", exempt)
    if bound:
        # A correlated NOT EXISTS per program, not NOT IN (every unconsented pair of the region):
        # the planner keeps the page's order and LIMIT (issue 16).
        unconsented = unconsented_pairs().filter(program_id=OuterRef("pk"))
        condition |= paths_q("organization__path", bound) & ~Exists(unconsented)
    if action == "view" and scope.person_id:
        me = scope.person_id
        own = Pair.objects.filter(
            (Q(mentor_id=me) & partner_consented_q("mentee_id"))
            | (Q(mentee_id=me) & partner_consented_q("mentor_id"))
        )
        condition |= Q(pk__in=own.exclude(program__isnull=True).values("program_id"))
    return condition


class PersonalizedProgramQuerySet(ScopedQuerySet):
    scope_model = "personalizedprogram"


class PersonalizedProgram(VersionedModel):
    """A personalized mentoring program (персонализированная программа наставничества, seed 000
    §1.3, 001 §1.3, 004 §1.3, §6.2.3): for a pair or a group, three months to a year, aimed at
    the mentee's diagnosed difficulties.

    The participants are its ``pairs``. The period is held by the database in days
    (``PROGRAM_MIN_DAYS``–``PROGRAM_MAX_DAYS``) and by the forms in calendar months.
    ``status`` and ``stage`` change only through ``mentoring.services.programs``.
    """

    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.PROTECT,
        related_name="personalized_programs",
        limit_choices_to={"level": "organization"},
    )
    mentoring_program = models.ForeignKey(
        "mentoring.MentoringProgram",
        verbose_name="программа наставничества организации",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="personalized_programs",
    )
    format = models.CharField(
        "формат", max_length=8, choices=ProgramFormat.choices, default=ProgramFormat.PAIR
    )
    mentoring_form = models.ForeignKey(
        "reference.MentoringForm",
        verbose_name="форма наставничества",
        on_delete=models.PROTECT,
        related_name="+",
    )
    interaction_model = models.ForeignKey(
        "reference.InteractionModel",
        verbose_name="модель взаимодействия",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kinds = models.ManyToManyField(
        "reference.MentoringKind", verbose_name="виды наставничества", related_name="+"
    )
    direction = models.CharField("направление", max_length=300)
    goals = models.TextField("цели и задачи")
    expected_results = models.TextField("ожидаемые результаты", blank=True)
    deficits = models.ManyToManyField(
        "development.Deficit",
        verbose_name="затруднения наставляемых, на которые направлена программа",
        blank=True,
        related_name="programs",
    )
    starts_on = models.DateField("дата начала")
    ends_on = models.DateField("дата окончания")
    curator = models.ForeignKey(
        "people.Person",
        verbose_name="куратор",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="curated_programs",
    )
    status = models.CharField(
        "статус", max_length=16, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT
    )
    stage = models.ForeignKey(
        "reference.PersonalizedProgramStage",
        verbose_name="этап",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField("дата утверждения", null=True, blank=True)
    completed_on = models.DateField("дата завершения", null=True, blank=True)
    terminated_on = models.DateField("дата прекращения", null=True, blank=True)
    termination_reason = models.TextField("основание прекращения", blank=True)
    results = models.TextField("итоги работы пары (группы)", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="создал",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = PersonalizedProgramQuerySet.as_manager()

    class Meta:
        verbose_name = "персонализированная программа наставничества"
        verbose_name_plural = "персонализированные программы наставничества"
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["organization", "status"], name="program_org_status"),
            # The list's order: a region's page walks it and stops at 25 rows (issue 16).
            models.Index(fields=["-starts_on", "-id"], name="program_starts_desc"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on") + dt.timedelta(days=PROGRAM_MIN_DAYS))
                & Q(ends_on__lte=F("starts_on") + dt.timedelta(days=PROGRAM_MAX_DAYS)),
                name="program_period_3_12_months",
                violation_error_message="Срок персонализированной программы — от трёх месяцев до одного года.",
            ),
        ]

    def __str__(self) -> str:
        return f"Программа № {self.pk}: {self.direction}" if self.pk else self.direction

    def get_absolute_url(self) -> str:
        return reverse("mentoring:program_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        """Neither completed nor terminated."""
        return self.status in OPEN_PROGRAM_STATUSES

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return _program_scope_filter(scope, action)


class ProgramEvent(HistoryEvent):
    """One step in the history of a program: who did what and when."""

    program = models.ForeignKey(
        PersonalizedProgram, verbose_name="программа", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("событие", max_length=20, choices=EventKind.choices)
    from_status = models.CharField("прежний статус", max_length=16, choices=ProgramStatus.choices, blank=True)
    to_status = models.CharField("новый статус", max_length=16, choices=ProgramStatus.choices, blank=True)
    # The request an event is about (filed, withdrawn, decided): such an event is shown to those
    # who may see the request itself (``PairRequest.scope_filter``), see ``program_history``.
    request = models.ForeignKey(
        "mentoring.PairRequest",
        verbose_name="заявление",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )

    class Meta(HistoryEvent.Meta):
        verbose_name = "событие программы"
        verbose_name_plural = "история программ"

    def __str__(self) -> str:
        return f"{self.program_id}: {self.summary}"


class ActivityPlanItem(models.Model):
    """An activity of a program's plan (seed 000 §1.3: «перечень мероприятий»; 004 §6.2.3):
    stage, dates, the expected product, status and the evidence file."""

    program = models.ForeignKey(
        PersonalizedProgram, verbose_name="программа", on_delete=models.CASCADE, related_name="plan_items"
    )
    stage = models.ForeignKey(
        "reference.PersonalizedProgramStage", verbose_name="этап", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("мероприятие", max_length=500)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    expected_product = models.CharField("ожидаемый продукт (результат)", max_length=500, blank=True)
    status = models.CharField(
        "статус", max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    evidence = models.FileField("подтверждающий файл", upload_to="mentoring/evidence/", blank=True)
    evidence_note = models.CharField("комментарий к выполнению", max_length=500, blank=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "мероприятие плана"
        verbose_name_plural = "план мероприятий"
        ordering = ["stage__sort_order", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="planitem_dates_ordered",
                violation_error_message="Окончание мероприятия не может быть раньше его начала.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    """A meeting of a pair or group (seed 003 §4.7): acquaintance, trial, planning, the series,
    final. ``starts_at`` is local time; a reminder goes to the participants before it
    (``reminded_at`` keeps it from going twice)."""

    program = models.ForeignKey(
        PersonalizedProgram, verbose_name="программа", on_delete=models.CASCADE, related_name="meetings"
    )
    meeting_type = models.ForeignKey(
        "reference.MeetingType", verbose_name="вид встречи", on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField("дата и время")
    duration_minutes = models.PositiveSmallIntegerField(
        "продолжительность, минут", default=45, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    format = models.CharField(
        "формат", max_length=16, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    place = models.CharField("место или ссылка", max_length=300, blank=True)
    agenda = models.TextField("повестка")
    notes = models.TextField("итоги встречи", blank=True)
    status = models.CharField(
        "статус", max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    reminded_at = models.DateTimeField("напоминание отправлено", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="создал",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "встреча"
        verbose_name_plural = "встречи"
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"], name="meeting_status_start")]

    def __str__(self) -> str:
        return f"{self.meeting_type}: {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"


class MeetingAttendance(models.Model):
    """Whether a participant attended a meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="встреча", on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name="участник", on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField("присутствовал", default=True)

    class Meta:
        verbose_name = "посещение встречи"
        verbose_name_plural = "посещение встреч"
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.person}: {'да' if self.present else 'нет'}"


class PairRequestQuerySet(ScopedQuerySet):
    """Requests of the programs in the user's scope (``PERMISSIONS["personalizedprogram"]``)."""

    scope_model = "personalizedprogram"


class PairRequest(models.Model):
    """A participant's request to the curator (seed 000 §5.1.1: a mentor asks to be released;
    §5.2.1: a mentee asks for another mentor), and the curator's decision."""

    pair = models.ForeignKey(Pair, verbose_name="пара", on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField("вид", max_length=20, choices=RequestKind.choices)
    reason = models.TextField("обоснование")
    status = models.CharField(
        "статус", max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="подал", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField("подано", default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="решение принял",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("дата решения", null=True, blank=True)
    decision_comment = models.TextField("комментарий к решению", blank=True)
    new_pair = models.OneToOneField(
        Pair,
        verbose_name="новая пара",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )

    objects = PairRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "заявление участника"
        verbose_name_plural = "заявления участников"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair"],
                condition=Q(status="pending"),
                name="pairrequest_one_pending",
                violation_error_message="По этой паре уже есть заявление на рассмотрении.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.pair}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Requests of the organizations in the user's subtrees (above the curator and the head,
        only of pairs whose two people have a valid consent to personal-data processing, as for
        programs); a participant sees only the
        requests they filed themselves: a mentee asking for another mentor is not shown to that
        mentor, nor to the other mentees of a group."""
        exempt, bound = scope.consent_paths("personalizedprogram", action)
        condition = paths_q("pair__organization__path", exempt)
        if bound:
            condition |= paths_q("pair__organization__path", bound) & ~Exists(
                unconsented_pairs().filter(pk=OuterRef("pair_id"))
            )
        if action == "view" and scope.person_id:
            condition |= Q(pair__mentee_id=scope.person_id, kind=RequestKind.CHANGE_MENTOR) | Q(
                pair__mentor_id=scope.person_id, kind=RequestKind.RELEASE_MENTOR
            )
        return condition


class MentorReport(models.Model):
    """The mentor's report on the program (seed 004 §6.2.3: «подготовка наставником отчета о
    реализации программы сопровождения»)."""

    program = models.OneToOneField(
        PersonalizedProgram, verbose_name="программа", on_delete=models.CASCADE, related_name="mentor_report"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="автор", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    work_done = models.TextField("проделанная работа")
    results = models.TextField("достигнутые результаты")
    products = models.TextField("продукты деятельности наставляемого", blank=True)
    recommendations = models.TextField("рекомендации", blank=True)
    attachment = models.FileField("приложение", upload_to="mentoring/reports/", blank=True)
    submitted_on = models.DateField("дата отчёта")
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "отчёт наставника"
        verbose_name_plural = "отчёты наставников"

    def __str__(self) -> str:
        return f"Отчёт по программе № {self.program_id}"


class MentoringProgramQuerySet(ScopedQuerySet):
    scope_model = "mentoringprogram"


class MentoringProgram(models.Model):
    """The organization's mentoring program for a period (seed 000 §IV: seven stages), and its
    results (seed 003 §4.8). Its checklist is computed from the data
    (``mentoring.selectors.organization.mentoring_program_checklist``)."""

    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.PROTECT,
        related_name="mentoring_programs",
        limit_choices_to={"level": "organization"},
    )
    title = models.CharField("название", max_length=300)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    goals = models.TextField("цели и задачи", blank=True)
    approved_on = models.DateField("дата утверждения", null=True, blank=True)
    # Partners taking part in the program (seed 002 §1, §6; issue 20).
    partners = models.ManyToManyField(
        "organizations.Partner",
        verbose_name="организации-партнёры",
        blank=True,
        related_name="mentoring_programs",
    )
    results = models.TextField("итоги программы организации", blank=True)
    best_practices = models.TextField("лучшие наставнические практики", blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = MentoringProgramQuerySet.as_manager()

    class Meta:
        verbose_name = "программа наставничества организации"
        verbose_name_plural = "программы наставничества организаций"
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="mentoringprogram_dates_ordered",
                violation_error_message="Окончание программы должно быть позже её начала.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mentoring:mentoring_program_detail", args=[self.pk])

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return paths_q("organization__path", scope.paths("mentoringprogram", action))
