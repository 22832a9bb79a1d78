"""Pages of learners for the curator of school A, the curator of B and the municipal coordinator:
a minor is 404 and absent beyond their school, an adult consented student is visible; garbage
ids are 404; the bank's consent form requires the representative for a minor (issue 20)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.bank import services as bank_services
from nastavnik.bank.choices import ConsentPurpose
from nastavnik.bank.models import MenteeProfile, MentorProfile, PersonalDataConsent
from nastavnik.learners import services
from nastavnik.learners.tests.helpers import REPRESENTATIVE, make_learner, years_ago
from nastavnik.people.models import Learner, LegalRepresentative

pytestmark = pytest.mark.django_db


@pytest.fixture
def learners(world):
    minor = make_learner(world.school_a, last_name="Младшев", age=12)
    adult = make_learner(world.school_a, last_name="Старшов", age=19, kind="student", grade="ТМ-21")
    bank_services.pd_consent_record(
        person=adult.person, purposes=[ConsentPurpose.MENTORING_RECORD], given_on=timezone.localdate()
    )
    return minor, adult


def test_curator_a_sees_both(client, world, learners):
    minor, _adult = learners
    client.force_login(world.users["curator_a"])
    page = client.get(reverse("learners:list")).content.decode()
    assert "Младшев" in page and "Старшов" in page
    detail = client.get(reverse("learners:detail", args=[minor.pk]))
    assert detail.status_code == 200
    assert "несовершеннолетний" in detail.content.decode()
    minors = client.get(reverse("learners:list") + "?minor=true").content.decode()
    assert "Младшев" in minors and "Старшов" not in minors


def test_curator_b_sees_neither(client, world, learners):
    minor, adult = learners
    client.force_login(world.users["curator_b"])
    assert "Младшев" not in client.get(reverse("learners:list")).content.decode()
    assert client.get(reverse("learners:detail", args=[minor.pk])).status_code == 404
    assert client.get(reverse("learners:detail", args=[adult.pk])).status_code == 404
    assert client.get(reverse("learners:edit", args=[minor.pk])).status_code == 404


def test_coordinator_sees_adult_consented_not_minor(client, world, learners):
    minor, adult = learners
    client.force_login(world.users["coordinator"])
    page = client.get(reverse("learners:list")).content.decode()
    assert "Младшев" not in page and "Старшов" in page
    assert client.get(reverse("learners:detail", args=[minor.pk])).status_code == 404
    assert client.get(reverse("learners:detail", args=[adult.pk])).status_code == 200
    assert client.get(reverse("learners:edit", args=[adult.pk])).status_code == 404
    assert client.get(reverse("learners:leave", args=[adult.pk])).status_code == 403


def test_export_leaves_minors_out(client, world, learners):
    import io

    from openpyxl import load_workbook

    client.force_login(world.users["curator_a"])
    response = client.get(reverse("learners:list") + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert any("Старшов" in (n or "") for n in names)
    assert not any("Младшев" in (n or "") for n in names)


@pytest.mark.parametrize(
    "name, args",
    [
        ("learners:detail", [999999]),
        ("learners:edit", [999999]),
        ("learners:leave", [0]),
        ("learners:account", [999999]),
        ("learners:mentee_add", [999999]),
        ("learners:mentor_add", [999999]),
        ("learners:representative_add", [999999]),
        ("learners:representative_edit", [999999]),
        ("learners:representative_delete", [999999]),
    ],
)
def test_garbage_ids_404(client, world, name, args):
    client.force_login(world.users["curator_a"])
    assert client.get(reverse(name, args=args)).status_code == 404


def test_garbage_query_strings(client, world, learners):
    client.force_login(world.users["curator_a"])
    url = reverse("learners:list") + "?organization=%C2%B2&minor=maybe&status=zzz&kind=%00&grade=%00"
    assert client.get(url).status_code == 200
    assert client.get(reverse("learners:list") + "?page=abc").status_code == 404


def test_add_edit_leave_pages(client, world):
    client.force_login(world.users["curator_a"])
    response = client.post(
        reverse("learners:add"),
        {
            "organization": world.school_a.pk,
            "last_name": "Новикова",
            "first_name": "Вера",
            "sex": "F",
            "birth_date": years_ago(10).isoformat(),
            "kind": "pupil",
            "grade": "4 В",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    learner = Learner.objects.get(person__last_name="Новикова")
    edit = client.post(
        reverse("learners:edit", args=[learner.pk]),
        {
            "last_name": "Новикова",
            "first_name": "Вера",
            "sex": "F",
            "birth_date": learner.person.birth_date.isoformat(),
            "kind": "pupil",
            "grade": "5 В",
        },
    )
    assert edit.status_code == 302
    learner.refresh_from_db()
    assert learner.grade == "5 В"
    leave_page = client.get(reverse("learners:leave", args=[learner.pk])).content.decode()
    assert "пока куратор не завершит" in leave_page
    client.post(reverse("learners:leave", args=[learner.pk]), {"left_on": timezone.localdate().isoformat()})
    learner.refresh_from_db()
    assert learner.left_on == timezone.localdate()


def test_add_in_school_b_refused(client, world):
    client.force_login(world.users["curator_a"])
    response = client.post(
        reverse("learners:add"),
        {
            "organization": world.school_b.pk,
            "last_name": "Чужая",
            "first_name": "Вера",
            "sex": "F",
            "birth_date": years_ago(10).isoformat(),
            "kind": "pupil",
            "grade": "4 В",
        },
    )
    assert response.status_code == 200
    assert not Learner.objects.filter(person__last_name="Чужая").exists()


def test_representative_pages(client, world, learners):
    minor, _adult = learners
    client.force_login(world.users["curator_a"])
    url = reverse("learners:representative_add", args=[minor.pk])
    assert client.post(url, {**REPRESENTATIVE, "is_primary": "on"}).status_code == 302
    rep = LegalRepresentative.objects.get(learner=minor)
    assert (
        client.post(
            reverse("learners:representative_edit", args=[rep.pk]),
            {**REPRESENTATIVE, "phone": "+7 900 123-45-67", "is_primary": "on"},
        ).status_code
        == 302
    )
    rep.refresh_from_db()
    assert rep.phone == "+7 900 123-45-67"
    detail = client.get(reverse("learners:detail", args=[minor.pk])).content.decode()
    assert "Петрова Ольга Ивановна" in detail
    assert client.post(reverse("learners:representative_delete", args=[rep.pk])).status_code == 302
    assert not LegalRepresentative.objects.filter(pk=rep.pk).exists()
    # the coordinator and school B never reach a representative
    rep = services.representative_create(by=None, learner=minor, **REPRESENTATIVE)
    for name in ("coordinator", "curator_b"):
        client.force_login(world.users[name])
        assert client.get(reverse("learners:representative_edit", args=[rep.pk])).status_code == 404


def test_minor_consent_form_requires_representative(client, world, learners):
    minor, _adult = learners
    client.force_login(world.users["curator_a"])
    url = reverse("bank:consent_record", args=[minor.person.pk])
    data = {"purposes": [ConsentPurpose.MENTORING_RECORD], "given_on": timezone.localdate().isoformat()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Сначала добавьте его на странице обучающегося" in response.content.decode()
    assert not PersonalDataConsent.objects.filter(person=minor.person).exists()
    rep = services.representative_create(by=None, learner=minor, **REPRESENTATIVE)
    assert client.post(url, {**data, "representative": rep.pk}).status_code == 302
    assert PersonalDataConsent.objects.get(person=minor.person).representative == rep


def test_mentee_and_mentor_entry(client, world, learners):
    minor, adult = learners
    client.force_login(world.users["curator_a"])
    response = client.post(
        reverse("learners:mentee_add", args=[minor.pk]), {"request_text": "Трудности с математикой"}
    )
    assert response.status_code == 302
    profile = MenteeProfile.objects.get(person=minor.person)
    assert profile.categories.count() == 0
    form_page = client.get(reverse("learners:mentor_add", args=[adult.pk])).content.decode()
    assert "студент – студент" in form_page and "педагог – педагог" not in form_page
    response = client.post(
        reverse("learners:mentor_add", args=[adult.pk]), {"questionnaire": "Призёр олимпиады", "capacity": 2}
    )
    assert response.status_code == 302
    card = MentorProfile.objects.get(person=adult.person)
    assert (card.pool, card.contour) == ("peers", "internal")
    # the bank lists: the filter «участники» and the line «студент ТМ-21»
    page = client.get(reverse("bank:mentor_list") + "?participants=learners").content.decode()
    assert "Старшов" in page and "студент ТМ-21" in page
    assert "Старшов" not in client.get(reverse("bank:mentor_list") + "?participants=workers").content.decode()
    assert "Младшев" in client.get(reverse("bank:mentee_list") + "?participants=learners").content.decode()


def test_account_page_age(client, world, learners):
    minor, adult = learners
    client.force_login(world.users["curator_a"])
    response = client.post(
        reverse("learners:account", args=[minor.pk]), {"role": "mentee", "username": "mladshev"}
    )
    assert response.status_code == 200
    assert "14 лет" in response.content.decode()
    response = client.post(
        reverse("learners:account", args=[adult.pk]), {"role": "mentee", "username": "starshov"}
    )
    assert response.status_code == 302
    adult.person.refresh_from_db()
    assert adult.person.user.username == "starshov"


def test_left_learners_only_on_request(client, world, learners):
    minor, _adult = learners
    services.learner_leave(by=None, learner=minor, left_on=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(world.users["curator_a"])
    assert "Младшев" not in client.get(reverse("learners:list")).content.decode()
    left = client.get(reverse("learners:list") + "?status=left").content.decode()
    assert "Младшев" in left and "Старшов" not in left
