"""Navigation by role: menu items the user's scope can open."""

from __future__ import annotations

from django.urls import reverse

from nastavnik.access.scope import get_scope, user_can


def navigation(request) -> dict:
    """``{"nav_items": [(label, url, active)]}`` for the signed-in user; empty otherwise."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [("Главная", reverse("core:home"))]
    if user_can(user, "orgunit", "view"):
        items.append(("Организации", reverse("organizations:list")))
    # Those who may read no one's card and have none themselves (the national operator, who
    # watches aggregates only: access.choices.NATIONAL_WATCHERS) are not offered the people list.
    own_person = get_scope(user).person_id if not user.is_superuser else None
    if own_person or user_can(user, "person", "view"):
        items.append(("Педагоги", reverse("people:list")))
    # Learners, participants outside the staff and partners (issue 20) are one menu item; its
    # parts are the second row (``learners_nav``).
    learners = _learners_items(user)
    if learners:
        items.append(("Обучающиеся", learners[0][1]))
    if user_can(user, "mentorprofile", "view"):
        items.append(("Банк", reverse("bank:mentor_list")))
    # Mentors and mentees find their own programs there; those above them, the programs of their
    # units.
    if own_person or user_can(user, "personalizedprogram", "view"):
        items.append(("Программы", reverse("mentoring:program_list")))
    if user_can(user, "pair", "view"):
        items.append(("Подбор", reverse("matching:pool")))
    if user_can(user, "mentoringprogram", "view"):
        items.append(("Программа ОО", reverse("mentoring:mentoring_program_list")))
    if user_can(user, "document", "view"):
        items.append(("Документы", reverse("documents:list")))
    if user_can(user, "roadmap", "view"):
        items.append(("Дорожные карты", reverse("roadmaps:list")))
    # Professional development is one menu item; its parts are the second row
    # (``development_nav``), as for monitoring.
    development = _development_items(user)
    if development:
        items.append(("Развитие", development[0][1]))
    # Monitoring is one menu item; its parts are the second row (``monitoring_nav``).
    monitoring = _monitoring_items(user)
    if monitoring:
        items.append(("Мониторинг", monitoring[0][1]))
    elif get_scope(user).person_id:
        # a mentor or mentee: the questionnaires they owe and answered (seed 004 §9.2)
        items.append(("Мои анкеты", reverse("monitoring:my_questionnaires")))
    # Openness and recognition (issue 19) is one menu item; its parts are the second row
    # (``openness_nav``).
    openness = _openness_items(user)
    if openness:
        items.append(("Открытость", openness[0][1]))
    # The open bank of mentors is regional: every signed-in user may search it (seed 001 §7.1.1).
    items.append(("Открытый банк наставников", reverse("bank:open_bank")))
    if user_can(user, "roleassignment", "view"):
        items.append(("Роли", reverse("access:list")))
    if user_can(user, "auditevent", "view"):
        items.append(("Журнал действий", reverse("audit:list")))
    if user.is_staff:
        items.append(("Администрирование", reverse("admin:index")))
    path = request.path
    # The longest menu address the page starts with is the active one («Банк» /bank/ and
    # «Открытый банк» /bank/open/ share a prefix).
    matching = [url for _label, url in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matching, key=len, default=None)
    if monitoring and path.startswith(MONITORING_PREFIX):
        current = monitoring[0][1]
    if development and path.startswith(DEVELOPMENT_PREFIX):
        current = development[0][1]
    in_learners = bool(learners) and path.startswith(LEARNERS_PREFIXES)
    if in_learners:
        current = learners[0][1]
    in_openness = bool(openness) and any(path.startswith(url) for _label, url in openness[:-1])
    if in_openness:
        current = openness[0][1]
    context = {"nav_items": [(label, url, url == current) for label, url in items]}
    if in_openness:
        context["openness_nav"] = _active(openness, path, root="")
    if in_learners:
        context["learners_nav"] = _active(learners, path, root="")
    if monitoring and path.startswith(MONITORING_PREFIX):
        context["monitoring_nav"] = _active(monitoring, path)
    if development and path.startswith(DEVELOPMENT_PREFIX):
        context["development_nav"] = _active(development, path, root=DEVELOPMENT_PREFIX)
    return context


#: Where the pages of professional development live (``nastavnik.urls``).
DEVELOPMENT_PREFIX = "/development/"


def _development_items(user) -> list[tuple[str, str]]:
    """The parts of professional development the user may open (issue 18; seed 000 §4.3.2–4.3.3),
    as ``(label, url)``: the routes, the diagnoses, the catalogue of courses, the tutor's own work,
    the tutors' load, the base of trained mentors. Core names the pages by their URL names only."""
    parts = [
        ("individualroute", "Маршруты", "development:route_list"),
        ("diagnosis", "Диагностика", "development:diagnosis_list"),
        ("course", "Курсы", "development:course_list"),
        ("tutorwork", "Работа тьютора", "development:tutor_worklist"),
        ("tutorload", "Тьюторы", "development:tutor_list"),
        ("trainedbase", "Обученные наставники", "development:trained_list"),
    ]
    return [(label, reverse(name)) for model, label, name in parts if user_can(user, model, "view")]


