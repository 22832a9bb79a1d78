"""Two users editing the same person's card at once lose nothing (issue 17, build 7): the first
save wins, the second is refused with «Запись изменена другим пользователем», the page shows both
versions with the differences marked and keeps the second user's values in the form, and saving
again applies them knowingly. Every other write of the card moves its version on."""

from __future__ import annotations

import pytest
from django.test import Client

from nastavnik.core.concurrency import ConcurrentEditError
from nastavnik.people.models import Person
from nastavnik.people.services import person_update
from nastavnik.testing.forms import opened_form_data

pytestmark = pytest.mark.django_db


def client_for(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def reposted(form) -> dict:
    """What the browser posts again from the refused page's form (every value, lists kept)."""
    return {name: form.data.getlist(name) for name in form.data}


def test_the_second_of_two_simultaneous_saves_is_refused_with_both_versions(world):
    # given the curator and the head of school A open the card of the same teacher
    person = world.teacher_a
    url = f"/people/{person.pk}/edit/"
    curator, head = client_for(world, "curator_a"), client_for(world, "head_a")
    curator_form = curator.get(url).context["form"]
    head_form = head.get(url).context["form"]
    email_before = person.email

    # when the curator saves a new phone, then the head saves another phone and an e-mail
    first = curator.post(url, opened_form_data(curator_form, phone="+7 900 111-11-11"))
    second = head.post(url, opened_form_data(head_form, phone="+7 900 222-22-22", email="novaya@example.org"))

    # then the curator's save is kept, the head's is refused and nothing of it is written
    assert first.status_code == 302
    assert second.status_code == 409
    person.refresh_from_db()
    assert (person.phone, person.email) == ("+7 900 111-11-11", email_before)
    page = second.content.decode()
    assert "Запись изменена другим пользователем" in page
    assert 'data-testid="concurrent-edit-table"' in page
    # the head's values stay in the form, the stored ones are beside them, the differences marked
    form = second.context["form"]
    assert (form["phone"].value(), form["email"].value()) == ("+7 900 222-22-22", "novaya@example.org")
    rows = {row.name: row for row in second.context["conflict"]["rows"]}
    assert (rows["phone"].mine, rows["phone"].stored) == ("+7 900 222-22-22", "+7 900 111-11-11")
    assert rows["phone"].differs and rows["email"].differs
    assert not rows["last_name"].differs and not rows["birth_date"].differs
    assert second.context["conflict"]["changed"] == 2
    assert rows["birth_date"].stored == f"{person.birth_date:%d.%m.%Y}"
    # the hidden version is now the stored one, so that saving again applies the head's values
    assert form["version"].value() == str(person.version)

    # when the head saves again from the refused page
    again = head.post(url, reposted(form))

    # then the head's values are written over the curator's, knowingly
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.email) == ("+7 900 222-22-22", "novaya@example.org")


def test_a_card_saved_twice_from_the_same_opened_form_is_refused_the_second_time(world):
    # given the curator opened the card once and saved it
    person = world.teacher_a
    url = f"/people/{person.pk}/edit/"
    curator = client_for(world, "curator_a")
    data = opened_form_data(curator.get(url).context["form"], phone="+7 900 333-33-33")
    assert curator.post(url, data).status_code == 302

    # when the same stale form is posted again (another tab, the back button)
    response = curator.post(url, {**data, "phone": "+7 900 444-44-44"})

    # then it is refused as a concurrent edit
    assert response.status_code == 409
    person.refresh_from_db()
    assert person.phone == "+7 900 333-33-33"


def test_a_broken_version_in_the_form_gives_a_russian_error(world):
    person = world.teacher_a
    url = f"/people/{person.pk}/edit/"
    curator = client_for(world, "curator_a")
    data = opened_form_data(curator.get(url).context["form"], version="abc", phone="+7 900 555-55-55")

    response = curator.post(url, data)

    assert response.status_code == 200
    assert "Форма повреждена: откройте страницу изменения заново." in response.content.decode()
    person.refresh_from_db()
    assert person.phone != "+7 900 555-55-55"


def test_the_service_refuses_a_stale_version_and_writes_nothing(world):
    # given a card at some version, changed once by the system
    person = world.teacher_a
    opened_at = person.version
    person_update(person=Person.objects.get(pk=person.pk), by=None, phone="+7 900 000-00-01")

    # when a user's change opened before it arrives
    with pytest.raises(ConcurrentEditError) as refused:
        person_update(
            person=Person.objects.get(pk=person.pk),
            by=world.users["curator_a"],
            expected_version=opened_at,
            phone="+7 900 000-00-02",
        )

    # then nothing is written and the error carries the stored card
    assert refused.value.current.phone == "+7 900 000-00-01"
    assert (refused.value.expected, refused.value.actual) == (opened_at, opened_at + 1)
    assert "Запись изменена другим пользователем" in refused.value.messages[0]
    assert Person.objects.get(pk=person.pk).phone == "+7 900 000-00-01"


def test_the_service_saves_at_the_current_version_and_moves_it_on(world):
    person = Person.objects.get(pk=world.teacher_a.pk)
    opened_at = person.version

    saved = person_update(person=person, by=world.users["curator_a"], expected_version=opened_at, phone="1")

    assert saved.version == opened_at + 1
    assert Person.objects.get(pk=person.pk).version == opened_at + 1


def test_every_other_write_of_the_card_moves_the_version_on(world):
    # given a card
    person = Person.objects.get(pk=world.teacher_a.pk)
    opened_at = person.version

    # when it is saved outside the edit page: a partial save (linking an account), a full one
    person.save(update_fields=["user"])
    person.save()

    # then each write counted
    assert person.version == opened_at + 2
    assert Person.objects.get(pk=person.pk).version == opened_at + 2


def test_a_new_card_starts_at_version_one(world):
    curator = client_for(world, "curator_a")
    form = curator.get("/people/add/").context["form"]
    assert form["version"].value() is None
