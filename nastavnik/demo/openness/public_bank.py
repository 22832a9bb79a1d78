"""The demo of the part «public_bank» of issue 19: the mentors of the showcase organizations who
are in the region's open bank give the consent to distribution (152-ФЗ art. 10.1) — all but one of
school A, who stays in the open bank of signed-in users only and is absent from the public pages —
and teachers of other organizations send requests to school A's public mentors, new and answered
(seed 001 §7.1.1)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

REQUESTS = (
    (
        "Кузнецова Дарья Алексеевна",
        "kuznetsova.da@example.ru",
        "МБОУ «Средняя общеобразовательная школа № 12»",
        "учитель начальных классов",
        "Первый год работаю в школе. Нужна помощь в выстраивании дисциплины на уроке и в общении с родителями.",
    ),
    (
        "Сафиуллин Руслан Маратович",
        "safiullin.rm@example.ru",
        "МАОУ «Гимназия № 3»",
        "учитель физики",
        "Готовлюсь к аттестации на первую категорию, прошу помочь с подготовкой портфолио и открытого урока.",
    ),
    (
        "Лебедева Ирина Викторовна",
        "lebedeva.iv@example.ru",
        "МБДОУ «Детский сад № 8 «Солнышко»»",
        "воспитатель",
        "Хочу перенять опыт проектной деятельности с детьми старшего дошкольного возраста.",
    ),
)
ANSWER = (
    "Здравствуйте! Наставник готов провести с вами консультацию. Предлагаем встретиться в методическом "
    "кабинете школы в ближайший четверг в 15:00; при необходимости возможна встреча в режиме видеосвязи."
)


def write(context) -> str:
    """Give the consent to distribution to the showcase's open-bank mentors (but one of school A)
    and write three requests to school A's public mentors, one of them answered by its curator; a
    Russian summary line."""
    from nastavnik.access.choices import Role
    from nastavnik.access.models import RoleAssignment
    from nastavnik.bank.choices import ConsentPurpose
    from nastavnik.bank.models import PersonalDataConsent
    from nastavnik.bank.open_bank_selectors import open_bank_mentors
    from nastavnik.openness.choices import MentorRequestStatus
    from nastavnik.openness.models import MentorRequest
    from nastavnik.openness.selectors.public_mentors import public_mentors

    showcase_ids = [unit.pk for unit in context.showcase]
    in_bank = list(
        open_bank_mentors(today=context.today)
        .filter(organization_id__in=showcase_ids)
        .values_list("person_id", "organization_id")
    )
    of_a = [person for person, unit in in_bank if unit == context.school_a.pk]
    withheld = of_a[-1:] if len(of_a) > 1 else []
    consents = list(
        PersonalDataConsent.objects.valid().filter(person_id__in=[person for person, _unit in in_bank])
    )
    for consent in consents:
        if consent.person_id not in withheld and ConsentPurpose.PUBLICATION not in consent.purposes:
            consent.purposes = [*consent.purposes, ConsentPurpose.PUBLICATION.value]
    PersonalDataConsent.objects.bulk_update(consents, ["purposes"])

    mentors = list(public_mentors(today=context.today).filter(organization=context.school_a)[:3])
    if not mentors:
        return f"Публичный банк наставников: наставников с согласием на распространение — {len(in_bank) - len(withheld)}"
    curator = (
        RoleAssignment.objects.filter(org_unit=context.school_a, role=Role.CURATOR)
        .select_related("user")
        .first()
    )
    now = timezone.now()
    written = 0
    for index, (name, email, workplace, position, message) in enumerate(REQUESTS):
        mentor = mentors[index % len(mentors)]
        request = MentorRequest.objects.create(
            mentor=mentor,
            organization=context.school_a,
            full_name=name,
            email=email,
            workplace=workplace,
            position=position,
            message=message,
            consent=True,
        )
        sent = now - dt.timedelta(days=2 + 5 * index)
        fields = {"created_at": sent}
        if index == len(REQUESTS) - 1:
            fields.update(
                status=MentorRequestStatus.ANSWERED,
                answer=ANSWER,
                answered_by=curator.user if curator else None,
                answered_at=sent + dt.timedelta(days=1),
            )
        MentorRequest.objects.filter(pk=request.pk).update(**fields)
        written += 1
    return (
        f"Публичный банк наставников: наставников с согласием на распространение — "
        f"{len(in_bank) - len(withheld)}, обращений к наставникам — {written}"
    )


def delete(region) -> None:
    """Delete the requests for the mentors of ``region`` (the consents go with the people)."""
    from nastavnik.openness.models import MentorRequest

    MentorRequest.objects.filter(organization__path__startswith=region.path).delete()
