"""Import and export of roadmaps as XLSX and as a DOCX table (issue 6, item 6): an exported file
imports back into the same roadmap, hand-made tables in other column orders are read, and a
malformed file is refused with every row and reason (seed 000 App. 2, 003)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from nastavnik.access.choices import Role
from nastavnik.core.typography import typeset
from nastavnik.organizations.models import OrgUnit
from nastavnik.roadmaps import exchange
from nastavnik.roadmaps.blueprints import BLUEPRINTS
from nastavnik.roadmaps.choices import ItemStatus, PeriodKind, Recurrence, RoadmapEventKind
from nastavnik.roadmaps.exchange import PlanFileError, plan_read, roadmap_docx, roadmap_xlsx
from nastavnik.roadmaps.models import Roadmap, RoadmapItem
from nastavnik.roadmaps.periods import PERIOD_HELP, Period
from nastavnik.roadmaps.responsibility import roles_from_text
from nastavnik.roadmaps.services import roadmap_create, roadmap_create_from_blueprint

pytestmark = pytest.mark.django_db

YEAR = 2026
#: (blueprint code, owner attribute of the persona world)
BLUEPRINT_OWNERS = (
    ("regional_000", "region"),
    ("municipal_003", "muni1"),
    ("organization_002", "school_a"),
)
HEADER_003 = ["№", "Мероприятие", "Итоговый результат", "Период", "Ответственные"]


# Helpers ----------------------------------------------------------------------------------------


def _printed(text: str) -> str:
    """``text`` as an exported DOCX carries it: through the typographic pass, its non-breaking
    spaces read back as spaces (``exchange._text``)."""
    return exchange._text(typeset(text))


def _snapshot(roadmap, *, docx: bool = False) -> dict:
    """Everything of a roadmap a file carries. For DOCX the execution is not carried: the roles
    are inferred from the executors' text and every activity is planned; the texts are typeset
    («"…"» → «…», « - » → « — »)."""
    text = _printed if docx else str
    sections = []
    for section in roadmap.sections.order_by("sort_order"):
        items = []
        for item in section.items.order_by("sort_order"):
            items.append(
                {
                    "number": item.number,
                    "activity": text(item.activity),
                    "period": item.period,
                    "responsible": text(item.responsible),
                    "result": text(item.result),
                    "roles": roles_from_text(text(item.responsible)) if docx else item.responsible_roles,
                    "status": ItemStatus.PLANNED if docx else item.status,
                    "completed_on": None if docx else item.completed_on,
                    "units": [] if docx else sorted(item.responsible_units.values_list("pk", flat=True)),
                }
            )
        sections.append({"number": section.number, "title": text(section.title), "items": items})
    return {
        "title": text(roadmap.title),
        "starts_on": roadmap.starts_on,
        "ends_on": roadmap.ends_on,
        "source": text(roadmap.source),
        "sections": sections,
    }


def _blueprint_roadmap(world, code: str, owner_name: str):
    # made by the system: the services check a user's right, and these tests are about the files
    return roadmap_create_from_blueprint(owner=getattr(world, owner_name), code=code, year=YEAR, by=None)


def _edit(roadmap) -> None:
    """Change a roadmap the ways people do: execution, custom roles, recurring periods with a
    note, deadlines, single days, awkward characters, a section without a number."""
    items = list(roadmap.items.order_by("section__sort_order", "sort_order"))
    assert len(items) >= 10
    start = roadmap.starts_on
    edits = [
        {"status": ItemStatus.DONE, "completed_on": dt.date(2025, 12, 15)},
        {"status": ItemStatus.IN_PROGRESS},
        {"status": ItemStatus.CANCELLED},
        {"status": ItemStatus.DONE, "completed_on": None},
        {"responsible_roles": [Role.HEAD, Role.CURATOR, Role.MENTOR]},
        {"responsible_roles": []},
        {
            "period": Period(
                kind=PeriodKind.RECURRING, recurrence=Recurrence.PERMANENT, note="ежегодная актуализация"
            )
        },
        {"period": Period(kind=PeriodKind.DATES, ends_on=start + dt.timedelta(days=40))},
        {
            "period": Period(
                kind=PeriodKind.DATES,
                starts_on=start + dt.timedelta(days=9),
                ends_on=start + dt.timedelta(days=9),
            )
        },
        {
            "activity": 'Конкурс «Наставник года» — "лучшие" практики <&> 100%\nвторая строка',
            "responsible": "АУ «Институт развития образования» & МОУО <отдел>",
            "result": "=СУММ(A1:A2) — это текст, не формула",
        },
    ]
    for item, changes in zip(items, edits, strict=False):
        for name, value in changes.items():
            setattr(item, name, value)
        item.save()
    below = list(OrgUnit.objects.subtree(roadmap.owner).exclude(pk=roadmap.owner_id)[:2])
    if below:  # a municipality's or the region's roadmap names units under it
        items[0].responsible_units.set(below)
        items[1].responsible_units.set(below[:1])
    section = roadmap.sections.order_by("sort_order").last()
    section.number = ""
    section.title = "Итоговые мероприятия «по годам» & <прочее>"
    section.save()
    roadmap.source = roadmap.source + " «в ред.» <&>"
    roadmap.save()


def _reimport(roadmap, content: bytes, filename: str, world):
    parsed = plan_read(content, filename)
    return roadmap_create(
        owner=roadmap.owner,
        title=parsed.title,
        starts_on=parsed.starts_on,
        ends_on=parsed.ends_on,
        source=parsed.source,
        sections=parsed.sections,
        by=None,
        event_kind=RoadmapEventKind.IMPORTED,
    )


def _xlsx(rows: list[list], *, formats: dict[str, str] | None = None) -> bytes:
    """A workbook with ``rows`` from A1 (``None`` leaves a cell empty)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _errors(content, filename: str) -> list[str]:
    with pytest.raises(PlanFileError) as info:
        plan_read(content, filename)
    assert info.value.errors
    return info.value.errors


