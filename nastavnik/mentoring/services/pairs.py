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

from nastavnik.core.language import lower_first
from nastavnik.mentoring.choices import EventKind, ProgramFormat
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.mentoring.periods import program_end_default, program_period_errors
from nastavnik.mentoring.services.common import STAGE_PREPARATORY, stage
from nastavnik.mentoring.services.events import program_event_write

logger = logging.getLogger("nastavnik.mentoring")

DEFAULT_FORM = "pedagogue_pedagogue"
DEFAULT_KIND = "traditional"
GROUP_KIND = "group"
#: The message when no form of mentoring admits the chosen participants.
NO_FORM = (
    "Ни одна форма наставничества, применяемая в организации, не допускает такую пару (группу): "
    "выберите форму наставничества и участников, которых она допускает."
)


def couples_form_errors(form, couples: Sequence[tuple], *, kinds: dict[int, str] | None = None) -> list[str]:
    """Russian messages, one per couple of ``couples`` (``(mentor, mentee)`` ``people.Person``)
    that the form of mentoring ``form`` (``reference.MentoringForm``) does not admit, naming the
    two (issue 20; seed 003 §4.2: the form decides which participants may be paired). ``kinds``:
    ``{person id: ParticipantKind value}`` when already read (``people.participants``)."""
    from nastavnik.people.participants import form_pair_error, participant_kinds

    if form is None:
        return []
    if kinds is None:
        kinds = participant_kinds({p.pk for couple in couples for p in couple})
    errors = []
    for mentor, mentee in couples:
        error = form_pair_error(form, kinds[mentor.pk], kinds[mentee.pk])
        if error:
            errors.append(f"Пару «{mentor.full_name} → {mentee.full_name}» сформировать нельзя. {error}")
    return errors


def form_for_couples(couples: Sequence[tuple], organization, *, kinds: dict[int, str] | None = None):
    """The form of mentoring of a new program of ``couples`` (``(mentor, mentee)`` people) in
    ``organization`` (``organizations.OrgUnit``) when the user chose none (issue 20; seed 003
    §4.2, 000 §2.3): «педагог – педагог» (``DEFAULT_FORM``) for pedagogical workers on both
    sides, as before; otherwise the first active form in the reference order that admits every
    couple and applies to the organization's kind (``MentoringForm.applies_to``).

    Raises:
        ValidationError: no such form (:data:`NO_FORM`, on ``mentoring_form``).
    """
    from nastavnik.people.participants import participant_kinds
    from nastavnik.reference.models import MentoringForm, ParticipantKind

    if kinds is None:
        kinds = participant_kinds({p.pk for couple in couples for p in couple})
    wanted = {(kinds[mentor.pk], kinds[mentee.pk]) for mentor, mentee in couples}
    if wanted <= {(ParticipantKind.WORKER, ParticipantKind.WORKER)}:
        return MentoringForm.objects.get(code=DEFAULT_FORM)
    for form in MentoringForm.objects.filter(is_active=True).order_by("sort_order", "name", "pk"):
        if form.applies_to(organization.kind) and all(form.allows(a, b) for a, b in wanted):
            return form
    raise ValidationError({"mentoring_form": NO_FORM})


def is_learners_form(form) -> bool:
    """Whether ``form`` is a form of mentoring of learners (its mentees are pupils or students,
    seed 003 §4.2)."""
    from nastavnik.reference.models import ParticipantKind

    learners = {ParticipantKind.PUPIL, ParticipantKind.STUDENT}
    return form is not None and bool(form.mentee_kinds) and set(form.mentee_kinds) <= learners


def _areas_phrase(areas: list[str]) -> str:
    """The names of difficulty areas inside a sentence: each with its first letter lowered
    unless it starts with an abbreviation («методические, ИКТ-компетенции, цифровизация
    образования»: ``core.language.lower_first``, issue 15 item 3)."""
    return ", ".join(lower_first(a) for a in areas)


def program_direction_default(areas: list[str]) -> str:
    """The direction of a new program from the names of the addressed difficulty areas
    (seed 000 §1.3: a program is aimed at the mentee's diagnosed difficulties)."""
    if not areas:
        return "Профессиональная адаптация и развитие наставляемого"
    return "Преодоление профессиональных затруднений: " + _areas_phrase(areas)


