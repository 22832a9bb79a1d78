"""A password somebody else set (an administrator in the admin, accounts from before the
accounts app) must be changed at the first login: every page leads to the change page until
then. The demo accounts keep their published password."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client

from nastavnik.accounts.models import AccountStatus
from nastavnik.accounts.services import password_require_change
from nastavnik.accounts.tests.conftest import PASSWORD, form_login
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Мой-собственный-2026"


def test_every_page_leads_to_the_change_until_it_is_done(client, curator):
    # given the curator's password was set by somebody else
    password_require_change(user=curator)
    # when she signs in
    response = form_login(client, "curator_a", PASSWORD)
    # then every page sends her to the change page, which says why
    assert client.get(response.url).url == "/account/password/"
    for path in ("/", "/people/", "/account/", "/roles/", "/admin/"):
        assert client.get(path).url == "/account/password/", path
    page = client.get("/account/password/").content.decode()
    assert "Пароль этой учётной записи задан не вами" in page
    # the static files and the logout still work
    assert client.get("/static/js/nastavnik.js").status_code == 200
    # when she sets her own
    done = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    # then the pages open, now and at the next login
    assert done.url == "/account/password/done/"
    assert client.get("/").status_code == 200
    assert not AccountStatus.objects.get(user=curator).must_change_password
    again = Client()
    form_login(again, "curator_a", NEW_PASSWORD)
    assert again.get("/").status_code == 200


def test_the_logout_is_allowed(client, curator):
    password_require_change(user=curator)
    form_login(client, "curator_a", PASSWORD)
    assert client.post("/logout/").status_code == 302
    assert client.get("/").url.startswith("/login/")


def test_a_session_opened_before_the_flag_is_checked_too(client, curator):
    client.force_login(curator)
    session = client.session
    del session["accounts.must_change"]
    session.save()
    password_require_change(user=curator)
    assert client.get("/").url == "/account/password/"


def test_a_password_the_administrator_gives_must_be_changed(client, curator):
    admin = Client()
    admin.force_login(f.UserFactory(username="root", is_staff=True, is_superuser=True))
    # a new account with a password typed in the admin
    created = admin.post(
        "/admin/auth/user/add/",
        {
            "username": "newcomer",
            "password1": "Выданный-2026",
            "password2": "Выданный-2026",
            "usable_password": "true",
        },
    )
    assert created.status_code == 302
    newcomer = get_user_model().objects.get(username="newcomer")
    assert AccountStatus.objects.get(user=newcomer).must_change_password
    form_login(client, "newcomer", "Выданный-2026")
    assert client.get("/").url == "/account/password/"
    # another user's password set in the admin
    changed = admin.post(
        f"/admin/auth/user/{curator.pk}/password/",
        {"password1": "Выданный-2027", "password2": "Выданный-2027", "usable_password": "true"},
    )
    assert changed.status_code == 302
    assert AccountStatus.objects.get(user=curator).must_change_password


def test_accounts_from_before_must_change_but_not_the_demo_nor_superusers(db):
    # given accounts as they were before the accounts app
    User = get_user_model()
    f.UserFactory(username="handed", email="a@school.example")
    demo = f.UserFactory(username="mentor", email="mentor@demo.nastavnik.example")
    root = f.UserFactory(username="root", is_superuser=True)
    invited = User.objects.create_user("invited", password=None)
    # when the migration runs
    migration = importlib.import_module(
        "nastavnik.accounts.migrations.0002_existing_accounts_must_change_password"
    )
    migration.flag(apps, None)
    # then only the account with a handed-over password must change it
    flagged = set(
        AccountStatus.objects.filter(must_change_password=True).values_list("user__username", flat=True)
    )
    assert flagged == {"handed"}
    assert {demo.pk, root.pk, invited.pk}.isdisjoint(AccountStatus.objects.values_list("user_id", flat=True))
