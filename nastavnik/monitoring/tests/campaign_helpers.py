"""What the campaign tests share: the people of the persona world a campaign addresses, and a
campaign made through the service."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from nastavnik.monitoring.models import Questionnaire
from nastavnik.monitoring.services import campaigns as services
from nastavnik.testing import factories as f

#: The built-in questionnaires a test campaign uses: one per role, the mentors' one anonymous.
CODES = ("mentee_difficulties_before", "mentor_feedback_after", "curator_periodic", "head_periodic")

_UNSET = object()


def campaign_people(world) -> dict:
    """Give the persona world what a campaign reads: the bank cards of ``mentee_a`` (mentee) and
    ``mentor_a`` (active mentor) in school A, person cards of the curator and the head of A, a
    mentee of B, a candidate mentor and a mentee who left school A (neither is addressed), and
    e-mail addresses. Returns the new people by name."""
    from nastavnik.bank.services import mentor_profile_create
    from nastavnik.matching.tests.bank import active_mentor, mentee
    from nastavnik.people.models import Employment

    mentee(world.mentee_a, world.school_a)
    active_mentor(world.mentor_a, world.school_a)
    people = {
        "curator_a": f.staff_member(world.school_a, last_name="Кураторова"),
        "head_a": f.staff_member(world.school_a, last_name="Директорова"),
        "mentee_b": f.staff_member(world.school_b, last_name="Белкина"),
        "candidate": f.staff_member(world.school_a, last_name="Кандидатова"),
        "left": f.staff_member(world.school_a, last_name="Ушедшая"),
    }
    mentee(people["mentee_b"], world.school_b)
    mentor_profile_create(person=people["candidate"], organization=world.school_a)
    mentee(people["left"], world.school_a)
    Employment.objects.filter(person=people["left"]).update(
        ended_on=timezone.localdate() - dt.timedelta(days=10)
    )
    for name in ("curator_a", "head_a"):
        user = world.users[name]
        people[name].user = user
        people[name].save(update_fields=["user"])
        user.email = {"curator_a": "kuratorova@example.ru", "head_a": "direktorova@example.ru"}[name]
        user.save(update_fields=["email"])
    for n, person in enumerate(
        [world.mentee_a, world.mentor_a, world.teacher_a, *people.values()],
    ):
        person.email = f"person{n}@example.ru"
        person.save(update_fields=["email"])
    return people


def make_campaign(
    world,
    *,
    owner,
    by,
    organizations=_UNSET,
    questionnaires=_UNSET,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    **extra,
):
    """A draft campaign of ``owner`` made by ``by`` through ``services.campaign_create``: the
    questionnaires ``CODES`` and, unless given, the school of the persona world under ``owner``
    (``organizations=None``: the service's default coverage)."""
    today = timezone.localdate()
    if organizations is _UNSET:
        organizations = [world.school_b if owner == world.muni2 else world.school_a]
    if questionnaires is _UNSET:
        questionnaires = list(Questionnaire.objects.filter(code__in=CODES))
    return services.campaign_create(
        by=by,
        owner=owner,
        title="Мониторинг реализации программ наставничества",
        goal="Собрать обратную связь участников",
        starts_on=starts_on or today,
        ends_on=ends_on or today + dt.timedelta(days=14),
        questionnaires=questionnaires,
        organizations=organizations,
        **extra,
    )
