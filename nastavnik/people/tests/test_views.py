"""Pages of pedagogical workers: create and edit, good and bad input.

Issue requirement: an invalid СНИЛС, a duplicate, a missing field give a field-level
Russian message and change nothing; no page answers 500.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from nastavnik.people.models import Employment, Person
from nastavnik.people.validators import format_snils
from nastavnik.reference.models import Position, Subject

pytestmark = pytest.mark.django_db

VALID_SNILS = "112-233-445 95"
INVALID_SNILS = "112-233-445 96"  # check digits changed


@pytest.fixture
def curator_a(world) -> Client:
    client = Client()
    client.force_login(world.users["curator_a"])
    return client


def snapshot() -> tuple[list, list, list]:
    """Every stored value of people, their jobs and subjects."""
    return (
        list(Person.objects.order_by("pk").values()),
        list(Employment.objects.order_by("pk").values()),
        list(Person.subjects.through.objects.order_by("pk").values()),
    )


def new_person_data(world, **overrides) -> dict:
    data = {
        "last_name": "Петрова",
        "first_name": "Анна",
        "middle_name": "Сергеевна",
        "sex": "F",
        "birth_date": "1990-05-20",
        "snils": VALID_SNILS,
        "position": "",
        "total_experience_years": "10",
        "pedagogical_experience_years": "8",
        "qualification_category": "first",
        "has_pedagogical_education": "on",
        "email": "petrova@example.org",
        "phone": "+7 900 000-00-00",
        "organization": str(world.school_a.pk),
        "started_on": "2020-09-01",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def edit_data(person: Person, **overrides) -> dict:
    """The edit form as it comes filled for ``person``, with ``overrides``."""
    data = {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "middle_name": person.middle_name,
        "sex": person.sex,
        "birth_date": person.birth_date.isoformat(),
        "snils": format_snils(person.snils or ""),
        "position": person.position_id or "",
        "subjects": [s.pk for s in person.subjects.all()],
        "total_experience_years": person.total_experience_years,
        "pedagogical_experience_years": person.pedagogical_experience_years,
        "qualification_category": person.qualification_category,
        "email": person.email,
        "phone": person.phone,
    }
    if person.has_pedagogical_education:
        data["has_pedagogical_education"] = "on"
    data.update(overrides)
    return {k: ("" if v is None else v) for k, v in data.items()}


def field_errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def future_date() -> str:
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


# --- bad input on create ----------------------------------------------------------------

BAD_CREATE = [
    pytest.param(
        {"snils": INVALID_SNILS},
        "snils",
        "СНИЛС 112-233-445 96 недействителен: контрольное число не совпадает.",
        id="invalid-snils-checksum",
    ),
    pytest.param(
        {"snils": "123-456"},
        "snils",
        "СНИЛС должен состоять из 11 цифр (например, 112-233-445 95).",
        id="short-snils",
    ),
    pytest.param({"last_name": ""}, "last_name", "Обязательное поле.", id="missing-last-name"),
    pytest.param({"last_name": None}, "last_name", "Обязательное поле.", id="absent-last-name"),
    pytest.param(
        {"total_experience_years": "5", "pedagogical_experience_years": "7"},
        "pedagogical_experience_years",
        "Педагогический стаж не может превышать общий.",
        id="pedagogical-above-total",
    ),
    pytest.param(
        {"birth_date": "FUTURE"}, "birth_date", "Дата рождения не может быть в будущем.", id="birth-in-future"
    ),
    pytest.param({"birth_date": "31.02.1990"}, "birth_date", "Введите правильную дату.", id="no-such-date"),
    pytest.param({"email": "not-an-email"}, "email", None, id="bad-email"),
    pytest.param({"organization": ""}, "organization", "Обязательное поле.", id="missing-organization"),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_CREATE)
def test_bad_input_on_create_gives_a_field_error_and_saves_nothing(
    world, curator_a, overrides, field, message
):
    # given the curator of school A and the data as it stands
    overrides = {key: future_date() if value == "FUTURE" else value for key, value in overrides.items()}
    before = snapshot()

    # when they submit a new person with one bad field
    response = curator_a.post("/people/add/", new_person_data(world, **overrides))

    # then the form comes back with a Russian message on that very field, and nothing is saved
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors, response.context["form"].errors
    if message:
        assert message in errors
    assert f'data-field="{field}"' in response.content.decode()
    assert "Исправьте ошибки в форме: данные не сохранены." in response.content.decode()
    assert snapshot() == before


def test_duplicate_snils_on_create_is_refused(world, curator_a):
    # given a teacher of school B already holding the СНИЛС
    Person.objects.filter(pk=world.teacher_b.pk).update(snils="11223344595")
    before = snapshot()

    # when the curator of A enters a new person with the same СНИЛС (typed with dashes)
    response = curator_a.post("/people/add/", new_person_data(world, snils=VALID_SNILS))

    # then the СНИЛС field says so, and nothing is saved
    assert response.status_code == 200
    assert field_errors(response, "snils") == ["Работник с таким СНИЛС уже есть в системе."]
    assert snapshot() == before


def test_curator_cannot_create_a_person_in_another_school(world, curator_a):
    # given the curator of A and the data as it stands
    before = snapshot()

    # when they try to place a new person in school B
    response = curator_a.post("/people/add/", new_person_data(world, organization=str(world.school_b.pk)))

    # then school B is not a valid choice, and nothing is saved
    assert response.status_code == 200
    assert field_errors(response, "organization")
    assert snapshot() == before


# --- bad input on edit ------------------------------------------------------------------

BAD_EDIT = [
    pytest.param(
        {"snils": INVALID_SNILS},
        "snils",
        "СНИЛС 112-233-445 96 недействителен: контрольное число не совпадает.",
        id="invalid-snils-checksum",
    ),
    pytest.param({"last_name": ""}, "last_name", "Обязательное поле.", id="missing-last-name"),
    pytest.param(
        {"total_experience_years": "3", "pedagogical_experience_years": "4"},
        "pedagogical_experience_years",
        "Педагогический стаж не может превышать общий.",
        id="pedagogical-above-total",
    ),
    pytest.param(
        {"birth_date": "FUTURE"}, "birth_date", "Дата рождения не может быть в будущем.", id="birth-in-future"
    ),
    pytest.param(
        {"birth_date": "2020-01-01"}, "birth_date", "Работнику должно быть не меньше 14 лет.", id="too-young"
    ),
    pytest.param({"sex": "X"}, "sex", None, id="no-such-sex"),
    pytest.param({"total_experience_years": "-1"}, "total_experience_years", None, id="negative-experience"),
    pytest.param(
        {"id_document_issued_on": "FUTURE"},
        "id_document_issued_on",
        "Дата выдачи документа не может быть в будущем.",
        id="passport-from-the-future",
    ),
    pytest.param(
        {"id_document_issued_on": "1950-01-01"},
        "id_document_issued_on",
        "Документ не может быть выдан раньше даты рождения.",
        id="passport-before-birth",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_EDIT)
def test_bad_input_on_edit_gives_a_field_error_and_changes_nothing(
    world, curator_a, overrides, field, message
):
    # given the curator of school A and a teacher of A
    overrides = {key: future_date() if value == "FUTURE" else value for key, value in overrides.items()}
    person = world.teacher_a
    before = snapshot()

    # when they submit the teacher's card with one bad field (and a changed first name)
    response = curator_a.post(
        f"/people/{person.pk}/edit/", edit_data(person, first_name="Ирина", **overrides)
    )

    # then the form comes back with the message on that field, and nothing is changed
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors, response.context["form"].errors
    if message:
        assert message in errors
    assert f'data-field="{field}"' in response.content.decode()
    assert snapshot() == before


def test_duplicate_snils_on_edit_is_refused(world, curator_a):
    # given two teachers; the curator of A edits one of them
    other = world.teacher_b
    before = snapshot()

    # when they give the teacher of A the СНИЛС of the teacher of B
    response = curator_a.post(
        f"/people/{world.teacher_a.pk}/edit/", edit_data(world.teacher_a, snils=format_snils(other.snils))
    )

    # then the СНИЛС field says it is taken, and nothing is changed
    assert response.status_code == 200
    assert field_errors(response, "snils") == ["Работник с таким СНИЛС уже есть в системе."]
    assert snapshot() == before


def test_curator_posting_to_a_person_of_another_school_gets_404(world, curator_a):
    # given the curator of A and the teacher of B
    before = snapshot()

    # when they post an edit of the teacher of B
    response = curator_a.post(
        f"/people/{world.teacher_b.pk}/edit/", edit_data(world.teacher_b, last_name="Взломанная")
    )

    # then the page does not exist for them, and nothing is changed
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("url", ["/people/999999/", "/people/999999/edit/", "/people/0/"])
def test_missing_person_gives_404(world, curator_a, url):
    # when the curator opens a person that does not exist, then it is a plain 404
    assert curator_a.get(url).status_code == 404


# --- good input -------------------------------------------------------------------------


def test_curator_creates_a_person_who_appears_in_their_list(world, curator_a):
    # given reference entries and the curator of school A
    position = Position.objects.create(code="teacher-test", name="учитель (тест)")
    subject = Subject.objects.create(code="math-test", name="математика (тест)")
    people_before = Person.objects.count()

    # when they submit a valid new person (СНИЛС typed with dashes)
    response = curator_a.post(
        "/people/add/",
        new_person_data(world, position=str(position.pk), subjects=[str(subject.pk)]),
    )

    # then they land on the new card, the person is saved with a normalized СНИЛС and a job in A
    person = Person.objects.get(last_name="Петрова")
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.pk}/"
    assert Person.objects.count() == people_before + 1
    assert person.snils == "11223344595"
    assert person.position == position
    assert list(person.subjects.all()) == [subject]
    job = person.employments.get()
    assert (job.organization, job.is_primary, job.started_on, job.position) == (
        world.school_a,
        True,
        dt.date(2020, 9, 1),
        position,
    )
    # and the card and the curator's list show them; the curator of B does not see them
    card = curator_a.get(response["Location"]).content.decode()
    assert "Петрова Анна Сергеевна" in card
    assert "112-233-445 95" in card
    assert "Карточка педагогического работника создана." in card
    assert "Петрова" in curator_a.get("/people/").content.decode()
    other = Client()
    other.force_login(world.users["curator_b"])
    assert "Петрова" not in other.get("/people/").content.decode()
    assert other.get(f"/people/{person.pk}/").status_code == 404


def test_create_form_preselects_the_only_school_of_the_curator(world, curator_a):
    # when the curator of A opens the add page
    form = curator_a.get("/people/add/").context["form"]

    # then only school A can be chosen, and it is chosen already
    assert list(form.fields["organization"].queryset) == [world.school_a]
    assert form.fields["organization"].initial == world.school_a.pk


def test_curator_edits_a_person_of_their_school(world, curator_a):
    # given the curator of A and a teacher of A
    person = world.teacher_a
    other_before = list(Person.objects.exclude(pk=person.pk).order_by("pk").values())

    # when they change the surname, the experience and clear the СНИЛС
    response = curator_a.post(
        f"/people/{person.pk}/edit/",
        edit_data(person, last_name="Афанасьева-Петрова", total_experience_years="20", snils=""),
    )

    # then they land on the card and exactly that person is changed
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.pk}/"
    person.refresh_from_db()
    assert (person.last_name, person.total_experience_years, person.snils) == ("Афанасьева-Петрова", 20, None)
    assert list(Person.objects.exclude(pk=person.pk).order_by("pk").values()) == other_before
    assert "Изменения сохранены." in curator_a.get(response["Location"]).content.decode()


def test_the_address_and_passport_for_the_personal_data_consent_are_kept_off_the_card(world, curator_a):
    # given a teacher of A
    person = world.teacher_a

    # when the curator records her address and passport (152-ФЗ art. 9 part 4)
    response = curator_a.post(
        f"/people/{person.pk}/edit/",
        edit_data(
            person,
            address="г. Сургут, ул. Мира, д. 5, кв. 12",
            id_document_number="67 15 123456",
            id_document_issued_on="2015-06-01",
            id_document_issued_by="УМВД России по ХМАО – Югре",
        ),
    )

    # then they are stored, and the card (seen by everyone above the school) does not show them
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.id_document_number, person.id_document_issued_on) == ("67 15 123456", dt.date(2015, 6, 1))
    assert "67 15 123456" not in curator_a.get(f"/people/{person.pk}/").content.decode()


def test_edit_form_shows_the_snils_formatted(world, curator_a):
    # when the curator opens the edit page of a teacher, then the СНИЛС is shown with dashes
    html = curator_a.get(f"/people/{world.teacher_a.pk}/edit/").content.decode()
    assert f'value="{format_snils(world.teacher_a.snils)}"' in html


def test_a_teacher_who_left_cannot_be_edited_by_the_curator(world, curator_a):
    # given a teacher of A whose job ended
    Employment.objects.filter(person=world.teacher_a).update(
        started_on=dt.date(2010, 9, 1), ended_on=dt.date(2020, 1, 1)
    )

    # when the curator opens the card or its edit page, then it is out of their scope
    assert curator_a.get(f"/people/{world.teacher_a.pk}/").status_code == 404
    assert curator_a.get(f"/people/{world.teacher_a.pk}/edit/").status_code == 404


def test_person_card_shows_jobs_and_pairs(world):
    # given the mentor of A
    client = Client()
    client.force_login(world.users["mentor_a"])

    # when they open their mentee's card and their own
    mentee = client.get(f"/people/{world.mentee_a.pk}/").content.decode()
    own = client.get(f"/people/{world.mentor_a.pk}/").content.decode()

    # then the job and the pair are shown, and there is no edit button for a mentor
    assert "СОШ № 1" in mentee
    assert "Наставники" in mentee and "Наставникова" in mentee
    assert "Наставляемые" in own and "Молодцова" in own
    assert "Редактировать" not in mentee


# --- bad query strings ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"page": "999"},
        {"page": "abc"},
        {"organization": "abc"},
        {"organization": "999999"},
        {"position": "-1"},
        {"qualification_category": "nonsense"},
        {"has_pedagogical_education": "maybe"},
        {"q": "   "},
        {"q": "112-233"},
        {"q": "someone@example.org"},
        {"q": "%_'\"<script>"},
    ],
    ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()),
)
def test_people_list_survives_bad_query_strings(world, curator_a, query):
    # when the curator opens the list with a strange query
    response = curator_a.get("/people/", query)

    # then it answers (a page past the end is «not found»), never 500, and echoes nothing raw
    assert response.status_code == (404 if "page" in query else 200)
    assert "<script>" not in response.content.decode()


def test_search_by_snils_prefix_finds_the_person(world, curator_a):
    # given the teacher of A with a known СНИЛС
    Person.objects.filter(pk=world.teacher_a.pk).update(snils="11223344595")

    # when the curator searches by the first digits of the СНИЛС, with dashes
    html = curator_a.get("/people/", {"q": "112-233"}).content.decode()

    # then that teacher is found
    assert "Найдено: 1" in html
    assert "Афанасьева" in html


@pytest.mark.parametrize("typed", ["Афанасьева", "афанасьева", "АФАНАСЬЕВА", "афан", "Афанасьева Мария"])
def test_search_by_surname_ignores_case_of_cyrillic(world, curator_a, typed):
    # when the curator searches by the surname typed in any case
    html = curator_a.get("/people/", {"q": typed}).content.decode()

    # then the teacher is found (also on SQLite, whose LIKE folds ASCII only)
    assert "Найдено: 1" in html
    assert f'href="/people/{world.teacher_a.pk}/"' in html


def test_search_with_regex_characters_is_taken_literally(world, curator_a):
    # when the curator searches for text full of regular-expression characters
    response = curator_a.get("/people/", {"q": "А.*"})

    # then nothing matches it literally, and nothing breaks
    assert response.status_code == 200
    assert "Найдено: 0" in response.content.decode()
