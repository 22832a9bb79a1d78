"""The kept result of a check of the bank import (issue 16, Build 3): the file is read and checked
once; «Импортировать» takes the rows from here and re-verifies only what may have changed since.

A check without errors is kept as a ``bank.models.BankImportCheck`` tied to the check job (so to
its file and its author): the parsed rows (``validation.RowData``) and, for a row that names a
person already in the system, that person's id and ``updated_at`` as matched. The rows are
zlib-compressed JSON: about 200 bytes a row before compression, a few tens after, so that 60,000
rows keep in a few megabytes.

After the import the rows are dropped and the record marks the check as imported (a second
«Импортировать» of it writes nothing); every check is deleted a day after it was made
(``import_checks_purge``, called by each check and each import), and an apply without a kept
check — expired, or the file is not the one checked — checks the file again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone

from nastavnik.bank.importing.validation import RowData
from nastavnik.bank.models import BankImportCheck

#: How long a check is kept: after that «Импортировать» reads and checks the file again.
KEEP_FOR = dt.timedelta(days=1)
#: Format of ``BankImportCheck.payload``; a check in another format is not used.
FORMAT = 1

_FIELDS = tuple(name for name in RowData.__slots__ if name != "row")
_DATES = frozenset({"birth_date", "started_on", "pd_consent_given_on"})
_SETS = frozenset({"subject_ids", "category_ids"})


@dataclass
class KeptCheck:
    """A check loaded for the apply: ``rows`` (all rows of the file that passed the checks, in file
    order), ``matched`` (row number → ``(person id, updated_at)`` of the known person it names),
    ``checked_at`` (when the people were matched), ``file_kind`` ("xlsx" or "csv"), ``record``
    (the stored ``BankImportCheck``)."""

    record: BankImportCheck
    rows: list[RowData]
    matched: dict[int, tuple[int, dt.datetime]]
    checked_at: dt.datetime
    file_kind: str
    row_count: int


def file_sha256(source: BinaryIO) -> str:
    """The SHA-256 (hex) of a binary file read in 1 MiB blocks from its start; the file is left at
    its start."""
    source.seek(0)
    digest = hashlib.sha256()
    for block in iter(lambda: source.read(1 << 20), b""):
        digest.update(block)
    source.seek(0)
    return digest.hexdigest()


_VALUES_OF = operator.attrgetter(*_FIELDS)
#: Positions (in the encoded list, after the row number) of the dates and of the sets of ids.
_DATE_AT = tuple(index for index, name in enumerate(_FIELDS, start=1) if name in _DATES)
_SET_AT = tuple(index for index, name in enumerate(_FIELDS, start=1) if name in _SETS)


def _encode_row(row: RowData, person: dict | None) -> list:
    """``[row number, *fields, (person id, updated_at ISO)]``: dates as ordinals, sets sorted."""
    values: list = [row.row, *_VALUES_OF(row)]
    for index in _DATE_AT:
        if values[index] is not None:
            values[index] = values[index].toordinal()
    for index in _SET_AT:
        if values[index] is not None:
            values[index] = sorted(values[index])
    if person is not None:
        values += [person["id"], person["updated_at"].isoformat()]
    return values


def _decode_row(values: list) -> tuple[RowData, tuple[int, dt.datetime] | None]:
    """The ``RowData`` and the matched ``(person id, updated_at)`` (or None) of ``_encode_row``."""
    for index in _DATE_AT:
        if values[index] is not None:
            values[index] = dt.date.fromordinal(values[index])
    for index in _SET_AT:
        if values[index] is not None:
            values[index] = frozenset(values[index])
    row = RowData(values[0])
    for name, value in zip(_FIELDS, values[1 : len(_FIELDS) + 1], strict=True):
        setattr(row, name, value)
    rest = values[len(_FIELDS) + 1 :]
    person = (rest[0], dt.datetime.fromisoformat(rest[1])) if rest else None
    return row, person


def import_check_keep(*, plan, job, sha256: str) -> BankImportCheck | None:
    """Keep the check ``plan`` (``services.ImportPlan`` without errors) of ``job``'s file, whose
    SHA-256 is ``sha256``. A plan with errors is not kept (it cannot be imported): returns None.
    Replaces an earlier record of the same job."""
    if not plan.ok:
        return None
    rows = [_encode_row(row, plan.matched.get(row.row)) for row in plan.checked_rows]
    payload = json.dumps(
        {"format": FORMAT, "file_kind": plan.file_kind, "rows": rows},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    record, _created = BankImportCheck.objects.update_or_create(
        job=job,
        defaults={
            "created_by": plan.user,
            "organization": plan.organization,
            "file_sha256": sha256,
            "checked_at": plan.checked_at,
            "row_count": plan.rows,
            "payload": zlib.compress(payload, 3),
            "applied_at": None,
        },
    )
    return record


def import_check_find(*, check_job_id, user, organization, now: dt.datetime | None = None):
    """The kept check of the check job ``check_job_id`` made by ``user`` for ``organization``,
    whatever its state, or None (never kept, another user's or organization's, or older than
    ``KEEP_FOR``). Garbage in ``check_job_id`` gives None."""
    try:
        check_job_id = int(check_job_id)
    except (TypeError, ValueError):
        return None
    if not 0 < check_job_id < 2**63 or user is None or organization is None:
        return None
    since = (now or timezone.now()) - KEEP_FOR
    return (
        BankImportCheck.objects.defer("payload")
        .filter(job_id=check_job_id, created_by=user, organization=organization, created_at__gte=since)
        .first()
    )


def import_check_load(record: BankImportCheck) -> KeptCheck | None:
    """The rows of a kept check not yet imported, or None (imported, or in another format)."""
    if record.applied_at is not None:
        return None
    data = BankImportCheck.objects.filter(pk=record.pk).values_list("payload", flat=True).first()
    if not data:
        return None
    content = json.loads(zlib.decompress(bytes(data)))
    if content.get("format") != FORMAT:
        return None
    rows: list[RowData] = []
    matched: dict[int, tuple[int, dt.datetime]] = {}
    for values in content["rows"]:
        row, person = _decode_row(values)
        rows.append(row)
        if person is not None:
            matched[row.row] = person
    return KeptCheck(
        record=record,
        rows=rows,
        matched=matched,
        checked_at=record.checked_at,
        file_kind=content.get("file_kind", ""),
        row_count=record.row_count,
    )


def import_check_claim(record: BankImportCheck) -> bool:
    """Mark the check imported and drop its rows, inside the transaction that writes them: True
    once, False for a check imported already (a second «Импортировать», or two at once — the
    second waits for the first's transaction on the row's lock and then finds it imported).
    A rolled-back import leaves the check as it was."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("import_check_claim must run inside the transaction that writes the rows")
    claimed = BankImportCheck.objects.filter(pk=record.pk, applied_at__isnull=True).update(
        applied_at=timezone.now(), payload=b""
    )
    return bool(claimed)


