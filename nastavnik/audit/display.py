"""How an entry of the audit trail reads in Russian: its changes field by field, the object's
kind, the file of a download or an export."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db.models import Choices
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import capfirst

from nastavnik.audit.choices import LogAction
from nastavnik.audit.masking import HIDDEN_VALUE
from nastavnik.audit.subjects import user_name
from nastavnik.core.views import id_param
from nastavnik.people.consent import HIDDEN_PERSON, consented_q

#: The actor of an entry whose account was deleted since.
DELETED_ACCOUNT = "Удалённая учётная запись"

_VALUES = {"None": "—", "": "—", "True": "да", "False": "нет"}


@dataclass(frozen=True)
class ChangeRow:
    """One changed field: its Russian name, the value before and after (``—``: empty)."""

    field: str
    before: str
    after: str

    @property
    def text(self) -> str:
        """«Телефон: +7… → +7…», or «Предметы: добавлено: …» for a change with no «before»."""
        return f"{self.field}: {self.before} → {self.after}" if self.before else f"{self.field}: {self.after}"


def _value(model, field_name: str, raw, names: dict | None = None) -> str:
    """A stored diff value (a string, or ``"None"``) as the journal shows it: choices by their
    labels, dates as ``ДД.ММ.ГГГГ``, booleans as «да»/«нет», a foreign key by its object's name
    (a user by their person's name), anything else as it is; ``—`` for empty."""
    text = str(raw)
    if text in _VALUES:
        return _VALUES[text]
    try:
        field = model._meta.get_field(field_name) if model is not None else None
    except FieldDoesNotExist:
        field = None
    if field is None or text == HIDDEN_VALUE:
        return text
    if field.choices:
        return str(dict(field.flatchoices).get(text, text))
    if field.is_relation and field.related_model is not None:
        if names is None:
            return _related_name(field.related_model, text)
        key = (field.related_model, text)
        if key not in names:  # not preloaded: read once, remembered for the next rows
            names[key] = _related_name(field.related_model, text)
        return names[key]
    internal = field.get_internal_type()
    if internal == "JSONField":
        return _json_value(model, field_name, text)
    try:
        if internal == "DateField":
            return f"{dt.date.fromisoformat(text):%d.%m.%Y}"
        if internal == "DateTimeField":
            moment = dt.datetime.fromisoformat(text)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, dt.UTC)
            return f"{timezone.localtime(moment):%d.%m.%Y %H:%M}"
    except ValueError:
        return text
    return text


