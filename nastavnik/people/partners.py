"""Whom a person works with: the registry through which higher apps tell ``people`` who a
participant may see.

A mentor sees their mentees and a mentee their mentors through their active pairs (seed 000
§4.1). The pairs live in ``mentoring``, above ``people``; so ``mentoring`` registers its source
here in ``MentoringConfig.ready`` and ``Person.scope_filter`` asks :func:`partner_ids_q` without
importing upward.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet

_sources: dict[str, Callable[[int], QuerySet]] = {}


def register_partner_source(name: str, source: Callable[[int], QuerySet]) -> None:
    """Add (or replace, by ``name``) a source: ``source(person_id)`` returns a one-column queryset
    of the ids of the people ``person_id`` works with now."""
    _sources[name] = source


def partner_ids_q(person_id: int) -> Q:
    """``Q`` over ``Person``: the people ``person_id`` works with now, by every registered source;
    nothing when none is registered."""
    condition = Q(pk__in=[])
    for source in _sources.values():
        condition |= Q(pk__in=source(person_id))
    return condition


_mentee_sources: dict[str, Callable[[int], QuerySet]] = {}


def register_mentee_source(name: str, source: Callable[[int], QuerySet]) -> None:
    """Add (or replace, by ``name``) a source of the people a person guides now as their mentor:
    ``source(person_id)`` returns a one-column queryset of person ids (one direction only, unlike
    :func:`register_partner_source`: a mentee does not reach their mentor's route)."""
    _mentee_sources[name] = source


def mentee_ids_q(person_id: int, field: str = "pk") -> Q:
    """``Q`` over a model whose ``field`` is a person id: the people ``person_id`` guides now as
    their mentor, by every registered source; nothing when none is registered."""
    condition = Q(pk__in=[])
    for source in _mentee_sources.values():
        condition |= Q(**{f"{field}__in": source(person_id)})
    return condition
