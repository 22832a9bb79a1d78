"""Every page × every persona: the status each persona gets, and what the pages show.

Style: NetBox ``ViewTestCases`` / Healthchecks — the persona world (``conftest.world``) is
run through each page; in scope → 200, out of scope → 404 (indistinguishable from a
missing object), no right to add anywhere → 403, anonymous → 302 to ``/login/``.
No persona may ever get a 500.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Person
from nastavnik.testing import factories as f
from nastavnik.testing.personas import PERSONAS

pytestmark = pytest.mark.django_db

#: page name → function of the world returning the URL.
PAGES = {
    "home": lambda w: "/",
    "organization_list": lambda w: "/organizations/",
    "school_a": lambda w: f"/organizations/{w.school_a.pk}/",
    "school_b": lambda w: f"/organizations/{w.school_b.pk}/",
    "muni1": lambda w: f"/organizations/{w.muni1.pk}/",
    "school_a_edit": lambda w: f"/organizations/{w.school_a.pk}/edit/",
    "organization_add": lambda w: "/organizations/add/",
    "people_list": lambda w: "/people/",
    "teacher_a": lambda w: f"/people/{w.teacher_a.pk}/",
    "mentee_a": lambda w: f"/people/{w.mentee_a.pk}/",
    "teacher_b": lambda w: f"/people/{w.teacher_b.pk}/",
    "teacher_a_edit": lambda w: f"/people/{w.teacher_a.pk}/edit/",
    "person_add": lambda w: "/people/add/",
    "bank_mentors": lambda w: "/bank/",
    "bank_mentees": lambda w: "/bank/mentees/",
    "mentor_card_a": lambda w: _mentor_card_a(w).get_absolute_url(),
    "mentor_card_a_edit": lambda w: f"{_mentor_card_a(w).get_absolute_url()}edit/",
    "mentor_add": lambda w: "/bank/mentors/add/",
    "mentee_add": lambda w: "/bank/mentees/add/",
    "consent_teacher_a": lambda w: f"/bank/people/{w.teacher_a.pk}/consent/",
    "open_bank": lambda w: "/bank/open/",
    "program_list": lambda w: "/programs/",
    "program_a": lambda w: _program_a(w).get_absolute_url(),
    "program_a_edit": lambda w: f"{_program_a(w).get_absolute_url()}edit/",
    "program_add": lambda w: "/programs/add/",
    "request_list": lambda w: "/programs/requests/",
    "mentoring_program_list": lambda w: "/programs/organization/",
    "mentoring_program_add": lambda w: "/programs/organization/add/",
    "matching_pool": lambda w: "/matching/pool/",
    "matching_marks": lambda w: "/matching/marks/",
    "candidates_mentee_a": lambda w: (
        f"/matching/mentees/{_program_a(w).pairs.get().mentee.mentee_profile.pk}/"
    ),
    "document_list": lambda w: "/documents/",
    "document_issue": lambda w: "/documents/new/order_pairs/",
    "document_package": lambda w: "/documents/package/",
    "document_a": lambda w: _document_a(w).get_absolute_url(),
    "document_a_docx": lambda w: f"{_document_a(w).get_absolute_url()}docx/",
    "roadmap_list": lambda w: "/roadmaps/",
    "roadmap_create": lambda w: "/roadmaps/new/",
    "roadmap_import": lambda w: "/roadmaps/import/",
    "roadmap_control": lambda w: "/roadmaps/control/",
    "roadmap_a": lambda w: _roadmap_a(w).get_absolute_url(),
    "roadmap_a_timeline": lambda w: f"{_roadmap_a(w).get_absolute_url()}timeline/",
    "roadmap_a_xlsx": lambda w: f"{_roadmap_a(w).get_absolute_url()}export.xlsx",
    "roadmap_a_docx": lambda w: f"{_roadmap_a(w).get_absolute_url()}export.docx",
    "roadmap_a_item_edit": lambda w: f"/roadmaps/items/{_roadmap_a(w).items.first().pk}/edit/",
    "roadmap_muni1": lambda w: _roadmap_muni1(w).get_absolute_url(),
    "audit": lambda w: "/audit/",
    "diagnosis_list": lambda w: "/development/diagnoses/",
    "diagnosis_create": lambda w: "/development/diagnoses/new/",
    "route_list": lambda w: "/development/routes/",
    "route_create": lambda w: "/development/routes/new/",
    "course_list": lambda w: "/development/courses/",
    "course_create": lambda w: "/development/courses/new/",
    "trained_list": lambda w: "/development/trained/",
    "tutor_list": lambda w: "/development/tutors/",
}


def _program_a(world):
    """The draft program of school A's mentor and mentee (created on first use)."""
    from nastavnik.mentoring.models import PersonalizedProgram
    from nastavnik.mentoring.tests.helpers import draft_program

    return PersonalizedProgram.objects.filter(pairs__mentee=world.mentee_a).first() or draft_program(world)


