"""The individual educational route of a teacher as a document (seed 000 §4.3.3; issue 18,
Build 7): its text through the seven steps, the «СОГЛАСОВАНО» of the tutor of the ЦНППМ, the
refusal without data, the download from the route's page by whoever sees the route (and nobody
else), the registry and the organization's package, and the PDF made by LibreOffice.

The route is built here with plain rows (``build_route``): the document reads the models, not
the services that fill them. The dates are fixed, so that the snapshot does not change from one
day to the next.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.audit.models import AuditEvent
from nastavnik.development.choices import (
    ActivityKind,
    ActivityStatus,
    CorrectionReason,
    CourseFormat,
    DeficitLevel,
    DeficitSource,
    DiagnosisKind,
    ProductKind,
    ReflectionOutcome,
    RouteStatus,
)
from nastavnik.development.models import (
    Course,
    Deficit,
    Diagnosis,
    DiagnosisResult,
    IndividualRoute,
    RouteActivity,
    RouteCorrection,
    RouteReflection,
    TutorAssignment,
)
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.models import Document
from nastavnik.documents.package import package_build, package_plan
from nastavnik.documents.render import convert_to_pdf
from nastavnik.documents.review import review_docx
from nastavnik.documents.services import document_issue, document_regenerate, document_render
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.specs.routes import route_document
from nastavnik.documents.testing import FIXED_DATE, assert_snapshot, docx_text, give_positions, pdf_text
from nastavnik.documents.tests.test_package_pdf import _broken_words, _pages
from nastavnik.people.choices import Sex
from nastavnik.reference.models import CompetenceArea
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "pass12345"


# --- a route built with plain rows ----------------------------------------------------------------


def area(code: str) -> CompetenceArea:
    return CompetenceArea.objects.get(code=code)


def tutor_of(world, organization=None, person=None):
    """A tutor of the ЦНППМ (Тьюторова Анна Викторовна, тьютор) assigned by the coordinator of
    the ЦНППМ to ``person`` or to ``organization`` since 1 August 2026."""
    user = f.UserFactory(username=f"tutor_{TutorAssignment.objects.count() + 1}")
    RoleAssignment.objects.create(user=user, org_unit=world.muni1, role=Role.TUTOR)
    card = f.PersonFactory(last_name="Тьюторова", first_name="Анна", middle_name="Викторовна", user=user)
    card.job_title = "тьютор"
    card.save(update_fields=["job_title"])
    TutorAssignment.objects.create(
        tutor=user, person=person, organization=organization, starts_on=dt.date(2026, 8, 1)
    )
    return user


def build_route(doc, *, status=RouteStatus.ACTIVE, complete: bool = True, tutor: bool = True):
    """The route of Молодцова Мария Петровна (учитель начальных классов) in school A, 1 September
    2026 – 31 August 2030, «Проектирование уроков в начальной школе»: the desired image, a
    self-diagnosis over three areas with two deficits, four activities (a course of the regional
    catalogue, a trial, a project, a measure done with its product), a correction, and — when
    ``complete`` — the reflection on each deficit and the summary; a tutor assigned to the
    teacher (``tutor``). Returns a namespace of ``route``, ``teacher``, ``deficits``, ``tutor``."""
    world = doc.world
    teacher = world.mentee_a
    give_positions(teacher, name="учитель начальных классов")
    route = IndividualRoute.objects.create(
        person=teacher,
        organization=doc.school,
        title="Проектирование уроков в начальной школе",
        status=status,
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2030, 8, 31),
        desired_image=(
            "Учитель, который проектирует уроки по ФГОС НОО и умеет выстроить диалог с родителями.\n"
            "Наставник для молодых коллег."
        ),
        reflection_summary="Желаемый образ в основном достигнут." if complete else "",
    )
    IndividualRoute.objects.filter(pk=route.pk).update(
        started_on=dt.date(2026, 9, 15) if status != RouteStatus.DRAFT else None,
        completed_on=dt.date(2030, 6, 30) if status == RouteStatus.COMPLETED else None,
    )
    diagnosis = Diagnosis.objects.create(
        person=teacher,
        organization=doc.school,
        route=route,
        kind=DiagnosisKind.SELF,
        source=DeficitSource.SELF_DIAGNOSIS,
        conducted_on=dt.date(2026, 9, 10),
        comment="Основные затруднения – в методической и психолого-педагогической областях.",
    )
    for code, level, achievements in (
        ("subject_professional", 4, "Победитель муниципального конкурса «Учитель года»"),
        ("psychological_pedagogical", 2, ""),
        ("methodical", 2, "Владеет технологией развивающего обучения"),
    ):
        DiagnosisResult.objects.create(
            diagnosis=diagnosis, area=area(code), level=level, achievements=achievements
        )
    methodical = Deficit.objects.create(
        person=teacher,
        organization=doc.school,
        diagnosis=diagnosis,
        area=area("methodical"),
        level=DeficitLevel.CRITICAL,
        source=DeficitSource.SELF_DIAGNOSIS,
        diagnosed_on=diagnosis.conducted_on,
        description="Затруднения в проектировании урока в соответствии с ФГОС НОО",
    )
    parents = Deficit.objects.create(
        person=teacher,
        organization=doc.school,
        diagnosis=diagnosis,
        area=area("psychological_pedagogical"),
        level=DeficitLevel.MARKED,
        source=DeficitSource.SELF_DIAGNOSIS,
        diagnosed_on=diagnosis.conducted_on,
    )
    course = Course.objects.create(
        owner=world.region,
        title="Проектирование современного урока в начальной школе",
        hours=72,
        provider="АУ «Институт развития образования»",
        format=CourseFormat.DISTANCE,
    )
    activities = []
    for kind, title, start, end, deficits, extra in (
        (
            ActivityKind.COURSE,
            "Обучение по программе повышения квалификации",
            dt.date(2026, 10, 1),
            dt.date(2026, 12, 15),
            [methodical],
            {"course": course},
        ),
        (
            ActivityKind.MEASURE,
            "Посещение уроков наставника",
            dt.date(2026, 9, 20),
            dt.date(2026, 11, 30),
            [methodical],
            {
                "status": ActivityStatus.DONE,
                "done_on": dt.date(2026, 11, 28),
                "product_kind": ProductKind.LESSON,
                "product_title": "Технологические карты пяти уроков с применением здоровьесберегающих технологий",
                "product_url": "https://school1.example.ru/iom/karty",
                "self_assessment": "Научилась формулировать планируемые результаты урока.",
            },
        ),
        (
            ActivityKind.TRIAL,
            "Пробные уроки с применением кейс-технологии",
            dt.date(2027, 1, 10),
            dt.date(2027, 5, 25),
            [methodical, parents],
            {"status": ActivityStatus.IN_PROGRESS},
        ),
        (
            ActivityKind.PROJECT,
            "Участие в школьном проекте «Родительский университет»",
            dt.date(2027, 9, 1),
            dt.date(2028, 5, 31),
            [parents],
            {},
        ),
    ):
        activity = RouteActivity.objects.create(
            route=route, kind=kind, title=title, starts_on=start, ends_on=end, **extra
        )
        activity.deficits.set(deficits)
        activities.append(activity)
    RouteCorrection.objects.create(
        route=route,
        activity=activities[3],
        reason=CorrectionReason.PARTICIPANTS_NEEDS,
        explanation="Запрос родителей обучающихся 2 «А» класса",
        description="Срок проекта перенесён на 2027/28 учебный год",
        made_by=world.users["mentee_a"],
        made_at=timezone.make_aware(dt.datetime(2027, 2, 3, 12, 0)),
    )
    if complete:
        RouteReflection.objects.create(
            route=route,
            deficit=methodical,
            outcome=ReflectionOutcome.OVERCOME,
            analysis="Уроки проектирую самостоятельно.",
        )
        RouteReflection.objects.create(
            route=route,
            deficit=parents,
            outcome=ReflectionOutcome.REDUCED,
            analysis="Нужна дальнейшая работа.",
        )
    tutor_user = tutor_of(world, person=teacher) if tutor else None
    route.refresh_from_db()
    return SimpleNamespace(route=route, teacher=teacher, deficits=[methodical, parents], tutor=tutor_user)


def render(doc, route) -> str:
    content = document_render(
        kind=DocumentKind.INDIVIDUAL_ROUTE, organization=doc.school, subject=route, date=FIXED_DATE
    )
    return docx_text(content)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the text -------------------------------------------------------------------------------------


def test_the_route_document_goes_through_the_seven_steps(doc_world):
    # given an active route with its diagnosis, roadmap, correction and reflection, and a tutor
    built = build_route(doc_world)

    # when its document is drawn up
    text = render(doc_world, built.route)

    # then it names the teacher in the genitive, and every step is printed from the data
    assert_snapshot("individual_route", text)
    assert (
        "ИНДИВИДУАЛЬНЫЙ ОБРАЗОВАТЕЛЬНЫЙ МАРШРУТ\nучителя начальных классов Молодцовой Марии Петровны" in text
    )
    assert "Педагог | Молодцова Мария Петровна, учитель начальных классов" in text
    assert "с 1 сентября 2026 г. по 31 августа 2030 г. (4 года)" in text
    assert "Состояние | Реализуется с 15 сентября 2026 г." in text
    assert "Тьютор ЦНППМ | Тьюторова Анна Викторовна\n" in text
    # step 1
    assert "Наставник для молодых коллег." in text
    # steps 2–3: the areas with levels, achievements and deficits
    assert "Вид и дата диагностики: самодиагностика от 10 сентября 2026 г.\n" in text
    assert (
        "Методические | 2 (базовый) | Владеет технологией развивающего обучения | Критический: затруднения"
        in text
    )
    assert "Психолого-педагогические | 2 (базовый) | — | Выраженный" in text
    assert "Предметно-профессиональные | 4 (продвинутый)" in text and "Не выявлены" in text
    # step 4: the course with its hours, the deficits addressed, the product
    assert "(программа «Проектирование современного урока в начальной школе», 72 часа" in text
    assert (
        "Разработка занятия: технологические карты пяти уроков с применением здоровьесберегающих технологий\nhttps://school1.example.ru/iom/karty\nВыполнено 28.11.2026"
        in text
    )
    assert "Психолого-педагогические (выраженный)\nМетодические (критический)" in text
    # step 5, 6, 7
    assert "Выполнено мероприятий дорожной карты: 1 из 4." in text
    assert "Научилась формулировать планируемые результаты урока." in text
    assert "03.02.2027 | Запросы участников образовательного процесса организации: запрос родителей" in text
    assert "Мероприятие «Участие в школьном проекте «Родительский университет»»: срок проекта" in text
    assert (
        "Методические (критический): затруднения в проектировании урока в соответствии с ФГОС НОО | Преодолён"
        in text
    )
    assert "Желаемый образ в основном достигнут." in text
    # the basis cited as users read it, no developers' code
    assert "Основание: Положение о системе (целевой модели) наставничества педагогических работников" in text
    assert "п. 4.3.3" in text and "seed" not in text and "None" not in text
    # the signatures: the teacher and the curator, the tutor under «СОГЛАСОВАНО»
    assert "Педагог, учитель начальных классов | ____________ | М. П. Молодцова" in text
    assert (
        "Куратор, заместитель директора по учебно-воспитательной работе | ____________ | И. С. Кузнецов"
        in text
    )
    assert "СОГЛАСОВАНО\nТьютор ЦНППМ | ____________ | А. В. Тьюторова" in text


def test_the_route_document_has_no_defect_of_an_official_paper(doc_world):
    # given the document of a route
    built = build_route(doc_world)
    content = document_render(
        kind=DocumentKind.INDIVIDUAL_ROUTE,
        organization=doc_world.school,
        subject=built.route,
        date=FIXED_DATE,
    )

    # when it is reviewed as a head, a lawyer and an editor would
    defects = review_docx(content, organization=doc_world.school)

    # then there is none
    assert defects == []


def test_a_route_without_a_tutor_nor_reflection_says_so_and_asks_no_agreement(doc_world):
    # given a route under way: no tutor assigned, no reflection yet, no correction
    built = build_route(doc_world, complete=False, tutor=False)
    RouteCorrection.objects.filter(route=built.route).delete()

    # when its document is drawn up
    text = render(doc_world, built.route)

    # then there is no «СОГЛАСОВАНО» and no tutor, and the later steps say what is to come
    assert "СОГЛАСОВАНО" not in text and "Тьютор" not in text
    assert "Корректировки в дорожную карту маршрута не вносились." in text
    assert "Рефлексивный анализ проводится по завершении реализации маршрута." in text


def test_the_tutor_of_the_teachers_organization_agrees_when_none_is_assigned_to_the_teacher(doc_world):
    # given a route whose teacher has no tutor of their own, but their school has one
    built = build_route(doc_world, tutor=False)
    tutor_of(doc_world.world, organization=doc_world.school)

    # when its document is drawn up
    text = render(doc_world, built.route)

    # then the school's tutor agrees it
    assert "СОГЛАСОВАНО\nТьютор ЦНППМ | ____________ | А. В. Тьюторова" in text


def test_a_route_is_refused_with_every_missing_datum(doc_world):
    # given a draft route with nothing in it, a teacher without a position, no curator
    world = doc_world.world
    world.mentee_a.job_title = ""
    world.mentee_a.position = None
    world.mentee_a.save(update_fields=["job_title", "position"])
    route = IndividualRoute.objects.create(
        person=world.mentee_a,
        organization=doc_world.school,
        title="Маршрут",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2030, 8, 31),
    )
    RoleAssignment.objects.filter(org_unit=doc_world.school, role=Role.CURATOR).delete()

    # when its document is asked for
    with pytest.raises(MissingData) as refused:
        render(doc_world, route)

    # then every missing datum is named
    found = {item.text: item.url for item in refused.value.items}
    texts = list(found)
    assert any(text.startswith("Не назначен куратор реализации программ наставничества") for text in texts)
    assert "Укажите должность (педагог: Молодцова Мария Петровна) в карточке работника." in texts
    assert "Опишите желаемый образ себя как профессионала (шаг 1 маршрута «Самоопределение»)." in texts
    assert "Проведите диагностику достижений и профессиональных затруднений (шаги 2–3 маршрута)." in texts
    assert (
        found["Внесите мероприятия в дорожную карту маршрута (шаг 4)."] == f"/development/routes/{route.pk}/"
    )
    assert found["Укажите должность (педагог: Молодцова Мария Петровна) в карточке работника."] == (
        f"/people/{world.mentee_a.pk}/edit/"
    )


def test_a_diagnosis_made_before_the_route_is_printed_when_the_route_has_none(doc_world):
    # given a route whose only diagnosis was made before it, outside it
    built = build_route(doc_world)
    Diagnosis.objects.filter(route=built.route).update(
        route=None, kind=DiagnosisKind.EXPERT, source=DeficitSource.TUTOR
    )

    # when its document is drawn up
    text = render(doc_world, built.route)

    # then the teacher's diagnosis is printed
    assert "Вид и дата диагностики: экспертная диагностика (тьютор ЦНППМ) от 10 сентября 2026 г." in text
    assert "Методические | 2 (базовый)" in text


# --- the download from the route's page -----------------------------------------------------------


@pytest.mark.parametrize("persona", ["mentee_a", "mentor_a", "curator_a", "head_a", "tutor"])
def test_whoever_sees_the_route_downloads_its_docx(doc_world, persona):
    # given a route of school A, and a persona who sees it: the teacher, their mentor, the
    # curator and the head of the school, the tutor assigned to the teacher
    built = build_route(doc_world)
    user = built.tutor if persona == "tutor" else doc_world.world.users[persona]

    # when they download its document
    response = client_of(user).get(f"/documents/route/{built.route.pk}/docx/")

    # then it is the route's DOCX under a Russian name, recorded in the audit trail
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = unquote(response["Content-Disposition"])
    assert disposition.startswith("attachment")
    assert "Индивидуальный образовательный маршрут педагога (Молодцова М. П., 2026–2030)" in disposition
    assert "Молодцовой Марии Петровны" in docx_text(response.content)
    event = AuditEvent.objects.order_by("-pk").first()
    assert event is not None and event.actor_id == user.pk


@pytest.mark.parametrize("persona", ["curator_b", "teacher_b"])
def test_another_school_and_a_stranger_get_404(doc_world, persona):
    # given a route of school A, and the curator of school B or a teacher of B with an account
    built = build_route(doc_world)
    world = doc_world.world
    if persona == "teacher_b":
        user = f.UserFactory(username="teacher_b")
        RoleAssignment.objects.create(user=user, org_unit=world.school_b, role=Role.MENTEE)
        world.teacher_b.user = user
        world.teacher_b.save(update_fields=["user"])
    else:
        user = world.users[persona]

    # when they ask for its document in either format
    client = client_of(user)
    responses = [client.get(f"/documents/route/{built.route.pk}/{fmt}/") for fmt in ("docx", "pdf")]

    # then the route does not exist for them, and nothing was generated
    assert [r.status_code for r in responses] == [404, 404]
    assert not AuditEvent.objects.filter(actor=user).exists()


def test_the_anonymous_visitor_is_sent_to_sign_in_and_a_missing_route_is_404(doc_world):
    built = build_route(doc_world)

    anonymous = Client().get(f"/documents/route/{built.route.pk}/docx/")
    missing = client_of(doc_world.world.users["curator_a"]).get("/documents/route/999999999/docx/")

    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    assert missing.status_code == 404


def test_the_service_refuses_whoever_does_not_see_the_route(doc_world):
    built = build_route(doc_world)

    with pytest.raises(PermissionDenied):
        route_document(route=built.route, by=doc_world.world.users["curator_b"])
    assert route_document(route=built.route, by=None).filename.endswith(".docx")


def test_a_route_missing_data_is_not_downloaded_and_the_page_says_what_to_fill(doc_world):
    # given a route without the desired image
    built = build_route(doc_world)
    IndividualRoute.objects.filter(pk=built.route.pk).update(desired_image="")

    # when the teacher asks for its document
    response = client_of(doc_world.world.users["mentee_a"]).get(
        f"/documents/route/{built.route.pk}/docx/", follow=False
    )

    # then they are sent back with the message of what is missing
    assert response.status_code == 302 and response["Location"] == built.route.get_absolute_url()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Опишите желаемый образ себя как профессионала" in m for m in messages)


def test_without_libreoffice_the_pdf_is_refused_with_a_message(doc_world, monkeypatch):
    built = build_route(doc_world)
    monkeypatch.setattr("nastavnik.documents.render.soffice_path", lambda: None)

    response = client_of(doc_world.world.users["curator_a"]).get(f"/documents/route/{built.route.pk}/pdf/")

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("LibreOffice" in m for m in messages)


# --- the registry and the package -----------------------------------------------------------------


def test_the_curator_registers_the_route_document_and_draws_it_up_again(doc_world):
    # given a route of school A
    built = build_route(doc_world)

    # when the curator registers its document, then the tutor's name changes and it is redrawn
    document = document_issue(
        kind=DocumentKind.INDIVIDUAL_ROUTE,
        organization=doc_world.school,
        subject=built.route,
        author=doc_world.world.users["curator_a"],
        date=FIXED_DATE,
    )
    IndividualRoute.objects.filter(pk=built.route.pk).update(title="Современный урок в начальной школе")
    document_regenerate(document=document, by=doc_world.world.users["curator_a"])

    # then the document names the teacher and keeps its route; the teacher sees it in the registry
    document.refresh_from_db()
    assert document.person_id == built.teacher.pk and document.params == {"route": built.route.pk}
    assert document.title == "Индивидуальный образовательный маршрут педагога (Молодцова М. П., 2026–2030)"
    with document.file.open("rb") as handle:
        assert "«Современный урок в начальной школе»" in docx_text(handle.read())
    assert get_spec(document.kind).subject_of(document) == built.route
    assert (
        Document.objects.for_user(doc_world.world.users["mentee_a"], "view").filter(pk=document.pk).exists()
    )
    assert (
        not Document.objects.for_user(doc_world.world.users["curator_b"], "view")
        .filter(pk=document.pk)
        .exists()
    )


def test_the_package_holds_the_routes_carried_out_or_completed(doc_world):
    # given an active route, a completed one, a draft and a cancelled one in school A
    built = build_route(doc_world)
    other = f.staff_member(doc_world.school, last_name="Белых", sex=Sex.FEMALE)
    give_positions(other, name="учитель музыки")
    for status in (RouteStatus.COMPLETED, RouteStatus.DRAFT, RouteStatus.CANCELLED):
        IndividualRoute.objects.create(
            person=other,
            organization=doc_world.school,
            title=f"Маршрут {status}",
            status=status,
            starts_on=dt.date(2022, 9, 1),
            ends_on=dt.date(2026, 8, 31),
        )

    # when the package of the school is planned and built
    plan = [
        subject for _index, spec, subject in package_plan(doc_world.school) if spec.kind == "individual_route"
    ]
    result = package_build(organization=doc_world.school, today=FIXED_DATE)

    # then the active and the completed routes are in it; the one with data is in its folder,
    # the completed one without data is listed with what it lacks
    assert [route.status for route in plan] == [RouteStatus.COMPLETED, RouteStatus.ACTIVE]
    with default_storage.open(result.file) as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    folder = [n for n in names if n.startswith("Индивидуальные образовательные маршруты/")]
    assert len(folder) == 1 and "Молодцова М. П., 2026–2030" in folder[0]
    refused = [entry for entry in result.refused if "Белых" in entry["title"]]
    assert len(refused) == 1
    assert any("желаемый образ" in item for item in refused[0]["items"])
    assert built.route.pk in [route.pk for route in plan]


# --- the PDF --------------------------------------------------------------------------------------


def test_the_route_document_converts_to_pdf_with_the_declined_names(doc_world, libreoffice):
    # given the document of a route
    built = build_route(doc_world)
    content = document_render(
        kind=DocumentKind.INDIVIDUAL_ROUTE,
        organization=doc_world.school,
        subject=built.route,
        date=FIXED_DATE,
    )

    # when LibreOffice converts it
    pdf = convert_to_pdf({"route.docx": content})["route.docx"]

    # then the PDF reads as the document, and no column is so narrow that a word breaks
    text = pdf_text(pdf)
    assert _broken_words(_pages(pdf), docx_text(content)) == []
    assert "ИНДИВИДУАЛЬНЫЙ ОБРАЗОВАТЕЛЬНЫЙ МАРШРУТ" in text
    assert "учителя начальных классов Молодцовой Марии Петровны" in text
    assert "Рефлексивный анализ эффективности маршрута" in text
    assert "СОГЛАСОВАНО" in text


def test_the_route_page_download_gives_a_pdf(doc_world, libreoffice):
    built = build_route(doc_world)

    response = client_of(doc_world.world.users["mentee_a"]).get(f"/documents/route/{built.route.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Молодцовой Марии Петровны" in pdf_text(response.content)


def test_the_curator_draws_the_route_document_up_on_the_registry_page(doc_world):
    # given a route of school A and its curator on the page drawing a document up
    built = build_route(doc_world)
    curator = client_of(doc_world.world.users["curator_a"])
    url = f"/documents/new/individual_route/?organization={doc_world.school.pk}"

    # when the page is opened and the route chosen
    page = curator.get(url).content.decode()
    response = curator.post(
        url,
        {"organization": doc_world.school.pk, "subject": built.route.pk, "date": FIXED_DATE.isoformat()},
    )

    # then the route is offered by the teacher's name, and its document is registered
    assert "Молодцова М. П., 2026–2030" in page
    document = Document.objects.get(kind=DocumentKind.INDIVIDUAL_ROUTE)
    assert response.status_code == 302 and response["Location"] == f"/documents/{document.pk}/"
    assert document.person_id == built.teacher.pk and document.params == {"route": built.route.pk}
