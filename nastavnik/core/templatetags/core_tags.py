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


@register.simple_tag(takes_context=True)
def page_media(context) -> str:
    """``{% page_media %}`` (in the ``<head>`` of ``base.html``): the scripts and styles the
    widgets of the page's forms need — each form of the context and each filter set's form —
    merged once in the order they need (the type-ahead choosers of ``core.autocomplete``: jQuery,
    then Select2 and DAL). Pages whose widgets need none get nothing."""
    import django_filters
    from django import forms

    media = forms.Media()
    seen = set()
    for value in context.flatten().values():
        form = value if isinstance(value, forms.BaseForm) else None
        if form is None and isinstance(value, django_filters.FilterSet):
            form = value.form
        if form is None or id(form) in seen:
            continue
        seen.add(id(form))
        media += form.media
    return media.render()