def _table(*rows: list, header=("№ п/п", "Наименование мероприятия", "Срок", "Ответственный исполнитель")):
    """A minimal sheet: a title, the header on row 3, then ``rows`` from row 4."""
    return _xlsx([["План мероприятий"], [], list(header), *rows])


# Round trip -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "owner_name"), BLUEPRINT_OWNERS)
def test_xlsx_round_trip_reproduces_every_field(world, code, owner_name):
    roadmap = _blueprint_roadmap(world, code, owner_name)
    _edit(roadmap)
    roadmap.refresh_from_db()
    content = roadmap_xlsx(roadmap)

    copy = _reimport(roadmap, content, exchange.export_filename(roadmap, "xlsx"), world)

    original = _snapshot(roadmap)
    assert _snapshot(copy) == original
    assert sum(len(s["items"]) for s in original["sections"]) == BLUEPRINTS[code].item_count
    assert copy.events.get().kind == RoadmapEventKind.IMPORTED


@pytest.mark.parametrize(("code", "owner_name"), BLUEPRINT_OWNERS)
def test_docx_round_trip_reproduces_the_plan_and_header(world, code, owner_name):
    roadmap = _blueprint_roadmap(world, code, owner_name)
    _edit(roadmap)
    roadmap.refresh_from_db()
    content = roadmap_docx(roadmap)

    copy = _reimport(roadmap, content, "карта.docx", world)

    assert _snapshot(copy) == _snapshot(roadmap, docx=True)
    assert not copy.items.exclude(status=ItemStatus.PLANNED).exists()


def test_an_untouched_blueprint_round_trips_through_both_formats(world):
    roadmap = _blueprint_roadmap(world, "regional_000", "region")
    numbers = list(roadmap.items.values_list("number", flat=True))
    assert "2.10" in numbers and "2.1" in numbers  # «2.10» must not become «2.1»
    for content, name, docx in (
        (roadmap_xlsx(roadmap), "a.xlsx", False),
        (roadmap_docx(roadmap), "a.docx", True),
    ):
        copy = _reimport(roadmap, content, name, world)
        assert _snapshot(copy) == _snapshot(roadmap, docx=docx)


def test_the_exported_xlsx_layout(world):
    roadmap = _blueprint_roadmap(world, "organization_002", "school_a")
    item = roadmap.items.order_by("section__sort_order", "sort_order").first()
    item.status, item.completed_on = ItemStatus.DONE, dt.date(2025, 11, 3)
    item.save()
    sheet = openpyxl.load_workbook(io.BytesIO(roadmap_xlsx(roadmap)))["Дорожная карта"]

    assert sheet["A1"].value == roadmap.title and sheet["A1"].font.bold
    column_a = [sheet.cell(row=r, column=1).value for r in range(1, 7)]
    assert f"Владелец: {world.school_a.full_name}" in column_a
    assert f"Период: {roadmap.starts_on:%d.%m.%Y} – {roadmap.ends_on:%d.%m.%Y}" in column_a
    assert "Статус: Проект" in column_a
    header = [cell.value for cell in sheet[7]]
    assert header == [
        "№ п/п",
        "Наименование мероприятия",
        "Срок",
        "Ответственный исполнитель",
        "Ожидаемый результат, вид документа",
        "Исполнение",
        "Дата выполнения",
        "Роли ответственных",
        "Ответственные организации",
    ]
    assert sheet.freeze_panes == "A8"
    assert sheet.page_setup.orientation == "landscape"
    section = roadmap.sections.order_by("sort_order").first()
    assert [sheet["A8"].value, sheet["B8"].value] == [section.number, section.title]
    assert sheet["B8"].font.bold and "B8:E8" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A9"].value == item.number and sheet["A9"].data_type == "s"
    assert sheet["C9"].value == item.period_text
    assert sheet["F9"].value == "Выполнено"
    assert sheet["G9"].value.date() == dt.date(2025, 11, 3) and sheet["G9"].number_format == "DD.MM.YYYY"
    assert sheet["H9"].value == "; ".join(
        label for code, label in Role.choices if code in item.responsible_roles
    )


