"""The bank's part of what the system stores about a person and of their depersonalization
(``people.personal_data``, registered in ``BankConfig.ready``): consents to personal-data
processing, the mentor's and the mentee's cards with their papers."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from nastavnik.bank.models import (
    MenteeProfile,
    MentorProfile,
    MentorStatusEvent,
    MentorTraining,
    PersonalDataConsent,
)
from nastavnik.people.personal_data import Section


def _has(file) -> str:
    return "есть" if file else "нет"


def bank_sections(person) -> list[Section]:
    """Consents, the mentor's card (with competences, trainings and status history) and the
    mentee's card of ``person`` (the deficits are the development app's section)."""
    sections = [
        Section(
            "Согласия на обработку персональных данных",
            [
                {
                    "Дата согласия": c.given_on,
                    "Цели обработки": "; ".join(c.purpose_labels()),
                    "Скан согласия": _has(c.scan),
                    "Дата отзыва": c.withdrawn_on,
                    "Основание отзыва": c.withdrawal_reason,
                }
                for c in PersonalDataConsent.objects.filter(person=person)
            ],
        )
    ]
    mentor = (
        MentorProfile.objects.filter(person=person)
        .select_related("organization")
        .prefetch_related("subjects", "competences__area")
        .first()
    )
    if mentor is not None:
        sections.append(
            Section(
                "Карточка наставника",
                [
                    {
                        "Организация": str(mentor.organization),
                        "Статус": mentor.get_status_display(),
                        "Категория наставников": mentor.get_pool_display(),
                        "Контур": mentor.get_contour_display(),
                        "Наибольшее число наставляемых": mentor.capacity,
                        "Предметы": ", ".join(str(s) for s in mentor.subjects.all()),
                        "Компетенции (уровень 1–5)": "; ".join(
                            f"{c.area}: {c.level}" for c in mentor.competences.all()
                        ),
                        "Анкета": mentor.questionnaire,
                        "Итоги собеседования": mentor.interview_notes,
                        "Дата собеседования": mentor.interviewed_on,
                        "Письменное согласие быть наставником": mentor.consent_given_on,
                        "Скан согласия наставника": _has(mentor.consent_scan),
                        "В открытом банке наставников": "да" if mentor.publish_in_open_bank else "нет",
                    }
                ],
            )
        )
        sections.append(
            Section(
                "Обучение наставника",
                [
                    {
                        "Программа обучения": t.title,
                        "Организация": t.provider,
                        "Часов": t.hours,
                        "Дата окончания": t.completed_on,
                        "Документ об обучении": _has(t.certificate),
                    }
                    for t in MentorTraining.objects.filter(mentor=mentor)
                ],
            )
        )
        sections.append(
            Section(
                "История статусов наставника",
                [
                    {"Дата": e.occurred_on, "Статус": e.get_to_status_display(), "Комментарий": e.comment}
                    for e in MentorStatusEvent.objects.filter(mentor=mentor)
                ],
            )
        )
    mentee = (
        MenteeProfile.objects.filter(person=person)
        .select_related("organization")
        .prefetch_related("categories", "request_areas")
        .first()
    )
    if mentee is not None:
        sections.append(
            Section(
                "Карточка наставляемого",
                [
                    {
                        "Организация": str(mentee.organization),
                        "Категории": ", ".join(str(c) for c in mentee.categories.all()),
                        "Запрос": mentee.request_text,
                        "Области запроса": ", ".join(str(a) for a in mentee.request_areas.all()),
                        "Письменное согласие наставляемого": mentee.consent_given_on,
                        "Скан согласия наставляемого": _has(mentee.consent_scan),
                        "Прошёл полный цикл программы": mentee.full_cycle_completed_on,
                    }
                ],
            )
        )
    return sections


def bank_last_date(person) -> dt.date | None:
    """The latest date of the person's consents (given or withdrawn), trainings."""
    dates = [
        *PersonalDataConsent.objects.filter(person=person)
        .aggregate(a=Max("given_on"), b=Max("withdrawn_on"))
        .values(),
        MentorTraining.objects.filter(mentor__person=person).aggregate(d=Max("completed_on"))["d"],
    ]
    dates = [d for d in dates if d]
    return max(dates) if dates else None


def _delete_files(queryset, field: str) -> None:
    for row in queryset.exclude(**{field: ""}):
        getattr(row, field).delete(save=False)
    queryset.update(**{field: ""})


def bank_wipe(person, *, label: str, names: set[str]) -> None:
    """Delete the scans and papers (consents, written consents, training documents) and the free
    texts that describe ``person`` (withdrawal reasons, questionnaire, interview, request); the card leaves the open bank. Dates, statuses, categories,
    competences and the full-cycle mark stay for the indicators."""
    consents = PersonalDataConsent.objects.filter(person=person)
    _delete_files(consents, "scan")
    consents.update(withdrawal_reason="")
    mentors = MentorProfile.objects.filter(person=person)
    _delete_files(mentors, "consent_scan")
    mentors.update(questionnaire="", interview_notes="", publish_in_open_bank=False, public_fields=[])
    _delete_files(MentorTraining.objects.filter(mentor__person=person), "certificate")
    mentees = MenteeProfile.objects.filter(person=person)
    _delete_files(mentees, "consent_scan")
    mentees.update(request_text="")
