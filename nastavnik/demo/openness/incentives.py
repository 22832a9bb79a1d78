"""The demo of the part «incentives» of issue 19 (see the package's docstring; seed 000 §3.4, 001
§6, 004 §5): the payments of school A's mentors set by the school's signed order on the mentors'
доплата (the demo's documents write ``ORDER_MENTOR_PAYMENT`` for the showcase organizations: the
mentors, the amount and the period are read from it), awards of several kinds and levels (letters
of thanks and a diploma of the school, a letter of thanks of the municipality and one of the
region's education authority, the badge «Почётный наставник» granted on a nomination), and
nominations in every status, one granted by the region. Written through the services by the
school's head, the municipality's coordinator and the region's operator."""

from __future__ import annotations

import datetime as dt

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.incentives.choices import AwardLevel, PaymentBasis
from nastavnik.incentives.models import Award, IncentivePayment, Nomination
from nastavnik.incentives.services import incentives as services
from nastavnik.reference.models import AwardKind

JUSTIFICATION = (
    "Наставник с многолетним опытом: за последние три года сопровождал {n} молодых педагогов, все они "
    "завершили персонализированные программы и остались работать в школе."
)
ACHIEVEMENTS = (
    "Наставляемые стали победителями муниципального конкурса «Педагогический дебют»; открытые уроки "
    "пары включены в методическую копилку муниципалитета."
)


def _user(unit, role: str):
    found = (
        RoleAssignment.objects.filter(org_unit=unit, role=role).select_related("user").order_by("pk").first()
    )
    return found.user if found else None


