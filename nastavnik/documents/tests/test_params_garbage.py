"""Garbage in the parameters of every kind of document: a Russian error on the page, never a
500, and nothing saved (issue 15: the new kinds' forms as well as the old ones)."""

from __future__ import annotations

import pytest
from django.test import Client

from nastavnik.documents.models import Document
from nastavnik.documents.specs import SPECS

pytestmark = pytest.mark.django_db

GARBAGE = ("²", "-1", "9" * 40, "2026-02-30", "<script>alert(1)</script>", " ", "0")


@pytest.mark.parametrize("kind", [kind for kind, spec in SPECS.items() if spec.params_form is not None])
def test_garbage_in_every_parameter_gives_no_500_and_saves_nothing(doc_world, kind):
    client = Client()
    client.force_login(doc_world.world.users["curator_a"])
    url = f"/documents/new/{kind}/?organization={doc_world.school.pk}"
    assert client.get(url).status_code == 200

    form = SPECS[kind].params_form(organization=doc_world.school)
    for value in GARBAGE:
        data = {"organization": doc_world.school.pk, "number": "1", "date": "2026-11-20"}
        data.update({f"p-{name}": value for name in form.fields})
        response = client.post(url, data)

        assert response.status_code in (200, 302), (kind, value, response.status_code)
        if response.status_code == 200:
            assert "Traceback" not in response.content.decode()
    # a form full of garbage is never issued
    assert not Document.objects.filter(kind=kind).exists(), kind
