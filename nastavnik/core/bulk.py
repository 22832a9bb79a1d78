"""Bulk inserts that behave like ``QuerySet.bulk_create`` but, on PostgreSQL, write with
``COPY … FROM STDIN`` (issue 16: the import of 60,000 rows of the bank).

Django 5.2 inserts a batch on PostgreSQL as ``INSERT … SELECT * FROM UNNEST(%s, %s, …)``: every
column is one Python list, which psycopg's client-side binding quotes into an array literal in pure
Python — more than half of the time of a large import. ``COPY`` sends the rows as text formatted by
psycopg's C extension and skips the planner and the per-statement work of the server.

- :func:`bulk_insert` — model instances, as ``bulk_create`` takes them: the primary keys are taken
  from the table's sequence first (``nextval`` of ``pg_get_serial_sequence``, which serves both
  serial and identity columns) and set on the instances; defaults, ``auto_now``/``auto_now_add``
  (``Field.pre_save(add=True)``) and ``Field.get_db_prep_save`` apply as in ``bulk_create``.
- :func:`copy_rows` — plain tuples of values for some of a model's fields (no instances, no
  keys returned): the columns left out take their model default, once for the whole call.

On other databases both fall back to ``bulk_create``. Neither sends signals (as ``bulk_create``)
nor runs ``full_clean``: callers check their rows first. A row the database refuses (a unique or
check constraint, a missing reference) raises Django's ``IntegrityError``/``DatabaseError``; inside
``transaction.atomic`` everything written is rolled back with the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connections, models, router
from django.db.models.fields import AutoFieldMixin

#: Rows per ``COPY`` (and per ``bulk_create`` batch in the fallback).
BATCH = 5000


#: Django's own field classes that write a value of exactly this Python type (or None) unchanged
#: on PostgreSQL: ``get_db_prep_save`` is skipped for such values (it costs more than the COPY of
#: them). Any other field, subclass or value type goes through ``get_db_prep_save``.
_PLAIN: dict[type, type] = {
    **dict.fromkeys(
        (models.CharField, models.TextField, models.EmailField, models.SlugField, models.URLField), str
    ),
    **dict.fromkeys(
        (
            models.IntegerField,
            models.BigIntegerField,
            models.SmallIntegerField,
            models.PositiveIntegerField,
            models.PositiveBigIntegerField,
            models.PositiveSmallIntegerField,
            models.AutoField,
            models.BigAutoField,
            models.SmallAutoField,
        ),
        int,
    ),
    models.BooleanField: bool,
    models.DateField: dt.date,
}


def _plain_type(field) -> type | None:
    """The type of the values ``field`` writes unchanged (``_PLAIN``), following a foreign key to
    the field it refers to; None when every value must be prepared."""
    if type(field) in (models.ForeignKey, models.OneToOneField):
        return _plain_type(field.target_field)
    return _PLAIN.get(type(field))


def _specs(fields) -> list[tuple[models.Field, type | None, bool]]:
    """For each field: ``(field, plain type, stamp)``; ``stamp``: its value is taken by
    ``pre_save`` (auto dates, fields not in ``_PLAIN``), else read from the instance."""
    specs = []
    for field in fields:
        plain = _plain_type(field)
        stamp = plain is None or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        specs.append((field, plain, stamp))
    return specs


def _is_postgres(using: str) -> bool:
    return connections[using].vendor == "postgresql"


def _concrete_model(model: type[models.Model]) -> type[models.Model]:
    """The model whose table is written; multi-table inheritance is refused (its rows span several
    tables, which ``bulk_create`` refuses too)."""
    concrete = model._meta.concrete_model
    if concrete._meta.parents:
        raise ValueError(f"bulk insert cannot write {model.__name__}: multi-table inheritance")
    return concrete


def _copy(using: str, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """``COPY table (columns) FROM STDIN`` of ``rows`` (values ready for psycopg) on ``using``;
    the database's errors come out as Django's (``IntegrityError``, ``DataError``, …)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    with connection.cursor() as cursor:
        connection.validate_no_broken_transaction()
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)


