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
