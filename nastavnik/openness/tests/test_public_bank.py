"""The public open bank of mentors (issue 19, item 2; seed 001 §7.1.1): who is public (the open
bank narrowed to the consent to distribution, 152-ФЗ art. 10.1), the search without sign-in, the
card, garbage in the address."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import PersonalDataConsent
from nastavnik.bank.services import mentor_publication_set, mentor_status_change, pd_consent_withdraw
from nastavnik.openness.selectors.public_mentors import public_mentor_card, public_mentors
from nastavnik.openness.tests.public_bank_world import OPEN_BANK_ONLY, open_bank_mentor
from nastavnik.people.models import Employment
from nastavnik.people.services import employment_end
from nastavnik.reference.models import CompetenceArea, MentoringForm, Subject

pytestmark = pytest.mark.django_db


def names(queryset) -> set[str]:
    return set(queryset.values_list("person__last_name", flat=True))


def page(query: str = "") -> str:
    response = Client().get(f"/mentors/{query}")
    assert response.status_code == 200
    return response.content.decode()


# --- who is public -------------------------------------------------------------------------------


def test_only_mentors_with_the_consent_to_distribution_are_public(world):
    # given a mentor with the consent to distribution and one whose consent names the open bank only
    open_bank_mentor(world.school_a, "Публичная")
    open_bank_mentor(world.school_a, "Закрытая", purposes=OPEN_BANK_ONLY)

    # then only the first is public (both are in the signed-in open bank)
    assert names(public_mentors()) == {"Публичная"}


def test_withdrawn_consent_unpublished_or_left_mentors_are_not_public(world):
    # given four public mentors
    kept = open_bank_mentor(world.school_a, "Оставшаяся")
    withdrawn = open_bank_mentor(world.school_a, "Отозвавшая")
    hidden = open_bank_mentor(world.school_a, "Скрытая")
    gone = open_bank_mentor(world.school_b, "Уволенная")

    # when one withdraws the consent, one is unpublished, one leaves the job
    consent = PersonalDataConsent.objects.get(person=withdrawn.person, withdrawn_on__isnull=True)
    pd_consent_withdraw(consent=consent, by=world.users["curator_a"], reason="Заявление")
    mentor_publication_set(profile=hidden, publish=False, public_fields=[])
    employment = Employment.objects.get(person=gone.person)
    employment_end(employment=employment, ended_on=timezone.localdate() - dt.timedelta(days=1))

    # then only the fourth stays public
    assert names(public_mentors()) == {kept.person.last_name}


def test_a_paused_mentor_is_not_public(world):
    # given a public mentor who pauses
    profile = open_bank_mentor(world.school_a, "Приостановленная")
    mentor_status_change(profile=profile, to_status=MentorStatus.PAUSED)

    # then they are not public
    assert names(public_mentors()) == set()


def test_the_public_card_holds_only_published_fields(world):
    # given a public mentor who published the subjects only
    subject = Subject.objects.filter(is_active=True).first()
    profile = open_bank_mentor(
        world.school_a, "Скромная", fields=["subjects"], subjects=[subject], phone="+79990000000"
    )

    # when the card is built
    card = public_mentor_card(public_mentors().get(pk=profile.pk))

    # then the phone and the position are not on it, the subject is
    assert card.subjects == [str(subject)]
    assert card.phone is None and card.email is None and card.position is None


# --- the pages -----------------------------------------------------------------------------------


def test_an_anonymous_visitor_searches_by_municipality_and_subject(world):
    # given public mentors in both municipalities, one with a subject, and a mentor without the consent
    subject = Subject.objects.filter(is_active=True).first()
    open_bank_mentor(world.school_a, "Сургутская", subjects=[subject])
    open_bank_mentor(world.school_a, "Безпредметная")
    open_bank_mentor(world.school_b, "Вартовская", subjects=[subject])
    open_bank_mentor(world.school_a, "Несогласная", purposes=OPEN_BANK_ONLY, subjects=[subject])

    # when an anonymous visitor searches by municipality 1 and the subject
    text = page(f"?municipality={world.muni1.pk}&subject={subject.pk}")

    # then only the mentor of municipality 1 with the subject is found
    assert "Сургутская" in text
    assert "Вартовская" not in text and "Безпредметная" not in text and "Несогласная" not in text


def test_search_by_area_form_and_free_text(world):
    # given mentors with a competence area, a form, and an organization name
    area = CompetenceArea.objects.filter(is_active=True).first()
    form = MentoringForm.objects.filter(is_active=True).first()
    open_bank_mentor(world.school_a, "Компетентная", competences={area: 4})
    open_bank_mentor(world.school_a, "Формальная", forms=[form])
    open_bank_mentor(world.school_b, "Вторая")

    # then each filter finds its mentor
    assert "Компетентная" in page(f"?area={area.pk}") and "Формальная" not in page(f"?area={area.pk}")
    assert "Формальная" in page(f"?form={form.pk}") and "Компетентная" not in page(f"?form={form.pk}")
    by_name = page("?q=форм")
    assert "Формальная" in by_name and "Вторая" not in by_name
    by_organization = page("?q=школа № 2")
    assert "Вторая" in by_organization and "Формальная" not in by_organization


def test_the_mentor_without_the_consent_to_distribution_is_absent_from_the_search(world):
    # given a mentor in the open bank without the consent to distribution
    open_bank_mentor(world.school_a, "Несогласная", purposes=OPEN_BANK_ONLY)

    # then the public search does not show them
    assert "Несогласная" not in page()


@pytest.mark.parametrize(
    "query",
    [
        "?municipality=abc",
        "?subject=99999999999999999999",
        "?area=-1&form=%C2%B2",
        "?page=zzz",
        "?page=9999",
        "?q=" + "я" * 5000,
    ],
)
def test_garbage_in_the_address_is_a_page_with_a_note(world, query):
    # given a public mentor
    open_bank_mentor(world.school_a, "Публичная")

    # when the address holds garbage
    text = page(query)

    # then the page answers with the search (and a note when something was not applied)
    assert "Банк наставников" in text
    if "q=" not in query:
        assert "не распознаны" in text or "Такой страницы нет" in text


def test_the_search_takes_a_constant_number_of_queries(world, django_assert_max_num_queries):
    # given many public mentors
    subject = Subject.objects.filter(is_active=True).first()
    for n in range(12):
        open_bank_mentor(world.school_a if n % 2 else world.school_b, f"Наставникова{n}", subjects=[subject])

    # then the page (a full page of cards) takes a bounded number of queries
    with django_assert_max_num_queries(16):
        page(f"?subject={subject.pk}")


def test_a_card_opens_for_a_public_mentor_and_404_otherwise(world):
    # given a public mentor and one without the consent to distribution
    public = open_bank_mentor(world.school_a, "Публичная")
    closed = open_bank_mentor(world.school_a, "Закрытая", purposes=OPEN_BANK_ONLY)

    # then the first card opens without sign-in, the second is 404 (the form too)
    response = Client().get(f"/mentors/{public.pk}/")
    assert response.status_code == 200 and "Публичная" in response.content.decode()
    assert "Попросить наставника" in response.content.decode()
    assert Client().get(f"/mentors/{closed.pk}/").status_code == 404
    assert Client().get(f"/mentors/{closed.pk}/request/").status_code == 404
    assert Client().get("/mentors/999999/").status_code == 404


def test_the_sitemap_lists_public_mentors_only(world):
    # given a public mentor and one without the consent to distribution
    public = open_bank_mentor(world.school_a, "Публичная")
    closed = open_bank_mentor(world.school_a, "Закрытая", purposes=OPEN_BANK_ONLY)

    # then the sitemap names the first card only
    text = Client().get("/sitemap.xml").content.decode()
    assert f"/mentors/{public.pk}/" in text
    assert f"/mentors/{closed.pk}/" not in text
