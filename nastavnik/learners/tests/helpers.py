"""Learners for the tests, written through the service as the system (``by=None``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from nastavnik.learners.services import learner_create


def years_ago(years: int, *, days: int = 0) -> dt.date:
    """The date ``years`` years and ``days`` days before today (local)."""
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - dt.timedelta(days=days)


def make_learner(
    organization, *, last_name="Петров", first_name="Илья", age=12, kind="pupil", grade="7 Б", **fields
):
    """A learner of ``organization`` aged ``age`` (a few days past the birthday)."""
    return learner_create(
        by=None,
        organization=organization,
        last_name=last_name,
        first_name=first_name,
        middle_name=fields.pop("middle_name", "Сергеевич"),
        sex=fields.pop("sex", "M"),
        birth_date=years_ago(age, days=10),
        kind=kind,
        grade=grade,
        **fields,
    )


REPRESENTATIVE = {"kind": "mother", "last_name": "Петрова", "first_name": "Ольга", "middle_name": "Ивановна"}