def _document_a(world):
    """A draft order of school A in the registry (created on first use)."""

    from django.core.files.base import ContentFile

    from nastavnik.documents.models import Document

    existing = Document.objects.filter(organization=world.school_a).first()
    if existing:
        return existing
    document = Document(
        organization=world.school_a, kind="order_pairs", title="Приказ", date=timezone.localdate()
    )
    document.file.save("prikaz.docx", ContentFile(b"PK"), save=True)
    return document


def _roadmap_a(world):
    """The draft roadmap of school A made from the organization template (created on first use)."""
    from nastavnik.roadmaps.models import Roadmap
    from nastavnik.roadmaps.services import roadmap_create_from_blueprint

    existing = Roadmap.objects.filter(owner=world.school_a).first()
    return existing or roadmap_create_from_blueprint(
        owner=world.school_a, code="organization_002", year=2026, by=world.users["curator_a"]
    )


def _roadmap_muni1(world):
    """The draft roadmap of municipality 1 made from the municipal template (created on first use)."""
    from nastavnik.roadmaps.models import Roadmap
    from nastavnik.roadmaps.services import roadmap_create_from_blueprint

    existing = Roadmap.objects.filter(owner=world.muni1).first()
    return existing or roadmap_create_from_blueprint(
        owner=world.muni1, code="municipal_003", year=2026, by=world.users["coordinator"]
    )


def _mentor_card_a(world):
    """The mentor card of school A's mentor, an active mentor (created on first use)."""
    from nastavnik.bank.models import MentorProfile
    from nastavnik.matching.tests.bank import active_mentor

    existing = MentorProfile.objects.filter(person=world.mentor_a).first()
    return existing or active_mentor(world.mentor_a, world.school_a, capacity=5)


