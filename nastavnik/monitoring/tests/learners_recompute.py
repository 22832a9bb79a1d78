"""The independent recompute of the indicator «Доля обучающихся, прошедших полный цикл программы
наставничества» (issue 20; seed 002 §9) for ``test_indicators_recompute``: plain reads of every
row and Python, as the indicator's docstring states the rule — not the indicator's queries.

Per organization under the root that entered its contingent for the year of the period's last
day: (its learners whose mentee full-cycle mark falls in the period, the contingent). The others
are left out."""

from __future__ import annotations

from collections import defaultdict

from nastavnik.bank.models import MenteeProfile
from nastavnik.monitoring.models import LearnerContingent
from nastavnik.people.models import Learner


def learners_full_cycle(root: str, period) -> dict[int, tuple]:
    """``{organization id: (marked learners, contingent)}`` under ``root`` for ``period``."""
    contingent = {
        org: n
        for org, path, year, n in LearnerContingent.objects.values_list(
            "organization_id", "organization__path", "year", "learners"
        )
        if path.startswith(root) and year == period.end.year
    }
    marks = dict(MenteeProfile.objects.values_list("person_id", "full_cycle_completed_on"))
    marked = defaultdict(set)
    for person, org in Learner.objects.values_list("person_id", "organization_id"):
        on = marks.get(person)
        if org in contingent and on is not None and period.start <= on <= period.end:
            marked[org].add(person)
    return {org: (len(marked[org]), n) for org, n in contingent.items()}


RECOMPUTE_LEARNERS = {"learners_full_cycle": learners_full_cycle}
