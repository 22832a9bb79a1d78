"""A user is named by the person's name, never by the login (issue 13: «Составил: curator»)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.test import Client

from nastavnik.core.users import ADMINISTRATOR, NAMELESS, user_name
from nastavnik.documents.models import Document
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def test_a_user_is_named_by_their_person_then_their_account(world):
    # the mentor's account is linked to her person card: her full name
    assert user_name(world.users["mentor_a"]) == world.mentor_a.full_name
    # an account with a name of its own and no card: that name
    named = f.UserFactory(username="ivanov", first_name="Иван", last_name="Иванов")
    assert user_name(named) == "Иван Иванов"
    # neither: a Russian description, never the login
    assert user_name(world.users["operator"]) == NAMELESS
    assert user_name(f.UserFactory(username="root", is_superuser=True)) == ADMINISTRATOR
    assert user_name(None) == user_name(AnonymousUser()) == ""


def test_templates_name_users_with_the_builtin_filter(world):
    # the filter needs no {% load %}
    html = Template("Составил: {{ author|user_name }}").render(Context({"author": world.users["mentor_a"]}))
    assert html == f"Составил: {world.mentor_a.full_name}"
    assert "mentor_a" not in html


def test_the_document_page_names_its_author(world):
    # given a document of school A drawn up by the mentor's account (a linked person)
    document = Document(
        organization=world.school_a,
        kind="order_pairs",
        title="Приказ",
        date=dt.date(2026, 12, 1),
        author=world.users["mentor_a"],
    )
    document.file.save("prikaz.docx", ContentFile(b"PK"), save=True)
    client = Client()
    client.force_login(world.users["curator_a"])

    # when the curator opens it, then the author is named, not the login
    html = client.get(document.get_absolute_url()).content.decode()
    assert world.mentor_a.full_name in html
    assert ">mentor_a<" not in html and " mentor_a," not in html
