"""Mentoring's part of what the system stores about a person and of their depersonalization
(``people.personal_data``, registered in ``MentoringConfig.ready``): pairs, programs, meetings,
requests (the answers to questionnaires, the self-assessment included, are monitoring's)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Q, Value
from django.db.models.functions import Replace
from django.utils import timezone

from nastavnik.mentoring.models import (
    MeetingAttendance,
    Pair,
    PairRequest,
    PersonalizedProgram,
    ProgramEvent,
)
from nastavnik.people.consent import HIDDEN_PERSON, hidden_person_ids
from nastavnik.people.personal_data import Section


def _pairs(person):
    return Pair.objects.filter(Q(mentor=person) | Q(mentee=person))


def mentoring_sections(person) -> list[Section]:
    """``person``'s pairs (the partner named unless they withdrew the consent to personal-data
    processing; a minor partner is named, as to the participants of the pair everywhere —
    ``people.consent.partner_consented_q``), programs, meetings attended and requests filed."""
    pairs = list(
        _pairs(person).select_related("mentor", "mentee", "organization").order_by("started_on", "pk")
    )
    partners = {p.mentee_id if p.mentor_id == person.pk else p.mentor_id for p in pairs}
    hidden = hidden_person_ids(person.user, partners) if person.user_id else set()
    if not person.user_id:
        # The other side of one's own pair: a valid consent is enough, a minor included (a
        # learner without an account sees their mentor, a mentor their minor mentee; seed 002
        # §10, issue 20) — ``consented_person_ids`` would hide every minor.
        from nastavnik.people.consent import valid_consent_person_ids

        consented = set(
            valid_consent_person_ids().filter(person_id__in=partners).values_list("person_id", flat=True)
        )
        hidden = partners - consented

    def partner(pair) -> str:
        other = pair.mentee if pair.mentor_id == person.pk else pair.mentor
        return HIDDEN_PERSON if other.pk in hidden else other.full_name

    sections = [
        Section(
            "Наставнические пары",
            [
                {
                    "Роль": "наставник" if p.mentor_id == person.pk else "наставляемый",
                    "Вторая сторона пары": partner(p),
                    "Организация": str(p.organization),
                    "Начало": p.started_on,
                    "Окончание": p.ended_on,
                    "Причина окончания": p.get_end_reason_display() if p.end_reason else "",
                    "Программа": f"№ {p.program_id}" if p.program_id else "",
                }
                for p in pairs
            ],
        ),
        Section(
            "Персонализированные программы",
            [
                {
                    "Номер": f"№ {pr.pk}",
                    "Направление": pr.direction,
                    "Начало": pr.starts_on,
                    "Окончание": pr.ends_on,
                    "Статус": pr.get_status_display(),
                    "Дата завершения": pr.completed_on,
                }
                for pr in PersonalizedProgram.objects.filter(
                    pk__in=[p.program_id for p in pairs if p.program_id]
                )
            ],
        ),
        Section(
            "Встречи",
            [
                {
                    "Программа": f"№ {a.meeting.program_id}",
                    "Вид встречи": str(a.meeting.meeting_type),
                    "Дата и время": a.meeting.starts_at,
                    "Присутствовал": "да" if a.present else "нет",
                }
                for a in MeetingAttendance.objects.filter(person=person).select_related(
                    "meeting__meeting_type"
                )
            ],
        ),
    ]
    if person.user_id:
        sections.append(
            Section(
                "Заявления",
                [
                    {
                        "Вид": r.get_kind_display(),
                        "Обоснование": r.reason,
                        "Подано": r.submitted_at,
                        "Состояние": r.get_status_display(),
                        "Решение": r.decision_comment,
                        "Дата решения": r.decided_at,
                    }
                    for r in PairRequest.objects.filter(author_id=person.user_id)
                ],
            )
        )
    return sections


def mentoring_last_date(person) -> dt.date | None:
    """The latest start or end of ``person``'s pairs and of their programs."""
    pairs = _pairs(person)
    values = [
        *pairs.aggregate(a=Max("started_on"), b=Max("ended_on")).values(),
        *PersonalizedProgram.objects.filter(pk__in=pairs.values("program_id"))
        .aggregate(a=Max("ends_on"), b=Max("completed_on"), c=Max("terminated_on"))
        .values(),
    ]
    values = [v for v in values if v]
    return max(values) if values else None


def mentoring_is_active(person) -> bool:
    """A pair of ``person`` works today (or starts later)."""
    today = timezone.localdate()
    return _pairs(person).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today)).exists()


def mentoring_wipe(person, *, label: str, names: set[str]) -> None:
    """Replace ``person``'s former ``names`` in the programs' histories by ``label`` and clear
    the reasons of the requests they filed. Pairs, programs, meetings and attendance stay (the
    counts)."""
    for name in sorted(names, key=len, reverse=True):
        ProgramEvent.objects.filter(summary__contains=name).update(
            summary=Replace("summary", Value(name), Value(label))
        )
    if person.user_id:
        PairRequest.objects.filter(author_id=person.user_id).update(reason="")