def program_goals_default(names: list[str], areas: list[str], requests: list[str] | None = None) -> str:
    """The goals of a new program for the mentees ``names`` and the addressed ``areas``; the
    mentees' own ``requests`` (``bank.MenteeProfile.request_text``, the map of requests, seed
    003 §4.4), when written, follow as its tasks."""
    who = ", ".join(names)
    if not areas:
        goals = f"Оказать помощь в профессиональном становлении и развитии: {who}."
    else:
        goals = (
            f"Оказать помощь в преодолении выявленных профессиональных затруднений ({who}) "
            f"в областях: {_areas_phrase(areas)}."
        )
    requests = [r.strip() for r in requests or () if r and r.strip()]
    if requests:
        goals += ("\nЗапросы наставляемых: " if len(requests) > 1 else "\nЗапрос наставляемого: ") + " ".join(
            r if r.endswith((".", "!", "?")) else r + "." for r in requests
        )
    return goals


def program_expected_results_default(areas: list[str]) -> str:
    """The expected results of a new program from the addressed ``areas`` (the curator refines
    them before approval; seed 000 §1.3, 004 §9.2: the difficulties are assessed again after the
    program)."""
    if not areas:
        return (
            "Наставляемый освоил профессиональные действия, необходимые для самостоятельной работы; "
            "самооценка профессиональных затруднений по итогам программы ниже, чем до неё."
        )
    return (
        f"Профессиональные затруднения в областях: {_areas_phrase(areas)} — преодолены или снижены, "
        "что подтверждается самооценкой наставляемого по итогам программы."
    )


