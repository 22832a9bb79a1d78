"""Columns of the bank import file and converters of raw cell values (seed 000 §4.1.2).

A column is found by its Russian header, in any order, ignoring case, spaces, «ё»/«е» and a
trailing «*» (the template marks required columns with it). Converters turn a raw cell — text
from CSV, or a number, date or boolean from XLSX — into a Python value, or raise ``CellError``
with the Russian reason; the row and the column are added by ``validation``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class CellError(Exception):
    """A cell cannot be taken: ``message`` is the Russian reason, lower-case, ending with a dot."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    """``key``: the identifier the row is parsed into; ``header``: the Russian header of the
    template; ``aliases``: other accepted headers; ``hint``: the note of the template."""

    key: str
    header: str
    required: bool = False
    hint: str = ""
    aliases: tuple[str, ...] = ()
    width: int = 18


LIST_SEPARATOR = ";"

COLUMNS: tuple[Column, ...] = (
    Column("last_name", "Фамилия", required=True),
    Column("first_name", "Имя", required=True, width=14),
    Column("middle_name", "Отчество", hint="Если есть.", aliases=("Отчество (при наличии)",)),
    Column("sex", "Пол", required=True, hint="«м» или «ж».", width=8),
    Column("birth_date", "Дата рождения", required=True, hint="ДД.ММ.ГГГГ.", width=14),
    Column(
        "snils",
        "СНИЛС",
        hint="11 цифр, с дефисами или без: 112-233-445 95. По СНИЛС работник узнаётся при повторной загрузке.",
        width=16,
    ),
    Column("position", "Должность", hint="Из справочника должностей (лист «Справочники»).", width=24),
    Column(
        "job_title",
        "Должность по штатному расписанию",
        hint="Как в штатном расписании, например: учитель математики. Её пишут в приказах и согласиях.",
        aliases=("Должность по штатному расписанию (для документов)",),
        width=24,
    ),
    Column(
        "subjects",
        "Предметы",
        hint="Из справочника предметов через «;», например: Математика; Информатика.",
        width=24,
    ),
    Column(
        "total_experience_years", "Общий стаж", hint="Полных лет.", aliases=("Общий стаж, лет",), width=12
    ),
    Column(
        "pedagogical_experience_years",
        "Педагогический стаж",
        hint="Полных лет, не больше общего стажа.",
        aliases=("Педагогический стаж, лет",),
        width=12,
    ),
    Column("qualification_category", "Квалификационная категория", hint="Из списка.", width=22),
    Column("has_pedagogical_education", "Педагогическое образование", hint="«да» или «нет».", width=12),
    Column("email", "Электронная почта", aliases=("E-mail", "Email", "Эл. почта"), width=22),
    Column("phone", "Телефон", width=16),
    Column("started_on", "Дата приёма на работу", hint="ДД.ММ.ГГГГ, не позже сегодняшнего дня.", width=14),
    Column(
        "bank_role",
        "Роль в банке",
        hint="«наставник», «наставляемый» или пусто (работник вносится без профиля в банке).",
        width=14,
    ),
    Column(
        "mentee_categories",
        "Категории наставляемого",
        hint="Для наставляемого обязательно: категории из справочника через «;».",
        width=30,
    ),
    Column(
        "pd_consent_given_on",
        "Согласие на обработку ПДн",
        hint="Дата письменного согласия на обработку персональных данных (ДД.ММ.ГГГГ), если оно получено.",
        aliases=("Согласие на обработку персональных данных", "Дата согласия на обработку ПДн"),
        width=14,
    ),
)

COLUMN_BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}


def normalize_header(text) -> str:
    """``" Дата приема  на работу* "`` → ``"дата приема на работу"``."""
    if text is None:
        return ""
    return " ".join(str(text).replace("*", " ").replace("ё", "е").replace("Ё", "Е").casefold().split())


def normalize_name(text: str) -> str:
    """Key form of a reference value or a name: case-folded, «ё» → «е», single spaces."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").casefold().split())


_HEADER_INDEX: dict[str, Column] = {}
for _column in COLUMNS:
    for _text in (_column.header, *_column.aliases):
        _HEADER_INDEX[normalize_header(_text)] = _column


@dataclass
class HeaderMatch:
    """``positions``: column key → index in the row; ``errors``: Russian messages (missing
    required columns, a column given twice); ``ignored``: headers that are not ours."""

    positions: dict[str, int]
    errors: list[str]
    ignored: list[str]


def match_headers(headers: list) -> HeaderMatch:
    """Find our columns among the header cells of the file."""
    positions: dict[str, int] = {}
    errors: list[str] = []
    ignored: list[str] = []
    for index, raw in enumerate(headers):
        key = normalize_header(raw)
        if not key:
            continue
        column = _HEADER_INDEX.get(key)
        if column is None:
            ignored.append(str(raw).strip())
        elif column.key in positions:
            errors.append(f"Столбец «{column.header}» указан в файле дважды.")
        else:
            positions[column.key] = index
    for column in COLUMNS:
        if column.required and column.key not in positions:
            errors.append(f"В файле нет обязательного столбца «{column.header}».")
    return HeaderMatch(positions, errors, ignored)


# ----------------------------------------------------------------------------------------------
# Converters of raw cells
# ----------------------------------------------------------------------------------------------


def cell_text(value) -> str:
    """Text of a cell with spaces collapsed; numbers without a trailing «.0»; dates as ДД.ММ.ГГГГ."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


DATE_ERROR = "дата не распознана: укажите её в виде ДД.ММ.ГГГГ."


def cell_date(value) -> dt.date | None:
    """A date from an Excel date cell or from text «ДД.ММ.ГГГГ» (also «ГГГГ-ММ-ДД»; a time part is
    dropped); ``None`` for an empty cell.

    Raises:
        CellError: anything else.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise CellError(DATE_ERROR)
    text = value.strip()
    if not text:
        return None
    text = text.split()[0]
    try:
        if "." in text:
            day, month, year = text.split(".")
        elif "-" in text:
            year, month, day = text.split("-")
        else:
            raise ValueError
        if len(year) != 4:
            raise ValueError
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise CellError(DATE_ERROR) from None


def cell_years(value) -> int | None:
    """Whole years from a number or text; ``None`` for an empty cell.

    Raises:
        CellError: not a whole number, or negative.
    """
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise CellError("укажите целое число лет.")
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError("укажите целое число лет.")
        number = int(value)
    else:
        text = "".join(str(value).split())
        if not text:
            return None
        if text.endswith(",0") or text.endswith(".0"):
            text = text[:-2]
        try:
            number = int(text)
        except ValueError:
            raise CellError("укажите целое число лет.") from None
    if number < 0:
        raise CellError("стаж не может быть отрицательным.")
    return number


_YES = {"да", "д", "yes", "y", "1", "true", "истина", "есть"}
_NO = {"нет", "н", "no", "n", "0", "false", "ложь"}


def cell_bool(value) -> bool | None:
    """«да»/«нет» (also 1/0 and Excel's TRUE/FALSE); ``None`` for an empty cell.

    Raises:
        CellError: anything else.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = cell_text(value).casefold()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError("укажите «да» или «нет».")


def cell_snils_text(value) -> str:
    """Digits of a СНИЛС; a number typed into Excel without dashes gets its leading zeros back."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{int(value):011d}"
    return cell_text(value)


def split_list(text: str) -> list[str]:
    """``"Математика; Информатика;"`` → ``["Математика", "Информатика"]``."""
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
