"""Type-ahead choosers of professional development's forms (``core.autocomplete``; issue 16,
issue 18): the teachers and the organizations a coordinator of the ЦНППМ assigns a tutor to —
people and organizations of a whole region; the teacher of a new route; the teacher enrolled in a
course.
"""

from __future__ import annotations

from django.db.models import Q

from nastavnik.access.choices import DEVELOPMENT_KEEPERS, TEACHERS, Action
from nastavnik.access.querysets import paths_q
from nastavnik.access.scope import get_scope
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


def route_teachers(user):
    """The people ``user`` may make a route for: themselves (a teacher with a person card) and the
    people working now in the organizations where they keep the routes (the curator and the head,
    ``access.choices.DEVELOPMENT_KEEPERS``), by ФИО."""
    scope = get_scope(user)
    condition = Q(pk__in=[])
    if scope.person_id:
        condition |= Q(pk=scope.person_id)
    paths = scope.paths("individualroute", "add", roles=DEVELOPMENT_KEEPERS)
    if paths:
        working = Employment.objects.current().filter(paths_q("organization__path", paths))
        condition |= Q(pk__in=working.values("person_id"))
    return Person.objects.filter(condition).order_by("last_name", "first_name", "middle_name", "pk")


def applicants(user):
    """The people ``user`` may enrol in a course: themselves (a teacher with a person card), and
    the people they see who work now in the subtrees of their other ``enrollment`` ``add``
    grants (the curator and the head of a school, the ЦНППМ's coordinator, the regional
    operator). The rows of the chooser «Педагог» and the field's validation."""
    if user is None or not user.is_authenticated:
        return Person.objects.none()
    scope = get_scope(user)
    condition = Q(pk=scope.person_id) if scope.person_id else Q(pk__in=[])
    paths = scope.paths("enrollment", Action.ADD, roles=frozenset(scope.roles) - TEACHERS)
    if paths or user.is_superuser:
        working = Employment.objects.current()
        if not user.is_superuser:
            under = Q()
            for path in paths:
                under |= Q(organization__path__startswith=path)
            working = working.filter(under)
        condition |= Q(pk__in=working.values("person_id"))
    return Person.objects.for_user(user).filter(condition)


#: The teacher of a new route (``route_teachers``).
ROUTE_TEACHERS = person_chooser("route-teachers", route_teachers)
#: Teachers the user may enrol in a course (``applicants``).
COURSE_APPLICANTS = person_chooser("course-applicants", applicants)
