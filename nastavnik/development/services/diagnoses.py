"""Writes of diagnoses of achievements and deficits (seed 000 §4.3.3, steps 2–3): a teacher's
self-diagnosis, or an expert diagnosis by a tutor of the ЦНППМ, the curator or the head of the
organization, or the teacher's mentor — a level 1–5 and the achievements in each of the eight
competence areas, and the deficits found (at most one per area).

Keyword-only, in one transaction, ``full_clean()`` before every save. The acting user (``by``)
is checked on the saved diagnosis (``access.rules.require_perm(by, "diagnosis", "add", …)``:
``PermissionDenied`` rolls everything back; ``by=None`` is the system: the demo, commands).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.rules import require_perm
from nastavnik.access.scope import get_scope
from nastavnik.development.choices import DeficitLevel, DeficitSource, DiagnosisKind, RouteEventKind
from nastavnik.development.models import Deficit, Diagnosis, DiagnosisResult, RouteEvent
from nastavnik.development.selectors.diagnoses import EXPERT_SOURCES, active_areas
from nastavnik.people.models import Employment

#: The roles whose expert diagnosis is given over their own organization's subtree (the curator
#: and the head); a tutor and a mentor reach their teachers through assignments and pairs.
SUBTREE_EXPERTS = frozenset({Role.CURATOR, Role.HEAD})

#: The refusal of a diagnosis the user may not give.
REFUSAL = "Вы не можете проводить диагностику этого педагога."


def _check_kind(*, by, person, organization, kind: str, source: str) -> None:
    """Refuse a kind and a source that do not go together or do not fit ``by``."""
    own_person_id = get_scope(by).person_id if by is not None and by.is_authenticated else None
    if kind == DiagnosisKind.SELF:
        if source != DeficitSource.SELF_DIAGNOSIS:
            raise ValidationError({"source": "Самодиагностику проводит сам педагог."})
        if by is not None and not by.is_superuser and own_person_id != person.pk:
            raise ValidationError({"kind": "Самодиагностику педагог проводит только сам."})
        return
    if kind != DiagnosisKind.EXPERT:
        raise ValidationError({"kind": "Выберите вид диагностики."})
    if source not in EXPERT_SOURCES:
        raise ValidationError(
            {
                "source": "Укажите, кто провёл экспертную диагностику: тьютор, куратор, руководитель или наставник."
            }
        )
    if by is None or by.is_superuser:
        return
    if own_person_id == person.pk:
        raise ValidationError({"kind": "Себя педагог диагностирует сам: выберите самодиагностику."})
    role = EXPERT_SOURCES[source]
    scope = get_scope(by)
    if not scope.has_role(role):
        raise ValidationError(
            {"source": "Вы не можете провести диагностику в этом качестве: выберите свою роль."}
        )
    if role in SUBTREE_EXPERTS:
        paths = scope.paths("diagnosis", "add", roles=frozenset({role}))
        if organization is None or not any(organization.path.startswith(p) for p in paths):
            raise PermissionDenied(REFUSAL)


def _area_id(area) -> int | None:
    """The id of ``area`` (a ``CompetenceArea``, its id, or its id as text); ``None`` for
    anything else."""
    try:
        return int(getattr(area, "pk", area))
    except (TypeError, ValueError):
        return None


def _check_results(results: dict, areas: dict) -> dict:
    """``{area_id: (level, achievements)}`` checked against the active ``areas``: every area has
    a level, no other area is given. Returns the results keyed by ``int`` id."""
    clean: dict[int, tuple[int | None, str]] = {}
    for key, value in (results or {}).items():
        area_id = _area_id(key)
        if area_id not in areas:
            raise ValidationError(
                {"results": "Указана область, которой нет в справочнике областей компетенций."}
            )
        level, achievements = value if isinstance(value, tuple | list) else (value, "")
        clean[area_id] = (level, (achievements or "").strip())
    missing = [area.name for pk, area in areas.items() if clean.get(pk, (None, ""))[0] in (None, "")]
    if missing:
        names = "», «".join(missing)
        raise ValidationError(
            {"results": f"Укажите уровень по каждой области компетенций. Не указан: «{names}»."}
        )
    return clean


def _check_deficits(deficits: list, areas: dict) -> list[dict]:
    """The deficits ``[{area, level, description}]`` checked: an active area, at most one per
    area, a level of ``DeficitLevel``. ``area`` is a ``CompetenceArea`` or its id."""
    seen: set[int] = set()
    clean = []
    for item in deficits or []:
        area = item.get("area")
        area_id = _area_id(area)
        if area_id not in areas:
            raise ValidationError({"deficits": "Затруднение указано по области, которой нет в справочнике."})
        if area_id in seen:
            raise ValidationError(
                {"deficits": f"По области «{areas[area_id].name}» можно указать только одно затруднение."}
            )
        seen.add(area_id)
        try:
            level = int(item.get("level") or DeficitLevel.MARKED)
        except (TypeError, ValueError):
            level = None
        if level not in DeficitLevel.values:
            raise ValidationError(
                {"deficits": f"Укажите выраженность затруднения по области «{areas[area_id].name}»."}
            )
        clean.append(
            {"area": areas[area_id], "level": level, "description": (item.get("description") or "").strip()}
        )
    return clean


@transaction.atomic
def diagnosis_create(
    *,
    by,
    person,
    organization,
    kind: str,
    source: str,
    conducted_on: dt.date,
    results: dict,
    deficits: list,
    comment: str = "",
    route=None,
) -> Diagnosis:
    """Record a diagnosis of ``person`` (seed 000 §4.3.3, steps 2–3) in the context of
    ``organization`` (one of the person's places of work on ``conducted_on``) and return it.

    ``kind``/``source``: a self-diagnosis (``DiagnosisKind.SELF`` with
    ``DeficitSource.SELF_DIAGNOSIS``) only by the person themselves; an expert one
    (``DiagnosisKind.EXPERT``) with the source of the expert's role — ``tutor``, ``curator``,
    ``head``, ``mentor`` (``EXPERT_SOURCES``; ``by`` is recorded as the expert).
    ``results``: ``{area or area id: (level 1–5, achievements text)}`` for every active
    ``reference.CompetenceArea`` — all eight must have a level. ``deficits``:
    ``[{"area": area or id, "level": DeficitLevel (1–3), "description": str}]``, at most one
    per area; each becomes a ``Deficit`` of the person with the diagnosis's organization, date
    and source. ``route``: the person's ``IndividualRoute`` whose steps 2–3 this is; a
    ``RouteEvent`` of kind ``diagnosis`` is written on it.

    Raises ``ValidationError`` (Russian, keyed by ``kind``, ``source``, ``organization``,
    ``conducted_on``, ``results``, ``deficits``, ``route``) for bad data, and
    ``PermissionDenied`` when ``by`` may not add this diagnosis (nothing is saved).
    """
    if conducted_on and conducted_on > timezone.localdate():
        raise ValidationError({"conducted_on": "Дата диагностики не может быть в будущем."})
    if (
        organization is None
        or not Employment.objects.current(conducted_on)
        .filter(person=person, organization=organization)
        .exists()
    ):
        raise ValidationError(
            {"organization": "Выберите организацию, в которой педагог работал на дату диагностики."}
        )
    _check_kind(by=by, person=person, organization=organization, kind=kind, source=source)
    if route is not None and route.person_id != person.pk:
        raise ValidationError({"route": "Маршрут принадлежит другому педагогу."})
    areas = {area.pk: area for area in active_areas()}
    clean_results = _check_results(results, areas)
    clean_deficits = _check_deficits(deficits, areas)

    actor = by if by is not None and by.is_authenticated else None
    diagnosis = Diagnosis(
        person=person,
        organization=organization,
        route=route,
        kind=kind,
        source=source,
        expert=actor if kind == DiagnosisKind.EXPERT else None,
        conducted_on=conducted_on,
        comment=(comment or "").strip(),
        created_by=actor,
    )
    diagnosis.full_clean()
    diagnosis.save()
    require_perm(
        by, "diagnosis", "add", diagnosis, message="Вы не можете проводить диагностику этого педагога."
    )
    for area_id, (level, achievements) in clean_results.items():
        result = DiagnosisResult(
            diagnosis=diagnosis, area=areas[area_id], level=level, achievements=achievements
        )
        result.full_clean()
        result.save()
    for item in clean_deficits:
        deficit = Deficit(
            person=person,
            organization=organization,
            diagnosis=diagnosis,
            source=source,
            diagnosed_on=conducted_on,
            **item,
        )
        deficit.full_clean()
        deficit.save()
    if route is not None:
        found = len(clean_deficits)
        RouteEvent.record(
            route=route,
            kind=RouteEventKind.DIAGNOSIS,
            summary=(
                f"{diagnosis.get_kind_display().capitalize()} от {conducted_on:%d.%m.%Y} "
                f"({diagnosis.get_source_display()}): затруднений — {found}"
            ),
            by=by,
            comment=diagnosis.comment,
        )
    return diagnosis
