"""The bank: consents decide visibility, mentor statuses keep a history, the yearly confirmation."""

import datetime as dt
import logging

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MentorProfile, MentorStatusEvent, PersonalDataConsent
from nastavnik.bank.selectors import (
    bank_confirmation_status,
    candidate_reasons,
    mentee_candidates,
    mentor_load_annotations,
)
from nastavnik.bank.services import (
    bank_confirm,
    deficit_add,
    mentee_profile_create,
    mentor_profile_create,
    mentor_status_change,
    pd_consent_record,
    pd_consent_withdraw,
)
from nastavnik.development.choices import DeficitSource
from nastavnik.people.models import Person
from nastavnik.reference.models import CompetenceArea, MenteeCategory
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def visible(user):
    return set(Person.objects.for_user(user).values_list("last_name", flat=True))


def test_person_without_consent_is_seen_only_by_curator_and_head(world):
    # given a new teacher of school A who has not signed the consent
    f.staff_member(world.school_a, last_name="Безсогласова", consent=False)
    # then the curator and the head see her; the coordinator and the operator do not
    assert "Безсогласова" in visible(world.users["curator_a"])
    assert "Безсогласова" in visible(world.users["head_a"])
    assert "Безсогласова" not in visible(world.users["coordinator"])
    assert "Безсогласова" not in visible(world.users["operator"])


def test_withdrawal_hides_the_person_and_is_logged(world, caplog):
    consent = PersonalDataConsent.objects.get(person=world.teacher_a)
    with caplog.at_level(logging.INFO, logger="nastavnik.bank"):
        pd_consent_withdraw(consent=consent, by=world.users["curator_a"], reason="Заявление от 20.11.2026")
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate() and consent.withdrawn_by == world.users["curator_a"]
    assert "withdrawn" in caplog.text
    assert "Афанасьева" not in visible(world.users["coordinator"])
    assert "Афанасьева" in visible(world.users["curator_a"])
    with pytest.raises(ValidationError, match="уже отозвано"):
        pd_consent_withdraw(consent=consent, by=world.users["curator_a"])


def test_mentee_without_consent_is_hidden_from_their_mentor(world):
    PersonalDataConsent.objects.filter(person=world.mentee_a).update(withdrawn_on=timezone.localdate())
    assert visible(world.users["mentor_a"]) == {"Наставникова"}
    assert "Молодцова" in visible(world.users["mentee_a"])  # herself, always