def test_the_exported_docx_layout(world):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    roadmap = _blueprint_roadmap(world, "municipal_003", "muni1")
    document = Document(io.BytesIO(roadmap_docx(roadmap)))

    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    texts = [exchange._text(p.text) for p in document.paragraphs if p.text]
    assert texts[:4] == [
        _printed(roadmap.title),
        _printed(world.muni1.full_name),
        _printed(f"Период реализации: {roadmap.starts_on:%d.%m.%Y} – {roadmap.ends_on:%d.%m.%Y}"),
        _printed(f"Основание: {roadmap.source}"),
    ]
    title = next(p for p in document.paragraphs if p.text)
    assert title.runs[0].bold
    stamp, table = document.tables
    assert exchange._text(stamp.rows[0].cells[-1].text) == "ПРОЕКТ"
    assert [exchange._text(c.text) for c in table.rows[0].cells] == [
        "№ п/п",
        "Мероприятие",
        "Срок",
        "Ответственный",
        "Результат, вид документа",
    ]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # repeated on every page
    assert all(row._tr.trPr.xpath("./w:cantSplit") for row in table.rows)  # no row splits
    grid = [col.w for col in table._tbl.tblGrid.gridCol_lst]
    assert len(set(grid)) > 1 and all(grid)  # widths written into the grid for LibreOffice
    section = roadmap.sections.order_by("sort_order").first()
    section_row = table.rows[1]
    assert len({id(c._tc) for c in section_row.cells}) == 1  # one merged cell
    assert exchange._text(section_row.cells[0].text) == _printed(f"{section.number} {section.title}")
    assert section_row.cells[0].paragraphs[0].runs[0].bold
    assert section_row.cells[0].paragraphs[0].paragraph_format.keep_with_next  # with its first row
    item = section.items.order_by("sort_order").first()
    assert [exchange._text(c.text) for c in table.rows[2].cells] == [
        _printed(value)
        for value in (item.number, item.activity, item.period_text, item.responsible, item.result)
    ]


def test_the_docx_table_fills_the_landscape_page_and_gives_each_column_its_room(world):
    """The columns' widths add up to the width between the margins and no column is narrower
    than its header needs at 12 pt (the appendix's «Ответственны/й» of issue 15 item 4)."""
    from docx import Document

    document = Document(io.BytesIO(roadmap_docx(_blueprint_roadmap(world, "organization_002", "school_a"))))
    section = document.sections[0]
    table = document.tables[-1]
    grid = [col.w for col in table._tbl.tblGrid.gridCol_lst]
    assert abs(sum(grid) - (section.page_width - section.left_margin - section.right_margin)) < 10**4
    widths = dict(zip((header for header, _ in exchange.DOCX_COLUMNS), grid, strict=True))
    cm = 360000
    assert widths["Ответственный"] >= 4 * cm and widths["Срок"] >= 3.5 * cm and widths["№ п/п"] >= 1.5 * cm


def test_the_docx_has_page_numbers_from_the_second_page(world):
    from docx import Document

    section = Document(
        io.BytesIO(roadmap_docx(_blueprint_roadmap(world, "municipal_003", "muni1")))
    ).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(section.header._element.itertext())
    assert not "".join(section.first_page_header._element.itertext()).strip()


def test_the_docx_is_typeset(world):
    """The typographic pass runs over every text, the data's included: «ёлочки», one dash,
    a non-breaking space after «№» (``core.typography``)."""
    from nastavnik.documents.testing import docx_text

    roadmap = _blueprint_roadmap(world, "organization_002", "school_a")
    item = roadmap.items.order_by("section__sort_order", "sort_order").first()
    item.activity = 'Конкурс "Наставник года" - лучшие практики'
    item.responsible = "Куратор, приказ № 5"
    item.save()
    content = roadmap_docx(roadmap)
    raw = docx_text(content, raw=True)
    assert "Конкурс «Наставник года» — лучшие практики" in docx_text(content)
    assert "приказ №\u00a05" in raw
    assert '"' not in raw and " - " not in raw


def test_a_section_without_number_is_just_its_title_in_docx(world):
    roadmap = _blueprint_roadmap(world, "organization_002", "school_a")
    roadmap.sections.update(number="")
    table = __import__("docx").Document(io.BytesIO(roadmap_docx(roadmap))).tables[-1]
    first = roadmap.sections.order_by("sort_order").first()
    assert exchange._text(table.rows[1].cells[0].text) == _printed(first.title)


# The stamp -------------------------------------------------------------------------------------


def _approve(roadmap, world, *, on=dt.datetime(2026, 8, 28, 10, 0, tzinfo=dt.UTC)):
    """Mark ``roadmap`` approved by the coordinator of municipality 1 at ``on`` (these tests are
    about the file; the workflow is tested in ``test_services``)."""
    from nastavnik.roadmaps.choices import RoadmapStatus

    Roadmap.objects.filter(pk=roadmap.pk).update(
        status=RoadmapStatus.APPROVED, approved_at=on, approved_by=world.users["coordinator"]
    )
    roadmap.refresh_from_db()
    return roadmap


