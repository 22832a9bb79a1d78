"""Reads of roadmaps for pages and control: execution progress in one query for many roadmaps
(seed 000 App. 2 п. 1.7: control of execution)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from nastavnik.roadmaps.choices import CLOSED_ITEM_STATUSES, ItemStatus, PeriodKind
from nastavnik.roadmaps.models import RoadmapItem


@dataclass(frozen=True)
class Progress:
    """Execution of one roadmap: ``total`` activities, ``done``, ``cancelled``, ``overdue``
    (past the deadline, neither done nor cancelled); ``share``: done among the activities not
    cancelled, 0–100 (integer percent), ``None`` when there is nothing to do."""

    total: int = 0
    done: int = 0
    cancelled: int = 0
    overdue: int = 0

    @property
    def active(self) -> int:
        """Activities not cancelled: the base of the share."""
        return self.total - self.cancelled

    @property
    def share(self) -> int | None:
        return round(100 * self.done / self.active) if self.active else None


def progress_for(roadmap_ids, today: dt.date | None = None) -> dict[int, Progress]:
    """``{roadmap id: Progress}`` for the roadmaps ``roadmap_ids`` (ids or a values queryset),
    in one query; a roadmap without activities maps to an empty ``Progress``."""
    today = today or timezone.localdate()
    overdue = (
        Q(ends_on__lt=today) & ~Q(period_kind=PeriodKind.RECURRING) & ~Q(status__in=CLOSED_ITEM_STATUSES)
    )
    rows = (
        RoadmapItem.objects.filter(roadmap_id__in=roadmap_ids)
        .values("roadmap_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=ItemStatus.DONE)),
            cancelled=Count("pk", filter=Q(status=ItemStatus.CANCELLED)),
            overdue=Count("pk", filter=overdue),
        )
        .order_by()
    )
    return {
        row["roadmap_id"]: Progress(row["total"], row["done"], row["cancelled"], row["overdue"])
        for row in rows
    }
