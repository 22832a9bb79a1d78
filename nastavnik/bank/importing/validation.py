"""Checking the rows of a bank import in Python, with the rules the models hold.

Field rules come from the models themselves (``Field.run_validators``: lengths, e-mail, the
СНИЛС checksum of ``people.validators``, integer ranges), choices from ``people.choices``, the
person rules from ``people.models.birth_date_error``/``experience_error``, and the consent rule
``bank.models.consent_date_error`` (not in the future) that ``pd_consent_record`` applies. Reference values are looked up in
dictionaries loaded once (``Lookups``), so a row costs no query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.bank.importing.columns import (
    COLUMN_BY_KEY,
    CellError,
    cell_bool,
    cell_date,
    cell_snils_text,
    cell_text,
    cell_years,
    normalize_name,
    split_list,
)
from nastavnik.bank.models import consent_date_error
from nastavnik.people.choices import QualificationCategory, Sex
from nastavnik.people.models import Person, birth_date_error, experience_error, join_full_name
from nastavnik.people.validators import normalize_snils
from nastavnik.reference.models import MenteeCategory, Position, Subject

MENTOR = "mentor"
MENTEE = "mentee"

_SEX = {
    "м": Sex.MALE,
    "муж": Sex.MALE,
    "мужской": Sex.MALE,
    "ж": Sex.FEMALE,
    "жен": Sex.FEMALE,
    "женский": Sex.FEMALE,
}
_ROLES = {"наставник": MENTOR, "наставляемый": MENTEE, "наставляемая": MENTEE}
_QUALIFICATIONS = {normalize_name(label): value for value, label in QualificationCategory.choices}
_HINT_COUNT = 5


@dataclass(frozen=True)
class ImportIssue:
    """One error: the spreadsheet ``row`` (None for the whole file), the Russian ``column`` header
    (empty when the row as a whole is meant) and the Russian ``message``."""

    row: int | None
    column: str
    message: str

    @property
    def text(self) -> str:
        """«Строка 5, столбец «СНИЛС»: …», «Строка 5: …» or the message alone."""
        if self.row is None:
            return self.message
        if self.column:
            return f"Строка {self.row}, столбец «{self.column}»: {self.message}"
        return f"Строка {self.row}: {self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message, "text": self.text}


class Lookups:
    """Active reference entries by normalized name (and by code): positions, subjects, mentee
    categories; ``today`` fixes «the future» for the whole file."""

    def __init__(self, *, today: dt.date | None = None):
        self.today = today or timezone.localdate()
        self.positions, self.position_labels = self._load(Position)
        self.subjects, self.subject_labels = self._load(Subject)
        self.categories, self.category_labels = self._load(MenteeCategory)
        self.position_names = list(self.position_labels.values())
        self.subject_names = list(self.subject_labels.values())
        self.category_names = list(self.category_labels.values())

    @staticmethod
    def _load(model) -> tuple[dict[str, int], dict[int, str]]:
        """``({normalized name or code: pk}, {pk: name})`` in the reference's display order."""
        index: dict[str, int] = {}
        labels: dict[int, str] = {}
        entries = list(model.objects.filter(is_active=True).values_list("pk", "code", "name"))
        for pk, _code, name in entries:
            index[normalize_name(name)] = pk
            labels[pk] = name
        for pk, code, _name in entries:
            index.setdefault(normalize_name(code), pk)
        return index, labels


def _unknown(what: str, value: str, names: list[str]) -> CellError:
    examples = "; ".join(names[:_HINT_COUNT])
    more = " и другие (полный список — на листе «Справочники» шаблона)" if len(names) > _HINT_COUNT else ""
    return CellError(f"{what} «{value}» нет в справочнике; допустимые значения: {examples}{more}.")


def _lower_first(message: str) -> str:
    """Put a model's message after a colon: «Дата …» → «дата …»; «СНИЛС …» stays."""
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        return message[0].lower() + message[1:]
    return message


_VALIDATORS: dict[str, tuple] = {}


def _field_errors(name: str, value) -> str | None:
    """The message of the first validator of ``Person.<name>`` that refuses ``value`` (the model's
    own validators, as ``Field.run_validators`` runs them, without its per-call overhead)."""
    validators = _VALIDATORS.get(name)
    if validators is None:
        validators = _VALIDATORS[name] = tuple(Person._meta.get_field(name).validators)
    for validator in validators:
        try:
            validator(value)
        except ValidationError as exc:
            return _lower_first(" ".join(exc.messages))
    return None


class RowData:
    """One parsed row. Empty optional cells are ``None`` (``""`` for texts): for a person already
    in the system they change nothing."""

    __slots__ = (
        "bank_role",
        "birth_date",
        "category_ids",
        "email",
        "first_name",
        "has_pedagogical_education",
        "job_title",
        "last_name",
        "middle_name",
        "pd_consent_given_on",
        "pedagogical_experience_years",
        "phone",
        "position_id",
        "qualification_category",
        "row",
        "sex",
        "snils",
        "started_on",
        "subject_ids",
        "total_experience_years",
    )

    def __init__(self, row: int):
        self.row = row
        self.last_name = self.first_name = self.middle_name = ""
        self.sex = ""
        self.birth_date = None
        self.snils = None
        self.position_id = None
        self.job_title = ""
        self.subject_ids = None
        self.total_experience_years = None
        self.pedagogical_experience_years = None
        self.qualification_category = None
        self.has_pedagogical_education = None
        self.email = ""
        self.phone = ""
        self.started_on = None
        self.bank_role = ""
        self.category_ids = None
        self.pd_consent_given_on = None

    @property
    def key(self) -> tuple:
        """(фамилия, имя, отчество, дата рождения), case-insensitive: the match without СНИЛС."""
        return (
            normalize_name(self.last_name),
            normalize_name(self.first_name),
            normalize_name(self.middle_name),
            self.birth_date,
        )

    @property
    def full_name(self) -> str:
        return join_full_name(self.last_name, self.first_name, self.middle_name)