def _order(world, *, number="51-о", date=dt.date(2026, 9, 7), starts_on="2026-09-01", ends_on="2027-06-30"):
    """An implementation order of school A in the registry (``number`` "" — not registered)."""
    from nastavnik.documents.models import Document

    return Document.objects.create(
        organization=world.school_a,
        kind="order_implementation",
        title="О внедрении целевой модели наставничества",
        number=number,
        date=date,
        params={"starts_on": starts_on, "ends_on": ends_on},
    )


def _stamp_text(roadmap) -> str:
    """The stamp of the exported DOCX: the cells of its first table, left to right, as one line."""
    from docx import Document

    cells = Document(io.BytesIO(roadmap_docx(roadmap))).tables[0].rows[0].cells
    return " ".join(" ".join(exchange._text(cell.text).split()) for cell in cells).strip()


def test_a_draft_is_stamped_as_a_project(world):
    roadmap = _blueprint_roadmap(world, "organization_002", "school_a")
    _order(world)
    stamp = exchange.roadmap_stamp(roadmap)
    assert stamp.approval == ("ПРОЕКТ",) and stamp.agreement == () and stamp.order is None
    assert "ПРОЕКТ" in _stamp_text(roadmap) and "УТВЕРЖДЕН" not in _stamp_text(roadmap)


def test_an_approved_roadmap_cites_the_registered_order_that_appends_it(world):
    from nastavnik.documents.specs.orders.implementation import roadmap_approver

    roadmap = _approve(_blueprint_roadmap(world, "organization_002", "school_a"), world)
    order = _order(world)

    stamp = exchange.roadmap_stamp(roadmap)
    assert stamp.order == order
    assert stamp.approval == ("УТВЕРЖДЕНА", "приказом директора", "СОШ № 1", "от 07.09.2026 № 51-о")
    # The body as the implementation order names it (``documents.specs.orders.roadmap_approver``).
    assert stamp.agreement == ("СОГЛАСОВАНА", f"с {roadmap_approver(roadmap)}", "28.08.2026")
    assert stamp.agreement[1].startswith("с муниципальным органом управления образованием")
    text = _stamp_text(roadmap)
    assert "УТВЕРЖДЕНА приказом директора СОШ № 1 от 07.09.2026 № 51-о" in text
    assert "ПРОЕКТ" not in text
    # The file still reads back: the stamp is not taken for the title.
    assert plan_read(roadmap_docx(roadmap), "a.docx").title == _printed(roadmap.title)


@pytest.mark.parametrize(
    "order",
    [
        {"number": ""},  # drawn up, not registered
        {"date": dt.date(2026, 8, 1)},  # before the roadmap was approved: it appended another version
        {"starts_on": "2027-09-01", "ends_on": "2028-06-30"},  # the next year's roadmap
    ],
    ids=["unregistered", "before_approval", "other_period"],
)
def test_an_order_that_does_not_append_this_roadmap_is_not_cited(world, order):
    roadmap = _approve(_blueprint_roadmap(world, "organization_002", "school_a"), world)
    _order(world, **order)
    stamp = exchange.roadmap_stamp(roadmap)
    assert stamp.order is None
    assert stamp.approval[-1] == exchange.BLANK_ORDER  # to fill in by hand
    assert stamp.approval[:3] == ("УТВЕРЖДЕНА", "приказом директора", "СОШ № 1")


def test_an_order_appending_a_later_roadmap_is_not_cited(world):
    """The order appends the latest approved roadmap of its period: an older one is not
    stamped with it."""
    older = _approve(_blueprint_roadmap(world, "organization_002", "school_a"), world)
    newer = _approve(_blueprint_roadmap(world, "organization_002", "school_a"), world)
    Roadmap.objects.filter(pk=newer.pk).update(starts_on=dt.date(2026, 10, 1))
    newer.refresh_from_db()
    order = _order(world)
    assert exchange.approving_order(newer) == order
    assert exchange.approving_order(older) is None


def test_the_stamp_agrees_with_the_title(world):
    roadmap = _approve(_blueprint_roadmap(world, "organization_002", "school_a"), world)
    for title, approved, agreed in (
        ("План мероприятий по внедрению наставничества", "УТВЕРЖДЕН", "СОГЛАСОВАН"),
        ("Мероприятия по внедрению наставничества", "УТВЕРЖДЕНЫ", "СОГЛАСОВАНЫ"),
        ("Комплекс мер («дорожная карта»)", "УТВЕРЖДЕН", "СОГЛАСОВАН"),
        ("Дорожная карта", "УТВЕРЖДЕНА", "СОГЛАСОВАНА"),
    ):
        roadmap.title = title
        stamp = exchange.roadmap_stamp(roadmap)
        assert (stamp.approval[0], stamp.agreement[0]) == (approved, agreed), title


def test_a_municipal_roadmap_leaves_its_approving_act_to_fill_in(world):
    roadmap = _approve(_blueprint_roadmap(world, "municipal_003", "muni1"), world)
    stamp = exchange.roadmap_stamp(roadmap)
    assert stamp.approval == ("УТВЕРЖДЕНА", exchange.BLANK_ISSUER, exchange.BLANK_ORDER)
    assert stamp.agreement == ()


