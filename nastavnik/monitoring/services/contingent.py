"""The contingent of learners (issue 20; seed 002 §9 «доля обучающихся, вовлеченных в различные
формы сопровождения и наставничества»): the number of learners of an organization for a year,
the denominator of the indicator ``learners_full_cycle``.

The organization's curator or head enters its own (:func:`contingent_set`); the municipal
coordinator and the regional operator may enter any of their organizations and import an XLSX of
many (:func:`contingent_import`: organization by ИНН or full name, year, number; all or nothing,
the errors named by row). Rights: ``learnercontingent`` add/change (``access.choices``).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.rules import has_perm, require_perm
from nastavnik.core.uploads import archive_problem
from nastavnik.monitoring.choices import ContingentSource
from nastavnik.monitoring.models import LearnerContingent
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

#: The earliest year a contingent may be entered for (the target model dates from 2022).
FIRST_YEAR = 2022
#: The largest number of learners of one organization accepted (a university is below it).
MAX_LEARNERS = 200_000
#: The largest import file, in bytes, and the most rows read from it.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
#: Reading stops after this many errors.
MAX_ERRORS = 50
#: The columns of the import file (and of its template), in order.
IMPORT_COLUMNS = ["ИНН организации", "Полное наименование организации", "Год", "Численность обучающихся"]

REFUSAL = (
    "Численность обучающихся вносят куратор и руководитель организации, муниципальный координатор и "
    "региональный оператор."
)
IMPORT_REFUSAL = (
    "Загружать численность обучающихся из файла могут муниципальный координатор (для организаций "
    "муниципалитета) и региональный оператор."
)


def year_bounds(today=None) -> tuple[int, int]:
    """``(first, last)`` year a contingent may be entered for: :data:`FIRST_YEAR` to next year
    (the contingent of a school year is known in September)."""
    today = today or timezone.localdate()
    return FIRST_YEAR, today.year + 1


def _check_values(year, learners) -> list[str]:
    """Russian errors of a year and a number (empty when both are right)."""
    first, last = year_bounds()
    errors = []
    if not isinstance(year, int) or not first <= year <= last:
        errors.append(f"год должен быть от {first} до {last}")
    if not isinstance(learners, int) or learners < 0:
        errors.append("численность обучающихся должна быть целым неотрицательным числом")
    elif learners > MAX_LEARNERS:
        errors.append(f"численность обучающихся не может быть больше {MAX_LEARNERS:,}".replace(",", "\u00a0"))
    return errors


def _save(organization: OrgUnit, year: int, learners: int, by, source: str) -> LearnerContingent:
    row = LearnerContingent.objects.select_for_update().filter(organization=organization, year=year).first()
    row = row or LearnerContingent(organization=organization, year=year)
    row.learners = learners
    row.source = source
    row.entered_by = by
    row.full_clean(exclude=["entered_by"] if by is None else None)
    row.save()
    return row


def contingent_set(*, organization: OrgUnit, year: int, learners: int, by) -> LearnerContingent:
    """Enter (or correct) ``organization``'s number of ``learners`` for ``year`` as ``by`` (the
    right ``learnercontingent`` add — change when one exists; ``None`` — the system).

    Raises ``PermissionDenied`` outside the user's organizations, ``ValidationError`` (Russian)
    for a unit that is not an organization, a year outside :func:`year_bounds` or a number below
    0 or above :data:`MAX_LEARNERS`."""
    exists = LearnerContingent.objects.filter(organization=organization, year=year).exists()
    require_perm(by, "learnercontingent", "change" if exists else "add", organization, message=REFUSAL)
    if organization.level != Level.ORGANIZATION:
        raise ValidationError("Численность обучающихся вносится для организации, а не для территории.")
    errors = _check_values(year, learners)
    if errors:
        raise ValidationError([e[0].upper() + e[1:] + "." for e in errors])
    with transaction.atomic():
        return _save(organization, year, learners, by, ContingentSource.ENTERED)


@dataclass(frozen=True)
class ImportResult:
    """What :func:`contingent_import` saved: ``created`` and ``updated`` rows."""

    created: int
    updated: int


class ContingentFileError(ValidationError):
    """The import file cannot be taken: ``messages`` name every problem (by row)."""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _as_int(value) -> int | None:
    """An integer from a cell (``12``, ``12.0``, ``"12"``, ``"12 000"``), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _cell_text(value).replace("\u00a0", "").replace(" ", "")
    if text.lstrip("-").isdigit() and text.isascii():
        return int(text)
    return None