# fmt: off
#: page → expected status per persona, in the order of ``PERSONAS``:
#:                       operator coord head_a cur_a mentor mentee cur_b anon
MATRIX = {
    "home":              (200,    200,  200,   200,  200,   200,   200,  302),
    "organization_list": (200,    200,  200,   200,  200,   200,   200,  302),
    "school_a":          (200,    200,  200,   200,  200,   200,   404,  302),
    "school_b":          (200,    404,  404,   404,  404,   404,   200,  302),
    "muni1":             (200,    200,  404,   404,  404,   404,   404,  302),
    # Units are changed by the operator, the coordinator and the head of the school.
    "school_a_edit":     (200,    200,  200,   404,  404,   404,   404,  302),
    # Units are added by the operator and the coordinator only.
    "organization_add":  (200,    200,  403,   403,  403,   403,   403,  302),
    "people_list":       (200,    200,  200,   200,  200,   200,   200,  302),
    # A mentor sees their own mentees, not every teacher of the school.
    "teacher_a":         (200,    200,  200,   200,  404,   404,   404,  302),
    "mentee_a":          (200,    200,  200,   200,  200,   200,   404,  302),
    "teacher_b":         (200,    404,  404,   404,  404,   404,   200,  302),
    # The bank of people is kept by the school's head and curator (seed 000 §4.1.2).
    "teacher_a_edit":    (404,    404,  200,   200,  404,   404,   404,  302),
    "person_add":        (403,    403,  200,   200,  403,   403,   200,  302),
    # The bank lists: everyone signed in; mentors and mentees find only their own cards there.
    "bank_mentors":      (200,    200,  200,   200,  200,   200,   200,  302),
    "bank_mentees":      (200,    200,  200,   200,  200,   200,   200,  302),
    "mentor_card_a":     (200,    200,  200,   200,  200,   404,   404,  302),
    "mentor_card_a_edit": (404,   404,  200,   200,  404,   404,   404,  302),
    "mentor_add":        (403,    403,  200,   200,  403,   403,   200,  302),
    "mentee_add":        (403,    403,  200,   200,  403,   403,   200,  302),
    # Consents are recorded by those who keep the bank (152-ФЗ art. 9; seed 000 §4.1.2).
    "consent_teacher_a": (404,    404,  200,   200,  404,   404,   404,  302),
    # The open bank of mentors is regional: every signed-in user (seed 001 §7.1.1).
    "open_bank":         (200,    200,  200,   200,  200,   200,   200,  302),
    # Programs: the curator and head run them; everyone above sees them; a mentor and a
    # mentee see their own (seed 004 §6.2.3, 000 §4.1.2).
    "program_list":      (200,    200,  200,   200,  200,   200,   200,  302),
    "program_a":         (200,    200,  200,   200,  200,   200,   404,  302),
    # Those who see the program but may not change it are refused (403); others never see it.
    "program_a_edit":    (403,    403,  200,   200,  403,   403,   404,  302),
    "program_add":       (403,    403,  200,   200,  403,   403,   200,  302),
    # Requests are addressed to the curator and the head (seed 000 §5.1.1, §5.2.1).
    "request_list":      (403,    403,  200,   200,  403,   403,   200,  302),
    "mentoring_program_list": (200, 200, 200,  200,  200,   200,   200,  302),
    "mentoring_program_add": (403, 403, 200,   200,  403,   403,   200,  302),
    "matching_pool":     (200,    200,  200,   200,  403,   403,   200,  302),
    # Marks: a mentor and a mentee get the page with no marks in it (none are in their scope).
    "matching_marks":    (200,    200,  200,   200,  200,   200,   200,  302),
    "candidates_mentee_a": (200,  200,  200,   200,  404,   404,   404,  302),
    # Documents are drawn up by the curator and the head (seed 002 §10); everyone above sees
    # them; a mentor and a mentee see only papers about themselves (none here).
    "document_list":     (200,    200,  200,   200,  200,   200,   200,  302),
    "document_issue":    (403,    403,  200,   200,  403,   403,   200,  302),
    "document_package":  (403,    403,  200,   200,  403,   403,   200,  302),
    "document_a":        (200,    200,  200,   200,  404,   404,   404,  302),
    "document_a_docx":   (200,    200,  200,   200,  404,   404,   404,  302),
    # Roadmaps (seed 000 App. 2, 003, 002 §6 and §10): every role of a unit sees those of its
    # subtree and the ones above it; mentors and mentees none. They are kept by the curator and the
    # head of an organization, the municipal coordinator and the regional operator.
    "roadmap_list":      (200,    200,  200,   200,  200,   200,   200,  302),
    "roadmap_create":    (200,    200,  200,   200,  403,   403,   200,  302),
    "roadmap_import":    (200,    200,  200,   200,  403,   403,   200,  302),
    "roadmap_control":   (200,    200,  200,   200,  403,   403,   200,  302),
    "roadmap_a":         (200,    200,  200,   200,  404,   404,   404,  302),
    "roadmap_a_timeline": (200,   200,  200,   200,  404,   404,   404,  302),
    "roadmap_a_xlsx":    (200,    200,  200,   200,  404,   404,   404,  302),
    "roadmap_a_docx":    (200,    200,  200,   200,  404,   404,   404,  302),
    # The plan is changed by its keepers only: those above who see it are refused (403).
    "roadmap_a_item_edit": (403,  403,  200,   200,  404,   404,   404,  302),
    # A school sees the roadmap of its municipality, which it answers to (000 App. 2 п. 1.4).
    "roadmap_muni1":     (200,    200,  200,   200,  404,   404,   404,  302),
    # The audit trail: the head reads the organization's journal, the coordinator the
    # municipality's, the operator the region's; nobody else (issue 13).
    "audit":             (200,    200,  200,   403,  403,   403,   403,  302),
    # Professional development (issue 18; PERMISSIONS «diagnosis», «individualroute», «course»,
    # «trainedbase», «tutorload»). Diagnoses are read by every role over a teacher and by the
    # teachers, made by the school's keepers and the teachers (no tutor in this world).
    "diagnosis_list":    (200,    200,  200,   200,  200,   200,   200,  302),
    "diagnosis_create":  (403,    403,  200,   200,  200,   200,   200,  302),
    # Routes: a list for everyone (their scope); drawn up by the teacher or the school's keepers.
    "route_list":        (200,    200,  200,   200,  200,   200,   200,  302),
    "route_create":      (403,    403,  200,   200,  200,   200,   200,  302),
    # The region's catalogue of courses: read by all, kept by the ЦНППМ and the regional operator.
    "course_list":       (200,    200,  200,   200,  200,   200,   200,  302),
    "course_create":     (200,    403,  403,   403,  403,   403,   403,  302),
    # The base of trained mentors and curators: every keeper of a bank, not the teachers.
    "trained_list":      (200,    200,  200,   200,  403,   403,   200,  302),
    # The tutors' load: the ЦНППМ's coordinator and the regional operator.
    "tutor_list":        (200,    403,  403,   403,  403,   403,   403,  302),
}
# fmt: on

