"""The block of the regional public page (``openness.blocks``): the latest published results of
the regional contest of municipal models of mentoring (seed 000 §4.3.1, App. 2 §2.5). Only what
is public: the municipalities, their totals and places; the experts are never named."""

from __future__ import annotations

from nastavnik.contests.selectors.contests import TIE_EXPLANATION, latest_published, public_ranking

#: How many places the block shows (the whole ranking is on the contest's public page).
BLOCK_ROWS = 10


def region_block(*, unit, section=None, **kwargs) -> dict | None:
    """``{"contest", "rows", "more", "tie_explanation"}`` of the latest contest of the region
    ``unit`` with published results; ``None`` when there is none yet."""
    contest = latest_published(unit)
    if contest is None:
        return None
    rows = public_ranking(contest)
    return {
        "contest": contest,
        "rows": rows[:BLOCK_ROWS],
        "more": len(rows) > BLOCK_ROWS,
        "tie_explanation": TIE_EXPLANATION,
    }
