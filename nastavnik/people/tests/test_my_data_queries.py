"""«Какие сведения о вас хранит система» at size: the journal's entries of one's own actions
(up to 1,000) name who acted without a query per entry."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_my_data_names_the_actors_of_its_journal_in_one_query(world):
    """«My data» lists the journal's entries of one's own actions (up to 1,000) with who acted:
    their people are joined, not read one per entry (the page once read one more person for
    each: ``core/tests/test_scale.py`` saw it only when an earlier page had written an entry)."""
    from django.contrib.contenttypes.models import ContentType

    from nastavnik.audit.choices import LogAction
    from nastavnik.audit.models import AuditEvent
    from nastavnik.people.models import Person

    assert world.mentor_a.user == world.users["mentor_a"]
    user, person = world.users["mentor_a"], world.mentor_a
    client = Client()
    client.force_login(user)

    def queries_with(entries: int) -> int:
        AuditEvent.objects.bulk_create(
            AuditEvent(
                content_type=ContentType.objects.get_for_model(Person),
                action=LogAction.UPDATE,
                actor=user,
                object_pk=str(person.pk),
                object_repr=str(person),
            )
            for _ in range(entries)
        )
        client.get("/people/me/data/")  # warm: the session's upkeep
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/people/me/data/").status_code == 200
        return len(captured)

    assert queries_with(1) == queries_with(5)
