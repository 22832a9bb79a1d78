"""Type-ahead choosers of the registry of partners (``core.autocomplete``; issue 16 and 20): the
unit that keeps a partner, our party of an agreement, the organization of a participant outside
the staff, and the partner itself — each over the rows the user may choose."""

from __future__ import annotations

from nastavnik.core.autocomplete import Chooser, register_chooser
from nastavnik.core.search import contains_q
from nastavnik.organizations.choosers import unit_chooser
from nastavnik.organizations.models import OrgUnit, Partner


def partner_units(user):
    """Organizations, municipalities and the region whose registry of partners ``user`` keeps
    (``partner`` ``add``; ``SECTION_KEEPERS`` over their subtrees)."""
    return OrgUnit.objects.granted(user, "partner", "add").exclude(level="federal")


def agreement_units(user):
    """The units ``user`` may conclude (record) agreements for (``partneragreement`` ``add``)."""
    return OrgUnit.objects.granted(user, "partneragreement", "add").exclude(level="federal")


def nonstaff_organizations(user):
    """The organizations whose participants outside the staff ``user`` keeps
    (``nonstaffparticipant`` ``add``: their curator and head)."""
    return OrgUnit.objects.granted(user, "nonstaffparticipant", "add").organizations()


def visible_partners(user):
    """Active partners of the registry ``user`` sees (``Partner.objects.for_user``)."""
    return Partner.objects.for_user(user).filter(is_active=True)


def search_partners(queryset, term: str):
    """Partners whose full or short name contains ``term``; digits — also by ИНН."""
    condition = contains_q("full_name", term) | contains_q("short_name", term)
    if term.isascii() and term.isdigit():
        condition |= contains_q("inn", term)
    return queryset.filter(condition)


#: The unit that keeps a new partner.
PARTNER_UNITS = unit_chooser("partner-units", partner_units)
#: Our party of an agreement with a partner.
AGREEMENT_UNITS = unit_chooser("partner-agreement-units", agreement_units)
#: The organization of a participant outside the staff.
NONSTAFF_ORGANIZATIONS = unit_chooser("nonstaff-organizations", nonstaff_organizations)
#: The partner a participant outside the staff comes from.
PARTNERS = register_chooser(
    Chooser(
        kind="partner-registry",
        rows=visible_partners,
        search=search_partners,
        label=str,
        order=("full_name", "pk"),
        placeholder="Начните вводить наименование или ИНН…",
    )
)


def keeper_units(user):
    """The units that keep the partners ``user`` sees: the filter «Кто ведёт сведения»."""
    return OrgUnit.objects.filter(pk__in=Partner.objects.for_user(user).values("unit_id"))


#: The filter of the registry by the unit that keeps the partner.
KEEPER_UNITS = unit_chooser("partner-keeper-units", keeper_units)
