"""The consent rule (152-ФЗ art. 9), stated once where every app can use it.

A person without a valid consent to personal-data processing is seen only by the curator and
the head of their organization (``access.choices.CONSENT_EXEMPT_ROLES``) and by themselves;
everyone else must not see their name anywhere.

Which consent is valid is decided by the app that keeps the consents (``bank``: a
``PersonalDataConsent`` is valid while it is not withdrawn). ``people`` is below ``bank`` and
must not import it, so the bank registers its source here in ``BankConfig.ready``
(:func:`register_consent_source`); every app — people, bank, mentoring, matching, documents —
asks this module: :func:`consented_person_ids`, :func:`consented_q`, :func:`unconsented_q`,
:func:`consent_exists`, or ``Person.objects.consented()``.

The source is evaluated on each call and is a subquery, so the rule follows the consents'
dates as the bank reads them (a withdrawal, or a term if one is ever added) without a
denormalized copy to keep in step. With no source registered the rule refuses to answer
(``ImproperlyConfigured``) rather than show everyone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, Q, QuerySet

_source: Callable[[], QuerySet] | None = None


def register_consent_source(source: Callable[[], QuerySet]) -> None:
    """Declare where valid consents come from: ``source()`` returns a one-column queryset of the
    ids of people with a valid consent (``.values("person_id")``). Called once, by
    ``bank.apps.BankConfig.ready``; a second call replaces the first."""
    global _source
    _source = source


def consented_person_ids() -> QuerySet:
    """Subquery (one column) of ids of the people who may be shown beyond the curator and the head
    of their organization: a valid consent to personal-data processing, and not a minor learner
    (seed 002 §10: nothing about a minor leaves the organization but to the participants of
    their pairs — who ask :func:`partner_consented_q`; issue 20).

    Use inside ``__in`` lookups, or filter it by ``person_id`` (see :func:`consent_exists`).

    Raises:
        ImproperlyConfigured: no source registered (the ``bank`` app is not installed).
    """
    from nastavnik.people.learners import minor_learner_exists

    # A correlated NOT EXISTS per consent, not NOT IN (every minor of the region): a list inside
    # every consent check would make the planners probe two-column indexes by lists of subqueries.
    return valid_consent_person_ids().exclude(minor_learner_exists("person_id"))


def valid_consent_person_ids() -> QuerySet:
    """Subquery (one column) of ids of the people with a valid consent to personal-data
    processing, minors included (for a minor the consent is given by the legal representative).
    Only the participants of a pair ask it (:func:`partner_consented_q`); every other reader asks
    :func:`consented_person_ids`.

    Raises:
        ImproperlyConfigured: no source registered (the ``bank`` app is not installed).
    """
    if _source is None:
        raise ImproperlyConfigured("Не подключён источник согласий на обработку персональных данных.")
    return _source()


def partner_consented_q(field: str = "pk") -> Q:
    """``Q`` over a model whose ``field`` is a person id: the person has a valid consent, minor or
    not. The rule for a participant who looks at the other side of their own pair: a pupil mentor
    and a teacher mentor see their minor mentee (seed 002 §10; issue 20)."""
    return Q(Exists(valid_consent_person_ids().filter(person_id=OuterRef(field))))


def consent_exists(person_ref: str) -> Exists:
    """``Exists`` for annotations: the person whose id is in the outer field ``person_ref``
    (``"person_id"``, ``"mentor_id"``…) has a valid consent."""
    return Exists(consented_person_ids().filter(person_id=OuterRef(person_ref)))


def consented_q(field: str = "pk") -> Q:
    """``Q`` over a model whose ``field`` is a person id (``"pk"`` for ``Person``,
    ``"mentor_id"``, ``"person_id"``, ``"pair__mentee_id"``…): the person has a valid consent.

    A correlated ``EXISTS`` per row, not ``IN (subquery)``: two ``IN`` lists on a pair's mentor
    and mentee make SQLite walk their unique index over the cross product (seconds per page)."""
    return Q(consent_exists(field))


def unconsented_q(field: str = "pk") -> Q:
    """``Q``: the person in ``field`` has no valid consent (an empty ``field`` does not match)."""
    return Q(**{f"{field}__isnull": False}) & ~consented_q(field)


#: The text shown instead of the name of a person the user may not see (152-ФЗ art. 9; a minor
#: learner beyond their organization, seed 002 §10).
HIDDEN_PERSON = "участник скрыт: нет согласия на обработку персональных данных или он несовершеннолетний"


class HiddenPerson:
    """Stands in, on a page, for a person the user must not see (152-ФЗ art. 9): every name
    reads :data:`HIDDEN_PERSON`, there is no link (``get_absolute_url`` is empty), and
    ``is_hidden`` is true for templates that want to say more. Only ``pk``/``id`` are kept, so
    the row that holds it still counts and saves as before; the real person is untouched."""

    is_hidden = True
    first_name = middle_name = ""
    last_name = full_name = short_name = HIDDEN_PERSON

    def __init__(self, pk: int):
        self.pk = self.id = pk

    def __str__(self) -> str:
        return HIDDEN_PERSON

    def __eq__(self, other) -> bool:
        return isinstance(other, HiddenPerson) and other.pk == self.pk

    def __hash__(self) -> int:
        return hash(("hidden-person", self.pk))

    def get_absolute_url(self) -> str:
        return ""


def hidden_person_ids(user, ids, *, unconsented: set[int] | None = None) -> set[int]:
    """Of the person ids ``ids``, those ``user`` must not see named: without a valid consent to
    personal-data processing, unless the user reaches them anyway — the curator and the head of
    their organization, the person themselves, a superuser (``Person.objects.for_user``).

    ``unconsented``: the ids among ``ids`` known to have no valid consent (e.g. from
    :func:`consent_exists` annotations), which saves the first query. Two queries at most; none
    for an empty ``ids`` or when nobody lacks a consent."""
    from nastavnik.people.models import Person

    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return set()
    if unconsented is None:
        unconsented = set(
            Person.objects.filter(pk__in=ids).exclude(consented_q("pk")).values_list("pk", flat=True)
        )
    unconsented = unconsented & ids
    if not unconsented:
        return set()
    reached = set(Person.objects.for_user(user).filter(pk__in=unconsented).values_list("pk", flat=True))
    return unconsented - reached


def hide_unconsented(user, rows, *fields: str, unconsented: set[int] | None = None):
    """Replace, in the loaded ``rows`` (model instances), the related person of each of
    ``fields`` (a foreign key to ``Person``: ``"mentor"``, ``"mentee"``; or a dotted path
    ``"mentee.person"``) by a :class:`HiddenPerson` when ``user`` must not see them
    (:func:`hidden_person_ids`, ``unconsented`` passed on). The replacement lives in the
    instance's relation cache only; nothing is written. Returns ``rows`` (a list)."""
    rows = list(rows)

    def holder_and_name(row, path: str):
        *chain, name = path.split(".")
        for step in chain:
            row = getattr(row, step, None)
            if row is None:
                return None, name
        return row, name

    ids = set()
    for row in rows:
        for path in fields:
            holder, name = holder_and_name(row, path)
            if holder is not None:
                ids.add(getattr(holder, f"{name}_id", None))
    hidden = hidden_person_ids(user, ids, unconsented=unconsented)
    if not hidden:
        return rows
    for row in rows:
        for path in fields:
            holder, name = holder_and_name(row, path)
            if holder is not None and getattr(holder, f"{name}_id", None) in hidden:
                holder._state.fields_cache[name] = HiddenPerson(getattr(holder, f"{name}_id"))
    return rows


def hide_names_in_text(text: str, people) -> str:
    """``text`` with the full and the short names of ``people`` (``Person`` objects) replaced by
    :data:`HIDDEN_PERSON`: for free texts and histories written with a name in them (a program's
    goals, «Пара завершена: …»), shown to a user who must not see those people."""
    if not text:
        return text
    names = {name for person in people for name in (person.full_name, person.short_name) if name}
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, HIDDEN_PERSON)
    return text
