"""Type-ahead choosers (``core.autocomplete``; issue 16): the scoped endpoint per role, its search,
pages and garbage; list pages whose HTML does not grow with the number of organizations; forms
that still refuse an id outside the scope."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from nastavnik.core.autocomplete import PAGE_SIZE, SMALL_SCOPE
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def _url(kind: str) -> str:
    return reverse("core:autocomplete", kwargs={"kind": kind})


def _get(client, kind: str, **params):
    response = client.get(_url(kind), params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def _texts(data) -> list[str]:
    return [row["text"] for row in data["results"]]


def _schools(parent, count: int, name: str = "Школа"):
    return [
        f.OrgUnitFactory(parent=parent, full_name=f"МБОУ «{name} № {n}»", short_name=f"{name} № {n}")
        for n in range(100, 100 + count)
    ]


# --- the endpoint ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "sees_a", "sees_b"),
    [
        ("operator", True, True),
        ("coordinator", True, False),
        ("curator_a", True, False),
        ("head_a", True, False),
        ("curator_b", False, True),
        ("mentee_a", True, False),  # their own school
    ],
)
def test_organizations_endpoint_returns_only_the_scope(client, world, persona, sees_a, sees_b):
    from nastavnik.organizations.models import OrgUnit

    client.force_login(world.users[persona])
    data = _get(client, "organizations")
    ids = {int(row["id"]) for row in data["results"]}
    assert (world.school_a.pk in ids) is sees_a
    assert (world.school_b.pk in ids) is sees_b
    expected = set(
        OrgUnit.objects.for_user(world.users[persona]).organizations().values_list("pk", flat=True)
    )
    assert ids == expected
    # Territories are not organizations.
    assert world.muni1.pk not in ids and world.region.pk not in ids


def test_organization_label_is_the_short_name_with_the_municipality(client, world):
    client.force_login(world.users["operator"])
    data = _get(client, "organizations", q="СОШ № 1")
    assert _texts(data) == ["СОШ № 1 (город Сургут)"]
    assert data["results"][0]["id"] == str(world.school_a.pk)


def test_organizations_searched_by_full_name_any_case_and_by_inn(client, world):
    world.school_b.inn = "8602000123"
    world.school_b.save(update_fields=["inn"])
    client.force_login(world.users["operator"])
    assert _texts(_get(client, "organizations", q="средняя общеобразовательная школа № 2")) == [
        "СОШ № 2 (город Нижневартовск)"
    ]
    assert _texts(_get(client, "organizations", q="86020")) == ["СОШ № 2 (город Нижневартовск)"]
    assert _texts(_get(client, "organizations", q="нет такой школы")) == []


def test_municipalities_endpoint(client, world):
    client.force_login(world.users["coordinator"])
    data = _get(client, "municipalities")
    assert [int(row["id"]) for row in data["results"]] == [world.muni1.pk]
    client.force_login(world.users["operator"])
    assert _texts(_get(client, "municipalities", q="сургут")) == ["город Сургут"]


def test_endpoint_pages_by_twenty(client, world):
    _schools(world.muni1, PAGE_SIZE + 5, name="Лицей")
    client.force_login(world.users["operator"])
    first = _get(client, "organizations", q="лицей")
    assert len(first["results"]) == PAGE_SIZE and first["pagination"]["more"] is True
    second = _get(client, "organizations", q="лицей", page=2)
    assert len(second["results"]) == 5 and second["pagination"]["more"] is False
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    # In alphabetical order.
    texts = _texts(first) + _texts(second)
    assert texts == sorted(texts)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"q": "СОШ\x00№"},
        {"q": "(" * 500},
        {"q": "[a-z]*"},
        {"q": "%_\\"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "0"},
        {"page": "²"},
        {"page": "99999999999999999999"},
        {"page": "500"},
        {"forward": "{not json"},
        {"forward": "[1, 2]"},
    ],
)
def test_endpoint_garbage_is_never_a_500(client, world, params):
    client.force_login(world.users["operator"])
    data = _get(client, "organizations", **params)
    assert isinstance(data["results"], list)


def test_endpoint_anonymous_goes_to_login_and_unknown_kind_is_404(client, world):
    response = client.get(_url("organizations"))
    assert response.status_code == 302 and "/login" in response["Location"]
    client.force_login(world.users["operator"])
    assert client.get(_url("no-such-kind")).status_code == 404
    assert client.post(_url("organizations"), {"text": "Новая школа"}).status_code == 405


def test_people_endpoint_scoped_and_labelled_with_the_workplace(client, world):
    client.force_login(world.users["curator_a"])
    data = _get(client, "people", q="Афанас")
    assert _texts(data) == [f"{world.teacher_a.full_name} — СОШ № 1"]
    # Борисова of school B is outside the scope of the curator of A.
    assert _get(client, "people", q="Борисова")["results"] == []
    client.force_login(world.users["operator"])
    assert _texts(_get(client, "people", q="Борисова")) == [f"{world.teacher_b.full_name} — СОШ № 2"]
    # Never a login.
    assert all("curator" not in text for text in _texts(_get(client, "people")))


def test_person_add_organizations_follow_the_add_grant(client, world):
    client.force_login(world.users["curator_a"])
    ids = {int(r["id"]) for r in _get(client, "person-add-organizations")["results"]}
    assert ids == {world.school_a.pk}
    client.force_login(world.users["mentor_a"])
    assert _get(client, "person-add-organizations")["results"] == []


# --- the pages ---------------------------------------------------------------------------------

#: The list pages whose filters choose an organization (or a municipality) in the user's scope.
LISTS = [
    "people:list",
    "organizations:list",
    "bank:mentor_list",
    "bank:mentee_list",
    "mentoring:program_list",
    "documents:list",
    "matching:marks",
]


def _options(html: str) -> int:
    return len(re.findall(r"<option\b", html))


@pytest.mark.parametrize("name", LISTS)
def test_list_html_does_not_grow_with_the_organizations(client, world, name):
    client.force_login(world.users["operator"])
    url = reverse(name)
    _schools(world.muni1, SMALL_SCOPE + 1, name="Лицей")  # past the small scope already
    before = client.get(url)
    assert before.status_code == 200
    _schools(world.muni2, 50, name="Гимназия")
    after = client.get(url)
    assert _options(after.content.decode()) == _options(before.content.decode())
    if name == "organizations:list":
        return  # its only chooser is of the two municipalities: a plain select
    html = after.content.decode()
    assert 'data-autocomplete-light-url="/autocomplete/organizations/"' in html
    # The scripts of the chooser come in order: jQuery, Select2, DAL, the Russian texts.
    positions = [
        html.index(s)
        for s in (
            "jquery/jquery",
            "select2/select2.full",
            "autocomplete_light/autocomplete_light",
            "i18n/ru.js",
        )
    ]
    assert positions == sorted(positions)


def test_people_list_filters_by_organization_id_and_names_it(client, world):
    _schools(world.muni1, SMALL_SCOPE + 1)
    client.force_login(world.users["operator"])
    response = client.get(reverse("people:list"), {"organization": world.school_b.pk})
    html = response.content.decode()
    assert world.teacher_b.last_name in html and world.teacher_a.last_name not in html
    # The chosen unit is the one option besides «Все», selected.
    select = re.search(r'<select name="organization".*?</select>', html, re.S).group(0)
    assert _options(select) == 2
    assert re.search(rf'<option value="{world.school_b.pk}" selected>СОШ № 2', select)


@pytest.mark.parametrize("raw", ["abc", "²", "-1", "99999999999999999999", "1e3"])
def test_garbage_organization_in_the_address_renders_no_options(client, world, raw):
    _schools(world.muni1, SMALL_SCOPE + 1)
    client.force_login(world.users["operator"])
    response = client.get(reverse("people:list"), {"organization": raw})
    assert response.status_code == 200
    select = re.search(r'<select name="organization".*?</select>', response.content.decode(), re.S).group(0)
    assert _options(select) <= 1


def test_small_scope_keeps_a_plain_select(client, world):
    client.force_login(world.users["curator_a"])
    html = client.get(reverse("people:list")).content.decode()
    select = re.search(r'<select name="organization".*?</select>', html, re.S).group(0)
    assert "data-autocomplete-light" not in select
    assert "СОШ № 1" in select
    assert "autocomplete_light" not in html  # no script for a plain select


def test_forged_id_outside_the_scope_is_refused(client, world):
    """A list ignores it (the filter is invalid: nothing of school B is shown); a form refuses it."""
    from nastavnik.people.forms import PersonCreateForm

    _schools(world.muni1, SMALL_SCOPE + 1)
    client.force_login(world.users["coordinator"])
    html = client.get(reverse("people:list"), {"organization": world.school_b.pk}).content.decode()
    assert world.teacher_b.last_name not in html
    form = PersonCreateForm(
        data={"last_name": "Новикова", "first_name": "Анна", "organization": world.school_b.pk},
        user=world.users["curator_a"],
    )
    assert not form.is_valid()
    assert "organization" in form.errors


# --- the forms ---------------------------------------------------------------------------------


def _many_schools(world):
    return _schools(world.muni1, SMALL_SCOPE + 1, name="Лицей")


@pytest.mark.parametrize(
    ("form_path", "field", "kind"),
    [
        ("nastavnik.people.forms.PersonCreateForm", "organization", "person-add-organizations"),
        ("nastavnik.people.employment_forms.EmploymentAddForm", "organization", "person-add-organizations"),
        ("nastavnik.bank.forms.MentorProfileCreateForm", "organization", "bank-mentor-organizations"),
        ("nastavnik.bank.forms.MenteeProfileCreateForm", "organization", "bank-mentee-organizations"),
        ("nastavnik.bank.importing.forms.ImportUploadForm", "organization", "person-add-organizations"),
        ("nastavnik.matching.forms.PoolUnitForm", "unit", "pool-units"),
        ("nastavnik.monitoring.forms_reports.ReportCreateForm", "unit", "report-units"),
        ("nastavnik.monitoring.forms_risks.RiskForm", "unit", "risk-units"),
    ],
)
def test_unit_forms_of_a_region_are_type_ahead_and_refuse_foreign_ids(world, form_path, field, kind):
    """The operator of the region (every school in scope) gets a type-ahead field that renders
    the selected school only; a unit outside the chooser's rows is a form error."""
    from django.contrib.auth import get_user_model
    from django.utils.module_loading import import_string

    from nastavnik.core.autocomplete import chooser

    _many_schools(world)
    superuser = get_user_model().objects.create_superuser("root_a", password="x")
    form_class = import_string(form_path)
    form = form_class(user=superuser)
    widget = form.fields[field].widget
    html = str(form[field])
    assert f'data-autocomplete-light-url="/autocomplete/{kind}/"' in html, html[:500]
    assert _options(html) <= 1
    assert chooser(kind) is not None
    # A unit outside the rows (a curator of A may not pick school B) is refused.
    curator = world.users["curator_a"]
    form = form_class(data={field: world.school_b.pk}, user=curator)
    form.is_valid()
    assert field in form.errors
    assert widget is not None


