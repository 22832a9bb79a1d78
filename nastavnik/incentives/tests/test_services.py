"""Services and rights of the incentives of mentors (issue 19 item 6): payments, awards and the
nomination's way from the school to the municipality and the region."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nastavnik.incentives.choices import AwardLevel, NominationEventKind, NominationStatus, PaymentBasis
from nastavnik.incentives.models import Award, IncentivePayment, Nomination
from nastavnik.incentives.services import incentives as services
from nastavnik.incentives.tests.helpers import kind, mentor_card
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(world):
    return mentor_card(world.mentor_a, world.school_a)


def _payment(world, by, **fields):
    today = timezone.localdate()
    data = dict(
        person=world.mentor_a,
        organization=world.school_a,
        amount="3000",
        starts_on=today.replace(day=1),
        basis=PaymentBasis.ORDER,
        basis_number="12-о",
        basis_date=today.replace(day=1),
    )
    data.update(fields)
    return services.payment_create(by=by, **data)


def _nomination(world, by, code="badge_honorary_mentor", **fields):
    return services.nomination_create(
        by=by,
        person=world.mentor_a,
        organization=world.school_a,
        kind=kind(code),
        justification="Подготовила трёх молодых педагогов.",
        **fields,
    )


# --- payments ------------------------------------------------------------------------------------


def test_head_records_payment_with_typed_basis(world, card):
    # given the head of school A; when a payment of 3000 ₽ a month is recorded on an order
    payment = _payment(world, world.users["head_a"])
    # then it is kept with its basis written as the lists show it
    assert payment.amount == Decimal("3000.00")
    assert payment.basis_label.startswith("приказ руководителя № 12-о от ")
    assert IncentivePayment.objects.for_user(world.users["mentor_a"]).filter(pk=payment.pk).exists()


@pytest.mark.parametrize("amount", ["0", "-5", "abc", "NaN", "Infinity"])
def test_payment_amount_must_be_positive_number(world, card, amount):
    with pytest.raises(ValidationError) as error:
        _payment(world, world.users["head_a"], amount=amount)
    assert "amount" in error.value.message_dict
    assert not IncentivePayment.objects.exists()


def test_payment_period_in_order_and_basis_required(world, card):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        _payment(world, world.users["curator_a"], ends_on=today - dt.timedelta(days=400))
    assert "ends_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _payment(world, world.users["curator_a"], basis_number="", basis_date=None)
    assert {"basis_number", "basis_date"} <= set(error.value.message_dict)


def test_payment_only_to_a_mentor_of_the_bank(world, card):
    with pytest.raises(ValidationError) as error:
        _payment(world, world.users["head_a"], person=world.teacher_a)
    assert "банке наставников" in error.value.message_dict["person"][0]


@pytest.mark.parametrize("persona", ["curator_b", "coordinator", "operator", "mentor_a"])
def test_others_may_not_record_payments_of_school_a(world, card, persona):
    with pytest.raises(PermissionDenied):
        _payment(world, world.users[persona])
    assert not IncentivePayment.objects.exists()


def test_payment_document_of_other_kind_refused(world, card):
    from nastavnik.documents.models import Document

    document = Document.objects.create(
        organization=world.school_a,
        kind="order_pairs",
        title="Приказ",
        number="5-о",
        date=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as error:
        _payment(world, world.users["head_a"], document=document, basis_number="", basis_date=None)
    assert "document" in error.value.message_dict


def test_payment_on_registry_order_naming_the_mentor(world, card):
    from nastavnik.documents.models import Document

    today = timezone.localdate()
    document = Document.objects.create(
        organization=world.school_a,
        kind="order_mentor_payment",
        title="Приказ об установлении доплаты",
        number="7-о",
        date=today,
        params={"mentors": [world.mentor_a.pk]},
    )
    payment = _payment(world, world.users["head_a"], document=document, basis_number="", basis_date=None)
    assert payment.basis_label == f"приказ руководителя № 7-о от {today:%d.%m.%Y}"
    document.params = {"mentors": [world.teacher_a.pk]}
    document.save()
    with pytest.raises(ValidationError):
        _payment(world, world.users["head_a"], document=document, basis_number="", basis_date=None)


# --- awards --------------------------------------------------------------------------------------


def test_award_recorded_and_seen_by_mentor_not_by_school_b(world, card):
    award = services.award_create(
        by=world.users["curator_a"],
        person=world.mentor_a,
        organization=world.school_a,
        kind=kind("letter_of_thanks"),
        awarded_on=timezone.localdate(),
        issued_by="МБОУ «СОШ № 1»",
    )
    assert Award.objects.for_user(world.users["mentor_a"]).filter(pk=award.pk).exists()
    assert Award.objects.for_user(world.users["coordinator"]).filter(pk=award.pk).exists()
    assert not Award.objects.for_user(world.users["curator_b"]).exists()
    assert not Award.objects.for_user(world.users["mentee_a"]).exists()


def test_award_of_another_region_or_material_refused(world, card):
    for code in ("volgograd_sign_honorary_mentor", "compensation_payment"):
        with pytest.raises(ValidationError) as error:
            services.award_create(
                by=world.users["head_a"],
                person=world.mentor_a,
                organization=world.school_a,
                kind=kind(code),
                awarded_on=timezone.localdate(),
            )
        assert "kind" in error.value.message_dict


def test_award_date_not_in_future(world, card):
    with pytest.raises(ValidationError):
        services.award_create(
            by=world.users["head_a"],
            person=world.mentor_a,
            organization=world.school_a,
            kind=kind("diploma"),
            awarded_on=timezone.localdate() + dt.timedelta(days=1),
        )


# --- nominations ---------------------------------------------------------------------------------


def test_nomination_from_school_to_region_granted(world, card):
    # given a draft of the head for the badge «Почётный наставник» (federal level suggested)
    head, coordinator, operator = (world.users[n] for n in ("head_a", "coordinator", "operator"))
    nomination = _nomination(world, head)
    assert nomination.level == AwardLevel.FEDERAL
    # the coordinator sees no draft, the operator neither
    assert not Nomination.objects.for_user(coordinator).exists()
    # when the head sends it, the coordinator sees it and supports it
    services.nomination_submit(by=head, nomination=nomination)
    assert Nomination.objects.for_user(coordinator).filter(pk=nomination.pk).exists()
    assert not Nomination.objects.for_user(operator).exists()
    with pytest.raises(PermissionDenied):
        services.nomination_grant(by=coordinator, nomination=nomination, awarded_on=timezone.localdate())
    services.nomination_support(by=coordinator, nomination=nomination, comment="Поддерживаем.")
    # then the operator grants it: the award is recorded with the nomination's level
    award = services.nomination_grant(
        by=operator, nomination=nomination, awarded_on=timezone.localdate(), order_number="400-н"
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.GRANTED
    assert award.nomination == nomination and award.level == AwardLevel.FEDERAL
    assert list(nomination.events.values_list("kind", flat=True)) == [
        NominationEventKind.CREATED,
        NominationEventKind.SUBMITTED,
        NominationEventKind.SUPPORTED,
        NominationEventKind.GRANTED,
    ]
    assert Award.objects.for_user(world.users["mentor_a"]).filter(pk=award.pk).exists()


def test_municipal_award_decided_by_municipality(world, card):
    head, coordinator = world.users["head_a"], world.users["coordinator"]
    nomination = _nomination(world, head, code="diploma", level=AwardLevel.MUNICIPAL)
    services.nomination_submit(by=head, nomination=nomination)
    with pytest.raises(ValidationError):
        services.nomination_support(by=coordinator, nomination=nomination)
    services.nomination_grant(by=coordinator, nomination=nomination, awarded_on=timezone.localdate())
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.GRANTED
    assert not Nomination.objects.for_user(world.users["operator"]).exists()


def test_return_with_remarks_then_resubmit_and_decline(world, card):
    head, coordinator, operator = (world.users[n] for n in ("head_a", "coordinator", "operator"))
    nomination = _nomination(world, head)
    services.nomination_submit(by=head, nomination=nomination)
    with pytest.raises(ValidationError):
        services.nomination_return(by=coordinator, nomination=nomination, remarks="  ")
    services.nomination_return(by=coordinator, nomination=nomination, remarks="Добавьте достижения.")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.RETURNED
    services.nomination_update(by=head, nomination=nomination, achievements="Победитель конкурса.")
    services.nomination_submit(by=head, nomination=nomination)
    services.nomination_support(by=coordinator, nomination=nomination)
    # the organization can no longer change or withdraw it
    with pytest.raises(PermissionDenied):
        services.nomination_update(by=head, nomination=nomination, achievements="x")
    with pytest.raises(ValidationError):
        services.nomination_withdraw(by=head, nomination=nomination)
    services.nomination_decline(by=operator, nomination=nomination, remarks="Не выполнены условия.")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECLINED
    assert not Award.objects.exists()


def test_curator_b_and_coordinator_of_other_municipality_reach_nothing(world, card):
    head = world.users["head_a"]
    nomination = _nomination(world, head)
    services.nomination_submit(by=head, nomination=nomination)
    coordinator_2 = f.UserFactory(username="coordinator_2")
    f.RoleAssignmentFactory(user=coordinator_2, org_unit=world.muni2, role="municipal_coordinator")
    for user in (world.users["curator_b"], coordinator_2, world.users["mentor_a"]):
        assert not Nomination.objects.for_user(user).exists()
        with pytest.raises(PermissionDenied):
            services.nomination_support(by=user, nomination=nomination)


def test_nomination_of_another_region_award_refused(world, card):
    with pytest.raises(ValidationError):
        _nomination(world, world.users["head_a"], code="volgograd_sign_honorary_mentor")
    with pytest.raises(ValidationError):
        _nomination(world, world.users["head_a"], level=AwardLevel.ORGANIZATION)
    with pytest.raises(PermissionDenied):
        _nomination(world, world.users["coordinator"])


def test_the_payment_choosers_offer_the_keepers_own_documents_and_programs_only(world):
    # given payment orders of school A and school B and an order of another kind in school A
    from django.contrib.auth.models import AnonymousUser

    from nastavnik.documents.models import Document
    from nastavnik.incentives.choosers import PAYMENT_DOCUMENTS, PAYMENT_PROGRAMS

    def order(organization, kind, number):
        return Document.objects.create(
            organization=organization, kind=kind, title="Приказ", number=number, date=timezone.localdate()
        )

    own = order(world.school_a, "order_mentor_payment", "7-о")
    order(world.school_a, "order_pairs", "8-о")
    order(world.school_b, "order_mentor_payment", "9-о")

    # then the head of school A is offered A's payment order alone, searchable by its number
    rows = PAYMENT_DOCUMENTS.rows(world.users["head_a"])
    assert list(rows) == [own]
    assert list(PAYMENT_DOCUMENTS.search(rows, "7-о")) == [own]
    assert PAYMENT_DOCUMENTS.label(own).startswith("Приказ об установлении доплаты")
    # and those who record no payments are offered nothing
    for user in (world.users["mentor_a"], world.users["coordinator"], AnonymousUser()):
        assert not PAYMENT_DOCUMENTS.rows(user).exists()
        assert not PAYMENT_PROGRAMS.rows(user).exists()
    assert not PAYMENT_PROGRAMS.rows(world.users["head_a"]).exclude(organization=world.school_a).exists()
