"""Loading of the reference data (``nastavnik.reference.data``) into the database.

Used by the data migration ``0002_load_reference_data`` (with the historical ``apps``) and by
code and tests (with the live models). Safe to run any number of times.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, transaction

from nastavnik.reference.data import REFERENCE_DATA, ReferenceRow

APP_LABEL = "reference"

#: Models renamed since the early migrations that load the data: the live name → the name the
#: historical registry of those migrations knows it by.
FORMER_NAMES = {"CompetenceArea": "DeficitArea"}

#: Fields the loader never overwrites on an existing row: they belong to the users.
USER_OWNED_FIELDS = frozenset({"id", "code", "is_active"})


@dataclass(frozen=True)
class LoadResult:
    """What the loader did to one model: counts of created, updated and unchanged rows."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def load_reference_data(
    apps: Any = None,
    *,
    using: str = DEFAULT_DB_ALIAS,
    data: dict[str, tuple[ReferenceRow, ...]] | None = None,
) -> dict[str, LoadResult]:
    """Upsert every reference list by ``code``; return ``{model name: LoadResult}``.

    ``apps`` is the app registry: the historical one inside a migration
    (``RunPython(lambda apps, schema_editor: load_reference_data(apps, ...))``), or ``None`` for
    the live models. ``using`` is the database alias (in a migration pass
    ``schema_editor.connection.alias``). ``data`` defaults to ``nastavnik.reference.data.REFERENCE_DATA``
    — a mapping ``{"MentoringForm": ({"code": …, "name": …, "description": …, "source": …,
    "audience": …}, …), …}``; see that module for the shape and the sources (seed 000 §2.3,
    §4.3.3, §IV, §VI; 001 §3.1, §5.2.3, §6; 003 §4.2, §4.7; 004 §3.1, §5.1, §6.2.3;
    Постановление Правительства РФ от 21.02.2022 № 225; ФГОС).

    Semantics, per model, in two queries plus one bulk insert and one bulk update at most:

    * a row whose ``code`` is missing is created (``is_active`` takes the model default, True);
    * an existing row gets ``name``, ``description``, ``source``, the model-specific fields and
      ``sort_order`` (the entry's 1-based position in its list) from the data, and is saved
      only if something differs;
    * ``code`` and ``is_active`` of an existing row are never touched, so an entry an
      administrator deactivated stays deactivated;
    * rows whose codes are not in the data (added by users, or dropped from the data later) are
      left exactly as they are: nothing is deleted or deactivated.

    Keys of an entry the model does not have, and models the registry does not have, are
    skipped, so an old migration keeps working with a historical model after ``data.py`` grows.
    """
    registry = apps if apps is not None else global_apps
    data = REFERENCE_DATA if data is None else data
    results: dict[str, LoadResult] = {}
    with transaction.atomic(using=using):
        for model_name, rows in data.items():
            model = historical_model(registry, model_name)
            if model is None:
                continue
            results[model_name] = _load_model(model, rows, using)
    return results


def historical_model(registry: Any, model_name: str) -> Any:
    """The reference model ``model_name`` of the app registry ``registry`` (live or a migration's
    historical one), under its former name in an old migration's registry (``FORMER_NAMES``), or
    ``None`` when the registry has neither."""
    for name in (model_name, FORMER_NAMES.get(model_name)):
        if name is None:
            continue
        try:
            return registry.get_model(APP_LABEL, name)
        except LookupError:
            continue
    return None


def _load_model(model: Any, rows: tuple[ReferenceRow, ...], using: str) -> LoadResult:
    """Upsert ``rows`` into ``model`` by ``code``; see ``load_reference_data``."""
    field_names = {field.name for field in model._meta.concrete_fields}
    # A historical model of an old migration may have a shorter field than today's data need
    # (``source`` grew from 200 to 1000 characters): its value is cut to fit there, and the
    # migration that widened the field reloads the whole value.
    limits = {
        field.name: field.max_length
        for field in model._meta.concrete_fields
        if field.get_internal_type() == "CharField" and field.max_length
    }
    manager = model._default_manager.db_manager(using)
    codes = [row["code"] for row in rows]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{model.__name__}: duplicate codes in the reference data")
    existing = manager.in_bulk(codes, field_name="code")

    to_create = []
    to_update = []
    update_fields: set[str] = set()
    unchanged = 0
    for position, row in enumerate(rows, start=1):
        values = {key: value for key, value in row.items() if key in field_names}
        for key, limit in limits.items():
            if isinstance(values.get(key), str) and len(values[key]) > limit:
                values[key] = values[key][:limit]
        values["sort_order"] = position
        obj = existing.get(row["code"])
        if obj is None:
            to_create.append(model(**values))
            continue
        changed = [
            name
            for name, value in values.items()
            if name not in USER_OWNED_FIELDS and getattr(obj, name) != value
        ]
        if not changed:
            unchanged += 1
            continue
        for name in changed:
            setattr(obj, name, values[name])
        update_fields.update(changed)
        to_update.append(obj)

    if to_create:
        manager.bulk_create(to_create)
    if to_update:
        manager.bulk_update(to_update, sorted(update_fields))
    return LoadResult(created=len(to_create), updated=len(to_update), unchanged=unchanged)
