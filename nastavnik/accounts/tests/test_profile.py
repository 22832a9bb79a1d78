"""«Профиль»: every signed-in persona sees their name and roles and the links to the password
and the sessions; the menu of every page leads there."""

import pytest

from nastavnik.testing.personas import PERSONAS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_every_persona_sees_their_profile(client, world, persona):
    user = world.users[persona]
    client.force_login(user)
    home = client.get("/").content.decode()
    assert 'href="/account/"' in home and "Профиль" in home
    page = client.get("/account/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/account/password/" in html and "/account/sessions/" in html
    for ra in user.role_assignments.all():
        assert ra.get_role_display() in html
    person = getattr(user, "person", None)
    if person is not None:
        assert person.full_name in html


def test_the_anonymous_visitor_is_sent_to_the_login(client):
    assert client.get("/account/").url.startswith("/login/")