CASES = [
    pytest.param(page, persona, status, id=f"{page}-{persona}-{status}")
    for page, statuses in MATRIX.items()
    for persona, status in zip(PERSONAS, statuses, strict=True)
]


def client_for(world, persona: str) -> Client:
    client = Client()
    user = world.users[persona]
    if user.is_authenticated:
        client.force_login(user)
    return client


def linked_ids(html: str, prefix: str) -> set[int]:
    """Ids of the detail pages a list links to (``href="/people/12/"``)."""
    return {int(pk) for pk in re.findall(rf'href="{prefix}(\d+)/"', html)}


def tiles(html: str) -> dict[str, int]:
    """The home page tiles as ``{label: value}``."""
    pattern = r'data-testid="tile-value">(\d+)</div>\s*<div class="text-muted">(?:<a href="[^"]*">)?([^<]+)<'
    return {label: int(value) for value, label in re.findall(pattern, html)}


def test_matrix_covers_every_persona_and_page():
    assert set(MATRIX) == set(PAGES)
    assert all(len(row) == len(PERSONAS) for row in MATRIX.values())


@pytest.mark.parametrize(("page", "persona", "expected"), CASES)
def test_page_status_for_persona(world, page, persona, expected):
    # given a persona of the world
    client = client_for(world, persona)
    url = PAGES[page](world)

    # when they open the page
    response = client.get(url)

    # then they get exactly the expected status, with the Russian page that goes with it
    assert response.status_code == expected, f"{persona} → {url}"
    if expected == 302:
        assert response["Location"] == f"/login/?next={url}"
    elif expected == 404:
        assert "Страница не найдена" in response.content.decode()
    elif expected == 403:
        assert "Доступ запрещён" in response.content.decode()
    elif response.streaming:  # a file download
        assert response["Content-Disposition"].startswith("attachment")
    else:
        assert '<html lang="ru">' in response.content.decode()


