"""Pages of the incentives of mentors (issue 19 item 6): who reaches which page, forms that keep
bad input with Russian errors and never answer 500, the steps of a nomination by POST, constant
queries of the lists."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from nastavnik.incentives.choices import AwardLevel, NominationStatus
from nastavnik.incentives.models import Award, IncentivePayment, Nomination
from nastavnik.incentives.services import incentives as services
from nastavnik.incentives.tests.helpers import kind, mentor_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(world):
    return mentor_card(world.mentor_a, world.school_a)


def _client(world, persona):
    client = Client()
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


# fmt: off
#:                  operator coord head_a cur_a mentor mentee cur_b
PAGES = {
    "/incentives/":                        (200, 200, 200, 200, 200, 200, 200),
    "/incentives/payments/":               (200, 200, 200, 200, 200, 200, 200),
    "/incentives/payments/new/":           (403, 403, 200, 200, 403, 403, 200),
    "/incentives/awards/":                 (200, 200, 200, 200, 200, 200, 200),
    "/incentives/awards/new/":             (200, 200, 200, 200, 403, 403, 200),
    "/incentives/nominations/":            (200, 200, 200, 200, 403, 403, 200),
    "/incentives/nominations/queue/":      (200, 200, 403, 403, 403, 403, 403),
    "/incentives/nominations/new/":        (403, 403, 200, 200, 403, 403, 200),
    "/incentives/effectiveness/":          (200, 200, 200, 200, 403, 403, 200),
}
# fmt: on
PERSONAS = ("operator", "coordinator", "head_a", "curator_a", "mentor_a", "mentee_a", "curator_b")


@pytest.mark.parametrize("url", list(PAGES))
def test_who_reaches_the_pages(world, card, url):
    for persona, status in zip(PERSONAS, PAGES[url], strict=True):
        assert _client(world, persona).get(url).status_code == status, (url, persona)
    assert _client(world, "anonymous").get(url).status_code == 302


def test_payment_form_keeps_garbage_with_errors(world, card):
    client = _client(world, "head_a")
    response = client.post(
        "/incentives/payments/new/",
        {
            "mentor": card.pk,
            "amount": "-100",
            "starts_on": "2026-13-45",
            "basis": "zzz",
            "document": "²",
            "program": "99999999999",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"amount", "starts_on", "basis"} <= set(errors)
    assert not IncentivePayment.objects.exists()
    # a forged mentor of school B is not a choice
    other = mentor_card(world.teacher_b, world.school_b)
    response = client.post("/incentives/payments/new/", {"mentor": other.pk, "amount": "100"})
    assert "mentor" in response.context["form"].errors


def test_payment_form_saves(world, card):
    today = timezone.localdate()
    response = _client(world, "curator_a").post(
        "/incentives/payments/new/",
        {
            "mentor": card.pk,
            "amount": "2500,50".replace(",", "."),
            "starts_on": today.isoformat(),
            "basis": "agreement",
            "basis_number": "3",
            "basis_date": today.isoformat(),
        },
    )
    assert response.status_code == 302
    payment = IncentivePayment.objects.get()
    assert (payment.person, payment.organization, str(payment.amount)) == (
        world.mentor_a,
        world.school_a,
        "2500.50",
    )


def test_award_form_prefills_mentor_and_refuses_garbage(world, card):
    client = _client(world, "coordinator")
    page = client.get(f"/incentives/awards/new/?mentor={card.pk}")
    assert page.context["form"]["mentor"].initial == card.pk
    assert client.get("/incentives/awards/new/?mentor=%C2%B2").status_code == 200
    response = client.post(
        "/incentives/awards/new/",
        {"mentor": card.pk, "kind": kind("compensation_payment").pk, "level": "federal", "awarded_on": "x"},
    )
    assert response.status_code == 200
    assert not Award.objects.exists()
    response = client.post(
        "/incentives/awards/new/",
        {
            "mentor": card.pk,
            "kind": kind("letter_of_thanks").pk,
            "level": AwardLevel.MUNICIPAL,
            "awarded_on": timezone.localdate().isoformat(),
            "issued_by": "Комитет по образованию",
            "counts_at_attestation": "on",
        },
    )
    assert response.status_code == 302
    assert Award.objects.get().level == AwardLevel.MUNICIPAL


def test_steps_by_post_and_refusals(world, card):
    head = _client(world, "head_a")
    response = head.post(
        "/incentives/nominations/new/",
        {
            "mentor": card.pk,
            "kind": kind("state_sign_za_nastavnichestvo").pk,
            "level": AwardLevel.FEDERAL,
            "justification": "Лучший наставник района",
        },
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    base = f"/incentives/nominations/{nomination.pk}"
    # the coordinator does not see a draft; the head sends it
    assert _client(world, "coordinator").get(f"{base}/").status_code == 404
    assert head.post(f"{base}/submit/").status_code == 302
    # the head may not support it; the coordinator returns it without remarks: an error, nothing done
    assert head.get(f"{base}/support/").status_code == 403
    coordinator = _client(world, "coordinator")
    response = coordinator.post(f"{base}/return/", {"remarks": ""})
    assert response.status_code == 200 and "remarks" in response.context["form"].errors
    assert coordinator.post(f"{base}/support/", {"comment": "Да"}).status_code == 302
    # the operator declines with a reason; grant with a garbage date keeps the form
    operator = _client(world, "operator")
    assert operator.post(f"{base}/grant/", {"awarded_on": "вчера"}).status_code == 200
    assert operator.post(f"{base}/decline/", {"remarks": "Не подходит"}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECLINED
    # a decided nomination: no step is open to anyone
    for path in ("submit/", "support/", "return/", "grant/", "withdraw/", "edit/"):
        for persona in ("head_a", "coordinator", "operator"):
            assert _client(world, persona).get(base + "/" + path).status_code in (403, 404)
    assert _client(world, "curator_b").get(f"{base}/").status_code == 404


def test_lists_in_constant_queries(world, card, django_assert_max_num_queries):
    today = timezone.localdate()
    for n in range(3):
        services.award_create(
            by=None,
            person=world.mentor_a,
            organization=world.school_a,
            kind=kind("diploma"),
            awarded_on=today,
        )
        services.nomination_create(
            by=None,
            person=world.mentor_a,
            organization=world.school_a,
            kind=kind("badge_honorary_mentor"),
            justification=f"Обоснование {n}",
        )
    client = _client(world, "head_a")
    client.get("/incentives/")  # warm the session
    for url in ("/incentives/", "/incentives/awards/", "/incentives/nominations/"):
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200
