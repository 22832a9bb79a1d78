"""The public section «Наставничество» of a unit, the requests for a mentor from the public open
bank, and the monthly record of the sections' checklist (issue 19; seed 000 §4.1.2, App. 2 §2.6;
001 §7.1.1; 003 §2.2, §5.1).

What a public page shows of the system's own data (the programs being carried out, the mentors
who agreed to publication, the best cases) is read from those data when the page is shown; the
models here keep only what the keeper of the section writes or uploads and the records of its
monitoring.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.openness.choices import ActKind, ActLevel, MentorRequestStatus, SectionItemKind


def _own_units_q(scope, model: str, action: str, field: str) -> Q:
    """Rows whose unit ``field`` (an ``OrgUnit`` id) is a unit where the user holds a role granting
    ``action`` on ``model`` — the unit itself, not its subtree."""
    ids = scope.unit_ids(model, action)
    return Q(**{f"{field}__in": ids}) if ids else Q(pk__in=[])


class PublicSectionQuerySet(ScopedQuerySet):
    scope_model = "publicsection"

    def published(self) -> PublicSectionQuerySet:
        """Sections shown to the public."""
        return self.filter(is_published=True)


class PublicSection(models.Model):
    """The section «Наставничество» of an organization, a municipality or the region (seed 000
    §4.1.2: the curator «обеспечивает информационное сопровождение … на сайте»; 003 §2.2).

    Its public address is readable: ``/o/`` for the region, ``/o/<municipality slug>/`` and
    ``/o/<municipality slug>/<organization slug>/``; ``slug`` is unique among the sections of one
    ``parent`` (the municipality's section for an organization, none for the municipalities and
    the region). ``is_published``: shown to visitors; a draft is seen only by its keepers.
    """

    unit = models.OneToOneField(
        "organizations.OrgUnit",
        verbose_name="организационная единица",
        on_delete=models.PROTECT,
        related_name="public_section",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="раздел муниципального образования",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    slug = models.SlugField(
        "адрес раздела",
        max_length=80,
        allow_unicode=False,
        help_text="Латинские буквы, цифры и дефис, например «sosh-1».",
    )
    about = models.TextField("о наставничестве в организации", blank=True)
    contacts = models.TextField("контакты куратора", blank=True)
    is_published = models.BooleanField("опубликован", default=False)
    published_at = models.DateTimeField("опубликован", null=True, blank=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="изменил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PublicSectionQuerySet.as_manager()

    class Meta:
        verbose_name = "раздел «Наставничество»"
        verbose_name_plural = "разделы «Наставничество»"
        ordering = ["unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "slug"],
                condition=Q(parent__isnull=False),
                name="publicsection_slug_unique_in_parent",
                violation_error_message="В этом муниципальном образовании уже есть раздел с таким адресом.",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(parent__isnull=True),
                name="publicsection_slug_unique_top",
                violation_error_message="Раздел с таким адресом уже есть.",
            ),
        ]

    def __str__(self) -> str:
        return f"Раздел «Наставничество»: {self.unit}"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Sections of the units in the user's subtrees for viewing; for changing only the
        section of the unit the user keeps (the curator and the head their organization's, the
        coordinator the municipality's, the operator the region's)."""
        if action == "view":
            return paths_q("unit__path", scope.paths("publicsection", action))
        return _own_units_q(scope, "publicsection", action, "unit_id")


class SectionItemQuerySet(ScopedQuerySet):
    scope_model = "publicsection"

    def published(self) -> SectionItemQuerySet:
        return self.filter(is_published=True)


