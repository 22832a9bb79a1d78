"""The owner changes their password: Russian form and validator messages, this session stays,
the others end."""

import pytest
from django.test import Client

from nastavnik.accounts.models import AccountStatus
from nastavnik.accounts.tests.conftest import PASSWORD, form_login

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Новый-пароль-2026"


def _change(client, old, new1, new2=None):
    return client.post(
        "/account/password/",
        {"old_password": old, "new_password1": new1, "new_password2": new2 or new1},
    )


def test_the_form_is_russian_and_so_are_its_errors(client, curator):
    form_login(client, "curator_a", PASSWORD)
    page = client.get("/account/password/").content.decode()
    assert "Текущий пароль" in page and "Новый пароль" in page and "Подтверждение нового пароля" in page
    assert "Ваш пароль должен содержать как минимум 8 символов" in page  # validators' help, in Russian
    wrong = _change(client, "не-тот", NEW_PASSWORD).content.decode()
    assert "Ваш старый пароль введен неправильно" in wrong
    weak = _change(client, PASSWORD, "12345678").content.decode()
    assert "Введённый пароль слишком широко распространён" in weak
    assert "Введённый пароль состоит только из цифр" in weak
    short = _change(client, PASSWORD, "к2", "к2").content.decode()
    assert "Введённый пароль слишком короткий" in short
    similar = _change(client, PASSWORD, "curator_a1").content.decode()
    assert "Введённый пароль слишком похож на" in similar
    mismatch = _change(client, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x").content.decode()
    assert "Введенные пароли не совпадают" in mismatch


def test_a_change_keeps_this_session_and_ends_the_others(client, curator):
    # given the curator is signed in in two browsers
    form_login(client, "curator_a", PASSWORD)
    other = Client()
    form_login(other, "curator_a", PASSWORD)
    # when she changes her password in the first
    response = _change(client, PASSWORD, NEW_PASSWORD)
    # then the first stays signed in and the second is signed out
    assert response.status_code == 302 and response.url == "/account/password/done/"
    done = client.get(response.url).content.decode()
    assert "Пароль изменён" in done and "Другие сеансы завершены: 1" in done
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302
    assert list(curator.tracked_sessions.values_list("session_key", flat=True)) == [
        client.session.session_key
    ]
    # and the new password is the one that works
    assert form_login(Client(), "curator_a", NEW_PASSWORD).status_code == 302
    assert AccountStatus.objects.get(user=curator).password_changed_at is not None


def test_the_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get("/account/password/")
    assert response.status_code == 302 and response.url.startswith("/login/")