def test_export_filename(world):
    roadmap = _blueprint_roadmap(world, "organization_002", "school_a")
    name = exchange.export_filename(roadmap, "xlsx")
    assert name.startswith("Дорожная карта — СОШ № 1 — 2026") and name.endswith(".xlsx")
    roadmap.ends_on = dt.date(2027, 6, 30)
    assert exchange.export_filename(roadmap, "docx") == "Дорожная карта — СОШ № 1 — 2026–2027.docx"


def test_an_uploaded_file_object_is_read_like_bytes(world):
    roadmap = _blueprint_roadmap(world, "organization_002", "school_a")
    upload = SimpleUploadedFile("карта.xlsx", roadmap_xlsx(roadmap))
    parsed = plan_read(upload, upload.name)
    assert parsed.item_count == roadmap.items.count()
    assert (parsed.starts_on, parsed.ends_on) == (roadmap.starts_on, roadmap.ends_on)


# Hand-made files ---------------------------------------------------------------------------------


def test_a_hand_made_xlsx_in_the_column_order_of_seed_003(db):
    content = _xlsx(
        [
            ["Дорожная карта по внедрению целевой модели наставничества"],
            ["Основание: приказ № 12 от 01.09.2026"],
            HEADER_003,
            ["1", "2", "3", "4", "5"],  # the column numbers under a printed header
            ["1. Нормативно-правовой аспект на уровне образовательных учреждений"],
            ["1.1", "Разработка дорожных карт", "Дорожные карты", "Ноябрь – декабрь 2026", "Руководители ОО"],
            [None, None, None, None, None],
            ["1.2", "Разработка локальных актов", "Локальные акты", "До 15.01.2027", "Руководители ОО"],
            ["2.", "Информационное сопровождение"],
            ["2.1", "Информирование", "Письма", "Постоянно", "Отдел образования"],
        ]
    )
    parsed = plan_read(content, "003.xlsx")

    assert parsed.title == "Дорожная карта по внедрению целевой модели наставничества"
    assert parsed.source == "приказ № 12 от 01.09.2026"
    # no period line: from the first day of the earliest month to the last of the latest
    assert (parsed.starts_on, parsed.ends_on) == (dt.date(2026, 11, 1), dt.date(2027, 1, 31))
    assert [(s.number, s.title) for s in parsed.sections] == [
        ("1.", "Нормативно-правовой аспект на уровне образовательных учреждений"),
        ("2.", "Информационное сопровождение"),
    ]
    first, second = parsed.sections[0].items
    assert (first.number, first.activity, first.result, first.responsible) == (
        "1.1",
        "Разработка дорожных карт",
        "Дорожные карты",
        "Руководители ОО",
    )
    assert first.period == Period(
        kind=PeriodKind.MONTHS, starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 31)
    )
    assert second.period == Period(kind=PeriodKind.DATES, ends_on=dt.date(2027, 1, 15))
    assert first.roles is None  # no roles column: the service infers them from the text
    assert first.status == ItemStatus.PLANNED and first.completed_on is None
    assert parsed.sections[1].items[0].period.recurrence == Recurrence.PERMANENT


def test_excel_typed_numbers_and_dates(db, world):
    header = ["№", "Мероприятие", "Срок", "Ответственный", "Результат", "Исполнение", "Дата выполнения"]
    content = _xlsx(
        [
            ["Период реализации: 01.01.2026 – 31.12.2026"],
            header,
            [1, "Раздел первый"],
            [
                1.1,
                "Совещание",
                dt.datetime(2026, 3, 5),
                "Куратор",
                "Протокол",
                "Выполнено",
                dt.datetime(2026, 3, 5),
            ],
            [1.1, "Второе совещание", "Март 2026", "Куратор", "", "выполнено", "06.03.2026"],
            [2, "Итоги", "Декабрь 2026", "Руководитель", "", "", None],
        ],
        formats={"A5": "0.00"},  # shown as «1.10» by Excel
    )
    parsed = plan_read(content, "typed.xlsx")

    assert [(s.number, s.title) for s in parsed.sections] == [("1", "Раздел первый")]
    first, second, third = parsed.sections[0].items
    assert [first.number, second.number, third.number] == ["1.1", "1.10", "2"]
    assert first.period == Period(
        kind=PeriodKind.DATES, starts_on=dt.date(2026, 3, 5), ends_on=dt.date(2026, 3, 5)
    )
    assert (first.status, first.completed_on) == (ItemStatus.DONE, dt.date(2026, 3, 5))
    assert (second.status, second.completed_on) == (ItemStatus.DONE, dt.date(2026, 3, 6))
    assert third.status == ItemStatus.PLANNED
    assert (parsed.starts_on, parsed.ends_on) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert parsed.title == "Дорожная карта"  # no title line: the default


def test_items_before_any_section_go_to_a_section_of_their_own(db):
    parsed = plan_read(
        _table(
            ["1", "Совещание", "Март 2026", "Куратор"],
            ["II", "Второй раздел"],
            ["2", "Отчёт", "Май 2026", "Куратор"],
        ),
        "a.xlsx",
    )
    assert [(s.number, s.title, len(s.items)) for s in parsed.sections] == [
        ("", "Мероприятия", 1),
        ("II", "Второй раздел", 1),
    ]
    assert parsed.title == "План мероприятий"
    assert (parsed.starts_on, parsed.ends_on) == (dt.date(2026, 3, 1), dt.date(2026, 5, 31))