def import_checks_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the checks made more than ``KEEP_FOR`` ago (their rows are personal data).
    Returns how many were deleted."""
    since = (now or timezone.now()) - KEEP_FOR
    deleted, _by_model = BankImportCheck.objects.filter(created_at__lt=since).delete()
    return deleted


# ------------------------------------------------------------------------------------------------
# The person's personal data (``people.personal_data``, registered in ``BankConfig.ready``)
# ------------------------------------------------------------------------------------------------


def _matched_people(record: BankImportCheck) -> dict[int, int]:
    """Row number → id of the known person the row names, of a kept check not yet imported:
    only the rows' last values are read (no ``RowData`` is built, as the apply needs)."""
    data = BankImportCheck.objects.filter(pk=record.pk).values_list("payload", flat=True).first()
    if not data:
        return {}
    content = json.loads(zlib.decompress(bytes(data)))
    if content.get("format") != FORMAT:
        return {}
    width = len(_FIELDS) + 1
    return {values[0]: values[width] for values in content["rows"] if len(values) > width}


def _checks_naming(person) -> list[tuple[BankImportCheck, list[int]]]:
    """The kept checks not yet imported nor expired whose rows name ``person`` (matched with their
    card), each with those rows' numbers. Reads every live check: there are few (a check lives a
    day)."""
    since = timezone.now() - KEEP_FOR
    found = []
    live = BankImportCheck.objects.filter(applied_at__isnull=True, created_at__gte=since)
    for record in live.defer("payload").select_related("organization"):
        rows = sorted(number for number, pk in _matched_people(record).items() if pk == person.pk)
        if rows:
            found.append((record, rows))
    return found


def kept_sections(person) -> list:
    """«Проверенные файлы загрузки»: each kept check whose rows name ``person`` — when it was
    checked, for which organization, the rows, until when it is kept (a day; then deleted)."""
    from nastavnik.people.personal_data import Section

    return [
        Section(
            "Проверенные файлы загрузки банка (ожидают импорта)",
            [
                {
                    "Проверен": record.checked_at,
                    "Организация": str(record.organization),
                    "Строки файла": ", ".join(str(number) for number in rows),
                    "Хранится до": record.created_at + KEEP_FOR,
                }
                for record, rows in _checks_naming(person)
            ],
        )
    ]


def kept_wipe(person, *, label: str, names: set[str]) -> None:
    """Delete the kept checks whose rows name ``person`` (their import, if pressed, checks the
    file again)."""
    BankImportCheck.objects.filter(pk__in=[record.pk for record, _rows in _checks_naming(person)]).delete()
