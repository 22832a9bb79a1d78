"""The pages that form pairs from suggestions (issue 4, item 3): the candidates of a mentee, the
pool assignment with the curator's confirmation, the compatibility marks — run through the
personas (``conftest.world``)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.bank.models import MenteeProfile, PersonalDataConsent
from nastavnik.jobs.models import Job
from nastavnik.matching.models import CompatibilityMark
from nastavnik.matching.tests.bank import active_mentor, mentee, published, signed_on
from nastavnik.mentoring.choices import EventKind, ProgramStatus
from nastavnik.mentoring.models import Pair, PersonalizedProgram, ProgramEvent
from nastavnik.testing import factories as f
from nastavnik.testing.personas import PERSONAS

pytestmark = pytest.mark.django_db


def client_for(world, persona: str) -> Client:
    client = Client()
    user = world.users[persona]
    if user.is_authenticated:
        client.force_login(user)
    return client


def psychologist_of_a(world):
    user = f.UserFactory(username="psychologist_a")
    f.RoleAssignmentFactory(user=user, org_unit=world.school_a, role=Role.PSYCHOLOGIST)
    return user


def nothing_written(before: tuple[int, int, int]) -> bool:
    return (Pair.objects.count(), PersonalizedProgram.objects.count(), ProgramEvent.objects.count()) == before


def counts() -> tuple[int, int, int]:
    return Pair.objects.count(), PersonalizedProgram.objects.count(), ProgramEvent.objects.count()


@pytest.fixture
def school(world):
    """School A's bank: mentees Афанасьева (methodical difficulty) and Юнова (ICT), mentors
    Наставникова (methodical 4, one place left: she mentors mentee_a) and Опытнова (ICT 5,
    two places)."""
    young = f.staff_member(world.school_a, last_name="Юнова")
    experienced = f.staff_member(world.school_a, last_name="Опытнова")
    return {
        "teacher": mentee(world.teacher_a, world.school_a),
        "young": mentee(young, world.school_a, difficulties=("ict_digital",)),
        "mentor": active_mentor(world.mentor_a, world.school_a),
        "experienced": active_mentor(experienced, world.school_a, levels={"ict_digital": 5}),
    }


# --- «Подбор наставника» ---------------------------------------------------------------------

#: persona → status of the candidates page of a mentee of school A.
CANDIDATES_STATUS = {
    "operator": 200,
    "coordinator": 200,
    "head_a": 200,
    "curator_a": 200,
    "mentor_a": 404,
    "mentee_a": 404,
    "curator_b": 404,
    "anonymous": 302,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_candidates_page_per_persona(world, school, persona):
    response = client_for(world, persona).get(f"/matching/mentees/{school['teacher'].pk}/")
    assert response.status_code == CANDIDATES_STATUS[persona]
    if persona == "anonymous":
        assert response["Location"].startswith("/login/")
    if response.status_code == 200:
        html = response.content.decode()
        assert "Подбор наставника" in html and "Афанасьева" in html
        # only the curator of the mentee's organization may form a pair
        assert ("Сформировать пару" in html) == (persona == "curator_a")


def test_candidates_are_ranked_with_the_explanation(world, school):
    html = client_for(world, "curator_a").get(f"/matching/mentees/{school['teacher'].pk}/").content.decode()
    # the candidate, her score and every line of its explanation: criterion, points, text
    assert "Наставникова Мария Петровна" in html
    # the mentee's current deficits with their level, source and date
    signed = signed_on().strftime("%d.%m.%Y")
    assert f'data-testid="deficits">Методические — выраженный (самодиагностика, {signed})</dd>' in html
    assert "Закрывает затруднения: методические (выраженный дефицит, уровень наставника 4)" in html
    assert '<td class="small">Затруднения</td>' in html
    assert ">+12<" in html  # 3 points × level 4
    assert "Та же организация" in html and "Место работы" in html
    assert "Загрузка 1 из 2" in html
    assert 'data-testid="load">1/2<' in html
    assert "Совместимость психологом не оценивалась" in html
    # the own organization's mentor links to her bank card
    assert f'href="/bank/mentors/{school["mentor"].pk}/"' in html


def test_the_psychologists_mark_is_shown_with_the_candidate(world, school):
    psychologist = psychologist_of_a(world)
    CompatibilityMark.objects.create(
        mentor=world.mentor_a,
        mentee=world.teacher_a,
        organization=world.school_a,
        mark=2,
        marked_on=timezone.localdate(),
        author=psychologist,
    )
    html = client_for(world, "curator_a").get(f"/matching/mentees/{school['teacher'].pk}/").content.decode()
    assert 'data-testid="mark">совместимы<' in html
    assert "Психолог: совместимы" in html


def test_a_mentor_of_another_school_appears_only_when_published_in_the_open_bank(world, school):
    # given a strong mentor of school C (same municipality), not published
    school_c = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия № 3»")
    neighbour = active_mentor(
        f.staff_member(school_c, last_name="Соседова"), school_c, levels={"methodical": 5}, capacity=3
    )
    url = f"/matching/mentees/{school['teacher'].pk}/"
    client = client_for(world, "curator_a")
    assert "Соседова" not in client.get(url).content.decode()
    # when she is published in the open bank (with her competences, not her subjects)
    published(neighbour)
    html = client.get(url).content.decode()
    # then she is a candidate, linked to her open-bank card, not to her bank card
    assert "Соседова Мария Петровна" in html
    assert f'href="/bank/open/{neighbour.pk}/"' in html
    assert f'href="/bank/mentors/{neighbour.pk}/"' not in html
    assert "открытый банк наставников</span>" in html
    assert (
        "Закрывает затруднения: методические (выраженный дефицит, уровень наставника 5)" in html
    )  # competences are published
    # and what she did not publish is not told: the experience gap
    assert "Сведения не опубликованы наставником в открытом банке" in html


def test_the_curator_forms_a_pair_with_a_draft_program(world, school):
    client = client_for(world, "curator_a")
    response = client.post(f"/matching/mentees/{school['teacher'].pk}/", {"mentor": world.mentor_a.pk})
    program = PersonalizedProgram.objects.get()
    assert response.status_code == 302
    assert response["Location"] == program.get_absolute_url()
    pair = program.pairs.get()
    assert (pair.mentor, pair.mentee, pair.organization) == (world.mentor_a, world.teacher_a, world.school_a)
    assert program.status == ProgramStatus.DRAFT
    assert program.events.get().kind == EventKind.CREATED


@pytest.mark.parametrize(("persona", "status"), [("head_a", 403), ("coordinator", 403), ("curator_b", 404)])
def test_only_the_curator_of_the_mentees_organization_forms_a_pair(world, school, persona, status):
    before = counts()
    response = client_for(world, persona).post(
        f"/matching/mentees/{school['teacher'].pk}/", {"mentor": world.mentor_a.pk}
    )
    assert response.status_code == status
    assert nothing_written(before)


def test_a_refused_pair_shows_the_reasons_in_russian_and_writes_nothing(world, school):
    MenteeProfile.objects.filter(pk=school["teacher"].pk).update(consent_given_on=None)
    before = counts()
    response = client_for(world, "curator_a").post(
        f"/matching/mentees/{school['teacher'].pk}/", {"mentor": world.mentor_a.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Пара не сформирована" in html
    assert "Нет письменного согласия наставляемого Афанасьева Мария Петровна" in html
    assert nothing_written(before)


def test_an_unpublished_mentor_of_another_school_cannot_be_posted(world, school):
    school_c = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия № 3»")
    neighbour = f.staff_member(school_c, last_name="Соседова")
    active_mentor(neighbour, school_c)
    before = counts()
    response = client_for(world, "curator_a").post(
        f"/matching/mentees/{school['teacher'].pk}/", {"mentor": neighbour.pk}
    )
    assert response.status_code == 200
    assert "только через открытый банк наставников" in response.content.decode()
    assert nothing_written(before)


@pytest.mark.parametrize(
    "mentor", ["", "abc", "-1", "0", "1.5", "99999999999999999999", "٩٩٩٩٩٩٩", "9999999"], ids=repr
)
def test_garbage_candidate_ids_give_no_500(world, school, mentor):
    before = counts()
    response = client_for(world, "curator_a").post(
        f"/matching/mentees/{school['teacher'].pk}/", {"mentor": mentor}
    )
    assert response.status_code == 200
    assert "Пара не сформирована" in response.content.decode()
    assert nothing_written(before)


def test_a_missing_or_garbage_mentee_is_a_404(world, school):
    client = client_for(world, "curator_a")
    assert client.get("/matching/mentees/999999/").status_code == 404
    assert client.get("/matching/mentees/abc/").status_code == 404


def test_the_mentee_card_links_to_the_candidates_for_the_curator_only(world, school):
    url = school["teacher"].get_absolute_url()
    link = f'href="/matching/mentees/{school["teacher"].pk}/"'
    assert link in client_for(world, "curator_a").get(url).content.decode()
    for persona in ("head_a", "coordinator", "operator"):
        response = client_for(world, persona).get(url)
        assert response.status_code == 200 and link not in response.content.decode(), persona


# --- «Распределение наставников» -------------------------------------------------------------


def run_pool(client, unit, *, coverage_first: bool = False) -> str:
    """Start the assignment job of ``unit``'s pool as the page does (the sync backend runs it at
    once) and return the HTML of the job's page: the proposal."""
    data = {"unit": unit.pk, "start": "1"}
    if coverage_first:
        data["coverage_first"] = "on"
    response = client.post("/matching/pool/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    assert response["Location"] == job.get_absolute_url()
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


def test_the_curator_sees_the_optimal_assignment_of_her_school(world, school):
    # given a third mentee, without a consent to personal-data processing
    withdrawn = f.staff_member(world.school_a, last_name="Отозвавшая")
    mentee(withdrawn, world.school_a)
    PersonalDataConsent.objects.filter(person=withdrawn).update(withdrawn_on=timezone.localdate())
    # when the curator opens the page (her school is chosen for her), nothing is solved yet
    client = client_for(world, "curator_a")
    response = client.get("/matching/pool/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Распределение наставников" in html and "Пул «СОШ № 1»" in html
    assert 'name="start"' in html and 'data-testid="pair"' not in html and not Job.objects.exists()
    # and she starts the assignment: the job's page shows the proposal
    html = run_pool(client, world.school_a)
    assert "Распределение наставников: СОШ № 1" in html and "Пул «СОШ № 1»" in html
    assert 'data-testid="optimal">Оптимум доказан<' in html
    # then the two pairs are suggested, checked, with explanations, and may be confirmed
    assert html.count('data-testid="pair"') == 2
    assert f'value="{world.mentor_a.pk}:{world.teacher_a.pk}" id="pair-' in html
    assert html.count(" checked ") + html.count(" checked>") == 2
    assert (
        "<details>" in html
        and "Закрывает затруднения: методические (выраженный дефицит, уровень наставника 4)" in html
    )
    assert "Утвердить выбранные пары" in html
    # and the mentee without a consent stays without a mentor, with the reason
    assert "Отозвавшая Мария Петровна" in html
    assert "нет действующего согласия на обработку персональных данных" in html


def test_a_mentee_whose_mentors_are_taken_is_left_with_the_reason(world, school):
    # given a third mentee of the same difficulty as Афанасьева, for Наставникова's one place
    other = f.staff_member(world.school_a, last_name="Третьякова")
    mentee(other, world.school_a, difficulties=("methodical",))
    from nastavnik.bank.models import MentorProfile

    MentorProfile.objects.filter(pk=school["experienced"].pk).update(capacity=1)
    html = run_pool(client_for(world, "curator_a"), world.school_a)
    assert html.count('data-testid="pair"') == 2
    assert html.count('data-testid="unassigned"') == 1
    assert "отданы другим наставляемым: так общая оценка больше" in html


def test_the_coordinator_chooses_a_municipality_and_cannot_confirm(world, school):
    client = client_for(world, "coordinator")
    # the coordinator's own unit is chosen for her: the municipality
    html = client.get("/matching/pool/").content.decode()
    assert "Пул «город Сургут» — все организации муниципального образования" in html
    html = run_pool(client, world.muni1)
    assert "Пул «город Сургут» (все организации муниципального образования)" in html
    assert 'data-testid="optimal"' in html
    assert html.count('data-testid="pair"') == 2
    assert "Утвердить выбранные пары" not in html and 'name="pair"' not in html
    # and a school of another municipality is not among her choices
    html = client.get(f"/matching/pool/?unit={world.school_b.pk}").content.decode()
    assert "Выберите организацию или муниципальное образование из списка." in html
    assert 'data-testid="optimal"' not in html


def test_the_operator_chooses_a_unit(world, school):
    client = client_for(world, "operator")
    html = client.get("/matching/pool/").content.decode()
    assert "Выберите организацию или муниципальное образование." in html
    assert 'data-testid="optimal"' not in html
    html = run_pool(client, world.school_a, coverage_first=True)
    assert 'data-testid="optimal"' in html and "Утвердить выбранные пары" not in html
    assert "Сначала наставник дан как можно большему числу наставляемых" in html


def test_people_without_a_consent_are_hidden_from_consent_bound_roles(world, school):
    withdrawn = f.staff_member(world.school_a, last_name="Отозвавшая")
    mentee(withdrawn, world.school_a)
    PersonalDataConsent.objects.filter(person=withdrawn).update(withdrawn_on=timezone.localdate())
    psychologist_of_a(world)
    client = Client()
    client.force_login(f.UserFactory._meta.model.objects.get(username="psychologist_a"))
    html = run_pool(client, world.school_a)
    assert "Отозвавшая" not in html
    assert 'data-testid="hidden"' in html and "наставляемые: 1" in html


@pytest.mark.parametrize(("persona", "status"), [("mentor_a", 403), ("mentee_a", 403), ("anonymous", 302)])
def test_mentors_mentees_and_visitors_have_no_pool_page(world, school, persona, status):
    client = client_for(world, persona)
    assert client.get("/matching/pool/").status_code == status
    before = counts()
    response = client.post(
        "/matching/pool/", {"unit": world.school_a.pk, "pair": f"{world.mentor_a.pk}:{world.teacher_a.pk}"}
    )
    assert response.status_code == status  # mentor_a cannot confirm
    assert nothing_written(before)


def _all_pairs(world, client) -> list[str]:
    import re

    html = run_pool(client, world.school_a)
    return re.findall(r'name="pair" value="(\d+:\d+)"', html)


def test_confirmation_creates_pairs_and_draft_programs_with_events(world, school):
    client = client_for(world, "curator_a")
    chosen = _all_pairs(world, client)
    assert len(chosen) == 2
    response = client.post("/matching/pool/", {"unit": world.school_a.pk, "pair": chosen})
    assert response.status_code == 302
    programs = list(PersonalizedProgram.objects.order_by("pk"))
    assert len(programs) == 2
    assert response["Location"] == (
        f"/matching/pool/?unit={world.school_a.pk}&programs={programs[0].pk},{programs[1].pk}"
    )
    couples = {f"{p.pairs.get().mentor_id}:{p.pairs.get().mentee_id}" for p in programs}
    assert couples == set(chosen)
    for program in programs:
        assert program.status == ProgramStatus.DRAFT and program.organization == world.school_a
        assert program.events.get().kind == EventKind.CREATED
    # the page after the confirmation: the message and the links to the new programs
    html = client.get(response["Location"]).content.decode()
    assert "Утверждено пар: 2." in html
    for program in programs:
        assert f'href="{program.get_absolute_url()}"' in html
    # the mentees have their mentors now: nothing left to suggest
    assert 'data-testid="pair"' not in run_pool(client, world.school_a)


def test_only_the_checked_pairs_are_confirmed(world, school):
    client = client_for(world, "curator_a")
    first, _second = _all_pairs(world, client)
    client.post("/matching/pool/", {"unit": world.school_a.pk, "pair": [first]})
    pair = Pair.objects.get(program__isnull=False)
    assert f"{pair.mentor_id}:{pair.mentee_id}" == first


def test_a_batch_with_a_missing_written_consent_writes_nothing_and_names_the_person(world, school):
    client = client_for(world, "curator_a")
    chosen = _all_pairs(world, client)
    MenteeProfile.objects.filter(pk=school["young"].pk).update(consent_given_on=None)
    before = counts()
    job = Job.objects.get()
    response = client.post("/matching/pool/", {"unit": world.school_a.pk, "pair": chosen, "job": job.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Пары не утверждены" in html
    assert "Нет письменного согласия наставляемого Юнова Мария Петровна." in html
    assert nothing_written(before)
    # the choice is shown again as it was
    assert html.count('data-testid="pair"') == 2


def test_nothing_chosen_is_refused(world, school):
    before = counts()
    response = client_for(world, "curator_a").post("/matching/pool/", {"unit": world.school_a.pk})
    assert response.status_code == 200
    assert "Не выбрано ни одной пары." in response.content.decode()
    assert nothing_written(before)


def test_a_mentee_of_another_school_or_out_of_the_pool_is_refused(world, school):
    client = client_for(world, "curator_a")
    # a mentee of school B: not in the curator's scope of pairs
    other = mentee(world.teacher_b, world.school_b)
    before = counts()
    response = client.post(
        "/matching/pool/", {"unit": world.school_a.pk, "pair": f"{world.mentor_a.pk}:{other.person_id}"}
    )
    assert response.status_code == 404
    # a curator of school B cannot confirm for school A
    response = client_for(world, "curator_b").post(
        "/matching/pool/", {"unit": world.school_a.pk, "pair": f"{world.mentor_a.pk}:{world.teacher_a.pk}"}
    )
    assert response.status_code == 404
    # mentee_a already works with mentor_a: not in the pool
    response = client.post(
        "/matching/pool/",
        {"unit": world.school_a.pk, "pair": f"{school['experienced'].person_id}:{world.mentee_a.pk}"},
    )
    assert response.status_code == 404  # not in the bank of mentees at all
    mentee(world.mentee_a, world.school_a)
    response = client.post(
        "/matching/pool/",
        {"unit": world.school_a.pk, "pair": f"{school['experienced'].person_id}:{world.mentee_a.pk}"},
    )
    assert response.status_code == 200
    assert "нет среди наставляемых, ожидающих наставника" in response.content.decode()
    assert nothing_written(before)


@pytest.mark.parametrize(
    "data",
    [
        {"unit": "abc", "pair": "1:2"},
        {"unit": "999999", "pair": "1:2"},
        {"pair": "1:2"},
        {"unit": "{school_a}", "pair": "abc"},
        {"unit": "{school_a}", "pair": "1:"},
        {"unit": "{school_a}", "pair": ":"},
        {"unit": "{school_a}", "pair": "1:2:3"},
        {"unit": "{school_a}", "pair": "-1:2"},
        {"unit": "{school_a}", "pair": "99999999999999999999:1"},
        {"unit": "{school_a}", "pair": "١:٢"},
        {"unit": "{school_a}", "pair": "999999:{teacher_a}"},
        {"unit": "{school_a}", "pair": "{mentor_a}:999999"},
    ],
    ids=repr,
)
def test_garbage_pool_posts_give_no_500(world, school, data):
    values = {"school_a": world.school_a.pk, "teacher_a": world.teacher_a.pk, "mentor_a": world.mentor_a.pk}
    data = {key: value.format(**values) for key, value in data.items()}
    before = counts()
    response = client_for(world, "curator_a").post("/matching/pool/", data)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert "Пары не утверждены" in response.content.decode()
    assert nothing_written(before)


@pytest.mark.parametrize("query", ["?unit=abc", "?unit=999999", "?programs=abc,-1,,99999999999", "?unit="])
def test_garbage_pool_queries_give_no_500(world, school, query):
    assert client_for(world, "curator_a").get(f"/matching/pool/{query}").status_code == 200


# --- compatibility marks ---------------------------------------------------------------------


def test_the_psychologist_records_a_mark_and_the_curator_sees_it(world, school):
    psychologist = psychologist_of_a(world)
    client = Client()
    client.force_login(psychologist)
    html = client.get("/matching/marks/").content.decode()
    assert "Записать оценку совместимости" in html
    response = client.post(
        "/matching/marks/add/",
        {
            "mentor": school["mentor"].pk,
            "mentee": school["teacher"].pk,
            "mark": "-1",
            "marked_on": timezone.localdate().isoformat(),
            "comment": "Разные взгляды на методику",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/matching/marks/"
    mark = CompatibilityMark.objects.get()
    assert (mark.mentor, mark.mentee, mark.mark, mark.author) == (
        world.mentor_a,
        world.teacher_a,
        -1,
        psychologist,
    )
    html = client_for(world, "curator_a").get("/matching/marks/").content.decode()
    assert "скорее несовместимы" in html and "Разные взгляды на методику" in html
    assert 'data-testid="mark"' not in client_for(world, "curator_b").get("/matching/marks/").content.decode()
    # the mark enters the candidates' explanation
    html = client_for(world, "curator_a").get(f"/matching/mentees/{school['teacher'].pk}/").content.decode()
    assert "Психолог: скорее несовместимы" in html


def test_marks_are_recorded_only_about_people_in_scope(world, school):
    other = mentee(world.teacher_b, world.school_b)
    client = client_for(world, "curator_a")
    response = client.post(
        "/matching/marks/add/",
        {
            "mentor": school["mentor"].pk,
            "mentee": other.pk,
            "mark": "2",
            "marked_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not CompatibilityMark.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("mentor_a", 403), ("head_a", 403), ("operator", 403)])
def test_who_may_not_record_marks(world, school, persona, status):
    response = client_for(world, persona).post(
        "/matching/marks/add/",
        {"mentor": school["mentor"].pk, "mentee": school["teacher"].pk, "mark": "2"},
    )
    assert response.status_code == status
    assert not CompatibilityMark.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"mentor": "abc", "mentee": "1", "mark": "2"},
        {"mentor": "{mentor}", "mentee": "{teacher}", "mark": "0"},
        {"mentor": "{mentor}", "mentee": "{teacher}", "mark": "abc"},
        {"mentor": "{mentor}", "mentee": "{teacher}", "mark": "2", "marked_on": "2999-01-01"},
        {"mentor": "{mentor}", "mentee": "{teacher}", "mark": "2", "marked_on": "вчера"},
    ],
    ids=repr,
)
def test_garbage_marks_give_no_500(world, school, data):
    values = {"mentor": school["mentor"].pk, "teacher": school["teacher"].pk}
    data = {key: value.format(**values) for key, value in data.items()}
    response = client_for(world, "curator_a").post("/matching/marks/add/", data)
    assert response.status_code == 200
    assert not CompatibilityMark.objects.exists()


def test_marks_list_per_persona(world, school):
    for persona in PERSONAS:
        response = client_for(world, persona).get("/matching/marks/?q=abc&mark=zzz&organization=x")
        assert response.status_code == (302 if persona == "anonymous" else 200), persona


# --- query counts ----------------------------------------------------------------------------


def _more_people(world, n: int) -> None:
    """``n`` more mentees and mentors of school A, with difficulties and competences."""
    for k in range(n):
        mentee(f.staff_member(world.school_a, last_name=f"Новикова{k}"), world.school_a)
        active_mentor(f.staff_member(world.school_a, last_name=f"Опытная{k}"), world.school_a)


def _queries(client, url: str, django_assert_max_num_queries, limit: int) -> str:
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


#: Queries of the pages whatever the number of people (session, user, scope included).
CANDIDATES_QUERIES = 20  # with the mentee's current deficits (one query)
POOL_QUERIES = 21
JOB_PAGE_QUERIES = 12
#: A refused confirmation: the chosen people of the pool loaded once, the batch check, the page again.
REFUSED_CONFIRMATION_QUERIES = 43


def test_the_candidates_page_takes_a_fixed_number_of_queries(world, school, django_assert_max_num_queries):
    client = client_for(world, "curator_a")
    url = f"/matching/mentees/{school['teacher'].pk}/"
    _queries(client, url, django_assert_max_num_queries, CANDIDATES_QUERIES)
    _more_people(world, 8)
    html = _queries(client, url, django_assert_max_num_queries, CANDIDATES_QUERIES)
    assert html.count('data-testid="candidate"') == 10


def test_the_pool_page_takes_a_fixed_number_of_queries(world, school, django_assert_max_num_queries):
    client = client_for(world, "curator_a")
    url = f"/matching/pool/?unit={world.school_a.pk}"
    _queries(client, url, django_assert_max_num_queries, POOL_QUERIES)
    run_pool(client, world.school_a)
    _more_people(world, 8)
    html = _queries(client, url, django_assert_max_num_queries, POOL_QUERIES)
    assert html.count('data-testid="pool-job"') == 1 and "предложено пар: 2" in html
    # the job's page with the proposal: the same number of queries whatever its size
    job_url = Job.objects.get().get_absolute_url()
    _queries(client, job_url, django_assert_max_num_queries, JOB_PAGE_QUERIES)
    run_pool(client, world.school_a)
    html = _queries(
        client, Job.objects.latest("pk").get_absolute_url(), django_assert_max_num_queries, JOB_PAGE_QUERIES
    )
    assert html.count('data-testid="pair"') == 10


def test_a_refused_confirmation_loads_the_pool_once(world, school, django_assert_max_num_queries):
    client = client_for(world, "curator_a")
    chosen = _all_pairs(world, client)
    MenteeProfile.objects.filter(pk=school["young"].pk).update(consent_given_on=None)
    _more_people(world, 8)
    with django_assert_max_num_queries(REFUSED_CONFIRMATION_QUERIES):
        response = client.post("/matching/pool/", {"unit": world.school_a.pk, "pair": chosen})
    assert "Пары не утверждены" in response.content.decode()
