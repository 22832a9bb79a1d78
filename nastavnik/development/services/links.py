"""Links of a teacher's professional development to mentoring (issue 18, Build 5).

* A completed personalized program is a step of the mentee's individual educational route:
  :func:`route_record_program_result` writes its result on each live route of each of its mentees
  (seed 000 §4.3.2–4.3.3: the short personalized program beside the long route; §1.3: the program
  is aimed at the mentee's diagnosed difficulties). Called explicitly by
  ``mentoring.services.completion.program_complete``, never by a signal.
* The mentee's self-assessed difficulties in a questionnaire are deficits of the same notion
  (``Deficit`` with source «анкета наставляемого»): :func:`deficits_record_self_assessed`, called
  explicitly by ``monitoring.services.questionnaires.answer_submit``.

This module imports only ``development`` and lower apps: the program and the answer come in as
plain objects and values (duck-typed), so that ``development`` never imports ``mentoring`` or
``monitoring``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

from django.db import transaction

from nastavnik.access.rules import require_perm
from nastavnik.core.typography import quoted
from nastavnik.development.choices import DeficitLevel, DeficitSource, RouteEventKind
from nastavnik.development.models import Deficit, IndividualRoute, RouteEvent

logger = logging.getLogger("nastavnik.development")

#: The refusal when ``by`` may not complete the program whose result is recorded.
PROGRAM_RESULT_REFUSAL = "Результат программы на маршрут записывают куратор и руководитель организации."

#: Characters of the program's results kept in an event's summary (the whole text goes to its
#: comment when longer).
RESULT_SUMMARY_CHARS = 250

#: The self-assessed difficulty of an area (a scale question of measure «difficulty»: 1 =
#: «затруднений нет» … 10 = «очень серьёзные затруднения», ``monitoring.builtin``) that makes a
#: deficit, and its level: the upper half of the scale is its «difficult» end. Below
#: :data:`SELF_ASSESSED_THRESHOLD` (1–5) nothing is recorded.
SELF_ASSESSED_LEVELS: tuple[tuple[int, int], ...] = (
    (10, DeficitLevel.CRITICAL),  # 10 — критический
    (8, DeficitLevel.MARKED),  # 8–9 — выраженный
    (6, DeficitLevel.MINOR),  # 6–7 — незначительный
)
SELF_ASSESSED_THRESHOLD = SELF_ASSESSED_LEVELS[-1][0]


def self_assessed_level(value: int | None) -> int | None:
    """The ``DeficitLevel`` of a self-assessed difficulty ``value`` (1–10) by
    :data:`SELF_ASSESSED_LEVELS`: 6–7 minor, 8–9 marked, 10 critical; ``None`` for 1–5 or no
    value (no deficit)."""
    if value is None:
        return None
    for lowest, level in SELF_ASSESSED_LEVELS:
        if value >= lowest:
            return level
    return None


def _period(program) -> str:
    ends_on = program.completed_on or program.ends_on
    return f"{program.starts_on:%d.%m.%Y} – {ends_on:%d.%m.%Y}"


def program_result_summary(program) -> str:
    """The summary of the route's «program result» event for ``program`` (a
    ``mentoring.PersonalizedProgram``): its title (number and direction), its dates (start –
    completion) and its results, cut to :data:`RESULT_SUMMARY_CHARS` characters with «…»."""
    results = " ".join((program.results or "").split())
    if len(results) > RESULT_SUMMARY_CHARS:
        results = results[: RESULT_SUMMARY_CHARS - 1].rstrip() + "…"
    summary = f"Завершена персонализированная программа наставничества № {program.pk} {quoted(program.direction)} ({_period(program)})"
    return f"{summary}. Итоги: {results}" if results else summary


@transaction.atomic
def route_record_program_result(*, program, by) -> list[RouteEvent]:
    """Record the result of the completed ``program`` (a ``mentoring.PersonalizedProgram``) on
    the mentee's route: one ``RouteEvent`` of kind «результат программы наставничества» on each
    live route (being drawn up or carried out, ``IndividualRouteQuerySet.live``) of each mentee of
    the program (its pairs, ended or not), with :func:`program_result_summary` as its summary
    and, when the results were cut there, their whole text as its comment; the author is ``by``.

    ``by`` completes the program: the ``personalizedprogram`` ``complete`` right over it (checked
    here; ``None`` is the system). A mentee without a live route gets nothing. Returns the events
    written, in the order of the routes' ids.

    Raises:
        PermissionDenied: ``by`` may not complete the program.
    """
    require_perm(by, "personalizedprogram", "complete", program, message=PROGRAM_RESULT_REFUSAL)
    mentee_ids = program.pairs.values("mentee_id")
    routes = list(IndividualRoute.objects.live().filter(person_id__in=mentee_ids).order_by("pk"))
    if not routes:
        return []
    summary = program_result_summary(program)
    results = (program.results or "").strip()
    comment = results if summary.endswith("…") else ""
    events = [
        RouteEvent.record(
            route=route, kind=RouteEventKind.PROGRAM_RESULT, summary=summary, by=by, comment=comment
        )
        for route in routes
    ]
    logger.info("program %s: result recorded on routes %s", program.pk, [r.pk for r in routes])
    return events


@transaction.atomic
def deficits_record_self_assessed(
    *, person_id: int, organization_id: int, answered_on: dt.date, values: Mapping[int, int], by
) -> list[Deficit]:
    """Record the deficits a teacher assessed themselves in a named questionnaire (seed 000
    §4.3.3 step 3: «самодиагностика профессиональных затруднений»; 004 §9.2): ``values`` maps a
    ``reference.CompetenceArea`` id to the answer of its difficulty question (1–10). Each area
    answered at the difficult end (:func:`self_assessed_level`: 6 and more) gets a ``Deficit`` of
    the person ``person_id``, kept in the organization ``organization_id`` (the questionnaire's),
    with source «анкета наставляемого», ``diagnosed_on = answered_on`` (the answer's date) and the
    level by the value. A deficit of the same area, source and date (a second questionnaire the
    same day) takes the new level instead of a duplicate. Areas answered 1–5 are not recorded
    and nothing recorded earlier is removed.

    ``by`` is who submitted the answer (the person, or the curator entering a paper form): the
    ``diagnosis`` ``add`` right over each deficit, checked here (``None`` is the system).

    Returns the deficits written, in the order of the areas' ids.

    Raises:
        PermissionDenied: ``by`` may not record the person's deficits (nothing is written).
    """
    written = []
    for area_id in sorted(values):
        level = self_assessed_level(values[area_id])
        if level is None:
            continue
        deficit = Deficit.objects.filter(
            person_id=person_id,
            area_id=area_id,
            source=DeficitSource.QUESTIONNAIRE,
            diagnosed_on=answered_on,
            diagnosis__isnull=True,
        ).first() or Deficit(
            person_id=person_id,
            area_id=area_id,
            source=DeficitSource.QUESTIONNAIRE,
            diagnosed_on=answered_on,
        )
        deficit.organization_id = organization_id
        deficit.level = level
        deficit.description = f"Самооценка в анкете: {values[area_id]} из 10."
        deficit.full_clean()
        deficit.save()
        require_perm(by, "diagnosis", "add", deficit)
        written.append(deficit)
    return written
