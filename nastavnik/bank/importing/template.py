"""The downloadable XLSX template of the bank import: the sheet «Работники» with the headers
(required ones marked «*»), notes and one sample row; the sheet «Справочники» with the allowed
values; drop-down lists on the columns with a closed list of values."""

from __future__ import annotations

import datetime as dt
import io

from nastavnik.bank.importing.columns import COLUMNS, LIST_SEPARATOR
from nastavnik.bank.importing.reader import DATA_SHEET
from nastavnik.core.export import DATE_FORMAT
from nastavnik.people.choices import QualificationCategory
from nastavnik.reference.models import MenteeCategory, Position, Subject

REFERENCE_SHEET = "Справочники"
#: Rows of the data sheet that get the drop-down lists.
VALIDATED_ROWS = 5000
FILE_NAME = "shablon-zagruzki-banka.xlsx"

SAMPLE = {
    "last_name": "Иванова",
    "first_name": "Мария",
    "middle_name": "Петровна",
    "sex": "ж",
    "birth_date": dt.date(1985, 3, 14),
    "snils": "112-233-445 95",
    "position": "Учитель",
    "job_title": "учитель математики",
    "subjects": f"Математика{LIST_SEPARATOR} Информатика",
    "total_experience_years": 15,
    "pedagogical_experience_years": 12,
    "qualification_category": "высшая",
    "has_pedagogical_education": "да",
    "email": "ivanova@example.ru",
    "phone": "+7 900 000-00-00",
    "started_on": dt.date(2015, 9, 1),
    "bank_role": "наставник",
    "mentee_categories": "",
    "pd_consent_given_on": dt.date(2024, 9, 2),
}
_DATE_KEYS = {"birth_date", "started_on", "pd_consent_given_on"}


def _names(model) -> list[str]:
    return list(model.objects.filter(is_active=True).values_list("name", flat=True))


def import_template_xlsx() -> bytes:
    """The template as XLSX bytes. It imports cleanly as it is (one sample row)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header + ("*" if column.required else ""))
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = required_fill
        note = ("Обязательный столбец. " if column.required else "") + column.hint
        if note.strip():
            cell.comment = Comment(note.strip(), "«Наставник»")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        value = SAMPLE.get(column.key, "")
        sample = sheet.cell(row=2, column=index, value=value if value != "" else None)
        if column.key in _DATE_KEYS:
            for row in (2, VALIDATED_ROWS + 1):
                sheet.cell(row=row, column=index).number_format = DATE_FORMAT
        if column.key == "snils":
            sample.number_format = "@"
    sheet.freeze_panes = "A2"

    lists = {
        "sex": ("Пол", ["м", "ж"]),
        "position": ("Должность", _names(Position)),
        "subjects": ("Предметы", _names(Subject)),
        "qualification_category": (
            "Квалификационная категория",
            [label for _value, label in QualificationCategory.choices],
        ),
        "has_pedagogical_education": ("Педагогическое образование", ["да", "нет"]),
        "bank_role": ("Роль в банке", ["наставник", "наставляемый"]),
        "mentee_categories": ("Категории наставляемого", _names(MenteeCategory)),
    }
    reference = workbook.create_sheet(REFERENCE_SHEET)
    positions = {column.key: index for index, column in enumerate(COLUMNS, start=1)}
    drop_down = {"sex", "position", "qualification_category", "has_pedagogical_education", "bank_role"}
    for ref_index, (key, (title, values)) in enumerate(lists.items(), start=1):
        letter = get_column_letter(ref_index)
        reference.cell(row=1, column=ref_index, value=title).font = Font(bold=True)
        reference.column_dimensions[letter].width = 40 if len(max(values, key=len, default="")) > 30 else 28
        for row, value in enumerate(values, start=2):
            reference.cell(row=row, column=ref_index, value=value)
        if key in drop_down and values:
            target = get_column_letter(positions[key])
            validation = DataValidation(
                type="list",
                formula1=f"'{REFERENCE_SHEET}'!${letter}$2:${letter}${len(values) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Значение не из списка",
                error="Выберите значение из списка (лист «Справочники»).",
            )
            validation.add(f"{target}2:{target}{VALIDATED_ROWS + 1}")
            sheet.add_data_validation(validation)
    note_row = max(len(values) for _title, values in lists.values()) + 3
    reference.cell(
        row=note_row,
        column=1,
        value=(
            "Предметы и категории наставляемого перечисляются через «;». Пустая ячейка не меняет "
            "сведений о работнике, уже внесённом в систему."
        ),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
