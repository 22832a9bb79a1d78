"""Import of the bank from XLSX and CSV: checks with Russian messages naming row and column,
matching of known people, all-or-nothing writes, idempotent re-import (seed 000 §4.1.2)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.utils import timezone

from nastavnik.audit.models import AuditEvent
from nastavnik.bank.choices import ConsentPurpose, MentorStatus
from nastavnik.bank.importing.samples import HEADERS, csv_bytes, person_row, sample_snils, xlsx_bytes
from nastavnik.bank.importing.services import bank_import_apply, bank_import_validate
from nastavnik.bank.importing.template import import_template_xlsx
from nastavnik.bank.models import MenteeProfile, MentorProfile, MentorStatusEvent, PersonalDataConsent
from nastavnik.people.models import Employment, Person
from nastavnik.people.validators import format_snils, normalize_snils, snils_checksum

pytestmark = pytest.mark.django_db


def check(world, data: bytes, *, user="curator_a", organization=None, **kwargs):
    return bank_import_validate(
        source=io.BytesIO(data),
        organization=organization or world.school_a,
        user=world.users[user],
        **kwargs,
    )


def texts(plan) -> list[str]:
    return [issue.text for issue in plan.issues]


def one_row(**changes) -> bytes:
    row = person_row(7, role="")
    row.update(changes)
    return xlsx_bytes([row])


# --------------------------------------------------------------------------------------------
# A good file
# --------------------------------------------------------------------------------------------


def test_xlsx_with_real_excel_dates_imports_people_with_profiles_and_consents(world):
    # given a workbook with real Excel dates: a mentor, a mentee and a teacher without a role
    rows = [person_row(1, role="наставник"), person_row(2, role="наставляемый"), person_row(3, role="")]
    rows[1]["Категории наставляемого"] = (
        "Молодой педагог, только пришедший в профессию; Новый педагог в коллективе"
    )
    curator = world.users["curator_a"]

    # when it is checked
    plan = check(world, xlsx_bytes(rows))

    # then there are no errors and three new people
    assert texts(plan) == []
    assert plan.preview()["new"] == 3 and plan.preview()["errors_total"] == 0
    assert plan.preview()["sample"][0]["action"] == "будет добавлен"

    # when it is applied
    result = bank_import_apply(plan=plan, by=curator)

    # then the people, their places of work, profiles and consents are there
    assert result.as_dict() | {"nothing_changed": None} == {
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "employments": 3,
        "mentor_profiles": 1,
        "mentee_profiles": 1,
        "consents": 3,
        "nothing_changed": None,
    }
    mentor = Person.objects.get(snils=sample_snils(1).replace("-", "").replace(" ", ""))
    assert mentor.birth_date == rows[0]["Дата рождения"]
    assert mentor.position.name == "Воспитатель"
    assert sorted(s.name for s in mentor.subjects.all()) == ["Литература", "Русский язык"]
    assert (
        Employment.objects.current()
        .filter(person=mentor, organization=world.school_a, is_primary=True)
        .exists()
    )
    profile = MentorProfile.objects.get(person=mentor)
    assert profile.status == MentorStatus.CANDIDATE and profile.organization == world.school_a
    event = MentorStatusEvent.objects.get(mentor=profile)
    assert (event.from_status, event.to_status, event.author) == ("", MentorStatus.CANDIDATE, curator)
    mentee = MenteeProfile.objects.get(person__last_name=rows[1]["Фамилия"])
    assert mentee.categories.count() == 2
    consent = PersonalDataConsent.objects.get(person=mentor)
    assert consent.purposes == [ConsentPurpose.MENTORING_RECORD] and consent.recorded_by == curator
    assert consent.given_on == dt.date(2024, 9, 2)
    # and the curator sees them in their scope
    assert Person.objects.for_user(curator).filter(pk=mentor.pk).exists()


def test_reimporting_the_same_file_changes_nothing(world):
    # given a file imported once
    rows = [person_row(n) for n in range(1, 7)]
    data = xlsx_bytes(rows)
    bank_import_apply(plan=check(world, data), by=world.users["curator_a"])
    stamps = dict(Person.objects.values_list("pk", "updated_at"))
    mentor_stamps = dict(MentorProfile.objects.values_list("pk", "updated_at"))
    counts = (
        Person.objects.count(),
        Employment.objects.count(),
        MentorProfile.objects.count(),
        MenteeProfile.objects.count(),
        MentorStatusEvent.objects.count(),
        PersonalDataConsent.objects.count(),
    )

    # when the same file is checked and imported again
    plan = check(world, data)
    result = bank_import_apply(plan=plan, by=world.users["curator_a"])

    # then every row is a known person without changes, and nothing is written
    assert (plan.preview()["new"], plan.preview()["changed"], plan.preview()["unchanged"]) == (0, 0, 6)
    assert {row["action"] for row in plan.preview()["sample"]} == {"без изменений"}
    assert (result.created, result.updated, result.unchanged, result.nothing_changed) == (0, 0, 6, True)
    assert dict(Person.objects.values_list("pk", "updated_at")) == stamps
    assert dict(MentorProfile.objects.values_list("pk", "updated_at")) == mentor_stamps
    assert counts == (
        Person.objects.count(),
        Employment.objects.count(),
        MentorProfile.objects.count(),
        MenteeProfile.objects.count(),
        MentorStatusEvent.objects.count(),
        PersonalDataConsent.objects.count(),
    )


def test_csv_in_windows_1251_with_semicolons_imports_and_reimports_as_the_same(world):
    # given the same rows as CSV in Windows-1251 with «;»
    rows = [person_row(n) for n in range(1, 4)]
    data = csv_bytes(rows, encoding="cp1251", delimiter=";")
    assert "Фамилия".encode("cp1251") in data

    # when it is imported
    plan = check(world, data)
    assert texts(plan) == [] and plan.file_kind == "csv"
    bank_import_apply(plan=plan, by=world.users["curator_a"])

    # then the people are there, and the same rows as XLSX are recognised as unchanged
    assert Person.objects.filter(last_name__in=[r["Фамилия"] for r in rows]).count() == 3
    again = check(world, xlsx_bytes(rows))
    assert (again.preview()["new"], again.preview()["unchanged"]) == (0, 3)


def test_csv_in_utf8_with_bom_and_commas_and_headers_in_any_order(world):
    # given a UTF-8 CSV with a BOM, «,» as separator, columns reordered, headers in other case
    row = person_row(4, role="")
    headers = list(reversed(HEADERS))
    data = csv_bytes([row], headers=headers, delimiter=",", encoding="utf-8-sig")
    data = data.replace("Дата рождения".encode(), "ДАТА  РОЖДЕНИЯ*".encode())

    # when it is checked
    plan = check(world, data)

    # then the row is read right
    assert texts(plan) == []
    assert plan.new_rows[0].birth_date == row["Дата рождения"]


def test_known_person_is_matched_by_snils_and_only_differing_fields_change(world):
    # given a teacher of school A in the system, with a СНИЛС
    teacher = world.teacher_a
    before = teacher.updated_at
    row = {
        "Фамилия": "Афанасьева",
        "Имя": "Мария",
        "Отчество": "Петровна",
        "Пол": "ж",
        "Дата рождения": teacher.birth_date,
        "СНИЛС": format_snils(teacher.snils),
        "Электронная почта": "afanasyeva@school.example.ru",
        "Общий стаж": 15,
    }

    # when a file gives her a new e-mail and the same experience
    plan = check(world, xlsx_bytes([row]))

    # then she is a known person to change in the e-mail only, already employed in A
    assert texts(plan) == []
    assert plan.preview()["changed"] == 1 and plan.preview()["new"] == 0
    change = plan.changes[0]
    assert change.fields == {"email": "afanasyeva@school.example.ru"}
    assert not change.employment
    result = bank_import_apply(plan=plan, by=world.users["curator_a"])
    teacher.refresh_from_db()
    assert teacher.email == "afanasyeva@school.example.ru" and teacher.updated_at > before
    assert (result.created, result.updated, result.employments) == (0, 1, 0)


def test_known_person_without_snils_in_file_is_matched_by_name_and_birth_date_case_insensitive(world):
    # given the file names a teacher of A in capitals, without СНИЛС, as a mentor
    row = {
        "Фамилия": "АФАНАСЬЕВА",
        "Имя": "мария",
        "Отчество": "Петровна",
        "Пол": "ж",
        "Дата рождения": world.teacher_a.birth_date,
        "Роль в банке": "наставник",
    }

    # when it is imported
    plan = check(world, xlsx_bytes([row]))
    bank_import_apply(plan=plan, by=world.users["curator_a"])

    # then no second person appears: she gets a mentor profile, her name is left as it was
    names = [name.casefold() for name in Person.objects.values_list("last_name", flat=True)]
    assert names.count("афанасьева") == 1
    world.teacher_a.refresh_from_db()
    assert world.teacher_a.last_name == "Афанасьева"
    assert MentorProfile.objects.filter(person=world.teacher_a).exists()


def test_known_person_of_another_organization_in_scope_gets_a_place_of_work(world):
    # given the superuser imports a teacher of B into school A
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", password="x")
    teacher = world.teacher_b
    row = {
        "Фамилия": teacher.last_name,
        "Имя": teacher.first_name,
        "Отчество": teacher.middle_name,
        "Пол": "ж",
        "Дата рождения": teacher.birth_date,
        "СНИЛС": teacher.snils,
    }
    world.users["root"] = admin

    # when it is imported
    plan = check(world, xlsx_bytes([row]), user="root")
    bank_import_apply(plan=plan, by=admin)

    # then she works in both, school B staying her primary place
    jobs = {e.organization_id: e.is_primary for e in Employment.objects.current().filter(person=teacher)}
    assert jobs == {world.school_b.pk: True, world.school_a.pk: False}


# --------------------------------------------------------------------------------------------
# Every kind of error, with its exact Russian message
# --------------------------------------------------------------------------------------------


def in_three_days() -> dt.date:
    """A date in the future, read when the test runs (a parameter gives this function, not its
    value: a date computed at import would be yesterday's after local midnight)."""
    return timezone.localdate() + dt.timedelta(days=3)


@pytest.mark.parametrize(
    ("header", "value", "message"),
    [
        ("Фамилия", "", "Строка 2, столбец «Фамилия»: обязательное поле не заполнено."),
        ("Пол", "средний", "Строка 2, столбец «Пол»: укажите «м» или «ж»."),
        (
            "Дата рождения",
            "31.02.1985",
            "Строка 2, столбец «Дата рождения»: дата не распознана: укажите её в виде ДД.ММ.ГГГГ.",
        ),
        (
            "Дата рождения",
            in_three_days,
            "Строка 2, столбец «Дата рождения»: дата рождения не может быть в будущем.",
        ),
        (
            "Дата рождения",
            dt.date(1900, 1, 1),
            "Строка 2, столбец «Дата рождения»: проверьте дату рождения: возраст больше 100 лет.",
        ),
        (
            "СНИЛС",
            "112-233-445 96",
            "Строка 2, столбец «СНИЛС»: СНИЛС 112-233-445 96 недействителен: контрольное число не совпадает.",
        ),
        (
            "СНИЛС",
            "112-233",
            "Строка 2, столбец «СНИЛС»: СНИЛС должен состоять из 11 цифр (например, 112-233-445 95).",
        ),
        (
            "Должность",
            "Повар",
            "Строка 2, столбец «Должность»: должности «Повар» нет в справочнике; допустимые значения: "
            "Учитель; Директор (заведующий, начальник) образовательной организации; Заместитель директора "
            "(заведующего, начальника) образовательной организации; Воспитатель; Старший воспитатель и другие "
            "(полный список — на листе «Справочники» шаблона).",
        ),
        (
            "Предметы",
            "Математика; Астрология",
            "Строка 2, столбец «Предметы»: предмета «Астрология» нет в справочнике; допустимые значения: "
            "Начальные классы; Русский язык; Литература; Литературное чтение; Родной язык и другие "
            "(полный список — на листе «Справочники» шаблона).",
        ),
        ("Общий стаж", "пять", "Строка 2, столбец «Общий стаж»: укажите целое число лет."),
        ("Общий стаж", -1, "Строка 2, столбец «Общий стаж»: стаж не может быть отрицательным."),
        (
            "Педагогический стаж",
            40,
            "Строка 2, столбец «Педагогический стаж»: педагогический стаж не может превышать общий.",
        ),
        (
            "Квалификационная категория",
            "вторая",
            "Строка 2, столбец «Квалификационная категория»: значения «вторая» нет в списке; допустимые: "
            "без категории; соответствие занимаемой должности; первая; высшая; педагог-методист; "
            "педагог-наставник.",
        ),
        (
            "Педагогическое образование",
            "частично",
            "Строка 2, столбец «Педагогическое образование»: укажите «да» или «нет».",
        ),
        (
            "Электронная почта",
            "ivanova@",
            "Строка 2, столбец «Электронная почта»: введите правильный адрес электронной почты.",
        ),
        (
            "Дата приёма на работу",
            in_three_days,
            "Строка 2, столбец «Дата приёма на работу»: дата приёма на работу не может быть в будущем.",
        ),
        (
            "Согласие на обработку ПДн",
            in_three_days,
            "Строка 2, столбец «Согласие на обработку ПДн»: дата согласия не может быть в будущем.",
        ),
        (
            "Роль в банке",
            "директор",
            "Строка 2, столбец «Роль в банке»: укажите «наставник», «наставляемый» или оставьте ячейку пустой.",
        ),
        (
            "Роль в банке",
            "наставляемый",
            "Строка 2, столбец «Категории наставляемого»: для наставляемого укажите хотя бы одну категорию.",
        ),
    ],
)
def test_a_bad_cell_is_reported_with_row_and_column(world, header, value, message):
    # given a one-row file with one bad cell
    row = person_row(7, role="")
    row.update({"Общий стаж": 20, "Педагогический стаж": 10, header: value() if callable(value) else value})

    # when it is checked
    plan = check(world, xlsx_bytes([row]))

    # then the error names the row and the column, and the plan cannot be applied
    assert texts(plan) == [message]
    assert not plan.ok
    with pytest.raises(ValidationError, match="ничего не импортировано"):
        bank_import_apply(plan=plan, by=world.users["curator_a"])


def test_unknown_mentee_category_lists_allowed_values(world):
    plan = check(world, one_row(**{"Роль в банке": "наставляемый", "Категории наставляемого": "Отличник"}))
    [message] = texts(plan)
    assert message.startswith(
        "Строка 2, столбец «Категории наставляемого»: категории «Отличник» нет в справочнике; допустимые "
        "значения: Молодой педагог, только пришедший в профессию; "
    )


def test_all_errors_of_all_rows_are_collected_in_row_order(world):
    # given three bad rows among good ones
    rows = [person_row(n) for n in range(1, 7)]
    rows[1]["СНИЛС"] = "112-233-445 96"
    rows[3]["Пол"] = "?"
    rows[4]["Дата рождения"] = "вчера"
    rows[4]["Должность"] = "Повар"

    # when the file is checked
    plan = check(world, xlsx_bytes(rows))

    # then each error is listed, by row, and nothing would be imported
    assert [(i.row, i.column) for i in plan.issues] == [
        (3, "СНИЛС"),
        (5, "Пол"),
        (6, "Дата рождения"),
        (6, "Должность"),
    ]
    assert plan.preview()["errors_total"] == 4 and not plan.ok


def test_duplicate_snils_inside_the_file(world):
    rows = [person_row(1), person_row(2)]
    rows[1]["СНИЛС"] = rows[0]["СНИЛС"]
    plan = check(world, xlsx_bytes(rows))
    assert texts(plan) == [f"Строка 3, столбец «СНИЛС»: СНИЛС {rows[0]['СНИЛС']} уже указан в строке 2."]


def test_same_person_twice_without_snils_inside_the_file(world):
    rows = [person_row(1, snils=False), person_row(1, snils=False)]
    plan = check(world, xlsx_bytes(rows))
    assert texts(plan) == ["Строка 3: работник с такими ФИО и датой рождения уже указан в строке 2."]


def test_snils_of_another_person_already_in_the_system(world):
    # given the file gives a new name the СНИЛС of the teacher of A
    plan = check(world, one_row(СНИЛС=world.teacher_a.snils))
    assert texts(plan) == [
        f"Строка 2, столбец «СНИЛС»: СНИЛС {format_snils(world.teacher_a.snils)} уже есть в системе у "
        "работника с другими ФИО или датой рождения."
    ]


def test_a_known_person_outside_the_curators_scope_is_not_touched(world):
    # given the curator of A names the teacher of B (same СНИЛС, name and birth date)
    teacher = world.teacher_b
    row = {
        "Фамилия": teacher.last_name,
        "Имя": teacher.first_name,
        "Отчество": teacher.middle_name,
        "Пол": "ж",
        "Дата рождения": teacher.birth_date,
        "СНИЛС": teacher.snils,
        "Электронная почта": "hijack@example.ru",
    }

    # when the file is checked
    plan = check(world, xlsx_bytes([row]))

    # then it is an error: only her own organization adds her a place of work
    assert texts(plan) == [
        "Строка 2: работник уже есть в системе, но вне вашей зоны доступа: место работы ему добавляет "
        "куратор или руководитель его организации."
    ]


def test_several_known_people_with_the_same_name_and_birth_date_need_a_snils(world):
    from nastavnik.testing import factories as f

    for _ in range(2):
        f.staff_member(world.school_a, last_name="Двойникова", snils=None)
    row = person_row(1, snils=False) | {
        "Фамилия": "Двойникова",
        "Имя": "Мария",
        "Отчество": "Петровна",
        "Дата рождения": dt.date(1985, 3, 14),
    }
    plan = check(world, xlsx_bytes([row]))
    assert texts(plan) == [
        "Строка 2, столбец «СНИЛС»: в системе несколько работников с такими ФИО и датой рождения: укажите СНИЛС."
    ]


def test_missing_and_doubled_headers(world):
    headers = [h for h in HEADERS if h != "Пол"] + ["Фамилия", "Примечание"]
    plan = check(world, xlsx_bytes([person_row(1)], headers=headers))
    assert texts(plan) == [
        "Столбец «Фамилия» указан в файле дважды.",
        "В файле нет обязательного столбца «Пол».",
    ]
    assert plan.ignored_headers == ["Примечание"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Файл пуст: в нём нет строки заголовков и строк с данными."),
        (
            "Фамилия;Имя;Пол;Дата рождения\r\n".encode(),
            "В файле нет строк с данными: заполните строки под заголовками.",
        ),
        (
            b"%PDF-1.4\x00\x01\x02 binary",
            "Не удалось прочитать файл: загрузите книгу Excel (XLSX) или файл CSV.",
        ),
        (
            b"PK\x03\x04 not really a zip",
            "Не удалось прочитать файл: загрузите книгу Excel (XLSX) или файл CSV.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel",
            "Файл в формате XLS (Excel 97–2003) не поддерживается: сохраните его как книгу Excel (XLSX) или CSV.",
        ),
    ],
)
def test_files_that_are_not_tables_or_have_no_rows(world, data, message):
    plan = check(world, data)
    assert texts(plan) == [message]
    assert not plan.ok


