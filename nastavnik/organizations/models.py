"""The organization tree: federal level → region → municipality → organization (seed 002 §1, 000 §IV)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from nastavnik.access.querysets import ScopedQuerySet
from nastavnik.core.models import ConstraintFieldErrorsMixin
from nastavnik.organizations.choices import Level, MunicipalityType, OrganizationKind
from nastavnik.organizations.validators import validate_inn

PATH_STEP = 8  # digits of one id in OrgUnit.path


class OrgUnitQuerySet(ScopedQuerySet):
    """Queries over organization units."""

    scope_model = "orgunit"

    def subtree(self, unit: OrgUnit) -> OrgUnitQuerySet:
        """This unit and every unit under it (one indexed prefix match on ``path``)."""
        return self.filter(path__startswith=unit.path)

    def organizations(self) -> OrgUnitQuerySet:
        return self.filter(level=Level.ORGANIZATION)

    def municipalities(self) -> OrgUnitQuerySet:
        return self.filter(level=Level.MUNICIPALITY)

    def regions(self) -> OrgUnitQuerySet:
        return self.filter(level=Level.REGION)

    def granted(self, user, model: str, action: str = "add") -> OrgUnitQuerySet:
        """Units in the subtrees of ``user``'s grants of ``action`` on ``model`` (a key of
        ``access.choices.PERMISSIONS``): every unit for a superuser, none for an anonymous or
        inactive user.

        Not ``for_user``: that is the right over the units themselves, which curators and heads
        do not have, while they are the ones who add people and keep the bank.
        """
        from nastavnik.access.scope import get_scope

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(get_scope(user).units_q(model, action))


#: The cases (``core.language.CASES`` but the nominative) an organization's name is stored in.
NAME_CASES = ("gent", "datv", "accs", "ablt", "loct")
NAME_CASE_FIELDS = tuple(f"{prefix}_{case}" for prefix in ("full_name", "short_name") for case in NAME_CASES)

_PLACE = re.compile(r"(?:^|,\s*)((?:г|пгт|рп|с|п|д|ст-ца|х)\.?\s+[А-ЯЁ][А-ЯЁа-яё\- ]*?)\s*(?=,|$)")


def place_from_address(address: str) -> str:
    """The settlement of ``address`` as the place of issue of a document (ГОСТ Р 7.0.97-2016
    §5.11): «628400, ХМАО – Югра, г. Сургут, ул. Ленина, д. 1» → «г. Сургут»; "" when the
    address names none."""
    for match in _PLACE.finditer(address):
        return " ".join(match.group(1).split())
    return ""


class OrgUnit(ConstraintFieldErrorsMixin, models.Model):
    """A unit of the tree: the federal level, a region, a municipality or an organization.

    ``path`` is a materialized path of zero-padded ids (``"00000001/00000002/"``) kept by
    :func:`nastavnik.organizations.services.org_unit_create` and ``org_unit_update``; it makes
    "this unit and everything under it" a single prefix match. Territorial units (federal,
    region, municipality) have no ``kind``; organizations must have one (seed 002 §1).
    """

    parent = models.ForeignKey(
        "self",
        verbose_name="вышестоящая единица",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    level = models.CharField("уровень", max_length=16, choices=Level.choices)
    kind = models.CharField("вид организации", max_length=32, choices=OrganizationKind.choices, blank=True)
    municipality_type = models.CharField(
        "вид муниципального образования", max_length=16, choices=MunicipalityType.choices, blank=True
    )
    municipality = models.ForeignKey(
        "self",
        verbose_name="муниципальное образование (место нахождения)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="located_units",
        limit_choices_to={"level": Level.MUNICIPALITY},
        help_text="Для организаций регионального подчинения — где они находятся.",
    )
    full_name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=200, blank=True)
    # The names in the cases the documents use, written to go on inside a sentence (issue 15
    # item 1): computed by ``core.language.organization_name_case`` when left empty, editable
    # because a name such as «учреждение «Средняя школа № 1»» declines only its head noun.
    full_name_gent = models.CharField(
        "полное наименование в родительном падеже (кого? чего?)", max_length=500, blank=True
    )
    full_name_datv = models.CharField(
        "полное наименование в дательном падеже (кому? чему?)", max_length=500, blank=True
    )
    full_name_accs = models.CharField(
        "полное наименование в винительном падеже (кого? что?)", max_length=500, blank=True
    )
    full_name_ablt = models.CharField(
        "полное наименование в творительном падеже (кем? чем?)", max_length=500, blank=True
    )
    full_name_loct = models.CharField(
        "полное наименование в предложном падеже (о ком? о чём?)", max_length=500, blank=True
    )
    short_name_gent = models.CharField(
        "краткое наименование в родительном падеже", max_length=200, blank=True
    )
    short_name_datv = models.CharField("краткое наименование в дательном падеже", max_length=200, blank=True)
    short_name_accs = models.CharField(
        "краткое наименование в винительном падеже", max_length=200, blank=True
    )
    short_name_ablt = models.CharField(
        "краткое наименование в творительном падеже", max_length=200, blank=True
    )
    short_name_loct = models.CharField("краткое наименование в предложном падеже", max_length=200, blank=True)
    place = models.CharField(
        "место издания документов",
        max_length=200,
        blank=True,
        help_text="Населённый пункт под заголовком приказа, например «г. Сургут». Если не указано — берётся из адреса.",
    )
    inn = models.CharField("ИНН", max_length=12, blank=True, validators=[validate_inn])
    address = models.CharField("адрес", max_length=500, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=32, blank=True)
    website = models.URLField("сайт", blank=True)
    path = models.CharField("путь в дереве", max_length=255, editable=False, default="", db_index=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = OrgUnitQuerySet.as_manager()
    constraint_error_fields = {"orgunit_inn_unique": "inn", "orgunit_name_unique_in_parent": "full_name"}

    class Meta:
        verbose_name = "организационная единица"
        verbose_name_plural = "организационные единицы"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["inn"],
                condition=~Q(inn=""),
                name="orgunit_inn_unique",
                violation_error_message="Организация с таким ИНН уже есть.",
            ),
            models.UniqueConstraint(
                fields=["parent", "full_name"],
                name="orgunit_name_unique_in_parent",
                violation_error_message="В этой вышестоящей единице уже есть единица с таким наименованием.",
            ),
            models.CheckConstraint(
                condition=(Q(level=Level.ORGANIZATION) & ~Q(kind=""))
                | (~Q(level=Level.ORGANIZATION) & Q(kind="")),
                name="orgunit_kind_only_for_organizations",
                violation_error_message="Вид указывается только для организаций, и для них обязателен.",
            ),
            models.CheckConstraint(
                condition=Q(level=Level.FEDERAL) | Q(parent__isnull=False),
                name="orgunit_parent_required",
                violation_error_message="Укажите вышестоящую единицу.",
            ),
        ]
        indexes = [models.Index(fields=["level", "kind"], name="orgunit_level_kind")]

    def __str__(self) -> str:
        return self.short_name or self.full_name

    def get_absolute_url(self) -> str:
        return reverse("organizations:detail", args=[self.pk])

    @property
    def label_with_municipality(self) -> str:
        """«МБОУ «СОШ № 1» (г. Сургут)»: an organization's name with the municipality it is in
        (``municipality``, which ``services`` derive from a municipal parent); a territory, or an
        organization with no municipality, by its name. Many schools of a region share a name:
        lists and choices that span several municipalities show this (issue 13). Reads
        ``municipality`` — select it with the organization (``select_related``)."""
        if self.level == Level.ORGANIZATION and self.municipality_id:
            return f"{self} ({self.municipality})"
        return str(self)

    def ancestors(self) -> models.QuerySet[OrgUnit]:
        """Units above this one, from the top down (one query)."""
        ids = [int(part) for part in self.path.split("/") if part][:-1]
        return OrgUnit.objects.filter(pk__in=ids).order_by("path")

    def name_in(self, case: str, *, short: bool = False) -> str:
        """The full (or, ``short``, the short — the full one when there is none) name in
        ``case`` (``core.language.CASES``), as stored, computed when not stored; ``nomn`` — as
        registered."""
        from nastavnik.core.language import organization_name_case

        name = (self.short_name or self.full_name) if short else self.full_name
        if case == "nomn":
            return name
        field = f"{'short' if short and self.short_name else 'full'}_name_{case}"
        return getattr(self, field, "") or organization_name_case(name, case)

    @property
    def place_of_issue(self) -> str:
        """The place of issue of the unit's documents: ``place`` as entered, else the settlement
        of the address (``place_from_address``); "" when neither gives one."""
        return self.place or place_from_address(self.address or "")

    def fill_name_forms(self, previous: dict | None = None) -> None:
        """Fill the empty case fields and the place of issue from the names and the address.
        ``previous``: the stored row's ``full_name``, ``short_name`` and case fields; a case
        form that the user had not changed from the computed one follows a renamed unit."""
        from nastavnik.core.language import organization_name_case

        for prefix, name in (("full_name", self.full_name), ("short_name", self.short_name)):
            for case in NAME_CASES:
                field = f"{prefix}_{case}"
                current = getattr(self, field)
                if previous and previous.get(prefix) != name and current == previous.get(field):
                    if current == organization_name_case(previous.get(prefix) or "", case):
                        current = ""
                if not current and name:
                    setattr(
                        self,
                        field,
                        organization_name_case(name, case)[: self._meta.get_field(field).max_length],
                    )
        if not self.place:
            self.place = self.place_of_issue

    def clean(self) -> None:
        """Check the level order: a region under the federal level, a municipality under a region,
        an organization under a region or a municipality (seed 000 §IV); fill the names' case
        forms and the place of issue left empty (``fill_name_forms``)."""
        super().clean()
        previous = None
        if self.pk:
            previous = (
                OrgUnit.objects.filter(pk=self.pk)
                .values("full_name", "short_name", *NAME_CASE_FIELDS)
                .first()
            )
        self.fill_name_forms(previous)
        errors: dict[str, str] = {}
        parent = self.parent
        if self.level == Level.FEDERAL and parent is not None:
            errors["parent"] = "Федеральный уровень не может иметь вышестоящей единицы."
        elif self.level == Level.REGION and (parent is None or parent.level != Level.FEDERAL):
            errors["parent"] = "Регион должен входить в федеральный уровень."
        elif self.level == Level.MUNICIPALITY and (parent is None or parent.level != Level.REGION):
            errors["parent"] = "Муниципальное образование должно входить в регион."
        elif self.level == Level.ORGANIZATION and (
            parent is None or parent.level not in (Level.REGION, Level.MUNICIPALITY, Level.FEDERAL)
        ):
            errors["parent"] = "Организация должна входить в регион или муниципальное образование."
        if parent is not None and self.pk and parent.path.startswith(self.path):
            errors["parent"] = "Единица не может входить сама в себя."
        if self.level == Level.ORGANIZATION and not self.kind:
            errors["kind"] = "Укажите вид организации."
        if self.level != Level.ORGANIZATION and self.kind:
            errors["kind"] = "Вид указывается только для организаций."
        if self.level == Level.MUNICIPALITY and not self.municipality_type:
            errors["municipality_type"] = "Укажите вид муниципального образования."
        if self.level != Level.MUNICIPALITY and self.municipality_type:
            errors["municipality_type"] = (
                "Вид муниципального образования указывается только для муниципалитетов."
            )
        if self.municipality_id and self.municipality.level != Level.MUNICIPALITY:
            errors["municipality"] = "Выберите муниципальное образование."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Units in the subtrees of the user's grants; mentors and mentees see their own
        organization only (seed 000 §4.1)."""
        from nastavnik.access.choices import Action, Role
        from nastavnik.access.querysets import paths_q

        condition = paths_q("path", scope.paths("orgunit", action))
        if action == Action.VIEW:
            own = scope.unit_ids(roles=frozenset({Role.MENTOR, Role.MENTEE}))
            if own:
                condition |= Q(pk__in=own)
        return condition

    @property
    def is_organization(self) -> bool:
        return self.level == Level.ORGANIZATION

    def compute_path(self, parent: OrgUnit | None = None) -> str:
        """The path this unit must carry, from its parent's path (``parent`` when given, to spare
        a query) and its own id."""
        if parent is None and self.parent_id:
            parent = self.parent
        prefix = parent.path if parent is not None else ""
        return f"{prefix}{self.pk:0{PATH_STEP}d}/"


from nastavnik.organizations.partners import Partner, PartnerAgreement  # noqa: E402  (models of the app)

__all__ = ["OrgUnit", "Partner", "PartnerAgreement"]