def _mentors(unit) -> list:
    """School's mentors with a valid consent (the coordinator and the operator see only them), by
    name."""
    from nastavnik.bank.models import MentorProfile
    from nastavnik.people.consent import consented_q

    return list(
        MentorProfile.objects.filter(organization=unit)
        .filter(consented_q("person_id"))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _payments(context, head) -> int:
    """A payment per mentor of school A named in its signed order on the mentors' доплата."""
    from nastavnik.bank.models import MentorProfile
    from nastavnik.documents.models import Document

    order = (
        Document.objects.filter(organization=context.school_a, kind="order_mentor_payment", status="signed")
        .order_by("-date", "-pk")
        .first()
    )
    if order is None:
        return 0
    params = order.params or {}
    named = set(params.get("mentors") or [])
    starts_on = dt.date.fromisoformat(params["starts_on"]) if params.get("starts_on") else order.date
    ends_on = dt.date.fromisoformat(params["ends_on"]) if params.get("ends_on") else None
    amount = params.get("amount") or "3000"
    written = 0
    for profile in MentorProfile.objects.filter(organization=context.school_a, person_id__in=named).order_by(
        "pk"
    ):
        services.payment_create(
            by=head,
            person=profile.person,
            organization=context.school_a,
            amount=amount,
            starts_on=starts_on,
            ends_on=ends_on,
            basis=PaymentBasis.ORDER,
            document=order,
        )
        written += 1
    return written


def write(context) -> str:
    """Write the payments, awards and nominations; the Russian summary line."""
    school = context.school_a
    head = _user(school, Role.HEAD) or _user(school, Role.CURATOR)
    coordinator = _user(school.parent, Role.MUNICIPAL_COORDINATOR)
    operator = _user(context.region, Role.REGIONAL_OPERATOR)
    mentors = _mentors(school)
    if not mentors:
        return ""
    kinds = {k.code: k for k in AwardKind.objects.all()}
    today = context.today
    payments = _payments(context, head)

    def award(
        profile, code: str, level: str, days_ago: int, issued_by: str, order_number: str = "", **fields
    ):
        return services.award_create(
            by=head
            if level == AwardLevel.ORGANIZATION
            else (coordinator if level == AwardLevel.MUNICIPAL else operator),
            person=profile.person,
            organization=school,
            kind=kinds[code],
            level=level,
            awarded_on=today - dt.timedelta(days=days_ago),
            issued_by=issued_by,
            order_number=order_number,
            **fields,
        )

    municipality = school.parent.full_name if school.parent_id else ""
    awards = [
        award(mentors[0], "letter_of_thanks", AwardLevel.ORGANIZATION, 190, school.full_name, "45-о"),
        award(mentors[-1], "diploma", AwardLevel.ORGANIZATION, 190, school.full_name, "45-о"),
        award(mentors[0], "letter_of_thanks", AwardLevel.MUNICIPAL, 120, municipality, "312"),
        award(
            mentors[min(1, len(mentors) - 1)],
            "letter_of_thanks",
            AwardLevel.REGIONAL,
            90,
            "Департамент образования и науки Ханты-Мансийского автономного округа – Югры",
            "1020",
        ),
        award(
            mentors[-1],
            "jury_membership",
            AwardLevel.MUNICIPAL,
            60,
            municipality,
            counts_at_attestation=False,
            note="Член жюри муниципального конкурса «Педагог года».",
        ),
    ]

    def nomination(index: int, code: str, level: str | None = None):
        profile = mentors[index % len(mentors)]
        return services.nomination_create(
            by=head,
            person=profile.person,
            organization=school,
            kind=kinds[code],
            justification=JUSTIFICATION.format(n=3 + index),
            achievements=ACHIEVEMENTS,
            **({"level": level} if level else {}),
        )

    # granted by the region: the badge «Почётный наставник»
    granted = nomination(0, "badge_honorary_mentor")
    services.nomination_submit(by=head, nomination=granted)
    services.nomination_support(by=coordinator, nomination=granted, comment="Кандидатура поддержана.")
    awards.append(
        services.nomination_grant(
            by=operator,
            nomination=granted,
            awarded_on=today - dt.timedelta(days=3),
            issued_by="Министерство просвещения Российской Федерации",
            order_number="78/н",
        )
    )
    # forwarded to the region: the sign «За наставничество»
    forwarded = nomination(1, "state_sign_za_nastavnichestvo")
    services.nomination_submit(by=head, nomination=forwarded)
    services.nomination_support(by=coordinator, nomination=forwarded)
    # at the municipality: «Молодость и профессионализм»
    sent = nomination(2, "badge_youth_professionalism")
    services.nomination_submit(by=head, nomination=sent)
    # returned with remarks by the municipality
    returned = nomination(3, "badge_honorary_mentor")
    services.nomination_submit(by=head, nomination=returned)
    services.nomination_return(
        by=coordinator,
        nomination=returned,
        remarks="Приложите сведения о результатах наставляемых за последние три года.",
    )
    # declined by the region
    declined = nomination(4, "departmental_award_nomination")
    services.nomination_submit(by=head, nomination=declined)
    services.nomination_support(by=coordinator, nomination=declined)
    services.nomination_decline(
        by=operator, nomination=declined, remarks="Стаж наставнической деятельности менее пяти лет."
    )
    # a municipal diploma granted by the municipality itself
    municipal = nomination(5, "diploma", AwardLevel.MUNICIPAL)
    services.nomination_submit(by=head, nomination=municipal)
    awards.append(
        services.nomination_grant(
            by=coordinator,
            nomination=municipal,
            awarded_on=today - dt.timedelta(days=10),
            issued_by=municipality,
        )
    )
    # withdrawn by the school, and a draft
    withdrawn = nomination(6, "contest_nomination", AwardLevel.MUNICIPAL)
    services.nomination_withdraw(
        by=head, nomination=withdrawn, comment="Наставник перешёл в другую организацию."
    )
    nomination(7, "badge_honorary_mentor")
    return (
        f"Поощрение наставников: выплат {payments}, поощрений {len(awards)}, представлений к наградам 8 "
        "(во всех статусах, одно присуждено регионом)"
    )


def delete(region) -> None:
    """Delete the payments, awards and nominations of ``region``'s organizations."""
    Award.objects.filter(organization__path__startswith=region.path).delete()
    Nomination.objects.filter(organization__path__startswith=region.path).delete()
    IncentivePayment.objects.filter(organization__path__startswith=region.path).delete()
