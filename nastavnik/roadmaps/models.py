"""Roadmaps (дорожные карты, планы мероприятий) of the organization, the municipality and the
region: sections, activities with their periods, responsible executors, execution and evidence,
and the history of approval (seed 000 App. 2 and §4.2, 003, 002 §6 and §10, 001 §4.4.3–4.4.4)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.core.concurrency import VersionedModel
from nastavnik.core.models import HistoryEvent
from nastavnik.organizations.choices import Level
from nastavnik.roadmaps.choices import (
    CLOSED_ITEM_STATUSES,
    EDITABLE_STATUSES,
    STATUS_COLOURS,
    ItemStatus,
    PeriodKind,
    Recurrence,
    RoadmapEventKind,
    RoadmapStatus,
)
from nastavnik.roadmaps.periods import Period, period_format

#: Levels that keep a roadmap (seed 000 App. 2: the region; 003: the municipality; 002 §10: the
#: organization).
ROADMAP_LEVELS = (Level.REGION, Level.MUNICIPALITY, Level.ORGANIZATION)


class RoadmapQuerySet(ScopedQuerySet):
    scope_model = "roadmap"

    def current_on(self, day: dt.date) -> RoadmapQuerySet:
        """Roadmaps whose period includes ``day``."""
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Roadmap(models.Model):
    """The roadmap of one unit (``owner``) for a period: a table of sections and activities.

    ``level`` repeats the owner's level (kept by the services) so that lists filter without a
    join. ``parent`` is the roadmap of the level above it answers to: an organization's to its
    municipality's, a municipality's to the region's (seed 000 App. 2 п. 1.4, 1.7). ``blueprint``
    names the template it was made from (``blueprints.BLUEPRINTS``), ``source`` cites the
    regulation. The status changes only through ``services.workflow``; every change writes a
    ``RoadmapEvent``.
    """

    owner = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="владелец", on_delete=models.PROTECT, related_name="roadmaps"
    )
    level = models.CharField("уровень", max_length=16, choices=Level.choices, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name="вышестоящая дорожная карта",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    title = models.CharField("наименование", max_length=500)
    starts_on = models.DateField("начало периода")
    ends_on = models.DateField("окончание периода")
    status = models.CharField(
        "статус", max_length=16, choices=RoadmapStatus.choices, default=RoadmapStatus.DRAFT, editable=False
    )
    blueprint = models.CharField("шаблон", max_length=40, blank=True, editable=False)
    source = models.CharField("основание", max_length=500, blank=True)
    submitted_at = models.DateTimeField("направлена на согласование", null=True, blank=True, editable=False)
    approved_at = models.DateTimeField("утверждена", null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="утвердил",
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

    objects = RoadmapQuerySet.as_manager()

    class Meta:
        verbose_name = "дорожная карта"
        verbose_name_plural = "дорожные карты"
        ordering = ["owner__path", "-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="roadmap_period_order",
                violation_error_message="Окончание периода не может быть раньше его начала.",
            ),
            models.CheckConstraint(
                condition=Q(level__in=ROADMAP_LEVELS),
                name="roadmap_level",
                violation_error_message="Дорожную карту ведут регион, муниципалитет или организация.",
            ),
        ]
        indexes = [models.Index(fields=["level", "status"], name="roadmap_level_status")]

    def __str__(self) -> str:
        return f"{self.title} ({self.years_label})"

    def get_absolute_url(self) -> str:
        return reverse("roadmaps:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """Whether the plan may change: a draft or a roadmap returned for revision."""
        return self.status in EDITABLE_STATUSES

    @property
    def status_colour(self) -> str:
        """The Bootstrap colour of the status badge (``choices.STATUS_COLOURS``)."""
        return STATUS_COLOURS[self.status]

    @property
    def years_label(self) -> str:
        """«2026» or «2026–2027»: the years the period covers."""
        first, last = self.starts_on.year, self.ends_on.year
        return str(first) if first == last else f"{first}–{last}"

    @property
    def period_label(self) -> str:
        return f"{self.starts_on:%d.%m.%Y} – {self.ends_on:%d.%m.%Y}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Roadmaps of the units in the user's subtrees for ``action``; for viewing also the
        roadmaps of the units above the user's (the municipality's and the region's roadmaps
        an organization's plan answers to, seed 000 App. 2 п. 1.4). Every other action
        (``change``, ``report``, the workflow's steps, ``comment``) is narrowed by level in
        ``rules.scope_condition``: the keepers act on their own unit's roadmaps, the approvers on
        those their unit approves."""
        from nastavnik.roadmaps.rules import scope_condition

        if action != "view":
            return scope_condition(scope, action)
        paths = scope.paths("roadmap", action)
        condition = paths_q("owner__path", paths)
        if paths:
            above = {int(part) for path in paths for part in path.split("/") if part}
            condition |= Q(owner_id__in=above)
        return condition


