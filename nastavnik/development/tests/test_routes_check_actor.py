"""Every service of the routes checks its actor itself (CONTRIBUTING: «Сервис, действующий за
пользователя, проверяет право сам»): the curator of school B, who does not see school A's route,
and the municipal coordinator, who sees it and keeps none of it, are refused each step with
``PermissionDenied`` and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from nastavnik.development.choices import ActivityKind, CorrectionReason, ProductKind, ReflectionOutcome
from nastavnik.development.models import RouteEvent
from nastavnik.development.services import routes as services
from nastavnik.development.tests.test_routes import _started


def _calls(route, activity, deficit):
    today = timezone.localdate()
    return {
        "route_update": lambda by: services.route_update(
            by=by,
            route=route,
            title="Чужая тема",
            desired_image="",
            starts_on=route.starts_on,
            ends_on=route.ends_on,
        ),
        "activity_add": lambda by: services.activity_add(
            by=by, route=route, kind=ActivityKind.MEASURE, title="Семинар", starts_on=today, ends_on=today
        ),
        "activity_update": lambda by: services.activity_update(
            by=by,
            activity=activity,
            kind=activity.kind,
            title="Чужое",
            starts_on=activity.starts_on,
            ends_on=activity.ends_on,
        ),
        "activity_record_product": lambda by: services.activity_record_product(
            by=by,
            activity=activity,
            product_kind=ProductKind.OTHER,
            product_title="Продукт",
            product_url="https://example.ru/p",
            self_assessment="Хорошо",
            done_on=today,
        ),
        "route_correct": lambda by: services.route_correct(
            by=by, route=route, reason=CorrectionReason.OTHER, explanation="Так", description="Иначе"
        ),
        "route_comment": lambda by: services.route_comment(by=by, route=route, text="Комментарий"),
        "reflection_record": lambda by: services.reflection_record(
            by=by, route=route, deficit=deficit, outcome=ReflectionOutcome.OVERCOME, analysis="Преодолено"
        ),
        "route_complete": lambda by: services.route_complete(by=by, route=route, summary="Итог"),
        "route_cancel": lambda by: services.route_cancel(by=by, route=route, reason="Причина"),
        "route_start": lambda by: services.route_start(by=by, route=route),
        "route_create": lambda by: services.route_create(by=by, person=route.person, title="Чужой маршрут"),
    }


@pytest.mark.parametrize("persona", ["curator_b", "coordinator"])
def test_each_route_service_refuses_an_actor_without_the_right(world, persona):
    route, activity, deficits = _started(world)
    by = world.users[persona]
    events = RouteEvent.objects.count()
    for name, call in _calls(route, activity, deficits[0]).items():
        with pytest.raises(PermissionDenied):
            call(by)
            pytest.fail(f"{name} was allowed to {persona}")
    assert RouteEvent.objects.count() == events
    route.refresh_from_db()
    assert route.title != "Чужая тема"
    assert route.person.routes.count() == 1


def test_the_system_acts_without_an_actor(world):
    route, activity, _ = _started(world)
    services.activity_record_product(
        by=None,
        activity=activity,
        product_kind=ProductKind.OTHER,
        product_title="Продукт",
        product_url="https://example.ru/p",
        self_assessment="Хорошо",
        done_on=timezone.localdate() - dt.timedelta(days=1),
    )
    assert RouteEvent.objects.filter(route=route, author=None, activity=activity).exists()
