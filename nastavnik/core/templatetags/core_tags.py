"""Template filters every page may use without ``{% load %}`` (a builtin, see
``settings.TEMPLATES``)."""

from django import template

from nastavnik.core.users import user_name as _user_name

register = template.Library()


@register.filter
def user_name(user) -> str:
    """``{{ document.author|user_name }}``: the person's full name, never the login
    (``core.users.user_name``)."""
    return _user_name(user)
