"""Synthetic data for the monitoring benchmarks: moved to :mod:`nastavnik.demo.synthetic` (issue 16),
re-exported here with the same names, signature and behaviour.

Import after ``benchmarks/harness.bench_django`` has put the project on ``sys.path`` (as
``benchmarks/monitoring.py`` does), or run from the project root.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nastavnik.demo.synthetic import (
    MENTEE_AFTER,
    MENTEE_BEFORE,
    MENTEE_FEEDBACK,
    MENTOR_BEFORE,
    MENTOR_FEEDBACK,
    PASSWORD,
    Synthetic,
    synthetic_monitoring,
)

__all__ = [
    "MENTEE_AFTER",
    "MENTEE_BEFORE",
    "MENTEE_FEEDBACK",
    "MENTOR_BEFORE",
    "MENTOR_FEEDBACK",
    "PASSWORD",
    "Synthetic",
    "synthetic_monitoring",
]
