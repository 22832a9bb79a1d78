"""The individual educational route through its seven steps (seed 000 §4.3.3; issue 18, Build 2),
tested as its users: the teacher (the mentee of school A) builds a route with a course and a
project, records a product and a correction; the tutor of the ЦНППМ comments; the curator of
school B sees nothing of it; the start is refused without a diagnosis; two editors at once get
the 409 page."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.development.choices import (
    ActivityKind,
    ActivityStatus,
    CorrectionReason,
    CourseFormat,
    DeficitSource,
    DiagnosisKind,
    ProductKind,
    ReflectionOutcome,
    RouteEventKind,
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
    TutorAssignment,
)
from nastavnik.development.selectors.routes import overdue_activities, routes_waiting_comment
from nastavnik.development.services import routes as services
from nastavnik.reference.models import CompetenceArea
from nastavnik.testing.personas import extend_world

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client(client, user):
    client.force_login(user)
    return client


def _route(world, *, by=None, title="Формирование функциональной грамотности", image="Учитель-исследователь"):
    """A draft route of the mentee of school A, made by themselves."""
    return services.route_create(
        by=by or world.users["mentee_a"],
        person=world.mentee_a,
        title=title,
        desired_image=image,
        starts_on=timezone.localdate() - dt.timedelta(days=30),
    )


def _diagnose(route, *, areas=2):
    """A self-diagnosis of the route's teacher linked to the route, with results in the first
    ``areas`` competence areas and a deficit in each; returns the deficits."""
    diagnosis = Diagnosis.objects.create(
        person=route.person,
        organization=route.organization,
        route=route,
        kind=DiagnosisKind.SELF,
        source=DeficitSource.SELF_DIAGNOSIS,
        conducted_on=timezone.localdate() - dt.timedelta(days=20),
    )
    deficits = []
    for area in CompetenceArea.objects.order_by("sort_order")[:areas]:
        DiagnosisResult.objects.create(diagnosis=diagnosis, area=area, level=2)
        deficits.append(
            Deficit.objects.create(
                person=route.person,
                organization=route.organization,
                diagnosis=diagnosis,
                area=area,
                level=2,
                source=DeficitSource.SELF_DIAGNOSIS,
                diagnosed_on=diagnosis.conducted_on,
            )
        )
    return deficits


def _activity(
    route, by, deficits=(), *, days=(0, 60), title="Проект «Читаем вместе»", kind=ActivityKind.PROJECT
):
    today = timezone.localdate()
    return services.activity_add(
        by=by,
        route=route,
        kind=kind,
        title=title,
        starts_on=today + dt.timedelta(days=days[0]),
        ends_on=today + dt.timedelta(days=days[1]),
        deficits=list(deficits),
    )


def _course(world):
    return Course.objects.create(
        owner=world.region,
        title="Методологические аспекты наставничества и менторства в педагогической практике",
        hours=72,
        provider="Институт развития образования",
        format=CourseFormat.MIXED,
    )


def _started(world):
    """An active route of the mentee of A with one project activity aimed at its two deficits."""
    by = world.users["mentee_a"]
    route = _route(world)
    deficits = _diagnose(route)
    activity = _activity(route, by, deficits)
    route = services.route_start(by=by, route=route)
    return route, activity, deficits


# The teacher's way through the pages ----------------------------------------------------------------


def test_teacher_builds_a_route_with_a_course_and_a_project_records_a_product_and_a_correction(
    client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    teacher = world.users["mentee_a"]
    c = _client(client, teacher)
    today = timezone.localdate()

    # a new route, for themselves (the teacher is not asked whose)
    page = c.get(reverse("development:route_create"))
    assert page.status_code == 200
    response = c.post(
        reverse("development:route_create"),
        {
            "person": world.mentee_a.pk,
            "title": "Формирование функциональной грамотности",
            "desired_image": "",
            "starts_on": f"{today:%Y-%m-%d}",
            "years": "4",
        },
    )
    route = IndividualRoute.objects.get(person=world.mentee_a)
    assert response.status_code == 302
    assert response["Location"] == route.get_absolute_url()
    assert route.status == RouteStatus.DRAFT
    assert route.ends_on == dt.date(today.year + 4, today.month, today.day) - dt.timedelta(days=1) or (
        today.month == 2 and today.day == 29
    )

    # self-determination
    response = c.post(
        reverse("development:route_edit", args=[route.pk]),
        {
            "title": route.title,
            "desired_image": "Учитель-исследователь, который учит детей думать",
            "starts_on": f"{route.starts_on:%Y-%m-%d}",
            "ends_on": f"{route.ends_on:%Y-%m-%d}",
            "version": route.version,
        },
    )
    assert response.status_code == 302
    deficits = _diagnose(route)

    # a course of the catalogue and a project, each aimed at a deficit
    course = _course(world)
    form = c.get(reverse("development:activity_add", args=[route.pk]))
    assert form.status_code == 200
    assert course.title in form.content.decode()
    for kind, title, deficit, extra in (
        (ActivityKind.COURSE, "Курсы повышения квалификации", deficits[0], {"course": course.pk}),
        (ActivityKind.PROJECT, "Проект «Читаем вместе»", deficits[1], {}),
    ):
        response = c.post(
            reverse("development:activity_add", args=[route.pk]),
            {
                "kind": kind,
                "title": title,
                "description": "",
                "starts_on": f"{today:%Y-%m-%d}",
                "ends_on": f"{today + dt.timedelta(days=90):%Y-%m-%d}",
                "deficits": [deficit.pk],
                **extra,
            },
        )
        assert response.status_code == 302, response.context["form"].errors
    activities = list(route.activities.order_by("sort_order"))
    assert [a.kind for a in activities] == [ActivityKind.COURSE, ActivityKind.PROJECT]
    assert activities[0].course == course
    assert list(activities[1].deficits.all()) == [deficits[1]]

    # start
    response = c.post(reverse("development:route_start", args=[route.pk]), {"comment": ""})
    assert response.status_code == 302
    route.refresh_from_db()
    assert route.status == RouteStatus.ACTIVE

    # the product of the project: a file and the teacher's attitude
    project = activities[1]
    response = c.post(
        reverse("development:activity_product", args=[project.pk]),
        {
            "product_kind": ProductKind.RECOMMENDATIONS,
            "product_title": "Методические рекомендации по смысловому чтению",
            "product_file": SimpleUploadedFile("rekomendacii.pdf", PDF, content_type="application/pdf"),
            "product_url": "",
            "self_assessment": "Доволен результатом: дети читают охотнее.",
            "done_on": f"{today:%Y-%m-%d}",
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ActivityStatus.DONE
    download = c.get(reverse("development:activity_product_file", args=[project.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF

    # a correction that moves the course
    response = c.post(
        reverse("development:route_correct", args=[route.pk]),
        {
            "reason": CorrectionReason.OWN_NEEDS,
            "explanation": "Курсы перенесены организатором на весну.",
            "description": "Обучение переносится на апрель.",
            "activity": activities[0].pk,
            "activity_change": "move",
            "activity_ends_on": f"{today + dt.timedelta(days=200):%Y-%m-%d}",
        },
    )
    assert response.status_code == 302
    correction = RouteCorrection.objects.get(route=route)
    assert correction.reason == CorrectionReason.OWN_NEEDS
    activities[0].refresh_from_db()
    assert activities[0].ends_on == today + dt.timedelta(days=200)

    # the route page shows every step
    page = c.get(route.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    for words in (
        "Учитель-исследователь, который учит детей думать",
        "Методические рекомендации по смысловому чтению",
        "Курсы перенесены организатором на весну.",
        "изменение запросов, интересов и потребностей педагога",
        "Скачать файл",
        "Пройти диагностику",
    ):
        assert words in text, words
    assert [s.state for s in page.context["steps"]][:5] == ["done", "done", "done", "done", "current"]
    kinds = list(route.events.values_list("kind", flat=True))
    for kind in (
        RouteEventKind.CREATED,
        RouteEventKind.SELF_DETERMINATION,
        RouteEventKind.ACTIVITY,
        RouteEventKind.STARTED,
        RouteEventKind.PRODUCT,
        RouteEventKind.CORRECTION,
    ):
        assert kind in kinds


def test_product_needs_a_file_or_a_link_and_refuses_a_file_of_a_wrong_kind(client, world):
    _, activity, _ = _started(world)
    c = _client(client, world.users["mentee_a"])
    data = {
        "product_kind": ProductKind.LESSON,
        "product_title": "Разработка урока",
        "product_url": "",
        "self_assessment": "Получилось.",
        "done_on": f"{timezone.localdate():%Y-%m-%d}",
    }
    response = c.post(reverse("development:activity_product", args=[activity.pk]), data)
    assert response.status_code == 200
    assert "Приложите файл продукта или укажите ссылку на него." in response.content.decode()
    fake = SimpleUploadedFile("urok.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = c.post(
        reverse("development:activity_product", args=[activity.pk]), {**data, "product_file": fake}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["product_file"]
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED


# The tutor and the others ----------------------------------------------------------------------------


def test_tutor_comment_appears_and_the_route_stops_waiting(client, world):
    extend_world(world)
    tutor = world.users["tutor_1"]
    tutor.first_name, tutor.last_name = "Тамара", "Тьюторова"
    tutor.save(update_fields=["first_name", "last_name"])
    TutorAssignment.objects.create(tutor=tutor, person=world.mentee_a, starts_on=timezone.localdate())
    route, _, _ = _started(world)
    visible = IndividualRoute.objects.for_user(tutor, "view")
    assert list(routes_waiting_comment(visible)) == [route]

    c = _client(client, tutor)
    assert c.get(route.get_absolute_url()).status_code == 200
    response = c.post(
        reverse("development:route_comment", args=[route.pk]),
        {"text": "Хорошая дорожная карта. Добавьте мероприятие по цифровым компетенциям."},
    )
    assert response.status_code == 302
    page = c.get(route.get_absolute_url())
    comments = page.context["comments"]
    assert [e.comment for e in comments] == [
        "Хорошая дорожная карта. Добавьте мероприятие по цифровым компетенциям."
    ]
    assert "Хорошая дорожная карта." in page.content.decode()
    assert "tutor_1" not in page.content.decode()  # never a login
    assert list(routes_waiting_comment(visible)) == []

    # the teacher sees the tutor and the comment
    teacher = _client(client, world.users["mentee_a"])
    assert "Ваш тьютор ЦНППМ" in teacher.get(reverse("development:route_list")).content.decode()
    page = teacher.get(route.get_absolute_url())
    assert "Тьютор ЦНППМ: Тамара Тьюторова" in page.content.decode()
    assert "Хорошая дорожная карта." in page.content.decode()

    # the teacher acts again: the route waits again
    _activity(route, world.users["mentee_a"], title="Цифровая лаборатория")
    assert list(routes_waiting_comment(IndividualRoute.objects.for_user(tutor, "view"))) == [route]


def test_tutor_without_an_assignment_does_not_reach_the_route(client, world):
    extend_world(world)
    route = _route(world)
    c = _client(client, world.users["tutor_1"])
    assert c.get(route.get_absolute_url()).status_code == 404
    assert c.get(reverse("development:route_comment", args=[route.pk])).status_code == 404


def test_curator_of_school_b_sees_nothing_of_school_a(client, world):
    route, activity, _ = _started(world)
    c = _client(client, world.users["curator_b"])
    listing = c.get(reverse("development:route_list"))
    assert listing.status_code == 200
    assert list(listing.context["object_list"]) == []
    for name, pk in (
        ("development:route_detail", route.pk),
        ("development:route_edit", route.pk),
        ("development:route_comment", route.pk),
        ("development:route_correct", route.pk),
        ("development:activity_edit", activity.pk),
        ("development:activity_product", activity.pk),
        ("development:activity_product_file", activity.pk),
    ):
        assert c.get(reverse(name, args=[pk])).status_code == 404, name
    with pytest.raises(PermissionDenied):
        services.route_comment(by=world.users["curator_b"], route=route, text="Чужой комментарий")


def test_curator_of_school_a_keeps_the_route_and_makes_one_for_a_teacher(client, world):
    route = _route(world)
    c = _client(client, world.users["curator_a"])
    listing = c.get(reverse("development:route_list"), {"status": RouteStatus.DRAFT, "q": "Молодцова"})
    assert list(listing.context["object_list"]) == [route]
    assert c.get(reverse("development:route_edit", args=[route.pk])).status_code == 200
    form = c.get(reverse("development:route_create"), {"person": world.teacher_a.pk})
    assert form.status_code == 200
    assert form.context["form"].fields["person"].initial == world.teacher_a.pk
    response = c.post(
        reverse("development:route_create"),
        {"person": world.teacher_a.pk, "title": "Цифровая школа", "starts_on": "2026-09-01", "years": "5"},
    )
    assert response.status_code == 302
    made = IndividualRoute.objects.get(person=world.teacher_a)
    assert made.ends_on == dt.date(2031, 8, 31)
    assert made.organization == world.school_a
    # a teacher of another school is not offered and cannot be forced in
    response = c.post(
        reverse("development:route_create"),
        {"person": world.teacher_b.pk, "title": "Чужой", "starts_on": "2026-09-01", "years": "4"},
    )
    assert response.status_code == 200
    assert "Выберите педагога из списка." in response.content.decode()
    with pytest.raises(PermissionDenied):
        services.route_create(by=world.users["curator_a"], person=world.teacher_b, title="Чужой")


def test_mentor_reads_and_comments_the_mentees_route_but_may_not_change_it(client, world):
    route = _route(world)
    c = _client(client, world.users["mentor_a"])
    assert c.get(route.get_absolute_url()).status_code == 200
    response = c.get(reverse("development:route_edit", args=[route.pk]))
    assert response.status_code == 403
    assert (
        c.post(reverse("development:route_comment", args=[route.pk]), {"text": "Поддерживаю."}).status_code
        == 302
    )
    with pytest.raises(PermissionDenied):
        services.route_cancel(by=world.users["mentor_a"], route=route, reason="Не нужен")


def test_anonymous_is_sent_to_sign_in(client, world):
    route = _route(world)
    response = client.get(route.get_absolute_url())
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_garbage_in_addresses_is_no_server_error(client, world):
    _route(world)
    c = _client(client, world.users["curator_a"])
    for query in ({"person": "²"}, {"person": "-1"}, {"person": "99999999999999"}):
        assert c.get(reverse("development:route_create"), query).status_code == 200
    for query in ({"organization": "²"}, {"status": "нет"}, {"q": "\x00" * 3}, {"page": "abc"}):
        assert c.get(reverse("development:route_list"), query).status_code in (200, 404)
    assert c.get("/development/routes/99999999/").status_code == 404


# Rules of the steps ----------------------------------------------------------------------------------


def test_start_is_refused_in_russian_without_a_diagnosis(client, world):
    by = world.users["mentee_a"]
    route = _route(world)
    _activity(route, by)
    with pytest.raises(ValidationError) as refused:
        services.route_start(by=by, route=route)
    assert "нет диагностики с выявленными затруднениями" in refused.value.messages[0]
    c = _client(client, by)
    response = c.post(reverse("development:route_start", args=[route.pk]), {"comment": ""})
    assert response.status_code == 200
    assert "Реализацию маршрута начать нельзя" in response.content.decode()
    route.refresh_from_db()
    assert route.status == RouteStatus.DRAFT


def test_start_needs_the_desired_image_and_an_activity(world):
    route = _route(world, image="")
    _diagnose(route)
    problems = services.route_start_problems(route)
    assert problems == [
        "не описан желаемый образ себя как профессионала (самоопределение)",
        "в дорожной карте нет ни одного мероприятия",
    ]


def test_concurrent_edit_of_the_route_answers_409_with_both_versions(client, world):
    route = _route(world)
    teacher = _client(client, world.users["mentee_a"])
    opened = route.version
    # the curator saves first
    services.route_update(
        by=world.users["curator_a"],
        route=route,
        title="Исследовательская позиция учителя",
        desired_image=route.desired_image,
        starts_on=route.starts_on,
        ends_on=route.ends_on,
        expected_version=opened,
    )
    response = teacher.post(
        reverse("development:route_edit", args=[route.pk]),
        {
            "title": "Моя тема",
            "desired_image": route.desired_image,
            "starts_on": f"{route.starts_on:%Y-%m-%d}",
            "ends_on": f"{route.ends_on:%Y-%m-%d}",
            "version": opened,
        },
    )
    assert response.status_code == 409
    assert "Запись изменена другим пользователем" in response.content.decode()
    route.refresh_from_db()
    assert route.title == "Исследовательская позиция учителя"


def test_concurrent_edit_of_an_activity_answers_409(client, world):
    by = world.users["mentee_a"]
    route = _route(world)
    activity = _activity(route, by)
    opened = activity.version
    services.activity_update(
        by=world.users["curator_a"],
        activity=activity,
        kind=activity.kind,
        title="Проект «Читаем с родителями»",
        starts_on=activity.starts_on,
        ends_on=activity.ends_on,
        expected_version=opened,
    )
    response = _client(client, by).post(
        reverse("development:activity_edit", args=[activity.pk]),
        {
            "kind": activity.kind,
            "title": "Проект «Читаем сами»",
            "starts_on": f"{activity.starts_on:%Y-%m-%d}",
            "ends_on": f"{activity.ends_on:%Y-%m-%d}",
            "version": opened,
        },
    )
    assert response.status_code == 409
    activity.refresh_from_db()
    assert activity.title == "Проект «Читаем с родителями»"


def test_activity_outside_the_route_or_with_another_persons_deficit_is_refused(world):
    by = world.users["mentee_a"]
    route = _route(world)
    other = Deficit.objects.create(
        person=world.teacher_a,
        organization=world.school_a,
        area=CompetenceArea.objects.order_by("sort_order").first(),
        source=DeficitSource.HEAD,
        diagnosed_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as refused:
        services.activity_add(
            by=by,
            route=route,
            kind=ActivityKind.MEASURE,
            title="Семинар",
            starts_on=route.starts_on - dt.timedelta(days=1),
            ends_on=route.starts_on + dt.timedelta(days=1),
            deficits=[other],
        )
    assert set(refused.value.message_dict) == {"starts_on", "deficits"}


def test_correction_needs_reason_and_explanation_and_may_cancel_the_activity(world):
    by = world.users["mentee_a"]
    route, activity, _ = _started(world)
    with pytest.raises(ValidationError) as refused:
        services.route_correct(by=by, route=route, reason="", explanation=" ", description="Отмена")
    assert set(refused.value.message_dict) == {"reason", "explanation"}
    services.route_correct(
        by=by,
        route=route,
        reason=CorrectionReason.EDUCATION_CHANGES,
        explanation="Новый ФГОС",
        description="Проект заменяется другим",
        activity=activity,
        activity_cancel=True,
    )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CANCELLED
    assert route.events.filter(kind=RouteEventKind.CORRECTION, activity=activity).exists()


def test_reflection_on_every_deficit_then_completion(client, world):
    by = world.users["mentee_a"]
    route, _, deficits = _started(world)
    with pytest.raises(ValidationError) as refused:
        services.route_complete(by=by, route=route, summary="Приблизилась к образу")
    assert "нет рефлексии по затруднениям" in refused.value.messages[0]

    c = _client(client, by)
    page = c.get(reverse("development:route_reflect", args=[route.pk]))
    assert page.status_code == 200
    data = {}
    for deficit in deficits:
        data[f"outcome_{deficit.pk}"] = ReflectionOutcome.REDUCED
        data[f"analysis_{deficit.pk}"] = f"По области «{deficit.area}» стало лучше."
    assert c.post(reverse("development:route_reflect", args=[route.pk]), data).status_code == 302
    assert route.reflections.count() == 2

    response = c.post(
        reverse("development:route_complete", args=[route.pk]), {"summary": "Приблизилась к образу."}
    )
    assert response.status_code == 302
    route.refresh_from_db()
    assert route.status == RouteStatus.COMPLETED
    assert route.completed_on == timezone.localdate()
    page = c.get(route.get_absolute_url())
    assert page.context["steps"][-1].state == "done"
    # a completed route takes no more steps
    with pytest.raises(ValidationError):
        services.route_cancel(by=by, route=route, reason="Поздно")


def test_cancel_needs_a_reason(world):
    by = world.users["mentee_a"]
    route = _route(world)
    with pytest.raises(ValidationError):
        services.route_cancel(by=by, route=route, reason="")
    services.route_cancel(by=by, route=route, reason="Переход в другую организацию")
    route.refresh_from_db()
    assert route.status == RouteStatus.CANCELLED
    assert route.events.get(kind=RouteEventKind.CANCELLED).comment == "Переход в другую организацию"


def test_route_length_is_one_to_five_years(world):
    with pytest.raises(ValidationError):
        services.route_create(by=world.users["mentee_a"], person=world.mentee_a, title="Т", years=6)
    route = _route(world)
    with pytest.raises(ValidationError) as refused:
        services.route_update(
            by=world.users["mentee_a"],
            route=route,
            title=route.title,
            desired_image="",
            starts_on=route.starts_on,
            ends_on=route.starts_on + dt.timedelta(days=200),
        )
    assert "не менее" in refused.value.message_dict["ends_on"][0]


def test_overdue_activities_of_routes_carried_out(world):
    by = world.users["mentee_a"]
    route, _, _ = _started(world)
    late = RouteActivity.objects.create(
        route=route,
        kind=ActivityKind.MEASURE,
        title="Открытый урок",
        starts_on=route.starts_on,
        ends_on=timezone.localdate() - dt.timedelta(days=3),
    )
    routes = IndividualRoute.objects.for_user(by, "view")
    assert list(overdue_activities(routes)) == [late]
    assert list(overdue_activities(RouteActivity.objects.filter(route__in=routes))) == [late]
    assert list(overdue_activities(routes, today=timezone.localdate() - dt.timedelta(days=10))) == []


def _queries(c, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert c.get(url).status_code == 200
    return len(queries)


def test_route_page_and_list_queries_do_not_grow(client, world):
    route, _, deficits = _started(world)
    by = world.users["mentee_a"]
    c = _client(client, by)
    c.get(route.get_absolute_url())
    services.route_comment(by=world.users["curator_a"], route=route, text="Первый комментарий")
    page, listing = _queries(c, route.get_absolute_url()), _queries(c, reverse("development:route_list"))
    for n in range(10):
        _activity(route, by, deficits, title=f"Мероприятие {n}")
        services.route_comment(by=world.users["curator_a"], route=route, text=f"Комментарий {n}")
        services.route_create(by=world.users["curator_a"], person=world.teacher_a, title=f"Маршрут {n}")
    assert _queries(c, route.get_absolute_url()) == page
    assert (
        _queries(_client(client, world.users["curator_a"]), reverse("development:route_list")) <= listing + 2
    )


def test_export_leaves_out_teachers_without_consent(client, world):
    extend_world(world)
    _route(world)
    services.route_create(by=world.users["curator_a"], person=world.no_consent, title="Маршрут без согласия")
    c = _client(client, world.users["curator_a"])
    listing = c.get(reverse("development:route_list"))
    assert len(listing.context["object_list"]) == 2  # the curator keeps both
    response = c.get(reverse("development:route_list"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [world.mentee_a.full_name]


def test_a_deficit_stays_addressed_while_one_live_activity_aims_at_it(world):
    by = world.users["mentee_a"]
    route, _, deficits = _started(world)
    other = _activity(route, by, deficits[:1], title="Семинар")
    services.route_correct(
        by=by,
        route=route,
        reason=CorrectionReason.OWN_NEEDS,
        explanation="Семинар отменён",
        description="Без семинара",
        activity=other,
        activity_cancel=True,
    )
    assert set(services.route_addressed_deficits(route)) == set(deficits)


def test_a_closed_activity_page_sends_back_with_the_reason(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    by = world.users["mentee_a"]
    route, activity, _ = _started(world)
    services.activity_record_product(
        by=by,
        activity=activity,
        product_kind=ProductKind.OTHER,
        product_title="Сборник",
        product_url="https://school.ru/sbornik",
        self_assessment="Хорошо",
        done_on=timezone.localdate(),
    )
    response = _client(client, by).get(reverse("development:activity_edit", args=[activity.pk]), follow=True)
    assert response.redirect_chain[-1][0].startswith(route.get_absolute_url())
    assert "Мероприятие выполнено: изменять его нельзя." in response.content.decode()
    # a product page of a draft route: the reason, not a form
    draft = _route(world, title="Второй маршрут")
    planned = _activity(draft, by)
    response = _client(client, by).get(
        reverse("development:activity_product", args=[planned.pk]), follow=True
    )
    assert "сначала начните реализацию" in response.content.decode()


def test_a_teacher_who_works_nowhere_is_told_so_above_the_form(client, world):
    from nastavnik.people.models import Employment

    Employment.objects.filter(person=world.mentee_a).update(
        ended_on=timezone.localdate() - dt.timedelta(days=1)
    )
    response = _client(client, world.users["mentee_a"]).post(
        reverse("development:route_create"),
        {
            "person": world.mentee_a.pk,
            "title": "Тема",
            "starts_on": f"{timezone.localdate():%Y-%m-%d}",
            "years": "4",
        },
    )
    assert response.status_code == 200
    assert "Педагог сейчас нигде не работает" in response.content.decode()
    assert not IndividualRoute.objects.filter(person=world.mentee_a).exists()


@pytest.mark.parametrize("persona", ["curator_a", "mentee_a"])
def test_garbage_in_every_field_of_the_route_pages_gives_no_500(world, persona):
    # the check of core.tests.test_garbage_ids, over the pages of a draft and of an active route
    from django.test import Client

    from nastavnik.core.tests.test_garbage_ids import _NAME, GARBAGE

    route, activity, _ = _started(world)
    draft = _route(world, title="Второй маршрут")
    planned = _activity(draft, world.users["mentee_a"])
    urls = [reverse("development:route_list"), reverse("development:route_create")]
    for target in (route, draft):
        urls += [
            reverse(f"development:{name}", args=[target.pk])
            for name in (
                "route_detail",
                "route_edit",
                "activity_add",
                "route_correct",
                "route_comment",
                "route_start",
                "route_reflect",
                "route_complete",
                "route_cancel",
            )
        ]
    for pk in (activity.pk, planned.pk):
        urls += [reverse(f"development:{name}", args=[pk]) for name in ("activity_edit", "activity_product")]
    c = Client(raise_request_exception=False)
    c.force_login(world.users[persona])
    failures = []
    for url in urls:
        first = c.get(url)
        if first.status_code != 200:
            continue
        names = set(_NAME.findall(first.content.decode())) - {"csrfmiddlewaretoken"}
        for value in GARBAGE:
            data = dict.fromkeys(sorted(names), value)
            for method, response in (("GET", c.get(url, data)), ("POST", c.post(url, data))):
                if response.status_code >= 500:
                    failures.append(f"{method} {url} {value!r}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_teacher_answers_a_comment_on_their_own_route(client, world):
    route = _route(world)
    services.route_comment(by=world.users["curator_a"], route=route, text="Уточните желаемый образ.")
    response = _client(client, world.users["mentee_a"]).post(
        reverse("development:route_comment", args=[route.pk]), {"text": "Уточнила, спасибо."}
    )
    assert response.status_code == 302
    assert route.events.filter(kind=RouteEventKind.COMMENT, author=world.users["mentee_a"]).exists()
