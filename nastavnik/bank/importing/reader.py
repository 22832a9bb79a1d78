"""Reading an uploaded table row by row: XLSX with python-calamine (openpyxl only writes the
template), or CSV with «;», «,» or tab as the separator in UTF-8 (with or without BOM) or
Windows-1251.

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
    """Read the workbook with python-calamine (Rust; about eight times faster than openpyxl on a
    sheet of 60,000 rows): the sheet ``DATA_SHEET`` if there is one, else the first worksheet.
    Cells come as openpyxl's ``data_only`` gives them: an empty cell (and a formula without a
    stored value, or an error value) is ``None``; a date cell a ``date`` (``datetime`` with a
    time), a number a ``float``, a boolean a ``bool``."""
    import python_calamine

    try:
        # calamine reads OpenDocument and binary Excel books too; the import takes XLSX only,
        # as it did with openpyxl (a book with its parts in ``xl/…xml``).
        with zipfile.ZipFile(source) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise ImportFileError(NOT_A_TABLE)
        source.seek(0)
        workbook = python_calamine.CalamineWorkbook.from_filelike(source)
        names = [
            sheet.name
            for sheet in workbook.sheets_metadata
            if sheet.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        if not names:
            raise ImportFileError(NOT_A_TABLE)
        sheet = workbook.get_sheet_by_name(DATA_SHEET if DATA_SHEET in names else names[0])
    except ImportFileError:
        raise
    except Exception as exc:  # not a workbook, damaged, protected by a password, not XLSX
        raise ImportFileError(NOT_A_TABLE) from exc
    # The sheet's cells begin at its first non-empty one: row 1 empty means no header row; the
    # columns before the first non-empty one are put back, so that positions are those of the sheet.
    first_row, first_column = sheet.start if sheet.height else (0, 0)
    rows = iter(sheet.iter_rows()) if sheet.height and first_row == 0 else iter(())
    pad = (None,) * first_column

    def cells_of(values: list) -> tuple:
        return (*pad, *(None if value == "" else value for value in values))

    headers = next(rows, None)
    if headers is None or _blank(headers):
        workbook.close()
        raise ImportFileError(EMPTY_FILE)
    size_hint = max(0, sheet.height - 1)

    def data_rows() -> Iterator[tuple[int, tuple]]:
        number = 1
        for values in rows:
            number += 1
            cells = cells_of(values)
            if not _blank(cells):
                yield number, cells

    return Table("xlsx", list(cells_of(headers)), data_rows(), size_hint, [workbook.close])


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