def _next_keys(using: str, table: str, column: str, count: int) -> list[int]:
    """``count`` fresh values of the sequence behind ``table.column`` (serial or identity), in
    increasing order."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, count],
        )
        return sorted(key for (key,) in cursor.fetchall())


def bulk_insert(
    objs: Sequence[models.Model], *, using: str | None = None, batch_size: int = BATCH
) -> list[models.Model]:
    """Insert ``objs`` (unsaved instances of one model, which may not use multi-table inheritance)
    and return them, as ``Model.objects.bulk_create(objs)`` does: each object gets its primary key
    (an object that has one keeps it), ``_state.adding`` False and ``_state.db`` set; fields with
    ``auto_now``/``auto_now_add`` are stamped on the objects. ``using``: the database alias
    (default: the router's for writing the model); ``batch_size``: rows per ``COPY`` statement.

    On PostgreSQL the keys of the objects without one are reserved from the table's sequence in
    one query, then the rows go by ``COPY``; elsewhere, and for a model with a database default
    (``db_default``), it is ``bulk_create`` itself.

    Raises:
        ValueError: objects of different models, a multi-table-inherited model, or an object
            whose related object is unsaved (as ``bulk_create``).
        django.db.IntegrityError: a row breaks a constraint (nothing of the statement is
            written; inside ``transaction.atomic`` the whole transaction is rolled back).
    """
    objs = list(objs)
    if not objs:
        return objs
    model = type(objs[0])
    if any(type(obj) is not model for obj in objs):
        raise ValueError("bulk insert takes objects of one model")
    concrete = _concrete_model(model)
    using = using or router.db_for_write(model)
    if not _is_postgres(using) or any(field.has_db_default() for field in concrete._meta.concrete_fields):
        # A database default is an expression COPY cannot send: bulk_create writes such a model.
        return model._default_manager.using(using).bulk_create(objs, batch_size=batch_size)

    opts = concrete._meta
    pk = opts.pk
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_insert")
        if obj.pk is None:
            obj.pk = pk.get_pk_value_on_save(obj)
    keyless = [obj for obj in objs if obj.pk is None]
    if keyless:
        if not isinstance(pk, AutoFieldMixin):
            raise ValueError(f"{model.__name__} objects without a primary key and no sequence to give one")
        for obj, key in zip(keyless, _next_keys(using, opts.db_table, pk.column, len(keyless)), strict=True):
            obj.pk = key

    connection = connections[using]
    fields = [field for field in opts.concrete_fields if field.column]
    columns = [field.column for field in fields]

    specs = _specs(fields)

    def rows(batch: list[models.Model]):
        for obj in batch:
            row = []
            for field, plain, stamp in specs:
                value = field.pre_save(obj, add=True) if stamp else getattr(obj, field.attname)
                if not (plain is not None and (value is None or type(value) is plain)):
                    value = field.get_db_prep_save(value, connection=connection)
                row.append(value)
            yield row

    for start in range(0, len(objs), batch_size):
        _copy(using, opts.db_table, columns, rows(objs[start : start + batch_size]))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
    return objs


def copy_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    using: str | None = None,
    batch_size: int = BATCH,
) -> int:
    """Insert plain rows into ``model``'s table without building instances: ``fields`` are field
    names or attnames (``"person_id"``), ``rows`` tuples of Python values in that order, as one
    would pass them to the model (``get_db_prep_save`` prepares them: a ``JSONField`` takes a dict
    or a list). The fields left out get the model's default — ``auto_now``/``auto_now_add``
    stamped, a callable default called — evaluated once for the whole call, so every row of it
    gets the same values; an auto primary key and a field with a database default left out are
    given by the database. Returns the
    number of rows; the keys of the new rows are not returned.

    Raises:
        ValueError: an unknown field, a field given twice, or a multi-table-inherited model.
        django.db.IntegrityError: a row breaks a constraint (see :func:`bulk_insert`).
    """
    concrete = _concrete_model(model)
    opts = concrete._meta
    using = using or router.db_for_write(model)
    by_name = {}
    for field in opts.concrete_fields:
        by_name[field.name] = by_name[field.attname] = field
    try:
        given = [by_name[name] for name in fields]
    except KeyError as exc:
        raise ValueError(f"{model.__name__} has no field {exc.args[0]!r}") from exc
    if len({field.attname for field in given}) != len(given):
        raise ValueError("a field is given twice")
    template = concrete()
    skip_pk = opts.pk not in given and isinstance(opts.pk, AutoFieldMixin)
    rest = [
        field
        for field in opts.concrete_fields
        if field not in given
        and field.column
        and not (field.primary_key and skip_pk)
        and not field.has_db_default()  # left to the database
    ]
    fixed = [field.pre_save(template, add=True) for field in rest]

    if not _is_postgres(using):
        names = [field.attname for field in given]
        defaults = {field.attname: value for field, value in zip(rest, fixed, strict=True)}
        count = 0
        for batch in _chunks(rows, batch_size):
            concrete._default_manager.using(using).bulk_create(
                [concrete(**defaults, **dict(zip(names, row, strict=True))) for row in batch]
            )
            count += len(batch)
        return count

    connection = connections[using]
    fixed_prepared = [
        field.get_db_prep_save(value, connection=connection) for field, value in zip(rest, fixed, strict=True)
    ]
    columns = [field.column for field in (*given, *rest)]
    specs = [(field.get_db_prep_save, _plain_type(field)) for field in given]

    def prepared(batch):
        for row in batch:
            values = []
            for (prep, plain), value in zip(specs, row, strict=True):
                if not (plain is not None and (value is None or type(value) is plain)):
                    value = prep(value, connection=connection)
                values.append(value)
            yield values + fixed_prepared

    count = 0
    for batch in _chunks(rows, batch_size):
        _copy(using, opts.db_table, columns, prepared(batch))
        count += len(batch)
    return count


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