@pytest.mark.parametrize(
    ("page", "persona", "expected"),
    [
        case
        for case in CASES
        if case.values[0] in {"school_a_edit", "teacher_a_edit", "person_add", "organization_add"}
    ],
)
def test_post_to_a_form_is_refused_exactly_like_get(world, page, persona, expected):
    # given a persona and a form page, and a snapshot of the data
    client = client_for(world, persona)
    before = (list(OrgUnit.objects.values()), list(Person.objects.values()))

    # when they post an empty form to it
    response = client.post(PAGES[page](world), {})

    # then a refused persona is refused the same way, and nothing is written by anyone
    if expected == 200:
        assert response.status_code == 200  # the form comes back with its errors
        assert response.context["form"].errors
    else:
        assert response.status_code == expected
    assert (list(OrgUnit.objects.values()), list(Person.objects.values())) == before


# --- what the lists show ----------------------------------------------------------------

#: persona → surnames on their /people/ list.
PEOPLE_IN_SCOPE = {
    "operator": {"Афанасьева", "Наставникова", "Молодцова", "Борисова"},
    "coordinator": {"Афанасьева", "Наставникова", "Молодцова"},
    "head_a": {"Афанасьева", "Наставникова", "Молодцова"},
    "curator_a": {"Афанасьева", "Наставникова", "Молодцова"},
    "mentor_a": {"Наставникова", "Молодцова"},
    "mentee_a": {"Наставникова", "Молодцова"},
    "curator_b": {"Борисова"},
}
ALL_SURNAMES = {"Афанасьева", "Наставникова", "Молодцова", "Борисова"}


@pytest.mark.parametrize(("persona", "surnames"), PEOPLE_IN_SCOPE.items())
def test_people_list_shows_exactly_the_people_in_scope(world, persona, surnames):
    # given a signed-in persona
    client = client_for(world, persona)

    # when they open the list of pedagogical workers
    response = client.get("/people/")

    # then the rows are exactly the people in their scope, and nobody else is mentioned
    html = response.content.decode()
    expected_ids = set(Person.objects.filter(last_name__in=surnames).values_list("pk", flat=True))
    assert linked_ids(html, "/people/") == expected_ids
    for surname in surnames:
        assert surname in html
    for surname in ALL_SURNAMES - surnames:
        assert surname not in html
    assert f"Найдено: {len(surnames)}" in html


def test_curator_b_sees_borisova_and_not_afanasyeva(world):
    # given the curator of school B
    client = client_for(world, "curator_b")

    # when they open «Педагоги»
    html = client.get("/people/").content.decode()

    # then only the teacher of B is there
    assert "Борисова" in html
    assert "Афанасьева" not in html


#: persona → attribute names of the world's units on their /organizations/ list.
UNITS_IN_SCOPE = {
    "operator": {"region", "muni1", "muni2", "school_a", "school_b"},
    "coordinator": {"muni1", "school_a"},
    "head_a": {"school_a"},
    "curator_a": {"school_a"},
    "mentor_a": {"school_a"},
    "mentee_a": {"school_a"},
    "curator_b": {"school_b"},
}


@pytest.mark.parametrize(("persona", "unit_names"), UNITS_IN_SCOPE.items())
def test_organization_list_shows_exactly_the_units_in_scope(world, persona, unit_names):
    # given a signed-in persona
    client = client_for(world, persona)

    # when they open the list of organizations
    html = client.get("/organizations/").content.decode()

    # then the rows are exactly the units of their scope
    assert linked_ids(html, "/organizations/") == {getattr(world, name).pk for name in unit_names}
    assert f"Найдено: {len(unit_names)}" in html


def test_people_search_by_surname_stays_within_scope(world):
    # given the curator of A and a namesake of their teacher in school B
    f.staff_member(world.school_b, last_name="Афанасьева", first_name="Ольга")
    client = client_for(world, "curator_a")

    # when they search for the surname
    html = client.get("/people/", {"q": "Афанас"}).content.decode()

    # then only their own Афанасьева is found
    assert linked_ids(html, "/people/") == {world.teacher_a.pk}
    assert "Найдено: 1" in html


