"""The pedagogical worker and their employment (seed 000 §4.1.2: personified record)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.core.concurrency import VersionedModel
from nastavnik.core.models import ConstraintFieldErrorsMixin, in_force_q
from nastavnik.people.choices import QualificationCategory, Sex
from nastavnik.people.consent import consented_q, partner_consented_q
from nastavnik.people.partners import partner_ids_q
from nastavnik.people.validators import format_snils, normalize_snils, validate_snils


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Full years from ``birth_date`` to ``on``."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def birth_date_error(birth_date: dt.date, *, today: dt.date | None = None) -> str | None:
    """The Russian message why ``birth_date`` cannot be a worker's, or ``None`` when it can.

    Rules of the personified record (seed 000 §4.1.2): not in the future, age 14 to 100.
    Shared by ``Person.clean`` and the bulk import of the bank, which validates rows without
    building model instances.
    """
    today = today or timezone.localdate()
    if birth_date > today:
        return "Дата рождения не может быть в будущем."
    age = age_on(birth_date, today)
    if age < 14:
        return "Работнику должно быть не меньше 14 лет."
    if age > 100:
        return "Проверьте дату рождения: возраст больше 100 лет."
    return None


def join_full_name(last_name: str, first_name: str, middle_name: str = "") -> str:
    """«Фамилия Имя Отчество», skipping empty parts; ``Person.full_name`` and rows of the bulk
    import that are not people yet."""
    return " ".join(part for part in (last_name, first_name, middle_name) if part)


def experience_error(total_years: int | None, pedagogical_years: int | None) -> str | None:
    """The Russian message when pedagogical experience exceeds the total (whole years), else
    ``None``; the database holds the same rule (``person_ped_experience_within_total``)."""
    if pedagogical_years is not None and total_years is not None and pedagogical_years > total_years:
        return "Педагогический стаж не может превышать общий."
    return None


class PersonQuerySet(ScopedQuerySet):
    scope_model = "person"

    def employed_in(self, unit, *, on: dt.date | None = None) -> PersonQuerySet:
        """People currently employed in ``unit`` or anywhere under it."""
        return self.filter(pk__in=Employment.objects.current(on).in_subtree(unit).values("person_id"))

    def consented(self) -> PersonQuerySet:
        """People with a valid consent to personal-data processing (152-ФЗ art. 9;
        ``people.consent``)."""
        return self.filter(consented_q("pk"))

    def workers(self) -> PersonQuerySet:
        """Pedagogical workers and other staff: not learners, and not people tied to an
        organization only as participants outside its staff (issue 20: the list «Педагоги» and
        the API of people; learners have their own pages)."""
        from django.db.models import Exists, OuterRef

        learner = Learner.objects.filter(person_id=OuterRef("pk"))
        non_staff = NonStaffParticipant.objects.filter(person_id=OuterRef("pk"))
        employed = Employment.objects.filter(person_id=OuterRef("pk"))
        return self.exclude(Exists(learner)).exclude(Exists(non_staff) & ~Exists(employed))

    def for_export(self) -> PersonQuerySet:
        """Only people with a valid consent to personal-data processing leave in a file, even when
        the curator sees the others on the page (152-ФЗ art. 9)."""
        return self.consented()


class Person(VersionedModel):
    """A pedagogical worker (or other participant) of the mentoring system.

    СНИЛС is stored as 11 digits, unique when present. Experience is counted in whole years;
    pedagogical experience cannot exceed the total (held by a database check).
    """

    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    sex = models.CharField("пол", max_length=1, choices=Sex.choices)
    birth_date = models.DateField("дата рождения")
    snils = models.CharField(
        "СНИЛС",
        max_length=11,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_snils],
        error_messages={"unique": "Работник с таким СНИЛС уже есть в системе."},
    )
    position = models.ForeignKey(
        "reference.Position",
        verbose_name="должность",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    job_title = models.CharField(
        "должность по штатному расписанию",
        max_length=200,
        blank=True,
        help_text="Как в штатном расписании и трудовом договоре: «учитель математики», «заместитель "
        "директора по УВР». Её пишут в приказах и согласиях; если не указана — берётся из должности.",
    )
    subjects = models.ManyToManyField(
        "reference.Subject", verbose_name="предметы", blank=True, related_name="+"
    )
    total_experience_years = models.PositiveSmallIntegerField("общий стаж, лет", null=True, blank=True)
    pedagogical_experience_years = models.PositiveSmallIntegerField(
        "педагогический стаж, лет", null=True, blank=True
    )
    qualification_category = models.CharField(
        "квалификационная категория",
        max_length=16,
        choices=QualificationCategory.choices,
        default=QualificationCategory.NONE,
    )
    has_pedagogical_education = models.BooleanField("педагогическое образование", default=True)
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=32, blank=True)
    # For the consent to personal-data processing (152-ФЗ art. 9 part 4 item 1): the subject's
    # address and the main identity document. Shown only on the edit form.
    address = models.CharField("адрес места жительства", max_length=500, blank=True)
    id_document_number = models.CharField(
        "серия и номер паспорта (иного документа, удостоверяющего личность)", max_length=40, blank=True
    )
    id_document_issued_on = models.DateField("дата выдачи документа", null=True, blank=True)
    id_document_issued_by = models.CharField("кем выдан документ", max_length=300, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)
    # Set by ``personal_data.person_depersonalize`` once the retention period ran out.
    depersonalized_on = models.DateField("обезличен", null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "педагогический работник"
        verbose_name_plural = "педагогические работники"
        ordering = ["last_name", "first_name", "middle_name", "pk"]
        indexes = [models.Index(fields=["last_name", "first_name", "middle_name"], name="person_fio")]
        constraints = [
            models.CheckConstraint(
                condition=Q(pedagogical_experience_years__isnull=True)
                | Q(total_experience_years__isnull=True)
                | Q(pedagogical_experience_years__lte=F("total_experience_years")),
                name="person_ped_experience_within_total",
                violation_error_message="Педагогический стаж не может превышать общий.",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return join_full_name(self.last_name, self.first_name, self.middle_name)

    @property
    def short_name(self) -> str:
        """«Иванова М. П.»"""
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip()

    @property
    def snils_display(self) -> str:
        return format_snils(self.snils or "")

    @property
    def is_learner(self) -> bool:
        """A pupil or a student (``people.learners.Learner``), or about to become one: the
        service that creates a learner sets ``_as_learner`` on the unsaved person."""
        if getattr(self, "_as_learner", False):
            return True
        if self.pk is None:
            return False
        try:
            return self.learner is not None
        except ObjectDoesNotExist:
            return False

    def age(self, on: dt.date | None = None) -> int:
        return age_on(self.birth_date, on or timezone.localdate())

    def clean(self) -> None:
        super().clean()
        if self.snils:
            self.snils = normalize_snils(self.snils) or None
        if self.birth_date:
            error = (
                learner_birth_date_error(self.birth_date)
                if self.is_learner
                else birth_date_error(self.birth_date)
            )
            if error:
                raise ValidationError({"birth_date": error})
        error = experience_error(self.total_experience_years, self.pedagogical_experience_years)
        if error:
            raise ValidationError({"pedagogical_experience_years": error})
        if self.id_document_issued_on:
            if self.id_document_issued_on > timezone.localdate():
                raise ValidationError(
                    {"id_document_issued_on": "Дата выдачи документа не может быть в будущем."}
                )
            if self.birth_date and self.id_document_issued_on < self.birth_date:
                raise ValidationError(
                    {"id_document_issued_on": "Документ не может быть выдан раньше даты рождения."}
                )

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """People employed now in the user's subtrees (and the learners and participants outside
        the staff of its organizations, issue 20); for view also the user's own person, and
        a mentor's mentees / a mentee's mentors through their active pairs (seed 000 §4.1).

        People without a valid consent to personal-data processing are reached only by the
        curator and the head of their organization, and by themselves (152-ФЗ art. 9).
        """
        from nastavnik.access.choices import Action

        def employed_under(paths: list[str]) -> Q:
            """Workers, learners and participants outside the staff of the units under ``paths``
            now (issue 20: the learners and the non-staff mentors of the organization)."""
            current = Employment.objects.current().filter(paths_q("organization__path", paths))
            learners = Learner.objects.current().filter(paths_q("organization__path", paths))
            non_staff = NonStaffParticipant.objects.current().filter(paths_q("organization__path", paths))
            return (
                Q(pk__in=current.values("person_id"))
                | Q(pk__in=learners.values("person_id"))
                | Q(pk__in=non_staff.values("person_id"))
            )

        exempt, consent_bound = scope.consent_paths("person", action)
        condition = Q(pk__in=[])
        if exempt:
            condition |= employed_under(exempt)
        consented = consented_q("pk")
        if consent_bound:
            condition |= employed_under(consent_bound) & consented
        if action == Action.VIEW and scope.person_id:
            condition |= Q(pk=scope.person_id) | (partner_ids_q(scope.person_id) & partner_consented_q("pk"))
        return condition


class EmploymentQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None) -> EmploymentQuerySet:
        """Employments in force on ``on`` (today by default)."""
        return self.filter(in_force_q(on or timezone.localdate(), "started_on", "ended_on"))

    def in_subtree(self, unit) -> EmploymentQuerySet:
        return self.filter(organization__path__startswith=unit.path)


class Employment(ConstraintFieldErrorsMixin, models.Model):
    """A person's work in an organization, with dates; a person may work in several."""

    person = models.ForeignKey(
        Person, verbose_name="работник", on_delete=models.CASCADE, related_name="employments"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.PROTECT,
        related_name="employments",
        limit_choices_to={"level": "organization"},
    )
    position = models.ForeignKey(
        "reference.Position",
        verbose_name="должность",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    job_title = models.CharField(
        "должность по штатному расписанию",
        max_length=200,
        blank=True,
        help_text="Как в штатном расписании и трудовом договоре: «учитель математики», «заместитель "
        "директора по УВР». Её пишут в приказах и согласиях; если не указана — берётся из должности.",
    )
    is_primary = models.BooleanField("основное место работы", default=True)
    started_on = models.DateField("дата приёма", null=True, blank=True)
    ended_on = models.DateField("дата увольнения", null=True, blank=True)

    objects = EmploymentQuerySet.as_manager()
    constraint_error_fields = {"employment_one_open_per_organization": "organization"}

    class Meta:
        verbose_name = "место работы"
        verbose_name_plural = "места работы"
        ordering = ["-is_primary", "-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="employment_dates_ordered",
                violation_error_message="Дата увольнения не может быть раньше даты приёма.",
            ),
            models.UniqueConstraint(
                fields=["person", "organization"],
                condition=Q(ended_on__isnull=True),
                name="employment_one_open_per_organization",
                violation_error_message="Работник уже числится в этой организации.",
            ),
        ]
        indexes = [
            # The staff of the organizations of a subtree (every scoped list of people, the home
            # tiles): read from the index alone, organization by organization (issue 16: the
            # regional operator's count of people walked the country's 1.1 million employments).
            models.Index(
                fields=["organization"],
                include=["person", "started_on", "ended_on"],
                name="employment_org_staff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.organization}"

    def clean(self) -> None:
        super().clean()
        if self.organization_id and self.organization.level != "organization":
            raise ValidationError({"organization": "Выберите организацию, а не территорию."})
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "Дата увольнения не может быть раньше даты приёма."})


from nastavnik.people.learners import (  # noqa: E402  (models of the app, kept in their module)
    Learner,
    LegalRepresentative,
    NonStaffParticipant,
    learner_birth_date_error,
)

__all__ = [
    "Employment",
    "Learner",
    "LegalRepresentative",
    "NonStaffParticipant",
    "Person",
    "age_on",
    "birth_date_error",
    "join_full_name",
]
