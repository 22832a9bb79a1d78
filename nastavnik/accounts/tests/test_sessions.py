"""Sessions: they expire after inactivity (saved again at most once a minute), the user sees
their signed-in sessions and ends them — one, all the others, or everywhere."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from nastavnik.accounts.models import UserSession
from nastavnik.accounts.services import SEEN_KEY
from nastavnik.accounts.tests.conftest import PASSWORD, form_login

pytestmark = pytest.mark.django_db

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 YaBrowser/24.1.0.0 Safari/537.36"
)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _browser(user_agent, address):
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    form_login(client, "curator_a", PASSWORD)
    return client


def test_sessions_expire_after_two_idle_hours_and_at_browser_close(settings):
    assert settings.SESSION_COOKIE_AGE == 120 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def test_an_idle_session_ends(curator):
    browser = _browser(CHROME, "10.0.0.1")
    assert browser.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    assert browser.get("/").url.startswith("/login/")


def test_activity_moves_the_expiry_at_most_once_a_minute(curator):
    browser = _browser(CHROME, "10.0.0.1")
    key = browser.session.session_key
    expiry = Session.objects.get(session_key=key).expire_date
    # within the minute: nothing is written
    browser.get("/account/")
    assert Session.objects.get(session_key=key).expire_date == expiry
    # a minute later: the session is saved again (its expiry moves) and its activity noted
    session = browser.session
    session[SEEN_KEY] = int(time.time()) - 61
    session.save()
    saved = Session.objects.get(session_key=key).expire_date
    UserSession.objects.update(last_seen_at=timezone.now() - timezone.timedelta(minutes=5))
    browser.get("/account/", REMOTE_ADDR="10.0.0.2")
    assert Session.objects.get(session_key=key).expire_date > saved
    row = UserSession.objects.get(session_key=key)
    assert row.ip_address == "10.0.0.2"
    assert timezone.now() - row.last_seen_at < timezone.timedelta(seconds=5)


def test_the_list_shows_each_browser_and_ends_the_others(curator):
    # given the curator is signed in in two browsers
    first = _browser(CHROME, "10.0.0.1")
    second = _browser(FIREFOX, "192.168.1.5")
    # then the list shows both, this one marked
    page = first.get("/account/sessions/").content.decode()
    assert page.count('data-testid="session-row"') == 2
    assert "Яндекс Браузер 24, Windows 10" in page and "Firefox 128, Linux" in page
    assert "10.0.0.1" in page and "192.168.1.5" in page
    assert "этот сеанс" in page and "через 2 часа" in page
    # when she ends all the others
    done = first.post("/account/sessions/others/end/", follow=True).content.decode()
    # then the second browser is signed out, the first is not
    assert "Другие сеансы завершены: 1." in done
    assert second.get("/").url.startswith("/login/")
    assert first.get("/").status_code == 200
    assert UserSession.objects.filter(user=curator).count() == 1


def test_out_everywhere(curator):
    first = _browser(CHROME, "10.0.0.1")
    second = _browser(FIREFOX, "10.0.0.2")
    response = first.post("/account/sessions/all/end/")
    assert response.url == "/login/"
    assert first.get("/").url.startswith("/login/")
    assert second.get("/").url.startswith("/login/")
    assert not UserSession.objects.filter(user=curator).exists()
    assert not Session.objects.exists()


def test_one_session_is_ended_by_its_owner_only(curator, world):
    first = _browser(CHROME, "10.0.0.1")
    second = _browser(FIREFOX, "10.0.0.2")
    row = UserSession.objects.get(session_key=second.session.session_key)
    # another user cannot end it, nor can garbage
    stranger = Client()
    stranger.force_login(world.users["curator_b"])
    assert stranger.post(f"/account/sessions/{row.pk}/end/").status_code == 404
    for garbage in ("²", "-1", "99999999999999999999", "x"):
        assert first.post(f"/account/sessions/{garbage}/end/").status_code == 404
    assert second.get("/").status_code == 200
    # its owner can
    assert first.post(f"/account/sessions/{row.pk}/end/").status_code == 302
    assert second.get("/").url.startswith("/login/")
    assert first.get("/").status_code == 200


def test_a_logout_forgets_the_session_and_expired_rows_are_pruned(curator):
    browser = _browser(CHROME, "10.0.0.1")
    assert UserSession.objects.count() == 1
    browser.post("/logout/")
    assert not UserSession.objects.exists()
    _browser(CHROME, "10.0.0.1")
    UserSession.objects.update(last_seen_at=timezone.now() - timezone.timedelta(hours=3))
    _browser(FIREFOX, "10.0.0.2")  # any login prunes rows idle beyond the session age
    assert list(UserSession.objects.values_list("ip_address", flat=True)) == ["10.0.0.2"]


def test_the_anonymous_visitor_is_sent_to_the_login(client):
    assert client.get("/account/sessions/").url.startswith("/login/")
    assert client.post("/account/sessions/all/end/").url.startswith("/login/")
