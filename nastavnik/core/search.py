"""Case-insensitive text search that folds Cyrillic on every supported database.

SQLite's ``LIKE`` (behind ``icontains`` / ``istartswith``) folds ASCII letters only, so on
the default embedded database «гимназия» would not find «Гимназия». A regular expression
with the case-insensitive flag is evaluated by Python's ``re`` on SQLite (Unicode-aware)
and by ``~*`` on PostgreSQL, so the same search behaves the same on both.
"""

from __future__ import annotations

import re

from django.db.models import Q


def contains_q(field: str, value: str) -> Q:
    """Rows whose ``field`` contains ``value``, ignoring case (Cyrillic included)."""
    return Q(**{f"{field}__iregex": re.escape(value)})


def startswith_q(field: str, value: str) -> Q:
    """Rows whose ``field`` starts with ``value``, ignoring case (Cyrillic included)."""
    return Q(**{f"{field}__iregex": "^" + re.escape(value)})