def test_an_out_of_scope_filter_value_does_not_widen_the_list(world):
    # given the coordinator of municipality 1
    client = client_for(world, "coordinator")

    # when they filter people and organizations by the *other* municipality
    people = client.get("/people/", {"municipality": world.muni2.pk})
    units = client.get("/organizations/", {"municipality": world.muni2.pk})

    # then the value is not accepted and nothing of municipality 2 appears
    assert people.status_code == units.status_code == 200
    assert "Борисова" not in people.content.decode()
    assert world.school_b.pk not in linked_ids(units.content.decode(), "/organizations/")


# --- the home page ----------------------------------------------------------------------

#: persona → tiles of the home page (a zero municipality tile is not shown).
HOME_TILES = {
    # (the tutors of the region and their load: the operator oversees them, issue 18)
    "operator": {
        "Муниципальные образования": 2,
        "Организации": 2,
        "Педагогические работники": 4,
        "Действующие наставнические пары": 1,
        "Тьюторы ЦНППМ": 0,
    },
    "coordinator": {
        "Муниципальные образования": 1,
        "Организации": 1,
        "Педагогические работники": 3,
        "Действующие наставнические пары": 1,
    },
    "head_a": {"Организации": 1, "Педагогические работники": 3, "Действующие наставнические пары": 1},
    "curator_a": {"Организации": 1, "Педагогические работники": 3, "Действующие наставнические пары": 1},
    "mentor_a": {"Организации": 1, "Педагогические работники": 2, "Действующие наставнические пары": 1},
    "mentee_a": {"Организации": 1, "Педагогические работники": 2, "Действующие наставнические пары": 1},
    "curator_b": {"Организации": 1, "Педагогические работники": 1, "Действующие наставнические пары": 0},
}


@pytest.mark.parametrize(("persona", "expected"), HOME_TILES.items())
def test_home_tiles_show_the_real_counts_of_the_scope(world, persona, expected):
    # given a signed-in persona
    client = client_for(world, persona)

    # when they open the home page
    home = client.get("/").content.decode()

    # then the tiles carry the counts of their scope, the same the lists find
    assert tiles(home) == expected
    people_total = re.search(r"Найдено: (\d+)", client.get("/people/").content.decode()).group(1)
    assert int(people_total) == expected["Педагогические работники"]


def test_home_names_the_role_and_its_unit(world):
    # given the curator of school A
    client = client_for(world, "curator_a")

    # when they open the home page
    html = client.get("/").content.decode()

    # then their role and school are named
    assert "Куратор — МБОУ «Средняя общеобразовательная школа № 1»" in html


def test_mentor_home_lists_their_pair(world):
    # given the mentor of school A with one mentee
    client = client_for(world, "mentor_a")

    # when they open the home page
    html = client.get("/").content.decode()

    # then their pair is listed with both people linked
    assert "Мои наставнические пары" in html
    assert f'href="/people/{world.mentee_a.pk}/"' in html
    assert f'href="/people/{world.mentor_a.pk}/"' in html


def test_user_without_any_role_gets_a_hint_and_empty_lists(world):
    # given a signed-in user with no role at all
    client = Client()
    client.force_login(f.UserFactory(username="nobody"))

    # when they open the pages
    home = client.get("/")
    people = client.get("/people/")
    units = client.get("/organizations/")

    # then nothing breaks and nothing is shown
    assert "Вам пока не назначена ни одна роль" in home.content.decode()
    assert people.status_code == units.status_code == 200
    assert not linked_ids(people.content.decode(), "/people/")
    assert not linked_ids(units.content.decode(), "/organizations/")
    assert client.get("/people/add/").status_code == 403
    assert client.get("/organizations/add/").status_code == 403


def test_superuser_opens_every_page(world):
    # given a superuser with no role rows
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pass12345")
    client = Client()
    client.force_login(admin)

    # when they open every page, then every page answers 200
    for page, url_of in PAGES.items():
        assert client.get(url_of(world)).status_code == 200, page


# --- navigation -------------------------------------------------------------------------


