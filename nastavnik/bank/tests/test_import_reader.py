"""Reading an uploaded XLSX (``bank.importing.reader``, python-calamine): the sheet read, the cells
as the checks expect them, the row numbers a spreadsheet shows, and one clear Russian error for
anything that is not an XLSX workbook."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from nastavnik.bank.importing.reader import EMPTY_FILE, NOT_A_TABLE, ImportFileError, open_table
from nastavnik.bank.importing.samples import HEADERS, person_row, xlsx_bytes


def saved(workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def read(source) -> tuple[list, list]:
    table = open_table(source)
    try:
        return table.headers, list(table.rows)
    finally:
        table.close()


def test_the_sheet_workers_is_read_wherever_it_is_else_the_first_sheet():
    workbook = openpyxl.Workbook()
    workbook.active.title = "Пояснения"
    workbook.active.append(["Это не данные"])
    workbook.create_sheet("Работники").append(["Фамилия", "Имя"])
    workbook["Работники"].append(["Иванова", "Анна"])
    assert read(saved(workbook)) == (["Фамилия", "Имя"], [(2, ("Иванова", "Анна"))])

    del workbook["Работники"]
    assert read(saved(workbook)) == (["Это не данные"], [])


def test_cells_come_as_dates_numbers_booleans_and_empty_as_none():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Дата", "Время", "СНИЛС", "Стаж", "Текст", "Да", "Пусто", "Формула"])
    sheet.append(
        [dt.date(1980, 2, 29), dt.datetime(2024, 9, 2, 10, 30), 11223344595, 15, "  ", True, None, "=1+1"]
    )
    sheet["A2"].number_format = "DD.MM.YYYY"

    _headers, [(number, cells)] = read(saved(workbook))

    assert number == 2
    assert cells[0] == dt.date(1980, 2, 29) and cells[1] == dt.datetime(2024, 9, 2, 10, 30)
    assert cells[2] == 11223344595 and cells[3] == 15 and cells[4] == "  " and cells[5] is True
    # an empty cell and a formula without a stored value are empty
    assert cells[6] is None and cells[7] is None


def test_row_numbers_are_the_sheets_and_columns_keep_their_places():
    # given a table that starts in column B, with blank rows inside
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B1"], sheet["C1"] = "Фамилия", "Имя"
    sheet["B2"], sheet["C2"] = "Иванова", "Анна"
    sheet["B5"], sheet["D5"] = "Петров", "лишнее"

    headers, rows = read(saved(workbook))

    assert headers == [None, "Фамилия", "Имя", None]
    assert rows == [(2, (None, "Иванова", "Анна", None)), (5, (None, "Петров", None, "лишнее"))]


def test_a_sheet_whose_first_row_is_empty_has_no_header_row():
    workbook = openpyxl.Workbook()
    workbook.active["A3"] = "Иванова"
    with pytest.raises(ImportFileError) as raised:
        read(saved(workbook))
    assert raised.value.message == EMPTY_FILE


def _zip(parts: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(io.BytesIO(xlsx_bytes([person_row(1)])[:2000]), id="cut short"),
        pytest.param(
            _zip(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": b"<office:document-content/>",
                }
            ),
            id="OpenDocument",
        ),
        pytest.param(_zip({"word/document.xml": b"<w:document/>"}), id="another zip"),
        pytest.param(
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"not xml at all <<<"}),
            id="damaged workbook",
        ),
    ],
)
def test_anything_but_an_xlsx_workbook_is_one_clear_error(source):
    with pytest.raises(ImportFileError) as raised:
        open_table(source)
    assert raised.value.message == NOT_A_TABLE


def test_the_import_file_reads_as_written():
    row = person_row(3, role="наставник")
    headers, [(number, cells)] = read(io.BytesIO(xlsx_bytes([row])))
    assert headers == HEADERS and number == 2
    values = dict(zip(HEADERS, cells, strict=True))
    assert values["Фамилия"] == row["Фамилия"] and values["Дата рождения"] == row["Дата рождения"]
    assert values["Общий стаж"] == row["Общий стаж"] and values["Роль в банке"] == "наставник"
