"""The persona matrix of the part «incentives» of issue 19 (see the package's docstring): a
payment, an award and nominations of school A's mentor and of school B's in the statuses the
pages need — a draft, one sent to the municipality for a regional award, one forwarded to the
region, one sent for a municipal award — and the expectations written from
``PERMISSIONS["incentivepayment" | "award" | "nomination" | "mentoreffectiveness"]`` and
``incentives.rules`` (seed 000 §3.4, 001 §6, 004 §5): the school's head and curator keep the
payments and the nominations; the awards are kept by them and by the coordinator and the operator
above; the coordinator supports, returns or decides what was sent to the municipality, the
operator what was forwarded to the region; the mentor and the mentee see their own rows (the
overview and the lists of payments and awards, empty for the mentee)."""

from __future__ import annotations

from nastavnik.testing.matrix import _labelled, _pk
from nastavnik.testing.matrix_groups import CO, CU, HD, KEEP, ME, MT, NONE, OP, PAIR, SEE, e

#: Those who keep or moderate incentives above the school (``SECTION_KEEPERS``).
KEEPERS_ABOVE = frozenset({OP, CO, HD, CU})

PROVIDERS: dict = {
    "incentives:payment_edit": _pk("incentive_payment"),
    "incentives:award_edit": _pk("incentive_award"),
    "incentives:nomination_detail": _labelled(
        draft=_pk("nomination_draft"),
        submitted=_pk("nomination_submitted"),
        supported=_pk("nomination_supported"),
    ),
    "incentives:nomination_edit": _pk("nomination_draft"),
    "incentives:nomination_submit": _pk("nomination_draft"),
    "incentives:nomination_support": _pk("nomination_submitted"),
    "incentives:nomination_return": _labelled(
        submitted=_pk("nomination_submitted"), supported=_pk("nomination_supported")
    ),
    "incentives:nomination_grant": _labelled(
        supported=_pk("nomination_supported"), municipal=_pk("nomination_municipal")
    ),
    "incentives:nomination_decline": _pk("nomination_supported"),
    "incentives:nomination_withdraw": _pk("nomination_submitted"),
}
QUERIES: dict = {
    "incentives:payment_list": {
        "xlsx": "export=xlsx",
        "garbage": "basis=zzz&current_on=31.02.2026&q=%C2%B2&page=last",
    },
    "incentives:award_list": {
        "xlsx": "export=xlsx",
        "garbage": "level=zzz&counts_at_attestation=maybe&q=%C2%B2",
    },
    "incentives:nomination_list": {"garbage": "status=zzz&level=%C2%B2&q=%00"},
    "incentives:effectiveness": {
        "xlsx": "export=xlsx",
        "sorted": "sort=awards&dir=asc&trained=1",
        "garbage": "sort=zzz&dir=%C2%B2&page=abc&q=%00",
    },
    "incentives:award_create": {"garbage": "mentor=%C2%B2"},
}
BODIES: dict = {
    "incentives:nomination_return[submitted]": lambda o: {"remarks": "Уточните достижения наставника"},
    "incentives:nomination_return[supported]": lambda o: {"remarks": "Уточните достижения наставника"},
    "incentives:nomination_decline": lambda o: {"remarks": "Не выполнены условия награждения"},
}
EXPECTED: dict = {
    "incentives:overview": e(SEE | PAIR),
    "incentives:payment_list": e(KEEPERS_ABOVE | PAIR),
    "incentives:payment_create": e(KEEP, KEEP),
    "incentives:payment_edit": e(KEEP, KEEP),
    "incentives:award_list": e(SEE | PAIR),
    "incentives:award_create": e(KEEPERS_ABOVE, KEEPERS_ABOVE),
    "incentives:award_edit": e(KEEPERS_ABOVE, KEEPERS_ABOVE),
    "incentives:nomination_list": e(KEEPERS_ABOVE),
    "incentives:nomination_queue": e(frozenset({OP, CO})),
    "incentives:nomination_create": e(KEEP, KEEP),
    "incentives:nomination_detail[draft]": e(KEEP),
    "incentives:nomination_detail[submitted]": e(KEEP | {CO}),
    "incentives:nomination_detail[supported]": e(KEEP | {CO, OP}),
    "incentives:nomination_edit": e(KEEP, KEEP),
    "incentives:nomination_submit": e(KEEP, KEEP),
    "incentives:nomination_support": e(frozenset({CO}), frozenset({CO})),
    "incentives:nomination_return[submitted]": e(frozenset({CO}), frozenset({CO})),
    "incentives:nomination_return[supported]": e(frozenset({OP}), frozenset({OP})),
    "incentives:nomination_grant[supported]": e(frozenset({OP}), frozenset({OP})),
    "incentives:nomination_grant[municipal]": e(frozenset({CO}), frozenset({CO})),
    "incentives:nomination_decline": e(frozenset({OP}), frozenset({OP})),
    "incentives:nomination_withdraw": e(KEEP, KEEP),
    "incentives:effectiveness": e(KEEPERS_ABOVE),
}
PUBLIC: set[str] = set()
REGIONAL: set[str] = set()

_ = (ME, MT, NONE)  # (named in the docstring's groups)


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """A payment, an award (a letter of thanks) and four nominations of the mentor of school A
    (variant ``a``) and of school B (``b``), written by the system through the services: a draft
    for the badge «Почётный наставник», one for it sent to the municipality, one forwarded to the
    region, and one for a municipal diploma sent to the municipality."""
    from django.utils import timezone

    from nastavnik.incentives.choices import AwardLevel
    from nastavnik.incentives.services import incentives as services
    from nastavnik.reference.models import AwardKind

    today = timezone.localdate()
    badge = AwardKind.objects.get(code="badge_honorary_mentor")
    diploma = AwardKind.objects.get(code="diploma")
    letter = AwardKind.objects.get(code="letter_of_thanks")
    for variant in (a, b):
        profile = variant["mentor_profile"]
        person, unit = profile.person, profile.organization
        variant["incentive_payment"] = services.payment_create(
            by=None,
            person=person,
            organization=unit,
            amount="3000",
            starts_on=today.replace(day=1),
            basis="order",
            basis_number="15-о",
            basis_date=today.replace(day=1),
        )
        variant["incentive_award"] = services.award_create(
            by=None, person=person, organization=unit, kind=letter, awarded_on=today, issued_by=unit.full_name
        )

        def nomination(kind, person=person, unit=unit, **fields):
            return services.nomination_create(
                by=None,
                person=person,
                organization=unit,
                kind=kind,
                justification="Подготовила молодых педагогов школы",
                **fields,
            )

        variant["nomination_draft"] = nomination(badge)
        submitted = nomination(badge)
        services.nomination_submit(by=None, nomination=submitted)
        variant["nomination_submitted"] = submitted
        supported = nomination(badge)
        services.nomination_submit(by=None, nomination=supported)
        services.nomination_support(by=None, nomination=supported)
        variant["nomination_supported"] = supported
        municipal = nomination(diploma, level=AwardLevel.MUNICIPAL)
        services.nomination_submit(by=None, nomination=municipal)
        variant["nomination_municipal"] = municipal