def test_more_rows_than_allowed(world, settings):
    settings.NASTAVNIK_IMPORT_MAX_ROWS = 2
    plan = check(world, xlsx_bytes([person_row(n) for n in range(1, 4)]))
    assert texts(plan) == ["В файле больше 2 строк с данными: разделите его на части."]


def test_a_workbook_with_an_empty_header_row(world):
    workbook = openpyxl.Workbook()
    workbook.active["A3"] = "Иванова"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert texts(check(world, buffer.getvalue())) == [
        "Файл пуст: в нём нет строки заголовков и строк с данными."
    ]


def test_excel_numbers_in_text_columns_are_read_as_text(world):
    # given a СНИЛС with a leading zero typed as a number (Excel drops the zero) and «15.0» years
    body = "012345678"
    snils = body + f"{snils_checksum(body):02d}"
    plan = check(world, one_row(**{"СНИЛС": int(snils), "Общий стаж": 15.0, "Педагогический стаж": 3}))

    # then the zero is restored and the years are whole
    assert texts(plan) == []
    assert plan.new_rows[0].snils == snils
    assert plan.new_rows[0].total_experience_years == 15


# --------------------------------------------------------------------------------------------
# Scope, all-or-nothing
# --------------------------------------------------------------------------------------------


def test_only_organizations_where_the_user_adds_people(world):
    with pytest.raises(PermissionDenied):
        check(world, one_row(), user="curator_b", organization=world.school_a)
    with pytest.raises(PermissionDenied):
        check(world, one_row(), user="mentor_a")
    with pytest.raises(ValidationError, match="а не территорию"):
        check(world, one_row(), organization=world.muni1)


