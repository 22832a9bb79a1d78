"""Best practices: the regional base of effective programs of mentoring (issue 19; seed 000 App. 2
§2.3 «Формирование единой региональной базы программ наставничества», 003 §4.8 «Собраны лучшие
наставнические практики», 000 §4.1.2: the curator takes part in forming the bank of best
practices).

An organization (or a municipality, for its own case) writes a case — its form, kind and area of
mentoring, description, results and files — and submits it; the municipality or the region
moderates it: returns it with remarks or publishes it in the public base. The status changes only
through ``services.practices``; every step writes a ``BestPracticeEvent``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.core.concurrency import VersionedModel
from nastavnik.core.models import HistoryEvent
from nastavnik.organizations.choices import Level
from nastavnik.practices.choices import (
    EDITABLE_STATUSES,
    STATUS_COLOURS,
    PracticeEventKind,
    PracticeStatus,
)

#: The levels of a case's author unit: an organization, a municipality (its own case) or the region.
AUTHOR_LEVELS = (Level.ORGANIZATION, Level.MUNICIPALITY, Level.REGION)


def moderate_q(paths: list[str], unit_ids) -> Q:
    """The cases moderated by the holder of a moderator's grant on the units ``unit_ids`` (with the
    subtrees ``paths``): the cases of the units below those units — an organization's case goes to
    its municipality or to the region, a municipality's own case to the region — and the region's
    own case to the region itself (nobody is above it)."""
    ids = list(unit_ids)
    below = paths_q("organization__path", paths) & ~Q(organization_id__in=ids)
    return below | Q(organization__level=Level.REGION, organization_id__in=ids)


class BestPracticeQuerySet(ScopedQuerySet):
    scope_model = "bestpractice"

    def published(self) -> BestPracticeQuerySet:
        """The cases of the public base (status «опубликована»)."""
        return self.filter(status=PracticeStatus.PUBLISHED)


class BestPractice(VersionedModel):
    """A case of the regional base of effective programs of mentoring (лучшая практика).

    ``organization`` is the author unit (an organization, or a municipality or the region for its
    own case); the public pages name the unit, never a person. ``form``, ``kind`` and ``area`` are
    the form and the kind of mentoring and the area of professional competences it is about (seed
    000 §2.3, §4.3.3). ``submitted_at``/``published_at``/``published_by`` are kept by the workflow.
    """

    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.PROTECT,
        related_name="best_practices",
    )
    title = models.CharField("наименование практики", max_length=300)
    form = models.ForeignKey(
        "reference.MentoringForm",
        verbose_name="форма наставничества",
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.ForeignKey(
        "reference.MentoringKind",
        verbose_name="вид наставничества",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = models.ForeignKey(
        "reference.CompetenceArea",
        verbose_name="область профессиональных компетенций",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.CharField("краткое описание", max_length=500, blank=True)
    description = models.TextField("описание практики", blank=True)
    results = models.TextField("результаты", blank=True)
    status = models.CharField(
        "статус", max_length=16, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT, editable=False
    )
    submitted_at = models.DateTimeField("направлена на модерацию", null=True, blank=True, editable=False)
    published_at = models.DateTimeField("опубликована", null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="опубликовал",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="создал",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    objects = BestPracticeQuerySet.as_manager()

    class Meta:
        verbose_name = "лучшая практика"
        verbose_name_plural = "лучшие практики"
        ordering = ["-published_at", "-updated_at", "pk"]
        indexes = [models.Index(fields=["status", "published_at"], name="bestpractice_status_pub")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("practices:public_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """Whether the author may change the case: a draft, a returned or an unpublished one."""
        return self.status in EDITABLE_STATUSES

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[self.status]

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Viewing: the cases of the user's subtrees and every published case (the base is
        public). Adding, changing, submitting, withdrawing: the cases of the author units where the
        user keeps them (the units themselves). Returning, publishing, unpublishing: the cases the
        user moderates (:func:`moderate_q`)."""
        if action == "view":
            return paths_q("organization__path", scope.paths("bestpractice", action)) | Q(
                status=PracticeStatus.PUBLISHED
            )
        if action in ("return", "approve"):
            return moderate_q(scope.paths("bestpractice", action), scope.unit_ids("bestpractice", action))
        return Q(organization_id__in=scope.unit_ids("bestpractice", action))


class BestPracticeFile(models.Model):
    """A file of the case (a program, a presentation, a report); public with the case once it is
    published, served only through the practices' pages."""

    practice = models.ForeignKey(
        BestPractice, verbose_name="практика", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("файл", upload_to="practices/files/")
    title = models.CharField("наименование", max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="загрузил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("загружен", default=timezone.now)

    class Meta:
        verbose_name = "файл практики"
        verbose_name_plural = "файлы практик"
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        """The file's extension in capitals («PDF»), "" when it has none."""
        name = self.file.name.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[-1].upper() if "." in name else ""


class BestPracticeEvent(HistoryEvent):
    """One step in the history of a case: who did what, with the comment (the moderator's remarks
    of a return)."""

    practice = models.ForeignKey(
        BestPractice, verbose_name="практика", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("событие", max_length=16, choices=PracticeEventKind.choices)
    from_status = models.CharField(
        "прежний статус", max_length=16, choices=PracticeStatus.choices, blank=True
    )
    to_status = models.CharField("новый статус", max_length=16, choices=PracticeStatus.choices, blank=True)

    class Meta(HistoryEvent.Meta):
        verbose_name = "событие практики"
        verbose_name_plural = "история практик"

    def __str__(self) -> str:
        return f"{self.practice_id}: {self.summary}"
