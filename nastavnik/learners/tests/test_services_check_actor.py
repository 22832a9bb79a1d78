"""Every service of ``learners`` that acts for a user checks the user's right itself: the curator
of school B and the municipal coordinator are refused on school A's learner (CONTRIBUTING: «Права»)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from nastavnik.access.choices import Role
from nastavnik.learners import services
from nastavnik.learners.importing import learners_import
from nastavnik.learners.tests.helpers import REPRESENTATIVE, make_learner, years_ago
from nastavnik.people.models import Learner, LegalRepresentative

pytestmark = pytest.mark.django_db

CALLS = {
    "learner_create": lambda w, ln, r: services.learner_create(
        by=w.by,
        organization=ln.organization,
        last_name="Иной",
        first_name="Ученик",
        sex="M",
        birth_date=years_ago(9),
        grade="3 А",
    ),
    "learner_update": lambda w, ln, r: services.learner_update(by=w.by, learner=ln, grade="8 Б"),
    "learner_leave": lambda w, ln, r: services.learner_leave(by=w.by, learner=ln),
    "representative_create": lambda w, ln, r: services.representative_create(
        by=w.by, learner=ln, **REPRESENTATIVE
    ),
    "representative_update": lambda w, ln, r: services.representative_update(
        by=w.by, representative=r, phone="1"
    ),
    "representative_delete": lambda w, ln, r: services.representative_delete(by=w.by, representative=r),
    "learner_account_create": lambda w, ln, r: services.learner_account_create(
        by=w.by, learner=ln, role=Role.MENTEE, username="someone"
    ),
    "learners_import": lambda w, ln, r: learners_import(by=w.by, organization=ln.organization, source=None),
}


@pytest.mark.parametrize("persona", ["curator_b", "coordinator"])
@pytest.mark.parametrize("name", sorted(CALLS))
def test_refused_and_nothing_written(world, persona, name):
    learner = make_learner(world.school_a, age=15)
    rep = services.representative_create(by=None, learner=learner, **REPRESENTATIVE)
    world.by = world.users[persona]
    with pytest.raises(PermissionDenied):
        CALLS[name](world, learner, rep)
    learner.refresh_from_db()
    assert (learner.grade, learner.left_on) == ("7 Б", None)
    assert Learner.objects.count() == 1
    assert list(LegalRepresentative.objects.values_list("phone", flat=True)) == [""]
    assert learner.person.user_id is None
