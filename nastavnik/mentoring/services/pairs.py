"""Forming pairs and groups with their personalized program (seed 000 §IV stage 5, 001 §4.4.3,
004 §1.6.6, §6.2.3).

A pair is never created alone: it is created with the draft of its personalized program,
which the curator then completes and approves (``services.programs``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.mentoring.choices import EventKind, ProgramFormat
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.mentoring.periods import program_end_default, program_period_errors
from nastavnik.mentoring.services.common import STAGE_PREPARATORY, stage
from nastavnik.mentoring.services.events import program_event_write

logger = logging.getLogger("nastavnik.mentoring")

DEFAULT_FORM = "pedagogue_pedagogue"
DEFAULT_KIND = "traditional"
GROUP_KIND = "group"


def program_direction_default(areas: list[str]) -> str:
    """The direction of a new program from the names of the addressed difficulty areas
    (seed 000 §1.3: a program is aimed at the mentee's diagnosed difficulties)."""
    if not areas:
        return "Профессиональная адаптация и развитие наставляемого"
    return "Преодоление профессиональных затруднений: " + ", ".join(a.lower() for a in areas)


def program_goals_default(names: list[str], areas: list[str]) -> str:
    """The goals of a new program for the mentees ``names`` and the addressed ``areas``."""
    who = ", ".join(names)
    if not areas:
        return f"Оказать помощь в профессиональном становлении и развитии: {who}."
    return (
        f"Оказать помощь в преодолении выявленных профессиональных затруднений ({who}) "
        f"в областях: {', '.join(a.lower() for a in areas)}."
    )


@transaction.atomic
def program_create(
    *,
    mentor,
    mentees: Sequence,
    by,
    mentoring_form=None,
    interaction_model=None,
    kinds: Sequence | None = None,
    direction: str = "",
    goals: str = "",
    expected_results: str = "",
    difficulties: Sequence | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    curator=None,
    paired_on: dt.date | None = None,
) -> PersonalizedProgram:
    """Form a pair (one mentee) or a group (two or more, seed 000 §2.3) of ``mentor`` with
    ``mentees`` (``people.Person``) and the draft of their personalized program, in one
    transaction (seed 001 §4.4.3, 004 §1.6.6).

    Every couple is checked by :func:`nastavnik.matching.services.pairs_check`: both written
    consents, an active mentor with free places, consents to personal-data processing, the
    place rule, no open pair of the two already. The program belongs to the mentees'
    organization (all mentees must be in the bank of one organization). Omitted fields get
    defaults a curator edits before approval: the form «педагог – педагог», the traditional
    kind (and the group kind for a group), the direction and goals from the mentees' diagnosed
    difficulties (all of them are addressed), nine months from ``starts_on`` (today), the
    user's person as curator when they are a curator of the organization. The pairs start on
    ``paired_on`` (today). ``by`` must hold the ``personalizedprogram`` ``add`` right over the
    mentees' organization (``access.rules``; ``by=None`` is the system).

    Returns the program in status «Проект» at the preparatory stage, with its pairs and a
    «created» event.

    Raises:
        PermissionDenied: ``by`` may not form pairs in the mentees' organization.
        ValidationError: no mentee; the mentor among the mentees; mentees of different
            organizations; a period outside three to twelve months; or one message per
            refused couple (``pairs_check``). Nothing is written then.
    """
    from nastavnik.bank.models import Difficulty, MenteeProfile
    from nastavnik.matching.services import pairs_check
    from nastavnik.reference.models import MentoringForm, MentoringKind

    mentees = list(mentees)
    if not mentees:
        raise ValidationError({"mentees": "Выберите хотя бы одного наставляемого."})
    if len({m.pk for m in mentees}) != len(mentees):
        raise ValidationError({"mentees": "Наставляемый указан дважды."})
    if any(m.pk == mentor.pk for m in mentees):
        raise ValidationError({"mentees": "Нельзя быть наставником самому себе."})
    today = timezone.localdate()
    starts_on = starts_on or today
    ends_on = ends_on or program_end_default(starts_on)
    period_errors = program_period_errors(starts_on, ends_on)
    if period_errors:
        raise ValidationError({"ends_on": period_errors})

    approved, errors = pairs_check([(mentor.pk, m.pk) for m in mentees], today=today)
    if errors:
        raise ValidationError(errors)
    organizations = {mentee.organization_id for _, mentee in approved}
    if len(organizations) > 1:
        raise ValidationError(
            {"mentees": "В группу включаются наставляемые одной организации: их банки разные."}
        )
    (organization_id,) = organizations
    _require_add(by, organization_id)

    profiles = MenteeProfile.objects.filter(person__in=mentees)
    if difficulties is None:
        difficulties = list(Difficulty.objects.filter(mentee__in=profiles).select_related("area"))
    areas = sorted({d.area.name for d in difficulties})
    group = len(mentees) > 1
    program = PersonalizedProgram(
        organization_id=organization_id,
        format=ProgramFormat.GROUP if group else ProgramFormat.PAIR,
        mentoring_form=mentoring_form or MentoringForm.objects.get(code=DEFAULT_FORM),
        interaction_model=interaction_model,
        direction=direction or program_direction_default(areas),
        goals=goals or program_goals_default([m.full_name for m in mentees], areas),
        expected_results=expected_results,
        starts_on=starts_on,
        ends_on=ends_on,
        curator_id=curator.pk if curator is not None else _own_curator_id(by, organization_id),
        stage=stage(STAGE_PREPARATORY),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    program.full_clean()
    program.save()
    if kinds is None:
        kinds = list(
            MentoringKind.objects.filter(code__in=[DEFAULT_KIND, GROUP_KIND] if group else [DEFAULT_KIND])
        )
    program.kinds.set(kinds)
    program.difficulties.set(difficulties)
    paired_on = paired_on or today
    for mentee in mentees:
        pair = Pair(
            mentor=mentor,
            mentee=mentee,
            organization_id=organization_id,
            started_on=paired_on,
            program=program,
        )
        pair.full_clean()
        pair.save()
    names = ", ".join(m.full_name for m in mentees)
    what = "группа" if group else "пара"
    program_event_write(
        program=program,
        kind=EventKind.CREATED,
        summary=f"Сформирована наставническая {what}: {mentor.full_name} → {names}; создан проект программы",
        by=by,
        to_status=program.status,
    )
    logger.info(
        "program %s created with %s pairs by user %s", program.pk, len(mentees), getattr(by, "pk", None)
    )
    return program


def _require_add(by, organization_id: int) -> None:
    """``PermissionDenied`` unless ``by`` (``None``: the system) may draw programs up in the
    organization ``organization_id``."""
    from nastavnik.access.rules import require_perm
    from nastavnik.organizations.models import OrgUnit

    if by is not None:
        organization = OrgUnit.objects.get(pk=organization_id)
        require_perm(
            by,
            "personalizedprogram",
            "add",
            organization,
            message="Формировать пары и программы могут куратор и руководитель организации наставляемого.",
        )


def _own_curator_id(user, organization_id: int) -> int | None:
    """The id of the user's person when they are a curator of the organization, else ``None``
    (from the user's cached scope)."""
    from nastavnik.access.choices import Role
    from nastavnik.access.scope import get_scope

    if not getattr(user, "is_authenticated", False):
        return None
    scope = get_scope(user)
    return scope.person_id if organization_id in scope.unit_ids(roles=frozenset({Role.CURATOR})) else None
