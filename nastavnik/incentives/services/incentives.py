"""Writes of the incentives of mentors (issue 19 item 6; seed 000 §3.4, 001 §6, 004 §5):
payments, awards, nominations and the nomination's steps.

Every function takes ``by`` (the acting user; ``None`` is the system: the demo, a command) and
checks the right itself (``access.rules.require_perm`` over the row, ``PERMISSIONS`` narrowed by
``incentives.rules``); bad input raises ``ValidationError`` with Russian messages by field,
nothing saved. The rows are journaled by the audit trail (``AUDITLOG_INCLUDE_TRACKING_MODELS``);
each step of a nomination writes a ``NominationEvent``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.incentives.choices import (
    EDITABLE_STATUSES,
    FEDERAL_AWARD_CODES,
    NOMINATION_LEVELS,
    AwardLevel,
    NominationEventKind,
    NominationStatus,
    PaymentBasis,
)
from nastavnik.incentives.models import Award, IncentivePayment, Nomination, NominationEvent

#: The kind of the registry's document for each basis of a payment.
BASIS_DOCUMENT_KINDS = {
    PaymentBasis.ORDER: "order_mentor_payment",
    PaymentBasis.AGREEMENT: "mentor_payment_agreement",
}

PAYMENT_FIELDS = (
    "person",
    "organization",
    "amount",
    "starts_on",
    "ends_on",
    "basis",
    "basis_number",
    "basis_date",
    "document",
    "program",
    "note",
)
AWARD_FIELDS = (
    "person",
    "organization",
    "kind",
    "level",
    "awarded_on",
    "issued_by",
    "order_number",
    "counts_at_attestation",
    "note",
)
NOMINATION_FIELDS = ("person", "organization", "kind", "level", "justification", "achievements")

PAYMENT_REFUSAL = "Вносить выплаты наставникам этой организации вы не можете."
AWARD_REFUSAL = "Вносить поощрения наставников этой организации вы не можете."
DECISION_REFUSAL = "Принимать решение по этому представлению вы не можете."
#: The statuses of a nomination waiting for the municipality's or the region's decision.
WAITING = (NominationStatus.SUBMITTED, NominationStatus.SUPPORTED)
NOMINATION_REFUSAL = "Готовить представления к наградам в этой организации вы не можете."


# --- checks --------------------------------------------------------------------------------------


def region_name(organization) -> str:
    """The full name of the region above ``organization`` ("" when none). One query."""
    from nastavnik.documents.specs.regulation.selectors import organization_region_name

    return organization_region_name(organization)


def suggested_level(kind) -> str:
    """The level a nomination for the award ``kind`` goes to: the federal awards (the sign «За
    наставничество», the Ministry's badges) federal, a regional award regional, others
    municipal."""
    if kind.code in FEDERAL_AWARD_CODES:
        return AwardLevel.FEDERAL
    if kind.region:
        return AwardLevel.REGIONAL
    return AwardLevel.MUNICIPAL


def _check_mentor(person, organization, field: str = "person") -> None:
    """``person`` must be a mentor of ``organization``'s bank (the incentives are a mentor's)."""
    from nastavnik.bank.models import MentorProfile

    if person is None or organization is None:
        return
    if not MentorProfile.objects.filter(person=person, organization=organization).exists():
        raise ValidationError({field: "Этот работник не состоит в банке наставников организации."})


def _check_kind(kind, organization, *, material: bool | None = None) -> None:
    if kind is None or organization is None:
        return
    if material is not None and kind.is_material != material:
        message = (
            "Материальное поощрение вносится как выплата, а не как награда."
            if kind.is_material
            else "Выберите вид материального поощрения."
        )
        raise ValidationError({"kind": message})
    if not kind.applies_in(region_name(organization)):
        raise ValidationError(
            {"kind": "Эта награда субъекта Российской Федерации не применяется в регионе организации."}
        )


def _clean_amount(amount) -> Decimal:
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"amount": "Укажите размер выплаты числом."}) from None
    if not value.is_finite() or value <= 0:
        raise ValidationError({"amount": "Размер выплаты должен быть больше нуля."})
    return value.quantize(Decimal("0.01"))


def _check_payment(payment: IncentivePayment) -> None:
    errors: dict[str, str] = {}
    if payment.ends_on and payment.starts_on and payment.ends_on < payment.starts_on:
        errors["ends_on"] = "Окончание выплаты не может быть раньше её начала."
    document = payment.document
    if document is not None:
        if document.organization_id != payment.organization_id:
            errors["document"] = "Документ относится к другой организации."
        elif document.kind != BASIS_DOCUMENT_KINDS.get(payment.basis):
            errors["document"] = "Вид документа не соответствует основанию выплаты."
        elif payment.basis == PaymentBasis.AGREEMENT and document.person_id not in (None, payment.person_id):
            errors["document"] = "Дополнительное соглашение заключено с другим работником."
        elif payment.basis == PaymentBasis.ORDER:
            mentors = (document.params or {}).get("mentors")
            if isinstance(mentors, list) and mentors and payment.person_id not in mentors:
                errors["document"] = "Наставник не назван в этом приказе."
    else:
        if not payment.basis_number.strip():
            errors["basis_number"] = "Укажите номер документа-основания или выберите документ из реестра."
        if payment.basis_date is None:
            errors["basis_date"] = "Укажите дату документа-основания."
    program = payment.program
    if program is not None and (
        program.organization_id != payment.organization_id
        or not program.pairs.filter(mentor_id=payment.person_id).exists()
    ):
        errors["program"] = "Наставник не участвует в этой программе организации."
    if errors:
        raise ValidationError(errors)


# --- payments ------------------------------------------------------------------------------------


@transaction.atomic
def payment_create(*, by, person, organization, amount, starts_on: dt.date, **fields) -> IncentivePayment:
    """Record a material payment to a mentor (seed 000 §3.4, 001 §6.2): ``amount`` roubles a
    month (> 0) from ``starts_on`` to ``ends_on`` (optional, not before the start), on the
    ``basis`` of the head's order or the supplementary agreement — ``document`` of the registry
    (of the organization, of the matching kind, naming the mentor) or ``basis_number`` and
    ``basis_date`` typed.

    Raises:
        ValidationError: a field is invalid (Russian messages by field).
        PermissionDenied: ``by`` does not keep the incentives of ``organization``.
    """
    unknown = set(fields) - set(PAYMENT_FIELDS)
    if unknown:
        raise TypeError(f"payment_create: unknown fields {sorted(unknown)}")
    _check_mentor(person, organization)
    payment = IncentivePayment(
        person=person,
        organization=organization,
        amount=_clean_amount(amount),
        starts_on=starts_on,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **fields,
    )
    payment.basis_number = (payment.basis_number or "").strip()
    _check_payment(payment)
    payment.full_clean()
    payment.save()
    require_perm(by, "incentivepayment", Action.ADD, payment, message=PAYMENT_REFUSAL)
    return payment


@transaction.atomic
def payment_update(*, by, payment: IncentivePayment, **fields) -> IncentivePayment:
    """Change a payment: any of :data:`PAYMENT_FIELDS`.

    Raises:
        ValidationError: a field is invalid.
        PermissionDenied: ``by`` may not change it, before or after the change.
    """
    require_perm(by, "incentivepayment", Action.CHANGE, payment, message=PAYMENT_REFUSAL)
    unknown = set(fields) - set(PAYMENT_FIELDS)
    if unknown:
        raise TypeError(f"payment_update: unknown fields {sorted(unknown)}")
    payment = IncentivePayment.objects.select_for_update().get(pk=payment.pk)
    for name, value in fields.items():
        setattr(payment, name, value)
    payment.amount = _clean_amount(payment.amount)
    payment.basis_number = (payment.basis_number or "").strip()
    _check_mentor(payment.person, payment.organization)
    _check_payment(payment)
    payment.full_clean()
    payment.save()
    require_perm(by, "incentivepayment", Action.CHANGE, payment, message=PAYMENT_REFUSAL)
    return payment


# --- awards --------------------------------------------------------------------------------------


@transaction.atomic
def award_create(*, by, person, organization, kind, awarded_on: dt.date, **fields) -> Award:
    """Record a non-material incentive or an award of a mentor (seed 000 §3.4, 001 §6.1, 004
    §5.1): ``kind`` a non-material ``AwardKind`` that applies in the organization's region,
    ``level`` who granted it, ``awarded_on`` not in the future.

    Raises:
        ValidationError: a field is invalid.
        PermissionDenied: ``by`` may not record the awards of ``organization``'s mentors.
    """
    unknown = set(fields) - set(AWARD_FIELDS)
    if unknown:
        raise TypeError(f"award_create: unknown fields {sorted(unknown)}")
    award = Award(
        person=person,
        organization=organization,
        kind=kind,
        awarded_on=awarded_on,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **fields,
    )
    _check_award(award)
    award.full_clean()
    award.save()
    require_perm(by, "award", Action.ADD, award, message=AWARD_REFUSAL)
    return award


def _check_award(award: Award) -> None:
    _check_mentor(award.person, award.organization)
    _check_kind(award.kind, award.organization, material=False)
    if award.awarded_on and award.awarded_on > timezone.localdate():
        raise ValidationError({"awarded_on": "Дата награждения не может быть в будущем."})


@transaction.atomic
def award_update(*, by, award: Award, **fields) -> Award:
    """Change an award: any of :data:`AWARD_FIELDS`.

    Raises:
        ValidationError: a field is invalid.
        PermissionDenied: ``by`` may not change it, before or after the change.
    """
    require_perm(by, "award", Action.CHANGE, award, message=AWARD_REFUSAL)
    unknown = set(fields) - set(AWARD_FIELDS)
    if unknown:
        raise TypeError(f"award_update: unknown fields {sorted(unknown)}")
    award = Award.objects.select_for_update().get(pk=award.pk)
    for name, value in fields.items():
        setattr(award, name, value)
    _check_award(award)
    award.full_clean()
    award.save()
    require_perm(by, "award", Action.CHANGE, award, message=AWARD_REFUSAL)
    return award


# --- nominations ---------------------------------------------------------------------------------


def _check_nomination(nomination: Nomination) -> None:
    _check_mentor(nomination.person, nomination.organization)
    _check_kind(nomination.kind, nomination.organization, material=False)
    if nomination.level not in NOMINATION_LEVELS:
        raise ValidationError({"level": "Представляют к наградам муниципалитета, региона или федеральным."})
    if not (nomination.justification or "").strip():
        raise ValidationError({"justification": "Обоснуйте представление."})


def _event(
    nomination: Nomination, *, kind: str, summary: str, by, comment: str = "", from_status: str = ""
) -> None:
    NominationEvent.record(
        nomination=nomination,
        kind=kind,
        summary=summary,
        by=by,
        comment=comment,
        from_status=from_status,
        to_status=nomination.status,
    )


@transaction.atomic
def nomination_create(*, by, person, organization, kind, justification: str, **fields) -> Nomination:
    """Draft a nomination of a mentor of ``organization`` for the award ``kind`` (non-material,
    applying in the region); ``level`` defaults to :func:`suggested_level`.

    Raises:
        ValidationError: a field is invalid.
        PermissionDenied: ``by`` does not keep the incentives of ``organization``.
    """
    unknown = set(fields) - set(NOMINATION_FIELDS)
    if unknown:
        raise TypeError(f"nomination_create: unknown fields {sorted(unknown)}")
    if not fields.get("level") and kind is not None:
        fields["level"] = suggested_level(kind)
    nomination = Nomination(
        person=person,
        organization=organization,
        kind=kind,
        justification=(justification or "").strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **fields,
    )
    _check_nomination(nomination)
    nomination.full_clean()
    nomination.save()
    require_perm(by, "nomination", Action.ADD, nomination, message=NOMINATION_REFUSAL)
    _event(nomination, kind=NominationEventKind.CREATED, summary="Представление подготовлено", by=by)
    return nomination


@transaction.atomic
def nomination_update(*, by, nomination: Nomination, **fields) -> Nomination:
    """Change a draft or returned nomination: any of :data:`NOMINATION_FIELDS`.

    Raises:
        ValidationError: a field is invalid.
        PermissionDenied: ``by`` may not change it (sent on, decided, or not theirs).
    """
    require_perm(by, "nomination", Action.CHANGE, nomination, message="Изменять это представление нельзя.")
    unknown = set(fields) - set(NOMINATION_FIELDS)
    if unknown:
        raise TypeError(f"nomination_update: unknown fields {sorted(unknown)}")
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    for name, value in fields.items():
        setattr(nomination, name, value.strip() if name in ("justification", "achievements") else value)
    _check_nomination(nomination)
    nomination.full_clean()
    nomination.save()
    require_perm(by, "nomination", Action.CHANGE, nomination, message="Изменять это представление нельзя.")
    _event(nomination, kind=NominationEventKind.CHANGED, summary="Представление изменено", by=by)
    return nomination


def _step(
    nomination: Nomination,
    *,
    by,
    action: str,
    refusal: str,
    statuses,
    status_error: str,
    municipal_error: str = "",
):
    """Lock the nomination, check that its current status is one of ``statuses`` (else
    ``ValidationError(status_error)``) and ``by``'s right to ``action`` in it (else
    ``PermissionDenied(refusal)``). Returns the locked row and its status before the step."""
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if locked.status not in statuses:
        raise ValidationError(status_error)
    if municipal_error and locked.level == AwardLevel.MUNICIPAL:
        raise ValidationError(municipal_error)
    require_perm(by, "nomination", action, locked, message=refusal)
    return locked, locked.status


@transaction.atomic
def nomination_submit(*, by, nomination: Nomination) -> Nomination:
    """Send a draft or returned nomination to the municipality (the organization's step).

    Raises:
        PermissionDenied: not in a status to send, or ``by`` may not send it.
        ValidationError: the nomination is incomplete.
    """
    nomination, before = _step(
        nomination,
        by=by,
        action=Action.SUBMIT,
        refusal="Направить это представление вы не можете.",
        statuses=EDITABLE_STATUSES,
        status_error="Направить в муниципалитет можно только черновик или возвращённое представление.",
    )
    _check_nomination(nomination)
    nomination.status = NominationStatus.SUBMITTED
    nomination.submitted_on = timezone.localdate()
    nomination.remarks = ""
    nomination.save(update_fields=["status", "submitted_on", "remarks", "updated_at"])
    _event(
        nomination,
        kind=NominationEventKind.SUBMITTED,
        summary="Представление направлено в муниципалитет",
        by=by,
        from_status=before,
    )
    return nomination


@transaction.atomic
def nomination_support(*, by, nomination: Nomination, comment: str = "") -> Nomination:
    """The municipality supports a nomination for a regional or federal award and forwards it to
    the region (``submit`` of the municipal coordinator).

    Raises:
        ValidationError: not waiting for the municipality, or the award is a municipal one
            (decided by the municipality itself).
        PermissionDenied: ``by`` may not support it.
    """
    nomination, before = _step(
        nomination,
        by=by,
        action=Action.SUBMIT,
        refusal="Поддержать это представление вы не можете.",
        statuses=(NominationStatus.SUBMITTED,),
        status_error="Поддержать можно только представление, направленное в муниципалитет.",
        municipal_error="О муниципальной награде решение принимает муниципалитет: направлять в регион не нужно.",
    )
    nomination.status = NominationStatus.SUPPORTED
    nomination.supported_on = timezone.localdate()
    nomination.save(update_fields=["status", "supported_on", "updated_at"])
    _event(
        nomination,
        kind=NominationEventKind.SUPPORTED,
        summary="Представление поддержано муниципалитетом и направлено в регион",
        by=by,
        comment=comment.strip(),
        from_status=before,
    )
    return nomination


@transaction.atomic
def nomination_return(*, by, nomination: Nomination, remarks: str) -> Nomination:
    """Return a nomination to the organization with ``remarks`` (required): the municipality one
    sent to it, the region one forwarded to it.

    Raises:
        ValidationError: no remarks; not waiting for ``by``'s decision.
        PermissionDenied: ``by`` may not return it.
    """
    remarks = (remarks or "").strip()
    if not remarks:
        raise ValidationError({"remarks": "Укажите замечания, с которыми представление возвращается."})
    nomination, before = _step(
        nomination,
        by=by,
        action=Action.RETURN,
        refusal="Вернуть это представление вы не можете.",
        statuses=WAITING,
        status_error="Вернуть можно только представление, ожидающее решения.",
    )
    nomination.status = NominationStatus.RETURNED
    nomination.remarks = remarks
    nomination.save(update_fields=["status", "remarks", "updated_at"])
    _event(
        nomination,
        kind=NominationEventKind.RETURNED,
        summary="Представление возвращено на доработку",
        by=by,
        comment=remarks,
        from_status=before,
    )
    return nomination


@transaction.atomic
def nomination_grant(
    *,
    by,
    nomination: Nomination,
    awarded_on: dt.date,
    issued_by: str = "",
    order_number: str = "",
    counts_at_attestation: bool = True,
) -> Award:
    """Grant the award of a nomination: the municipality for a municipal award, the region for
    one forwarded to it. Records the ``Award`` (of the nomination's level, linked to it).

    Raises:
        ValidationError: not waiting for ``by``'s decision; the date in the future.
        PermissionDenied: ``by`` may not decide it.
    """
    nomination, before = _step(
        nomination,
        by=by,
        action=Action.APPROVE,
        refusal="Принимать решение по этому представлению вы не можете.",
        statuses=WAITING,
        status_error="Присудить награду можно только по представлению, ожидающему решения.",
    )
    if awarded_on is None or awarded_on > timezone.localdate():
        raise ValidationError({"awarded_on": "Укажите дату награждения не позднее сегодняшней."})
    award = Award(
        person=nomination.person,
        organization=nomination.organization,
        kind=nomination.kind,
        level=nomination.level,
        awarded_on=awarded_on,
        issued_by=(issued_by or "").strip(),
        order_number=(order_number or "").strip(),
        counts_at_attestation=counts_at_attestation,
        nomination=nomination,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    award.full_clean()
    award.save()
    nomination.status = NominationStatus.GRANTED
    nomination.decided_on = timezone.localdate()
    nomination.save(update_fields=["status", "decided_on", "updated_at"])
    _event(
        nomination,
        kind=NominationEventKind.GRANTED,
        summary=f"Награда присуждена {awarded_on:%d.%m.%Y}",
        by=by,
        from_status=before,
    )
    return award


@transaction.atomic
def nomination_decline(*, by, nomination: Nomination, remarks: str) -> Nomination:
    """Decline a nomination with the reason (``remarks``, required).

    Raises:
        ValidationError: no reason; not waiting for ``by``'s decision.
        PermissionDenied: ``by`` may not decide it.
    """
    remarks = (remarks or "").strip()
    if not remarks:
        raise ValidationError({"remarks": "Укажите причину отклонения."})
    nomination, before = _step(
        nomination,
        by=by,
        action=Action.APPROVE,
        refusal="Принимать решение по этому представлению вы не можете.",
        statuses=WAITING,
        status_error="Отклонить можно только представление, ожидающее решения.",
    )
    nomination.status = NominationStatus.DECLINED
    nomination.remarks = remarks
    nomination.decided_on = timezone.localdate()
    nomination.save(update_fields=["status", "remarks", "decided_on", "updated_at"])
    _event(
        nomination,
        kind=NominationEventKind.DECLINED,
        summary="Представление отклонено",
        by=by,
        comment=remarks,
        from_status=before,
    )
    return nomination


@transaction.atomic
def nomination_withdraw(*, by, nomination: Nomination, comment: str = "") -> Nomination:
    """The organization withdraws its nomination (a draft, a returned one, or one still at the
    municipality).

    Raises:
        ValidationError: already forwarded or decided.
        PermissionDenied: ``by`` may not withdraw it.
    """
    nomination, before = _step(
        nomination,
        by=by,
        action=Action.WITHDRAW,
        refusal="Отозвать это представление вы не можете.",
        statuses=(*EDITABLE_STATUSES, NominationStatus.SUBMITTED),
        status_error="Отозвать можно только представление, которое ещё не направлено в регион.",
    )
    nomination.status = NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status", "updated_at"])
    _event(
        nomination,
        kind=NominationEventKind.WITHDRAWN,
        summary="Представление отозвано организацией",
        by=by,
        comment=(comment or "").strip(),
        from_status=before,
    )
    return nomination
