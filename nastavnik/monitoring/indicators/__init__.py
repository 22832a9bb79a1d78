"""The registry of indicators (показатели, seed 000 §VI, 002 §9, 004 §9.4): each computed live
from the data, grouped by organization in SQL and rolled up organization → municipality →
region → country by summing its parts. See :mod:`.base`; the indicators themselves are
registered by the modules of this package, imported by :func:`.base.load`."""

from nastavnik.monitoring.indicators.base import (
    Figure,
    Indicator,
    Rollup,
    all_indicators,
    get_indicator,
    register,
    rollup,
)

__all__ = ["Figure", "Indicator", "Rollup", "all_indicators", "get_indicator", "register", "rollup"]
