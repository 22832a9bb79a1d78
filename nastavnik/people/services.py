"""Writes to the personified record of pedagogical workers (seed 000 §4.1.2)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.core.concurrency import version_claim
from nastavnik.people.models import Employment, Person
from nastavnik.people.validators import normalize_snils


@transaction.atomic
def person_create(
    *,
    organization,
    started_on: dt.date | None = None,
    subjects=(),
    by=None,
    **fields,
) -> Person:
    """Create a person employed (primary job) in ``organization`` from ``started_on``.

    ``fields`` are Person fields; ``snils`` may be given with dashes and spaces.

    Raises:
        django.core.exceptions.ValidationError: invalid or duplicate СНИЛС, missing
            required field, pedagogical experience above total (field-level, Russian).
        django.core.exceptions.PermissionDenied: ``by`` may not add people to
            ``organization`` (``person`` ``add``; ``by=None`` is the system).
    """
    require_perm(by, "person", Action.ADD, organization)
    if fields.get("snils"):
        fields["snils"] = normalize_snils(fields["snils"])
    else:
        fields["snils"] = None
    person = Person(**fields)
    person.full_clean()
    person.save()
    if subjects:
        person.subjects.set(subjects)
    employment = Employment(
        person=person,
        organization=organization,
        position=person.position,
        job_title=person.job_title,
        started_on=started_on,
        is_primary=True,
    )
    employment.full_clean()
    employment.save()
    return person


@transaction.atomic
def person_update(
    *, person: Person, subjects=None, by=None, expected_version: int | None = None, **fields
) -> Person:
    """Change a person's fields (and subjects when given).

    ``expected_version``: the card's ``version`` when the user opened the form (optimistic
    locking, ``core.concurrency``: the page's hidden field, the API's ``version``); ``None`` does
    not check. The row is locked until the end of the transaction; every write of the card
    increases its version.

    Raises:
        nastavnik.core.concurrency.ConcurrentEditError: (a ``ValidationError``) the card was
            changed or deleted since ``expected_version``; nothing written, ``current`` is the
            stored card.
        django.core.exceptions.ValidationError: as :func:`person_create`.
        django.core.exceptions.PermissionDenied: ``by`` may not change the person
            (``by=None`` is the system).
    """
    require_perm(by, "person", Action.CHANGE, person)
    version_claim(Person, person.pk, expected_version)
    if "snils" in fields:
        fields["snils"] = normalize_snils(fields["snils"] or "") or None
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    if subjects is not None:
        person.subjects.set(subjects)
    return person


@transaction.atomic
def employment_add(
    *,
    person: Person,
    organization,
    position=None,
    job_title: str = "",
    started_on: dt.date | None = None,
    is_primary: bool = False,
    by=None,
) -> Employment:
    """Record that ``person`` works (also) in ``organization`` from ``started_on``.

    Making it primary clears the flag on the person's other current employments.

    Raises:
        django.core.exceptions.ValidationError: the organization is a territory, the person
            already works there (open employment), dates out of order (Russian messages).
        django.core.exceptions.PermissionDenied: ``by`` may not change the person or add
            people to ``organization`` (``by=None`` is the system).
    """
    require_perm(by, "person", Action.CHANGE, person)
    require_perm(by, "person", Action.ADD, organization)
    employment = Employment(
        person=person,
        organization=organization,
        position=position,
        job_title=job_title,
        started_on=started_on,
        is_primary=is_primary,
    )
    employment.full_clean()
    employment.save()
    if is_primary:
        Employment.objects.current().filter(person=person).exclude(pk=employment.pk).update(is_primary=False)
    return employment


@transaction.atomic
def employment_end(*, employment: Employment, ended_on: dt.date, by=None) -> Employment:
    """Close an employment on ``ended_on`` (dismissal or transfer).

    After the date the person leaves the scope of that organization's curator and head.

    Raises:
        django.core.exceptions.ValidationError: ``ended_on`` before the start date, or the
            employment is already closed.
        django.core.exceptions.PermissionDenied: ``by`` does not keep the employment's
            organization (``person`` ``add`` there; ``by=None`` is the system).
    """
    require_perm(by, "person", Action.ADD, employment.organization)
    from django.core.exceptions import ValidationError

    if employment.ended_on is not None:
        raise ValidationError({"ended_on": "Это место работы уже закрыто."})
    employment.ended_on = ended_on
    employment.full_clean()
    employment.save(update_fields=["ended_on"])
    return employment
