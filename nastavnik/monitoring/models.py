"""Monitoring of the target model (seed 000 §VI, 004 §9, 003 §4.7 and §5, 002 §9):
questionnaires and their answers, monitoring campaigns, the confirmed federal statistical
figure, the register of risks and the analytical reports.

Anonymity (issue 14): an ``Answer`` to an anonymous questionnaire keeps no person, no program,
no assignment and no time finer than its month, and its key is a random UUID, so that nothing
stored ties it to whoever submitted it; the person's ``Assignment`` records only that they
answered. Such answers are shown only aggregated over groups of ``ANONYMITY_THRESHOLD`` or more.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.monitoring.choices import (
    SCALE_MAX,
    SCALE_MIN,
    AssignmentStatus,
    Audience,
    CampaignStatus,
    ContingentSource,
    Measure,
    Phase,
    QuestionKind,
    ReportStatus,
    RiskKind,
    RiskLevel,
    RiskStatus,
)

#: The least number of anonymous answers shown together (issue 14: «only in groups of 5 or more»).
ANONYMITY_THRESHOLD = 5


class QuestionnaireQuerySet(ScopedQuerySet):
    scope_model = "questionnaire"


class Questionnaire(models.Model):
    """A questionnaire (анкета, seed 004 §9.2–9.4, 003 §4.7): its ``audience`` (the role it
    addresses), its ``phase`` (before a program, after it, periodic) and whether it is
    ``anonymous``. ``owner`` is the unit that made it (``None`` for the built-in ones, which
    every unit uses); ``code`` names a built-in questionnaire (``builtin.BUILTIN``) and
    ``source`` cites the regulation it follows, as users read it. Once answered, its questions
    are no longer edited (``is_locked``)."""

    title = models.CharField("название", max_length=300)
    description = models.TextField("пояснение для отвечающих", blank=True)
    audience = models.CharField("кому адресована", max_length=16, choices=Audience.choices)
    phase = models.CharField("когда заполняется", max_length=16, choices=Phase.choices)
    anonymous = models.BooleanField(
        "анонимная",
        default=False,
        help_text="Ответы не связываются с отвечающим и показываются только по группам от 5 человек.",
    )
    owner = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="составитель (организация, муниципалитет, регион)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questionnaires",
    )
    code = models.SlugField("код встроенной анкеты", max_length=64, blank=True)
    source = models.CharField("основание", max_length=500, blank=True)
    is_active = models.BooleanField("используется", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"
        ordering = ["audience", "phase", "title"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="questionnaire_code_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_builtin(self) -> bool:
        return bool(self.code)

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Built-in questionnaires and those of the units above or in the user's subtrees for
        viewing; those made in the user's subtrees for changing (the built-in ones are changed
        by nobody)."""
        paths = scope.paths("questionnaire", action)
        condition = paths_q("owner__path", paths)
        if action == "view":
            condition |= Q(owner__isnull=True)
            for path in paths:
                # the units above: their path is a prefix of the user's unit's path
                prefixes = [path[: i + 1] for i, ch in enumerate(path) if ch == "/"][:-1]
                if prefixes:
                    condition |= Q(owner__path__in=prefixes)
        return condition


