"""Forms for creating and editing organization units; choices are narrowed to the user's scope."""

from __future__ import annotations

from django import forms
from django.db import models
from django.db.models import Q

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import NAME_CASE_FIELDS, OrgUnit

_EDIT_FIELDS = [
    "full_name",
    "short_name",
    "kind",
    "municipality_type",
    "municipality",
    "inn",
    "address",
    "email",
    "phone",
    "website",
    # How the documents name the unit (issue 15 item 1): shown folded, computed when left empty.
    "place",
    *NAME_CASE_FIELDS,
]


def _formfield(field: models.Field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class OrgUnitEditForm(forms.ModelForm):
    """Edit an existing unit's details (not its place in the tree). The names in cases and the
    place of issue (``document_field_names``) are shown folded: left empty, they are computed
    from the names and the address."""

    document_field_names = ("place", *NAME_CASE_FIELDS)

    class Meta:
        model = OrgUnit
        fields = _EDIT_FIELDS
        formfield_callback = _formfield

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The unit's current municipality stays a valid choice even when the user's scope
        # does not reach it (the head of a school sees the school, not its municipality).
        in_scope = Q(pk__in=OrgUnit.objects.for_user(user).municipalities().values("pk"))
        if self.instance.municipality_id:
            in_scope |= Q(pk=self.instance.municipality_id)
        self.fields["municipality"].queryset = OrgUnit.objects.municipalities().filter(in_scope)
        self.fields["inn"].help_text = "10 цифр для юридического лица."
        bootstrap_widgets(self.fields)


class OrgUnitCreateForm(OrgUnitEditForm):
    """Create a unit under a parent the user may add to."""

    class Meta:
        model = OrgUnit
        fields = ["parent", "level", *_EDIT_FIELDS]
        formfield_callback = _formfield

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["parent"].queryset = OrgUnit.objects.for_user(user, "add").exclude(
            level=Level.ORGANIZATION
        )
        self.fields["parent"].required = True
        self.fields["level"].choices = [
            (Level.MUNICIPALITY.value, Level.MUNICIPALITY.label),
            (Level.ORGANIZATION.value, Level.ORGANIZATION.label),
        ]
        self.fields["level"].initial = Level.ORGANIZATION


class _WithMunicipality:
    """Choices of units labelled with their municipality, read in the same query."""

    def _set_queryset(self, queryset):
        if queryset is not None:
            queryset = queryset.select_related("municipality")
            if queryset.query.deferred_loading[1] is False:  # ``.only(...)``: add what the label reads
                fields = set(queryset.query.deferred_loading[0])
                queryset = queryset.only(
                    *fields, "level", "municipality__full_name", "municipality__short_name"
                )
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj) -> str:
        return obj.label_with_municipality


class OrgUnitChoiceField(_WithMunicipality, forms.ModelChoiceField):
    """A choice of an organization or a territory labelled with its municipality
    (``OrgUnit.label_with_municipality``: «МБОУ «СОШ № 1» (г. Сургут)»), so that same-named
    schools of different municipalities can be told apart. The municipality is read with the
    choices, in the same query."""


class OrgUnitMultipleChoiceField(_WithMunicipality, forms.ModelMultipleChoiceField):
    """Several organizations or territories, each labelled with its municipality (as
    :class:`OrgUnitChoiceField`)."""
