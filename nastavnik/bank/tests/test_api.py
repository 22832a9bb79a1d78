"""The bank's REST API (issue 17, build 1) as the personas of the matrix world: lists narrowed to
the pages' scope (and the consent rule, 152-ФЗ art. 9), out-of-scope ids 404, scans never in the
JSON — only the protected download's address, for those with ``view_scan`` —, the yearly
confirmation refused in Russian for a role without the right and recorded for the curator
(seed 000 §4.1.2), invalid input a 400 keyed by field, constant queries per page."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from nastavnik.bank.models import BankConfirmation, MenteeProfile, MentorProfile, PersonalDataConsent
from nastavnik.testing import factories as f
from nastavnik.testing.api import api, ids
from nastavnik.testing.matrix import matrix_session
from nastavnik.testing.personas import ALL_PERSONAS

pytestmark = pytest.mark.django_db

MENTORS = "/api/v1/bank/mentors/"
MENTEES = "/api/v1/bank/mentees/"
CONSENTS = "/api/v1/bank/consents/"
BANKS = "/api/v1/bank/organizations/"
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture(scope="module")
def mw(django_db_setup, django_db_blocker):
    """The matrix world (school A with its bank, school B with its own, the mentee of A without
    a consent), built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), matrix_session(ALL_PERSONAS) as (matrix, _clients):
        yield matrix


def test_mentor_list_is_the_page_scope(mw):
    a, b = mw.objects["a"]["mentor_profile"], mw.objects["b"]["mentor_profile"]
    for persona, sees_a, sees_b in (
        ("curator_a", True, False),
        ("head_a", True, False),
        ("coordinator", True, False),
        ("operator", True, True),
        ("curator_b", False, True),
        ("mentor_a", True, False),  # their own card
        ("mentee_a", False, False),
        ("national", False, False),
    ):
        seen = ids(api(mw, persona).get(MENTORS, {"page_size": 500}))
        assert (a.pk in seen, b.pk in seen) == (sees_a, sees_b), persona
        assert seen == set(MentorProfile.objects.for_user(mw.users[persona]).values_list("pk", flat=True))
    assert api(mw, "anonymous").get(MENTORS).status_code == 401


def test_mentee_without_consent_is_listed_to_the_curator_only(mw):
    """A mentee who withdrew the consent (152-ФЗ art. 9) is in the curator's and the head's list
    and nowhere else, by list or by id."""
    hidden = mw.objects["a"]["partner_profile"]
    assert hidden.pk in ids(api(mw, "curator_a").get(MENTEES, {"page_size": 500}))
    assert hidden.pk in ids(api(mw, "head_a").get(MENTEES, {"page_size": 500}))
    for persona in ("coordinator", "operator", "council_a", "psychologist_a", "mentor_a", "curator_b"):
        client = api(mw, persona)
        response = client.get(MENTEES, {"page_size": 500})
        assert response.status_code == 200
        assert hidden.pk not in ids(response), persona
        assert "Отозванова" not in response.content.decode(), persona
        assert client.get(f"{MENTEES}{hidden.pk}/").status_code == 404, persona


def test_out_of_scope_ids_are_404_in_russian(mw):
    b = mw.objects["b"]
    client = api(mw, "curator_a")
    for url in (
        f"{MENTORS}{b['mentor_profile'].pk}/",
        f"{MENTEES}{b['mentee_profile'].pk}/",
        f"{CONSENTS}{b['pd_consent'].pk}/",
        f"{BANKS}{b['organization'].pk}/",
        f"{BANKS}{b['organization'].pk}/confirm/",
        f"{MENTORS}999999999/",
    ):
        response = client.post(url) if url.endswith("confirm/") else client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Не найдено."}


