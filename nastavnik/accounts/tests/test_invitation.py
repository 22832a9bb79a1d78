"""An account created by a role assignment: no password is ever shown; an invitation link by
e-mail sets it once; without an address the page says how to fix it and the invitation is sent
again from the role list."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.accounts.models import AccountStatus
from nastavnik.accounts.tests.conftest import form_login
from nastavnik.people.models import Person

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Свой-пароль-2026"


def _assign(client, world, username="afanasyeva"):
    client.force_login(world.users["head_a"])
    return client.post(
        "/roles/assign/",
        {
            "person": world.teacher_a.pk,
            "role": Role.PSYCHOLOGIST,
            "org_unit": world.school_a.pk,
            "username": username,
        },
        follow=True,
    )


def _link(mail) -> str:
    return re.search(r"http://testserver(/account/invitation/\S+/)", mail.body).group(1)


def test_the_new_account_gets_an_invitation_and_no_password_is_shown(client, world, mailoutbox):
    # given a teacher with an e-mail address and no account
    world.teacher_a.email = "afanasyeva@school.example"
    world.teacher_a.save()
    # when the head appoints her
    page = _assign(client, world).content.decode()
    # then the page tells where the invitation went, and shows no password
    assert "Приглашение задать пароль отправлено на адрес afanasyeva@school.example" in page
    assert "временный пароль" not in page and "пароль:" not in page.lower()
    user = get_user_model().objects.get(username="afanasyeva")
    assert not user.has_usable_password()
    assert AccountStatus.objects.get(user=user).invited_at is not None
    # and the letter carries the login and the link
    [mail] = mailoutbox
    assert mail.to == ["afanasyeva@school.example"]
    assert mail.subject == "Приглашение в систему «Наставник»"
    assert "Здравствуйте, " in mail.body and "Ваш логин: afanasyeva" in mail.body
    # when she follows the link and sets her password
    invitee = Client()
    form = invitee.get(_link(mail), follow=True)
    assert "Задайте пароль для входа" in form.content.decode() and "afanasyeva" in form.content.decode()
    done = invitee.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    # then she is signed in on her home page, and signs in with it later
    assert done.redirect_chain[-1][0] == "/"
    assert "Пароль задан" in done.content.decode()
    assert invitee.get("/account/").status_code == 200
    assert form_login(Client(), "afanasyeva", NEW_PASSWORD).status_code == 302
    # and the link is spent
    assert "Приглашение недействительно" in Client().get(_link(mail), follow=True).content.decode()


def test_a_reset_link_is_no_invitation(client, world, mailoutbox):
    world.teacher_a.email = "afanasyeva@school.example"
    world.teacher_a.save()
    _assign(client, world)
    path = _link(mailoutbox[0]).replace("/account/invitation/", "/account/password/reset/")
    assert "Ссылка недействительна" in Client().get(path, follow=True).content.decode()


def test_without_an_address_the_page_says_how_to_fix_and_the_list_resends(client, world, mailoutbox):
    # given a teacher without an e-mail address
    page = _assign(client, world).content.decode()
    # then nothing is sent and the page says what to do
    assert mailoutbox == []
    assert "приглашение задать пароль не отправлено: у работника не указан адрес электронной почты" in page
    assert "Добавьте адрес в карточку работника" in page
    # the role list shows the pending invitation to the head
    listing = client.get("/roles/").content.decode()
    assert "пароль ещё не задан" in listing and "Отправить приглашение" in listing
    assignment = RoleAssignment.objects.get(user__username="afanasyeva")
    # when the address is added to the card and the invitation is sent from the list
    Person.objects.filter(pk=world.teacher_a.pk).update(email="new@school.example")
    resent = client.post(f"/roles/{assignment.pk}/invite/", follow=True).content.decode()
    # then it goes to the card's address
    assert "Приглашение задать пароль отправлено на адрес new@school.example" in resent
    assert [m.to for m in mailoutbox] == [["new@school.example"]]
    assert get_user_model().objects.get(username="afanasyeva").email == "new@school.example"


def test_only_who_manages_the_role_resends_and_only_before_the_password_is_set(client, world, mailoutbox):
    world.teacher_a.email = "afanasyeva@school.example"
    world.teacher_a.save()
    _assign(client, world)
    assignment = RoleAssignment.objects.get(user__username="afanasyeva")
    # another school's curator does not see the assignment
    other = Client()
    other.force_login(world.users["curator_b"])
    assert other.post(f"/roles/{assignment.pk}/invite/").status_code == 404
    # once the password is set, there is nothing to resend
    user = assignment.user
    user.set_password(NEW_PASSWORD)
    user.save()
    page = client.post(f"/roles/{assignment.pk}/invite/", follow=True).content.decode()
    assert "Пароль уже задан" in page
    assert len(mailoutbox) == 1
