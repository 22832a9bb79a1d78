"""Type-ahead choosers of the mentoring forms (``core.autocomplete``; issue 16): the mentor and
the mentees of a new personalized program, the organization of a new organization's program."""

from __future__ import annotations

from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorProfile
from nastavnik.organizations.choosers import unit_chooser
from nastavnik.people.choosers import person_chooser
from nastavnik.people.models import Person


def program_mentors(user):
    """Active mentors of the banks of the organizations where ``user`` may add personalized
    programs (``forms.programs.program_organizations``), as people."""
    from nastavnik.mentoring.forms.programs import program_organizations

    mentors = MentorProfile.objects.for_user(user).filter(
        status=MentorStatus.ACTIVE, organization__in=program_organizations(user)
    )
    return Person.objects.filter(pk__in=mentors.values("person_id"))


def program_mentees(user):
    """People of the banks of mentees of the organizations where ``user`` may add personalized
    programs."""
    from nastavnik.mentoring.forms.programs import program_organizations

    mentees = MenteeProfile.objects.for_user(user).filter(organization__in=program_organizations(user))
    return Person.objects.filter(pk__in=mentees.values("person_id"))


def _mentoring_program_organizations(user):
    from nastavnik.mentoring.forms.completion import program_organizations

    return program_organizations(user)


PROGRAM_MENTORS = person_chooser("program-mentors", program_mentors)
PROGRAM_MENTEES = person_chooser("program-mentees", program_mentees)
#: Organizations where the user may add an organization's program.
MENTORING_PROGRAM_ORGANIZATIONS = unit_chooser(
    "mentoring-program-organizations", _mentoring_program_organizations
)