def test_navigation_offers_only_what_the_role_can_open(world):
    # given the operator and the mentor
    operator = client_for(world, "operator").get("/").content.decode()
    mentor = client_for(world, "mentor_a").get("/").content.decode()

    # then the operator is offered «Организации», the mentor only «Педагоги»
    assert 'href="/organizations/"' in operator
    assert 'href="/organizations/"' not in mentor
    assert 'href="/people/"' in mentor


def test_monitoring_is_one_menu_item_with_its_parts_as_tabs(world):
    # given the operator on the register of risks, and a mentor
    operator = client_for(world, "operator").get("/monitoring/risks/").content.decode()
    mentor = client_for(world, "mentor_a").get("/").content.decode()

    # then the menu has one «Мониторинг» item, active, and the parts are tabs with «Риски» current
    assert operator.count(">Мониторинг</a>") == 1
    assert 'aria-label="Разделы мониторинга"' in operator
    assert 'href="/monitoring/risks/" aria-current="page">Риски</a>' in operator
    for part in (
        "Сводка",
        "Показатели",
        "Мониторинги",
        "Анкеты",
        "Федеральная статистика",
        "Аналитические справки",
    ):
        assert f">{part}</a>" in operator
    # and the mentor, who monitors nothing, has no such item nor tabs, only their questionnaires
    assert ">Мониторинг</a>" not in mentor
    assert "Разделы мониторинга" not in mentor
    assert 'href="/monitoring/my/"' in mentor


@pytest.mark.parametrize("persona", ["operator", "coordinator", "head_a", "curator_a", "curator_b"])
def test_add_buttons_appear_only_with_the_right_to_add(world, persona):
    # given a persona
    client = client_for(world, persona)

    # when they open the lists
    people = client.get("/people/").content.decode()
    units = client.get("/organizations/").content.decode()

    # then an «add» button is offered exactly where the add page answers 200
    assert ('href="/people/add/"' in people) == (client.get("/people/add/").status_code == 200)
    assert ('href="/organizations/add/"' in units) == (client.get("/organizations/add/").status_code == 200)


# --- no N+1 -----------------------------------------------------------------------------

#: Queries of a list page for the operator, pinned so that an N+1 cannot creep in.
#: People: session, user, scope (roles, own person), «any municipality?», the choices of
#: municipality / organization / position / subject, count, page, current jobs prefetch.
PEOPLE_LIST_QUERIES = 12
#: Organizations: session, user, scope (2), municipality choices, count, page.
ORGANIZATION_LIST_QUERIES = 7


def _grow_world(world, n: int = 30) -> None:
    for i in range(n):
        f.staff_member(world.school_a if i % 2 else world.school_b, last_name=f"Добавленная{i:02d}")
        f.OrgUnitFactory(parent=world.muni1 if i % 2 else world.muni2, full_name=f"Детский сад № {i}")


@pytest.mark.parametrize("grow", [False, True], ids=["small", "grown"])
def test_people_list_query_count_is_pinned(world, django_assert_max_num_queries, grow):
    # given the operator, with a small world or one grown past a page
    if grow:
        _grow_world(world)
    client = client_for(world, "operator")

    # when they open the people list, then the number of queries does not depend on the rows
    with django_assert_max_num_queries(PEOPLE_LIST_QUERIES):
        response = client.get("/people/")
    assert response.status_code == 200


@pytest.mark.parametrize("grow", [False, True], ids=["small", "grown"])
def test_organization_list_query_count_is_pinned(world, django_assert_max_num_queries, grow):
    # given the operator, with a small world or one grown past a page
    if grow:
        _grow_world(world)
    client = client_for(world, "operator")

    # when they open the organization list, then the number of queries does not depend on the rows
    with django_assert_max_num_queries(ORGANIZATION_LIST_QUERIES):
        response = client.get("/organizations/")
    assert response.status_code == 200


def test_list_queries_do_not_grow_with_rows(world):
    # given the operator's query counts on the small world
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world, "operator")

    def count(url: str) -> int:
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    small = (count("/people/"), count("/organizations/"))

    # when the world grows past a page of rows
    _grow_world(world)

    # then the lists make exactly as many queries as before
    assert (count("/people/"), count("/organizations/")) == small