def test_a_failure_midway_rolls_everything_back(world, failing_bulk_insert):
    # given a good file whose last write fails
    plan = check(world, xlsx_bytes([person_row(n) for n in range(1, 6)]))
    assert plan.ok
    people = Person.objects.count()

    failing_bulk_insert(PersonalDataConsent, DatabaseError("disk full"))

    # when it is applied
    with pytest.raises(DatabaseError):
        bank_import_apply(plan=plan, by=world.users["curator_a"])

    # then nothing of it is in the database
    assert Person.objects.count() == people
    assert not MentorProfile.objects.filter(organization=world.school_a).exists()
    assert not MentorStatusEvent.objects.exists()
    assert not Employment.objects.filter(person__last_name__startswith="Смирнова-").exists()


def test_a_row_the_database_refuses_rolls_everything_back(world):
    # given a checked file, and a person holding the СНИЛС of its last row added after the check
    plan = check(world, xlsx_bytes([person_row(n) for n in range(1, 6)]))
    assert plan.ok
    Person.objects.create(
        last_name="Другая",
        first_name="Анна",
        sex="f",
        birth_date=dt.date(1970, 1, 1),
        snils=normalize_snils(sample_snils(5)),
    )
    people, audit = Person.objects.count(), AuditEvent.objects.count()

    # when the plan is applied as it is, the database refuses the row (on PostgreSQL: by COPY)
    with pytest.raises(DatabaseError):
        bank_import_apply(plan=plan, by=world.users["curator_a"])

    # then nothing of it is in the database, the journal included
    assert Person.objects.count() == people and AuditEvent.objects.count() == audit
    assert not Employment.objects.filter(person__last_name__startswith="Смирнова-").exists()