class RoadmapSection(models.Model):
    """A section of the table («I. Нормативное правовое регулирование…»)."""

    roadmap = models.ForeignKey(
        Roadmap, verbose_name="дорожная карта", on_delete=models.CASCADE, related_name="sections"
    )
    number = models.CharField("номер", max_length=16, blank=True)
    title = models.CharField("наименование раздела", max_length=1000)
    sort_order = models.PositiveIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "раздел дорожной карты"
        verbose_name_plural = "разделы дорожных карт"
        ordering = ["roadmap", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


def overdue_q(today: dt.date) -> Q:
    """The condition of an overdue activity on ``today``: past its deadline, neither done nor
    cancelled (a recurring activity has no deadline of its own, seed 000 App. 2 «Постоянно»)."""
    return Q(ends_on__lt=today) & ~Q(period_kind=PeriodKind.RECURRING) & ~Q(status__in=CLOSED_ITEM_STATUSES)


class RoadmapItemQuerySet(models.QuerySet):
    def open(self) -> RoadmapItemQuerySet:
        """Activities with a deadline still to be met: not recurring, neither done nor cancelled."""
        return self.exclude(period_kind=PeriodKind.RECURRING).exclude(status__in=CLOSED_ITEM_STATUSES)

    def overdue(self, today: dt.date | None = None) -> RoadmapItemQuerySet:
        """Activities overdue on ``today`` (:func:`overdue_q`)."""
        return self.filter(overdue_q(today or timezone.localdate()))


class RoadmapItem(VersionedModel):
    """One activity of a roadmap (seed 000 App. 2 columns: «№ п/п», «Наименование мероприятий»,
    «Сроки реализации», «Ответственный исполнитель», «Ожидаемый результат, вид документа»).

    The period is ``period_kind`` with ``starts_on``/``ends_on`` (dates or whole months) or
    ``recurrence``, and ``period_note``; :attr:`period` and :attr:`period_text` give it as one
    value and in words. ``responsible`` is the executors as the document writes them;
    ``responsible_roles`` (codes of ``access.choices.Role``) and ``responsible_units`` say whom the
    system reminds and whose lists the activity appears in.
    """

    roadmap = models.ForeignKey(
        Roadmap, verbose_name="дорожная карта", on_delete=models.CASCADE, related_name="items"
    )
    section = models.ForeignKey(
        RoadmapSection, verbose_name="раздел", on_delete=models.CASCADE, related_name="items"
    )
    number = models.CharField("№ п/п", max_length=16, blank=True)
    activity = models.TextField("мероприятие")
    result = models.TextField("результат, вид документа", blank=True)
    period_kind = models.CharField("вид срока", max_length=16, choices=PeriodKind.choices)
    starts_on = models.DateField("начало", null=True, blank=True)
    ends_on = models.DateField("окончание", null=True, blank=True)
    recurrence = models.CharField("периодичность", max_length=20, choices=Recurrence.choices, blank=True)
    period_note = models.CharField("уточнение срока", max_length=200, blank=True)
    responsible = models.CharField("ответственные исполнители", max_length=1000)
    responsible_roles = models.JSONField("роли ответственных", default=list, blank=True)
    responsible_units = models.ManyToManyField(
        "organizations.OrgUnit", verbose_name="ответственные организации", blank=True, related_name="+"
    )
    status = models.CharField(
        "исполнение", max_length=16, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    completed_on = models.DateField("дата выполнения", null=True, blank=True)
    reminded_on = models.DateField("напоминание отправлено", null=True, blank=True, editable=False)
    sort_order = models.PositiveIntegerField("порядок", default=0)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = RoadmapItemQuerySet.as_manager()

    class Meta:
        verbose_name = "мероприятие дорожной карты"
        verbose_name_plural = "мероприятия дорожных карт"
        ordering = ["roadmap", "section__sort_order", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(period_kind=PeriodKind.RECURRING, starts_on__isnull=True, ends_on__isnull=True)
                    & ~Q(recurrence="")
                )
                | (
                    Q(period_kind=PeriodKind.MONTHS, starts_on__isnull=False, ends_on__isnull=False)
                    & Q(recurrence="")
                )
                | (Q(period_kind=PeriodKind.DATES, ends_on__isnull=False) & Q(recurrence="")),
                name="roadmapitem_period_shape",
                violation_error_message="Срок указан не полностью.",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="roadmapitem_period_order",
                violation_error_message="Окончание срока не может быть раньше его начала.",
            ),
        ]
        indexes = [models.Index(fields=["status", "ends_on"], name="roadmapitem_status_ends")]

    def __str__(self) -> str:
        return f"{self.number} {self.activity[:80]}".strip()

    @property
    def period(self) -> Period:
        return Period(
            kind=self.period_kind,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            recurrence=self.recurrence,
            note=self.period_note,
        )

    @period.setter
    def period(self, value: Period) -> None:
        self.period_kind = value.kind
        self.starts_on = value.starts_on
        self.ends_on = value.ends_on
        self.recurrence = value.recurrence
        self.period_note = value.note

    @property
    def period_text(self) -> str:
        """The period in words («Ноябрь – декабрь 2026», «Постоянно»)."""
        return period_format(self.period)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Past its deadline while neither done nor cancelled (see ``RoadmapItemQuerySet.overdue``)."""
        deadline = self.period.deadline
        today = today or timezone.localdate()
        return deadline is not None and deadline < today and self.status not in CLOSED_ITEM_STATUSES


class RoadmapEvidence(models.Model):
    """A file that confirms an activity was carried out (an order, a protocol, a report…)."""

    item = models.ForeignKey(
        RoadmapItem, verbose_name="мероприятие", on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField("файл", upload_to="roadmaps/evidence/")
    title = models.CharField("наименование", max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="загрузил",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("загружен", default=timezone.now)

    class Meta:
        verbose_name = "подтверждающий документ"
        verbose_name_plural = "подтверждающие документы"
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class RoadmapEvent(HistoryEvent):
    """One step in the history of a roadmap: who did what and when, with the comment (a return
    for revision carries the approver's remarks, seed 002 §6)."""

    roadmap = models.ForeignKey(
        Roadmap, verbose_name="дорожная карта", on_delete=models.CASCADE, related_name="events"
    )
    item = models.ForeignKey(
        RoadmapItem,
        verbose_name="мероприятие",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    kind = models.CharField("событие", max_length=16, choices=RoadmapEventKind.choices)
    from_status = models.CharField("прежний статус", max_length=16, choices=RoadmapStatus.choices, blank=True)
    to_status = models.CharField("новый статус", max_length=16, choices=RoadmapStatus.choices, blank=True)

    class Meta(HistoryEvent.Meta):
        verbose_name = "событие дорожной карты"
        verbose_name_plural = "история дорожных карт"

    def __str__(self) -> str:
        return f"{self.roadmap_id}: {self.summary}"
