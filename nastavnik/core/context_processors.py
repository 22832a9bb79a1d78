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
    if user_can(user, "roleassignment", "view"):
        items.append(("Роли", reverse("access:list")))
    if user.is_staff:
        items.append(("Администрирование", reverse("admin:index")))
    path = request.path
    nav = [(label, url, path == url or (url != "/" and path.startswith(url))) for label, url in items]
    return {"nav_items": nav}