def _openness_items(user) -> list[tuple[str, str]]:
    """The parts of openness and recognition the user may open (issue 19; seed 000 §3.4, §4.1.2,
    App. 2 §2.3–2.5; 003 §5.1), as ``(label, url)``: the section «Наставничество» the user keeps,
    the requests for a mentor, the monthly check of the sections, best practices, the regional
    contest, the incentives and the mentors' effectiveness; the public pages last (open to all).
    Empty when the user may open none of the parts."""
    parts = [
        ("publicsection", "change", "Раздел на сайте", "sections:kept"),
        ("mentorrequest", "view", "Обращения к наставникам", "public_bank:request_list"),
        ("sectioncheck", "view", "Проверка разделов", "section_checks:list"),
        ("bestpractice", "view", "Лучшие практики", "practices:list"),
        ("contest", "view", "Конкурс", "contests:list"),
        ("award", "view", "Поощрения", "incentives:overview"),
        ("mentoreffectiveness", "view", "Эффективность наставников", "incentives:effectiveness"),
    ]
    items = [(label, reverse(name)) for model, action, label, name in parts if user_can(user, model, action)]
    if items:
        items.append(("Публичные страницы", reverse("sections:region")))
    return items


#: Where the pages of the learners' contour live (``nastavnik.urls``): learners, partners.
LEARNERS_PREFIXES = ("/learners/", "/partners/")


def _learners_items(user) -> list[tuple[str, str]]:
    """The parts of the learners' contour the user may open (issue 20; seed 003 §4, 002 §1, §6),
    as ``(label, url)``: the learners, the participants outside the staff, the partners."""
    parts = [
        ("learner", "Обучающиеся", "learners:list"),
        ("nonstaffparticipant", "Участники вне штата", "partners:nonstaff_list"),
        ("partner", "Организации-партнёры", "partners:list"),
    ]
    return [(label, reverse(name)) for model, label, name in parts if user_can(user, model, "view")]


#: Where the monitoring pages live (``nastavnik.urls``).
MONITORING_PREFIX = "/monitoring/"


def _monitoring_items(user) -> list[tuple[str, str]]:
    """The parts of monitoring the user may open, as ``(label, url)``; the first is where the
    menu item «Мониторинг» leads. Core names the pages by their URL names only (it imports
    nothing of the monitoring app)."""
    parts = [
        ("indicator", "Сводка", "monitoring:dashboard"),
        ("indicator", "Показатели", "monitoring:indicators"),
        ("monitoringcampaign", "Мониторинги", "monitoring:campaign_list"),
        ("questionnaire", "Анкеты", "monitoring:questionnaire_list"),
        ("federalstatisticsreport", "Федеральная статистика", "monitoring:federal"),
        ("learnercontingent", "Контингент обучающихся", "monitoring:contingent"),
        ("risk", "Риски", "monitoring:risks"),
        ("analyticalreport", "Аналитические справки", "monitoring:report_list"),
    ]
    items = [(label, reverse(name)) for model, label, name in parts if user_can(user, model, "view")]
    if items and get_scope(user).person_id:
        items.append(("Мои анкеты", reverse("monitoring:my_questionnaires")))
    return items


def _active(
    items: list[tuple[str, str]], path: str, root: str = MONITORING_PREFIX
) -> list[tuple[str, str, bool]]:
    """``(label, url, active)``: the longest address the page starts with is active; the section's
    own address (``root``: ``/monitoring/``, the dashboard) only on itself and the units'
    dashboards."""
    matching = [url for _label, url in items if path == url or (url != root and path.startswith(url))]
    current = max(matching, key=len, default=None)
    if current is None and root == MONITORING_PREFIX and (path == root or path.startswith(root + "units/")):
        current = MONITORING_PREFIX
    return [(label, url, url == current) for label, url in items]
