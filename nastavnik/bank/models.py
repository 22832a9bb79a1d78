"""The personified bank of mentors and mentees (seed 000 §4.1.2, 002 §7 and §9, 003 §3.4, §4.4–4.6).

A person enters the bank with a profile: ``MentorProfile`` (competences, capacity, status
history, consent to be a mentor) and/or ``MenteeProfile`` (categories, request, diagnosed
difficulties, consent). ``PersonalDataConsent`` records the consent to processing personal
data (152-ФЗ art. 9); without a valid one the person is hidden from everyone but the
curator and the head of their organization.
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
from nastavnik.bank.choices import (
    ConsentPurpose,
    Contour,
    MentorPool,
    MentorStatus,
)
from nastavnik.people.consent import consented_q

DEFAULT_MENTOR_CAPACITY = 2


def _profile_scope_filter(scope, action: str, model: str) -> Q:
    """Profiles of organizations in the user's subtrees; for view also the user's own profile.

    As for ``Person``: a profile of someone without a valid consent to personal-data
    processing is reached only by the curator and the head (152-ФЗ art. 9).
    """
    from nastavnik.access.choices import Action

    exempt, consent_bound = scope.consent_paths(model, action)
    condition = paths_q("organization__path", exempt) if exempt else Q(pk__in=[])
    if consent_bound:
        condition |= paths_q("organization__path", consent_bound) & consented_q("person_id")
    if action in (Action.VIEW, Action.VIEW_SCAN) and scope.person_id:
        condition |= Q(person_id=scope.person_id)
    return condition


class _ProfileQuerySet(ScopedQuerySet):
    def for_export(self):
        """Only profiles of people with a valid consent to personal-data processing leave in a
        file (152-ФЗ art. 9)."""
        return self.filter(consented_q("person_id"))


class MentorProfileQuerySet(_ProfileQuerySet):
    scope_model = "mentorprofile"


class MenteeProfileQuerySet(_ProfileQuerySet):
    scope_model = "menteeprofile"


class BankSettings(models.Model):
    """An organization's settings of its bank: the default mentor capacity."""

    organization = models.OneToOneField(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="bank_settings",
    )
    default_mentor_capacity = models.PositiveSmallIntegerField(
        "наибольшее число наставляемых у наставника по умолчанию",
        default=DEFAULT_MENTOR_CAPACITY,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )

    class Meta:
        verbose_name = "настройки банка организации"
        verbose_name_plural = "настройки банков организаций"

    def __str__(self) -> str:
        return f"Настройки банка: {self.organization}"


def consent_date_error(given_on: dt.date, *, today: dt.date | None = None) -> str | None:
    """The Russian message why ``given_on`` cannot be the date of a written consent (personal
    data, 152-ФЗ art. 9; a mentor's or a mentee's consent), or ``None`` when it can: not in
    the future. Shared by ``services.pd_consent_record``, the card forms and the bulk import,
    which validates rows without building model instances."""
    if given_on > (today or timezone.localdate()):
        return "Дата согласия не может быть в будущем."
    return None


class PersonalDataConsentQuerySet(ScopedQuerySet):
    scope_model = "personaldataconsent"

    def valid(self) -> PersonalDataConsentQuerySet:
        """Consents in force: not withdrawn (152-ФЗ art. 9 part 2). The one statement of
        validity; everyone else asks ``people.consent``."""
        return self.filter(withdrawn_on__isnull=True)


