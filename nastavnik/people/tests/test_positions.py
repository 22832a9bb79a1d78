"""Job titles as the staff schedule writes them (issue 15 item 2)."""

import pytest

from nastavnik.people.positions import default_job_title

HEAD = "Директор (заведующий, начальник) образовательной организации"
DEPUTY = "Заместитель директора (заведующего, начальника) образовательной организации"


@pytest.mark.parametrize(
    ("position", "kind", "title"),
    [
        (HEAD, "school", "директор"),
        (HEAD, "kindergarten", "заведующий"),
        (HEAD, "college", "директор"),
        (DEPUTY, "school", "заместитель директора"),
        (DEPUTY, "kindergarten", "заместитель заведующего"),
        ("Учитель", "school", "учитель"),
        ("Педагог-психолог", "", "педагог-психолог"),
        ("Старший воспитатель", "kindergarten", "старший воспитатель"),
        ("", "school", ""),
    ],
)
def test_default_job_title_is_the_organizations_own_wording(position, kind, title):
    assert default_job_title(position, kind) == title


@pytest.mark.django_db
def test_documents_name_a_person_by_the_staff_schedule_title(world):
    from nastavnik.documents.specs.common import people_with_positions, person_position
    from nastavnik.reference.models import Position
    from nastavnik.testing import factories as f

    head_position = Position.objects.get(name=HEAD)
    person = f.staff_member(world.school_a, position=head_position)
    person = people_with_positions().get(pk=person.pk)
    assert person_position(person, world.school_a) == "директор"

    person.employments.update(job_title="директор школы")
    person = people_with_positions().get(pk=person.pk)
    assert person_position(person, world.school_a) == "директор школы"


@pytest.mark.django_db
def test_the_cards_title_does_not_name_a_job_of_another_position(world):
    from nastavnik.documents.specs.common import people_with_positions, person_position
    from nastavnik.people.models import Employment
    from nastavnik.reference.models import Position
    from nastavnik.testing import factories as f

    teacher = Position.objects.get(name="Учитель")
    deputy = Position.objects.get(name=DEPUTY)
    person = f.staff_member(world.school_a, position=teacher)
    person.job_title = "учитель математики"
    person.save(update_fields=["job_title"])
    Employment.objects.create(person=person, organization=world.school_b, position=deputy, is_primary=False)
    person = people_with_positions().get(pk=person.pk)

    assert person_position(person, world.school_a) == "учитель математики"
    assert person_position(person, world.school_b) == "заместитель директора"
