"""Reading an uploaded table row by row: XLSX streamed with openpyxl (``read_only=True``), or CSV
with «;», «,» or tab as the separator in UTF-8 (with or without BOM) or Windows-1251.

The kind of file is told by its content, not its name. Row numbers are those a spreadsheet shows:
the header is row 1; blank rows are skipped but keep their numbers.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import BinaryIO

#: The sheet read from a workbook when it has one by this name (the template's); else the first.
DATA_SHEET = "Работники"

NOT_A_TABLE = "Не удалось прочитать файл: загрузите книгу Excel (XLSX) или файл CSV."
OLD_EXCEL = (
    "Файл в формате XLS (Excel 97–2003) не поддерживается: сохраните его как книгу Excel (XLSX) или CSV."
)
EMPTY_FILE = "Файл пуст: в нём нет строки заголовков и строк с данными."


class ImportFileError(Exception):
    """The file as a whole cannot be read; ``message`` is Russian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """``headers``: cells of row 1; ``rows``: ``(row number, cells)`` of the non-blank data rows;
    ``size_hint``: the number of data rows the file announces (0 when unknown), for progress."""

    kind: str
    headers: list
    rows: Iterator[tuple[int, tuple]]
    size_hint: int = 0
    _close: list = field(default_factory=list, repr=False)

    def close(self) -> None:
        for close in self._close:
            with suppress(Exception):
                close()


def _blank(cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def open_table(source: BinaryIO) -> Table:
    """Open ``source`` (a binary file object, seekable) as a table.

    Raises:
        ImportFileError: neither XLSX nor CSV, old XLS, damaged, or without a header row.
    """
    head = source.read(8)
    source.seek(0)
    if not head:
        raise ImportFileError(EMPTY_FILE)
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(source)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(OLD_EXCEL)
    return _open_csv(source.read())


def _open_xlsx(source: BinaryIO) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFileError(NOT_A_TABLE) from exc
    try:
        sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
        if not sheets:
            raise ImportFileError(NOT_A_TABLE)
        sheet = workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else sheets[0]
        rows = sheet.iter_rows(values_only=True)
        headers = next(rows, None)
    except ImportFileError:
        workbook.close()
        raise
    except Exception as exc:  # a damaged part of the archive shows up only when read
        workbook.close()
        raise ImportFileError(NOT_A_TABLE) from exc
    if headers is None or _blank(headers):
        workbook.close()
        raise ImportFileError(EMPTY_FILE)
    try:
        size_hint = max(0, (sheet.max_row or 0) - 1)
    except Exception:
        size_hint = 0

    def data_rows() -> Iterator[tuple[int, tuple]]:
        number = 1
        try:
            for cells in rows:
                number += 1
                if not _blank(cells):
                    yield number, cells
        except ImportFileError:
            raise
        except Exception as exc:
            raise ImportFileError(NOT_A_TABLE) from exc

    return Table("xlsx", list(headers), data_rows(), size_hint, [workbook.close])


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(NOT_A_TABLE)


def _open_csv(data: bytes) -> Table:
    if b"\x00" in data[:65536]:
        raise ImportFileError(NOT_A_TABLE)
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count) if first_line else ";"
    if not first_line.count(delimiter):
        delimiter = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader, None)
    except csv.Error as exc:
        raise ImportFileError(NOT_A_TABLE) from exc
    if headers is None or _blank(headers):
        raise ImportFileError(EMPTY_FILE)
    size_hint = max(0, text.count("\n") - 1 + (0 if text.endswith("\n") else 1))

    def data_rows() -> Iterator[tuple[int, tuple]]:
        number = 1
        try:
            for cells in reader:
                number += 1
                if not _blank(cells):
                    yield number, tuple(cells)
        except csv.Error as exc:
            raise ImportFileError(NOT_A_TABLE) from exc

    return Table("csv", headers, data_rows(), size_hint)
