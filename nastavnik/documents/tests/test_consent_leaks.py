"""An order fixing pairs names every participant: once any of them withdraws the consent to
personal-data processing, the order (page, DOCX, PDF, list, export) stays only with the curator
and the head (152-ФЗ art. 9; issue 13)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from nastavnik.documents.models import Document
from nastavnik.mentoring.models import Pair
from nastavnik.testing.personas import extend_world, withdraw_consent

pytestmark = pytest.mark.django_db

BOUND = ("operator", "coordinator", "council_a", "psychologist_a", "tutor_1")
EXEMPT = ("curator_a", "head_a")


@pytest.fixture
def order(world):
    """An order of school A fixing both pairs of ``mentor_a`` (with ``mentee_a`` and with
    ``no_consent``), issued while everyone had consented."""
    extend_world(world, withdraw=False)
    document = Document.objects.create(
        organization=world.school_a,
        kind="order_pairs",
        title="О закреплении наставнических пар",
        number="7-о",
        date=timezone.localdate(),
    )
    document.file.save("prikaz.docx", ContentFile(b"PK"), save=True)
    document.pairs.set(Pair.objects.filter(mentor=world.mentor_a))
    return document


def test_before_the_withdrawal_the_order_is_open_to_the_roles_above(world, order):
    for persona in (*BOUND, *EXEMPT):
        assert Document.objects.for_user(world.users[persona]).filter(pk=order.pk).exists(), persona


def test_after_a_participant_withdraws_the_order_is_closed_above_the_school(client, world, order):
    withdraw_consent(world)

    for persona in BOUND:
        assert not Document.objects.for_user(world.users[persona]).filter(pk=order.pk).exists(), persona
        client.force_login(world.users[persona])
        for name in ("detail", "docx", "pdf"):
            assert client.get(reverse(f"documents:{name}", args=[order.pk])).status_code == 404, (
                persona,
                name,
            )
    for persona in EXEMPT:
        assert Document.objects.for_user(world.users[persona]).filter(pk=order.pk).exists(), persona
        client.force_login(world.users[persona])
        assert client.get(reverse("documents:detail", args=[order.pk])).status_code == 200
    # and it never leaves in a file
    assert not Document.objects.filter(pk=order.pk).for_export().exists()


def _agreement(world, mentee) -> Document:
    pair = Pair.objects.get(mentor=world.mentor_a, mentee=mentee)
    return Document.objects.create(
        organization=world.school_a,
        kind="agreement",
        title="Соглашение",
        date=timezone.localdate(),
        pair=pair,
    )


def test_a_partner_no_longer_reads_the_pairs_paper_after_a_withdrawal(world, order):
    withdrawn = _agreement(world, world.no_consent)
    kept = _agreement(world, world.mentee_a)
    mentor = world.users["mentor_a"]
    assert Document.objects.for_user(mentor).filter(pk=withdrawn.pk).exists()

    withdraw_consent(world)

    visible = set(Document.objects.for_user(mentor).values_list("pk", flat=True))
    assert withdrawn.pk not in visible and kept.pk in visible
    assert kept.pk in set(Document.objects.for_user(world.users["mentee_a"]).values_list("pk", flat=True))


def test_the_files_of_a_personal_data_consent_go_to_the_curator_the_head_and_the_person(client, world):
    """A consent to personal-data processing carries the passport data and the address: its DOCX,
    PDF and signed scan are a scan right (``view_scan``), not «whoever sees the document»."""
    paper = Document.objects.create(
        organization=world.school_a,
        kind="personal_data_consent",
        title="Согласие на обработку персональных данных",
        date=timezone.localdate(),
        person=world.mentee_a,
    )
    paper.file.save("soglasie.docx", ContentFile(b"PK passport"), save=True)
    url = reverse("documents:docx", args=[paper.pk])
    page = reverse("documents:detail", args=[paper.pk])
    for persona, expected in (
        ("curator_a", 200),
        ("head_a", 200),
        ("mentee_a", 200),
        ("coordinator", 404),
        ("operator", 404),
    ):
        client.force_login(world.users[persona])
        assert client.get(url).status_code == expected, persona
    client.force_login(world.users["coordinator"])
    text = client.get(page).content.decode()
    assert url not in text and "files-restricted" in text
    assert url not in client.get(reverse("documents:list")).content.decode()