def mentee_profile_defaults(mentees: Sequence) -> dict:
    """What a new program takes from the mentees' bank profiles (issue 15 item 8: «a new program
    takes the mentee's request and difficulty areas from the mentee's profile as its default»):
    ``deficits`` — the ``development.Deficit`` rows of each mentee's latest diagnosis (those of
    the latest date their deficits were recorded on, ``DeficitQuerySet.of_latest_date``; seed
    000 §1.3: the program is aimed at the mentee's diagnosed difficulties, §4.3.3 step 3),
    ``areas`` — the names of the areas of those deficits and of the profiles' request areas
    (``request_areas``), in the reference order, ``requests`` — the profiles' request texts.
    Three queries."""
    from nastavnik.bank.models import MenteeProfile
    from nastavnik.development.models import Deficit

    profiles = list(
        MenteeProfile.objects.filter(person__in=list(mentees))
        .prefetch_related("request_areas")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    deficits = list(
        Deficit.objects.filter(person__in=list(mentees))
        .of_latest_date()
        .select_related("area")
        .order_by("area__sort_order", "pk")
    )
    areas = {d.area.pk: d.area for d in deficits}
    for profile in profiles:
        areas.update({a.pk: a for a in profile.request_areas.all()})
    return {
        "deficits": deficits,
        "areas": [a.name for a in sorted(areas.values(), key=lambda a: (a.sort_order, a.name))],
        "requests": [p.request_text for p in profiles if p.request_text.strip()],
    }


#: The spheres in which a learner is helped (seed 003 §4.5: «в образовательных, спортивных,
#: творческих и адаптационных вопросах»).
LEARNER_SPHERES = "учебных, адаптационных, творческих и спортивных вопросах"
#: The length of ``PersonalizedProgram.direction``.
DIRECTION_MAX = 300


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def learner_direction_default(requests: list[str], *, group: bool = False) -> str:
    """The direction of a new program of learner mentees (issue 20; seed 003 §4.4: the map of
    requests): «Помощь обучающемуся: <запрос>», or the spheres of seed 003 §4.5 when no request
    is written. At most ``DIRECTION_MAX`` characters."""
    who = "обучающимся" if group else "обучающемуся"
    requests = [r.strip().rstrip(".") for r in requests if r and r.strip()]
    text = f"Помощь {who}: " + ("; ".join(lower_first(r) for r in requests) if requests else LEARNER_SPHERES)
    return text if len(text) <= DIRECTION_MAX else text[: DIRECTION_MAX - 1].rstrip() + "…"


def learner_goals_default(names: list[str], requests: list[str]) -> str:
    """The goals of a new program of learner mentees ``names`` with their ``requests`` from the
    map of requests (``bank.MenteeProfile.request_text``; seed 003 §4.4–4.5)."""
    who = ", ".join(names)
    goals = f"Оказать помощь обучающимся ({who}) в {LEARNER_SPHERES}."
    requests = [r.strip() for r in requests if r and r.strip()]
    if requests:
        goals += ("\nЗапросы наставляемых: " if len(requests) > 1 else "\nЗапрос наставляемого: ") + " ".join(
            _sentence(r) for r in requests
        )
    return goals


def learner_expected_results_default() -> str:
    """The expected results of a program of a learners' form (seed 003 §4.5, §4.7), in the
    learners' terms: educational, adaptation, creative and sports results."""
    return (
        "Повышение учебной успешности и мотивации к учёбе; успешная адаптация в коллективе "
        "и образовательной организации; участие в творческих проектах, конкурсах и олимпиадах; "
        "участие в спортивных мероприятиях и секциях; по итогам программы наставляемый оценивает "
        "помощь как полезную."
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
    deficits: Sequence | None = None,
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
    place rule, no open pair of the two already; and against the form of mentoring
    (:func:`couples_form_errors`, issue 20: the form decides who may be paired — a pupil
    guides pupils, a teacher guides learners, …). Without ``mentoring_form`` the form is
    chosen from the participants (:func:`form_for_couples`): «педагог – педагог» for
    pedagogical workers. The program belongs to the mentees'
    organization (all mentees must be in the bank of one organization). Omitted fields get
    defaults a curator edits before approval: the form «педагог – педагог», the traditional
    kind (and the group kind for a group), from the mentees' bank profiles
    (:func:`mentee_profile_defaults`) the deficits (those of each mentee's latest diagnosis) and
    the direction, goals (with the mentees' requests) and expected results written from their
    areas and the areas of their requests — for learner mentees from their requests in the
    learners' wording (:func:`learner_direction_default`, seed 003 §4.4–4.5), nine months from
    ``starts_on`` (today), the
    user's person as curator when they are a curator of the organization. The pairs start on
    ``paired_on`` (today). ``by`` must hold the ``personalizedprogram`` ``add`` right over the
    mentees' organization (``access.rules``; ``by=None`` is the system).

    Returns the program in status «Проект» at the preparatory stage, with its pairs and a
    «created» event.

    Raises:
        PermissionDenied: ``by`` may not form pairs in the mentees' organization.
        ValidationError: no mentee; the mentor among the mentees; mentees of different
            organizations; a period outside three to twelve months; one message per
            refused couple (``pairs_check``, the form's participants); no form admitting the
            participants when none is chosen. Nothing is written then.
    """
    from nastavnik.matching.services import pairs_check
    from nastavnik.organizations.models import OrgUnit
    from nastavnik.people.participants import participant_kinds
    from nastavnik.reference.models import MentoringKind, ParticipantKind

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

    couples = [(mentor, m) for m in mentees]
    who = participant_kinds([mentor.pk, *(m.pk for m in mentees)], on=today)
    if mentoring_form is None:
        mentoring_form = form_for_couples(couples, OrgUnit.objects.get(pk=organization_id), kinds=who)
    form_errors = couples_form_errors(mentoring_form, couples, kinds=who)
    if form_errors:
        raise ValidationError({"mentoring_form": form_errors})
    learners = all(who[m.pk] in (ParticipantKind.PUPIL, ParticipantKind.STUDENT) for m in mentees)

    defaults = mentee_profile_defaults(mentees)
    if deficits is None:
        deficits = defaults["deficits"]
        areas = defaults["areas"]
    else:
        deficits = list(deficits)
        chosen = {d.area.pk: d.area for d in deficits}
        areas = [a.name for a in sorted(chosen.values(), key=lambda a: (a.sort_order, a.name))]
    group = len(mentees) > 1
    names = [m.full_name for m in mentees]
    if learners and not areas:
        default_direction = learner_direction_default(defaults["requests"], group=group)
        default_goals = learner_goals_default(names, defaults["requests"])
    else:
        default_direction = program_direction_default(areas)
        default_goals = program_goals_default(names, areas, defaults["requests"])
    if is_learners_form(mentoring_form) and not areas:
        default_results = learner_expected_results_default()
    else:
        default_results = program_expected_results_default(areas)
    program = PersonalizedProgram(
        organization_id=organization_id,
        format=ProgramFormat.GROUP if group else ProgramFormat.PAIR,
        mentoring_form=mentoring_form,
        interaction_model=interaction_model,
        direction=direction or default_direction,
        goals=goals or default_goals,
        expected_results=expected_results or default_results,
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
    program.deficits.set(deficits)
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
