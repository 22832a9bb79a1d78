"""Template tags of matching for the pages of other apps (the mentee's bank card)."""

from __future__ import annotations

from django import template

from nastavnik.matching import selectors

register = template.Library()


@register.simple_tag
def may_pair(user, mentee_profile) -> bool:
    """Whether ``user`` may form a pair for ``mentee_profile`` (a ``bank.MenteeProfile``):
    :func:`nastavnik.matching.selectors.may_pair`. At most one query."""
    return selectors.may_pair(user, mentee_profile)
