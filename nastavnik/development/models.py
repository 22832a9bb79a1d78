"""Professional development of teachers (issue 18): diagnosis of achievements and deficits over
the eight competence areas, the individual educational route (ИОМ) through its seven steps, tutors
of the ЦНППМ, courses of further education and enrolments (seed 000 §4.3.2–4.3.3, App. 2
§2.2–2.7, §3.1–3.4; 003 §3.2).

``Deficit`` is the one model of a professional difficulty (профессиональное затруднение, дефицит
компетенций): the bank's mentee card, a personalized program, the matching's explanation and the
questionnaires' self-assessment all read and write it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.core.concurrency import VersionedModel
from nastavnik.core.models import HistoryEvent
from nastavnik.development.choices import (
    CLOSED_ACTIVITY_STATUSES,
    ActivityKind,
    ActivityStatus,
    CompetenceLevel,
    CorrectionReason,
    CourseFormat,
    DeficitLevel,
    DeficitSource,
    DiagnosisKind,
    EnrollmentStatus,
    ProductKind,
    ReflectionOutcome,
    RouteEventKind,
    RouteStatus,
)
from nastavnik.development.rules import teacher_rows_q


class DiagnosisQuerySet(ScopedQuerySet):
    scope_model = "diagnosis"


class Diagnosis(models.Model):
    """One diagnosis of a teacher (seed 000 §4.3.3, steps 2–3): a level of competence and the
    achievements in each of the eight areas (``DiagnosisResult``), and the deficits found
    (``Deficit.diagnosis``). Repeatable: the diagnoses of one person in date order give the
    dynamics of their profile.

    ``kind``: the teacher's own (self) or an expert's; ``source``: who the expert was (a tutor,
    the curator, a mentor…); ``organization``: the organization in whose context the teacher was
    diagnosed (their place of work: «в педагогическом контексте конкретной образовательной
    организации»); ``route``: the route whose steps 2–3 it is, if any.
    """

    person = models.ForeignKey(
        "people.Person", verbose_name="педагог", on_delete=models.CASCADE, related_name="diagnoses"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    route = models.ForeignKey(
        "development.IndividualRoute",
        verbose_name="индивидуальный образовательный маршрут",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="diagnoses",
    )
    kind = models.CharField("вид", max_length=16, choices=DiagnosisKind.choices)
    source = models.CharField("кто провёл", max_length=16, choices=DeficitSource.choices)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="эксперт",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conducted_on = models.DateField("дата диагностики")
    comment = models.TextField("выводы и комментарий", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    objects = DiagnosisQuerySet.as_manager()

    class Meta:
        verbose_name = "диагностика"
        verbose_name_plural = "диагностики"
        ordering = ["-conducted_on", "-pk"]
        get_latest_by = ["conducted_on", "pk"]
        indexes = [models.Index(fields=["person", "conducted_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display().capitalize()} от {self.conducted_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("development:diagnosis_detail", args=[self.pk])

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return teacher_rows_q(scope, "diagnosis", action)


class DiagnosisResult(models.Model):
    """The result of a diagnosis in one competence area: the level (1–5) and the achievements
    (seed 000 §4.3.3 step 2). One per area of a diagnosis."""

    diagnosis = models.ForeignKey(
        Diagnosis, verbose_name="диагностика", on_delete=models.CASCADE, related_name="results"
    )
    area = models.ForeignKey(
        "reference.CompetenceArea", verbose_name="область", on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        "уровень", choices=CompetenceLevel.choices, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    achievements = models.TextField("достижения, достоинства и ресурсы", blank=True)

    class Meta:
        verbose_name = "результат диагностики по области"
        verbose_name_plural = "результаты диагностики по областям"
        ordering = ["area__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["diagnosis", "area"],
                name="diagnosisresult_unique",
                violation_error_message="Результат по этой области уже записан.",
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="diagnosisresult_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.level}"


class DeficitQuerySet(ScopedQuerySet):
    scope_model = "diagnosis"

    def of_latest_date(self) -> DeficitQuerySet:
        """The deficits recorded on each person's most recent date of any deficit — their latest
        diagnosis (or bank record, or questionnaire) as a whole, not the latest deficit of each
        area. One query with a correlated subquery."""
        latest = (
            Deficit.objects.filter(person_id=models.OuterRef("person_id"))
            .order_by("-diagnosed_on")
            .values("diagnosed_on")[:1]
        )
        return self.filter(diagnosed_on=models.Subquery(latest))


class Deficit(models.Model):
    """A professional difficulty, a deficit of competence, of a teacher in one area (seed 000
    §4.3.3 step 3; the glossary's ``Deficit``): found by a diagnosis (``diagnosis``), recorded in
    the bank's mentee card by the curator, or self-assessed in the mentee's questionnaire
    (``source``). ``level``: 1 minor, 2 marked, 3 critical. A personalized program is aimed at
    some of them (``PersonalizedProgram.deficits``), a route's activities too
    (``RouteActivity.deficits``), and the route's reflection says what became of each.
    """

    person = models.ForeignKey(
        "people.Person", verbose_name="педагог", on_delete=models.CASCADE, related_name="deficits"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    diagnosis = models.ForeignKey(
        Diagnosis,
        verbose_name="диагностика",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deficits",
    )
    area = models.ForeignKey(
        "reference.CompetenceArea", verbose_name="область", on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        "выраженность", choices=DeficitLevel.choices, default=DeficitLevel.MARKED
    )
    source = models.CharField("источник", max_length=16, choices=DeficitSource.choices)
    diagnosed_on = models.DateField("дата диагностики")
    description = models.TextField("описание", blank=True)

    objects = DeficitQuerySet.as_manager()

    class Meta:
        verbose_name = "профессиональное затруднение"
        verbose_name_plural = "профессиональные затруднения"
        ordering = ["-diagnosed_on", "area__sort_order", "pk"]
        indexes = [models.Index(fields=["person", "diagnosed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "area", "source", "diagnosed_on"],
                condition=Q(diagnosis__isnull=True),
                name="deficit_unique_outside_diagnosis",
                violation_error_message="Такое затруднение уже записано.",
            ),
            models.UniqueConstraint(
                fields=["diagnosis", "area"],
                condition=Q(diagnosis__isnull=False),
                name="deficit_unique_in_diagnosis",
                violation_error_message="Затруднение по этой области в диагностике уже записано.",
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=3), name="deficit_level_1_3"),
        ]

    def __str__(self) -> str:
        return f"{self.area} ({self.get_source_display()}, {self.diagnosed_on:%d.%m.%Y})"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return teacher_rows_q(scope, "diagnosis", action)


class IndividualRouteQuerySet(ScopedQuerySet):
    scope_model = "individualroute"

    def live(self) -> IndividualRouteQuerySet:
        """Routes being drawn up or carried out."""
        return self.filter(status__in=[RouteStatus.DRAFT, RouteStatus.ACTIVE])


class IndividualRoute(VersionedModel):
    """The individual educational route of a teacher (ИОМ; seed 000 §4.3.3): a long-term (4–5
    years) program of professional self-improvement built on the diagnosed deficits, through
    seven steps — self-determination (``desired_image``), diagnosis of achievements and of
    deficits (``diagnoses``), the route's roadmap (``activities``), implementation with a
    pedagogical product per activity, corrections (``corrections``), reflective analysis
    (``reflections`` per deficit and ``reflection_summary``).

    The teacher owns it; the tutor of the ЦНППМ and the curator comment (``RouteEvent`` of kind
    ``comment``); every step is an event in its history (``events``). ``organization`` is the
    teacher's place of work the route is kept in. Edited under optimistic locking (``version``).
    """

    person = models.ForeignKey(
        "people.Person", verbose_name="педагог", on_delete=models.CASCADE, related_name="routes"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("тема маршрута", max_length=300)
    status = models.CharField("статус", max_length=16, choices=RouteStatus.choices, default=RouteStatus.DRAFT)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    desired_image = models.TextField(
        "желаемый образ себя как профессионала",
        blank=True,
        help_text="Самоопределение: описание идеального, желаемого образа себя как состоявшегося профессионала.",
    )
    reflection_summary = models.TextField("рефлексия степени приближения к желаемому образу", blank=True)
    started_on = models.DateField("начата реализация", null=True, blank=True, editable=False)
    completed_on = models.DateField("завершён", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="создал",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    objects = IndividualRouteQuerySet.as_manager()

    class Meta:
        verbose_name = "индивидуальный образовательный маршрут"
        verbose_name_plural = "индивидуальные образовательные маршруты"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="route_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"ИОМ «{self.title}»"

    def get_absolute_url(self) -> str:
        return reverse("development:route_detail", args=[self.pk])

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return teacher_rows_q(scope, "individualroute", action)


class RouteActivity(VersionedModel):
    """An activity of the route's roadmap (seed 000 §4.3.3 step 4): a course of further
    education, an innovative trial, a project or research, a concrete measure — each with its
    period and the deficits it addresses; and its implementation (step 5): the pedagogical
    product (a file or a link) and the teacher's own judgment of what was reached."""

    route = models.ForeignKey(
        IndividualRoute, verbose_name="маршрут", on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField("вид", max_length=16, choices=ActivityKind.choices)
    title = models.CharField("наименование", max_length=500)
    description = models.TextField("содержание", blank=True)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    deficits = models.ManyToManyField(
        Deficit,
        verbose_name="затруднения, на которые направлено",
        blank=True,
        related_name="route_activities",
    )
    course = models.ForeignKey(
        "development.Course",
        verbose_name="программа повышения квалификации",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="route_activities",
    )
    status = models.CharField(
        "статус", max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    product_kind = models.CharField("вид продукта", max_length=16, choices=ProductKind.choices, blank=True)
    product_title = models.CharField("педагогический продукт", max_length=500, blank=True)
    product_file = models.FileField("файл продукта", upload_to="development/products/", blank=True)
    product_url = models.URLField("ссылка на продукт", max_length=500, blank=True)
    self_assessment = models.TextField("отношение к достигнутому результату", blank=True)
    done_on = models.DateField("выполнено", null=True, blank=True)
    sort_order = models.PositiveIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "мероприятие маршрута"
        verbose_name_plural = "мероприятия маршрута"
        ordering = ["starts_on", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="routeactivity_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Past its end while neither done nor cancelled."""
        today = today or timezone.localdate()
        return self.ends_on < today and self.status not in CLOSED_ACTIVITY_STATUSES


class RouteCorrection(models.Model):
    """A correction of the route's roadmap (seed 000 §4.3.3 step 6), kept as history with its
    reason: what was changed (``description``, the activity if one), why (``reason`` and
    ``explanation``), who and when."""

    route = models.ForeignKey(
        IndividualRoute, verbose_name="маршрут", on_delete=models.CASCADE, related_name="corrections"
    )
    activity = models.ForeignKey(
        RouteActivity,
        verbose_name="мероприятие",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
    )
    reason = models.CharField("причина", max_length=24, choices=CorrectionReason.choices)
    explanation = models.TextField("обоснование")
    description = models.TextField("что изменено")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    made_at = models.DateTimeField("время", default=timezone.now)

    class Meta:
        verbose_name = "корректировка маршрута"
        verbose_name_plural = "корректировки маршрута"
        ordering = ["made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.description[:60]}"


class RouteReflection(models.Model):
    """The reflective analysis of the route for one deficit (seed 000 §4.3.3 step 7): what became
    of it and the teacher's analysis."""

    route = models.ForeignKey(
        IndividualRoute, verbose_name="маршрут", on_delete=models.CASCADE, related_name="reflections"
    )
    deficit = models.ForeignKey(
        Deficit, verbose_name="затруднение", on_delete=models.CASCADE, related_name="reflections"
    )
    outcome = models.CharField("итог", max_length=16, choices=ReflectionOutcome.choices)
    analysis = models.TextField("анализ")

    class Meta:
        verbose_name = "рефлексия по затруднению"
        verbose_name_plural = "рефлексия по затруднениям"
        constraints = [
            models.UniqueConstraint(
                fields=["route", "deficit"],
                name="routereflection_unique",
                violation_error_message="Рефлексия по этому затруднению уже записана.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.deficit}: {self.get_outcome_display()}"


class RouteEvent(HistoryEvent):
    """One step in the history of a route: its creation, self-determination, a diagnosis, an
    activity added or done, a product, a correction, a comment of the tutor or the curator, the
    start, the reflection, the completion (issue 18, Build 2)."""

    route = models.ForeignKey(
        IndividualRoute, verbose_name="маршрут", on_delete=models.CASCADE, related_name="events"
    )
    activity = models.ForeignKey(
        RouteActivity,
        verbose_name="мероприятие",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    kind = models.CharField("событие", max_length=20, choices=RouteEventKind.choices)

    class Meta(HistoryEvent.Meta):
        verbose_name = "событие маршрута"
        verbose_name_plural = "история маршрутов"
        indexes = [models.Index(fields=["route", "kind", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.route_id}: {self.summary}"


class TutorAssignmentQuerySet(ScopedQuerySet):
    scope_model = "tutorassignment"

    def active(self, on: dt.date | None = None) -> TutorAssignmentQuerySet:
        """Assignments in force on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


class TutorAssignment(models.Model):
    """A tutor of the ЦНППМ assigned by its coordinator to one teacher (``person``) or to all the
    teachers of an organization (``organization``) — exactly one of the two (seed 000 §4.3.2:
    «персональное сопровождение педагогических работников»). In force from ``starts_on`` until
    ``ends_on`` (open when empty)."""

    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="тьютор",
        on_delete=models.CASCADE,
        related_name="tutor_assignments",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name="педагог",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tutor_assignments",
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tutor_assignments",
    )
    starts_on = models.DateField("с")
    ends_on = models.DateField("по", null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="назначил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("назначено", auto_now_add=True)

    objects = TutorAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "закрепление тьютора"
        verbose_name_plural = "закрепления тьюторов"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organization__isnull=True))
                | (Q(person__isnull=True) & Q(organization__isnull=False)),
                name="tutorassignment_person_xor_organization",
                violation_error_message="Закрепите тьютора либо за педагогом, либо за организацией.",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="tutorassignment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Тьютор: {self.person or self.organization}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Assignments of the units in the subtrees of the ЦНППМ's coordinator and the regional
        operator (by the teacher's organization of work or the assigned organization); a tutor
        reads their own; a teacher sees who their tutor is."""
        from nastavnik.access.choices import Role
        from nastavnik.people.models import Employment

        paths = scope.paths(
            "tutorassignment", action, roles=frozenset(scope.roles) - {Role.TUTOR, Role.MENTOR, Role.MENTEE}
        )
        condition = Q(pk__in=[])
        if paths:
            employed = Employment.objects.current().filter(paths_q("organization__path", paths))
            condition |= paths_q("organization__path", paths) | Q(person_id__in=employed.values("person_id"))
        if action == "view":
            condition |= Q(tutor_id=scope.user_id)
            if scope.person_id:
                condition |= Q(person_id=scope.person_id)
        return condition


class CourseQuerySet(ScopedQuerySet):
    scope_model = "course"

    def published(self) -> CourseQuerySet:
        return self.filter(is_published=True)


class Course(models.Model):
    """A program of further professional education (ДПП ПК) in the region's catalogue (seed 000
    §4.3.2, App. 2 §2.7, §3.4; 003 §3.2): its title, hours, provider, format, dates, the areas and
    the kinds of deficits it covers. ``is_mentoring_training``: it trains mentors and curators
    (e.g. «Методологические аспекты наставничества и менторства в педагогической практике», 72
    hours): who completed it enters the base of trained mentors and curators. ``owner``: the unit
    whose catalogue keeps it (the region)."""

    owner = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="каталог", on_delete=models.PROTECT, related_name="courses"
    )
    title = models.CharField("наименование программы", max_length=500)
    hours = models.PositiveSmallIntegerField(
        "объём, часов", validators=[MinValueValidator(16), MaxValueValidator(2000)]
    )
    provider = models.CharField("организация, реализующая программу", max_length=300)
    format = models.CharField("форма обучения", max_length=16, choices=CourseFormat.choices)
    starts_on = models.DateField("начало обучения", null=True, blank=True)
    ends_on = models.DateField("окончание обучения", null=True, blank=True)
    areas = models.ManyToManyField(
        "reference.CompetenceArea", verbose_name="области компетенций", blank=True, related_name="+"
    )
    description = models.TextField("аннотация", blank=True)
    url = models.URLField("страница программы", max_length=500, blank=True)
    is_mentoring_training = models.BooleanField("подготовка наставников и кураторов", default=False)
    is_published = models.BooleanField("открыта для записи", default=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = "программа повышения квалификации"
        verbose_name_plural = "программы повышения квалификации"
        ordering = ["-starts_on", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="course_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"«{self.title}» ({self.hours} ч)"

    def get_absolute_url(self) -> str:
        return reverse("development:course_detail", args=[self.pk])

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """The catalogues of the units in the user's subtrees for ``action``; for viewing also the
        catalogues of the units above the user's roles (a teacher of a school reads the region's
        catalogue) — for a holder of the view right only (the national operator reads none)."""
        paths = scope.paths("course", action)
        condition = paths_q("owner__path", paths)
        if action == "view" and paths:
            above = {int(part) for grant in scope.grants for part in grant.unit_path.split("/") if part}
            condition |= Q(owner_id__in=above)
        return condition


class EnrollmentQuerySet(ScopedQuerySet):
    scope_model = "enrollment"

    def for_export(self) -> EnrollmentQuerySet:
        """Only the enrolments of people with a valid consent to personal-data processing leave
        in a file (152-ФЗ art. 9)."""
        from nastavnik.people.consent import consented_q

        return self.filter(consented_q("person_id"))

    def completed(self) -> EnrollmentQuerySet:
        return self.filter(status=EnrollmentStatus.COMPLETED)


class Enrollment(models.Model):
    """A teacher's enrolment in a course: applied (often from an activity of their route,
    ``activity``), enrolled, completed with a certificate (удостоверение о повышении
    квалификации: number, date, file), or withdrawn. ``organization``: the teacher's place of
    work, for scope. One live enrolment per person and course."""

    course = models.ForeignKey(
        Course, verbose_name="программа", on_delete=models.PROTECT, related_name="enrollments"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name="слушатель", on_delete=models.CASCADE, related_name="enrollments"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    activity = models.ForeignKey(
        RouteActivity,
        verbose_name="мероприятие маршрута",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
    )
    status = models.CharField(
        "статус", max_length=16, choices=EnrollmentStatus.choices, default=EnrollmentStatus.APPLIED
    )
    applied_on = models.DateField("заявка подана")
    enrolled_on = models.DateField("зачислен", null=True, blank=True)
    completed_on = models.DateField("обучение завершено", null=True, blank=True)
    certificate_number = models.CharField("номер удостоверения", max_length=64, blank=True)
    certificate_file = models.FileField(
        "скан удостоверения", upload_to="development/certificates/", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = "зачисление на программу"
        verbose_name_plural = "зачисления на программы"
        ordering = ["-applied_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "person"],
                condition=~Q(status=EnrollmentStatus.WITHDRAWN),
                name="enrollment_one_live_per_course",
                violation_error_message="Педагог уже записан на эту программу.",
            ),
            models.CheckConstraint(
                condition=~Q(status=EnrollmentStatus.COMPLETED) | Q(completed_on__isnull=False),
                name="enrollment_completed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.course}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """The teacher's own enrolments and those of the organizations in the subtrees of their
        keepers (``rules.teacher_rows_q``: the roles above the curator and the head only of
        teachers with a valid consent). The steps of the catalogue's keeper — enrolment
        (``approve``) and completion (``complete``) — only in the courses of the catalogues in
        their subtree (seed 000 App. 2 §3.1: the ЦНППМ keeps the record of its learners)."""
        condition = teacher_rows_q(scope, "enrollment", action)
        if action in ("approve", "complete"):
            condition &= paths_q("course__owner__path", scope.paths("enrollment", action))
        return condition
