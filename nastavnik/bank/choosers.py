"""Type-ahead choosers of the bank's forms (``core.autocomplete``; issue 16): the organization
whose bank receives a card and the worker it is for, over the user's ``add`` grants."""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import Exists, OuterRef

from nastavnik.organizations.choices import Level
from nastavnik.organizations.choosers import unit_chooser
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choosers import person_chooser
from nastavnik.people.models import Employment, Person


def _organizations(model: str):
    def rows(user):
        from nastavnik.bank.forms import bank_organizations

        return bank_organizations(user, model)

    return rows


def _newcomers(model: str):
    """People employed now in an organization whose bank (``model``: "mentorprofile" or
    "menteeprofile") the user may add to, who have no such card yet."""

    def rows(user):
        from nastavnik.bank.forms import bank_organizations
        from nastavnik.bank.models import MenteeProfile, MentorProfile

        cards = {"mentorprofile": MentorProfile, "menteeprofile": MenteeProfile}[model]
        staff = Employment.objects.current().filter(organization__in=bank_organizations(user, model))
        # NOT EXISTS, not NOT IN: PostgreSQL cannot hash the country's cards (400,000) for a
        # NOT IN and rescanned them per worker (issue 16: 2.8 s for a head of one school).
        return Person.objects.filter(pk__in=staff.values("person_id")).filter(
            ~Exists(cards.objects.filter(person_id=OuterRef("pk")))
        )

    return rows


#: Every municipality of the country: the filter «Муниципальное образование» of the open bank,
#: whose lists are the whole reference, not a scope (a select of them was 1,959 options, 190 KB
#: of every page of the open bank at the size of the country: issue 16).
OPEN_BANK_MUNICIPALITIES = unit_chooser(
    "open-bank-municipalities",
    lambda user: OrgUnit.objects.filter(level=Level.MUNICIPALITY),
    placeholder="Начните вводить название…",
)

#: scope model → the choosers of a new card's person and organization.
CARD_CHOOSERS = {
    "mentorprofile": SimpleNamespace(
        people=person_chooser("bank-new-mentors", _newcomers("mentorprofile")),
        organizations=unit_chooser("bank-mentor-organizations", _organizations("mentorprofile")),
    ),
    "menteeprofile": SimpleNamespace(
        people=person_chooser("bank-new-mentees", _newcomers("menteeprofile")),
        organizations=unit_chooser("bank-mentee-organizations", _organizations("menteeprofile")),
    ),
}
