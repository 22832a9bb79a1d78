"""Valid import rows and files built in memory: for the tests, the benchmark and demonstrations.

``person_row(n)`` is a deterministic, valid row of person ``n`` (a unique valid СНИЛС, a
plausible name, dates, reference values); ``xlsx_bytes``/``csv_bytes`` write rows (dicts keyed
by the Russian headers) as a file the import reads.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from nastavnik.bank.importing.columns import COLUMNS
from nastavnik.people.validators import format_snils, snils_checksum

HEADERS = [column.header for column in COLUMNS]

_WOMEN = [
    ("Иванова", "Мария", "Петровна"),
    ("Смирнова", "Анна", "Сергеевна"),
    ("Кузнецова", "Елена", "Игоревна"),
]
_MEN = [
    ("Петров", "Алексей", "Николаевич"),
    ("Соколов", "Дмитрий", "Андреевич"),
    ("Попов", "Игорь", "Викторович"),
]
_POSITIONS = ["Учитель", "Воспитатель", "Педагог дополнительного образования", "Учитель-логопед", "Методист"]
_SUBJECTS = ["Математика", "Русский язык; Литература", "Информатика", "История; Обществознание", ""]
_CATEGORIES = [
    "Молодой педагог, только пришедший в профессию",
    "Новый педагог в коллективе",
    "Педагог, желающий повысить свой профессиональный уровень в определённом направлении "
    "педагогической деятельности",
]


def sample_snils(n: int) -> str:
    """A valid СНИЛС «XXX-XXX-XXX YY» of serial ``n`` (above 001-001-998, so the checksum applies)."""
    body = f"{200_000_000 + n:09d}"
    return format_snils(body + f"{snils_checksum(body):02d}")


def person_row(n: int, *, role: str | None = None, snils: bool = True) -> dict:
    """A valid row of person ``n``; ``role``: "наставник", "наставляемый", "" (default: by ``n``)."""
    female = n % 3 != 0
    last, first, middle = (_WOMEN if female else _MEN)[n % 3]
    birth = dt.date(1960 + n % 40, 1 + n % 12, 1 + n % 28)
    total = 2 + n % 30
    if role is None:
        role = ("наставник", "наставляемый", "")[n % 3]
    return {
        "Фамилия": f"{last}-{n}" if n else last,
        "Имя": first,
        "Отчество": middle,
        "Пол": "ж" if female else "м",
        "Дата рождения": birth,
        "СНИЛС": sample_snils(n) if snils else "",
        "Должность": _POSITIONS[n % len(_POSITIONS)],
        "Предметы": _SUBJECTS[n % len(_SUBJECTS)],
        "Общий стаж": total,
        "Педагогический стаж": total - n % 2,
        "Квалификационная категория": ("первая", "высшая", "без категории")[n % 3],
        "Педагогическое образование": "да" if n % 7 else "нет",
        "Электронная почта": f"teacher{n}@school.example.ru",
        "Телефон": f"+7 900 {n % 1000:03d}-{n // 1000 % 100:02d}-00",
        "Дата приёма на работу": dt.date(2010 + n % 14, 9, 1),
        "Роль в банке": role,
        "Категории наставляемого": _CATEGORIES[n % len(_CATEGORIES)] if role == "наставляемый" else "",
        "Согласие на обработку ПДн": dt.date(2024, 9, 2) if n % 5 else None,
    }


def xlsx_bytes(rows: list[dict], *, headers: list[str] | None = None, dates_as_text: bool = False) -> bytes:
    """An XLSX workbook (streamed, ``write_only``) with ``headers`` (default: all columns) in row 1
    and ``rows`` below; dates are real Excel dates unless ``dates_as_text``."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    headers = headers or HEADERS
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Работники")
    sheet.append(headers)
    for row in rows:
        cells = []
        for header in headers:
            value = row.get(header)
            if isinstance(value, dt.date):
                if dates_as_text:
                    value = value.strftime("%d.%m.%Y")
                else:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "DD.MM.YYYY"
                    value = cell
            cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def excel_like_xlsx_bytes(rows: list[dict], *, headers: list[str] | None = None) -> bytes:
    """An XLSX laid out as Excel saves it — strings in the shared-string table, dates as serial
    numbers with a date style, the sheet's dimension on top — written directly with ``zipfile``.
    (openpyxl writes every string inline, which real files seldom do; this is what a curator's
    Excel uploads.)"""
    import zipfile
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter
    from openpyxl.utils.datetime import to_excel

    headers = headers or HEADERS
    strings: dict[str, int] = {}
    letters = [get_column_letter(index) for index in range(1, len(headers) + 1)]

    def cell(ref: str, value) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, dt.date):
            return f'<c r="{ref}" s="1"><v>{int(to_excel(value))}</v></c>'
        if isinstance(value, int | float):
            return f'<c r="{ref}"><v>{value}</v></c>'
        index = strings.setdefault(str(value), len(strings))
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'

    lines = []
    for number, values in enumerate([dict(zip(headers, headers, strict=True)), *rows], start=1):
        cells = "".join(
            cell(f"{letter}{number}", values.get(header))
            for letter, header in zip(letters, headers, strict=True)
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{main}">'
        f'<dimension ref="A1:{letters[-1]}{len(rows) + 1}"/><sheetData>{"".join(lines)}</sheetData></worksheet>'
    )
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="Работники" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{main}">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        ),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{main}" count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">{shared}</sst>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def csv_bytes(
    rows: list[dict], *, headers: list[str] | None = None, delimiter: str = ";", encoding: str = "utf-8-sig"
) -> bytes:
    """A CSV file of ``rows`` with dates as ДД.ММ.ГГГГ, in ``encoding`` (e.g. "cp1251")."""
    headers = headers or HEADERS
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        values = []
        for header in headers:
            value = row.get(header)
            if isinstance(value, dt.date):
                value = value.strftime("%d.%m.%Y")
            values.append("" if value is None else value)
        writer.writerow(values)
    return buffer.getvalue().encode(encoding)
