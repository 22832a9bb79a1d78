"""Navigation by role: menu items the user's scope can open."""

from __future__ import annotations

from django.urls import reverse

from nastavnik.access.scope import user_can


def navigation(request) -> dict:
    """``{"nav_items": [(label, url, active)]}`` for the signed-in user; empty otherwise."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [("Главная", reverse("core:home"))]
    if user_can(user, "orgunit", "view"):
        items.append(("Организации", reverse("organizations:list")))
    items.append(("Педагоги", reverse("people:list")))
    if user_can(user, "mentorprofile", "view"):
        items.append(("Банк", reverse("bank:mentor_list")))
    # Everyone signed in: mentors and mentees find their own programs there.
    items.append(("Программы", reverse("mentoring:program_list")))
    if user_can(user, "pair", "view"):
        items.append(("Подбор", reverse("matching:pool")))
    if user_can(user, "mentoringprogram", "view"):
        items.append(("Программа ОО", reverse("mentoring:mentoring_program_list")))
    if user_can(user, "document", "view"):
        items.append(("Документы", reverse("documents:list")))
    if user_can(user, "roadmap", "view"):
        items.append(("Дорожные карты", reverse("roadmaps:list")))
    if user_can(user, "indicator", "view"):
        items.append(("Мониторинг", reverse("monitoring:dashboard")))
    if user_can(user, "monitoringcampaign", "view"):  # the campaigns and the organizations' tasks
        items.append(("Мониторинги", reverse("monitoring:campaign_list")))
    if user_can(user, "questionnaire", "view"):  # the builder and the results of questionnaires
        items.append(("Анкеты", reverse("monitoring:questionnaire_list")))
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
    return {"nav_items": [(label, url, url == current) for label, url in items]}
