"""Type-ahead choosers of the mentoring forms (``core.autocomplete``; issue 16): the mentor and
the mentees of a new personalized program — each shown with what they are: a pupil of a class, a
student of a group, a participant outside the staff, a worker's position (issue 20) —, the
organization of a new organization's program."""

from __future__ import annotations

from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorProfile
from nastavnik.core.autocomplete import Chooser, register_chooser
from nastavnik.mentoring.selectors.participants import participant_what, with_participant
from nastavnik.organizations.choosers import unit_chooser
from nastavnik.people.choosers import search_people
from nastavnik.people.models import Person


def participant_label(person) -> str:
    """«Фамилия Имя Отчество — ученик, 7 Б» / «… — учитель, СОШ № 1» for the choosers of a new
    program (issue 20)."""
    parts = [p for p in (participant_what(person), getattr(person, "workplace", "")) if p]
    return f"{person.full_name} — {', '.join(parts)}" if parts else person.full_name


def participant_chooser(kind: str, rows) -> Chooser:
    """A chooser of participants of a new program: as ``people.choosers.person_chooser``, each
    shown with what they are (:func:`participant_label`)."""
    return register_chooser(
        Chooser(
            kind=kind,
            rows=rows,
            search=search_people,
            label=participant_label,
            order=("last_name", "first_name", "middle_name", "pk"),
            prepare=with_participant,
            placeholder="Начните вводить фамилию…",
        )
    )


def program_mentors(user):
    """Active mentors of the banks of the organizations where ``user`` may add personalized
    programs (``forms.programs.program_organizations``), as people: pedagogical workers,
    learners and participants outside the staff alike (issue 20)."""
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


PROGRAM_MENTORS = participant_chooser("program-mentors", program_mentors)
PROGRAM_MENTEES = participant_chooser("program-mentees", program_mentees)
#: Organizations where the user may add an organization's program.
MENTORING_PROGRAM_ORGANIZATIONS = unit_chooser(
    "mentoring-program-organizations", _mentoring_program_organizations
)
