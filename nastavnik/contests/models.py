"""The regional contest of municipal models of mentoring (issue 19, item 5).

Seeds: 000 §4.3.1 («проведение ежегодного регионального конкурса муниципальных моделей
наставничества»), 000 App. 2 §2.5 (yearly; the Департамент, the Институт развития образования, the
МОУО; «выявление и распространение практического опыта наставничества и менторства»), 000 App. 2
p. 653 (recommendations to the МОУО on the development of mentoring made within the contest).

A :class:`Contest` of the region is announced with its call, dates and :class:`ContestCriterion`
rows (a maximum score and a weight each); municipalities send a :class:`ContestApplication` (one per
contest) with its files; the :class:`ContestExpert` rows of the panel score each submitted
application on each criterion (:class:`ContestScore`), never one of their own municipality; the
region publishes the ranking (``selectors.contests.ranking``). Every step is a
:class:`ContestEvent`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.contests.choices import ApplicationStatus, ContestEventKind, ContestStatus
from nastavnik.core.models import HistoryEvent


def _without_expert(scope) -> frozenset[str]:
    """The user's roles other than the expert's: those reach rows by their unit's subtree."""
    from nastavnik.access.choices import Role

    return frozenset(scope.roles) - {Role.CONTEST_EXPERT}


def _is_expert(scope, model: str, action: str) -> bool:
    from nastavnik.access.choices import Role

    return bool(scope.paths(model, action, roles=frozenset({Role.CONTEST_EXPERT})))


class ContestQuerySet(ScopedQuerySet):
    scope_model = "contest"

    def public(self) -> ContestQuerySet:
        """Contests an anonymous visitor may read: announced, being scored or with published
        results (never a draft)."""
        return self.exclude(status=ContestStatus.DRAFT)

    def published(self) -> ContestQuerySet:
        return self.filter(status=ContestStatus.PUBLISHED)


class Contest(models.Model):
    """One yearly contest of municipal models of mentoring held by the region (``owner``, a unit
    of level «region»; seed 000 §4.3.1, App. 2 §2.5).

    Dates: applications are accepted from ``applications_open_on`` to ``applications_close_on``
    inclusive, the panel scores until ``scoring_ends_on``. ``status`` goes draft → announced →
    scoring → published (``services.contests``)."""

    owner = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="регион", on_delete=models.PROTECT, related_name="contests"
    )
    title = models.CharField("наименование", max_length=500)
    year = models.PositiveSmallIntegerField("год", validators=[MinValueValidator(2000)])
    description = models.TextField("объявление о конкурсе", blank=True)
    applications_open_on = models.DateField("начало приёма заявок")
    applications_close_on = models.DateField("окончание приёма заявок")
    scoring_ends_on = models.DateField("окончание экспертизы")
    status = models.CharField(
        "статус", max_length=16, choices=ContestStatus.choices, default=ContestStatus.DRAFT
    )
    announced_at = models.DateTimeField("объявлен", null=True, blank=True)
    published_at = models.DateTimeField("итоги опубликованы", null=True, blank=True)
    created_at = models.DateTimeField("создан", auto_now_add=True)

    objects = ContestQuerySet.as_manager()

    class Meta:
        verbose_name = "конкурс муниципальных моделей наставничества"
        verbose_name_plural = "конкурсы муниципальных моделей наставничества"
        ordering = ["-year", "-applications_open_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(applications_close_on__gte=models.F("applications_open_on")),
                name="contest_close_after_open",
                violation_error_message="Окончание приёма заявок не может быть раньше его начала.",
            ),
            models.CheckConstraint(
                condition=Q(scoring_ends_on__gte=models.F("applications_close_on")),
                name="contest_scoring_after_close",
                violation_error_message="Экспертиза не может закончиться раньше окончания приёма заявок.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("contests:detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("contests:public_detail", args=[self.pk])

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """The region's operator: every contest of the units in their subtree. For viewing also:
        the municipal coordinator — the contests of the region above them once announced; an
        expert — the contests whose panel they sit on."""
        keep = scope.paths("contest", action, roles=_without_expert(scope))
        condition = paths_q("owner__path", keep)
        if action != "view":
            return condition
        if keep:
            above = {int(part) for grant in scope.grants for part in grant.unit_path.split("/") if part}
            condition |= Q(owner_id__in=above) & ~Q(status=ContestStatus.DRAFT)
        if _is_expert(scope, "contest", action):
            condition |= Q(pk__in=ContestExpert.objects.filter(user_id=scope.user_id).values("contest_id"))
        return condition

    @property
    def is_draft(self) -> bool:
        return self.status == ContestStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == ContestStatus.PUBLISHED


class ContestCriterion(models.Model):
    """A criterion of the contest's evaluation: scored by each expert from 0 to ``max_score``;
    ``weight`` (> 0) is its share in the weighted total (``selectors.contests.ranking``)."""

    contest = models.ForeignKey(
        Contest, verbose_name="конкурс", on_delete=models.CASCADE, related_name="criteria"
    )
    title = models.CharField("критерий", max_length=300)
    description = models.TextField("что оценивается", blank=True)
    max_score = models.PositiveSmallIntegerField("максимальный балл", validators=[MinValueValidator(1)])
    weight = models.DecimalField("вес", max_digits=6, decimal_places=2)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "критерий конкурса"
        verbose_name_plural = "критерии конкурса"
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="contestcriterion_weight_positive"),
            models.CheckConstraint(condition=Q(max_score__gte=1), name="contestcriterion_max_score_1"),
        ]

    def __str__(self) -> str:
        return self.title


