"""Learners (обучающиеся), their legal representatives, and participants outside the staff: the
second contour of the target model (issue 20; seed 003 §4, 002 §9–§10, 000 §2.3, 004 §3.1).

A learner is a ``Person`` (so that pairs, programs, meetings, consents and documents are the
same machinery as for teachers) with a ``Learner`` row: the organization they study in, and the
class or group. Only the data the work needs are kept: name, sex (the documents are written in
Russian and agree with it), date of birth, class or group; no СНИЛС.

A minor's data (152-ФЗ art. 9, seed 002 §10) are reached only by the curator and the head of
the learner's organization, by the learner themselves and by the participants of their pairs:
``people.consent`` counts a minor learner as «not to be shown beyond the organization» for every
other role (:func:`minor_learner_exists`), so the consent rule of every scope hides them without a
second rule per model.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.core.models import ConstraintFieldErrorsMixin, in_force_q
from nastavnik.people.choices import LearnerKind, NonStaffCategory, RepresentativeKind

#: The age of majority (Гражданский кодекс РФ ст. 21): below it a learner's agreement and
#: consents are signed by the legal representative (seed 002 §10).
AGE_OF_MAJORITY = 18
#: From this age a learner may be given an account (issue 20; the age of a passport and of
#: partial capacity, Гражданский кодекс РФ ст. 26).
ACCOUNT_MIN_AGE = 14
#: The youngest and the oldest learner the bank accepts, in full years.
LEARNER_MIN_AGE = 5
LEARNER_MAX_AGE = 80


def majority_cutoff(on: dt.date | None = None) -> dt.date:
    """The latest birth date of an adult on ``on`` (today by default): born on or before it —
    18 or older. 29 February births turn 18 on 1 March of a common year."""
    on = on or timezone.localdate()
    try:
        return on.replace(year=on.year - AGE_OF_MAJORITY)
    except ValueError:  # 29 February
        return on.replace(year=on.year - AGE_OF_MAJORITY, day=28)


def minor_learner_exists(field: str = "person_id", on: dt.date | None = None) -> Exists:
    """``Exists`` over a model whose ``field`` is a person id: the person is a learner who is a
    minor on ``on`` (today by default), whether they still study or left — their data never leave
    the organization (seed 002 §10; 152-ФЗ art. 9). A correlated subquery: exclude with
    ``.exclude(minor_learner_exists(...))`` or ``~Q(...)``, an anti-join at any size (a ``NOT IN``
    list is what issue 16's scale test forbids)."""
    return Exists(Learner.objects.minors(on).filter(person_id=OuterRef(field)))


def learner_birth_date_error(birth_date: dt.date, *, today: dt.date | None = None) -> str | None:
    """The Russian message why ``birth_date`` cannot be a learner's, or ``None``: not in the
    future, age ``LEARNER_MIN_AGE`` to ``LEARNER_MAX_AGE``."""
    from nastavnik.people.models import age_on

    today = today or timezone.localdate()
    if birth_date > today:
        return "Дата рождения не может быть в будущем."
    age = age_on(birth_date, today)
    if age < LEARNER_MIN_AGE:
        return f"Обучающемуся должно быть не меньше {LEARNER_MIN_AGE} лет."
    if age > LEARNER_MAX_AGE:
        return "Проверьте дату рождения: возраст обучающегося больше 80 лет."
    return None


#: The learner's kind as a noun of each sex: «ученик» / «ученица», «студент» / «студентка».
_KIND_NOUNS = {
    (LearnerKind.PUPIL, "M"): "ученик",
    (LearnerKind.PUPIL, "F"): "ученица",
    (LearnerKind.STUDENT, "M"): "студент",
    (LearnerKind.STUDENT, "F"): "студентка",
}


def learner_kind_noun(kind: str, sex: str = "") -> str:
    """«ученик», «ученица», «студент», «студентка» for the ``LearnerKind`` value ``kind`` and the
    person's ``Sex`` value ``sex`` (the masculine form when the sex is unknown)."""
    return _KIND_NOUNS.get((kind, sex)) or _KIND_NOUNS.get((kind, "M"), kind)


class LearnerQuerySet(ScopedQuerySet):
    scope_model = "learner"

    def current(self, on: dt.date | None = None) -> LearnerQuerySet:
        """Learners studying on ``on`` (today by default): enrolled and not left."""
        return self.filter(in_force_q(on or timezone.localdate(), "enrolled_on", "left_on"))

    def for_export(self) -> LearnerQuerySet:
        """Only adult learners with a valid consent leave in a file: a minor never
        (``people.consent.consented_q``; seed 002 §10, 152-ФЗ art. 9)."""
        from nastavnik.people.consent import consented_q

        return self.filter(consented_q("person_id"))

    def minors(self, on: dt.date | None = None) -> LearnerQuerySet:
        """Learners younger than 18 on ``on`` (today by default)."""
        return self.filter(person__birth_date__gt=majority_cutoff(on))


class Learner(ConstraintFieldErrorsMixin, models.Model):
    """A pupil of a school or a student of a college in the mentoring system (обучающийся;
    seed 003 §4, 002 §9): a mentee of «ученик – ученик», «учитель – ученик», «студент – студент»,
    «работодатель – студент», or a mentor of their peers (003 §4.5, the internal contour).

    One row per person: a learner studies in one organization at a time (``left_on`` ends it).
    The person's name, sex and date of birth are on ``person``.
    """

    person = models.OneToOneField(
        "people.Person", verbose_name="обучающийся", on_delete=models.CASCADE, related_name="learner"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.PROTECT,
        related_name="learners",
        limit_choices_to={"level": "organization"},
    )
    kind = models.CharField(
        "обучающийся", max_length=16, choices=LearnerKind.choices, default=LearnerKind.PUPIL
    )
    grade = models.CharField(
        "класс или группа",
        max_length=40,
        help_text="Например, «7 Б» или «ТМ-21».",
    )
    enrolled_on = models.DateField("дата зачисления", null=True, blank=True)
    left_on = models.DateField("дата выбытия", null=True, blank=True)
    interests = models.TextField(
        "интересы и участие в объединениях",
        blank=True,
        help_text="Кружки, секции, проектные классы — для подбора наставника и наставляемого.",
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = LearnerQuerySet.as_manager()

    class Meta:
        verbose_name = "обучающийся"
        verbose_name_plural = "обучающиеся"
        ordering = ["grade", "person__last_name", "person__first_name", "pk"]
        indexes = [models.Index(fields=["organization", "grade"], name="learner_org_grade")]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(enrolled_on__isnull=True)
                | Q(left_on__gte=F("enrolled_on")),
                name="learner_dates_ordered",
                violation_error_message="Дата выбытия не может быть раньше даты зачисления.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.grade})"

    def get_absolute_url(self) -> str:
        return reverse("learners:detail", args=[self.pk])

    @property
    def kind_noun(self) -> str:
        """«ученица», «студент»… agreeing with the learner's sex (:func:`learner_kind_noun`)."""
        return learner_kind_noun(self.kind, self.person.sex)

    @property
    def minor_word(self) -> str:
        """«несовершеннолетний» / «несовершеннолетняя»."""
        return "несовершеннолетняя" if self.person.sex == "F" else "несовершеннолетний"

    @property
    def left_word(self) -> str:
        """«выбыл» / «выбыла»."""
        return "выбыла" if self.person.sex == "F" else "выбыл"

    def is_minor(self, on: dt.date | None = None) -> bool:
        """Younger than 18 on ``on`` (today by default)."""
        return self.person.birth_date > majority_cutoff(on)

    def clean(self) -> None:
        super().clean()
        if self.organization_id and self.organization.level != "organization":
            raise ValidationError({"organization": "Выберите организацию, а не территорию."})
        if self.enrolled_on and self.left_on and self.left_on < self.enrolled_on:
            raise ValidationError({"left_on": "Дата выбытия не может быть раньше даты зачисления."})

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Learners of the organizations in the user's subtrees for ``action`` on ``learner``.

        The curator and the head reach every learner of their organization; the roles above
        them only adult learners with a valid consent (a minor never: ``people.consent``); a
        participant their own row and, to view, the learners they work with in a pair.
        """
        from nastavnik.access.choices import Action
        from nastavnik.people.consent import consented_q, partner_consented_q
        from nastavnik.people.partners import partner_ids_q

        exempt, bound = scope.consent_paths("learner", action)
        condition = paths_q("organization__path", exempt)
        if bound:
            condition |= paths_q("organization__path", bound) & consented_q("person_id")
        if action == Action.VIEW and scope.person_id:
            partners = partner_ids_q(scope.person_id)
            condition |= Q(person_id=scope.person_id) | (
                Q(person_id__in=_person_ids(partners)) & partner_consented_q("person_id")
            )
        return condition


def _person_ids(condition: Q):
    from nastavnik.people.models import Person

    return Person.objects.filter(condition).values("pk")


class LegalRepresentativeQuerySet(ScopedQuerySet):
    scope_model = "legalrepresentative"


class LegalRepresentative(models.Model):
    """A minor learner's legal representative (законный представитель; seed 002 §10): a parent,
    an adoptive parent, a guardian or a trustee. Signs the learner's agreement on mentoring and
    the consent to personal-data processing (152-ФЗ art. 9 part 4: the representative's name,
    address and identity document, and the document that makes them the representative).
    Seen by the curator and the head of the learner's organization only."""

    learner = models.ForeignKey(
        Learner, verbose_name="обучающийся", on_delete=models.CASCADE, related_name="representatives"
    )
    kind = models.CharField("кем приходится", max_length=20, choices=RepresentativeKind.choices)
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    phone = models.CharField("телефон", max_length=32, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    address = models.CharField("адрес места жительства", max_length=500, blank=True)
    id_document_number = models.CharField(
        "серия и номер паспорта (иного документа, удостоверяющего личность)", max_length=40, blank=True
    )
    id_document_issued_on = models.DateField("дата выдачи документа", null=True, blank=True)
    id_document_issued_by = models.CharField("кем выдан документ", max_length=300, blank=True)
    authority_document = models.CharField(
        "документ, подтверждающий полномочия",
        max_length=300,
        blank=True,
        help_text="Для опекуна и попечителя — акт органа опеки; для родителя — свидетельство о рождении.",
    )
    is_primary = models.BooleanField(
        "подписывает документы", default=True, help_text="Его имя пишется в соглашении и согласиях."
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = LegalRepresentativeQuerySet.as_manager()

    class Meta:
        verbose_name = "законный представитель"
        verbose_name_plural = "законные представители"
        ordering = ["-is_primary", "last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(is_primary=True),
                name="representative_one_primary",
                violation_error_message="Документы подписывает один законный представитель: он уже указан.",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        from nastavnik.people.models import join_full_name

        return join_full_name(self.last_name, self.first_name, self.middle_name)

    @property
    def short_name(self) -> str:
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip()

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Representatives of the learners of the organizations where the user is the curator or
        the head (``PERMISSIONS["legalrepresentative"]``)."""
        return paths_q("learner__organization__path", scope.paths("legalrepresentative", action))


class NonStaffParticipantQuerySet(ScopedQuerySet):
    scope_model = "nonstaffparticipant"

    def current(self, on: dt.date | None = None) -> NonStaffParticipantQuerySet:
        return self.filter(in_force_q(on or timezone.localdate(), "started_on", "ended_on"))


class NonStaffParticipant(ConstraintFieldErrorsMixin, models.Model):
    """A person who takes part in the organization's mentoring without being on its staff nor
    its learner (seed 003 §4.5; 002 §1, §6, §8): a parent, an organizer of leisure, an alumnus,
    an employee of a partner enterprise, an entrepreneur, a representative of a partner, a
    teacher of a university. Usually a mentor of learners («работодатель – студент») or of
    teachers («социальный партнёр – педагог»); may be the curator of programs (002 §8).

    It ties the person to the organization as an ``Employment`` ties a worker: the curator and
    the head of ``organization`` keep them in the bank.
    """

    person = models.ForeignKey(
        "people.Person", verbose_name="участник", on_delete=models.CASCADE, related_name="non_staff_roles"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.PROTECT,
        related_name="non_staff_participants",
        limit_choices_to={"level": "organization"},
    )
    category = models.CharField("кто это", max_length=20, choices=NonStaffCategory.choices)
    partner = models.ForeignKey(
        "organizations.Partner",
        verbose_name="организация-партнёр",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participants",
    )
    workplace = models.CharField(
        "место работы и должность",
        max_length=300,
        blank=True,
        help_text="Например, «ООО «Северэнерго», инженер».",
    )
    started_on = models.DateField("с какого числа", null=True, blank=True)
    ended_on = models.DateField("по какое число", null=True, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = NonStaffParticipantQuerySet.as_manager()
    constraint_error_fields = {"nonstaff_one_open_per_organization": "organization"}

    class Meta:
        verbose_name = "участник вне штата организации"
        verbose_name_plural = "участники вне штата организации"
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="nonstaff_dates_ordered",
                violation_error_message="Дата окончания не может быть раньше даты начала.",
            ),
            models.UniqueConstraint(
                fields=["person", "organization"],
                condition=Q(ended_on__isnull=True),
                name="nonstaff_one_open_per_organization",
                violation_error_message="Этот участник уже числится в организации.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_category_display()}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Rows of the organizations in the user's subtrees; above the curator and the head only
        of people with a valid consent (152-ФЗ art. 9, as for workers)."""
        from nastavnik.people.consent import consented_q

        exempt, bound = scope.consent_paths("nonstaffparticipant", action)
        condition = paths_q("organization__path", exempt)
        if bound:
            condition |= paths_q("organization__path", bound) & consented_q("person_id")
        if action == "view" and scope.person_id:
            condition |= Q(person_id=scope.person_id)
        return condition
