"""Writes of the audit trail that auditlog does not make itself: downloads and exports.

Model changes (personal data, roles, consents) are recorded by django-auditlog's receivers for
the models of ``AUDITLOG_INCLUDE_TRACKING_MODELS`` (settings, «Audit»), with the actor and the
address set by :class:`nastavnik.audit.middleware.AuditMiddleware`; rows written in bulk (the
import of the bank), which send no signals, by :func:`record_bulk_changes`. Every response that is a
file (``Content-Disposition: attachment``) is recorded by that middleware through
:func:`record_access`; views say what the file is about with
:func:`nastavnik.core.files.mark_attachment`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import capfirst

from nastavnik.audit.choices import AccessKind, LogAction
from nastavnik.audit.models import AuditEvent
from nastavnik.audit.subjects import describe, subject_of, user_unit
from nastavnik.core.bulk import copy_rows
from nastavnik.people.models import Learner, Person


def record_access(
    *,
    user,
    subject=None,
    kind: str = AccessKind.DOWNLOAD,
    label: str = "",
    remote_addr: str | None = None,
    extra: dict | None = None,
) -> AuditEvent:
    """Record that ``user`` downloaded (``kind="download"``) or exported (``"export"``) a file.

    ``subject``: the model instance the file belongs to (a document, a consent, a roadmap), or a
    model class for an export of a list of it, or ``None`` for a file of no object;
    ``label``: what was taken, in Russian («Выгрузка списка», «скан согласия»), written before the
    object's name; ``extra``: JSON-able details (file name, the list's filters). The entry's unit
    is the subject's (:func:`~nastavnik.audit.subjects.subject_of`), else the user's; an entry
    of no unit at all is seen by administrators only. Returns the entry.

    Raises:
        ValueError: ``kind`` is not an :class:`~nastavnik.audit.choices.AccessKind`.
    """
    if kind not in AccessKind.values:
        raise ValueError(f"unknown access kind {kind!r}")
    instance = subject if isinstance(subject, models.Model) else None
    if instance is not None:
        content_type = ContentType.objects.get_for_model(instance)
        name = describe(instance)
    elif isinstance(subject, type) and issubclass(subject, models.Model):
        content_type = ContentType.objects.get_for_model(subject)
        name = capfirst(str(subject._meta.verbose_name_plural))
    else:
        content_type = ContentType.objects.get_for_model(AuditEvent)
        name = ""
    found = subject_of(instance)
    actor = user if getattr(user, "is_authenticated", False) else None
    unit = found.unit or user_unit(actor)
    repr_ = ": ".join(part for part in (label, name) if part) or "Файл"
    pk = instance.pk if instance is not None else None
    return AuditEvent.objects.create(
        content_type=content_type,
        object_pk=str(pk) if pk is not None else "",
        object_id=pk if isinstance(pk, int) else None,
        object_repr=repr_,
        action=LogAction.ACCESS,
        access_kind=kind,
        actor=actor,
        remote_addr=remote_addr,
        org_unit=unit,
        unit_path=unit.path if unit else "",
        person_id=found.person_id,
        additional_data=extra or None,
    )


@dataclass(frozen=True)
class BulkChange:
    """One row written in bulk (``bulk_create``/``bulk_update``, which send no signals, so
    auditlog does not see them): ``new`` — the saved instance (with its pk); ``old`` — the stored
    values before an update (an unsaved instance of the same model), ``None`` for a creation;
    ``fields`` — the fields an update wrote; ``name`` — how the row is named in the journal (the
    person's full name; reading it from ``new`` could cost a query per row)."""

    new: models.Model
    old: models.Model | None = None
    fields: tuple[str, ...] | None = None
    name: str = ""


def record_bulk_changes(*, user, unit, changes: Iterable[BulkChange], note: str = "") -> int:
    """Record, as auditlog would, the rows a bulk write created or changed (an import of the
    bank): the field diff with the tracked models' exclusions and masks
    (``AUDITLOG_INCLUDE_TRACKING_MODELS``), ``user`` as the actor, every entry under ``unit``
    (the organization written into); ``note`` (Russian, «Загрузка банка из файла») is kept with
    each entry. A creation lists the fields that got a value (before: ``"None"``). Rows of
    untracked models and rows with nothing changed are skipped. Returns the number of entries.

    Fast enough for 60,000 rows: the diff is read from the model's own columns (auditlog's
    ``model_instance_diff`` costs about a millisecond a row) and the entries go as plain rows in
    batches (``core.bulk.copy_rows``: ``COPY`` on PostgreSQL), all with the same time.
    """
    from auditlog.context import auditlog_disabled

    if auditlog_disabled.get():
        return 0
    actor = user if getattr(user, "is_authenticated", False) else None
    extra = {"note": note} if note else None
    unit_path = unit.path if unit else ""
    columns: dict[type, _Columns | None] = {}
    actor_id = actor.pk if actor is not None else None
    unit_id = unit.pk if unit is not None else None
    changes = list(changes)
    # A legal representative's row is about the learner (issue 20: the roles above the school must
    # not read a minor's representative): the learners' persons, read in one query.
    learners = dict(
        Learner.objects.filter(
            pk__in={getattr(c.new, "learner_id", None) for c in changes} - {None}
        ).values_list("pk", "person_id")
    )
    entries = []
    for change in changes:
        model = type(change.new)
        if model not in columns:
            columns[model] = _Columns.of(model)
        spec = columns[model]
        if spec is None:
            continue
        diff = spec.diff(change.old, change.new, change.fields)
        if not diff:
            continue
        pk = change.new.pk
        if isinstance(change.new, Person):
            repr_, person_id = change.name or change.new.full_name, pk
        else:
            person_id = _bulk_person_id(change.new, learners)
            repr_ = f"{spec.label}: {change.name}" if change.name else f"{spec.label} № {pk}"
        entries.append(
            (
                spec.content_type.pk,
                str(pk),
                pk if isinstance(pk, int) else None,
                repr_,
                LogAction.CREATE if change.old is None else LogAction.UPDATE,
                diff,
                actor_id,
                unit_id,
                unit_path,
                person_id,
                extra,
            )
        )
    # Plain rows by COPY on PostgreSQL (core.bulk): the journal of a large import costs no model
    # instances; every entry of the call gets the same time (the model's default, taken once).
    return copy_rows(AuditEvent, _BULK_FIELDS, entries)


def _bulk_person_id(row, learners: dict[int, int]) -> int | None:
    """The person an entry about ``row`` (not a ``Person``) is about: its ``person_id``, else
    the person of its ``learner`` (a legal representative; ``learners``: learner id → person
    id); ``None`` for a row about no one."""
    person_id = getattr(row, "person_id", None)
    if person_id is None and getattr(row, "learner_id", None) is not None:
        person_id = learners.get(row.learner_id)
    return person_id


#: The columns of an entry ``record_bulk_changes`` writes, in the order of its rows.
_BULK_FIELDS = (
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "action",
    "changes",
    "actor_id",
    "org_unit_id",
    "unit_path",
    "person_id",
    "additional_data",
)


@dataclass(frozen=True)
class _Columns:
    """What the journal records of one tracked model: its columns ``(name, attname, masked)``
    without the excluded ones, the mask function, the content type and the Russian label."""

    columns: tuple[tuple[str, str, bool], ...]
    mask: object
    content_type: ContentType
    label: str

    @classmethod
    def of(cls, model) -> _Columns | None:
        from auditlog.diff import get_mask_function
        from auditlog.registry import auditlog

        if not auditlog.contains(model):
            return None
        options = auditlog.get_model_fields(model)
        excluded = set(options["exclude_fields"])
        included = set(options["include_fields"])
        masked = set(options["mask_fields"])
        columns = tuple(
            (field.name, field.attname, field.name in masked)
            for field in model._meta.concrete_fields
            if not field.primary_key
            and field.name not in excluded
            and (not included or field.name in included)
        )
        return cls(
            columns=columns,
            mask=get_mask_function(options.get("mask_callable")),
            content_type=ContentType.objects.get_for_model(model),
            label=capfirst(str(model._meta.verbose_name)),
        )

    def diff(self, old, new, fields) -> dict:
        """``{name: [before, after]}`` as auditlog stores it (strings; ``"None"`` for null)."""
        wanted = set(fields) if fields else None
        result = {}
        for name, attname, masked in self.columns:
            if wanted is not None and name not in wanted and attname not in wanted:
                continue
            after = _text(getattr(new, attname))
            before = _text(getattr(old, attname)) if old is not None else "None"
            if old is None and after in ("None", "", "[]"):
                continue
            if before != after:
                result[name] = [self.mask(before), self.mask(after)] if masked else [before, after]
        return result


def _text(value) -> str:
    """A value as auditlog writes it in ``changes``: JSON for a list or a dict, else ``str``."""
    if type(value) is str:  # the most frequent, and the fastest way out (60,000 rows of an import)
        return value
    if isinstance(value, list | dict):
        return json.dumps(value, sort_keys=True)
    return str(value)
