"""The journal page: who sees which entries (the head their organization's, the coordinator
the municipality's, the operator the region's, nobody else), what it shows, and that nothing
changes it — neither the page nor the administration."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from nastavnik.audit.masking import HIDDEN_VALUE
from nastavnik.audit.models import AuditEvent
from nastavnik.bank.models import PersonalDataConsent
from nastavnik.people.models import Person
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


#: The phones written in A and B. Pages are searched for the whole number: a two-character
#: marker such as «0A» also turns up by chance in the page's random CSRF token.
PHONE_A = "+7 900 000-00-0A"
PHONE_B = "+7 900 000-00-0B"


@pytest.fixture
def changes(world):
    """One phone change in school A (by its curator) and one in school B (by its curator)."""
    with set_actor(world.users["curator_a"], remote_addr="10.1.1.1"):
        world.teacher_a.phone = PHONE_A
        world.teacher_a.save()
    with set_actor(world.users["curator_b"], remote_addr="10.2.2.2"):
        world.teacher_b.phone = PHONE_B
        world.teacher_b.save()
    return world


def visible_to(world, name: str) -> set[int]:
    """Ids of the people whose entries ``name`` sees."""
    entries = AuditEvent.objects.for_user(world.users[name]).filter(
        content_type=ContentType.objects.get_for_model(Person)
    )
    return set(entries.values_list("object_id", flat=True))


def test_the_head_of_a_sees_a_and_not_b(changes, as_persona):
    world = changes
    assert world.teacher_a.pk in visible_to(world, "head_a")
    assert world.teacher_b.pk not in visible_to(world, "head_a")
    # the page says the same
    page = as_persona("head_a").get("/audit/").content.decode()
    assert "+7 900 000-00-0A" in page and "+7 900 000-00-0B" not in page
    assert world.teacher_a.full_name in page and world.teacher_b.full_name not in page


def test_the_operator_sees_the_region_and_the_coordinator_the_municipality(changes):
    world = changes
    assert {world.teacher_a.pk, world.teacher_b.pk} <= visible_to(world, "operator")
    assert world.teacher_a.pk in visible_to(world, "coordinator")
    assert world.teacher_b.pk not in visible_to(world, "coordinator")


@pytest.mark.parametrize("name", ["mentor_a", "mentee_a", "curator_a", "curator_b"])
def test_others_get_403_and_see_nothing(changes, as_persona, name):
    client = as_persona(name)
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/?export=xlsx").status_code == 403
    assert not AuditEvent.objects.for_user(changes.users[name]).exists()
    assert "Журнал действий" not in client.get("/").content.decode()


def test_the_anonymous_visitor_is_sent_to_the_login(changes):
    response = Client().get("/audit/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_the_page_names_the_actor_by_full_name_with_the_address_and_the_diff(changes, as_persona):
    world = changes
    curator = world.users["curator_a"]
    f.PersonFactory(user=curator, last_name="Кураторова", first_name="Галина", middle_name="Петровна")

    page = as_persona("operator").get("/audit/").content.decode()

    assert "Журнал действий" in page  # the menu item and the title
    assert "Кураторова Галина Петровна" in page
    assert "curator_a" not in page  # never the login
    assert "10.1.1.1" in page
    assert "Телефон" in page and "Изменение" in page and "Педагогический работник" in page


def test_a_masked_value_reads_as_hidden_on_the_page(world, as_persona):
    with set_actor(world.users["curator_a"]):
        world.teacher_a.snils = "11223344595"
        world.teacher_a.save()
    page = as_persona("head_a").get("/audit/").content.decode()
    assert "СНИЛС" in page and HIDDEN_VALUE in page and "11223344595" not in page


def test_filters(changes, as_persona):
    world = changes
    client = as_persona("operator")
    by_b = client.get(f"/audit/?actor={world.users['curator_b'].pk}").content.decode()
    assert PHONE_B in by_b and PHONE_A not in by_b
    by_name = client.get("/audit/", {"q": world.teacher_a.last_name.upper()}).content.decode()
    assert PHONE_A in by_name and PHONE_B not in by_name
    tomorrow = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    assert "Записей нет" in client.get(f"/audit/?date_from={tomorrow}").content.decode()
    assert PHONE_A in client.get("/audit/?kind=update").content.decode()
    assert "Записей нет" in client.get("/audit/?kind=export").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "actor=²",
        "actor=-1",
        "actor=99999999999999",
        "kind=zzz",
        "date_from=31.02.2026",
        "content_type=²",
        "page=²",
    ],
)
def test_garbage_in_the_filters_is_not_a_500(changes, as_persona, query):
    assert as_persona("operator").get(f"/audit/?{query}").status_code in (200, 404)


def test_entries_about_a_person_without_consent_are_hidden_above_the_head(changes, as_persona):
    world = changes
    PersonalDataConsent.objects.filter(person=world.teacher_a).update(withdrawn_on=timezone.localdate())
    # the head of A (who keeps the consents) still sees them; the coordinator and the operator not
    assert world.teacher_a.pk in visible_to(world, "head_a")
    assert world.teacher_a.pk not in visible_to(world, "coordinator")
    assert world.teacher_a.pk not in visible_to(world, "operator")
    assert world.teacher_a.full_name not in as_persona("operator").get("/audit/").content.decode()


def test_the_page_changes_nothing(changes, as_persona):
    before = list(AuditEvent.objects.order_by("pk").values())
    client = as_persona("operator")
    for method in (client.post, client.put, client.delete):
        assert method("/audit/", {"object_repr": "подделка"}).status_code == 405
    assert list(AuditEvent.objects.order_by("pk").values()) == before


def test_the_administration_only_shows_entries(changes):
    entry = AuditEvent.objects.first()
    admin_user = f.UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin_user)
    before = list(AuditEvent.objects.order_by("pk").values())

    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get(f"/admin/audit/auditevent/{entry.pk}/change/").status_code == 200  # view only
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    assert client.post(f"/admin/audit/auditevent/{entry.pk}/change/", {"object_repr": "x"}).status_code == 403
    assert client.post(f"/admin/audit/auditevent/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = client.post(
        "/admin/audit/auditevent/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302, 403)
    assert list(AuditEvent.objects.order_by("pk").values()) == before

    from django.contrib import admin

    model_admin = admin.site._registry[AuditEvent]
    request = type("R", (), {"user": admin_user})()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)


def test_an_actor_without_consent_is_not_named_above_the_head(world, as_persona):
    # given the mentor of A downloaded a file about their mentee, then withdrew the consent
    from nastavnik.audit.services import record_access

    record_access(user=world.users["mentor_a"], subject=world.mentee_a, label="Файл программы")
    PersonalDataConsent.objects.filter(person=world.mentor_a).update(withdrawn_on=timezone.localdate())
    # then the operator sees the entry without the name, the head of A with it
    operator_page = as_persona("operator").get("/audit/?kind=download").content.decode()
    assert "Файл программы" in operator_page and world.mentor_a.full_name not in operator_page
    assert "Участник скрыт" in operator_page
    head_page = as_persona("head_a").get("/audit/?kind=download").content.decode()
    assert world.mentor_a.full_name in head_page
    exported = as_persona("operator").get("/audit/?export=xlsx")
    assert exported.status_code == 200


def test_the_page_reads_a_bounded_number_of_queries(world, as_persona, django_assert_max_num_queries):
    # given many entries naming organizations, positions and people in their diffs
    with set_actor(world.users["curator_a"], remote_addr="10.1.1.1"):
        for i in range(15):
            f.staff_member(world.school_a, last_name=f"Новикова{i}")
    client = as_persona("head_a")
    client.get("/audit/")
    # then a page of 25 entries costs the same few queries (objects in diffs read per model)
    with django_assert_max_num_queries(12):
        assert client.get("/audit/").status_code == 200


def test_an_entry_keeps_its_actor_when_the_account_is_deleted(changes, as_persona):
    # given the curator of A changed a phone, then her account is deleted
    world = changes
    curator = world.users["curator_a"]
    entry = AuditEvent.objects.filter(actor=curator).first()
    curator_pk = curator.pk
    curator.delete()
    # then the entry is still hers (not put on «Система»), and the journal says so
    entry.refresh_from_db()
    assert entry.actor_id == curator_pk
    page = as_persona("operator").get("/audit/").content.decode()
    assert "Удалённая учётная запись" in page