def test_only_recurring_items_take_the_whole_current_year(db):
    from django.utils import timezone

    parsed = plan_read(_table(["1", "Консультации", "По запросу", "Куратор"]), "a.xlsx")
    year = timezone.localdate().year
    assert (parsed.starts_on, parsed.ends_on) == (dt.date(year, 1, 1), dt.date(year, 12, 31))


def test_a_hand_made_docx_table_with_numbering_row_and_plain_section_rows(db, world):
    from docx import Document

    document = Document()
    document.add_paragraph("План мероприятий по наставничеству")
    document.add_paragraph("Период реализации: 01.09.2026 – 31.05.2027")
    table = document.add_table(rows=0, cols=5)
    for values in (
        HEADER_003,
        ["1", "2", "3", "4", "5"],
        ["1.", "Организационный этап", "", "", ""],
        ["1.1", "Приказ о наставничестве", "Приказ", "Сентябрь 2026", "Директор"],
        ["1.2", "Встреча наставников\nс наставляемыми", "", "10.09.2026", "Куратор; наставники"],
    ):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)

    parsed = plan_read(buffer.getvalue(), "план.DOCX")
    assert parsed.title == "План мероприятий по наставничеству"
    assert (parsed.starts_on, parsed.ends_on) == (dt.date(2026, 9, 1), dt.date(2027, 5, 31))
    [section] = parsed.sections
    assert (section.number, section.title) == ("1.", "Организационный этап")
    assert [i.activity for i in section.items] == [
        "Приказ о наставничестве",
        "Встреча наставников\nс наставляемыми",
    ]
    assert section.items[0].result == "Приказ" and section.items[1].responsible == "Куратор; наставники"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("№ п/п", "number"),
        ("Номер", "number"),
        ("Наименование мероприятия", "activity"),
        ("Сроки реализации", "period"),
        ("Срок исполнения", "period"),
        ("Период", "period"),
        ("Ответственный исполнитель", "responsible"),
        ("Ответственный за мероприятие", "responsible"),
        ("Ожидаемый результат, вид документа", "result"),
        ("Итоговый результат", "result"),
        ("Исполнение", "status"),
        ("Отметка об исполнении", "status"),
        ("Дата выполнения", "completed_on"),
        ("Роли ответственных", "roles"),
        ("Примечание", None),
        ("Форма контроля", None),
    ],
)
def test_columns_are_told_by_the_words_of_their_headers(header, field):
    assert exchange._field_of(header) == field


def test_control_characters_are_dropped_on_export(world):
    roadmap = _blueprint_roadmap(world, "organization_002", "school_a")
    item = roadmap.items.order_by("section__sort_order", "sort_order").first()
    item.activity = "Совещание\x07 с наставниками\x0b"
    item.save()
    for content, name in ((roadmap_xlsx(roadmap), "a.xlsx"), (roadmap_docx(roadmap), "a.docx")):
        first = plan_read(content, name).sections[0].items[0]
        assert first.activity == "Совещание с наставниками"


# Malformed files ---------------------------------------------------------------------------------


def test_random_bytes_named_xlsx_are_refused(db):
    [error] = _errors(b"\x00\x01 not a workbook at all " * 20, "карта.xlsx")
    assert error.startswith("Файл не читается как XLSX:")


