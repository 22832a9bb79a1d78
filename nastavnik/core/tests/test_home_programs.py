"""The home page leads a mentor and a mentee to their program, and the pairs tile to the list."""

import pytest
from django.test import Client

from nastavnik.mentoring.tests.helpers import draft_program

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["mentor_a", "mentee_a"])
def test_my_pairs_link_to_their_program(world, persona):
    program = draft_program(world)
    client = Client()
    client.force_login(world.users[persona])
    html = client.get("/").content.decode()
    assert f'href="{program.get_absolute_url()}"' in html
    assert "(проект)" in html


def test_active_pairs_tile_opens_the_programs(world):
    client = Client()
    client.force_login(world.users["curator_a"])
    assert 'href="/programs/"' in client.get("/").content.decode()