def test_program_create_chooses_mentors_of_the_users_banks_only(world):
    from nastavnik.matching.tests.bank import active_mentor
    from nastavnik.mentoring.forms.programs import ProgramCreateForm

    active_mentor(world.mentor_a, world.school_a)
    active_mentor(world.teacher_b, world.school_b)
    form = ProgramCreateForm(user=world.users["curator_a"])
    assert set(form.fields["mentor"].queryset.values_list("pk", flat=True)) == {world.mentor_a.pk}
    form = ProgramCreateForm(data={"mentor": world.teacher_b.pk}, user=world.users["curator_a"])
    form.is_valid()
    assert "mentor" in form.errors


def test_responsible_units_follow_the_forwarded_roadmap_and_the_right_on_it(client, world):
    from nastavnik.roadmaps.services import roadmap_create_from_blueprint

    roadmap = roadmap_create_from_blueprint(owner=world.region, code="regional_000", year=2026, by=None)
    client.force_login(world.users["operator"])

    def ask(forward) -> list[str]:
        return _texts(_get(client, "roadmap-responsible-units", forward=forward, q="СОШ"))

    assert ask(f'{{"roadmap": {roadmap.pk}}}') == ["СОШ № 1 (город Сургут)", "СОШ № 2 (город Нижневартовск)"]
    assert ask('{"roadmap": "abc"}') == []
    assert ask("{}") == []
    assert ask('{"roadmap": 99999999999999999999}') == []
    # The curator of school A may not change the region's roadmap: nothing below it.
    client.force_login(world.users["curator_a"])
    assert ask(f'{{"roadmap": {roadmap.pk}}}') == []


