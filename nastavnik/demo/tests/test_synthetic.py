"""The synthetic data set of issue 16 («Scale», build 4): ``nastavnik.demo.synthetic`` and the
command ``generate_synthetic``.

The generator writes by SQL on PostgreSQL only: the tests of the data run on PostgreSQL (run the
suite with ``DATABASE_URL=postgres://…``) with the tiny preset and are skipped on SQLite; the
command's refusal of SQLite is tested on SQLite.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import F, Q
from django.test import Client
from django.urls import reverse

from nastavnik.demo.synthetic import HEAD_LOGIN, NATIONAL_LOGIN, PASSWORD, PRESETS, synthetic_country

ON_POSTGRES = connection.vendor == "postgresql"
postgres_only = pytest.mark.skipif(
    not ON_POSTGRES, reason="синтетические данные пишутся SQL только в PostgreSQL (DATABASE_URL=postgres://…)"
)
TINY = PRESETS["tiny"]


@pytest.fixture(scope="module")
def synthetic(django_db_setup, django_db_blocker):
    """The tiny data set written once for the module, in a transaction rolled back after it."""
    if not ON_POSTGRES:
        pytest.skip("синтетические данные пишутся SQL только в PostgreSQL (DATABASE_URL=postgres://…)")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            from nastavnik.monitoring.builtin import load_builtin_questionnaires

            load_builtin_questionnaires()
            yield synthetic_country(preset="tiny", stdout=lambda line: None)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _user(login: str):
    return get_user_model().objects.get(username=login)


@postgres_only
@pytest.mark.django_db
def test_counts_match_the_preset(synthetic):
    from nastavnik.bank.models import MenteeProfile, MentorProfile
    from nastavnik.mentoring.models import Pair, PersonalizedProgram
    from nastavnik.organizations.models import OrgUnit
    from nastavnik.people.models import Person
    from nastavnik.roadmaps.models import Roadmap, RoadmapItem

    assert OrgUnit.objects.filter(level="organization").count() == TINY.organizations
    assert OrgUnit.objects.filter(level="municipality").count() == TINY.regions * TINY.municipalities
    assert Person.objects.count() == TINY.workers
    assert PersonalizedProgram.objects.count() == TINY.programs == Pair.objects.count()
    statuses = set(PersonalizedProgram.objects.values_list("status", flat=True))
    assert {"draft", "active", "completed"} <= statuses
    # Ten experienced workers per organization have a mentor card; two young ones wait in the pool.
    assert MentorProfile.objects.count() == 10 * TINY.organizations
    assert len(set(MentorProfile.objects.values_list("status", flat=True))) >= 3
    assert MenteeProfile.objects.count() == TINY.programs + 2 * TINY.organizations
    assert set(Roadmap.objects.values_list("level", flat=True)) == {"region", "municipality", "organization"}
    assert RoadmapItem.objects.count() == 6 * Roadmap.objects.count()
    assert synthetic.counts["работников"] == TINY.workers


@postgres_only
@pytest.mark.django_db
def test_relations_are_valid(synthetic):
    from nastavnik.bank.models import MenteeProfile, MentorProfile, PersonalDataConsent
    from nastavnik.mentoring.models import Pair
    from nastavnik.organizations.models import OrgUnit
    from nastavnik.people.models import Employment, Person
    from nastavnik.roadmaps.models import Roadmap

    # Every unit's path extends its parent's; every organization lies in its municipality.
    for unit in OrgUnit.objects.exclude(parent=None).select_related("parent"):
        assert unit.path.startswith(unit.parent.path) and unit.path != unit.parent.path
    assert not OrgUnit.objects.filter(level="organization").exclude(municipality_id=F("parent_id")).exists()
    # Both sides of every pair work in the pair's organization, and the program is there too.
    for pair in Pair.objects.select_related("program"):
        assert pair.program.organization_id == pair.organization_id
        for person_id in (pair.mentor_id, pair.mentee_id):
            assert Employment.objects.filter(
                person_id=person_id, organization_id=pair.organization_id
            ).exists()
        assert pair.mentor_id != pair.mentee_id
    # Every card's holder works in the card's organization and has consented.
    for model in (MentorProfile, MenteeProfile):
        for card in model.objects.all():
            assert Employment.objects.filter(
                person_id=card.person_id, organization_id=card.organization_id
            ).exists()
            assert PersonalDataConsent.objects.filter(person_id=card.person_id, withdrawn_on=None).exists()
    # An organization's roadmap answers to its municipality's, a municipality's to the region's.
    for roadmap in Roadmap.objects.exclude(level="region").select_related("owner", "parent__owner"):
        assert roadmap.parent is not None
        assert roadmap.parent.owner_id == roadmap.owner.parent_id
    # Russian names: a woman's surname in the feminine form where it has one, patronymics agree.
    women = Person.objects.filter(sex="F")
    men = Person.objects.filter(sex="M")
    assert women.exists() and men.exists()
    assert not women.exclude(middle_name__endswith="на").exists()
    assert not men.exclude(middle_name__endswith="ич").exists()
    assert not women.filter(Q(last_name__endswith="ов") | Q(last_name__endswith="ин")).exists()
    assert not Person.objects.filter(Q(last_name="") | Q(first_name="")).exists()


@postgres_only
@pytest.mark.django_db
def test_curator_logs_in_and_sees_their_people(synthetic):
    from nastavnik.people.models import Person

    client = Client()
    assert client.login(username="bench_curator", password=PASSWORD)
    user = _user("bench_curator")
    own = Person.objects.filter(employments__organization_id=synthetic.organization_id)
    assert own.count() == TINY.workers // TINY.organizations
    seen = Person.objects.for_user(user, "view")
    assert set(seen.values_list("pk", flat=True)) == set(own.values_list("pk", flat=True))
    response = client.get(reverse("people:list"))
    assert response.status_code == 200
    stranger = Person.objects.exclude(employments__organization_id=synthetic.organization_id).first()
    assert client.get(reverse("people:detail", args=[stranger.pk])).status_code == 404
    mine = own.first()
    assert client.get(reverse("people:detail", args=[mine.pk])).status_code == 200


@postgres_only
@pytest.mark.django_db
def test_scope_of_each_level(synthetic):
    from nastavnik.mentoring.models import PersonalizedProgram

    in_municipality = PersonalizedProgram.objects.filter(organization__parent_id=synthetic.municipality_id)
    assert 0 < in_municipality.count() < TINY.programs
    coordinator = _user("bench_coordinator")
    seen = PersonalizedProgram.objects.for_user(coordinator, "view")
    assert set(seen.values_list("pk", flat=True)) == set(in_municipality.values_list("pk", flat=True))
    assert PersonalizedProgram.objects.for_user(_user("bench_operator"), "view").count() == TINY.programs
    head = _user(HEAD_LOGIN)
    assert set(
        PersonalizedProgram.objects.for_user(head, "view").values_list("organization_id", flat=True)
    ) == {synthetic.organization_id}
    national = _user(NATIONAL_LOGIN)
    assert national.role_assignments.get().org_unit_id == synthetic.federal_id
    # Every role's account has a password and opens the home page.
    for login in ("bench_operator", "bench_coordinator", HEAD_LOGIN, "bench_curator", NATIONAL_LOGIN):
        client = Client()
        assert client.login(username=login, password=PASSWORD), login
        assert client.get(reverse("core:home")).status_code == 200, login


@postgres_only
@pytest.mark.django_db
def test_command_refuses_a_database_with_organizations(synthetic):
    with pytest.raises(CommandError, match="уже есть организации"):
        call_command("generate_synthetic", "--preset", "region")


@pytest.mark.skipif(ON_POSTGRES, reason="отказ показывается только на SQLite")
@pytest.mark.django_db
def test_command_refuses_sqlite():
    with pytest.raises(CommandError, match="только в PostgreSQL"):
        call_command("generate_synthetic")
