"""Writes to best practices: the author unit creates and changes a case and its files, submits it
or withdraws it; the municipality or the region returns it with remarks, publishes it in the
regional base of effective programs or takes it off (seed 000 App. 2 §2.3, 003 §4.8).

Every function is keyword-only, runs in one transaction and writes ``BestPracticeEvent`` rows with
their author (the history of the case) and a line of the application log. A function acting for a
user (``by``) checks the right itself (``access.rules.require_perm`` over
``PERMISSIONS["bestpractice"]``, narrowed by ``BestPractice.scope_filter``; ``PermissionDenied``
otherwise; ``by=None`` is the system), then what the data allow (``ValidationError`` in Russian).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.access.scope import get_scope
from nastavnik.core.concurrency import version_claim
from nastavnik.core.typography import quoted
from nastavnik.core.uploads import DOCUMENT_CHECK, check_field_upload
from nastavnik.organizations.models import OrgUnit
from nastavnik.practices.choices import PracticeEventKind
from nastavnik.practices.models import AUTHOR_LEVELS, BestPractice, BestPracticeEvent, BestPracticeFile
from nastavnik.practices.rules import TRANSITIONS

logger = logging.getLogger("nastavnik.practices")

#: The fields of a case its author fills.
FIELDS = ("title", "form", "kind", "area", "summary", "description", "results")
#: The most files of one case.
MAX_FILES = 10


def event_write(*, practice: BestPractice, kind: str, summary: str, by=None, comment: str = "", **statuses):
    """Append one event to the history of ``practice`` (``from_status``/``to_status`` optional)."""
    return BestPracticeEvent.record(
        practice=practice, kind=kind, summary=summary, comment=comment, by=by, **statuses
    )


def _journal(practice: BestPractice, what: str, by) -> None:
    logger.info("bestpractice %s: %s by user %s", practice.pk, what, getattr(by, "pk", None))


def can_author(user, unit: OrgUnit) -> bool:
    """Whether ``user`` may write cases of ``unit`` (``None``: the system): a superuser, or a holder
    of the ``bestpractice`` ``add`` right on the unit itself (its curator or head, the coordinator
    of a municipality, the operator of the region)."""
    if user is None:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or unit.pk in get_scope(user).unit_ids("bestpractice", Action.ADD)


def _clean_fields(fields: dict) -> dict:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return {name: (value.strip() if isinstance(value, str) else value) for name, value in fields.items()}


@transaction.atomic
def practice_create(*, organization: OrgUnit, by, **fields) -> BestPractice:
    """A new draft case of ``organization`` (``fields``: :data:`FIELDS`).

    Raises:
        PermissionDenied: ``by`` does not keep the cases of ``organization``.
        ValidationError: a unit that does not write cases (the federal level), a field left empty
            or too long.
    """
    if not can_author(by, organization):
        raise PermissionDenied("Лучшие практики организации ведут её куратор и руководитель.")
    if organization.level not in AUTHOR_LEVELS:
        raise ValidationError(
            {"organization": "Практику представляет организация, муниципалитет или регион."}
        )
    practice = BestPractice(
        organization=organization,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **_clean_fields(fields),
    )
    practice.full_clean()
    practice.save()
    event_write(
        practice=practice,
        kind=PracticeEventKind.CREATED,
        summary="Практика создана",
        by=by,
        to_status=practice.status,
    )
    _journal(practice, "created", by)
    return practice


def _locked(practice: BestPractice) -> BestPractice:
    return (
        BestPractice.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=practice.pk)
    )


def _require_editable(practice: BestPractice, by) -> None:
    """``PermissionDenied`` unless ``by`` keeps ``practice``; ``ValidationError`` unless it may
    change in its status."""
    require_perm(by, "bestpractice", Action.CHANGE, practice)
    if not practice.is_editable:
        raise ValidationError(
            f"Практика в статусе «{practice.get_status_display()}»: изменить её можно только в черновике, "
            "после возврата на доработку или после снятия с публикации."
        )


@transaction.atomic
def practice_update(
    *, practice: BestPractice, by, expected_version: int | None = None, **fields
) -> BestPractice:
    """Change the fields of a case (a draft, returned or unpublished one).

    Raises:
        PermissionDenied: ``by`` does not keep it.
        ConcurrentEditError: it changed since the form was opened at ``expected_version``.
        ValidationError: it is submitted or published; a field empty or too long.
    """
    version_claim(BestPractice, practice.pk, expected_version)
    fresh = _locked(practice)
    _require_editable(fresh, by)
    for name, value in _clean_fields(fields).items():
        setattr(fresh, name, value)
    fresh.full_clean()
    fresh.save()
    event_write(practice=fresh, kind=PracticeEventKind.CHANGED, summary="Практика изменена", by=by)
    _journal(fresh, "changed", by)
    return fresh


@transaction.atomic
def file_add(*, practice: BestPractice, by, file, title: str = "") -> BestPracticeFile:
    """Attach a file to an editable case (checked by ``core.uploads.DOCUMENT_CHECK``).

    Raises:
        PermissionDenied: ``by`` does not keep the case.
        ValidationError: the case cannot change now; no file, an empty one, a file of another
            kind or over 20 МБ; more than :data:`MAX_FILES` files.
    """
    fresh = _locked(practice)
    _require_editable(fresh, by)
    if not file or not getattr(file, "size", 0):
        raise ValidationError({"file": "Выберите непустой файл."})
    check_field_upload(DOCUMENT_CHECK, file, "file")
    if fresh.files.count() >= MAX_FILES:
        raise ValidationError({"file": f"К практике можно приложить не больше {MAX_FILES} файлов."})
    name = (title or "").strip() or file.name.rsplit("/", 1)[-1]
    row = BestPracticeFile.objects.create(
        practice=fresh,
        file=file,
        title=name[:300],
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    event_write(
        practice=fresh, kind=PracticeEventKind.FILE, summary=f"Загружен файл {quoted(name[:200])}", by=by
    )
    _journal(fresh, f"file {row.pk} added", by)
    return row


@transaction.atomic
def file_remove(*, row: BestPracticeFile, by) -> None:
    """Remove a file of an editable case (the stored file too).

    Raises:
        PermissionDenied: ``by`` does not keep the case.
        ValidationError: the case cannot change now.
    """
    practice = _locked(row.practice)
    _require_editable(practice, by)
    title = row.title
    row.file.delete(save=False)
    row.delete()
    event_write(
        practice=practice, kind=PracticeEventKind.FILE, summary=f"Удалён файл {quoted(title[:200])}", by=by
    )
    _journal(practice, "file removed", by)


def readiness_errors(practice: BestPractice) -> list[str]:
    """What keeps ``practice`` from being submitted, as Russian sentences (empty when nothing)."""
    errors = []
    if not practice.description.strip():
        errors.append("Опишите практику: поле «Описание практики» не заполнено.")
    if not practice.results.strip():
        errors.append("Укажите результаты практики: поле «Результаты» не заполнено.")
    return errors


def _step(*, practice: BestPractice, slug: str, by, comment: str = "", check=None, **changes) -> BestPractice:
    """Take the workflow step ``slug`` (``rules.TRANSITIONS``) for ``by``: the right first
    (``PermissionDenied``), then the status and ``check(fresh)`` (``ValidationError``); the new
    status, ``changes`` and one event with ``comment``."""
    transition = TRANSITIONS[slug]
    fresh = _locked(practice)
    require_perm(by, "bestpractice", transition.right, fresh)
    refusal = transition.refusal_for(fresh)
    if refusal:
        raise ValidationError(refusal)
    if check is not None:
        check(fresh)
    from_status = fresh.status
    fresh.status = transition.target
    for name, value in changes.items():
        setattr(fresh, name, value)
    fresh.save(update_fields=["status", "updated_at", *changes])
    event_write(
        practice=fresh,
        kind=PracticeEventKind.STATUS,
        summary=transition.summary,
        comment=(comment or "").strip(),
        by=by,
        from_status=from_status,
        to_status=transition.target,
    )
    _journal(fresh, f"{from_status} -> {transition.target}", by)
    practice.refresh_from_db()
    return practice


def _ready(practice: BestPractice) -> None:
    errors = readiness_errors(practice)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def practice_submit(*, practice: BestPractice, by) -> BestPractice:
    """Send a draft (returned, unpublished) case to moderation.

    Raises:
        PermissionDenied: ``by`` does not keep it.
        ValidationError: not in a status it is sent from; no description or no results.
    """
    return _step(practice=practice, slug="submit", by=by, check=_ready, submitted_at=timezone.now())


@transaction.atomic
def practice_withdraw(*, practice: BestPractice, by) -> BestPractice:
    """Take a submitted case back into a draft before the moderator has decided.

    Raises:
        PermissionDenied: ``by`` does not keep it.
        ValidationError: it is not on moderation.
    """
    return _step(practice=practice, slug="withdraw", by=by)


@transaction.atomic
def practice_return(*, practice: BestPractice, by, comment: str) -> BestPractice:
    """Return a submitted case to its author with the moderator's remarks.

    Raises:
        PermissionDenied: ``by`` does not moderate it.
        ValidationError: no remarks; it is not on moderation.
    """
    if not (comment or "").strip():
        raise ValidationError({"comment": "Напишите замечания: что нужно доработать."})
    return _step(practice=practice, slug="return", by=by, comment=comment)


@transaction.atomic
def practice_publish(*, practice: BestPractice, by, comment: str = "") -> BestPractice:
    """Publish a submitted case in the regional base of effective programs (seed 000 App. 2 §2.3).

    Raises:
        PermissionDenied: ``by`` does not moderate it.
        ValidationError: it is not on moderation; no description or no results.
    """
    return _step(
        practice=practice,
        slug="publish",
        by=by,
        comment=comment,
        check=_ready,
        published_at=timezone.now(),
        published_by=by if getattr(by, "is_authenticated", False) else None,
    )


@transaction.atomic
def practice_unpublish(*, practice: BestPractice, by, comment: str) -> BestPractice:
    """Take a published case off the public base, with the reason.

    Raises:
        PermissionDenied: ``by`` does not moderate it.
        ValidationError: no reason; it is not published.
    """
    if not (comment or "").strip():
        raise ValidationError({"comment": "Укажите причину снятия с публикации."})
    return _step(practice=practice, slug="unpublish", by=by, comment=comment)


#: slug → the service of the step (the pages call them by the step's slug).
STEP_SERVICES = {
    "submit": lambda practice, by, comment: practice_submit(practice=practice, by=by),
    "withdraw": lambda practice, by, comment: practice_withdraw(practice=practice, by=by),
    "return": lambda practice, by, comment: practice_return(practice=practice, by=by, comment=comment),
    "publish": lambda practice, by, comment: practice_publish(practice=practice, by=by, comment=comment),
    "unpublish": lambda practice, by, comment: practice_unpublish(practice=practice, by=by, comment=comment),
}