def _read_rows(data: bytes) -> list[tuple[int, tuple]]:
    """``[(row number in the sheet, (ИНН, name, year, number))]`` of the first sheet below its
    header row; raises :class:`ContingentFileError` for a file that is no XLSX workbook."""
    import openpyxl

    what = "файл повреждён или это не книга Excel (XLSX)"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem = archive_problem(archive, len(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ContingentFileError(f"Файл не читается: {what}.") from None
    if problem:
        raise ContingentFileError(problem)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # any failure of openpyxl means an unreadable file
        raise ContingentFileError(f"Файл не читается: {what}.") from None
    sheet = book.worksheets[0]
    rows = []
    for number, values in enumerate(sheet.iter_rows(max_col=4, values_only=True), start=1):
        if number == 1:
            continue  # the header
        if number > MAX_ROWS + 1:
            book.close()
            raise ContingentFileError(f"В файле больше {MAX_ROWS} строк: разделите его на части.")
        values = tuple(values) + (None,) * (4 - len(values))
        if all(_cell_text(v) == "" for v in values):
            continue
        rows.append((number, values))
    book.close()
    return rows


def contingent_import(*, unit: OrgUnit, data: bytes, by) -> ImportResult:
    """Import the contingents of ``unit``'s organizations from an XLSX (``data``, the bytes of
    the upload): the first sheet, a header row, then ИНН, full name, year, number (columns
    :data:`IMPORT_COLUMNS`). The organization is found by ИНН or, when it is empty, by the full
    name (case and spaces ignored) among the organizations of ``unit``'s subtree that ``by`` may
    enter a contingent for. A row for an organization and year already entered replaces it.

    All or nothing: every problem of every row is collected (up to :data:`MAX_ERRORS`) and a
    :class:`ContingentFileError` (a ``ValidationError``, messages «Строка 5: …») is raised
    before anything is saved; otherwise everything is saved in one transaction.
    ``PermissionDenied`` unless ``by`` is the municipal coordinator of ``unit`` or the regional
    operator (the right ``learnercontingent`` add on a municipality or a region)."""
    if by is not None and (
        unit.level not in (Level.MUNICIPALITY, Level.REGION)
        or not has_perm(by, "learnercontingent", "add", unit)
    ):
        raise PermissionDenied(IMPORT_REFUSAL)
    if len(data) > MAX_BYTES:
        raise ContingentFileError(f"Файл больше {MAX_BYTES // (1024 * 1024)} МБ.")
    rows = _read_rows(data)
    if not rows:
        raise ContingentFileError("В файле нет строк с численностью обучающихся.")
    organizations = OrgUnit.objects.filter(level=Level.ORGANIZATION, path__startswith=unit.path)
    if by is not None:
        organizations = organizations & OrgUnit.objects.granted(by, "learnercontingent", "add")
    by_inn: dict[str, list[OrgUnit]] = {}
    by_name: dict[str, list[OrgUnit]] = {}
    for org in organizations:
        if org.inn:
            by_inn.setdefault(org.inn.strip(), []).append(org)
        by_name.setdefault(" ".join(org.full_name.lower().split()), []).append(org)
    errors: list[str] = []
    parsed: dict[tuple[int, int], tuple[OrgUnit, int, int]] = {}
    for number, (inn, name, year_cell, learners_cell) in rows:
        row_errors = []
        inn_text, name_text = _cell_text(inn), " ".join(_cell_text(name).lower().split())
        found: list[OrgUnit] = []
        if inn_text:
            found = by_inn.get(inn_text, [])
            if not found:
                row_errors.append(f"организация с ИНН {inn_text} не найдена среди организаций «{unit}»")
        elif name_text:
            found = by_name.get(name_text, [])
            if not found:
                row_errors.append(f"организация «{_cell_text(name)}» не найдена среди организаций «{unit}»")
            elif len(found) > 1:
                row_errors.append(f"организаций с наименованием «{_cell_text(name)}» несколько: укажите ИНН")
        else:
            row_errors.append("не указаны ни ИНН, ни наименование организации")
        year, learners = _as_int(year_cell), _as_int(learners_cell)
        if year is None:
            row_errors.append("год не указан или указан не числом")
        if learners is None:
            row_errors.append("численность обучающихся не указана или указана не целым числом")
        if year is not None and learners is not None:
            row_errors += _check_values(year, learners)
        if len(found) == 1 and year is not None and not row_errors:
            key = (found[0].pk, year)
            if key in parsed:
                row_errors.append(f"организация и год уже указаны в строке {parsed[key][2]}")
            else:
                parsed[key] = (found[0], learners, number)
        if row_errors:
            errors.append(f"Строка {number}: " + "; ".join(row_errors) + ".")
            if len(errors) >= MAX_ERRORS:
                errors.append("Проверка остановлена: слишком много ошибок.")
                break
    if errors:
        raise ContingentFileError(errors)
    created = updated = 0
    with transaction.atomic():
        existing = set(
            LearnerContingent.objects.filter(
                organization_id__in=[k[0] for k in parsed], year__in={k[1] for k in parsed}
            ).values_list("organization_id", "year")
        )
        for (org_id, year), (org, learners, _) in parsed.items():
            _save(org, year, learners, by, ContingentSource.IMPORTED)
            if (org_id, year) in existing:
                updated += 1
            else:
                created += 1
    return ImportResult(created=created, updated=updated)