class Question(models.Model):
    """One question of a questionnaire: its ``kind`` (scale 1–10, one or several options, free
    text), what it ``measure``-s for the indicators and, for difficulties, the ``area`` of the
    eight (seed 000 §4.3.3)."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="анкета", on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField("номер", default=1)
    text = models.CharField("вопрос", max_length=500)
    kind = models.CharField(
        "вид ответа", max_length=16, choices=QuestionKind.choices, default=QuestionKind.SCALE
    )
    measure = models.CharField("что измеряет", max_length=32, choices=Measure.choices, default=Measure.OTHER)
    area = models.ForeignKey(
        "reference.CompetenceArea",
        verbose_name="область затруднений",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    required = models.BooleanField("обязательный", default=True)
    scale_min_label = models.CharField("подпись к 1", max_length=100, blank=True)
    scale_max_label = models.CharField("подпись к 10", max_length=100, blank=True)

    class Meta:
        verbose_name = "вопрос анкеты"
        verbose_name_plural = "вопросы анкеты"
        ordering = ["questionnaire", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(measure=Measure.DIFFICULTY) | Q(area__isnull=False),
                name="question_difficulty_area",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class QuestionOption(models.Model):
    """An option of a single- or multiple-choice question."""

    question = models.ForeignKey(
        Question, verbose_name="вопрос", on_delete=models.CASCADE, related_name="options"
    )
    order = models.PositiveSmallIntegerField("номер", default=1)
    text = models.CharField("вариант ответа", max_length=300)

    class Meta:
        verbose_name = "вариант ответа"
        verbose_name_plural = "варианты ответа"
        ordering = ["question", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class MonitoringCampaignQuerySet(ScopedQuerySet):
    scope_model = "monitoringcampaign"


class MonitoringCampaign(models.Model):
    """A monitoring launched by the region or a municipality (``owner``) for a period with a set
    of questionnaires and the organizations it covers (seed 003 §5.2–5.3, 000 App. 2
    §3.3–3.6). The curator of each covered organization sees the task with its deadline
    (``ends_on``); ``CampaignOrganization`` keeps each organization's reminders."""

    owner = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="проводит", on_delete=models.PROTECT, related_name="campaigns"
    )
    title = models.CharField("название", max_length=300)
    goal = models.TextField("цель и задачи мониторинга", blank=True)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("срок представления")
    questionnaires = models.ManyToManyField(Questionnaire, verbose_name="анкеты", related_name="campaigns")
    organizations = models.ManyToManyField(
        "organizations.OrgUnit",
        verbose_name="охваченные организации",
        through="CampaignOrganization",
        related_name="monitoring_campaigns",
    )
    status = models.CharField(
        "состояние", max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    launched_at = models.DateTimeField("запущен", null=True, blank=True)
    finished_at = models.DateTimeField("завершён", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("создан", auto_now_add=True)

    objects = MonitoringCampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "мониторинг"
        verbose_name_plural = "мониторинги"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_period"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Campaigns the user's subtrees launched, and for viewing also those covering an
        organization of the user's subtrees (the curator's task)."""
        paths = scope.paths("monitoringcampaign", action)
        condition = paths_q("owner__path", paths)
        if action == "view":
            condition |= Q(
                pk__in=CampaignOrganization.objects.filter(paths_q("organization__path", paths)).values(
                    "campaign_id"
                )
            )
        return condition


class CampaignOrganization(models.Model):
    """An organization covered by a campaign, with the last reminder sent to it."""

    campaign = models.ForeignKey(MonitoringCampaign, on_delete=models.CASCADE, related_name="coverage")
    organization = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    reminded_at = models.DateTimeField("напоминание отправлено", null=True, blank=True)

    class Meta:
        verbose_name = "организация мониторинга"
        verbose_name_plural = "организации мониторинга"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization"], name="campaignorganization_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.organization}"


class AssignmentQuerySet(ScopedQuerySet):
    scope_model = "answer"

    def pending(self) -> AssignmentQuerySet:
        return self.filter(status=AssignmentStatus.PENDING)


class Assignment(models.Model):
    """What a person owes: one questionnaire to answer, by a date (``due_on``), because a
    program started or completed (``program``, seed 004 §9.2) or a campaign covers their
    organization (``campaign``). ``submitted_at`` records only that they answered: for an
    anonymous questionnaire the answer itself is not linked back (see the module)."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="анкета", on_delete=models.PROTECT, related_name="assignments"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name="кто отвечает",
        on_delete=models.CASCADE,
        related_name="questionnaire_assignments",
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    program = models.ForeignKey(
        "mentoring.PersonalizedProgram",
        verbose_name="программа",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaire_assignments",
    )
    campaign = models.ForeignKey(
        MonitoringCampaign,
        verbose_name="мониторинг",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    phase = models.CharField("этап", max_length=16, choices=Phase.choices)
    status = models.CharField(
        "состояние", max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    assigned_at = models.DateTimeField("назначена", auto_now_add=True)
    due_on = models.DateField("ответить до", null=True, blank=True)
    reminded_at = models.DateTimeField("напоминание отправлено", null=True, blank=True)
    submitted_at = models.DateTimeField("ответ отправлен", null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "назначенная анкета"
        verbose_name_plural = "назначенные анкеты"
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "person", "program", "phase"],
                condition=Q(program__isnull=False),
                name="assignment_program_unique",
            ),
            models.UniqueConstraint(
                fields=["questionnaire", "person", "campaign"],
                condition=Q(campaign__isnull=False),
                name="assignment_campaign_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status"]),
            models.Index(fields=["campaign", "organization", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire}: {self.person}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Assignments of the organizations in the user's subtrees (who has answered, not what),
        and the user's own. For ``action="add"`` (typing in the answer from the respondent's
        paper form, seed 004 §9.2): the named (not anonymous) assignments of the organizations
        where the user is curator or head, and the user's own."""
        if action == "add":
            condition = paths_q("organization__path", scope.paths("answer", "add")) & Q(
                questionnaire__anonymous=False
            )
        else:
            condition = paths_q("organization__path", scope.paths("answer", "view"))
        if scope.person_id:
            condition |= Q(person_id=scope.person_id)
        return condition


class AnswerQuerySet(ScopedQuerySet):
    scope_model = "answer"

    def named(self) -> AnswerQuerySet:
        """Answers to questionnaires that are not anonymous."""
        return self.filter(person__isnull=False)


class Answer(models.Model):
    """One submitted questionnaire (ответ на анкету): locked once submitted.

    ``organization`` is where the respondent works (the scope of the answer); ``audience`` and
    ``phase`` repeat the questionnaire's and the assignment's so that the indicators group
    without joins; ``month`` is the first day of the month it was submitted in.

    Anonymous (``questionnaire.anonymous``): ``person``, ``program`` and ``submitted_at`` are
    empty and the key is random, so nothing ties it to a person (see the module)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="анкета", on_delete=models.PROTECT, related_name="answers"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name="отвечающий",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaire_answers",
    )
    program = models.ForeignKey(
        "mentoring.PersonalizedProgram",
        verbose_name="программа",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaire_answers",
    )
    campaign = models.ForeignKey(
        MonitoringCampaign,
        verbose_name="мониторинг",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    audience = models.CharField("роль отвечающего", max_length=16, choices=Audience.choices)
    phase = models.CharField("этап", max_length=16, choices=Phase.choices)
    month = models.DateField("месяц ответа")
    submitted_at = models.DateTimeField("отправлен", null=True, blank=True)
    #: The curator or head who typed in a named answer from the respondent's paper form (seed
    #: 004 §9.2: the questionnaire may be filled on paper); empty when the respondent answered.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внесено с бумажной анкеты",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = "ответ на анкету"
        verbose_name_plural = "ответы на анкеты"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "person", "program", "phase"],
                condition=Q(person__isnull=False, program__isnull=False),
                name="answer_program_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "month"]),
            models.Index(fields=["campaign", "organization"]),
            # the indicators of answers read a period's months of one audience (issue 16)
            models.Index(fields=["month", "audience"]),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} ({self.month:%m.%Y})"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Answers of the organizations in the user's subtrees for those who read results
        (curator, head, coordinator, operator), and the user's own named answers."""
        condition = paths_q("organization__path", scope.paths("answer", action))
        if action == "view" and scope.person_id:
            condition |= Q(person_id=scope.person_id)
        return condition


class AnswerItem(models.Model):
    """The reply to one question: ``scale`` (1–10), the chosen ``options`` or the ``text``.

    Its key is random, like the answer's, and so is the key of each chosen option
    (``AnswerItemOption``): an increasing key would give away the order in which answers came,
    which the times of the assignments could match to the people (issue 14: anonymity)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.ForeignKey(Answer, verbose_name="ответ", on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(
        Question, verbose_name="вопрос", on_delete=models.PROTECT, related_name="items"
    )
    scale = models.PositiveSmallIntegerField(
        "оценка",
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    options = models.ManyToManyField(
        QuestionOption,
        verbose_name="выбранные варианты",
        blank=True,
        related_name="+",
        through="AnswerItemOption",
    )
    text = models.TextField("ответ", blank=True)

    class Meta:
        verbose_name = "ответ на вопрос"
        verbose_name_plural = "ответы на вопросы"
        constraints = [
            models.UniqueConstraint(fields=["answer", "question"], name="answeritem_unique"),
            models.CheckConstraint(
                condition=Q(scale__isnull=True) | Q(scale__gte=SCALE_MIN, scale__lte=SCALE_MAX),
                name="answeritem_scale_1_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.scale if self.scale is not None else self.text[:50]}"


class AnswerItemOption(models.Model):
    """An option chosen in the reply to a single- or multiple-choice question (random key, see
    ``AnswerItem``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answeritem = models.ForeignKey(AnswerItem, verbose_name="ответ на вопрос", on_delete=models.CASCADE)
    questionoption = models.ForeignKey(
        QuestionOption, verbose_name="вариант ответа", on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = "выбранный вариант ответа"
        verbose_name_plural = "выбранные варианты ответа"
        constraints = [
            models.UniqueConstraint(fields=["answeritem", "questionoption"], name="answeritemoption_unique"),
        ]

    def __str__(self) -> str:
        return str(self.questionoption)


class FederalStatisticsReportQuerySet(ScopedQuerySet):
    scope_model = "federalstatisticsreport"


class FederalStatisticsReport(models.Model):
    """The curator's confirmation of the organization's figure for the federal statistical form:
    the number of participants who completed the full cycle of a program in ``year`` (seed 002
    §9: «не позднее 20 января года, следующего за отчётным»). ``figure`` is what was confirmed;
    the live figure is computed from the full-cycle marks, and a difference is shown."""

    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("отчётный год")
    figure = models.PositiveIntegerField("подтверждённое число педагогических работников")
    learners_figure = models.PositiveIntegerField("подтверждённое число обучающихся", default=0)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="подтвердил",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("подтверждено")

    objects = FederalStatisticsReportQuerySet.as_manager()

    class Meta:
        verbose_name = "сведения для федерального статистического наблюдения"
        verbose_name_plural = "сведения для федерального статистического наблюдения"
        ordering = ["-year", "organization"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="federalreport_unique")]

    def __str__(self) -> str:
        return f"{self.organization} — {self.year}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return paths_q("organization__path", scope.paths("federalstatisticsreport", action))


class LearnerContingentQuerySet(ScopedQuerySet):
    scope_model = "learnercontingent"


class LearnerContingent(models.Model):
    """The contingent of an organization for a year: how many learners (pupils, students) it
    has — the denominator of the share of learners involved in mentoring (seed 002 §9 «доля
    обучающихся, вовлеченных в различные формы сопровождения и наставничества»). Entered by the
    organization's curator or head, or imported by the municipal coordinator and the regional
    operator (``services.contingent``); one per organization and year."""

    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "organization"},
    )
    year = models.PositiveSmallIntegerField("год")
    learners = models.PositiveIntegerField("численность обучающихся")
    source = models.CharField(
        "как внесено", max_length=16, choices=ContingentSource.choices, default=ContingentSource.ENTERED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="внёс", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField("внесено", auto_now=True)

    objects = LearnerContingentQuerySet.as_manager()

    class Meta:
        verbose_name = "контингент обучающихся"
        verbose_name_plural = "контингент обучающихся"
        ordering = ["-year", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="learnercontingent_unique",
                violation_error_message="Численность обучающихся организации за этот год уже внесена.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.year}: {self.learners}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """The contingents of the organizations in the user's subtrees for ``action``."""
        return paths_q("organization__path", scope.paths("learnercontingent", action))


class RiskQuerySet(ScopedQuerySet):
    scope_model = "risk"


class Risk(models.Model):
    """A risk in the register of an organization or a municipality (``unit``): one of the six of
    seed 000 §VI, its assessment and the measures taken."""

    unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация или муниципалитет",
        on_delete=models.PROTECT,
        related_name="risks",
    )
    kind = models.CharField("риск", max_length=32, choices=RiskKind.choices)
    level = models.CharField("оценка", max_length=16, choices=RiskLevel.choices, default=RiskLevel.MEDIUM)
    description = models.TextField("проявления")
    measures = models.TextField("меры по снижению риска", blank=True)
    responsible = models.CharField("ответственный", max_length=300, blank=True)
    review_on = models.DateField("срок пересмотра", null=True, blank=True)
    status = models.CharField("состояние", max_length=16, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    signal = models.CharField("сигнал, по которому внесён", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("внесён", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    objects = RiskQuerySet.as_manager()

    class Meta:
        verbose_name = "риск"
        verbose_name_plural = "реестр рисков"
        ordering = ["unit", "kind", "-created_at"]

    def __str__(self) -> str:
        return self.get_kind_display()

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return paths_q("unit__path", scope.paths("risk", action))


class AnalyticalReportQuerySet(ScopedQuerySet):
    scope_model = "analyticalreport"


class AnalyticalReport(models.Model):
    """The analytical report (аналитическая справка, seed 003 §5.2–5.4, 000 §4.1.2, 004 §9.5) of
    a unit for a period: its figures are computed from the indicators when it is generated;
    ``conclusions`` and ``recommendations`` are drafted by rules from the data and edited by the
    author before the report is registered in the document registry (``document``)."""

    unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация, муниципалитет или регион",
        on_delete=models.PROTECT,
        related_name="+",
    )
    period_start = models.DateField("начало периода")
    period_end = models.DateField("конец периода")
    title = models.CharField("заголовок", max_length=300)
    conclusions = models.TextField("выводы", blank=True)
    recommendations = models.TextField("рекомендации и управленческие решения", blank=True)
    status = models.CharField(
        "состояние", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name="документ в реестре",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    objects = AnalyticalReportQuerySet.as_manager()

    class Meta:
        verbose_name = "аналитическая справка"
        verbose_name_plural = "аналитические справки"
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="analyticalreport_period"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return paths_q("unit__path", scope.paths("analyticalreport", action))


class IndicatorRollupRun(models.Model):
    """One refresh of the materialized roll-up (issue 16, «Scale»): every registered indicator
    computed over the subtree of ``root`` for the period ``period_start``–``period_end`` at
    ``computed_at`` by ``monitoring.rollups.rollups_refresh``. A unit's stored figures are read
    only through the latest run whose root contains it, and the page shows its time."""

    root = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="корневая единица", on_delete=models.CASCADE, related_name="+"
    )
    period_start = models.DateField("начало периода")
    period_end = models.DateField("конец периода")
    computed_at = models.DateTimeField("рассчитано")
    #: The codes of the indicators computed (a page asking for another one computes it live).
    indicators = models.JSONField("показатели", default=list)
    seconds = models.FloatField("длительность расчёта, с", default=0)

    class Meta:
        verbose_name = "расчёт сводных показателей"
        verbose_name_plural = "расчёты сводных показателей"
        constraints = [
            models.UniqueConstraint(fields=["root", "period_start", "period_end"], name="rolluprun_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.root} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"


class IndicatorRollup(models.Model):
    """The stored figure of one indicator for one unit over a period: the ``parts`` (a JSON
    list of numbers, ``monitoring.indicators.base.Parts``) summed over the unit's whole subtree,
    the unit's own rows included — what ``indicators.base.rollup`` would compute live. Written
    by ``monitoring.rollups.rollups_refresh`` for every unit with figures (a unit without a row
    has empty parts); belongs to ``run``."""

    run = models.ForeignKey(
        IndicatorRollupRun, verbose_name="расчёт", on_delete=models.CASCADE, related_name="figures"
    )
    indicator = models.CharField("показатель", max_length=64)
    unit = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="единица", on_delete=models.CASCADE, related_name="+"
    )
    parts = models.JSONField("составляющие")

    class Meta:
        verbose_name = "сводный показатель"
        verbose_name_plural = "сводные показатели"
        constraints = [
            models.UniqueConstraint(fields=["run", "unit", "indicator"], name="indicatorrollup_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.unit_id}"


class IndicatorBreakdown(models.Model):
    """A stored breakdown of the dashboards' charts (``name``: ``"difficulty_by_area"`` or
    ``"full_cycle_breakdown"``, the functions of ``monitoring.indicators``) for one unit of the
    federal or the regional level, as the function returned it (``data``, JSON); belongs to
    ``run`` (``monitoring.rollups``)."""

    run = models.ForeignKey(
        IndicatorRollupRun, verbose_name="расчёт", on_delete=models.CASCADE, related_name="breakdowns"
    )
    name = models.CharField("разбивка", max_length=64)
    unit = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="единица", on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField("данные")

    class Meta:
        verbose_name = "сохранённая разбивка показателей"
        verbose_name_plural = "сохранённые разбивки показателей"
        constraints = [
            models.UniqueConstraint(fields=["run", "unit", "name"], name="indicatorbreakdown_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.unit_id}"