def test_filters_are_the_list_pages(mw):
    a = mw.objects["a"]
    client = api(mw, "operator")
    only_a = ids(client.get(MENTORS, {"organization": a["organization"].pk, "page_size": 500}))
    assert a["mentor_profile"].pk in only_a
    assert mw.objects["b"]["mentor_profile"].pk not in only_a
    by_name = ids(client.get(MENTORS, {"q": "Наставникова"}))
    assert by_name == {a["mentor_profile"].pk}
    response = client.get(MENTORS, {"status": "нет такого"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Проверьте введённые данные."
    assert CYRILLIC.search(body["errors"]["status"][0])


def test_scans_are_links_only_for_those_with_view_scan(mw):
    """The mentor's written consent: its download's address to the curator and to the mentor
    themselves; the coordinator sees the card but not the scan; the file's path never appears."""
    profile = mw.objects["a"]["mentor_profile"]
    url = f"{MENTORS}{profile.pk}/"
    link = f"/bank/files/mentor-consent/{profile.pk}/"
    for persona, expected in (("curator_a", link), ("mentor_a", link), ("coordinator", None)):
        response = api(mw, persona).get(url)
        assert response.status_code == 200, persona
        body = response.json()
        assert body["consent_scan_url"] == expected, persona
        assert profile.consent_scan.name not in response.content.decode()
        assert "questionnaire" in body and "trainings" in body
    # the link itself checks the right again: the coordinator gets 404 there
    coordinator = APIClient()
    coordinator.force_login(mw.users["coordinator"])
    assert coordinator.get(link).status_code == 404


def test_consents_are_the_curators_and_the_persons_own(mw):
    a, b = mw.objects["a"], mw.objects["b"]
    curator = ids(api(mw, "curator_a").get(CONSENTS, {"page_size": 500}))
    assert a["pd_consent"].pk in curator and b["pd_consent"].pk not in curator
    mentee = api(mw, "mentee_a").get(CONSENTS)
    assert ids(mentee) == set(
        PersonalDataConsent.objects.filter(person=mw.world.mentee_a).values_list("pk", flat=True)
    )
    row = mentee.json()["results"][0]
    assert row["scan_url"] == f"/bank/files/pd-consent/{a['pd_consent'].pk}/"
    assert row["purpose_labels"] and all(CYRILLIC.search(label) for label in row["purpose_labels"])
    # the coordinator keeps no consents: an empty list, not the organization's
    assert ids(api(mw, "coordinator").get(CONSENTS)) == set()


def test_bank_confirm_refused_in_russian_then_recorded_for_the_curator(mw):
    school = mw.objects["a"]["organization"]
    url = f"{BANKS}{school.pk}/confirm/"
    before = BankConfirmation.objects.filter(organization=school).count()
    # the head sees the bank but does not confirm it
    response = api(mw, "head_a").post(url, {"comment": "Проверено"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Актуальность банка подтверждает куратор организации."}
    # a mentor has no right over the bank at all
    assert api(mw, "mentor_a").post(url, {}, format="json").status_code == 403
    assert BankConfirmation.objects.filter(organization=school).count() == before

    response = api(mw, "curator_a").post(url, {"comment": "Проверено"}, format="json")
    assert response.status_code == 201, response.content
    confirmation = BankConfirmation.objects.filter(organization=school).latest("pk")
    assert response.json()["id"] == confirmation.pk
    assert confirmation.confirmed_by == mw.users["curator_a"]
    assert confirmation.comment == "Проверено"
    assert (
        confirmation.mentors_count
        == MentorProfile.objects.filter(organization=school).exclude(status="left").count()
    )
    state = api(mw, "curator_a").get(f"{BANKS}{school.pk}/").json()
    assert state["state"] == "ok" and state["last_confirmed_on"] == confirmation.confirmed_on.isoformat()


def test_bank_confirm_invalid_input_is_a_russian_400_by_field(mw):
    school = mw.objects["a"]["organization"]
    response = api(mw, "curator_a").post(
        f"{BANKS}{school.pk}/confirm/", {"comment": "я" * 2001}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Проверьте введённые данные."
    assert CYRILLIC.search(body["errors"]["comment"][0])
    assert not BankConfirmation.objects.filter(organization=school, comment="я" * 2001).exists()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": 500})
    assert response.status_code == 200
    return len(captured)


def test_lists_cost_the_same_queries_at_any_length(mw):
    from nastavnik.matching.tests.bank import active_mentor
    from nastavnik.matching.tests.bank import mentee as mentee_card

    school = mw.objects["a"]["organization"]
    client = api(mw, "curator_a")
    urls = (MENTORS, MENTEES, CONSENTS, BANKS)
    small = {url: _queries(client, url) for url in urls}
    for n in range(3):
        active_mentor(f.staff_member(school, last_name=f"Добавленова{n}"), school)
        mentee_card(f.staff_member(school, last_name=f"Новенькова{n}"), school)
    assert MenteeProfile.objects.filter(organization=school).count() >= 4
    large = {url: _queries(client, url) for url in urls}
    assert large == small
