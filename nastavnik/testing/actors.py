"""One check for «a service acting for a user checks the right itself» (issue 13, Build item 2).

Each app's ``tests/test_services_check_actor.py`` calls its services through
:func:`assert_refused_then_served`, so the rule is asserted the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from django.core.exceptions import PermissionDenied


def assert_refused_then_served(
    call: Callable[[object], object],
    *,
    users: dict,
    refused: Iterable[str],
    allowed: str,
    state: Callable[[], object],
) -> None:
    """Call ``call(user)`` as each persona of ``refused`` (names in ``users``): each must raise
    ``PermissionDenied`` and leave ``state()`` (a snapshot read from the database) unchanged;
    then as ``allowed``, which must change it.

    Raises ``AssertionError`` (through pytest) naming the persona that broke the rule.
    """
    for persona in refused:
        before = state()
        with pytest.raises(PermissionDenied):
            call(users[persona])
        assert state() == before, f"{persona}: a refused call changed the data"
    before = state()
    call(users[allowed])
    assert state() != before, f"{allowed}: the allowed call changed nothing"
