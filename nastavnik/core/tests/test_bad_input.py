"""Sign-in, sign-out and odd requests: Russian messages, never a 500."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_wrong_password_gives_the_russian_message(world):
    # when someone signs in as the curator with a wrong password
    response = Client().post("/login/", {"username": "curator_a", "password": "wrong"})

    # then the form comes back with the Russian message, and nobody is signed in
    assert response.status_code == 200
    html = response.content.decode()
    assert "Неверное имя пользователя или пароль." in html
    assert "_auth_user_id" not in response.wsgi_request.session


def test_empty_sign_in_form_names_the_missing_fields(world):
    # when the sign-in form is posted empty
    response = Client().post("/login/", {})

    # then both fields say they are required
    form = response.context["form"]
    assert form.errors["username"] == ["Обязательное поле."]
    assert form.errors["password"] == ["Обязательное поле."]


def test_sign_in_and_out(world):
    # given the curator of A
    client = Client()

    # when they sign in with the right password
    response = client.post("/login/", {"username": "curator_a", "password": "pass12345", "next": "/people/"})

    # then they land where they were going, signed in
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    assert client.get("/").status_code == 200

    # and when they sign out, they are back at the sign-in page and signed out
    response = client.post("/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert client.get("/").status_code == 302


def test_sign_in_refuses_an_outside_next_url(world):
    # when the sign-in carries a foreign "next"
    response = Client().post(
        "/login/", {"username": "curator_a", "password": "pass12345", "next": "https://evil.example/"}
    )

    # then the user lands at home, not on the foreign site
    assert response["Location"] == "/"


def test_login_page_is_russian(client):
    # when the sign-in page is opened
    html = client.get("/login/").content.decode()

    # then it is in Russian with Bootstrap
    assert "Вход в систему" in html
    assert "Имя пользователя" in html and "Пароль" in html
    assert "bootstrap.min.css" in html


@pytest.mark.parametrize(
    "url",
    ["/no-such-page/", "/people/abc/", "/organizations/-1/", "/people/1/delete/", "/organizations/1/edit/x/"],
)
def test_unknown_urls_give_the_russian_404(world, url):
    # given the signed-in operator
    client = Client()
    client.force_login(world.users["operator"])

    # when they open a URL that does not exist, then they get the Russian 404 page
    response = client.get(url)
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_pages_refuse_unexpected_methods(world):
    # given the signed-in operator
    client = Client()
    client.force_login(world.users["operator"])

    # when they send methods the pages do not handle, then 405, not 500
    assert client.post("/people/").status_code == 405
    assert client.delete(f"/people/{world.teacher_a.pk}/").status_code == 405
    assert client.delete(f"/organizations/{world.school_a.pk}/edit/").status_code == 405

    # and a PUT to a form is handled as an empty POST (Django's FormView): errors, nothing saved
    name = world.school_a.full_name
    response = client.put(f"/organizations/{world.school_a.pk}/edit/")
    assert response.status_code == 200
    assert response.context["form"].errors
    world.school_a.refresh_from_db()
    assert world.school_a.full_name == name