# --------------------------------------------------------------------------------------------
# The template
# --------------------------------------------------------------------------------------------


def test_template_opens_lists_allowed_values_and_imports_cleanly(world):
    # given the downloadable template
    data = import_template_xlsx()

    # then it opens, with the headers, the reference sheet and drop-downs
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Работники", "Справочники"]
    sheet = workbook["Работники"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:5] == ["Фамилия*", "Имя*", "Отчество", "Пол*", "Дата рождения*"]
    assert "Согласие на обработку ПДн" in headers
    reference = [cell.value for cell in workbook["Справочники"]["B"] if cell.value]
    assert reference[:2] == ["Должность", "Учитель"]
    assert len(sheet.data_validations.dataValidation) == 5
    assert sheet["E2"].is_date

    # and, as it is, it imports one new person cleanly
    plan = check(world, data)
    assert texts(plan) == []
    assert plan.preview()["new"] == 1


def test_the_staff_schedule_title_is_imported_on_the_card_and_the_place_of_work(world):
    # given a new teacher with the title of the staff schedule, and a known one getting hers
    row = person_row(8, role="")
    row["Должность по штатному расписанию"] = "учитель физики"
    known = {
        "Фамилия": "Афанасьева",
        "Имя": "Мария",
        "Отчество": "Петровна",
        "Пол": "ж",
        "Дата рождения": world.teacher_a.birth_date,
        "СНИЛС": format_snils(world.teacher_a.snils),
        "Должность по штатному расписанию": "учитель математики",
    }

    # when the file is checked and applied
    plan = check(world, xlsx_bytes([row, known]))
    assert texts(plan) == []
    bank_import_apply(plan=plan, by=world.users["curator_a"])

    # then the documents will name them so (issue 15 item 2)
    new = Person.objects.get(snils=row["СНИЛС"].replace("-", "").replace(" ", ""))
    assert new.job_title == "учитель физики"
    assert Employment.objects.get(person=new, organization=world.school_a).job_title == "учитель физики"
    world.teacher_a.refresh_from_db()
    assert world.teacher_a.job_title == "учитель математики"


def test_a_staff_schedule_title_too_long_is_refused_on_its_cell(world):
    plan = check(world, one_row(**{"Должность по штатному расписанию": "у" * 201}))

    assert any("Должность по штатному расписанию" in text for text in texts(plan))
