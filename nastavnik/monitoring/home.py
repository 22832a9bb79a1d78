"""The home page's block of the questionnaires a person owes (issue 14: «participants see what
they owe on their home page»; seed 004 §9.2): registered in ``hooks.connect`` through
``core.home.register_home_block``, shown by ``core/home.html`` (``owed_questionnaires``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from nastavnik.monitoring.models import Assignment

#: How many owed questionnaires the block lists (the rest are counted and linked).
HOME_LIMIT = 10


@dataclass(frozen=True)
class OwedQuestionnaire:
    """One line of the block: the questionnaire's ``title``, why it is owed (``reason``: the
    program or the monitoring), ``due_on`` (or ``None``), ``overdue`` and the ``url`` to answer."""

    title: str
    reason: str
    due_on: object
    overdue: bool
    url: str


def _url(name: str, *args) -> str:
    from nastavnik.mentoring.selectors.completion import page_url

    return page_url(name, *args)


def owed_questionnaires(person_id: int, *, today=None) -> tuple[list[OwedQuestionnaire], int]:
    """The pending assignments of the person ``person_id``: the first :data:`HOME_LIMIT` by due
    date (those without one last), and how many there are in all. Two queries."""
    today = today or timezone.localdate()
    pending = Assignment.objects.filter(person_id=person_id).pending()
    rows = list(
        pending.select_related("questionnaire", "program", "campaign").order_by(
            "due_on", "assigned_at", "pk"
        )[:HOME_LIMIT]
    )
    total = len(rows) if len(rows) < HOME_LIMIT else pending.count()
    rows.sort(key=lambda a: (a.due_on is None, a.due_on or today, a.pk))
    items = []
    for assignment in rows:
        if assignment.program_id:
            reason = str(assignment.program)
        elif assignment.campaign_id:
            reason = f"Мониторинг «{assignment.campaign.title}»"
        else:
            reason = assignment.questionnaire.get_phase_display()
        items.append(
            OwedQuestionnaire(
                title=assignment.questionnaire.title,
                reason=reason,
                due_on=assignment.due_on,
                overdue=assignment.due_on is not None and assignment.due_on < today,
                url=_url("monitoring:answer", assignment.pk),
            )
        )
    return items, total


def home_questionnaires(request) -> dict:
    """Home block (``core.home.HomeRequest``): ``owed_questionnaires`` — ``None`` for a user
    with no person card, else ``{"items": [OwedQuestionnaire], "more": int, "all_url": str}``
    (an empty list shows nothing)."""
    person_id = request.scope.person_id if request.scope is not None else None
    if not person_id:
        return {"owed_questionnaires": None}
    items, total = owed_questionnaires(person_id)
    return {
        "owed_questionnaires": {
            "items": items,
            "more": total - len(items),
            "all_url": _url("monitoring:my_questionnaires"),
        }
    }
