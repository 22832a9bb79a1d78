"""Explanations of scores as the pages show them: the Russian criterion, the points and the
text of each line (``scoring.Score.reasons``), hiding what a mentor did not publish in the open
bank (seed 001 §7.1.1). Used by the pages and by the pool job, which keeps them in its result."""

from __future__ import annotations

from dataclasses import dataclass

from nastavnik.matching.scoring import Score, signed

#: Russian names of the criteria of an explanation (``scoring.Reason.criterion``).
CRITERIA = {
    "difficulty": "Затруднения",
    "request": "Запрос",
    "areas": "Затруднения и запрос",
    "subject": "Предмет",
    "same_organization": "Место работы",
    "same_municipality": "Место работы",
    "virtual": "Место работы",
    "place": "Место работы",
    "experience": "Педагогический стаж",
    "experience_not_greater": "Педагогический стаж",
    "load": "Загрузка",
    "earlier_pair": "Прежняя пара",
    "psychologist": "Оценка психолога",
    "consents": "Письменные согласия",
}


@dataclass(frozen=True)
class ExplanationLine:
    """One line of an explanation as a page shows it: the criterion, the points, the text."""

    criterion: str
    points: int
    signed_points: str
    text: str


#: The open-bank field (``bank.choices.PUBLIC_FIELDS``) a criterion's text tells about.
CRITERION_FIELDS = {
    "difficulty": "competences",
    "request": "competences",
    "areas": "competences",
    "subject": "subjects",
    "experience": "experience",
    "experience_not_greater": "experience",
}

UNPUBLISHED = "Сведения не опубликованы наставником в открытом банке"


def explanation(explained: Score, *, published: frozenset[str] | None = None) -> list[ExplanationLine]:
    """The lines of ``explained`` for a table: the Russian criterion, the points and the text
    without its trailing «— +N» (the points have a column of their own).

    ``published``: for a mentor the user sees only through the open bank (seed 001 §7.1.1),
    the fields the mentor agreed to publish; the text of a criterion about another field is
    replaced by :data:`UNPUBLISHED`. Such a criterion has scored nothing: the candidates are
    scored on what the mentor published (``selectors.mentor_facts(home_organization_id=…)``)."""
    lines = []
    for reason in explained.reasons:
        points = signed(reason.points)
        text = reason.text.removesuffix(f" — {points}")
        field = CRITERION_FIELDS.get(reason.criterion)
        if published is not None and field is not None and field not in published:
            text = UNPUBLISHED
        lines.append(
            ExplanationLine(
                criterion=CRITERIA.get(reason.criterion, reason.criterion),
                points=reason.points,
                signed_points=points,
                text=text,
            )
        )
    return lines
