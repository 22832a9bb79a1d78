"""The journal and minor learners (issue 20; seed 002 §10, 152-ФЗ art. 9): every entry about a
minor — the person, the learner row, the legal representative, the consent the representative
gave, whether written one by one or in bulk by an import — is about the minor's person in the
minor's organization, so that the head of the organization reads it and the municipal
coordinator and the regional operator do not (``AuditEvent.scope_filter``)."""

from __future__ import annotations

import pytest

from nastavnik.audit.models import AuditEvent
from nastavnik.audit.services import BulkChange, record_bulk_changes
from nastavnik.audit.subjects import person_unit, subject_of
from nastavnik.people.models import LegalRepresentative, NonStaffParticipant
from nastavnik.testing import factories as f
from nastavnik.testing.minors import MINOR_STEM, REPRESENTATIVE_STEM, minor_in_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def minor(world):
    """The minor of school A in a pair with mentor_a (``testing.minors``)."""
    from nastavnik.matching.tests.bank import active_mentor

    active_mentor(world.mentor_a, world.school_a, capacity=3)
    return minor_in_pair(school=world.school_a, mentor=world.mentor_a, keeper=None)


def test_entries_about_a_minor_are_hers_in_her_school(world, minor):
    # given the minor's rows: her person, learner row, representative, consent, card of mentee
    rows = (minor.person, minor.learner, minor.representative, minor.consent, minor.mentee_profile)

    # then each is about her person, in school A (a learner has no employment)
    for row in rows:
        assert subject_of(row).person_id == minor.person.pk, row
        assert subject_of(row).unit == world.school_a, row
    # and so are the entries the journal wrote
    entries = AuditEvent.objects.filter(object_repr__contains=REPRESENTATIVE_STEM)
    assert set(entries.values_list("person_id", flat=True)) == {minor.person.pk}
    assert set(entries.values_list("org_unit_id", flat=True)) == {world.school_a.pk}


def test_a_participant_outside_the_staff_belongs_to_the_organization(world):
    # given a parent who mentors at school A (no employment anywhere)
    person = f.PersonFactory(last_name="Родителева")
    NonStaffParticipant.objects.create(person=person, organization=world.school_a, category="parent")

    # then the entries about them are school A's
    assert person_unit(person) == world.school_a
    assert person_unit(f.PersonFactory()) is None


def test_representatives_written_in_bulk_are_about_the_learner(world, minor):
    # given a second representative of the minor written in bulk (an import: no signals)
    AuditEvent.objects.all().delete()
    (father,) = LegalRepresentative.objects.bulk_create(
        [
            LegalRepresentative(
                learner=minor.learner,
                kind="father",
                last_name="Горностаев",
                first_name="Олег",
                is_primary=False,
            )
        ]
    )
    assert not AuditEvent.objects.exists()

    # when the import records it
    count = record_bulk_changes(
        user=world.users["curator_a"],
        unit=world.school_a,
        changes=[BulkChange(new=father, name=father.full_name)],
        note="Загрузка обучающихся из файла",
    )

    # then its entry is about the minor's person: hidden from the roles above the school
    entry = AuditEvent.objects.get()
    assert count == 1 and entry.person_id == minor.person.pk


@pytest.mark.parametrize(
    ("persona", "reads"), [("head_a", True), ("coordinator", False), ("operator", False)]
)
def test_journal_names_a_minor_to_the_head_only(world, minor, as_persona, persona, reads):
    # given the journal of school A with the entries about the minor and her representative
    client = as_persona(persona)

    # when a reader searches the journal by their surnames
    for stem in (MINOR_STEM, REPRESENTATIVE_STEM):
        page = client.get("/audit/", {"q": stem}).content.decode().replace(f'value="{stem}"', "")

        # then only the head of the school finds them
        assert (stem in page) is reads, (persona, stem)
