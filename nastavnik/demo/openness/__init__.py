"""The demo of openness and recognition (issue 19): the public sections of the showcase
organizations, of their municipalities and of the region, requests from the public open bank,
the monthly checks of the sections, best practices in every status, a regional contest from its
call to its results, and the incentives of the mentors (payments, awards, nominations).

Each part writes its own module (:data:`PARTS`); :func:`openness_write` calls their ``write`` in
order inside the loader's transaction, :func:`openness_delete` their ``delete`` in the reverse
order before the region's units go.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from importlib import import_module

from nastavnik.organizations.models import OrgUnit

PARTS = ("sections", "public_bank", "section_checks", "practices", "contests", "incentives")


@dataclass
class OpennessDemo:
    """What the parts of the demo are given: the region, the showcase organizations (school A
    and school B first), the random generator of the part and today's date."""

    region: OrgUnit
    school_a: OrgUnit
    school_b: OrgUnit
    showcase: tuple[OrgUnit, ...]
    rng: random.Random
    today: dt.date


def _modules():
    return [import_module(f"{__name__}.{name}") for name in PARTS]


def openness_write(*, region, school_a, school_b, showcase, seed, today: dt.date) -> list[str]:
    """Write every part's demo; the Russian summary lines of the parts that wrote something."""
    lines = []
    for name, module in zip(PARTS, _modules(), strict=True):
        context = OpennessDemo(
            region=region,
            school_a=school_a,
            school_b=school_b,
            showcase=showcase,
            rng=random.Random(f"{seed}/openness/{name}"),
            today=today,
        )
        line = module.write(context)
        if line:
            lines.append(line)
    return lines


def openness_delete(region: OrgUnit) -> None:
    """Delete every part's rows of ``region`` (reverse order: the incentives first)."""
    for module in reversed(_modules()):
        module.delete(region)
