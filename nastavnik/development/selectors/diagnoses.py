"""Reads of diagnoses of achievements and deficits (seed 000 §4.3.3, steps 2–3): a person's
diagnoses in date order, the latest one and its deficits, the dynamics of one diagnosis against
the previous one (area by area), the profile chart, and in which organizations a user may
diagnose a person.

The selectors that take no ``user`` read every row: the caller narrows them
(``Diagnosis.objects.for_user``) or passes ``user=`` where the signature offers it. Other parts
of issue 18 use :func:`latest_diagnosis` and :func:`latest_deficits` (a personalized program's
difficulties, the matching's explanation, the suggestion of courses).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q, QuerySet

from nastavnik.access.choices import Role
from nastavnik.access.rules import has_perm
from nastavnik.access.scope import get_scope
from nastavnik.development.choices import DeficitSource
from nastavnik.development.models import Deficit, Diagnosis, DiagnosisResult
from nastavnik.development.rules import teacher_rows_q
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Employment
from nastavnik.reference.models import CompetenceArea

#: Who may give an expert diagnosis, by the source it is recorded with: the role the expert
#: holds (seed 000 §4.3.2–4.3.3; issue 18, Build 1).
EXPERT_SOURCES: dict[str, str] = {
    DeficitSource.TUTOR: Role.TUTOR,
    DeficitSource.CURATOR: Role.CURATOR,
    DeficitSource.HEAD: Role.HEAD,
    DeficitSource.MENTOR: Role.MENTOR,
}


def expert_sources(user) -> list[tuple[str, str]]:
    """``[(source, label)]`` of the expert diagnoses ``user`` may record (``EXPERT_SOURCES``
    whose role they hold; all of them for a superuser; none for an anonymous user), in the order
    of ``DeficitSource``."""
    if not getattr(user, "is_authenticated", False):
        return []
    scope = None if user.is_superuser else get_scope(user)
    return [
        (value, label)
        for value, label in DeficitSource.choices
        if value in EXPERT_SOURCES and (scope is None or scope.has_role(EXPERT_SOURCES[value]))
    ]


def active_areas() -> QuerySet[CompetenceArea]:
    """The competence areas in force (the eight of seed 000 §4.3.3), in their order."""
    return CompetenceArea.objects.filter(is_active=True).order_by("sort_order", "name")


def person_diagnoses(person, *, user=None) -> QuerySet[Diagnosis]:
    """The diagnoses of ``person`` (a ``Person`` or its id), oldest first (by ``conducted_on``,
    then by id); with ``user``, only those the user may view (``for_user(user, "view")``)."""
    queryset = Diagnosis.objects.all() if user is None else Diagnosis.objects.for_user(user, "view")
    person_id = getattr(person, "pk", person)
    return queryset.filter(person_id=person_id).order_by("conducted_on", "pk")


def latest_diagnosis(person, *, user=None) -> Diagnosis | None:
    """The most recent diagnosis of ``person`` (the latest ``conducted_on``, the last entered on
    that day), ``None`` when there is none; with ``user``, among those the user may view."""
    return person_diagnoses(person, user=user).select_related("organization").last()


def latest_deficits(person, *, user=None) -> QuerySet[Deficit]:
    """The deficits found by the most recent diagnosis of ``person`` (:func:`latest_diagnosis`),
    in the order of the areas, with ``area`` loaded; empty when the person has never been
    diagnosed or that diagnosis found none. Deficits recorded outside a diagnosis (the bank's
    card, a questionnaire) are not among them. With ``user``, among the rows the user may view."""
    diagnosis = latest_diagnosis(person, user=user)
    if diagnosis is None:
        return Deficit.objects.none()
    return (
        Deficit.objects.filter(diagnosis=diagnosis).select_related("area").order_by("area__sort_order", "pk")
    )


def previous_diagnosis(diagnosis: Diagnosis, *, user=None) -> Diagnosis | None:
    """The diagnosis of the same person just before ``diagnosis`` (an earlier ``conducted_on``,
    or the same day entered earlier), ``None`` for the first one; with ``user``, among those the
    user may view."""
    earlier = Q(conducted_on__lt=diagnosis.conducted_on) | Q(
        conducted_on=diagnosis.conducted_on, pk__lt=diagnosis.pk
    )
    return person_diagnoses(diagnosis.person_id, user=user).filter(earlier).last()


@dataclass(frozen=True)
class AreaDynamics:
    """One competence area of a diagnosis against the previous one: ``now`` and ``before`` —
    the levels 1–5 (``None``: not diagnosed then), ``delta`` = now − before (``None`` unless
    both are known), ``achievements`` of now, and the deficit in the area now and before
    (``None``: none found)."""

    area: CompetenceArea
    now: int | None
    before: int | None
    achievements: str
    deficit_now: Deficit | None
    deficit_before: Deficit | None

    @property
    def delta(self) -> int | None:
        if self.now is None or self.before is None:
            return None
        return self.now - self.before

    @property
    def delta_label(self) -> str:
        """«+1», «−2», «0», or «—» when there is nothing to compare."""
        delta = self.delta
        if delta is None:
            return "—"
        if delta > 0:
            return f"+{delta}"
        if delta < 0:
            return f"−{-delta}"
        return "0"


def diagnosis_dynamics(diagnosis: Diagnosis, previous: Diagnosis | None = None) -> list[AreaDynamics]:
    """The rows of ``diagnosis`` area by area against ``previous`` (pass
    :func:`previous_diagnosis`, narrowed to the viewer; ``None`` — nothing to compare): every
    active area, then any other area either diagnosis has a result in, in the areas' order.
    Three queries (results and deficits of both diagnoses, with their areas)."""
    ids = [diagnosis.pk] + ([previous.pk] if previous is not None else [])
    results = DiagnosisResult.objects.filter(diagnosis_id__in=ids).select_related("area")
    deficits = Deficit.objects.filter(diagnosis_id__in=ids).select_related("area")
    levels: dict[tuple[int, int], DiagnosisResult] = {(r.diagnosis_id, r.area_id): r for r in results}
    found: dict[tuple[int, int], Deficit] = {(d.diagnosis_id, d.area_id): d for d in deficits}
    areas = {a.pk: a for a in active_areas()}
    for row in [*levels.values(), *found.values()]:
        areas.setdefault(row.area_id, row.area)
    before_id = previous.pk if previous is not None else None
    rows = []
    for area in sorted(areas.values(), key=lambda a: (a.sort_order, a.name)):
        now = levels.get((diagnosis.pk, area.pk))
        before = levels.get((before_id, area.pk))
        rows.append(
            AreaDynamics(
                area=area,
                now=now.level if now else None,
                before=before.level if before else None,
                achievements=now.achievements if now else "",
                deficit_now=found.get((diagnosis.pk, area.pk)),
                deficit_before=found.get((before_id, area.pk)),
            )
        )
    return rows


def diagnosis_chart(diagnosis: Diagnosis, rows: list[AreaDynamics], previous: Diagnosis | None = None):
    """The profile chart of ``diagnosis`` (``core.charts.Chart`` of kind ``"radar"``): the
    levels per area (``rows`` of :func:`diagnosis_dynamics`), and those of ``previous`` as a
    second series when given, so that the dynamics show; the scale is 0–5."""
    from nastavnik.core.charts import Chart, Series

    series = [Series(f"Диагностика от {diagnosis.conducted_on:%d.%m.%Y}", tuple(r.now for r in rows))]
    if previous is not None:
        series.append(
            Series(f"Предыдущая от {previous.conducted_on:%d.%m.%Y}", tuple(r.before for r in rows))
        )
    return Chart(
        title="Профиль профессиональных компетенций",
        kind="radar",
        categories=tuple(r.area.name for r in rows),
        series=tuple(series),
        maximum=5,
    )


#: How long a drawn profile chart is kept (seconds); the key is the chart's whole definition.
CHART_CACHE_SECONDS = 3600


def chart_image(chart) -> str:
    """The ``data:`` URI of ``chart`` drawn as SVG (``core.charts.svg_data_uri``), kept in
    the cache under a hash of its definition, so that a page opened again is not redrawn."""
    from nastavnik.core.charts import svg_data_uri

    key = "development-chart-" + hashlib.sha256(repr(chart).encode()).hexdigest()[:32]
    image = cache.get(key)
    if image is None:
        image = svg_data_uri(chart)
        cache.set(key, image, CHART_CACHE_SECONDS)
    return image


def diagnosable_organizations(user, person) -> QuerySet[OrgUnit]:
    """The organizations in whose context ``user`` may diagnose ``person``: the person's places
    of work in force today over which the ``diagnosis`` ``add`` right of ``PERMISSIONS`` reaches
    them (``rules.teacher_rows_q``, the rule of ``Diagnosis.scope_filter``: the teacher
    themselves, the curator and the head of the organization, an assigned tutor, the mentor of
    an active pair). Every place of work for a superuser, none for an anonymous or inactive
    user. The service checks the same right again on the saved diagnosis."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return OrgUnit.objects.none()
    employments = Employment.objects.current().filter(person_id=getattr(person, "pk", person))
    if not user.is_superuser:
        employments = employments.filter(teacher_rows_q(get_scope(user), "diagnosis", "add"))
    return OrgUnit.objects.filter(pk__in=employments.values("organization_id")).order_by("full_name")