_NAME_FIELDS = ("last_name", "first_name", "middle_name")


def _started_on_error(started_on: dt.date, *, today: dt.date) -> str | None:
    """The import's own rule for the date of employment: not in the future."""
    return "Дата приёма на работу не может быть в будущем." if started_on > today else None


def parse_row(number: int, cells: tuple, positions: dict[str, int], lookups: Lookups):
    """Parse one data row. Returns ``(RowData, issues)``; the row is unusable when issues is not
    empty. ``positions``: column key → index (``columns.match_headers``)."""
    issues: list[ImportIssue] = []
    data = RowData(number)
    width = len(cells)

    def raw(key):
        index = positions.get(key)
        return cells[index] if index is not None and index < width else None

    def fail(key: str, message: str) -> None:
        issues.append(ImportIssue(number, COLUMN_BY_KEY[key].header, message))

    for key in _NAME_FIELDS:
        text = cell_text(raw(key))
        if not text and COLUMN_BY_KEY[key].required:
            fail(key, "обязательное поле не заполнено.")
            continue
        error = _field_errors(key, text) if text else None
        if error:
            fail(key, error)
        setattr(data, key, text)

    sex = cell_text(raw("sex")).casefold().rstrip(".")
    if not sex:
        fail("sex", "обязательное поле не заполнено.")
    elif sex not in _SEX:
        fail("sex", "укажите «м» или «ж».")
    else:
        data.sex = _SEX[sex]

    try:
        data.birth_date = cell_date(raw("birth_date"))
        if data.birth_date is None:
            fail("birth_date", "обязательное поле не заполнено.")
        else:
            error = birth_date_error(data.birth_date, today=lookups.today)
            if error:
                fail("birth_date", _lower_first(error))
    except CellError as exc:
        fail("birth_date", exc.message)

    snils = cell_snils_text(raw("snils"))
    if snils:
        digits = normalize_snils(snils)
        error = _field_errors("snils", digits)
        if error:
            fail("snils", error)
        else:
            data.snils = digits

    position = cell_text(raw("position"))
    if position:
        data.position_id = lookups.positions.get(normalize_name(position))
        if data.position_id is None:
            fail("position", _unknown("должности", position, lookups.position_names).message)

    def reference_ids(key: str, ids_by_name: dict, names: list, genitive: str) -> frozenset[int] | None:
        """Ids of the «;»-separated reference names of the cell ``key`` (None for an empty cell,
        which changes nothing); each unknown name fails."""
        text = cell_text(raw(key))
        if not text:
            return None
        ids = []
        for name in split_list(text):
            pk = ids_by_name.get(normalize_name(name))
            if pk is None:
                fail(key, _unknown(genitive, name, names).message)
            else:
                ids.append(pk)
        return frozenset(ids)

    data.subject_ids = reference_ids("subjects", lookups.subjects, lookups.subject_names, "предмета")

    for key in ("total_experience_years", "pedagogical_experience_years"):
        try:
            years = cell_years(raw(key))
        except CellError as exc:
            fail(key, exc.message)
            continue
        if years is not None:
            error = _field_errors(key, years)
            if error:
                fail(key, error)
                continue
        setattr(data, key, years)
    error = experience_error(data.total_experience_years, data.pedagogical_experience_years)
    if error:
        fail("pedagogical_experience_years", _lower_first(error))

    qualification = cell_text(raw("qualification_category"))
    if qualification:
        data.qualification_category = _QUALIFICATIONS.get(normalize_name(qualification))
        if data.qualification_category is None:
            allowed = "; ".join(label for _value, label in QualificationCategory.choices)
            fail("qualification_category", f"значения «{qualification}» нет в списке; допустимые: {allowed}.")

    try:
        data.has_pedagogical_education = cell_bool(raw("has_pedagogical_education"))
    except CellError as exc:
        fail("has_pedagogical_education", exc.message)

    for key in ("email", "phone", "job_title"):
        text = cell_text(raw(key))
        if text:
            error = _field_errors(key, text)
            if error:
                fail(key, error)
            else:
                setattr(data, key, text)

    for key, date_error in (("started_on", _started_on_error), ("pd_consent_given_on", consent_date_error)):
        try:
            value = cell_date(raw(key))
        except CellError as exc:
            fail(key, exc.message)
            continue
        error = date_error(value, today=lookups.today) if value is not None else None
        if error:
            fail(key, _lower_first(error))
            continue
        setattr(data, key, value)

    role = cell_text(raw("bank_role")).casefold()
    if role:
        data.bank_role = _ROLES.get(role, "")
        if not data.bank_role:
            fail("bank_role", "укажите «наставник», «наставляемый» или оставьте ячейку пустой.")

    data.category_ids = reference_ids(
        "mentee_categories", lookups.categories, lookups.category_names, "категории"
    )
    if (
        data.bank_role == MENTEE
        and not data.category_ids
        and not any(issue.column == COLUMN_BY_KEY["mentee_categories"].header for issue in issues)
    ):
        fail("mentee_categories", "для наставляемого укажите хотя бы одну категорию.")
    return data, issues
