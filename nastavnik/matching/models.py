"""The psychologist's marks of compatibility of a mentor and a mentee (seed 000 §3.5).

Matching itself keeps no rows: candidates and pool assignments are computed on request
(``selectors.mentor_candidates``, ``services.pool_assign``) and become ``mentoring.Pair`` rows
only when the curator confirms them (``services.pair_suggestions_confirm``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.matching.choices import Compatibility


class CompatibilityMarkQuerySet(ScopedQuerySet):
    scope_model = "compatibilitymark"


class CompatibilityMark(models.Model):
    """How compatible ``mentor`` and ``mentee`` are, in the judgement of the psychologist
    (seed 000 §3.5). One mark per mentor and mentee: a new judgement replaces the old one
    (``services.compatibility_mark_set``).

    ``organization`` is the mentee's organization (their bank), which decides who sees the
    mark: the roles over that organization, as for pairs. The mark enters the score of the
    pair (``scoring.WEIGHTS["psychologist"]``); it does not forbid a pair, the curator decides.
    """

    mentor = models.ForeignKey(
        "people.Person", verbose_name="наставник", on_delete=models.CASCADE, related_name="+"
    )
    mentee = models.ForeignKey(
        "people.Person", verbose_name="наставляемый", on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация наставляемого",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "organization"},
    )
    mark = models.SmallIntegerField("совместимость", choices=Compatibility.choices)
    comment = models.TextField("комментарий", blank=True)
    marked_on = models.DateField("дата оценки")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="оценил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = CompatibilityMarkQuerySet.as_manager()

    class Meta:
        verbose_name = "оценка совместимости"
        verbose_name_plural = "оценки совместимости"
        ordering = ["-marked_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                name="compatibilitymark_one_per_pair",
                violation_error_message="Совместимость этих наставника и наставляемого уже оценена.",
            ),
            models.CheckConstraint(
                condition=Q(mark__in=Compatibility.values),
                name="compatibilitymark_mark_valid",
                violation_error_message="Выберите оценку совместимости из перечня.",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")),
                name="compatibilitymark_two_people",
                violation_error_message="Наставник и наставляемый должны быть разными людьми.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}: {self.get_mark_display()}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Marks of the organizations in the user's subtrees (``PERMISSIONS["compatibilitymark"]``).

        As for people (152-ФЗ art. 9): roles other than the curator and the head reach a mark
        only when both the mentor and the mentee have a valid consent to personal-data
        processing. Mentors and mentees do not see marks about themselves.

        The consents are asked by correlated ``EXISTS`` per row, not by two ``IN (subquery)``:
        with two ``IN`` lists SQLite walks the (mentor, mentee) unique index over their cross
        product — millions of probes for a region's consents, seconds per page (issue 13).
        """
        from nastavnik.people.consent import consented_person_ids

        exempt, bound = scope.consent_paths("compatibilitymark", action)
        condition = paths_q("organization__path", exempt) if exempt else Q(pk__in=[])
        if bound:
            condition |= (
                paths_q("organization__path", bound)
                & Q(Exists(consented_person_ids().filter(person_id=OuterRef("mentor_id"))))
                & Q(Exists(consented_person_ids().filter(person_id=OuterRef("mentee_id"))))
            )
        return condition
