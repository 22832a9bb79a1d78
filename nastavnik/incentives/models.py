"""Incentives of mentors (issue 19 item 6; seed 000 §3.4, 001 §6, 004 §5): material payments
(``IncentivePayment``), non-material measures and awards (``Award``), and the nominations for an
award of the municipality, the region or the federal level (``Nomination``, its history in
``NominationEvent``).

The kinds of incentives are the reference ``reference.AwardKind`` (material or not, a regional
award with its region, ``AwardKind.applies_in``). A payment's basis is the head's order or the
supplementary agreement of the documents' registry (``documents.Document`` of kind
``ORDER_MENTOR_PAYMENT`` or ``MENTOR_PAYMENT_AGREEMENT``), or a typed number and date when the
document is kept elsewhere.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from nastavnik.access.querysets import ScopedQuerySet
from nastavnik.core.models import HistoryEvent
from nastavnik.incentives.choices import (
    AwardLevel,
    NominationEventKind,
    NominationStatus,
    PaymentBasis,
)
from nastavnik.incentives.rules import nomination_q, person_rows_q


class IncentivePaymentQuerySet(ScopedQuerySet):
    scope_model = "incentivepayment"

    def for_export(self) -> IncentivePaymentQuerySet:
        """Only the payments of people with a valid consent leave in a file (152-ФЗ art. 9)."""
        from nastavnik.people.consent import consented_q

        return self.filter(consented_q("person_id"))

    def current(self, on) -> IncentivePaymentQuerySet:
        """Payments in force on the date ``on``."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


