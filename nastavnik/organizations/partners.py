"""Partner organizations of the target model and their agreements (организация-партнёр; issue 20;
seed 002 §1, §6, §8; 001 §1.3).

A partner — an enterprise, a university, a museum, an NGO — provides mentors (the external
contour of seed 003 §4.5: ``people.NonStaffParticipant`` rows with ``partner``) and takes part
in organizations' programs (``mentoring.MentoringProgram.partners``) under an agreement. The
registry is kept at the level that concluded the agreements: an organization, a municipality or
the region (``unit``); the partners of a unit are seen by every keeper in its subtree, and a
unit's keepers also see the partners kept above them (a regional enterprise is a partner of
many schools).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.organizations.choices import PartnerKind
from nastavnik.organizations.validators import validate_inn


def ancestor_paths(paths: list[str]) -> list[str]:
    """Every prefix path of ``paths`` (``"00000001/00000002/"`` → ``"00000001/"`` and itself):
    the units above and at the user's units, for a ``path__in`` lookup."""
    found: set[str] = set()
    for path in paths:
        parts = [p for p in path.split("/") if p]
        for n in range(1, len(parts) + 1):
            found.add("/".join(parts[:n]) + "/")
    return sorted(found)


class PartnerQuerySet(ScopedQuerySet):
    scope_model = "partner"


class Partner(models.Model):
    """An organization (or an entrepreneur) that takes part in mentoring under an agreement."""

    unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="кто ведёт сведения",
        on_delete=models.PROTECT,
        related_name="partners",
        help_text="Организация, муниципалитет или регион, заключившие соглашение с партнёром.",
    )
    kind = models.CharField("вид партнёра", max_length=16, choices=PartnerKind.choices)
    full_name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=200, blank=True)
    inn = models.CharField("ИНН", max_length=12, blank=True, validators=[validate_inn])
    address = models.CharField("адрес", max_length=500, blank=True)
    contact_person = models.CharField("контактное лицо", max_length=300, blank=True)
    phone = models.CharField("телефон", max_length=32, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    website = models.URLField("сайт", blank=True)
    description = models.TextField("направления сотрудничества", blank=True)
    is_active = models.BooleanField("сотрудничество продолжается", default=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = "организация-партнёр"
        verbose_name_plural = "организации-партнёры"
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "full_name"],
                name="partner_name_unique_in_unit",
                violation_error_message="Партнёр с таким наименованием уже есть в реестре.",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.full_name

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.pk])

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Partners kept in the user's subtrees for ``action`` on ``partner``; to view, also the
        partners kept by the units above the user's (a region's enterprise for a school)."""
        paths = scope.paths("partner", action)
        condition = paths_q("unit__path", paths)
        if action == "view" and paths:
            condition |= Q(unit__path__in=ancestor_paths(paths))
        return condition


class PartnerAgreementQuerySet(ScopedQuerySet):
    scope_model = "partneragreement"


class PartnerAgreement(models.Model):
    """An agreement (соглашение о сотрудничестве) between a unit and a partner: number, date,
    term and the signed file (seed 002 §1, §6)."""

    partner = models.ForeignKey(
        Partner, verbose_name="партнёр", on_delete=models.CASCADE, related_name="agreements"
    )
    unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="сторона соглашения",
        on_delete=models.PROTECT,
        related_name="partner_agreements",
    )
    number = models.CharField("номер", max_length=50)
    concluded_on = models.DateField("дата заключения")
    starts_on = models.DateField("действует с")
    ends_on = models.DateField("действует по", null=True, blank=True, help_text="Пусто — бессрочно.")
    subject = models.TextField("предмет соглашения", blank=True)
    file = models.FileField("подписанное соглашение", upload_to="partners/agreements/", blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = PartnerAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = "соглашение с партнёром"
        verbose_name_plural = "соглашения с партнёрами"
        ordering = ["-concluded_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="partneragreement_dates_ordered",
                violation_error_message="Окончание действия соглашения не может быть раньше его начала.",
            ),
        ]

    def __str__(self) -> str:
        return f"Соглашение № {self.number} от {self.concluded_on:%d.%m.%Y}"

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": "Окончание действия соглашения не может быть раньше его начала."}
            )

    def in_force(self, on) -> bool:
        """Whether the agreement is in force on the date ``on``."""
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Agreements whose party is in the user's subtrees, or whose partner the user sees."""
        paths = scope.paths("partneragreement", action)
        return paths_q("unit__path", paths) | paths_q("partner__unit__path", paths)
