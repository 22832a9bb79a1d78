"""The open bank of mentors in a real browser (issue 3, item 6).

Done when: «a municipal coordinator finds a mentor of another school in the open bank and
does not see a person without consent».
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import PersonalDataConsent
from nastavnik.bank.services import (
    mentor_profile_create,
    mentor_publication_set,
    mentor_status_change,
    pd_consent_record,
)
from nastavnik.reference.models import CompetenceArea, Subject
from nastavnik.testing import factories as f
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def published_mentor(organization, last_name: str, *, fields: list[str], subject, area, **person_fields):
    """An active mentor of ``organization`` with the open-bank consent, published with ``fields``."""
    person = f.staff_member(organization, last_name=last_name, consent=False, **person_fields)
    pd_consent_record(
        person=person, purposes=["mentoring_record", "open_bank"], given_on=dt.date(2025, 1, 10)
    )
    profile = mentor_profile_create(
        person=person,
        organization=organization,
        subjects=[subject],
        competences={area: 4},
        consent_given_on=dt.date(2025, 1, 10),
    )
    for status in (MentorStatus.SELECTED, MentorStatus.TRAINED, MentorStatus.ACTIVE):
        mentor_status_change(profile=profile, to_status=status)
    mentor_publication_set(profile=profile, publish=True, public_fields=fields)
    return profile


def cards(page) -> str:
    return "\n".join(page.get_by_test_id("mentor-card").all_inner_texts())


def test_coordinator_finds_a_mentor_of_another_school_but_no_one_without_consent(
    page, sign_in, world, artifacts
):
    subject = Subject.objects.get(code="mathematics")
    area = CompetenceArea.objects.get(code="methodical")
    # and a published mentor of school B (municipality 2), who hid the phone
    mentor = published_mentor(
        world.school_b,
        "Борисоглебская",
        fields=["subjects", "competences", "email"],
        subject=subject,
        area=area,
        email="borisoglebskaya@edu.example",
        phone="+7 912 000-11-22",
    )
    # and two published mentors of school B whose consent was withdrawn or is missing
    withdrawn = published_mentor(
        world.school_b, "Отозвавшая", fields=["subjects"], subject=subject, area=area
    )
    PersonalDataConsent.objects.filter(person=withdrawn.person).update(withdrawn_on=timezone.localdate())
    absent = published_mentor(world.school_b, "Безсогласная", fields=["subjects"], subject=subject, area=area)
    PersonalDataConsent.objects.filter(person=absent.person).delete()

    # when the coordinator of municipality 1 signs in and opens the open bank from the menu
    sign_in("coordinator")
    page.get_by_role("navigation", name="Основная навигация").get_by_role(
        "link", name="Открытый банк наставников"
    ).click()
    page.wait_for_url("**/bank/open/")

    # then the mentor of the other school is there, and neither person without a consent
    assert page.get_by_role("heading", name="Открытый банк наставников").is_visible()
    assert "Борисоглебская" in cards(page)
    assert "Отозвавшая" not in page.content() and "Безсогласная" not in page.content()
    assert page.get_by_test_id("total").inner_text() == "Найдено: 1"

    # when they search by municipality 2, the subject and the competence area
    page.get_by_label("Муниципальное образование").select_option(label="город Нижневартовск")
    page.get_by_label("Предмет").select_option(label="Математика")
    page.get_by_label("Область компетенций").select_option(label="Методические")
    page.get_by_label("Уровень не ниже").select_option("4")
    page.get_by_label("ФИО").fill("борисо")
    page.get_by_role("button", name="Найти").click()
    page.wait_for_url(re.compile(r".*/bank/open/\?.*municipality=.*"))

    # then the mentor is found, with her school and municipality, and still no one without consent
    assert page.get_by_test_id("total").inner_text() == "Найдено: 1"
    card = page.get_by_test_id("mentor-card")
    assert "СОШ № 2" in card.inner_text() and "город Нижневартовск" in card.inner_text()
    assert "Отозвавшая" not in page.content() and "Безсогласная" not in page.content()
    page.screenshot(path=str(artifacts / "open-bank-coordinator.png"), full_page=True)

    # when they open her card
    page.get_by_role("link", name=re.compile("Борисоглебская")).click()
    page.wait_for_url(f"**/bank/open/{mentor.pk}/")

    # then it shows what she published (subject, competence with level, e-mail) and not her phone
    main = page.locator("main").inner_text()
    assert page.get_by_role("heading", name=re.compile("Борисоглебская")).is_visible()
    assert "Математика" in main and "Методические" in main and "borisoglebskaya@edu.example" in main
    assert "000-11-22" not in page.content()

    # and the card of a person without consent does not exist for them
    response = page.goto(f"/bank/open/{withdrawn.pk}/")
    assert response.status == 404
    assert "Отозвавшая" not in page.content()