def test_a_docx_without_its_document_part_is_refused(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    [error] = _errors(buffer.getvalue(), "карта.docx")
    assert error.startswith("Файл не читается как DOCX:")


def test_an_xlsx_named_docx_is_refused(world):
    roadmap = _blueprint_roadmap(world, "organization_002", "school_a")
    [error] = _errors(roadmap_xlsx(roadmap), "карта.docx")
    assert error.startswith("Файл не читается как DOCX:")


def test_an_old_excel_file_is_explained(db):
    [error] = _errors(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "карта.xlsx")
    assert "XLS (Excel 97–2003)" in error
    [error] = _errors(b"whatever", "карта.xls")
    assert "сохраните его как XLSX" in error


@pytest.mark.parametrize("name", ["карта.txt", "карта", "карта.csv"])
def test_other_extensions_are_refused(db, name):
    [error] = _errors(b"1;2;3", name)
    assert error.startswith("Загрузите дорожную карту в формате XLSX или DOCX")


def test_a_file_over_10_mb_is_refused(db):
    [error] = _errors(b"PK" + b"\x00" * (10 * 1024 * 1024), "big.xlsx")
    assert error == "Файл больше 10 МБ: загрузите таблицу поменьше."
    upload = SimpleUploadedFile("big.docx", b"\x00" * (10 * 1024 * 1024 + 1))
    assert _errors(upload, upload.name) == [error]


def test_an_xlsx_without_the_header_row(db):
    [error] = _errors(_xlsx([["Дорожная карта"], ["1", "Совещание", "Март 2026", "Куратор"]]), "a.xlsx")
    assert error.startswith("Не найдена строка заголовков таблицы: нужны столбцы «Мероприятие», «Срок»")


def test_a_header_without_the_executors_column_names_what_is_missing(db):
    [error] = _errors(_xlsx([["№", "Мероприятие", "Срок"], ["1", "Совещание", "Март 2026"]]), "a.xlsx")
    assert "В строке 1 похожей на заголовок нет столбцов «Ответственный»" in error


def test_a_bad_period_and_a_missing_executor_are_both_reported_with_their_rows(db):
    content = _table(
        ["1", "Совещание", "Март 2026", "Куратор"],
        ["2", "Семинар", "Когда-нибудь", "Куратор"],  # row 5
        ["3", "Отчёт", "Май 2026", None],  # row 6
        ["4", "Итоги", "Июнь 2026", "Куратор"],
    )
    errors = _errors(content, "a.xlsx")
    assert errors == [
        "Строка 5: Срок «Когда-нибудь» не понят: " + PERIOD_HELP + ".",
        "Строка 6: не указан ответственный исполнитель.",
    ]


def test_every_row_error_is_reported(db):
    header = [
        "№",
        "Мероприятие",
        "Срок",
        "Ответственный",
        "Исполнение",
        "Дата выполнения",
        "Роли ответственных",
    ]
    content = _xlsx(
        [
            header,
            ["1", "Совещание", "Март 2026", "Куратор", "Сделано", None, ""],  # row 2
            ["2", "Семинар", "Март 2026", "Куратор", "Выполнено", "32.13.2026", ""],  # row 3
            ["3", "Отчёт", "Март 2026", "Куратор", "Выполняется", "05.03.2026", ""],  # row 4
            ["4", "Итоги", "Март 2026", "Куратор", "", None, "Куратор; Завуч"],  # row 5
            ["1", "Повтор", "31.02.2026", "Куратор", "", None, ""],  # row 6
            ["5", None, "Март 2026", "Куратор", "", None, ""],  # row 7
            ["6", "Будущее", "Март 2026", "Куратор", "Выполнено", "01.01.2999", ""],  # row 8
        ]
    )
    errors = _errors(content, "a.xlsx")
    assert [e.split(":", 1)[0] for e in errors] == [
        "Строка 2",
        "Строка 3",
        "Строка 4",
        "Строка 5",
        "Строка 6",
        "Строка 6",
        "Строка 7",
        "Строка 8",
    ]
    text = "\n".join(errors)
    assert "исполнение «Сделано» не известно" in text
    assert "дата выполнения «32.13.2026» не распознана" in text
    assert (
        "дата выполнения указывается только для выполненного мероприятия (исполнение «Выполняется»)" in text
    )
    assert "Роль «Завуч» не известна" in text
    assert "номер «1» уже встречался в строке 2" in text
    assert "В сроке «31.02.2026» указана несуществующая дата" in text
    assert "Строка 7: не указано наименование мероприятия." in errors
    assert "Строка 8: дата выполнения 01.01.2999 ещё не наступила." in errors


def test_errors_stop_after_fifty(db):
    rows = [[str(n), f"Мероприятие {n}", "Никогда", "Куратор"] for n in range(1, 80)]
    errors = _errors(_table(*rows), "a.xlsx")
    assert len(errors) == 51
    assert errors[-1].startswith("Показаны первые 50 ошибок")


def test_more_than_3000_rows_are_refused(db):
    rows = [[str(n), "Совещание", "Март 2026", "Куратор"] for n in range(1, 3002)]
    [error] = _errors(_table(*rows), "a.xlsx")
    assert error == "В таблице больше 3000 строк: разделите дорожную карту на части."


def test_a_file_without_items_is_refused(db):
    [error] = _errors(_table(["I", "Раздел без мероприятий"]), "a.xlsx")
    assert error.startswith("В файле нет ни одного мероприятия")


def test_a_bad_period_line_in_the_header_is_reported(db):
    content = _xlsx(
        [
            ["Карта"],
            ["Период: с осени до весны"],
            ["№", "Мероприятие", "Срок", "Ответственный"],
            ["1", "А", "Март 2026", "Куратор"],
        ]
    )
    [error] = _errors(content, "a.xlsx")
    assert error.startswith("Строка 2: период дорожной карты «с осени до весны» не понят")


# LibreOffice -------------------------------------------------------------------------------------


def _require(available: bool, what: str) -> None:
    """Skip when ``what`` is not installed, except in CI (``CI`` set), where it must be (the
    approach of ``documents/tests/conftest.py``)."""
    import os

    if not available:
        if os.environ.get("CI"):
            pytest.fail(f"{what} не установлен, а тесты выгрузки в CI требуют его.")
        pytest.skip(f"{what} не установлен")


@pytest.fixture
def libreoffice():
    from nastavnik.documents.render import soffice_path

    _require(soffice_path() is not None, "LibreOffice")


@pytest.fixture
def libreoffice_calc(libreoffice):
    """LibreOffice with Calc (Debian: ``libreoffice-calc-nogui``), which opens the XLSX."""
    from pathlib import Path

    from nastavnik.documents.render import soffice_path

    program = Path(soffice_path()).resolve().parent
    _require(any(program.glob("libsclo.*")), "LibreOffice Calc")


def _xlsx_to_pdf(content: bytes, work) -> bytes:
    """The workbook printed to PDF by LibreOffice Calc (``render.convert_to_pdf`` converts
    Writer documents only)."""
    from nastavnik.documents.render import soffice_path

    source = work / "plan.xlsx"
    source.write_bytes(content)
    command = [
        soffice_path(),
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work / "out"),
        str(source),
    ]
    completed = subprocess.run(command, capture_output=True, timeout=300, check=False)
    pdf = work / "out" / "plan.pdf"
    assert pdf.is_file(), completed.stderr.decode(errors="replace")[-500:]
    return pdf.read_bytes()


