"""Professional development of a teacher in a real browser (issue 18, «done when»; seed 000
§4.3.2–4.3.3): the young teacher of school A diagnoses herself over the eight competence areas,
builds her individual educational route with a course of the region's catalogue and a project
and starts it; the tutor of the ЦНППМ assigned to her comments on the route; she records the
project's product (a file) and a correction of the roadmap with its reason; her second
diagnosis shows the change on the profile chart (two series) and in the table of deltas. The
curator of school B finds nothing of school A's routes: the list is empty of them, a direct
address gives the «not found» page.
"""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest

from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

ROUTE_URL = re.compile(r"/development/routes/\d+/(#.*)?$")
DIAGNOSIS_URL = re.compile(r"/development/diagnoses/\d+/$")

ROUTE_TITLE = "Проектная деятельность и цифровые инструменты на уроке"
COURSE_TITLE = "Проектная деятельность обучающихся в цифровой среде"
COURSE_ACTIVITY = "Курсы «Проектная деятельность в цифровой среде»"
PROJECT_ACTIVITY = "Проект «Цифровая лаборатория 5-х классов»"
TUTOR_NAME = "Татьяна Тьюторова"
TUTOR_COMMENT = "Хороший выбор курса. Предлагаю показать продукт проекта на методобъединении."
CORRECTION_EXPLANATION = "Курс перенесён ЦНППМ на весну, учёба займёт больше времени"

METHODICAL = "Методические"
ICT = "ИКТ-компетенции, цифровизация образования"

#: Levels 1–5 per area of the first diagnosis, and the deficits found (area → level, description).
FIRST_LEVELS = {METHODICAL: "2", ICT: "2"}
FIRST_DEFICITS = {
    METHODICAL: ("2", "Не умею выстраивать проектную работу класса"),
    ICT: ("3", "Не владею цифровыми лабораториями"),
}
#: The second diagnosis: the methodical area grew by two levels, ICT by one; one deficit is left.
SECOND_LEVELS = {METHODICAL: "4", ICT: "3"}
SECOND_DEFICITS = {ICT: ("1", "Остались затруднения с обработкой данных")}
OTHER_LEVEL = "3"

#: A minimal valid PDF, the product's file.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_out(page) -> None:
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_load_state()


def diagnose(page, *, levels: dict, deficits: dict, conducted_on: dt.date, comment: str) -> None:
    """Fill the self-diagnosis form over every area row and save it: ``levels`` by area name
    (``OTHER_LEVEL`` elsewhere), ``deficits`` area name → (level 1–3, description)."""
    form = page.get_by_test_id("diagnosis-form")
    rows = form.get_by_test_id("area-row")
    assert rows.count() == 8
    for i in range(rows.count()):
        row = rows.nth(i)
        area = row.locator("th").inner_text().strip()
        row.get_by_label(f"Уровень: {area}").select_option(levels.get(area, OTHER_LEVEL))
        row.get_by_label(f"Достижения: {area}").fill(f"Опыт работы по области «{area}»")
        if area in deficits:
            level, description = deficits[area]
            row.get_by_label(f"Затруднение: {area}").select_option(level)
            row.get_by_label(f"Описание затруднения: {area}").fill(description)
    form.get_by_label("Дата диагностики").fill(conducted_on.isoformat())
    form.get_by_label("Выводы и комментарий").fill(comment)
    form.get_by_test_id("submit").click()
    page.wait_for_url(DIAGNOSIS_URL)


def add_activity(
    page, *, kind: str, title: str, ends_on: dt.date, deficit_area: str, course: str = ""
) -> None:
    """Add an activity to the roadmap from the route page; back on the route page."""
    page.get_by_role("link", name="Добавить мероприятие").click()
    page.wait_for_url(re.compile(r"/development/routes/\d+/activities/new/$"))
    page.get_by_label(re.compile(r"^Вид(\s|$)")).select_option(label=kind)
    page.get_by_label(re.compile(r"^Наименование(\s|$)")).fill(title)
    page.get_by_label(re.compile(r"^Окончание(\s|$)")).fill(ends_on.isoformat())
    deficit = page.get_by_label(f"{deficit_area} — ")
    deficit.check()
    assert deficit.is_checked()
    if course:
        page.get_by_label("Программа повышения квалификации").select_option(label=f"«{course}» (36 ч)")
    page.get_by_role("button", name="Добавить").click()
    page.wait_for_url(ROUTE_URL)


