"""Writes about learners (issue 20; seed 003 §4.4–4.6, 002 §9–§10): the learner and their
person, the leaving, the legal representatives, the account. Pages, the import and the demo
call these; each checks the acting user's right itself (``by=None`` is the system)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action, Role
from nastavnik.access.rules import require_perm
from nastavnik.people.learners import ACCOUNT_MIN_AGE, Learner, LegalRepresentative
from nastavnik.people.models import Person

#: The person's fields a learner's form and the import fill (no СНИЛС, no job: seed 002 §10
#: keeps only what the work needs).
PERSON_FIELDS = ("last_name", "first_name", "middle_name", "sex", "birth_date", "email", "phone")
#: The learner's own fields.
LEARNER_FIELDS = ("kind", "grade", "enrolled_on", "interests")
#: The fields of a legal representative a form fills.
REPRESENTATIVE_FIELDS = (
    "kind",
    "last_name",
    "first_name",
    "middle_name",
    "phone",
    "email",
    "address",
    "id_document_number",
    "id_document_issued_on",
    "id_document_issued_by",
    "authority_document",
    "is_primary",
)
#: The roles an account of a learner may carry (issue 20): a mentee or a mentor of peers.
ACCOUNT_ROLES = (Role.MENTEE, Role.MENTOR)


def _pick(fields: dict, names) -> dict:
    return {name: fields[name] for name in names if name in fields}


@transaction.atomic
def learner_create(*, by, organization, representative: dict | None = None, **fields) -> Learner:
    """Create a learner of ``organization``: the ``Person`` (checked by the learners' birth-date
    rule, ages 5–80) and the ``Learner`` in one transaction (seed 003 §4.4, 002 §9).

    ``fields``: the person's ``last_name``, ``first_name``, ``middle_name``, ``sex``,
    ``birth_date``, ``email``, ``phone`` and the learner's ``kind``, ``grade``, ``enrolled_on``,
    ``interests``. ``representative``: the fields of the primary legal representative to add
    with them (optional).

    Raises:
        ValidationError: a field is invalid (Russian, on its field).
        PermissionDenied: ``by`` may not add learners to ``organization`` (``learner`` ``add``).
    """
    require_perm(by, "learner", Action.ADD, organization)
    person = Person(**_pick(fields, PERSON_FIELDS))
    person._as_learner = True
    person.full_clean()
    person.save()
    learner = Learner(person=person, organization=organization, **_pick(fields, LEARNER_FIELDS))
    learner.full_clean()
    learner.save()
    if representative:
        representative_create(by=by, learner=learner, **{"is_primary": True, **representative})
    return learner


@transaction.atomic
def learner_update(*, by, learner: Learner, **fields) -> Learner:
    """Change a learner's person (name, sex, date of birth, contacts) and class or group,
    kind, dates and interests; the organization is not changed here.

    Raises:
        ValidationError: a field is invalid.
        PermissionDenied: ``by`` may not change the learner (``learner`` ``change``).
    """
    require_perm(by, "learner", Action.CHANGE, learner)
    person = learner.person
    for name, value in _pick(fields, PERSON_FIELDS).items():
        setattr(person, name, value)
    person._as_learner = True
    person.full_clean()
    person.save()
    for name, value in _pick(fields, (*LEARNER_FIELDS, "left_on")).items():
        setattr(learner, name, value)
    learner.full_clean()
    learner.save()
    return learner


@transaction.atomic
def learner_leave(*, by, learner: Learner, left_on: dt.date | None = None) -> Learner:
    """Record that the learner left the organization (выбытие) on ``left_on`` (today by
    default). The learner's open pairs stay until the curator ends them.

    Raises:
        ValidationError: already left; a date in the future or before the enrolment.
        PermissionDenied: ``by`` may not change the learner (``learner`` ``change``).
    """
    require_perm(by, "learner", Action.CHANGE, learner)
    left_on = left_on or timezone.localdate()
    if learner.left_on is not None:
        raise ValidationError(f"Выбытие уже записано: {learner.left_on:%d.%m.%Y}.")
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": "Дата выбытия не может быть в будущем."})
    learner.left_on = left_on
    learner.full_clean()
    learner.save(update_fields=["left_on", "updated_at"])
    return learner


def _check_representative(rep: LegalRepresentative) -> None:
    if rep.id_document_issued_on and rep.id_document_issued_on > timezone.localdate():
        raise ValidationError({"id_document_issued_on": "Дата выдачи документа не может быть в будущем."})
    others = LegalRepresentative.objects.filter(learner_id=rep.learner_id, is_primary=True)
    if rep.pk:
        others = others.exclude(pk=rep.pk)
    if rep.is_primary and others.exists():
        raise ValidationError(
            {"is_primary": "Документы подписывает один законный представитель: он уже указан."}
        )
    if not rep.is_primary and rep.pk and not others.exists():
        raise ValidationError(
            {
                "is_primary": "Документы подписывает один из законных представителей: "
                "отметьте другого, прежде чем снимать отметку с этого."
            }
        )


@transaction.atomic
def representative_create(*, by, learner: Learner, **fields) -> LegalRepresentative:
    """Add a legal representative of ``learner`` (seed 002 §10; 152-ФЗ art. 9 part 4). The
    first one becomes the primary (the one who signs) whatever ``is_primary`` says.

    Raises:
        ValidationError: a field is invalid; a second primary representative.
        PermissionDenied: ``by`` may not add representatives in the learner's organization
            (``legalrepresentative`` ``add``: the curator and the head).
    """
    require_perm(by, "legalrepresentative", Action.ADD, learner.organization)
    rep = LegalRepresentative(learner=learner, **_pick(fields, REPRESENTATIVE_FIELDS))
    if not learner.representatives.filter(is_primary=True).exists():
        rep.is_primary = True
    _check_representative(rep)
    rep.full_clean()
    rep.save()
    return rep


@transaction.atomic
def representative_update(*, by, representative: LegalRepresentative, **fields) -> LegalRepresentative:
    """Change a legal representative's data.

    Raises:
        ValidationError: a field is invalid; a second primary representative.
        PermissionDenied: ``by`` may not change it (``legalrepresentative`` ``change``).
    """
    require_perm(by, "legalrepresentative", Action.CHANGE, representative)
    for name, value in _pick(fields, REPRESENTATIVE_FIELDS).items():
        setattr(representative, name, value)
    _check_representative(representative)
    representative.full_clean()
    representative.save()
    return representative


@transaction.atomic
def representative_delete(*, by, representative: LegalRepresentative) -> None:
    """Remove a legal representative entered by mistake or who is no longer one; when they
    signed the documents, the next representative on file becomes the one who signs.

    Raises:
        ValidationError: the representative gave a consent on file (it must stay as the proof
            of who consented; the consent is withdrawn instead).
        PermissionDenied: ``by`` may not change it (``legalrepresentative`` ``change``).
    """
    require_perm(by, "legalrepresentative", Action.CHANGE, representative)
    if representative.consents.exists():
        raise ValidationError(
            "Этот представитель дал согласие на обработку персональных данных: запись о нём "
            "хранится вместе с согласием. Если полномочия прекращены, отзовите согласие и "
            "добавьте нового представителя."
        )
    learner_id = representative.learner_id
    was_primary = LegalRepresentative.objects.filter(pk=representative.pk, is_primary=True).exists()
    representative.delete()
    if was_primary:
        # the next representative on file signs from now on
        successor = LegalRepresentative.objects.filter(learner_id=learner_id).order_by("pk").first()
        if successor is not None:
            successor.is_primary = True
            successor.save(update_fields=["is_primary", "updated_at"])


def learner_account_create(*, by, learner: Learner, role: str, username: str = "", site: str = ""):
    """Give a learner of 14 or older an account with the role of a mentee or a mentor on their
    organization (issue 20; ``access.services.role_assign`` sends the invitation).

    Returns ``(assignment, invitation)`` as ``role_assign``.

    Raises:
        ValidationError: the learner is younger than ``ACCOUNT_MIN_AGE``, left the
            organization, or the role is not a mentee's or a mentor's; ``role_assign``'s errors.
        PermissionDenied: ``by`` may not change the learner or assign the role.
    """
    from nastavnik.access.services import role_assign

    require_perm(by, "learner", Action.CHANGE, learner)
    if role not in ACCOUNT_ROLES:
        raise ValidationError({"role": "Обучающемуся назначается роль наставляемого или наставника."})
    if learner.person.age() < ACCOUNT_MIN_AGE:
        raise ValidationError(
            f"Учётная запись создаётся обучающемуся, достигшему {ACCOUNT_MIN_AGE} лет; "
            "для младшего с системой работают куратор и законный представитель."
        )
    if learner.left_on is not None and learner.left_on < timezone.localdate():
        raise ValidationError("Обучающийся выбыл из организации: учётная запись не создаётся.")
    return role_assign(
        by=by, person=learner.person, role=role, org_unit=learner.organization, username=username, site=site
    )
