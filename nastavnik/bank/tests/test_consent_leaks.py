"""Personal data reaches only those who may see it (152-ФЗ art. 9; issue 13).

A person who withdrew the consent to personal-data processing is named only to the curator and
the head of their organization: not on their pair partner's cards, lists and home page to the
operator, the coordinator, the council, the psychologist, the tutor, nor to the partner. Scans
of consents (papers with passport data) are served only to the curator, the head and the
person themselves, and only they see the link.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from nastavnik.bank.models import PersonalDataConsent
from nastavnik.matching.tests.bank import active_mentor, mentee
from nastavnik.people.consent import HIDDEN_PERSON, consented_person_ids, hidden_person_ids
from nastavnik.testing.personas import NO_CONSENT_SURNAME, extend_world

pytestmark = pytest.mark.django_db

#: Roles above the organization's bank keepers: bound by the consent rule.
BOUND = ("operator", "coordinator", "council_a", "psychologist_a", "tutor_1")
EXEMPT = ("curator_a", "head_a")


@pytest.fixture
def leak_world(world):
    """The persona world with ``mentor_a`` an active mentor whose second mentee (``no_consent``,
    «Отозванова») withdrew the consent."""
    active_mentor(world.mentor_a, world.school_a, capacity=5)
    return extend_world(world)


def page(client, world, persona, url):
    client.force_login(world.users[persona])
    response = client.get(url)
    assert response.status_code == 200, (persona, url, response.status_code)
    return response.content.decode()


def partner_pages(world):
    return [
        reverse("bank:mentor_detail", args=[world.mentor_a.mentor_profile.pk]),
        reverse("people:detail", args=[world.mentor_a.pk]),
        reverse("bank:mentor_list"),
    ]


@pytest.mark.parametrize("persona", BOUND)
def test_the_partners_cards_do_not_name_a_person_who_withdrew_consent(client, leak_world, persona):
    for url in partner_pages(leak_world):
        text = page(client, leak_world, persona, url)
        assert NO_CONSENT_SURNAME not in text, (persona, url)
        assert reverse("people:detail", args=[leak_world.no_consent.pk]) not in text


@pytest.mark.parametrize("persona", EXEMPT)
def test_the_curator_and_the_head_still_see_them(client, leak_world, persona):
    text = page(
        client,
        leak_world,
        persona,
        reverse("bank:mentor_detail", args=[leak_world.mentor_a.mentor_profile.pk]),
    )
    assert NO_CONSENT_SURNAME in text
    text = page(client, leak_world, persona, reverse("people:detail", args=[leak_world.mentor_a.pk]))
    assert NO_CONSENT_SURNAME in text


def test_the_partner_does_not_see_them_either(client, leak_world):
    for url in (
        reverse("core:home"),
        reverse("people:detail", args=[leak_world.mentor_a.pk]),
        reverse("bank:mentor_detail", args=[leak_world.mentor_a.mentor_profile.pk]),
    ):
        assert NO_CONSENT_SURNAME not in page(client, leak_world, "mentor_a", url), url


def test_the_mentee_list_does_not_name_a_mentor_who_withdrew_consent(client, world):
    active_mentor(world.mentor_a, world.school_a, capacity=5)
    mentee(world.mentee_a, world.school_a)
    world.mentor_a.pd_consents.update(withdrawn_on=world.mentor_a.pd_consents.get().given_on)
    extend_world(world, withdraw=False)
    url = reverse("bank:mentee_list")
    assert "Наставникова" not in page(client, world, "coordinator", url)
    assert "Наставникова" in page(client, world, "curator_a", url)


def test_hidden_person_ids_follow_the_rule(leak_world):
    no_consent = leak_world.no_consent
    ids = {no_consent.pk, leak_world.mentee_a.pk}
    for persona in (*BOUND, "mentor_a"):
        assert hidden_person_ids(leak_world.users[persona], ids) == {no_consent.pk}, persona
    for persona in (*EXEMPT,):
        assert hidden_person_ids(leak_world.users[persona], ids) == set(), persona
    assert str(HIDDEN_PERSON).startswith("участник скрыт")


def test_one_rule_for_every_app():
    """The rule is asked through ``people.consent``; people imports neither bank nor mentoring."""
    import ast
    import pathlib

    import nastavnik.people as people

    for path in pathlib.Path(people.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("nastavnik.bank", "nastavnik.mentoring")), (
                    path,
                    node.module,
                )
    assert "person_id" in str(consented_person_ids().query)


# Scans -----------------------------------------------------------------------------------


@pytest.fixture
def scans(world):
    """A scanned consent to personal-data processing of ``mentee_a`` and the written consents of
    the pair (mentor's and mentee's cards, each with a scan)."""
    consent = PersonalDataConsent.objects.get(person=world.mentee_a, withdrawn_on__isnull=True)
    consent.scan.save("soglasie.pdf", ContentFile(b"%PDF-1.4 passport"), save=True)
    mentor_consent = PersonalDataConsent.objects.get(person=world.mentor_a, withdrawn_on__isnull=True)
    mentor_consent.scan.save("soglasie-n.pdf", ContentFile(b"%PDF-1.4 passport"), save=True)
    mentor_profile = active_mentor(world.mentor_a, world.school_a, capacity=5)
    mentor_profile.consent_scan.save("nastavnik.pdf", ContentFile(b"%PDF-1.4"), save=True)
    mentee_profile = mentee(world.mentee_a, world.school_a)
    mentee_profile.consent_scan.save("nastavlyaemyi.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {
        "pd-consent": consent,
        "mentor-pd-consent": mentor_consent,
        "mentor-consent": mentor_profile,
        "mentee-consent": mentee_profile,
    }


def _get(client, world, persona, url):
    client.force_login(world.users[persona])
    return client.get(url).status_code


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("curator_a", 200),
        ("head_a", 200),
        ("mentee_a", 200),  # their own
        ("mentor_a", 404),  # the pair partner
        ("operator", 404),
        ("coordinator", 404),
        ("curator_b", 404),
    ],
)
def test_the_mentees_consent_scans_go_to_the_curator_the_head_and_the_mentee(
    client, world, scans, persona, expected
):
    for kind in ("pd-consent", "mentee-consent"):
        url = reverse("bank:file", args=[kind, scans[kind].pk])
        assert _get(client, world, persona, url) == expected, (persona, kind)


@pytest.mark.parametrize(("persona", "expected"), [("mentor_a", 200), ("mentee_a", 404), ("head_a", 200)])
def test_the_mentors_consent_scans_are_refused_to_the_mentee(client, world, scans, persona, expected):
    for key, kind in (("mentor-pd-consent", "pd-consent"), ("mentor-consent", "mentor-consent")):
        url = reverse("bank:file", args=[kind, scans[key].pk])
        assert _get(client, world, persona, url) == expected, (persona, kind)


def test_the_card_shows_the_scan_link_only_to_those_who_may_download(client, world, scans):
    extend_world(world, withdraw=False)
    pd_link = reverse("bank:file", args=["pd-consent", scans["pd-consent"].pk])
    card_link = reverse("bank:file", args=["mentee-consent", scans["mentee-consent"].pk])
    person_card = reverse("people:detail", args=[world.mentee_a.pk])
    mentee_card = reverse("bank:mentee_detail", args=[scans["mentee-consent"].pk])
    for persona in ("mentor_a", "coordinator", "council_a"):
        assert pd_link not in page(client, world, persona, person_card), persona
    for persona in ("coordinator", "council_a"):  # the mentor does not reach the bank card at all
        assert card_link not in page(client, world, persona, mentee_card), persona
    for persona in ("curator_a", "mentee_a"):
        assert pd_link in page(client, world, persona, person_card), persona
        assert card_link in page(client, world, persona, mentee_card), persona


def test_the_scan_right_is_a_row_of_permissions():
    from nastavnik.access.choices import CONSENT_EXEMPT_ROLES, PERMISSIONS, Action

    for model in ("personaldataconsent", "mentorprofile", "menteeprofile"):
        assert PERMISSIONS[model][Action.VIEW_SCAN] == CONSENT_EXEMPT_ROLES


def test_a_person_without_a_card_reaches_only_their_own_consents(world, scans):
    own = PersonalDataConsent.objects.for_user(world.users["mentee_a"], "view_scan")
    assert set(own.values_list("person_id", flat=True)) == {world.mentee_a.pk}
    assert not PersonalDataConsent.objects.for_user(world.users["operator"], "view_scan").exists()
