"""How an entry of the audit trail reads in Russian: its changes field by field, the object's
kind, the file of a download or an export."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import capfirst

from nastavnik.audit.choices import LogAction

_VALUES = {"None": "—", "": "—", "True": "да", "False": "нет"}


@dataclass(frozen=True)
class ChangeRow:
    """One changed field: its Russian name, the value before and after (``—``: empty)."""

    field: str
    before: str
    after: str


def _value(raw) -> str:
    text = str(raw)
    return _VALUES.get(text, text)


def change_rows(event) -> list[ChangeRow]:
    """The field-level changes of ``event`` (auditlog's ``changes_display_dict``: Russian field
    names, choices by their labels, dates localized, foreign keys by their objects' names);
    masked values read «значение скрыто». A creation lists only the fields that got a value; an
    access or a deletion lists nothing. Reads the objects of changed foreign keys (one query each)."""
    if event.action in (LogAction.ACCESS, LogAction.DELETE) or not event.changes:
        return []
    model = event.content_type.model_class()
    if model is None:
        changes = event.changes_dict
    else:
        changes = event.changes_display_dict
    rows = []
    for field, values in changes.items():
        if isinstance(values, dict) or len(values) != 2:  # an m2m change: not tracked here
            continue
        before, after = (_value(v) for v in values)
        if event.action == LogAction.CREATE and after == "—":
            continue
        rows.append(ChangeRow(capfirst(str(field)), before, after))
    return rows


def object_kind(event) -> str:
    """«Педагогический работник», «Назначение роли»…; «Файл» for a file of no object."""
    model = event.content_type.model_class()
    if model is None or model._meta.label_lower == "audit.auditevent":
        return "Файл"
    return capfirst(str(model._meta.verbose_name))


def access_details(event) -> str:
    """A download's file name and an export's filters, in one line (``""`` for a change)."""
    data = event.additional_data or {}
    if event.action != LogAction.ACCESS or not isinstance(data, dict):
        return ""
    parts = []
    if data.get("file"):
        parts.append(f"файл «{data['file']}»")
    details = data.get("details")
    if isinstance(details, dict) and details:
        parts.append("условия: " + "; ".join(f"{key}: {value}" for key, value in details.items()))
    return "; ".join(parts)
