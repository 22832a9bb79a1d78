"""Type-ahead choosers of professional development's forms (``core.autocomplete``; issue 16,
issue 18): the teachers and the organizations a coordinator of the ЦНППМ assigns a tutor to —
people and organizations of a whole region. Other parts of ``development`` add theirs here.
"""

from __future__ import annotations

from nastavnik.access.querysets import paths_q
from nastavnik.organizations.choosers import unit_chooser
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choosers import person_chooser
from nastavnik.people.models import Employment, Person


def tutor_assignable_people(user):
    """The people ``user`` sees (``Person.objects.for_user``) who work now in an organization
    where ``user`` may assign tutors (``tutorassignment`` ``add``: the coordinator's region)."""
    from nastavnik.development.selectors.tutors import overseen_paths

    paths = overseen_paths(user, "add")
    if not paths:
        return Person.objects.none()
    employed = Employment.objects.current().filter(paths_q("organization__path", paths))
    return Person.objects.for_user(user).filter(pk__in=employed.values("person_id"))


def tutor_assignable_organizations(user):
    """The organizations where ``user`` may assign tutors (``tutorassignment`` ``add``)."""
    return OrgUnit.objects.organizations().granted(user, "tutorassignment", "add")


#: The teacher of a new tutor assignment.
TUTOR_PEOPLE = person_chooser("tutor-people", tutor_assignable_people)
#: The organization of a new tutor assignment.
TUTOR_ORGANIZATIONS = unit_chooser("tutor-organizations", tutor_assignable_organizations)