def test_questionnaire_results_filters_do_not_grow_with_the_organizations(client, world):
    """The results page of a questionnaire had a hand-written <select> of every organization whose
    answers the operator reads; it is a type-ahead chooser now, the chosen one shown selected."""
    from nastavnik.monitoring.builtin import builtin_questionnaire

    questionnaire = builtin_questionnaire("curator_periodic")
    url = reverse("monitoring:questionnaire_results", args=[questionnaire.pk])
    client.force_login(world.users["operator"])
    _many_schools(world)
    before = client.get(url, {"organization": world.school_b.pk}).content.decode()
    _schools(world.muni2, 50, name="Гимназия")
    after = client.get(url, {"organization": world.school_b.pk}).content.decode()
    assert _options(after) == _options(before)
    select = re.search(r'<select name="organization".*?</select>', after, re.S).group(0)
    assert (
        'id="f-organization"' in select
        and 'data-autocomplete-light-url="/autocomplete/answer-organizations/"' in select
    )
    assert re.search(rf'<option value="{world.school_b.pk}" selected>СОШ № 2', select)
    # The curator of school A reads one school: no organization filter at all.
    client.force_login(world.users["curator_a"])
    assert 'name="organization"' not in client.get(url).content.decode()


def test_journal_actors_are_typed_and_hidden_people_are_not_found(client, world):
    """The journal's «Пользователь»: the accounts that acted in the entries the user sees; the
    operator (not exempt from the consent rule) does not find a person without a consent by
    name (152-ФЗ art. 9) and sees them hidden, the head of the school finds them."""
    from auditlog.context import set_actor

    from nastavnik.people.consent import HIDDEN_PERSON
    from nastavnik.testing.personas import extend_world

    extend_world(world)
    hidden = f.UserFactory(username="hidden_actor")
    world.no_consent.user = hidden
    world.no_consent.save(update_fields=["user"])
    for actor, person in (
        (world.users["curator_a"], world.teacher_a),
        (hidden, world.teacher_a),
        (world.users["curator_b"], world.teacher_b),
    ):
        with set_actor(actor):
            person.phone = f"+7 900 000-00-{actor.pk:02d}"
            person.save()
    client.force_login(world.users["operator"])
    ids = {int(r["id"]) for r in _get(client, "journal-actors")["results"]}
    assert {world.users["curator_a"].pk, world.users["curator_b"].pk, hidden.pk} <= ids
    texts = _texts(_get(client, "journal-actors"))
    assert world.no_consent.last_name not in " ".join(texts)
    assert any(HIDDEN_PERSON.lower() in t.lower() for t in texts)
    assert _get(client, "journal-actors", q=world.no_consent.last_name)["results"] == []
    client.force_login(world.users["head_a"])
    found = _get(client, "journal-actors", q=world.no_consent.last_name)
    assert [int(r["id"]) for r in found["results"]] == [hidden.pk]
    assert world.users["curator_b"].pk not in {
        int(r["id"]) for r in _get(client, "journal-actors")["results"]
    }
