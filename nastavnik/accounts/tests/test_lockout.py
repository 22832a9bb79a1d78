"""Lockout after repeated failed logins (django-axes): the right password is refused while
locked, with a Russian page; the administrator unlocks in the admin; a reset lifts the lock."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from nastavnik.accounts.tests.conftest import PASSWORD, form_login
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def _fail(client, username, times):
    return [form_login(client, username, "неверный-пароль").status_code for _ in range(times)]


def test_five_failures_lock_the_login_even_for_the_right_password(client, axes_on, curator):
    # given four failures: the login form answers as usual
    assert _fail(client, "curator_a", 4) == [200] * 4
    # when the fifth fails
    locked = form_login(client, "curator_a", "неверный-пароль")
    # then the login is locked, and says so in Russian
    assert locked.status_code == 429
    assert "Вход временно заблокирован" in locked.content.decode()
    assert "5 подряд" in locked.content.decode()
    assert "30 минут" in locked.content.decode()
    # and the right password is refused too, from any browser
    other = Client()
    refused = form_login(other, "curator_a", PASSWORD)
    assert refused.status_code == 429
    assert "Вход временно заблокирован" in refused.content.decode()
    assert other.get("/").status_code == 302  # not signed in
    # another login is not affected
    f.UserFactory(username="someone")
    assert form_login(Client(), "someone", "pass12345").status_code == 302


def test_the_limit_and_the_cool_off_come_from_the_settings(client, axes_on, curator):
    axes_on.AXES_FAILURE_LIMIT = 2
    assert _fail(client, "curator_a", 2) == [200, 429]
    # the cool-off over, the right password works again
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=31))
    assert form_login(client, "curator_a", PASSWORD).status_code == 302


def test_success_before_the_limit_forgets_the_failures(client, axes_on, curator):
    _fail(client, "curator_a", 4)
    assert form_login(client, "curator_a", PASSWORD).status_code == 302
    client.post("/logout/")
    assert _fail(client, "curator_a", 4) == [200] * 4  # counted from zero again


def test_the_administrator_unlocks_in_the_admin(client, axes_on, curator):
    _fail(client, "curator_a", 5)
    assert form_login(client, "curator_a", PASSWORD).status_code == 429
    # the administrator sees the attempts in Russian
    admin = Client()
    admin.force_login(f.UserFactory(username="root", is_staff=True, is_superuser=True))
    index = admin.get("/admin/").content.decode()
    assert "Блокировка входа" in index and "Попытки доступа" in index
    listing = admin.get("/admin/axes/accessattempt/?locked_out=yes")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "curator_a" in html and "Состояние" in html and "Заблокирован" in html and "Браузер" in html
    # and deletes them: the login is unlocked
    attempt = AccessAttempt.objects.get(username="curator_a")
    done = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert done.status_code == 302
    assert form_login(client, "curator_a", PASSWORD).status_code == 302
    assert client.get("/").status_code == 200


def test_the_admin_login_is_locked_too(client, axes_on):
    f.UserFactory(username="root", is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "root", "password": "неверный"})
    response = client.post("/admin/login/", {"username": "root", "password": "pass12345"})
    assert response.status_code == 429
