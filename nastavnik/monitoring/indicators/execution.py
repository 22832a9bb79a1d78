"""Execution of roadmaps (seed 000 App. 2 п. 1.7, 002 §6 and §10): the share of activities done
among those not cancelled, by the roadmaps app's own rule (``roadmaps.selectors.progress_for``
and its grouped form ``progress_by_owner``): not rewritten here."""

from __future__ import annotations

from django.utils import timezone

from nastavnik.monitoring.indicators.base import Indicator, register, share_value
from nastavnik.monitoring.indicators.common import SOURCE_ROADMAP
from nastavnik.roadmaps.choices import RoadmapStatus
from nastavnik.roadmaps.models import Roadmap
from nastavnik.roadmaps.selectors import progress_by_owner


def roadmaps_of_period(root_path: str, period):
    """The approved roadmaps of the units under ``root_path`` whose period meets ``period``."""
    return Roadmap.objects.filter(
        owner__path__startswith=root_path,
        status=RoadmapStatus.APPROVED,
        starts_on__lte=period.end,
        ends_on__gte=period.start,
    )


def compute(root_path: str, period) -> dict[int, tuple]:
    """``{owner unit id: (activities done, activities not cancelled)}`` over the roadmaps of
    :func:`roadmaps_of_period`; the owner is an organization, a municipality or the region."""
    progress = progress_by_owner(roadmaps_of_period(root_path, period), timezone.localdate())
    return {owner_id: (p.done, p.active) for owner_id, p in progress.items()}


ROADMAP_EXECUTION = register(
    Indicator(
        code="roadmap_execution",
        title="Исполнение дорожных карт",
        unit="percent",
        numerator="выполненные мероприятия дорожных карт",
        denominator="мероприятия дорожных карт, кроме отменённых",
        source=SOURCE_ROADMAP,
        compute=compute,
        value=share_value,
        rule=(
            "Учитываются утверждённые дорожные карты региона, муниципалитетов и организаций, период которых "
            "пересекается с выбранным; выполнение — по текущему состоянию мероприятий, как на странице "
            "контроля дорожных карт."
        ),
        clause="seed 000 App. 2 п. 1.7; 002 §6, §10",
        order=80,
    )
)