class ContestExpert(models.Model):
    """A member of the contest's expert panel: a user holding the role «Эксперт конкурса»;
    ``municipality``: the municipality the expert works in — its application is never scored by
    them (``None``: of no municipality, e.g. of the regional institute). ``name``: the full name
    shown to the operator (never on the public pages)."""

    contest = models.ForeignKey(
        Contest, verbose_name="конкурс", on_delete=models.CASCADE, related_name="experts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="пользователь", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("ФИО эксперта", max_length=300)
    municipality = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="муниципальное образование эксперта",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "эксперт конкурса"
        verbose_name_plural = "экспертная комиссия конкурса"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "user"],
                name="contestexpert_unique",
                violation_error_message="Этот эксперт уже входит в комиссию конкурса.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ContestApplicationQuerySet(ScopedQuerySet):
    scope_model = "contestapplication"

    def submitted(self) -> ContestApplicationQuerySet:
        return self.filter(status=ApplicationStatus.SUBMITTED)


class ContestApplication(models.Model):
    """A municipality's application to the contest: the title and the description of its
    municipal model of mentoring, with files (``files``). One per contest and municipality;
    draft → submitted (→ withdrawn before the scoring)."""

    contest = models.ForeignKey(
        Contest, verbose_name="конкурс", on_delete=models.PROTECT, related_name="applications"
    )
    municipality = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="муниципальное образование",
        on_delete=models.PROTECT,
        related_name="contest_applications",
    )
    title = models.CharField("наименование муниципальной модели", max_length=500)
    description = models.TextField("описание муниципальной модели наставничества")
    status = models.CharField(
        "статус", max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    submitted_at = models.DateTimeField("подана", null=True, blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)

    objects = ContestApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "заявка на конкурс"
        verbose_name_plural = "заявки на конкурс"
        ordering = ["contest", "municipality__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "municipality"],
                name="contestapplication_unique",
                violation_error_message="Заявка этого муниципального образования на конкурс уже есть.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("contests:application_detail", args=[self.pk])

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """The municipal coordinator: their municipality's applications; the region's operator:
        every application of the region's municipalities (viewing only: the rights of
        ``PERMISSIONS``). An expert (viewing): the submitted applications of the contests whose
        panel they sit on, except those of their own municipality."""
        condition = paths_q(
            "municipality__path", scope.paths("contestapplication", action, roles=_without_expert(scope))
        )
        if action == "view" and _is_expert(scope, "contestapplication", action):
            seat = ContestExpert.objects.filter(
                contest_id=OuterRef("contest_id"), user_id=scope.user_id
            ).filter(Q(municipality__isnull=True) | ~Q(municipality_id=OuterRef("municipality_id")))
            condition |= Q(status=ApplicationStatus.SUBMITTED) & Q(Exists(seat))
        return condition


def application_upload_to(instance, filename: str) -> str:
    return f"contests/applications/{instance.application_id}/{filename}"


class ContestApplicationFile(models.Model):
    """A file of an application (the model's description, a regulation, a presentation), checked
    by content on upload (``core.uploads``)."""

    application = models.ForeignKey(
        ContestApplication, verbose_name="заявка", on_delete=models.CASCADE, related_name="files"
    )
    title = models.CharField("наименование файла", max_length=300)
    file = models.FileField("файл", upload_to=application_upload_to)
    uploaded_at = models.DateTimeField("загружен", auto_now_add=True)

    class Meta:
        verbose_name = "файл заявки"
        verbose_name_plural = "файлы заявки"
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ContestScoreQuerySet(ScopedQuerySet):
    scope_model = "contestscore"


class ContestScore(models.Model):
    """An expert's score of an application on a criterion: 0 to the criterion's maximum, with a
    comment. One per application, criterion and expert."""

    application = models.ForeignKey(
        ContestApplication, verbose_name="заявка", on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        ContestCriterion, verbose_name="критерий", on_delete=models.CASCADE, related_name="scores"
    )
    expert = models.ForeignKey(
        ContestExpert, verbose_name="эксперт", on_delete=models.CASCADE, related_name="scores"
    )
    score = models.PositiveSmallIntegerField("балл")
    comment = models.TextField("комментарий эксперта", blank=True)
    scored_at = models.DateTimeField("оценено", auto_now=True)

    objects = ContestScoreQuerySet.as_manager()

    class Meta:
        verbose_name = "оценка заявки"
        verbose_name_plural = "оценки заявок"
        ordering = ["application", "criterion__order", "expert__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "expert"],
                name="contestscore_unique",
                violation_error_message="Эксперт уже оценил заявку по этому критерию.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """The region's operator reads every score of the region's contests; an expert reads and
        writes their own."""
        condition = paths_q(
            "application__contest__owner__path",
            scope.paths("contestscore", action, roles=_without_expert(scope)),
        )
        if _is_expert(scope, "contestscore", action):
            condition |= Q(expert__user_id=scope.user_id)
        return condition


class ContestEvent(HistoryEvent):
    """One step in the history of a contest (and of an application when ``application`` is set)."""

    contest = models.ForeignKey(
        Contest, verbose_name="конкурс", on_delete=models.CASCADE, related_name="events"
    )
    application = models.ForeignKey(
        ContestApplication,
        verbose_name="заявка",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField("событие", max_length=16, choices=ContestEventKind.choices)

    class Meta(HistoryEvent.Meta):
        verbose_name = "событие конкурса"
        verbose_name_plural = "история конкурсов"

    def __str__(self) -> str:
        return f"{self.contest_id}: {self.summary}"