def test_consent_needs_a_known_purpose_and_a_past_date(world):
    person = f.staff_member(world.school_a, consent=False)
    with pytest.raises(ValidationError):
        pd_consent_record(person=person, purposes=["marketing"], given_on=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        pd_consent_record(
            person=person, purposes=["mentoring_record"], given_on=timezone.localdate() + dt.timedelta(days=2)
        )
    consent = pd_consent_record(
        person=person, purposes=["mentoring_record", "open_bank"], given_on=dt.date(2026, 1, 1)
    )
    assert consent.purpose_labels()[1].startswith("размещение сведений о наставнике")
    with pytest.raises(ValidationError):  # a second valid consent
        pd_consent_record(person=person, purposes=["mentoring_record"], given_on=dt.date(2026, 2, 1))


def test_mentor_lifecycle_writes_history_and_needs_consents_to_become_active(world):
    area = CompetenceArea.objects.first()
    profile = mentor_profile_create(
        person=world.teacher_a,
        organization=world.school_a,
        by=world.users["curator_a"],
        competences={area: 5},
    )
    assert profile.competences.get().level == 5
    for status in (MentorStatus.SELECTED, MentorStatus.TRAINED):
        mentor_status_change(profile=profile, to_status=status, by=world.users["curator_a"])
    with pytest.raises(ValidationError, match="письменное согласие быть наставником"):
        mentor_status_change(profile=profile, to_status=MentorStatus.ACTIVE, by=world.users["curator_a"])
    profile.consent_given_on = dt.date(2026, 9, 1)
    profile.save()
    mentor_status_change(profile=profile, to_status=MentorStatus.ACTIVE, by=world.users["curator_a"])
    with pytest.raises(ValidationError, match="Нельзя перевести"):
        mentor_status_change(profile=profile, to_status=MentorStatus.CANDIDATE, by=world.users["curator_a"])
    history = list(
        MentorStatusEvent.objects.filter(mentor=profile).order_by("pk").values_list("to_status", flat=True)
    )
    assert history == ["candidate", "selected", "trained", "active"]
    loaded = MentorProfile.objects.annotate(**mentor_load_annotations()).get(pk=profile.pk)
    assert (loaded.active_mentees, loaded.capacity_in_force) == (0, 2)


def test_mentee_profile_difficulties_and_candidates(world):
    newcomer = f.staff_member(world.school_a, last_name="Новикова")
    newcomer.employments.update(started_on=timezone.localdate() - dt.timedelta(days=30))
    candidates = {p.last_name: candidate_reasons(p) for p in mentee_candidates(world.school_a)}
    assert "Новикова" in candidates and "Молодцова" in candidates and "Афанасьева" not in candidates
    assert "молодой педагог" in candidates["Молодцова"]
    assert candidates["Новикова"] == ["новый в коллективе"]
    category = MenteeCategory.objects.first()
    profile = mentee_profile_create(
        person=newcomer,
        organization=world.school_a,
        categories=[category],
        request_text="Дисциплина на уроке",
    )
    area = CompetenceArea.objects.first()
    deficit_add(
        mentee=profile, area=area, source=DeficitSource.SELF_DIAGNOSIS, diagnosed_on=timezone.localdate()
    )
    with pytest.raises(ValidationError):
        deficit_add(
            mentee=profile, area=area, source=DeficitSource.SELF_DIAGNOSIS, diagnosed_on=timezone.localdate()
        )
    assert "Новикова" not in set(mentee_candidates(world.school_a).values_list("last_name", flat=True))
    with pytest.raises(ValidationError, match="категорию"):
        mentee_profile_create(person=world.teacher_a, organization=world.school_a, categories=[])


def test_yearly_confirmation_status(world):
    assert bank_confirmation_status(world.school_a).state == "never"
    confirmation = bank_confirm(organization=world.school_a, by=world.users["curator_a"])
    today = confirmation.confirmed_on
    assert bank_confirmation_status(world.school_a, today=today).state == "ok"
    assert bank_confirmation_status(world.school_a, today=today + dt.timedelta(days=340)).state == "due_soon"
    status = bank_confirmation_status(world.school_a, today=today + dt.timedelta(days=400))
    assert status.state == "overdue" and status.label.startswith(
        "Подтверждение актуальности банка просрочено"
    )


def test_curator_confirms_the_bank_from_home(client, world):
    client.force_login(world.users["curator_a"])
    home = client.get("/").content.decode()
    assert "Банк ещё ни разу не подтверждался" in home
    assert "Молодцова" in home  # a young teacher to consider as a mentee
    response = client.post(f"/bank/{world.school_a.pk}/confirm/", follow=True)
    assert "Актуальность банка подтверждена" in response.content.decode()
    assert bank_confirmation_status(world.school_a).state == "ok"


def test_only_the_curator_of_the_organization_confirms(client, world):
    client.force_login(world.users["curator_b"])
    assert client.post(f"/bank/{world.school_a.pk}/confirm/").status_code == 404
    # the head sees the organization but does not confirm its bank (PERMISSIONS["bank"]["confirm"])
    client.force_login(world.users["head_a"])
    assert client.post(f"/bank/{world.school_a.pk}/confirm/").status_code == 403
    assert "Подтвердить актуальность" not in client.get("/").content.decode()
    assert bank_confirmation_status(world.school_a).state == "never"


def test_candidates_on_a_leap_day(world):
    # the 35-year bound must not fail on 29 February
    assert "Молодцова" in set(
        mentee_candidates(world.school_a, today=dt.date(2028, 2, 29)).values_list("last_name", flat=True)
    )
