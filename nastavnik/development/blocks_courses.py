"""The trainings of a person on their cards (issue 18, Build 4): the block «Обучение» — the
courses of further education the person applied for, studies or completed, with the hours and the
certificate (seed 003 §3.2; seed 000 App. 2 §2.7). People and the bank read registered blocks
(``core.blocks``) and do not import development."""

from __future__ import annotations

#: The pages that show the block: the person's card (``people``) and the mentor's card in the
#: bank (``bank``; its view asks ``page_blocks("mentor_card", user=…, person=…)``).
PAGES = ("person_card", "mentor_card")


def trainings_block(*, user, person) -> dict:
    """``{"development_trainings": [Enrollment, …]}``: the enrolments of ``person`` that ``user``
    sees (``selectors.courses.person_trainings``), withdrawn ones left out; the template
    ``development/trained_card.html`` draws them. One query."""
    from nastavnik.development.selectors.courses import person_trainings

    return {"development_trainings": person_trainings(user, person)}


def register() -> None:
    """Register the block on the person's and the mentor's cards (``core.blocks.register_block``)."""
    from nastavnik.core.blocks import register_block

    for page in PAGES:
        register_block(page, "development_trainings", trainings_block)
