"""The tutor's work list and the ЦНППМ's tutors on the home page (issue 18, Build 3; seed 000
§4.3.2): registered by ``DevelopmentConfig.ready`` with ``core.home.register_home_block`` (core
does not import development)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from nastavnik.core.home import HomeRequest, Tile, WorkItem, WorkList, register_home_block

#: How many things each of the tutor's lists shows on the home page.
HOME_LIMIT = 10


def _work_list(title: str, rows, item, *, empty: str) -> WorkList:
    """A :class:`core.home.WorkList` of the first ``HOME_LIMIT`` of ``rows`` (a queryset read
    once with one row more, counted only when there are more), each ``item(row) -> WorkItem``."""
    first = list(rows[: HOME_LIMIT + 1])
    more = rows.count() - HOME_LIMIT if len(first) > HOME_LIMIT else 0
    return WorkList(title, [item(row) for row in first[:HOME_LIMIT]], empty, more)


def tutor_work_lists(user) -> list[WorkList]:
    """The three lists of a tutor's work (``selectors.tutors.tutor_work``): routes waiting for a
    comment, overdue activities, routes due a diagnosis, each item linked to its route or to a
    new diagnosis. Six queries at most."""
    from nastavnik.development.selectors.tutors import due_reason, page_url, tutor_work

    today = timezone.localdate()
    work = tutor_work(user, today=today)
    return [
        _work_list(
            "Маршруты, ожидающие комментария тьютора",
            work.waiting,
            lambda r: WorkItem(
                f"{r.person.full_name}: «{r.title}»",
                page_url("development:route_detail", r.pk),
                f"последний шаг педагога {timezone.localtime(r.last_teacher_event_at):%d.%m.%Y}",
            ),
            empty="Все маршруты прокомментированы.",
        ),
        _work_list(
            "Просроченные мероприятия маршрутов",
            work.overdue,
            lambda a: WorkItem(
                f"{a.route.person.full_name}: {a.title}",
                page_url("development:route_detail", a.route_id),
                f"срок {a.ends_on:%d.%m.%Y}",
            ),
            empty="Просроченных мероприятий нет.",
        ),
        _work_list(
            "Маршруты, по которым нужна диагностика",
            work.due,
            lambda r: WorkItem(
                f"{r.person.full_name}: «{r.title}»",
                page_url("development:diagnosis_create", query=f"person={r.person_id}&route={r.pk}")
                or page_url("development:route_detail", r.pk),
                due_reason(r, today=today),
            ),
            empty="Диагностики по всем маршрутам проведены в срок.",
        ),
    ]


def home_tutors(request: HomeRequest) -> dict:
    """The home block: a tutor's work lists (appended to ``request.work_lists``, with the link to
    the whole list as the tile «Работа тьютора»); for the coordinator of the ЦНППМ and the
    regional operator, the tile «Тьюторы ЦНППМ» (the region's tutors, to their load). No
    template variables of its own."""
    from nastavnik.development.selectors.tutors import is_tutor, overseen_paths, overseen_tutors

    user = request.user
    if request.scope is None:
        return {}
    if is_tutor(user):
        lists = tutor_work_lists(user)
        request.work_lists.extend(lists)
        request.tiles.append(
            Tile(
                "Работа тьютора: маршруты и мероприятия",
                sum(len(w.items) + w.more for w in lists),
                reverse("development:tutor_worklist"),
            )
        )
    if overseen_paths(user):
        request.tiles.append(
            Tile.counted("Тьюторы ЦНППМ", overseen_tutors(user), reverse("development:tutor_list"))
        )
    return {}


def register() -> None:
    """Register the home block (``core.home.register_home_block``)."""
    register_home_block("tutors", home_tutors)
