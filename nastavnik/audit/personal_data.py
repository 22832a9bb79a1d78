"""The audit trail's part of what the system stores about a person and of their
depersonalization (``people.personal_data``, registered in ``AuditConfig.ready``)."""

from __future__ import annotations

from django.db.models import Q

from nastavnik.audit.choices import EventKind
from nastavnik.audit.models import AuditEvent
from nastavnik.core.users import user_name
from nastavnik.people.personal_data import Section


def audit_sections(person) -> list[Section]:
    """Entries of the journal about ``person`` (changes of their data, downloads of their
    papers) and entries of their own actions: when, what, on which object, by whom."""
    condition = Q(person_id=person.pk)
    if person.user_id:
        condition |= Q(actor_id=person.user_id)
    # the actor's person joined: ``user_name`` reads it (one query per entry otherwise)
    events = (
        AuditEvent.objects.filter(condition).select_related("actor__person").order_by("-timestamp")[:1000]
    )
    return [
        Section(
            "Журнал действий",
            [
                {
                    "Время": e.timestamp,
                    "Действие": EventKind(e.kind).label,
                    "Объект": e.object_repr,
                    "Пользователь": user_name(e.actor) if e.actor_id else "система",
                }
                for e in events
            ],
        )
    ]


def audit_wipe(person, *, label: str, names: set[str]) -> None:
    """Entries about ``person`` keep who, when and what kind of action, but no longer the values
    changed nor the person's name (the entry of the depersonalization itself included)."""
    AuditEvent.objects.filter(person_id=person.pk).update(changes=None, object_repr=label)
