"""Writes of the audit trail that auditlog does not make itself: downloads and exports.

Model changes (personal data, roles, consents) are recorded by django-auditlog's receivers for
the models of ``AUDITLOG_INCLUDE_TRACKING_MODELS`` (settings, «Audit»), with the actor and the
address set by :class:`nastavnik.audit.middleware.AuditMiddleware`. Every response that is a
file (``Content-Disposition: attachment``) is recorded by that middleware through
:func:`record_access`; views say what the file is about with
:func:`nastavnik.core.files.mark_attachment`.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import capfirst

from nastavnik.audit.choices import AccessKind, LogAction
from nastavnik.audit.models import AuditEvent
from nastavnik.audit.subjects import describe, subject_of, user_unit


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
    is the subject's (:func:`~nastavnik.audit.subjects.subject_of`), else the user's. Returns the
    entry; never raises on an object of no unit (it is then seen by administrators only).
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
        actor_email=getattr(actor, "email", None) or None,
        remote_addr=remote_addr,
        org_unit=unit,
        unit_path=unit.path if unit else "",
        person_id=found.person_id,
        additional_data=extra or None,
    )