def _json_value(model, field_name: str, text: str) -> str:
    """A list kept in a JSON field («цели обработки»): its items by their Russian labels when the
    settings name where they are (``NASTAVNIK_AUDIT_VALUE_LABELS``, so that ``audit`` imports no
    app above it), joined by «; »."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if not isinstance(value, list):
        return text
    if not value:
        return "—"
    labels = _labels(f"{model._meta.label_lower}.{field_name}")
    return "; ".join(str(labels.get(item, item)) if isinstance(item, str) else str(item) for item in value)


def _labels(key: str) -> dict:
    path = getattr(settings, "NASTAVNIK_AUDIT_VALUE_LABELS", {}).get(key)
    if not path:
        return {}
    found = import_string(path)
    if isinstance(found, type) and issubclass(found, Choices):
        return dict(found.choices)
    return dict(found)


def _related_name(model, pk: str) -> str:
    from nastavnik.audit.subjects import describe, user_name

    try:
        obj = model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError, ValidationError):
        return pk
    if obj is None:
        return f"удалённая запись № {pk}"
    if isinstance(obj, get_user_model()):
        return user_name(obj)
    return describe(obj)


def related_names(events) -> dict:
    """``{(model, pk as text): name}`` of every object a foreign key of the ``events``' changes
    points to, read in one query per model (a page of the journal), for :func:`change_rows`."""
    wanted: dict = {}
    for event in events:
        model = event.content_type.model_class()
        if model is None or event.action == LogAction.ACCESS or not isinstance(event.changes, dict):
            continue
        for name, values in event.changes.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not (getattr(field, "concrete", False) and field.is_relation and field.related_model):
                continue
            for value in values if isinstance(values, list | tuple) else ():
                pk = id_param(value)  # «²» is a digit to str.isdigit(), not to int()
                if pk is not None:
                    wanted.setdefault(field.related_model, set()).add(pk)
    from nastavnik.audit.subjects import describe

    names: dict = {}
    user_model = get_user_model()
    for model, pks in wanted.items():
        rows = model._default_manager.filter(pk__in=pks)
        if model is user_model:
            rows = rows.select_related("person")
        for obj in rows:
            names[(model, str(obj.pk))] = user_name(obj) if model is user_model else describe(obj)
    return names


def change_rows(event, names: dict | None = None) -> list[ChangeRow]:
    """The field-level changes of ``event``: Russian field names (the fields' verbose names),
    values by :func:`_value` (masked ones read «значение скрыто»). A creation lists only the
    fields that got a value; an access or a deletion lists nothing. The objects of changed
    foreign keys come from ``names`` (:func:`related_names`), else one query each."""
    if event.action in (LogAction.ACCESS, LogAction.DELETE) or not isinstance(event.changes, dict):
        return []
    model = event.content_type.model_class()
    rows = []
    for name, values in event.changes.items():
        try:
            field = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            field = None
        if isinstance(values, dict) and values.get("type") == "m2m":
            rows.append(_m2m_row(field, name, values))
            continue
        if not isinstance(values, list | tuple) or len(values) != 2:
            continue
        if field is not None and (not getattr(field, "concrete", False) or field.primary_key):
            continue
        before, after = (_value(model, name, v, names) for v in values)
        if event.action == LogAction.CREATE and after == "—":
            continue
        label = capfirst(str(field.verbose_name)) if field is not None else name
        rows.append(ChangeRow(label, before, after))
    return rows


def _m2m_row(field, name: str, change: dict) -> ChangeRow:
    """A change of a many-to-many field (auditlog: ``{"type": "m2m", "operation": "add" or
    "delete", "objects": [names]}``) as one row: «добавлено: …» or «убрано: …»."""
    label = capfirst(str(field.verbose_name)) if field is not None else name
    verb = "добавлено" if change.get("operation") == "add" else "убрано"
    objects = ", ".join(str(o) for o in change.get("objects") or ()) or "—"
    return ChangeRow(label, "", f"{verb}: {objects}")


def object_kind(event) -> str:
    """«Педагогический работник», «Назначение роли»…; «Файл» for a file of no object."""
    model = event.content_type.model_class()
    if model is None or model._meta.label_lower == "audit.auditevent":
        return "Файл"
    return capfirst(str(model._meta.verbose_name))


def access_details(event) -> str:
    """An export's filters, in one line (``""`` for a change). The file's name is kept in the
    entry (``additional_data["file"]``) but not shown: it is a Latin transliteration."""
    data = event.additional_data or {}
    if event.action != LogAction.ACCESS or not isinstance(data, dict):
        return ""
    details = data.get("details")
    if isinstance(details, dict) and details:
        return "Условия: " + "; ".join(f"{key}: {value}" for key, value in details.items())
    return ""


class ActorNamer:
    """Names the actors of entries for ``viewer``: by :func:`user_name`, except that a viewer who
    is not the curator or the head (the coordinator, the operator) does not see the name of an
    actor whose person has no valid consent to personal-data processing (152-ФЗ art. 9). One
    query per distinct such actor."""

    def __init__(self, viewer):
        from nastavnik.access.choices import CONSENT_EXEMPT_ROLES
        from nastavnik.access.scope import get_scope

        self.exempt = viewer.is_superuser or bool(get_scope(viewer).roles & CONSENT_EXEMPT_ROLES)
        self.consented: dict[int, bool] = {}

    def __call__(self, event) -> str:
        try:
            actor = event.actor
        except ObjectDoesNotExist:
            actor = None
        if actor is None and event.actor_id is not None:
            return DELETED_ACCOUNT
        return self.user(actor)

    def user(self, user) -> str:
        """The name of ``user`` (``None``: «Система») as this viewer may see it."""
        try:
            person = user.person if user is not None else None
        except ObjectDoesNotExist:
            person = None
        if person is not None and not self.exempt and not self._consented(person.pk):
            return capfirst(HIDDEN_PERSON)
        return user_name(user)

    def _consented(self, person_id: int) -> bool:
        if person_id not in self.consented:
            from nastavnik.people.models import Person

            self.consented[person_id] = Person.objects.filter(consented_q(), pk=person_id).exists()
        return self.consented[person_id]
