"""«Ожидают согласования» says the same on the home page and on the control page (issue 13: the
operator's home said 0 while the regional control page listed one): both read
``selectors.waiting_for_approval``."""

from __future__ import annotations

import pytest

from nastavnik.roadmaps.tests.test_control import client_of, scene  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["operator", "coordinator", "head_a", "curator_a"])
def test_the_home_page_counts_what_the_control_page_lists(scene, persona):  # noqa: F811
    # given school A's roadmap submitted to municipality 1 (the scene of the control tests)
    client = client_of(scene["world"].users[persona])

    # when the user opens the home page and the control page
    block = client.get("/").context["roadmap_block"]
    waiting = client.get("/roadmaps/control/").context["control"].waiting

    # then both name the one roadmap waiting, and the home page links to the list
    assert [r.pk for r, _owner, _above in waiting] == [scene["a_map"].pk]
    assert block is not None and block.pending == len(waiting) == 1
    assert block.pending_url == "/roadmaps/control/#waiting"
