"""How a user is named to other users: by the person's full name, never by the login.

One helper for pages (the template filter ``user_name`` of ``core.templatetags.core_tags``),
documents, e-mails and histories. A login is a machine identifier; a page, a document or a
letter names the human being (issue 13: «Составил: curator»).
"""

from __future__ import annotations

#: Who an account without a name is, when it is a superuser (the demo's ``admin``).
ADMINISTRATOR = "администратор системы"
#: Who any other account without a name is.
NAMELESS = "пользователь системы"


def user_name(user) -> str:
    """The name to show for ``user`` (a ``User``, or ``None``/anonymous → ``""``).

    In order: the full name of the person linked to the account (``Person.user``), the
    account's own first and last name, «администратор системы» for a superuser, the user's
    role («муниципальный координатор»; the first by the order of ``Role``), else «пользователь
    системы». Never the login. Reads ``user.person`` (one query unless it was selected with
    ``select_related("…__person")``), and the roles only for an account without a name.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    person = getattr(user, "person", None)  # RelatedObjectDoesNotExist is an AttributeError
    if person is not None and str(person).strip():
        return str(person)
    full = user.get_full_name().strip()
    if full:
        return full
    if user.is_superuser:
        return ADMINISTRATOR
    from nastavnik.access.choices import Role
    from nastavnik.access.models import RoleAssignment

    held = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    role = next((r for r in Role if r in held), None)
    if role is None:
        return NAMELESS
    return role.label[0].lower() + role.label[1:]  # «тьютор ЦНППМ»: the abbreviation stays
