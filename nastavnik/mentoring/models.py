"""Mentoring pairs (seed 000 §2.3, 004 §6.2.3): who mentors whom, where, since when.

The personalized programs, groups, matching and meetings build on this (issue «Mentoring
programs»); here the pair already drives the scope of mentors and mentees.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from nastavnik.access.querysets import ScopedQuerySet, paths_q


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
    started_on = models.DateField("дата начала")
    ended_on = models.DateField("дата окончания", null=True, blank=True)
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
        condition = paths_q("organization__path", scope.paths("pair", action))
        if action == "view" and scope.person_id:
            condition |= Q(mentor_id=scope.person_id) | Q(mentee_id=scope.person_id)
        return condition
