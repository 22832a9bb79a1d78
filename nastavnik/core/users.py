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
    account's own first and last name, «администратор системы» for a superuser, else
    «пользователь системы». Never the login. Reads ``user.person`` (one query unless it was
    selected with ``select_related("…__person")``); nothing else, so that a list of authors
    costs no query per row.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    person = getattr(user, "person", None)  # RelatedObjectDoesNotExist is an AttributeError
    if person is not None and str(person).strip():
        return str(person)
    full = user.get_full_name().strip()
    if full:
        return full
    return ADMINISTRATOR if user.is_superuser else NAMELESS