def test_a_teacher_diagnoses_herself_builds_a_route_and_shows_her_growth(page, sign_in, world, artifacts):
    from django.utils import timezone

    from nastavnik.access.choices import Role
    from nastavnik.development.choices import CourseFormat
    from nastavnik.development.models import IndividualRoute
    from nastavnik.development.services.courses import course_create
    from nastavnik.development.services.tutors import tutor_assign
    from nastavnik.reference.models import CompetenceArea
    from nastavnik.testing import factories as f

    today = timezone.localdate()
    month_ago = today - dt.timedelta(days=30)
    first_name, last_name = TUTOR_NAME.split()
    # the tutor of the ЦНППМ (of municipality 1) is assigned to the young teacher of school A,
    # and the region's catalogue offers a course on the methodical and ICT areas
    tutor = f.UserFactory(username="tutor_1", first_name=first_name, last_name=last_name)
    f.RoleAssignmentFactory(user=tutor, org_unit=world.muni1, role=Role.TUTOR)
    tutor_assign(by=None, tutor=tutor, person=world.mentee_a, starts_on=month_ago)
    course_create(
        by=None,
        owner=world.region,
        title=COURSE_TITLE,
        hours=36,
        provider="Центр непрерывного повышения профессионального мастерства",
        format=CourseFormat.MIXED,
        starts_on=today + dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=70),
        areas=list(CompetenceArea.objects.filter(name__in=[METHODICAL, ICT])),
    )
    teacher_name = world.mentee_a.full_name
    try:
        # given the young teacher of school A on the list of routes
        sign_in("mentee_a")
        page.goto("/development/routes/")
        assert page.get_by_test_id("my-tutor").inner_text().endswith(TUTOR_NAME)

        # when she composes her route: the theme and the desired image of herself (step 1)
        page.get_by_role("link", name="Составить маршрут").click()
        page.wait_for_url("**/development/routes/new/")
        page.get_by_label("Тема маршрута").fill(ROUTE_TITLE)
        page.get_by_label("Желаемый образ себя как профессионала").fill(
            "Учитель, который ведёт проекты учеников с цифровыми лабораториями"
        )
        page.get_by_label("Начало маршрута").fill(month_ago.isoformat())
        page.get_by_role("button", name="Составить маршрут").click()
        page.wait_for_url(ROUTE_URL)
        route = IndividualRoute.objects.get(person=world.mentee_a)
        route_url = f"/development/routes/{route.pk}/"

        # then it is a draft that cannot start yet: no diagnosis and no activity
        assert page.get_by_test_id("route-status").first.inner_text() == "составляется"
        assert page.get_by_test_id("start-problems").locator("li").count() == 2
        assert page.get_by_test_id("route-tutor").inner_text().endswith(TUTOR_NAME)

        # when she diagnoses herself over the eight areas from the route (steps 2–3)
        page.get_by_role("link", name="Пройти диагностику").click()
        page.wait_for_url(re.compile(r"/development/diagnoses/new/\?"))
        assert page.get_by_role("heading", name="Самодиагностика").is_visible()
        diagnose(
            page,
            levels=FIRST_LEVELS,
            deficits=FIRST_DEFICITS,
            conducted_on=month_ago,
            comment="Самодиагностика перед составлением маршрута",
        )

        # then the diagnosis page shows her profile and the two deficits; the dynamics wait
        assert page.get_by_test_id("diagnosis-title").inner_text() == (
            f"Самодиагностика от {month_ago:%d.%m.%Y}"
        )
        assert page.get_by_test_id("deficits-now").inner_text() == "2"
        assert page.get_by_test_id("previous").count() == 0
        assert page.get_by_test_id("delta").count() == 0

        # when she goes back to the route and plans a course of the region's catalogue and a project
        page.get_by_test_id("routes").get_by_role("link", name=ROUTE_TITLE).click()
        page.wait_for_url(ROUTE_URL)
        add_activity(
            page,
            kind="обучение по программе дополнительного профессионального образования",
            title=COURSE_ACTIVITY,
            ends_on=today + dt.timedelta(days=70),
            deficit_area=METHODICAL,
            course=COURSE_TITLE,
        )
        add_activity(
            page,
            kind="участие в инновационной программе, педагогическом проекте, исследовании",
            title=PROJECT_ACTIVITY,
            ends_on=today + dt.timedelta(days=120),
            deficit_area=ICT,
        )

        # then the roadmap has both, the course named from the catalogue, each aimed at a deficit
        rows = page.get_by_test_id("activity-row")
        assert rows.count() == 2
        course_row = rows.filter(has_text=COURSE_ACTIVITY)
        assert COURSE_TITLE in course_row.inner_text() and METHODICAL in course_row.inner_text()
        assert ICT in rows.filter(has_text=PROJECT_ACTIVITY).inner_text()
        assert page.get_by_test_id("start-problems").count() == 0

        # when she starts carrying it out
        page.get_by_test_id("route-actions").get_by_role("link", name="Начать реализацию").click()
        page.wait_for_url(f"**/development/routes/{route.pk}/start/")
        page.get_by_role("button", name="Начать реализацию").click()
        page.wait_for_url(ROUTE_URL)
        assert page.get_by_test_id("route-status").first.inner_text() == "реализуется"
        sign_out(page)

        # when the tutor finds the route on the work list and comments on it
        sign_in("tutor_1")
        page.goto("/development/tutors/work/")
        page.get_by_test_id("work-waiting").get_by_role("link", name=ROUTE_TITLE).click()
        page.wait_for_url(f"**{route_url}")
        assert teacher_name in page.get_by_role("main").inner_text()
        page.get_by_test_id("route-actions").get_by_role("link", name="Комментировать").click()
        page.wait_for_url(f"**/development/routes/{route.pk}/comment/")
        page.get_by_label("Комментарий").fill(TUTOR_COMMENT)
        page.get_by_role("button", name="Отправить").click()
        page.wait_for_url(ROUTE_URL)

        # then the comment is on the route under the tutor's name, and the work list is clear
        comments = page.get_by_test_id("route-comments").locator("li")
        assert comments.count() == 1
        assert TUTOR_COMMENT in comments.inner_text() and f"({TUTOR_NAME})" in comments.inner_text()
        page.goto("/development/tutors/work/")
        assert page.get_by_test_id("work-waiting").get_by_role("link", name=ROUTE_TITLE).count() == 0
        sign_out(page)

        # when the teacher reads the comment and records the project's product with a file
        sign_in("mentee_a")
        page.goto(route_url)
        assert TUTOR_COMMENT in page.get_by_test_id("route-comments").inner_text()
        project_row = page.get_by_test_id("activity-row").filter(has_text=PROJECT_ACTIVITY)
        project_row.get_by_role("link", name="Зафиксировать результат").click()
        page.wait_for_url(re.compile(r"/development/routes/activities/\d+/product/$"))
        page.get_by_label("Вид продукта").select_option(label="технология, методика")
        page.get_by_label("Наименование продукта").fill("Методика работы с цифровой лабораторией")
        page.get_by_label("Файл продукта").set_input_files(
            {"name": "metodika.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        page.get_by_label("Отношение к достигнутому результату").fill(
            "Ученики провели три исследования, методику взяли коллеги"
        )
        page.get_by_role("button", name="Зафиксировать результат").click()
        page.wait_for_url(ROUTE_URL)

        # then the activity is done with its product, and the file downloads
        project_row = page.get_by_test_id("activity-row").filter(has_text=PROJECT_ACTIVITY)
        assert "выполнено" in project_row.inner_text()
        assert "Технология, методика: Методика работы с цифровой лабораторией" in project_row.inner_text()
        href = project_row.get_by_role("link", name="Скачать файл").get_attribute("href")
        download = page.request.get(href)
        assert download.status == 200 and download.body().startswith(b"%PDF")

        # when she corrects the roadmap: the course moves to a later end, with the reason
        page.get_by_role("link", name="Внести корректировку").click()
        page.wait_for_url(f"**/development/routes/{route.pk}/correct/")
        new_end = today + dt.timedelta(days=150)
        page.get_by_label("Причина").select_option(label="изменения, происходящие в образовании")
        page.get_by_label("Обоснование").fill(CORRECTION_EXPLANATION)
        page.get_by_label("Что изменяется в дорожной карте").fill("Окончание курсов переносится")
        page.get_by_label("Мероприятие", exact=True).select_option(label=COURSE_ACTIVITY)
        page.get_by_label("Что сделать с мероприятием").select_option(label="перенести срок окончания")
        page.get_by_label("Новое окончание мероприятия").fill(new_end.isoformat())
        page.get_by_role("button", name="Внести корректировку").click()
        page.wait_for_url(ROUTE_URL)

        # then the correction is kept with its reason, and the course ends later
        corrections = page.get_by_test_id("route-corrections").locator("li")
        assert corrections.count() == 1
        text = corrections.inner_text()
        assert "причина: изменения, происходящие в образовании" in text
        assert CORRECTION_EXPLANATION in text and COURSE_ACTIVITY in text
        course_row = page.get_by_test_id("activity-row").filter(has_text=COURSE_ACTIVITY)
        assert f"{new_end:%d.%m.%Y}" in course_row.inner_text()
        history = page.get_by_test_id("route-history").inner_text()
        for step in ("Корректировка", "Комментарий"):
            assert step.lower() in history.lower()

        # when she diagnoses herself again from the route
        page.get_by_role("link", name="Пройти диагностику").click()
        page.wait_for_url(re.compile(r"/development/diagnoses/new/\?"))
        diagnose(
            page,
            levels=SECOND_LEVELS,
            deficits=SECOND_DEFICITS,
            conducted_on=today,
            comment="Повторная самодиагностика после проекта",
        )

        # then the diagnosis page compares it with the first one
        assert page.get_by_test_id("diagnosis-title").inner_text() == f"Самодиагностика от {today:%d.%m.%Y}"
        assert f"{month_ago:%d.%m.%Y}" in page.get_by_test_id("previous").inner_text()
        assert page.get_by_test_id("deficits-now").inner_text() == "1"
        assert page.get_by_test_id("deficits-before").inner_text() == "2"
        # the profile chart draws two series: this diagnosis and the previous one
        page.get_by_test_id("chart").locator("summary").click()
        headers = page.get_by_test_id("chart-table").locator("thead th")
        assert headers.count() == 3
        assert f"Диагностика от {today:%d.%m.%Y}" in headers.nth(1).inner_text()
        assert f"Предыдущая от {month_ago:%d.%m.%Y}" in headers.nth(2).inner_text()
        src = page.get_by_test_id("chart").locator("img").get_attribute("src")
        assert src.startswith("data:image/svg+xml;base64,")
        svg = base64.b64decode(src.split(",", 1)[1]).decode()
        assert f"Диагностика от {today:%d.%m.%Y}" in svg and f"Предыдущая от {month_ago:%d.%m.%Y}" in svg
        # and the table of deltas: the methodical area +2, ICT +1, the others unchanged
        dynamics = page.get_by_test_id("dynamics-row")
        assert dynamics.count() == 8
        methodical = dynamics.filter(has=page.locator("th", has_text=METHODICAL))
        assert methodical.get_by_test_id("level-now").inner_text() == "4"
        assert methodical.get_by_test_id("level-before").inner_text() == "2"
        assert methodical.get_by_test_id("delta").inner_text() == "+2"
        assert (
            dynamics.filter(has=page.locator("th", has_text=ICT)).get_by_test_id("delta").inner_text() == "+1"
        )
        assert [d.strip() for d in dynamics.get_by_test_id("delta").all_inner_texts()].count("0") == 6
        page.screenshot(path=str(artifacts / "development-second-diagnosis.png"), full_page=True)

        # and the route lists both diagnoses as its steps
        page.get_by_test_id("routes").get_by_role("link", name=ROUTE_TITLE).click()
        page.wait_for_url(ROUTE_URL)
        assert page.get_by_test_id("route-diagnoses").locator("li a").count() == 2
        page.screenshot(path=str(artifacts / "development-route.png"), full_page=True)

        route.refresh_from_db()
        assert route.status == "active"
        assert route.diagnoses.count() == 2 and route.corrections.count() == 1
    except Exception:
        page.screenshot(path=str(artifacts / "development-failure.png"), full_page=True)
        raise


def test_the_curator_of_school_b_sees_nothing_of_school_a_routes(page, sign_in, world, artifacts):
    from django.utils import timezone

    from nastavnik.development.choices import DeficitSource, DiagnosisKind
    from nastavnik.development.selectors.diagnoses import active_areas
    from nastavnik.development.services.diagnoses import diagnosis_create
    from nastavnik.development.services.routes import route_create

    # given a route of the young teacher of school A with her self-diagnosis
    today = timezone.localdate()
    route = route_create(
        by=None,
        person=world.mentee_a,
        title=ROUTE_TITLE,
        desired_image="Учитель-исследователь",
        starts_on=today,
    )
    areas = list(active_areas())
    diagnosis = diagnosis_create(
        by=None,
        person=world.mentee_a,
        organization=world.school_a,
        kind=DiagnosisKind.SELF,
        source=DeficitSource.SELF_DIAGNOSIS,
        conducted_on=today,
        results={area.pk: (3, "") for area in areas},
        deficits=[{"area": areas[0].pk, "level": 2, "description": "Затруднение"}],
        route=route,
    )
    try:
        # (the curator of school A does see it: the list below is not empty by accident)
        sign_in("curator_a")
        page.goto("/development/routes/")
        assert page.get_by_test_id("route-row").filter(has_text=ROUTE_TITLE).count() == 1
        sign_out(page)

        # when the curator of school B opens the list of routes
        sign_in("curator_b")
        page.goto("/development/routes/")

        # then school A's route is not there, nor its teacher
        main = page.get_by_role("main")
        assert page.get_by_test_id("route-row").count() == 0
        assert ROUTE_TITLE not in main.inner_text()
        assert world.mentee_a.last_name not in main.inner_text()
        page.screenshot(path=str(artifacts / "development-curator-b-routes.png"), full_page=True)

        # and the list of diagnoses does not name her either
        page.goto("/development/diagnoses/")
        assert world.mentee_a.last_name not in page.get_by_role("main").inner_text()

        # when she types the route's and the diagnosis's addresses, they are not found
        for url in (
            f"/development/routes/{route.pk}/",
            f"/development/routes/{route.pk}/comment/",
            f"/development/diagnoses/{diagnosis.pk}/",
        ):
            response = page.goto(url)
            assert response.status == 404, url
            assert page.get_by_role("heading", name="Страница не найдена").is_visible()
            assert ROUTE_TITLE not in page.content()
    except Exception:
        page.screenshot(path=str(artifacts / "development-curator-b-failure.png"), full_page=True)
        raise


def test_the_deficits_of_an_activity_take_a_click(page, sign_in, world):
    from django.utils import timezone
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    from nastavnik.development.choices import DeficitSource, DiagnosisKind
    from nastavnik.development.selectors.diagnoses import active_areas
    from nastavnik.development.services.diagnoses import diagnosis_create
    from nastavnik.development.services.routes import route_create

    # given a draft route of the young teacher of school A with deficits in three areas
    today = timezone.localdate()
    route = route_create(by=None, person=world.mentee_a, title=ROUTE_TITLE, starts_on=today)
    areas = list(active_areas())
    diagnosis_create(
        by=None,
        person=world.mentee_a,
        organization=world.school_a,
        kind=DiagnosisKind.SELF,
        source=DeficitSource.SELF_DIAGNOSIS,
        conducted_on=today,
        results={area.pk: (3, "") for area in areas},
        deficits=[
            {"area": area.pk, "level": 2, "description": ""}
            for area in areas
            if area.name in (METHODICAL, ICT, "Нормативные правовые")
        ],
        route=route,
    )
    sign_in("mentee_a")
    page.goto(f"/development/routes/{route.pk}/activities/new/")

    # then the list of her deficits holds its checkboxes inside its own box
    group = page.get_by_role("group", name="Затруднения, на которые направлено")
    boxes = group.get_by_role("checkbox")
    assert boxes.count() == 3
    bottom = group.bounding_box()
    for i in range(3):
        box = boxes.nth(i).bounding_box()
        assert box["y"] + box["height"] <= bottom["y"] + bottom["height"], f"checkbox {i + 1} sticks out"

    # and when she clicks each deficit, it is checked
    try:
        for i in range(3):
            boxes.nth(i).check(timeout=2_000)
            assert boxes.nth(i).is_checked()
    except PlaywrightTimeoutError as exc:
        raise AssertionError(f"a deficit's checkbox is covered: {exc.message.splitlines()[0]}") from exc
