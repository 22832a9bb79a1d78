"""Monitoring's part of what the system stores about a person (``people.personal_data``,
registered in ``monitoring.hooks.connect``): their NAMED answers to questionnaires and what
they were asked to answer.

Anonymous answers are not listed: nothing stored ties them to the person (issue 14; see
``monitoring.models``), so they are not theirs to retrieve; the assignment only records that
the person answered.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.utils import timezone

from nastavnik.people.personal_data import Section


def _reply(item) -> str:
    """One reply as text: the mark, the chosen options or the free text."""
    if item.scale is not None:
        return str(item.scale)
    options = [option.text for option in item.options.all()]
    if options:
        return "; ".join(options)
    return item.text


def monitoring_sections(person) -> list[Section]:
    """``person``'s named answers, one record per reply (questionnaire, month, question,
    reply), and their assignments (questionnaire, due date, state; never which answer)."""
    from nastavnik.monitoring.models import AnswerItem, Assignment

    items = (
        AnswerItem.objects.filter(answer__person=person)
        .select_related("answer__questionnaire", "question")
        .prefetch_related("options")
        .order_by("answer__month", "answer__questionnaire__title", "question__order", "question__pk")
    )
    answers = Section(
        "Ответы на анкеты",
        [
            {
                "Анкета": item.answer.questionnaire.title,
                "Отправлен": item.answer.submitted_at,
                "Вопрос": item.question.text,
                "Ответ": _reply(item),
            }
            for item in items
        ],
    )
    assignments = Section(
        "Назначенные анкеты",
        [
            {
                "Анкета": a.questionnaire.title,
                "Анонимная": "да" if a.questionnaire.anonymous else "нет",
                "Ответить до": a.due_on,
                "Состояние": a.get_status_display(),
            }
            for a in Assignment.objects.filter(person=person)
            .select_related("questionnaire")
            .order_by("assigned_at", "pk")
        ],
    )
    return [answers, assignments]


def monitoring_last_date(person) -> dt.date | None:
    """The day of ``person``'s latest named answer (the retention period counts from it)."""
    from nastavnik.monitoring.models import Answer

    latest = Answer.objects.filter(person=person).aggregate(latest=Max("submitted_at"))["latest"]
    return timezone.localdate(latest) if latest else None


def register() -> None:
    """Register the section with ``people.personal_data`` (from ``hooks.connect``)."""
    from nastavnik.people import personal_data

    personal_data.register(
        "monitoring", order=60, collect=monitoring_sections, last_date=monitoring_last_date
    )
