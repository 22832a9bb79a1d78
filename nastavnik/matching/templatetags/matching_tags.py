"""Template tags of matching for the pages of other apps (the mentee's bank card)."""

from __future__ import annotations

from django import template

from nastavnik.matching.selectors import pairable_mentees

register = template.Library()


@register.simple_tag
def may_pair(user, mentee_profile) -> bool:
    """Whether ``user`` may form a pair for ``mentee_profile`` (a ``bank.MenteeProfile``): the
    mentee is in an organization where the user may add pairs (the curator). One query."""
    if user is None or not getattr(user, "is_authenticated", False) or mentee_profile is None:
        return False
    return pairable_mentees(user).filter(pk=mentee_profile.pk).exists()