def _roadmap_for_print(world):
    roadmap = _blueprint_roadmap(world, "organization_002", "school_a")
    item = roadmap.items.order_by("section__sort_order", "sort_order").first()
    item.activity = "Издание приказа «О наставничестве» <&>"
    item.save()
    return roadmap


def test_libreoffice_opens_the_exported_docx(world, libreoffice):
    from nastavnik.documents.render import convert_to_pdf
    from nastavnik.documents.testing import pdf_text

    roadmap = _roadmap_for_print(world)
    text = pdf_text(convert_to_pdf({"plan.docx": roadmap_docx(roadmap)})["plan.docx"])
    assert "Издание приказа «О наставничестве» <&>" in text
    assert "Ответственный" in text
    assert _printed(f"Период реализации: {roadmap.period_label}") in text


_WORD_RE = re.compile(r"[А-Яа-яЁёA-Za-z]+")


def _broken_words(roadmap) -> list[str]:
    """The words of the roadmap's DOCX table that LibreOffice does not print whole: a word
    broken over two lines of a narrow column («Ответственны / й») comes out of the PDF as two
    pieces, neither of them a word of the table."""
    from docx import Document

    from nastavnik.documents.render import convert_to_pdf
    from nastavnik.documents.testing import pdf_text

    content = roadmap_docx(roadmap)
    table = Document(io.BytesIO(content)).tables[-1]
    words = {word for row in table.rows for cell in row.cells for word in _WORD_RE.findall(cell.text)}
    printed = set(_WORD_RE.findall(pdf_text(convert_to_pdf({"plan.docx": content})["plan.docx"])))
    return sorted(words - printed)


@pytest.mark.parametrize(("code", "owner_name"), BLUEPRINT_OWNERS)
def test_libreoffice_breaks_no_word_of_the_table(world, libreoffice, code, owner_name):
    """Measured on the PDF LibreOffice prints: every word of every cell — the headers
    («Ответственный»), the executors («Руководитель образовательной организации»), the
    results — stays whole (issue 15 item 4)."""
    roadmap = _blueprint_roadmap(world, code, owner_name)
    assert _broken_words(roadmap) == []


def test_the_measure_finds_a_broken_word(world, libreoffice, monkeypatch):
    """The check above would see a column too narrow for its words."""
    columns = list(exchange.DOCX_COLUMNS)
    columns[3] = ("Ответственный", 1.6)
    monkeypatch.setattr(exchange, "DOCX_COLUMNS", tuple(columns))
    assert "Ответственный" in _broken_words(_blueprint_roadmap(world, "organization_002", "school_a"))


def test_libreoffice_opens_the_exported_xlsx(world, libreoffice_calc, tmp_path):
    from nastavnik.documents.testing import pdf_text

    roadmap = _roadmap_for_print(world)
    text = pdf_text(_xlsx_to_pdf(roadmap_xlsx(roadmap), tmp_path))
    assert "Издание приказа «О наставничестве» <&>" in text
    assert "Ответственный" in text


def test_items_of_the_reimported_roadmap_keep_their_order(world):
    roadmap = _blueprint_roadmap(world, "municipal_003", "muni1")
    copy = _reimport(roadmap, roadmap_xlsx(roadmap), "a.xlsx", world)
    assert list(RoadmapItem.objects.filter(roadmap=copy).values_list("number", flat=True)) == list(
        RoadmapItem.objects.filter(roadmap=roadmap).values_list("number", flat=True)
    )


def test_units_that_are_not_under_the_owner_are_refused_on_import(world):
    """A unit named in «Ответственные организации» must be one unit under the roadmap's owner:
    school B is not under municipality 1, so the whole file is refused by the service."""
    roadmap = _blueprint_roadmap(world, "municipal_003", "muni1")
    roadmap.items.order_by("section__sort_order", "sort_order").first().responsible_units.set(
        [world.school_a]
    )
    parsed = plan_read(roadmap_xlsx(roadmap), "карта.xlsx")
    assert parsed.sections[0].items[0].units == [world.school_a.full_name]
    other = world.muni2
    with pytest.raises(ValidationError, match="не найдена среди подведомственных"):
        roadmap_create(
            owner=other,
            title=parsed.title,
            starts_on=parsed.starts_on,
            ends_on=parsed.ends_on,
            sections=parsed.sections,
            by=None,
        )
    assert not Roadmap.objects.filter(owner=other).exists()
