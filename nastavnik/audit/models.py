"""The audit trail: one table for the changes django-auditlog records and the downloads and
exports recorded by :func:`nastavnik.audit.services.record_access`.

``AuditEvent`` is auditlog's swappable log entry (``AUDITLOG_LOGENTRY_MODEL``) with three columns
of our own: the organization unit the entry belongs to (``org_unit`` and its ``unit_path`` at the
time, by which the log is scoped), the person the entry is about (``person_id``, a plain id
that survives the person's deletion, so that an entry about a person without a consent to
personal-data processing stays hidden above the curator and the head, 152-ФЗ art. 9), and
``access_kind`` of a download or an export. Entries are written only by auditlog's receivers,
``record_access`` and ``record_bulk_changes``; nothing in the interface edits them.
"""

from __future__ import annotations

from auditlog.context import auditlog_value
from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.utils import timezone

from nastavnik.access.querysets import NOTHING, ScopedQuerySet, paths_q
from nastavnik.audit.choices import ACTION_KINDS, AccessKind, EventKind, LogAction


def current_actor():
    """The user auditlog will put on the entry being written (``set_actor`` or the middleware),
    or ``None``. auditlog never resets its context variable: a context that has ended (its
    receiver is disconnected) is no longer the current one."""
    try:
        context = auditlog_value.get()
    except LookupError:
        return None
    uid = context.get("signal_duid")
    if not any(entry[0][0] == uid for entry in pre_save.receivers):
        return None
    return context.get("actor")


class AuditEventQuerySet(ScopedQuerySet):
    scope_model = "auditevent"

    def of_kind(self, kind: str) -> AuditEventQuerySet:
        """Entries of one :class:`~nastavnik.audit.choices.EventKind`."""
        if kind in (EventKind.DOWNLOAD, EventKind.EXPORT):
            return self.filter(action=LogAction.ACCESS, access_kind=kind)
        actions = [action for action, value in ACTION_KINDS.items() if value == kind]
        return self.filter(action__in=actions)


class AuditEventManager(LogEntryManager.from_queryset(AuditEventQuerySet)):
    """auditlog's manager (``log_create`` is called by its receivers) that also fills the unit
    and the person of the entry (:func:`nastavnik.audit.subjects.subject_of`); an object of no
    unit (a person not yet employed, a deleted one) is put under the actor's unit."""

    def log_create(self, instance, force_log: bool = False, **kwargs):
        self.concrete_changes(instance, kwargs)
        self._fill_subject(instance, kwargs)
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        self._fill_subject(instance, kwargs)
        return super().log_m2m_changes(changed_queryset, instance, operation, field_name, **kwargs)

    @staticmethod
    def concrete_changes(instance, kwargs: dict) -> None:
        """Keep only the model's own columns in ``changes``: auditlog's diff of a creation or a
        deletion also lists reverse relations («pairs_as_mentor: mentoring.Pair.None»)."""
        changes = kwargs.get("changes")
        if not isinstance(changes, dict):
            return
        own = {field.name for field in instance._meta.concrete_fields} | {
            field.name for field in instance._meta.many_to_many
        }
        kwargs["changes"] = {name: values for name, values in changes.items() if name in own}

    @staticmethod
    def _fill_subject(instance, kwargs: dict) -> None:
        from nastavnik.audit.subjects import describe, subject_of, user_unit

        subject = subject_of(instance)
        unit = subject.unit
        if unit is None:
            unit = user_unit(current_actor())
        kwargs.setdefault("org_unit", unit)
        kwargs.setdefault("unit_path", unit.path if unit else "")
        kwargs.setdefault("person_id", subject.person_id)
        kwargs.setdefault("object_repr", describe(instance))


class AuditEvent(AbstractLogEntry):
    """One entry of the audit trail: who (``actor``), when (``timestamp``), from which address
    (``remote_addr``), what (``action`` on the object ``content_type``/``object_pk``, named
    ``object_repr`` at the time; ``changes``: field → [before, after], sensitive values masked),
    whose (``org_unit``/``unit_path``, ``person_id``)."""

    # auditlog's own columns, with Russian names for the journal and the admin; no index where
    # the journal never looks up by the column (every index slows the write of a large import).
    object_pk = models.CharField("ключ объекта", max_length=255)
    cid = models.CharField("идентификатор запроса", max_length=255, blank=True, null=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name="вид объекта", on_delete=models.CASCADE, related_name="+"
    )
    object_repr = models.TextField("объект")
    action = models.PositiveSmallIntegerField(
        "действие",
        choices=[
            (LogAction.CREATE, "создание"),
            (LogAction.UPDATE, "изменение"),
            (LogAction.DELETE, "удаление"),
            (LogAction.ACCESS, "доступ к файлу"),
        ],
    )
    changes = models.JSONField("изменения", null=True)
    # Kept when the account is deleted (no constraint): the journal then says «удалённая учётная
    # запись» rather than putting the action on «Система», as SET_NULL would.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        blank=True,
        null=True,
        related_name="+",
    )
    remote_addr = models.GenericIPAddressField("адрес", blank=True, null=True)
    # auditlog's copy of the actor's e-mail is not kept: the actor is the account (deactivated,
    # never deleted), and an e-mail would outlive the person's depersonalization (152-ФЗ).
    actor_email = None
    timestamp = models.DateTimeField("время", default=timezone.now, db_index=True)
    # Our own columns.
    # A reference kept as it was at the time, with no constraint: an entry must neither block
    # nor be changed by the deletion of its unit (nor break it: deleting a unit deletes its
    # role assignments, whose deletion is itself logged under that unit). The scope is read
    # from unit_path (index auditevent_unit_time); a deleted unit simply shows as none.
    org_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организационная единица",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        db_index=False,
    )
    unit_path = models.CharField("путь единицы в дереве", max_length=255, blank=True)
    person_id = models.BigIntegerField("работник, о котором запись", null=True, blank=True, db_index=True)
    access_kind = models.CharField(
        "вид доступа", max_length=16, choices=AccessKind.choices, blank=True, default=""
    )

    objects = AuditEventManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "запись журнала действий"
        verbose_name_plural = "журнал действий"
        indexes = [models.Index(fields=["unit_path", "-timestamp"], name="auditevent_unit_time")]

    @property
    def kind(self) -> str:
        """The :class:`EventKind` of the entry."""
        if self.action == LogAction.ACCESS:
            return self.access_kind or EventKind.DOWNLOAD
        return ACTION_KINDS.get(self.action, EventKind.UPDATE)

    def get_kind_display(self) -> str:
        return EventKind(self.kind).label

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Entries of the units under the user's ``auditevent`` view grants (the head's
        organization, the coordinator's municipality, the operator's region); nobody adds or
        changes any. Above the curator and the head, entries about a person without a valid
        consent to personal-data processing are left out (152-ФЗ art. 9)."""
        from nastavnik.access.choices import Action
        from nastavnik.people.consent import consented_q

        if action != Action.VIEW:
            return NOTHING
        exempt, bound = scope.consent_paths("auditevent", action)
        condition = paths_q("unit_path", exempt)
        if bound:
            condition |= paths_q("unit_path", bound) & (Q(person_id__isnull=True) | consented_q("person_id"))
        return condition
