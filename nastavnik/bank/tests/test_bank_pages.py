"""Bank pages as their users work with them: the curator keeps the cards, everyone above reads."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nastavnik.bank.choices import ConsentPurpose, MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorProfile, MentorTraining, PersonalDataConsent
from nastavnik.bank.services import mentee_profile_create, mentor_profile_create
from nastavnik.development.models import Deficit
from nastavnik.reference.models import CompetenceArea, MenteeCategory, MentoringForm, Subject
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    """Today in the region (``timezone.localdate()``), read when a test runs, never at import: a
    suite started before local midnight must see the same day as the code under test."""
    return timezone.localdate()


def login(client, world, name):
    client.force_login(world.users[name])
    return client


@pytest.fixture
def mentor(world):
    return mentor_profile_create(person=world.mentor_a, organization=world.school_a)


@pytest.fixture
def mentee(world):
    return mentee_profile_create(
        person=world.mentee_a,
        organization=world.school_a,
        categories=[MenteeCategory.objects.get(code="young_teacher")],
    )


def mentor_form_data(world, **overrides):
    areas = list(CompetenceArea.objects.order_by("sort_order"))
    data = {
        "person": world.teacher_a.pk,
        "organization": world.school_a.pk,
        "pool": "accomplished",
        "contour": "internal",
        "capacity": "3",
        "subjects": [Subject.objects.get(code="mathematics").pk],
        "forms": [MentoringForm.objects.get(code="pedagogue_pedagogue").pk],
        f"competence_{areas[4].pk}": "5",
        f"competence_{areas[5].pk}": "3",
        "questionnaire": "Готова делиться опытом.",
    }
    data.update(overrides)
    return data


def test_curator_puts_a_teacher_into_the_mentor_base_with_competences(client, world):
    # when the curator fills the form opened from the teacher's card
    login(client, world, "curator_a")
    page = client.get(reverse("bank:mentor_add") + f"?person={world.teacher_a.pk}")
    assert page.status_code == 200 and page.context["form"]["person"].initial == world.teacher_a.pk
    response = client.post(reverse("bank:mentor_add"), mentor_form_data(world))
    # then the card exists as a candidate, with its competences and the first event
    profile = MentorProfile.objects.get(person=world.teacher_a)
    assert response.status_code == 302 and response.url == profile.get_absolute_url()
    assert profile.status == MentorStatus.CANDIDATE and profile.capacity == 3
    assert {(c.area.code, c.level) for c in profile.competences.all()} == {
        ("methodical", 5),
        ("ict_digital", 3),
    }
    assert profile.events.get().to_status == MentorStatus.CANDIDATE
    # and the bank list shows her with her load
    listing = client.get(reverse("bank:mentor_list"))
    assert "Афанасьева" in listing.content.decode()


def test_a_second_mentor_card_for_the_same_person_is_refused(client, world, mentor):
    login(client, world, "curator_a")
    response = client.post(reverse("bank:mentor_add"), mentor_form_data(world, person=world.mentor_a.pk))
    assert response.status_code == 200
    assert MentorProfile.objects.filter(person=world.mentor_a).count() == 1
    assert "Выберите корректный вариант" in response.content.decode()  # not offered at all


def test_competence_level_outside_1_5_is_refused(client, world):
    login(client, world, "curator_a")
    area = CompetenceArea.objects.order_by("sort_order").first()
    response = client.post(
        reverse("bank:mentor_add"), mentor_form_data(world, **{f"competence_{area.pk}": "7"})
    )
    assert response.status_code == 200 and not MentorProfile.objects.exists()
    assert "Выберите корректный вариант" in response.content.decode()


def test_status_change_writes_history_and_refuses_a_jump(client, world, mentor):
    login(client, world, "curator_a")
    url = reverse("bank:mentor_status", args=[mentor.pk])
    # a jump from candidate to active is not offered
    response = client.post(url, {"to_status": "active", "occurred_on": today().isoformat()})
    assert response.status_code == 200 and "Выберите корректный вариант" in response.content.decode()
    # selected is
    response = client.post(
        url, {"to_status": "selected", "occurred_on": today().isoformat(), "comment": "Собеседование"}
    )
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.SELECTED
    page = client.get(mentor.get_absolute_url()).content.decode()
    assert "кандидат → отобран" in page and "Собеседование" in page


def test_becoming_active_without_the_written_consent_is_explained(client, world, mentor):
    login(client, world, "curator_a")
    url = reverse("bank:mentor_status", args=[mentor.pk])
    for status in ("selected", "trained"):
        client.post(url, {"to_status": status, "occurred_on": today().isoformat()})
    response = client.post(url, {"to_status": "active", "occurred_on": today().isoformat()})
    assert response.status_code == 200
    assert "не хватает: письменное согласие быть наставником" in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.TRAINED


def test_training_is_recorded_with_its_certificate(client, world, mentor):
    login(client, world, "curator_a")
    certificate = SimpleUploadedFile("udostoverenie.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("bank:mentor_training_add", args=[mentor.pk]),
        {
            "title": "Наставничество в школе",
            "hours": "72",
            "completed_on": "2026-05-20",
            "certificate": certificate,
        },
    )
    assert response.status_code == 302
    training = MentorTraining.objects.get(mentor=mentor)
    assert training.hours == 72
    download = client.get(reverse("bank:file", args=["training", training.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
    # a curator of another school cannot fetch it
    login(client, world, "curator_b")
    assert client.get(reverse("bank:file", args=["training", training.pk])).status_code == 404


def test_training_in_the_future_is_refused(client, world, mentor):
    login(client, world, "curator_a")
    future = (today() + dt.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("bank:mentor_training_add", args=[mentor.pk]), {"title": "Курс", "completed_on": future}
    )
    assert response.status_code == 200 and "не может быть в будущем" in response.content.decode()
    assert not MentorTraining.objects.exists()


def test_publication_needs_the_open_bank_purpose_of_the_consent(client, world, mentor):
    login(client, world, "curator_a")
    url = reverse("bank:mentor_edit", args=[mentor.pk])
    data = mentor_form_data(world, publish_in_open_bank="on", public_fields=["position", "phone"])
    del data["person"], data["organization"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "с целью «размещение сведений в открытом банке наставников»" in response.content.decode()
    mentor.refresh_from_db()
    assert not mentor.publish_in_open_bank and not mentor.competences.exists()  # nothing saved
    # after a consent naming the open bank, it publishes
    consent = PersonalDataConsent.objects.get(person=world.mentor_a)
    consent.purposes = [*consent.purposes, ConsentPurpose.OPEN_BANK]
    consent.save()
    assert client.post(url, data).status_code == 302
    mentor.refresh_from_db()
    assert mentor.publish_in_open_bank and mentor.public_fields == ["position", "phone"]


def test_mentee_card_with_request_and_difficulty(client, world):
    login(client, world, "curator_a")
    young = MenteeCategory.objects.get(code="young_teacher")
    methodical = CompetenceArea.objects.get(code="methodical")
    response = client.post(
        reverse("bank:mentee_add"),
        {
            "person": world.mentee_a.pk,
            "organization": world.school_a.pk,
            "categories": [young.pk],
            "request_text": "Как выстроить урок по ФГОС",
            "request_areas": [methodical.pk],
        },
    )
    profile = MenteeProfile.objects.get(person=world.mentee_a)
    assert response.status_code == 302
    response = client.post(
        reverse("bank:deficit_add", args=[profile.pk]),
        {"area": methodical.pk, "level": 2, "source": "self_diagnosis", "diagnosed_on": today().isoformat()},
    )
    assert response.status_code == 302
    # the same difficulty twice is refused with a clear message
    again = client.post(
        reverse("bank:deficit_add", args=[profile.pk]),
        {"area": methodical.pk, "level": 2, "source": "self_diagnosis", "diagnosed_on": today().isoformat()},
    )
    assert again.status_code == 200 and "Такое затруднение уже записано" in again.content.decode()
    assert Deficit.objects.filter(person=profile.person).count() == 1
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "Как выстроить урок по ФГОС" in page and "самодиагностика" in page and "Наставникова" in page


def test_mentee_without_category_is_refused(client, world):
    login(client, world, "curator_a")
    response = client.post(
        reverse("bank:mentee_add"), {"person": world.mentee_a.pk, "organization": world.school_a.pk}
    )
    assert response.status_code == 200 and not MenteeProfile.objects.exists()
    assert "Обязательное поле" in response.content.decode()


def test_consent_withdrawal_from_the_card_hides_the_person_above_the_school(client, world, mentor):
    login(client, world, "curator_a")
    response = client.post(
        reverse("bank:consent_withdraw", args=[world.mentor_a.pk]),
        {"withdrawn_on": today().isoformat(), "reason": "Заявление от 21.11.2026"},
    )
    assert response.status_code == 302
    assert "нет действующего согласия" in client.get(world.mentor_a.get_absolute_url()).content.decode()
    # the coordinator no longer reaches the person or the mentor card
    login(client, world, "coordinator")
    assert client.get(world.mentor_a.get_absolute_url()).status_code == 404
    assert client.get(mentor.get_absolute_url()).status_code == 404


def test_consent_recorded_with_its_scan(client, world):
    person = f.staff_member(world.school_a, last_name="Новенькая", consent=False)
    login(client, world, "curator_a")
    scan = SimpleUploadedFile("soglasie.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = client.post(
        reverse("bank:consent_record", args=[person.pk]),
        {"purposes": ["mentoring_record", "monitoring"], "given_on": today().isoformat(), "scan": scan},
    )
    assert response.status_code == 302
    consent = PersonalDataConsent.objects.get(person=person)
    assert consent.recorded_by == world.users["curator_a"] and consent.scan
    login(client, world, "coordinator")
    assert client.get(person.get_absolute_url()).status_code == 200


def test_consent_without_purpose_is_refused(client, world):
    person = f.staff_member(world.school_a, last_name="Новенькая", consent=False)
    login(client, world, "curator_a")
    response = client.post(
        reverse("bank:consent_record", args=[person.pk]), {"given_on": today().isoformat()}
    )
    assert response.status_code == 200 and not PersonalDataConsent.objects.filter(person=person).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("curator_a", 200),
        ("head_a", 200),
        ("coordinator", 200),
        ("operator", 200),
        ("mentor_a", 200),
        ("curator_b", 404),
    ],
)
def test_who_opens_a_mentor_card(client, world, mentor, persona, status):
    login(client, world, persona)
    assert client.get(mentor.get_absolute_url()).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"), [("curator_a", 200), ("coordinator", 404), ("curator_b", 404), ("mentor_a", 404)]
)
def test_who_edits_a_mentor_card(client, world, mentor, persona, status):
    login(client, world, persona)
    assert client.get(reverse("bank:mentor_edit", args=[mentor.pk])).status_code == status


def test_coordinator_reads_the_bank_without_buttons(client, world, mentor, mentee):
    login(client, world, "coordinator")
    page = client.get(mentor.get_absolute_url()).content.decode()
    assert "Редактировать" not in page and "Изменить статус" not in page
    assert client.get(reverse("bank:mentor_add")).status_code == 403
    listing = client.get(reverse("bank:mentee_list")).content.decode()
    assert "Молодцова" in listing and "Включить в базу" not in listing


def test_curator_b_sees_nothing_of_school_a(client, world, mentor, mentee):
    login(client, world, "curator_b")
    assert "Наставникова" not in client.get(reverse("bank:mentor_list")).content.decode()
    assert "Молодцова" not in client.get(reverse("bank:mentee_list")).content.decode()
    response = client.post(
        reverse("bank:mentee_add"), {"person": world.teacher_a.pk, "organization": world.school_a.pk}
    )
    assert response.status_code == 200 and not MenteeProfile.objects.filter(person=world.teacher_a).exists()


def test_person_card_offers_the_bank(client, world, mentor):
    login(client, world, "curator_a")
    page = client.get(world.teacher_a.get_absolute_url()).content.decode()
    assert "Включить в базу наставников" in page and "действует" in page
    page = client.get(world.mentor_a.get_absolute_url()).content.decode()
    assert mentor.get_absolute_url() in page


def test_filters_by_competence_and_status(client, world, mentor):
    methodical = CompetenceArea.objects.get(code="methodical")
    other = mentor_profile_create(
        person=world.teacher_a, organization=world.school_a, competences={methodical: 2}
    )
    mentor.competences.create(area=methodical, level=5)
    login(client, world, "curator_a")
    listing = client.get(reverse("bank:mentor_list"), {"area": methodical.pk, "min_level": 4})
    assert [m.pk for m in listing.context["object_list"]] == [mentor.pk]
    listing = client.get(reverse("bank:mentor_list"), {"area": methodical.pk})
    assert {m.pk for m in listing.context["object_list"]} == {mentor.pk, other.pk}


@pytest.mark.parametrize("name", ["bank:mentor_list", "bank:mentee_list"])
def test_bank_lists_have_a_bounded_number_of_queries(client, world, django_assert_max_num_queries, name):
    for _ in range(12):
        person = f.staff_member(world.school_a)
        mentor_profile_create(
            person=person, organization=world.school_a, competences={CompetenceArea.objects.first(): 3}
        )
        mentee_profile_create(
            person=person, organization=world.school_a, categories=[MenteeCategory.objects.first()]
        )
    login(client, world, "curator_a")
    with django_assert_max_num_queries(14):
        response = client.get(reverse(name))
    assert response.status_code == 200 and len(response.context["object_list"]) == 12


def test_bank_export_leaves_out_people_without_consent(client, world, mentor, mentee):
    import io

    import openpyxl

    PersonalDataConsent.objects.filter(person=world.mentee_a).update(withdrawn_on=today())
    login(client, world, "curator_a")
    mentors = client.get(reverse("bank:mentor_list"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(mentors.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("ФИО", "Организация", "Статус")
    assert [r[0] for r in rows[1:]] == [world.mentor_a.full_name]
    # the curator still sees the mentee on the page, but not in the file
    assert "Молодцова" in client.get(reverse("bank:mentee_list")).content.decode()
    mentees = client.get(reverse("bank:mentee_list"), {"export": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(mentees.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1


def test_a_scan_lost_from_the_storage_is_a_404_not_a_500(client, world, mentor):
    # given a training whose certificate file is gone from the storage
    login(client, world, "curator_a")
    certificate = SimpleUploadedFile("udostoverenie.pdf", b"%PDF-1.4", content_type="application/pdf")
    client.post(
        reverse("bank:mentor_training_add", args=[mentor.pk]),
        {"title": "Курс", "completed_on": "2026-05-20", "certificate": certificate},
    )
    training = MentorTraining.objects.get(mentor=mentor)
    training.certificate.storage.delete(training.certificate.name)
    # then its download says the file is not found
    assert client.get(reverse("bank:file", args=["training", training.pk])).status_code == 404
