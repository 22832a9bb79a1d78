"""The import of a class or a group of learners from XLSX (issue 20; seed 003 §4.4, 002 §9).

All or nothing, as the bank's import (``bank.importing``): every row is checked by the same
service that writes it (``learners.services.learner_create`` — the models' own rules), inside
one transaction that is rolled back when any row fails, so either the whole class is written or
nothing is, and every error is listed by row and column in Russian. A learner already in the
organization (the same ФИО and date of birth) is reported and skipped, never doubled. The file is
read with the bank's reader (``bank.importing.reader``); only a workbook XLSX is taken.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.bank.importing.columns import CellError, cell_date, cell_text, normalize_header, normalize_name
from nastavnik.bank.importing.reader import ImportFileError, open_table
from nastavnik.bank.importing.validation import ImportIssue
from nastavnik.learners.services import learner_create, representative_create
from nastavnik.people.choices import LearnerKind, RepresentativeKind, Sex
from nastavnik.people.learners import Learner

SHEET = "Обучающиеся"
FILE_NAME = "shablon-zagruzki-obuchayushchihsya.xlsx"
#: The most rows one file may hold (a class or a group, a course of a college at most).
MAX_ROWS = 2000
NOT_XLSX = "Не удалось прочитать файл: загрузите книгу Excel (XLSX) по шаблону."


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    hint: str = ""
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("last_name", "Фамилия", True),
    Column("first_name", "Имя", True),
    Column("middle_name", "Отчество"),
    Column("sex", "Пол", True, "м или ж"),
    Column("birth_date", "Дата рождения", True, "ДД.ММ.ГГГГ"),
    Column("grade", "Класс/группа", True, "Например, 7 Б или ТМ-21", ("класс", "группа", "класс или группа")),
    Column("kind", "Ученик/студент", True, "ученик или студент", ("обучающийся",)),
    Column(
        "rep_kind",
        "Представитель: кем приходится",
        False,
        "мать, отец, усыновитель, опекун или попечитель",
        ("кем приходится",),
    ),
    Column("rep_name", "Представитель: ФИО", False, "Фамилия Имя Отчество", ("фио представителя",)),
    Column("rep_phone", "Представитель: телефон", False, "", ("телефон представителя",)),
    Column(
        "rep_email",
        "Представитель: электронная почта",
        False,
        "",
        (
            "Представитель: e-mail",
            "e-mail представителя",
            "email представителя",
            "электронная почта представителя",
        ),
    ),
)
_BY_HEADER = {
    normalize_header(text): column for column in COLUMNS for text in (column.header, *column.aliases)
}
_HEADER_OF = {column.key: column.header for column in COLUMNS}
#: Where a service's field error goes: the learner's and the representative's model fields.
_FIELD_COLUMN = {
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "sex": "Пол",
    "birth_date": "Дата рождения",
    "grade": "Класс/группа",
    "kind": "Ученик/студент",
}
_REP_FIELD_COLUMN = {
    "kind": "Представитель: кем приходится",
    "last_name": "Представитель: ФИО",
    "first_name": "Представитель: ФИО",
    "middle_name": "Представитель: ФИО",
    "phone": "Представитель: телефон",
    "email": "Представитель: электронная почта",
}
_SEX = {
    "м": Sex.MALE,
    "муж": Sex.MALE,
    "мужской": Sex.MALE,
    "ж": Sex.FEMALE,
    "жен": Sex.FEMALE,
    "женский": Sex.FEMALE,
}
_KIND = {normalize_name(label): value for value, label in LearnerKind.choices} | {
    "ученица": LearnerKind.PUPIL,
    "студентка": LearnerKind.STUDENT,
}
_REP_KIND = {normalize_name(label): value for value, label in RepresentativeKind.choices}

SAMPLE = {
    "last_name": "Петров",
    "first_name": "Илья",
    "middle_name": "Сергеевич",
    "sex": "м",
    "birth_date": dt.date(2013, 4, 12),
    "grade": "7 Б",
    "kind": "ученик",
    "rep_kind": "мать",
    "rep_name": "Петрова Ольга Ивановна",
    "rep_phone": "+7 900 000-00-00",
    "rep_email": "petrova@example.ru",
}


@dataclass
class ImportResult:
    """``created``: learners written (0 when anything failed); ``errors``: what stopped the
    import, by row and column; ``skipped``: rows of learners already in the organization."""

    created: int = 0
    errors: list[ImportIssue] = field(default_factory=list)
    skipped: list[ImportIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_template_xlsx() -> bytes:
    """The template as XLSX bytes: the sheet «Обучающиеся» with the headers (required ones marked
    «*», hints in notes) and one sample row; it imports cleanly as it is."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from nastavnik.core.export import DATE_FORMAT

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header + ("*" if column.required else ""))
        cell.font = Font(bold=True)
        note = ("Обязательный столбец. " if column.required else "") + column.hint
        if note.strip():
            cell.comment = Comment(note.strip(), "«Наставник»")
        sheet.column_dimensions[get_column_letter(index)].width = 24
        sample = sheet.cell(row=2, column=index, value=SAMPLE.get(column.key))
        if column.key == "birth_date":
            sample.number_format = DATE_FORMAT
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _split_name(text: str) -> tuple[str, str, str]:
    words = text.split()
    if len(words) < 2:
        raise CellError("укажите фамилию, имя и отчество (если есть) представителя.")
    return words[0], words[1], " ".join(words[2:])