class IncentivePayment(models.Model):
    """A material payment to a mentor for mentoring (seed 000 §3.4: «выплаты компенсационного
    характера», set by local acts; 001 §6.2: by collective agreements and local acts): the
    ``amount`` in roubles a month over ``starts_on``–``ends_on`` (open-ended when empty), set by
    the head's order or the supplementary agreement (``basis``) numbered ``basis_number`` of
    ``basis_date`` — a document of the registry (``document``) or one kept elsewhere."""

    person = models.ForeignKey(
        "people.Person", verbose_name="наставник", on_delete=models.PROTECT, related_name="incentive_payments"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(
        "размер выплаты в месяц, ₽",
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    starts_on = models.DateField("начало выплаты")
    ends_on = models.DateField("окончание выплаты", null=True, blank=True)
    basis = models.CharField(
        "основание", max_length=16, choices=PaymentBasis.choices, default=PaymentBasis.ORDER
    )
    basis_number = models.CharField("номер документа-основания", max_length=32, blank=True)
    basis_date = models.DateField("дата документа-основания", null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name="документ из реестра",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    program = models.ForeignKey(
        "mentoring.PersonalizedProgram",
        verbose_name="персонализированная программа",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("примечание", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    objects = IncentivePaymentQuerySet.as_manager()

    class Meta:
        verbose_name = "стимулирующая выплата"
        verbose_name_plural = "стимулирующие выплаты"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="incentivepayment_amount_positive"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="incentivepayment_period_ordered",
                violation_error_message="Окончание выплаты не может быть раньше её начала.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.amount} ₽ в месяц с {self.starts_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("incentives:payment_edit", args=[self.pk])

    @property
    def basis_label(self) -> str:
        """«приказ руководителя № 12-о от 01.09.2026» — the basis as the lists write it."""
        number = self.document.number if self.document_id and self.document.number else self.basis_number
        date = self.document.date if self.document_id else self.basis_date
        parts = [self.get_basis_display()]
        if number:
            parts.append(f"№ {number}")
        if date:
            parts.append(f"от {date:%d.%m.%Y}")
        return " ".join(parts)

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return person_rows_q(scope, "incentivepayment", action)


class AwardQuerySet(ScopedQuerySet):
    scope_model = "award"

    def for_export(self) -> AwardQuerySet:
        from nastavnik.people.consent import consented_q

        return self.filter(consented_q("person_id"))


class Award(models.Model):
    """A non-material incentive or an award a mentor received (seed 000 §3.4, 001 §6.1, 004 §5.1):
    its ``kind`` (``reference.AwardKind``: a letter of thanks, a diploma, the badge «Почётный
    наставник»…), the ``level`` that granted it, the date, who issued it and the order's number;
    ``counts_at_attestation``: it is counted at the mentor's attestation (seed 000 §3.4);
    ``nomination``: the nomination it was granted on, if any."""

    person = models.ForeignKey(
        "people.Person", verbose_name="награждённый", on_delete=models.PROTECT, related_name="awards"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.ForeignKey(
        "reference.AwardKind", verbose_name="вид поощрения", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(
        "уровень", max_length=16, choices=AwardLevel.choices, default=AwardLevel.ORGANIZATION
    )
    awarded_on = models.DateField("дата награждения")
    issued_by = models.CharField("кем выдана", max_length=300, blank=True)
    order_number = models.CharField("номер приказа (постановления)", max_length=64, blank=True)
    counts_at_attestation = models.BooleanField("учитывается при аттестации", default=True)
    nomination = models.OneToOneField(
        "incentives.Nomination",
        verbose_name="представление",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award",
    )
    note = models.TextField("примечание", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = "поощрение наставника"
        verbose_name_plural = "поощрения наставников"
        ordering = ["-awarded_on", "-pk"]
        indexes = [models.Index(fields=["person", "awarded_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.awarded_on:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("incentives:award_edit", args=[self.pk])

    @property
    def title(self) -> str:
        """The award as received: the reference names a nomination («Представление к награждению
        нагрудным знаком «Почётный наставник»»), the award is the awarding («Награждение нагрудным
        знаком «Почётный наставник»»)."""
        return award_title(self.kind.name)

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return person_rows_q(scope, "award", action)


#: The reference's wording of a nomination, and of the awarding it leads to.
NOMINATION_PREFIX = "Представление к награждению"


def award_title(name: str) -> str:
    """``name`` of a ``reference.AwardKind`` as an award received («Представление к награждению
    знаком…» → «Награждение знаком…»); other names as they are."""
    if name.startswith(NOMINATION_PREFIX):
        return "Награждение" + name[len(NOMINATION_PREFIX) :]
    return name


class NominationQuerySet(ScopedQuerySet):
    scope_model = "nomination"

    def for_export(self) -> NominationQuerySet:
        from nastavnik.people.consent import consented_q

        return self.filter(consented_q("person_id"))


class Nomination(models.Model):
    """A nomination of a mentor for an award of the municipality, the region or the federal level
    (seed 001 §6.1: «Почётный наставник» of the region; 004 §5.1: the sign «За наставничество»,
    the badges «Почётный наставник» and «Молодость и профессионализм»): drafted by the
    organization's head or curator with the justification and the achievements, sent to the
    municipality, supported and forwarded by it to the region (or, for a municipal award, decided
    by the municipality itself), then granted — which records the ``Award`` — or declined, or
    returned with remarks. Every step is a ``NominationEvent``."""

    person = models.ForeignKey(
        "people.Person", verbose_name="наставник", on_delete=models.PROTECT, related_name="nominations"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.ForeignKey(
        "reference.AwardKind", verbose_name="награда", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(
        "уровень награды", max_length=16, choices=AwardLevel.choices, default=AwardLevel.REGIONAL
    )
    justification = models.TextField("обоснование представления")
    achievements = models.TextField("достижения наставника", blank=True)
    status = models.CharField(
        "статус", max_length=16, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    remarks = models.TextField("замечания", blank=True)
    submitted_on = models.DateField("направлено в муниципалитет", null=True, blank=True, editable=False)
    supported_on = models.DateField("направлено в регион", null=True, blank=True, editable=False)
    decided_on = models.DateField("решение принято", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="подготовил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = "представление к награде"
        verbose_name_plural = "представления к наградам"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "level"])]

    def __str__(self) -> str:
        return f"Представление: {self.kind}"

    def get_absolute_url(self) -> str:
        return reverse("incentives:nomination_detail", args=[self.pk])

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return nomination_q(scope, action)


class NominationEvent(HistoryEvent):
    """One step in the history of a nomination (created, sent, supported, returned, granted…)."""

    nomination = models.ForeignKey(
        Nomination, verbose_name="представление", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("событие", max_length=16, choices=NominationEventKind.choices)
    from_status = models.CharField("из статуса", max_length=16, choices=NominationStatus.choices, blank=True)
    to_status = models.CharField("в статус", max_length=16, choices=NominationStatus.choices, blank=True)

    class Meta(HistoryEvent.Meta):
        verbose_name = "событие представления"
        verbose_name_plural = "история представлений"

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.summary}"