class PersonalDataConsent(models.Model):
    """Written consent to personal-data processing (152-ФЗ art. 9 part 4).

    Valid while ``withdrawn_on`` is empty. Withdrawal blocks processing: the person leaves
    the open bank, exports and every scope but the curator's and the head's.
    """

    person = models.ForeignKey(
        "people.Person", verbose_name="работник", on_delete=models.CASCADE, related_name="pd_consents"
    )
    # A minor's consent is given by their legal representative (152-ФЗ art. 9 part 4, seed 002
    # §10; issue 20): the one who signed it.
    representative = models.ForeignKey(
        "people.LegalRepresentative",
        verbose_name="законный представитель, давший согласие",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
    )
    purposes = models.JSONField("цели обработки", default=list)
    given_on = models.DateField("дата согласия")
    scan = models.FileField("скан согласия", upload_to="bank/consents/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="отзыв внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.TextField("основание отзыва", blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = PersonalDataConsentQuerySet.as_manager()

    class Meta:
        verbose_name = "согласие на обработку персональных данных"
        verbose_name_plural = "согласия на обработку персональных данных"
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="pdconsent_withdrawal_after_consent",
                violation_error_message="Дата отзыва не может быть раньше даты согласия.",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(withdrawn_on__isnull=True),
                name="pdconsent_one_valid_per_person",
                violation_error_message="У работника уже есть действующее согласие.",
            ),
        ]

    def __str__(self) -> str:
        return f"Согласие {self.person} от {self.given_on:%d.%m.%Y}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Consents (and their scans) of people working, studying or taking part now in the
        organizations where the user is the curator or the head (``PERMISSIONS["personaldataconsent"]``), and the user's own
        (152-ФЗ art. 9: a scan holds passport data)."""
        from nastavnik.access.choices import Action
        from nastavnik.people.models import Employment, Learner, NonStaffParticipant

        paths = scope.paths("personaldataconsent", action)
        condition = Q(pk__in=[])
        if paths:
            # the staff, the learners and the participants outside the staff (issue 20)
            for model in (Employment, Learner, NonStaffParticipant):
                current = model.objects.current().filter(paths_q("organization__path", paths))
                condition |= Q(person_id__in=current.values("person_id"))
        if action in (Action.VIEW, Action.VIEW_SCAN) and scope.person_id:
            condition |= Q(person_id=scope.person_id)
        return condition

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_on is None

    def purpose_labels(self) -> list[str]:
        return [ConsentPurpose(p).label for p in self.purposes if p in ConsentPurpose.values]


class MentorProfile(models.Model):
    """A mentor's card in the bank of ``organization`` (seed 000 §4.1.2, 001 §5.2, 003 §4.5–4.6).

    ``capacity`` is the most mentees at once; empty means the organization's default
    (``BankSettings``); the capacity in force is annotated in SQL by
    ``bank.selectors.mentor_load_annotations``. Status changes go through ``bank.services.mentor_status_change``,
    which writes a ``MentorStatusEvent``.
    """

    person = models.OneToOneField(
        "people.Person", verbose_name="работник", on_delete=models.CASCADE, related_name="mentor_profile"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация (банк)",
        on_delete=models.PROTECT,
        related_name="mentor_profiles",
    )
    status = models.CharField(
        "статус", max_length=16, choices=MentorStatus.choices, default=MentorStatus.CANDIDATE
    )
    pool = models.CharField("категория наставников", max_length=20, choices=MentorPool.choices, blank=True)
    contour = models.CharField("контур", max_length=16, choices=Contour.choices, default=Contour.INTERNAL)
    capacity = models.PositiveSmallIntegerField(
        "наибольшее число наставляемых",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Пусто — значение, принятое в организации.",
    )
    subjects = models.ManyToManyField(
        "reference.Subject", verbose_name="предметы", blank=True, related_name="+"
    )
    forms = models.ManyToManyField(
        "reference.MentoringForm", verbose_name="формы наставничества", blank=True, related_name="+"
    )
    interaction_models = models.ManyToManyField(
        "reference.InteractionModel", verbose_name="модели взаимодействия", blank=True, related_name="+"
    )
    kinds = models.ManyToManyField(
        "reference.MentoringKind", verbose_name="виды наставничества", blank=True, related_name="+"
    )
    questionnaire = models.TextField("анкета (в свободной форме)", blank=True)
    interview_notes = models.TextField("итоги собеседования", blank=True)
    interviewed_on = models.DateField("дата собеседования", null=True, blank=True)
    consent_given_on = models.DateField("дата письменного согласия быть наставником", null=True, blank=True)
    consent_scan = models.FileField("скан согласия наставника", upload_to="bank/mentor-consents/", blank=True)
    publish_in_open_bank = models.BooleanField(
        "согласен на размещение в открытом банке наставников", default=False
    )
    public_fields = models.JSONField("публикуемые сведения", default=list, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = "профиль наставника"
        verbose_name_plural = "профили наставников"
        indexes = [models.Index(fields=["organization", "status"], name="mentorprofile_org_status")]

    def __str__(self) -> str:
        return f"Наставник: {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("bank:mentor_detail", args=[self.pk])

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return _profile_scope_filter(scope, action, "mentorprofile")


class MentorCompetence(models.Model):
    """A mentor's level in one of the eight deficit areas, 1 (basic) to 5 (expert) (seed 000 §4.3.3)."""

    mentor = models.ForeignKey(
        MentorProfile, verbose_name="наставник", on_delete=models.CASCADE, related_name="competences"
    )
    area = models.ForeignKey(
        "reference.CompetenceArea", verbose_name="область", on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        "уровень", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = "компетенция наставника"
        verbose_name_plural = "компетенции наставников"
        constraints = [
            models.UniqueConstraint(fields=["mentor", "area"], name="mentorcompetence_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="mentorcompetence_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.level}"


class MentorStatusEvent(models.Model):
    """One status change of a mentor, with date and author (the card's history)."""

    mentor = models.ForeignKey(
        MentorProfile, verbose_name="наставник", on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField("прежний статус", max_length=16, choices=MentorStatus.choices, blank=True)
    to_status = models.CharField("новый статус", max_length=16, choices=MentorStatus.choices)
    occurred_on = models.DateField("дата")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField("комментарий", blank=True)
    created_at = models.DateTimeField("записано", auto_now_add=True)

    class Meta:
        verbose_name = "изменение статуса наставника"
        verbose_name_plural = "история статусов наставников"
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.mentor.person}: {self.get_to_status_display()} ({self.occurred_on:%d.%m.%Y})"


class MentorTraining(models.Model):
    """Training a mentor completed, e.g. the 72-hour course (seed 000 App. 2 §2.7, 003 §3.2)."""

    mentor = models.ForeignKey(
        MentorProfile, verbose_name="наставник", on_delete=models.CASCADE, related_name="trainings"
    )
    title = models.CharField("программа обучения", max_length=300)
    provider = models.CharField("организация, проводившая обучение", max_length=300, blank=True)
    hours = models.PositiveSmallIntegerField("объём, часов", null=True, blank=True)
    completed_on = models.DateField("дата окончания")
    certificate = models.FileField("документ об обучении", upload_to="bank/trainings/", blank=True)

    class Meta:
        verbose_name = "обучение наставника"
        verbose_name_plural = "обучение наставников"
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return self.title


class MenteeProfile(models.Model):
    """A mentee's card in the bank: categories, the request (карта запросов, seed 003 §4.4),
    written consent, and the «full cycle» mark set by completion (seed 002 §9)."""

    person = models.OneToOneField(
        "people.Person", verbose_name="работник", on_delete=models.CASCADE, related_name="mentee_profile"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация (банк)",
        on_delete=models.PROTECT,
        related_name="mentee_profiles",
    )
    categories = models.ManyToManyField(
        "reference.MenteeCategory", verbose_name="категории", related_name="+"
    )
    request_text = models.TextField("запрос наставляемого", blank=True)
    request_areas = models.ManyToManyField(
        "reference.CompetenceArea", verbose_name="области запроса", blank=True, related_name="+"
    )
    consent_given_on = models.DateField("дата письменного согласия наставляемого", null=True, blank=True)
    consent_scan = models.FileField(
        "скан согласия наставляемого", upload_to="bank/mentee-consents/", blank=True
    )
    full_cycle_completed_on = models.DateField(
        "прошёл полный цикл программы",
        null=True,
        blank=True,
        editable=False,
        help_text="Отметка ставится только завершением программы (Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 9).",
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = MenteeProfileQuerySet.as_manager()

    class Meta:
        verbose_name = "профиль наставляемого"
        verbose_name_plural = "профили наставляемых"

    def __str__(self) -> str:
        return f"Наставляемый: {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("bank:mentee_detail", args=[self.pk])

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        return _profile_scope_filter(scope, action, "menteeprofile")


class BankConfirmation(models.Model):
    """The curator's yearly confirmation that the bank is up to date (seed 000 §4.1.2: not less
    than once a year)."""

    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="bank_confirmations",
    )
    confirmed_on = models.DateField("дата подтверждения")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="подтвердил",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField("комментарий", blank=True)
    mentors_count = models.PositiveIntegerField("наставников на дату", default=0)
    mentees_count = models.PositiveIntegerField("наставляемых на дату", default=0)

    class Meta:
        verbose_name = "подтверждение актуальности банка"
        verbose_name_plural = "подтверждения актуальности банка"
        ordering = ["-confirmed_on", "-pk"]
        get_latest_by = "confirmed_on"

    def __str__(self) -> str:
        return f"{self.organization}: {self.confirmed_on:%d.%m.%Y}"


class BankImportCheck(models.Model):
    """The kept result of checking a file of the bank import (issue 16, Build 3): the parsed, valid
    rows and what they were matched with, so that «Импортировать» writes them without reading and
    checking the file again (``bank.importing.kept``).

    ``job``: the check job, whose input file was checked; ``file_sha256``: the SHA-256 of that
    file (hex), so that another file is never written with this result; ``checked_at``: when the
    people were matched — the apply re-verifies the people changed since (``bank.importing.
    services.bank_import_reverify``); ``payload``: the rows as zlib-compressed JSON. Kept until
    the file is imported — then ``applied_at`` is set and the rows, personal data, are dropped, so
    that the same check cannot be imported twice — and deleted after a day in any case
    (``kept.import_checks_purge``).
    """

    job = models.OneToOneField(
        "jobs.Job", verbose_name="проверка файла", on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="автор", on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    file_sha256 = models.CharField("контрольная сумма файла", max_length=64)
    checked_at = models.DateTimeField("сверено с данными системы")
    row_count = models.PositiveIntegerField("строк с данными", default=0)
    payload = models.BinaryField("проверенные строки", blank=True, default=b"")
    applied_at = models.DateTimeField("импортировано", null=True, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "результат проверки файла загрузки банка"
        verbose_name_plural = "результаты проверки файлов загрузки банка"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Проверка файла: {self.organization}"