def _parse(number: int, cells: tuple, positions: dict[str, int], errors: list[ImportIssue]) -> dict | None:
    """The service's keyword arguments from one row, or ``None`` (its errors added)."""

    def raw(key):
        index = positions.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def fail(key: str, message: str) -> None:
        errors.append(ImportIssue(number, _HEADER_OF[key], message))

    before = len(errors)
    data: dict = {}
    for key in ("last_name", "first_name", "middle_name", "grade"):
        data[key] = cell_text(raw(key))
        if not data[key] and key in ("last_name", "first_name", "grade"):
            fail(key, "не заполнено.")
    sex = normalize_name(cell_text(raw("sex")))
    if sex not in _SEX:
        fail("sex", "укажите «м» или «ж».")
    data["sex"] = _SEX.get(sex)
    try:
        data["birth_date"] = cell_date(raw("birth_date"))
        if data["birth_date"] is None:
            fail("birth_date", "не заполнено.")
    except CellError as exc:
        fail("birth_date", exc.message)
    kind = normalize_name(cell_text(raw("kind")))
    if kind not in _KIND:
        fail("kind", "укажите «ученик» или «студент».")
    data["kind"] = _KIND.get(kind)
    rep = {key: cell_text(raw(key)) for key in ("rep_kind", "rep_name", "rep_phone", "rep_email")}
    if any(rep.values()):
        representative: dict = {"phone": rep["rep_phone"], "email": rep["rep_email"]}
        rep_kind = normalize_name(rep["rep_kind"])
        if rep_kind not in _REP_KIND:
            fail("rep_kind", "укажите: мать, отец, усыновитель, опекун или попечитель.")
        representative["kind"] = _REP_KIND.get(rep_kind)
        try:
            last, first, middle = _split_name(rep["rep_name"])
            representative.update(last_name=last, first_name=first, middle_name=middle)
        except CellError as exc:
            fail("rep_name", exc.message)
        data["representative"] = representative
    return data if len(errors) == before else None


def _issues(number: int, exc: ValidationError, columns: dict[str, str]) -> list[ImportIssue]:
    if not hasattr(exc, "error_dict"):
        return [ImportIssue(number, "", message) for message in exc.messages]
    issues = []
    for name, messages in exc.message_dict.items():
        for message in messages:
            issues.append(ImportIssue(number, columns.get(name, ""), message))
    return issues


def _key(last_name: str, first_name: str, middle_name: str, birth_date) -> tuple:
    return (normalize_name(last_name), normalize_name(first_name), normalize_name(middle_name), birth_date)


@transaction.atomic
def learners_import(*, by, organization, source) -> ImportResult:
    """Import the learners of ``source`` (a binary file object of an XLSX workbook) into
    ``organization``: all rows or none.

    Returns an :class:`ImportResult`; nothing is written when ``errors`` is not empty.

    Raises:
        PermissionDenied: ``by`` may not add learners to ``organization`` (``learner`` ``add``;
            ``by=None`` is the system).
    """
    require_perm(by, "learner", Action.ADD, organization)
    result = ImportResult()
    try:
        table = open_table(source)
    except ImportFileError as exc:
        result.errors.append(ImportIssue(None, "", exc.message))
        return result
    try:
        if table.kind != "xlsx":
            result.errors.append(ImportIssue(None, "", NOT_XLSX))
            return result
        positions: dict[str, int] = {}
        for index, header in enumerate(table.headers):
            column = _BY_HEADER.get(normalize_header(header))
            if column is not None and column.key not in positions:
                positions[column.key] = index
        missing = [c.header for c in COLUMNS if c.required and c.key not in positions]
        if missing:
            result.errors.append(
                ImportIssue(
                    None,
                    "",
                    "В файле нет обязательных столбцов: " + ", ".join(f"«{m}»" for m in missing) + ".",
                )
            )
            return result
        existing = {
            _key(*row)
            for row in Learner.objects.filter(organization=organization).values_list(
                "person__last_name", "person__first_name", "person__middle_name", "person__birth_date"
            )
        }
        seen: dict[tuple, int] = {}
        rows = 0
        with transaction.atomic():
            for number, cells in table.rows:
                rows += 1
                if rows > MAX_ROWS:
                    result.errors.append(
                        ImportIssue(None, "", f"В файле больше {MAX_ROWS} строк: разделите его на части.")
                    )
                    break
                data = _parse(number, cells, positions, result.errors)
                if data is None:
                    continue
                key = _key(data["last_name"], data["first_name"], data["middle_name"], data["birth_date"])
                if key in seen:
                    result.errors.append(
                        ImportIssue(
                            number,
                            "",
                            f"обучающийся уже указан в строке {seen[key]} с той же датой рождения.",
                        )
                    )
                    continue
                seen[key] = number
                if key in existing:
                    result.skipped.append(
                        ImportIssue(
                            number,
                            "",
                            "обучающийся с такими ФИО и датой рождения уже есть в организации; строка пропущена.",
                        )
                    )
                    continue
                representative = data.pop("representative", None)
                try:
                    with transaction.atomic():
                        learner = learner_create(by=None, organization=organization, **data)
                except ValidationError as exc:
                    result.errors.extend(_issues(number, exc, _FIELD_COLUMN))
                    continue
                if representative:
                    try:
                        with transaction.atomic():
                            representative_create(by=None, learner=learner, is_primary=True, **representative)
                    except ValidationError as exc:
                        result.errors.extend(_issues(number, exc, _REP_FIELD_COLUMN))
                        continue
                result.created += 1
            if rows == 0 and not result.errors:
                result.errors.append(ImportIssue(None, "", "В файле нет строк с обучающимися."))
            if result.errors:
                transaction.set_rollback(True)
                result.created = 0
    except ImportFileError as exc:
        result.errors.append(ImportIssue(None, "", exc.message))
        result.created = 0
    finally:
        table.close()
    return result
