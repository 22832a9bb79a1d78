"""Type-ahead choosers of organizations and territories (``core.autocomplete``; issue 16).

Each chooser's ``rows`` is the queryset its field validates against; the endpoint
``/autocomplete/<kind>/`` answers from the same rows. A higher app declares its own choosers of
units (over its own rule, e.g. ``granted(user, "mentorprofile", "add")``) with
:func:`unit_chooser` in its ``choosers.py``.
"""

from __future__ import annotations

from django.db.models import Q, Value
from django.db.models.functions import Coalesce, NullIf

from nastavnik.core.autocomplete import Chooser, register_chooser
from nastavnik.core.search import contains_q
from nastavnik.organizations.models import OrgUnit


def search_units(queryset, term: str):
    """Units whose full or short name contains ``term`` (any case, Cyrillic included); digits —
    also those whose ИНН starts with them."""
    condition = contains_q("full_name", term) | contains_q("short_name", term)
    if term.isascii() and term.isdigit():
        condition |= Q(inn__startswith=term)
    return queryset.filter(condition)


def _prepare_units(queryset):
    """The municipality read with the unit (``label_with_municipality``) and the name it is
    ordered by: the short name, the full one where there is none."""
    return queryset.select_related("municipality").annotate(
        chooser_name=Coalesce(NullIf("short_name", Value("")), "full_name")
    )


def _label(unit: OrgUnit) -> str:
    return unit.label_with_municipality


def unit_chooser(
    kind: str, rows, *, label=None, placeholder: str = "Начните вводить название или ИНН…", params=()
) -> Chooser:
    """Register and return a chooser of units ``kind`` over ``rows(user) -> OrgUnit queryset``:
    searched by name or ИНН, shown as «МБОУ «СОШ № 1» (г. Сургут)» (or by ``label(unit)``), in
    the order of names; ``params`` — as ``Chooser.params``."""
    return register_chooser(
        Chooser(
            kind=kind,
            rows=rows,
            search=search_units,
            label=label or _label,
            order=("chooser_name", "pk"),
            prepare=_prepare_units,
            placeholder=placeholder,
            params=tuple(params),
        )
    )


#: Organizations the user sees (``for_user(user, "view")``): the filters «Организация» of lists.
ORGANIZATIONS = unit_chooser("organizations", lambda user: OrgUnit.objects.for_user(user).organizations())
#: Municipalities the user sees: the filters «Муниципальное образование» of lists.
MUNICIPALITIES = unit_chooser(
    "municipalities",
    lambda user: OrgUnit.objects.for_user(user).municipalities(),
    placeholder="Начните вводить название…",
)
