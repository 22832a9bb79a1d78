"""Appointing and revoking roles through the page and the service."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.access.services import assignable_roles, role_assign, role_revoke
from nastavnik.people.models import Person

pytestmark = pytest.mark.django_db


def test_head_appoints_a_curator_creating_the_account(world):
    # given a teacher of school A without an account
    head = world.users["head_a"]
    # when the head appoints her curator
    world.teacher_a.email = "afanasyeva@school.example"
    world.teacher_a.save()
    assignment, invitation = role_assign(
        by=head, person=world.teacher_a, role=Role.CURATOR, org_unit=world.school_a, username="afanasyeva"
    )
    # then she has an account without any password, an invitation to set one went to her
    # address, and she now sees her school's people
    world.teacher_a.refresh_from_db()
    assert world.teacher_a.user.username == "afanasyeva"
    assert not world.teacher_a.user.has_usable_password()
    assert invitation == (True, "afanasyeva@school.example")
    assert assignment.role == Role.CURATOR
    assert Person.objects.for_user(world.teacher_a.user).filter(pk=world.mentee_a.pk).exists()


def test_curator_cannot_appoint_a_head_nor_act_in_another_school(world):
    curator = world.users["curator_a"]
    assert assignable_roles(curator) == {Role.MENTOR, Role.MENTEE}
    with pytest.raises(PermissionDenied):
        role_assign(
            by=curator, person=world.teacher_a, role=Role.HEAD, org_unit=world.school_a, username="x123"
        )
    with pytest.raises(PermissionDenied):
        role_assign(
            by=curator, person=world.teacher_a, role=Role.MENTOR, org_unit=world.school_b, username="x123"
        )
    assert not RoleAssignment.objects.filter(org_unit=world.school_b, role=Role.MENTOR).exists()


def test_role_on_the_wrong_level_is_refused_with_a_russian_message(world):
    with pytest.raises(ValidationError) as exc:
        role_assign(
            by=world.users["operator"],
            person=world.teacher_a,
            role=Role.CURATOR,
            org_unit=world.muni1,
            username="afanasyeva",
        )
    assert "назначается только на уровне" in str(exc.value)


def test_missing_or_taken_username_changes_nothing(world):
    head = world.users["head_a"]
    with pytest.raises(ValidationError, match="укажите логин"):
        role_assign(by=head, person=world.teacher_a, role=Role.CURATOR, org_unit=world.school_a)
    with pytest.raises(ValidationError, match="уже занят"):
        role_assign(
            by=head, person=world.teacher_a, role=Role.CURATOR, org_unit=world.school_a, username="curator_a"
        )
    world.teacher_a.refresh_from_db()
    assert world.teacher_a.user is None


def test_revoke_within_scope_only(world):
    mentor_role = RoleAssignment.objects.get(user=world.users["mentor_a"], role=Role.MENTOR)
    with pytest.raises(PermissionDenied):
        role_revoke(by=world.users["curator_b"], assignment=mentor_role)
    role_revoke(by=world.users["curator_a"], assignment=mentor_role)
    assert not RoleAssignment.objects.filter(pk=mentor_role.pk).exists()


def test_roles_page_per_persona(client, world):
    client.force_login(world.users["curator_a"])
    page = client.get("/roles/")
    assert page.status_code == 200
    assert "Наставник" in page.content.decode()
    client.force_login(world.users["mentor_a"])
    assert client.get("/roles/").status_code == 200  # an empty list: no rights, no leak
    assert client.get("/roles/assign/").status_code == 403


def test_assign_through_the_form(client, world):
    client.force_login(world.users["head_a"])
    response = client.post(
        "/roles/assign/",
        {
            "person": world.teacher_a.pk,
            "role": Role.PSYCHOLOGIST,
            "org_unit": world.school_a.pk,
            "username": "psy_a",
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "временный пароль" not in html
    # teacher_a has no e-mail address: the page says the invitation was not sent and what to do
    assert "приглашение задать пароль не отправлено" in html
    assert "Добавьте адрес в карточку работника" in html
    assert RoleAssignment.objects.filter(user__username="psy_a", role=Role.PSYCHOLOGIST).exists()


def test_assign_from_the_person_card(client, world):
    # given the head opens the role form from a teacher's card
    client.force_login(world.users["head_a"])
    page = client.get(f"/roles/assign/?person={world.teacher_a.pk}")
    assert page.status_code == 200
    assert world.teacher_a.full_name in page.content.decode()
    # when she appoints the teacher a member of the mentor council
    response = client.post(
        f"/roles/assign/?person={world.teacher_a.pk}",
        {
            "person": world.teacher_a.pk,
            "role": Role.MENTOR_COUNCIL_MEMBER,
            "org_unit": world.school_a.pk,
            "username": "afan",
        },
    )
    # then she is back on the card and the role exists
    assert response.status_code == 302 and response.url == world.teacher_a.get_absolute_url()
    assert RoleAssignment.objects.filter(user__username="afan", role=Role.MENTOR_COUNCIL_MEMBER).exists()


def test_assign_page_for_a_person_out_of_scope_is_404(client, world):
    client.force_login(world.users["curator_b"])
    assert client.get(f"/roles/assign/?person={world.teacher_a.pk}").status_code == 404


def test_many_people_and_units_are_typed_not_listed(client, world):
    """Past the small scope the person and the unit are type-ahead fields over the scoped
    endpoints (issue 16): the page lists none of them, and a forged id is still refused."""
    import re

    from nastavnik.core.autocomplete import SMALL_SCOPE
    from nastavnik.testing import factories as f

    for n in range(SMALL_SCOPE + 1):
        school = f.OrgUnitFactory(parent=world.muni1, short_name=f"Лицей № {n}")
        f.staff_member(school, last_name=f"Лицеева{n}")
    client.force_login(world.users["operator"])
    page = client.get("/roles/assign/").content.decode()
    assert 'data-autocomplete-light-url="/autocomplete/people/"' in page
    assert 'data-autocomplete-light-url="/autocomplete/role-units/"' in page
    assert "Лицеева" not in page and "Лицей № " not in page
    assert len(re.findall(r"<option", page)) < 20  # the roles' choices only
    client.force_login(world.users["curator_a"])
    response = client.post(
        "/roles/assign/",
        {"person": world.teacher_b.pk, "role": Role.MENTOR, "org_unit": world.school_a.pk, "username": "x"},
    )
    assert response.status_code == 200 and "person" in response.context["form"].errors


def test_list_links_only_the_cards_the_viewer_may_open(client, world):
    """A role held in the coordinator's municipality by a worker employed outside it (a tutor
    of the regional ЦНППМ): the list names them, but their card, which answers 404 to the
    coordinator, is no link; the holder of a card in scope is one (found by the load test)."""
    from django.contrib.auth import get_user_model

    holder = get_user_model().objects.create_user("tutor_outside")
    world.teacher_b.user = holder
    world.teacher_b.save()
    RoleAssignment.objects.create(user=holder, role=Role.TUTOR, org_unit=world.muni1)
    client.force_login(world.users["coordinator"])
    assert client.get(world.teacher_b.get_absolute_url()).status_code == 404
    page = client.get("/roles/").content.decode()
    assert str(world.teacher_b) in page
    assert f'href="{world.teacher_b.get_absolute_url()}"' not in page
    linked = [
        ra.user.person for ra in RoleAssignment.objects.filter(org_unit=world.school_a) if _person(ra.user)
    ]
    assert linked and all(f'href="{p.get_absolute_url()}"' in page for p in linked)


def _person(user):
    try:
        return user.person
    except Person.DoesNotExist:
        return None
