"""Requests for a mentor from the public open bank (issue 19, item 2; seed 001 §7.1.1): the form
without sign-in keeps the request for the mentor's organization and e-mails its curators; invalid
input and robots keep nothing; only the curator and the head of that organization read and answer
it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from nastavnik.openness.choices import MentorRequestStatus
from nastavnik.openness.models import MentorRequest
from nastavnik.openness.tests.public_bank_world import OPEN_BANK_ONLY, open_bank_mentor

pytestmark = pytest.mark.django_db

VALID = {
    "full_name": "Петрова Анна Сергеевна",
    "email": "petrova@example.ru",
    "phone": "+7 900 000-00-00",
    "workplace": "МБОУ СОШ № 7",
    "position": "учитель математики",
    "message": "Нужна помощь в подготовке открытого урока.",
    "consent": "on",
}


@pytest.fixture
def mentor(world):
    """A public mentor of school A, whose curator has an e-mail."""
    curator = world.users["curator_a"]
    curator.email = "curator_a@example.ru"
    curator.save(update_fields=["email"])
    return open_bank_mentor(world.school_a, "Публичная")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_valid_request_is_kept_and_mailed_to_the_curator(world, mentor):
    # when an anonymous visitor sends a valid request
    response = Client().post(f"/mentors/{mentor.pk}/request/", VALID)

    # then it is kept for the mentor's organization and the curator gets a Russian letter
    assert response.status_code == 302 and response["Location"] == f"/mentors/{mentor.pk}/request/sent/"
    request = MentorRequest.objects.get()
    assert request.organization == world.school_a and request.status == MentorRequestStatus.NEW
    assert request.consent and request.full_name == VALID["full_name"]
    assert [m.to for m in mail.outbox] == [["curator_a@example.ru"]]
    assert "Обращение к наставнику" in mail.outbox[0].subject
    assert "Петрова Анна Сергеевна" in mail.outbox[0].body
    assert "Обращение отправлено" in Client().get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"consent": ""}, "Без согласия на обработку персональных данных"),
        ({"email": "не-почта"}, "Проверьте адрес электронной почты"),
        ({"full_name": ""}, "Укажите фамилию, имя и отчество"),
        ({"message": ""}, "Напишите, с чем нужна помощь наставника"),
    ],
)
def test_an_invalid_request_keeps_nothing_and_says_why_in_russian(world, mentor, changes, error):
    # when the form is sent with a field wrong
    response = Client().post(f"/mentors/{mentor.pk}/request/", {**VALID, **changes})

    # then the form comes back with the Russian error and what was typed, nothing is kept or sent
    text = response.content.decode()
    assert response.status_code == 200 and error in text
    assert "Петрова" in text or changes.get("full_name") == ""
    assert not MentorRequest.objects.exists() and not mail.outbox


def test_a_filled_trap_field_is_spam_and_keeps_nothing(world, mentor):
    # when a robot fills the trap field
    response = Client().post(f"/mentors/{mentor.pk}/request/", {**VALID, "website": "http://spam.example"})

    # then it sees the confirmation, but nothing is kept or sent
    assert response.status_code == 302
    assert not MentorRequest.objects.exists() and not mail.outbox


def test_too_many_requests_from_one_address_are_refused(world, mentor):
    # given five requests from one address
    client = Client()
    for _ in range(5):
        assert client.post(f"/mentors/{mentor.pk}/request/", VALID).status_code == 302

    # when a sixth is sent
    response = client.post(f"/mentors/{mentor.pk}/request/", VALID)

    # then it is refused with a note
    assert response.status_code == 200 and "слишком много обращений" in response.content.decode()
    assert MentorRequest.objects.count() == 5


def test_no_request_to_a_mentor_without_the_consent_to_distribution(world):
    # given a mentor of the open bank without the consent to distribution
    closed = open_bank_mentor(world.school_a, "Закрытая", purposes=OPEN_BANK_ONLY)

    # then the form is 404 and a post keeps nothing
    assert Client().post(f"/mentors/{closed.pk}/request/", VALID).status_code == 404
    assert not MentorRequest.objects.exists()


def test_the_inbox_is_the_curators_and_the_heads_of_the_mentors_organization(world, mentor):
    # given a request to school A's mentor
    Client().post(f"/mentors/{mentor.pk}/request/", VALID)
    request = MentorRequest.objects.get()

    # then the curator and the head of A see it; the curator of B, the coordinator and the mentor do not
    for name in ("curator_a", "head_a"):
        client = signed_in(world.users[name])
        assert "Петрова Анна Сергеевна" in client.get("/mentor-requests/").content.decode()
        assert client.get(f"/mentor-requests/{request.pk}/").status_code == 200
    assert "Петрова" not in signed_in(world.users["curator_b"]).get("/mentor-requests/").content.decode()
    assert signed_in(world.users["curator_b"]).get(f"/mentor-requests/{request.pk}/").status_code == 404
    assert signed_in(world.users["coordinator"]).get("/mentor-requests/").status_code == 403
    assert signed_in(world.users["mentor_a"]).get("/mentor-requests/").status_code == 403
    assert Client().get("/mentor-requests/").status_code == 302


def test_the_inbox_filters_by_status(world, mentor):
    # given an answered and a new request
    client = Client()
    client.post(f"/mentors/{mentor.pk}/request/", VALID)
    client.post(f"/mentors/{mentor.pk}/request/", {**VALID, "full_name": "Сидорова Ольга Ивановна"})
    MentorRequest.objects.filter(full_name__startswith="Сидорова").update(status=MentorRequestStatus.ANSWERED)

    # then the filter by status shows one of them
    text = signed_in(world.users["curator_a"]).get("/mentor-requests/?status=new").content.decode()
    assert "Петрова" in text and "Сидорова" not in text
    garbage = signed_in(world.users["curator_a"]).get("/mentor-requests/?status=zzz")
    assert garbage.status_code == 200


def test_the_curator_answers_by_email_and_then_closes(world, mentor):
    # given a request
    Client().post(f"/mentors/{mentor.pk}/request/", VALID)
    request = MentorRequest.objects.get()
    mail.outbox.clear()
    curator = signed_in(world.users["curator_a"])

    # when the curator answers
    response = curator.post(
        f"/mentor-requests/{request.pk}/", {"action": "answer", "answer": "Свяжусь с вами."}
    )

    # then the answer is kept and sent to the requester
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == MentorRequestStatus.ANSWERED and request.answer == "Свяжусь с вами."
    assert request.answered_by == world.users["curator_a"]
    assert [m.to for m in mail.outbox] == [["petrova@example.ru"]]
    assert "Свяжусь с вами." in mail.outbox[0].body

    # when the curator closes it, it is closed; an answer to a closed one is refused
    curator.post(f"/mentor-requests/{request.pk}/", {"action": "close"})
    request.refresh_from_db()
    assert request.status == MentorRequestStatus.CLOSED
    refused = curator.post(f"/mentor-requests/{request.pk}/", {"action": "answer", "answer": "Ещё"})
    assert refused.status_code == 200 and "закрыто" in refused.content.decode()


def test_an_empty_answer_is_refused(world, mentor):
    Client().post(f"/mentors/{mentor.pk}/request/", VALID)
    request = MentorRequest.objects.get()

    response = signed_in(world.users["head_a"]).post(f"/mentor-requests/{request.pk}/", {"action": "answer"})

    assert response.status_code == 200 and "Напишите ответ" in response.content.decode()
    request.refresh_from_db()
    assert request.status == MentorRequestStatus.NEW


def test_the_curator_of_another_school_cannot_answer(world, mentor):
    Client().post(f"/mentors/{mentor.pk}/request/", VALID)
    request = MentorRequest.objects.get()

    response = signed_in(world.users["curator_b"]).post(
        f"/mentor-requests/{request.pk}/", {"action": "answer", "answer": "Чужой ответ"}
    )

    assert response.status_code == 404
    request.refresh_from_db()
    assert request.answer == ""