class SectionItem(models.Model):
    """One entry of a section written by its keeper: an act of the legal base (uploaded, linked
    or one of the organization's registered documents published with one click), a methodical
    material, a news item or an event (seed 003 §2.2, 000 App. 2 §2.6).

    ``dated``: the date of the act, of the news or of the event. ``document``: a document of the
    registry, whose signed scan (or generated file) the public page serves. An item is public
    when both it and its section are published.
    """

    section = models.ForeignKey(
        PublicSection, verbose_name="раздел", on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField("вид", max_length=16, choices=SectionItemKind.choices)
    act_level = models.CharField("уровень акта", max_length=16, choices=ActLevel.choices, blank=True)
    act_kind = models.CharField("вид акта", max_length=16, choices=ActKind.choices, blank=True)
    title = models.CharField("заголовок", max_length=500)
    body = models.TextField("текст", blank=True)
    number = models.CharField("номер", max_length=64, blank=True)
    dated = models.DateField("дата", null=True, blank=True)
    file = models.FileField("файл", upload_to="openness/sections/", blank=True)
    url = models.URLField("ссылка", max_length=500, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name="документ из реестра",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_published = models.BooleanField("опубликовано", default=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SectionItemQuerySet.as_manager()

    class Meta:
        verbose_name = "материал раздела «Наставничество»"
        verbose_name_plural = "материалы раздела «Наставничество»"
        ordering = ["-dated", "-pk"]
        indexes = [models.Index(fields=["section", "kind", "dated"], name="sectionitem_kind_dated")]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Items of the sections the user may ``action`` (:meth:`PublicSection.scope_filter`)."""
        if action == "view":
            return paths_q("section__unit__path", scope.paths("publicsection", action))
        return _own_units_q(scope, "publicsection", action, "section__unit_id")


class MentorRequestQuerySet(ScopedQuerySet):
    scope_model = "mentorrequest"


class MentorRequest(models.Model):
    """A request for a mentor sent by a teacher (of any organization) from the public open bank
    (seed 001 §7.1.1 «открытое наставничество»): it reaches the curator of the mentor's
    organization, who answers it. The sender's data are kept with their consent to processing
    (152-ФЗ art. 9), only to answer the request.
    """

    mentor = models.ForeignKey(
        "bank.MentorProfile", verbose_name="наставник", on_delete=models.CASCADE, related_name="requests"
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация наставника",
        on_delete=models.PROTECT,
        related_name="+",
    )
    full_name = models.CharField("фамилия, имя, отчество", max_length=300)
    email = models.EmailField("электронная почта")
    phone = models.CharField("телефон", max_length=32, blank=True)
    workplace = models.CharField("место работы", max_length=500)
    position = models.CharField("должность", max_length=300, blank=True)
    message = models.TextField("с чем нужна помощь наставника")
    consent = models.BooleanField("согласие на обработку персональных данных", default=False)
    status = models.CharField(
        "состояние", max_length=16, choices=MentorRequestStatus.choices, default=MentorRequestStatus.NEW
    )
    answer = models.TextField("ответ", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ответил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField("время ответа", null=True, blank=True)
    created_at = models.DateTimeField("поступило", auto_now_add=True)

    objects = MentorRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "обращение к наставнику"
        verbose_name_plural = "обращения к наставникам"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Обращение {self.full_name} к наставнику"

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Requests to the mentors of the organizations where the user is the curator or the
        head."""
        return _own_units_q(scope, "mentorrequest", action, "organization_id")


class SectionCheckQuerySet(ScopedQuerySet):
    scope_model = "sectioncheck"


class SectionCheck(models.Model):
    """The record of one month's check of an organization's section (seed 003 §5.1: «мониторинг
    сайтов образовательных организаций … ежемесячно»). ``month``: the first day of the month.
    ``results``: ``{item key: bool}`` over the checklist computed from what the section holds
    (``openness.checklist``); ``met`` of ``total`` items met.
    """

    unit = models.ForeignKey(
        "organizations.OrgUnit", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField("месяц")
    results = models.JSONField("результаты проверки", default=dict)
    met = models.PositiveSmallIntegerField("выполнено требований", default=0)
    total = models.PositiveSmallIntegerField("всего требований", default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="зафиксировал",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("зафиксировано", auto_now=True)

    objects = SectionCheckQuerySet.as_manager()

    class Meta:
        verbose_name = "проверка раздела «Наставничество»"
        verbose_name_plural = "проверки разделов «Наставничество»"
        ordering = ["-month", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month"],
                name="sectioncheck_one_per_month",
                violation_error_message="Проверка раздела за этот месяц уже зафиксирована.",
            )
        ]

    def __str__(self) -> str:
        return f"Проверка раздела {self.unit} за {self.month:%m.%Y}"

    @property
    def complete(self) -> bool:
        """Every item of the checklist met."""
        return self.total > 0 and self.met == self.total

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Records of the organizations in the user's subtrees."""
        return paths_q("unit__path", scope.paths("sectioncheck", action))
