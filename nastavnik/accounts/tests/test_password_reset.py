"""«Забыли пароль?»: a Russian letter with a single-use link, a new password, a login with it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nastavnik.accounts.tests.conftest import PASSWORD, form_login

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Другой-пароль-2027"


def _link(mail) -> str:
    return re.search(r"http://testserver(/account/password/reset/\S+/)", mail.body).group(1)


def test_reset_by_e_mail(client, curator, mailoutbox):
    # given the login page offers the reset
    assert "/account/password/reset/" in client.get("/login/").content.decode()
    # when the curator asks for it with her address (in another case)
    response = client.post("/account/password/reset/", {"email": "Curator.A@school.example"})
    # then a Russian letter with a link went to her
    assert response.status_code == 302 and response.url == "/account/password/reset/sent/"
    assert "Проверьте почту" in client.get(response.url).content.decode()
    [mail] = mailoutbox
    assert mail.to == ["curator.a@school.example"]
    assert mail.subject == "Смена пароля в системе «Наставник»"
    assert "Ваш логин: curator_a" in mail.body and "Ссылка действует 3 дня" in mail.body
    # when she follows the link and sets a new password
    page = client.get(_link(mail), follow=True)
    assert "Новый пароль" in page.content.decode()
    weak = client.post(page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"})
    assert "Введённый пароль состоит только из цифр" in weak.content.decode()
    done = client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302 and done.url == "/account/password/reset/done/"
    # then she signs in with it, not with the old one
    assert form_login(Client(), "curator_a", PASSWORD).status_code == 200
    assert form_login(Client(), "curator_a", NEW_PASSWORD).status_code == 302
    # and the link does not work twice
    again = Client().get(_link(mail), follow=True).content.decode()
    assert "Ссылка недействительна" in again


def test_an_unknown_address_gets_the_same_answer_and_no_letter(client, curator, mailoutbox):
    response = client.post("/account/password/reset/", {"email": "nobody@school.example"})
    assert response.status_code == 302 and response.url == "/account/password/reset/sent/"
    assert mailoutbox == []


def test_the_letter_uses_the_configured_site_address(client, curator, mailoutbox, settings):
    settings.NASTAVNIK_BASE_URL = "https://nastavnik.example.ru/"
    client.post("/account/password/reset/", {"email": "curator.a@school.example"})
    assert "https://nastavnik.example.ru/account/password/reset/" in mailoutbox[0].body


def test_a_reset_lifts_the_lockout(client, axes_on, curator, mailoutbox):
    for _ in range(5):
        form_login(client, "curator_a", "неверный")
    assert form_login(client, "curator_a", PASSWORD).status_code == 429
    client.post("/account/password/reset/", {"email": "curator.a@school.example"})
    page = client.get(_link(mailoutbox[0]), follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert form_login(Client(), "curator_a", NEW_PASSWORD).status_code == 302


def test_a_reset_ends_every_session_of_the_account(client, curator, mailoutbox):
    signed_in = Client()
    form_login(signed_in, "curator_a", PASSWORD)
    assert signed_in.get("/").status_code == 200
    client.post("/account/password/reset/", {"email": "curator.a@school.example"})
    page = client.get(_link(mailoutbox[0]), follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert signed_in.get("/").status_code == 302
    assert not curator.tracked_sessions.exists()


def test_an_invitee_who_lost_the_invitation_sets_the_password_by_a_reset(client, mailoutbox):
    # given an account created without a password (an invitation not accepted)
    get_user_model().objects.create_user("invitee", email="invitee@school.example", password=None)
    # when the owner asks for a reset
    client.post("/account/password/reset/", {"email": "invitee@school.example"})
    # then the letter comes, and the password it sets works
    page = client.get(_link(mailoutbox[0]), follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert form_login(Client(), "invitee", NEW_PASSWORD).status_code == 302