def may_diagnose(user, person, *, is_self: bool) -> bool:
    """Whether the page of a new diagnosis of ``person`` (a ``Person`` or its id) opens for
    ``user`` — the question ``views_diagnoses.DiagnosisCreateView`` asks, for the links to it:
    the ``diagnosis`` ``add`` right held somewhere, an expert's role (:func:`expert_sources`)
    unless it is the user's own self-diagnosis, and a place of work of the person the right
    reaches (:func:`diagnosable_organizations`)."""
    if person is None or not has_perm(user, "diagnosis", "add"):
        return False
    if not is_self and not expert_sources(user):
        return False
    return diagnosable_organizations(user, person).exists()


def diagnoses_block(*, user, person) -> dict:
    """The block «Диагностика» of ``person``'s card (``core.blocks``, page ``person_card``;
    template ``development/diagnosis_card.html``): ``{"development_diagnosis": {"latest": the
    latest diagnosis the user sees or None, "deficits": its deficits, "count": how many
    diagnoses the user sees, "create_url": the address of a new diagnosis or ""}}``. Four
    queries at most."""
    from django.urls import reverse

    own_id = get_scope(user).person_id if getattr(user, "is_authenticated", False) else None
    is_self = own_id == person.pk
    seen = person_diagnoses(person, user=user)
    latest = seen.select_related("organization").last()
    create_url = ""
    if may_diagnose(user, person, is_self=is_self):
        create_url = reverse("development:diagnosis_create") + ("" if is_self else f"?person={person.pk}")
    return {
        "development_diagnosis": {
            "latest": latest,
            "deficits": list(latest.deficits.select_related("area").order_by("area__sort_order"))
            if latest
            else [],
            "count": seen.count() if latest else 0,
            "create_url": create_url,
        }
    }
