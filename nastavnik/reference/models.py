"""Reference data (справочники) of the target model. Each entry cites its source clause.

Entries are loaded by data migrations from ``nastavnik/reference/data.py`` and are
read-only for users: codes are stable identifiers other tables and imports refer to.
"""

from __future__ import annotations

from django.db import models


class ReferenceEntry(models.Model):
    """Common shape of a reference entry: stable ``code``, Russian ``name``, ``source`` — the
    citation of the document and its point users read (``reference.citations``)."""

    code = models.SlugField("код", max_length=64, unique=True)
    name = models.CharField("наименование", max_length=300)
    description = models.TextField("описание", blank=True)
    # The citation users read (``reference.citations.cite``), never a developer's clause code.
    source = models.CharField(
        "источник",
        max_length=1000,
        blank=True,
        help_text=(
            "Документ и его пункт, например «Методические рекомендации по внедрению и реализации "
            "целевой модели наставничества, п. 10»."
        ),
    )
    sort_order = models.PositiveSmallIntegerField("порядок", default=0)
    is_active = models.BooleanField("действует", default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Audience(models.TextChoices):
    TEACHERS = "teachers", "педагогические работники"
    PUPILS = "pupils", "обучающиеся"


class ParticipantKind(models.TextChoices):
    """Who a participant of mentoring is, as a form of mentoring names its two sides (seed 003
    §4.2, §4.5; 002 §10; 000 §2.3; 004 §3.1): a pedagogical worker of the organization, a learner
    (a pupil of a school, a student of a college), or a person outside its staff — a parent, an
    alumnus, an employee of a partner enterprise, an entrepreneur (the internal and external
    contour of 003 §4.5). ``people.participants.participant_kind`` tells a person's kind."""

    WORKER = "worker", "педагогический работник"
    PUPIL = "pupil", "ученик"
    STUDENT = "student", "студент"
    NON_STAFF = "non_staff", "участник вне штата организации"


class MentoringForm(ReferenceEntry):
    """Form of mentoring, e.g. «педагог – педагог» (seed 000 §2.3, 001 §3.1, 003 §4.2, 004 §3.1)."""

    audience = models.CharField(
        "для кого", max_length=16, choices=Audience.choices, default=Audience.TEACHERS
    )
    # Kinds of organization (``organizations.choices.OrganizationKind`` values) whose documents
    # offer the form by default; empty — every kind (issue 15 item 5: no «работодатель –
    # студент» in a school's Положение unless the school chooses it).
    organization_kinds = models.JSONField(
        "виды организаций, где форма применяется по умолчанию",
        default=list,
        blank=True,
        help_text="Если не выбрано ни одного вида — форма применяется в организациях всех видов.",
    )

    # Who may be the mentor and who the mentee in a pair of this form (``ParticipantKind``
    # values): the form decides which participants may be paired (issue 20; seed 003 §4.2).
    mentor_kinds = models.JSONField("кто может быть наставником", default=list, blank=True)
    mentee_kinds = models.JSONField("кто может быть наставляемым", default=list, blank=True)

    class Meta(ReferenceEntry.Meta):
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"

    def allows(self, mentor_kind: str, mentee_kind: str) -> bool:
        """Whether a mentor of ``mentor_kind`` may guide a mentee of ``mentee_kind``
        (``ParticipantKind`` values) in a pair of this form; an empty list admits every kind."""
        return (not self.mentor_kinds or mentor_kind in self.mentor_kinds) and (
            not self.mentee_kinds or mentee_kind in self.mentee_kinds
        )

    def participants_label(self) -> str:
        """«наставник: педагогический работник; наставляемый: ученик» — what the form admits."""
        labels = dict(ParticipantKind.choices)

        def names(kinds: list[str]) -> str:
            return ", ".join(labels.get(k, k) for k in kinds) or "любой участник"

        return f"наставник: {names(self.mentor_kinds)}; наставляемый: {names(self.mentee_kinds)}"

    def applies_to(self, organization_kind: str) -> bool:
        """Whether the form is offered by default to an organization of ``organization_kind``
        (an ``OrganizationKind`` value): always when ``organization_kinds`` is empty."""
        return not self.organization_kinds or organization_kind in self.organization_kinds


class InteractionModel(ReferenceEntry):
    """Interaction model inside «педагог – педагог» (seed 004 §3.1.1)."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "модель взаимодействия"
        verbose_name_plural = "модели взаимодействия"


class MentoringKind(ReferenceEntry):
    """Kind (вид) of mentoring: virtual, group, reverse… (seed 000 §2.3, 001 §3.1, 004 §3.1.3)."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "вид наставничества"
        verbose_name_plural = "виды наставничества"


class MenteeCategory(ReferenceEntry):
    """Category of a mentee (seed 000 §1.3, 001 §5.2.3)."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "категория наставляемых"
        verbose_name_plural = "категории наставляемых"


class CompetenceArea(ReferenceEntry):
    """One of the eight areas of professional competences in which a teacher's achievements and
    deficits are diagnosed and a mentor's competences are stated (seed 000 §4.3.3, steps 2–3):
    scientific-theoretical, legal, subject-professional, psychological-pedagogical, methodical,
    ICT and digital, extracurricular and upbringing, health-saving."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "область профессиональных компетенций"
        verbose_name_plural = "области профессиональных компетенций"


class ProgramStage(ReferenceEntry):
    """Stage of an organization's mentoring program; seven in all (seed 000 §IV)."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "этап программы наставничества"
        verbose_name_plural = "этапы программы наставничества"


class PersonalizedProgramStage(ReferenceEntry):
    """Stage of a personalized program; five in all (seed 004 §6.2.3)."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "этап персонализированной программы"
        verbose_name_plural = "этапы персонализированной программы"


class MeetingType(ReferenceEntry):
    """Type of a meeting of a pair or group; five in all (seed 003 §4.7)."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "тип встречи"
        verbose_name_plural = "типы встреч"


class AwardKind(ReferenceEntry):
    """Kind of incentive for mentors, material or not (seed 000 §3.4, 001 §6, 004 §5)."""

    is_material = models.BooleanField("материальное", default=False)
    # A regional award is offered only to the organizations of the region that established it
    # (issue 15 item 5: a school of Yugra does not list «знак отличия Волгоградской области»).
    region = models.CharField(
        "субъект Российской Федерации",
        max_length=200,
        blank=True,
        help_text=(
            "Для награды субъекта Российской Федерации — наименование субъекта, как в структуре "
            "организаций (например, «Волгоградская область»); пусто — федеральная награда или "
            "поощрение, которое применяет сама организация."
        ),
    )

    class Meta(ReferenceEntry.Meta):
        verbose_name = "вид поощрения"
        verbose_name_plural = "виды поощрения"

    def applies_in(self, region_name: str) -> bool:
        """Whether the incentive is offered to an organization of the region named
        ``region_name`` (its ``OrgUnit.full_name``, or "" when the organization is in no region):
        a federal or the organization's own incentive always, a regional award only in its
        region (names compared without case, «ё» and the kind of dash)."""
        return not self.region or same_region_name(self.region, region_name)


def same_region_name(first: str, second: str) -> bool:
    """«Ханты-Мансийский автономный округ – Югра» and «ханты-мансийский автономный округ — югра»
    name the same region: compared without case, «ё», spaces around dashes and the kind of dash."""

    def key(name: str) -> str:
        name = (name or "").casefold().replace("ё", "е")
        for dash in ("\u2014", "\u2013", "\u2012", "\u2011", "\u2010"):
            name = name.replace(dash, "-")
        name = " ".join(name.split())
        return name.replace(" - ", "-").replace(" -", "-").replace("- ", "-")

    return bool(key(first)) and key(first) == key(second)


class Risk(ReferenceEntry):
    """Risk of implementing the target model; six in all (seed 000 §VI)."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "риск"
        verbose_name_plural = "риски"


class Position(ReferenceEntry):
    """Pedagogical position from the nomenclature (Постановление Правительства РФ от 21.02.2022 № 225)."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "должность педагогического работника"
        verbose_name_plural = "должности педагогических работников"


class Subject(ReferenceEntry):
    """Academic subject or field a teacher teaches."""

    class Meta(ReferenceEntry.Meta):
        verbose_name = "предмет (направление)"
        verbose_name_plural = "предметы (направления)"
