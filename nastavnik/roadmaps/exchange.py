"""Roadmaps to and from files: an XLSX workbook and a DOCX table in the usual layout of the
regulations (seed 000 App. 2: «№ п/п | Наименование мероприятия | Сроки реализации |
Ответственный исполнитель | Ожидаемый результат, вид документа»; seed 003 prints
«№ | мероприятие | итоговый результат | период | ответственные»).

The XLSX carries the whole plan — the header (title, period, basis), sections and activities with
their execution and the roles of the executors — so that importing an exported workbook gives the
same roadmap back. The DOCX carries what a printed plan shows: the stamp («ПРОЕКТ», or
«УТВЕРЖДЕНА приказом … от … № …» from the registry, :func:`roadmap_stamp`), the header and the
five columns, typeset; on import the stamp is skipped, the roles are inferred from the executors'
text and every activity is planned.

:func:`plan_read` only parses: it returns a :class:`ParsedPlan` or raises :class:`PlanFileError`
with every problem found, row by row; the caller saves the plan in one transaction
(``services.roadmap_create(..., sections=parsed.sections)``), so nothing is half-imported.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import logging
import math
import re
import zipfile
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from nastavnik.core.uploads import archive_problem
from nastavnik.documents.services import safe_filename
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.roadmaps.choices import ItemStatus, PeriodKind, RoadmapStatus
from nastavnik.roadmaps.periods import period_parse
from nastavnik.roadmaps.responsibility import roles_label, roles_parse
from nastavnik.roadmaps.selectors import roadmap_plan
from nastavnik.roadmaps.services import ItemData, SectionData

logger = logging.getLogger("nastavnik.roadmaps")

#: The largest file :func:`plan_read` accepts, in bytes, and the most rows of its table.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 3000
#: The header row of the table is looked for in this many first rows of a sheet (of a DOCX table).
HEADER_SCAN_ROWS = 30
#: Reading stops after this many errors.
MAX_ERRORS = 50
#: Columns read from a sheet (the table is narrower; the rest is ignored).
MAX_COLUMNS = 30
#: Rows a sheet may run to, blank ones included, before the file is refused as too long.
MAX_SHEET_ROWS = 30000

SHEET_TITLE = "Дорожная карта"
DEFAULT_TITLE = "Дорожная карта"
#: The section of activities that come before any section row of a file.
DEFAULT_SECTION_TITLE = "Мероприятия"

#: Columns of the exported workbook: (header, width in characters).
XLSX_COLUMNS = (
    ("№ п/п", 8),
    ("Наименование мероприятия", 48),
    ("Срок", 18),
    ("Ответственный исполнитель", 30),
    ("Ожидаемый результат, вид документа", 36),
    ("Исполнение", 15),
    ("Дата выполнения", 13),
    ("Роли ответственных", 28),
    ("Ответственные организации", 30),
)
#: Columns of the exported DOCX table: (header, width in centimetres); 26.2 cm fill the
#: landscape A4 page between margins of 20 and 15 mm.
DOCX_COLUMNS = (
    ("№ п/п", 1.6),
    ("Мероприятие", 9.4),
    ("Срок", 3.8),
    ("Ответственный", 5.4),
    ("Результат, вид документа", 6.0),
)
FONT = "Times New Roman"

REQUIRED_FIELDS = ("activity", "period", "responsible")
FIELD_LABELS = {
    "number": "№",
    "activity": "Мероприятие",
    "period": "Срок",
    "responsible": "Ответственный",
    "result": "Результат",
    "status": "Исполнение",
    "completed_on": "Дата выполнения",
    "roles": "Роли ответственных",
    "units": "Ответственные организации",
}

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DATE_TEXT_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.?)?$")
_PERIOD_DATES_RE = re.compile(
    r"(\d{1,2}\.\d{1,2}\.\d{4})\s*(?:г\.?)?\s*(?:[-–—−‒]|по)\s*(\d{1,2}\.\d{1,2}\.\d{4})"
)
_PERIOD_YEARS_RE = re.compile(r"^(\d{4})\s*(?:гг?\.?)?\s*(?:[-–—−‒]\s*(\d{4})\s*(?:гг?\.?)?)?(?:\s*год\w*)?$")
_SECTION_NUMBER_RE = re.compile(r"^(?P<number>(?:[IVXLCDM]+|\d+(?:\.\d+)*)\.?)\s+(?P<title>\S.*)$", re.S)
_NUMBER_LIKE_RE = re.compile(r"^(?:[IVXLCDM]+|\d+(?:\.\d+)*)\.?$")
_FIXED_DECIMALS_RE = re.compile(r"^0\.(0+)$")


class PlanFileError(Exception):
    """The file cannot be imported. ``errors``: Russian messages, each naming the row
    («Строка 12: …») or the file as a whole, and the reason."""

    def __init__(self, errors: list[str] | str):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("; ".join(self.errors))


@dataclass
class ParsedPlan:
    """A roadmap read from a file: its header and its plan, ready for ``services.roadmap_create``
    (``sections`` of ``services.SectionData`` with ``services.ItemData``)."""

    title: str
    starts_on: dt.date
    ends_on: dt.date
    source: str
    sections: list[SectionData] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)


# Export ----------------------------------------------------------------------------------------


def _clean(text) -> str:
    """``text`` without the control characters XML cannot hold."""
    return _CONTROL_RE.sub("", str(text or ""))


def _plan(roadmap) -> list[tuple]:
    """``[(section, [items…]), …]`` of ``roadmap`` in their order, with the responsible units
    (``selectors.roadmap_plan``: three queries)."""
    units = Prefetch(
        "responsible_units", queryset=OrgUnit.objects.order_by("path").only("pk", "full_name", "path")
    )
    return [(section, section.plan) for section in roadmap_plan(roadmap, units)]


def export_filename(roadmap, ext: str) -> str:
    """«Дорожная карта — СОШ № 1 — 2026.xlsx» («2026–2027» for a period over two years): the
    owner's short name, file-system safe (``documents.services.safe_filename``)."""
    years = f"{roadmap.starts_on:%Y}"
    if roadmap.ends_on.year != roadmap.starts_on.year:
        years += f"–{roadmap.ends_on:%Y}"
    name = safe_filename(f"Дорожная карта — {roadmap.owner} — {years}", limit=150)
    return f"{name}.{ext.lstrip('.')}"


def _line_count(text: str, width: float) -> int:
    per_line = max(1, int(width * 1.05))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def roadmap_xlsx(roadmap) -> bytes:
    """The workbook of ``roadmap``: a sheet «Дорожная карта» with the header (the title, the
    owner, the period, the basis, the status) above the table «№ п/п | Наименование мероприятия |
    Срок | Ответственный исполнитель | Ожидаемый результат, вид документа | Исполнение | Дата
    выполнения | Роли ответственных» (seed 000 App. 2 columns with the execution added). A section
    is one row (its number and its title over B:E); numbers are text cells, the date of execution
    a date cell. Read back by :func:`plan_read` into the same plan."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    last_column = get_column_letter(len(XLSX_COLUMNS))
    total_width = sum(width for _, width in XLSX_COLUMNS)
    for index, (_, width) in enumerate(XLSX_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    def put(row: int, column: int, value, **style):
        cell = sheet.cell(row=row, column=column)
        cell.value = _clean(value) if isinstance(value, str) else value
        if isinstance(value, str):
            cell.data_type = "s"  # a text that starts with «=» stays text
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    wrap_top = Alignment(wrap_text=True, vertical="top")
    header_lines = [
        (roadmap.title, Font(bold=True, size=14)),
        (f"Владелец: {roadmap.owner.full_name}", None),
        (f"Период: {roadmap.period_label}", None),
        (f"Основание: {roadmap.source}", None),
        (f"Статус: {roadmap.get_status_display()}", None),
    ]
    row = 1
    for text, font in header_lines:
        cell = put(row, 1, text, alignment=Alignment(wrap_text=True, vertical="center"))
        if font is not None:
            cell.font = font
        sheet.merge_cells(f"A{row}:{last_column}{row}")
        lines = _line_count(text, total_width * (0.8 if font is not None else 1))
        sheet.row_dimensions[row].height = (19 if font is not None else 15) * lines
        row += 1
    row += 1  # a blank row between the header and the table

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_row = row
    for column, (text, _) in enumerate(XLSX_COLUMNS, start=1):
        put(
            row,
            column,
            text,
            font=Font(bold=True),
            fill=PatternFill("solid", fgColor="D9E1F2"),
            alignment=Alignment(wrap_text=True, horizontal="center", vertical="center"),
            border=border,
        )
    sheet.row_dimensions[row].height = 32
    row += 1
    first_data_row = row

    section_fill = PatternFill("solid", fgColor="EDEDED")
    widths = [width for _, width in XLSX_COLUMNS]
    for section, items in _plan(roadmap):
        put(
            row,
            1,
            section.number,
            font=Font(bold=True),
            fill=section_fill,
            alignment=wrap_top,
            number_format="@",
        )
        put(row, 2, section.title, font=Font(bold=True), fill=section_fill, alignment=wrap_top)
        for column in range(1, len(XLSX_COLUMNS) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.border, cell.fill = border, section_fill
        sheet.merge_cells(f"B{row}:E{row}")
        sheet.row_dimensions[row].height = 15 * _line_count(section.title, sum(widths[1:5]))
        row += 1
        for item in items:
            values = (
                item.number,
                item.activity,
                item.period_text,
                item.responsible,
                item.result,
                item.get_status_display(),
                item.completed_on,
                roles_label(item.responsible_roles or []),
                "; ".join(unit.full_name for unit in item.responsible_units.all()),
            )
            for column, value in enumerate(values, start=1):
                cell = put(row, column, value, alignment=wrap_top, border=border)
                if column == 1:
                    cell.number_format = "@"
                elif column == 7:
                    cell.number_format = "DD.MM.YYYY"
            lines = max(
                (_line_count(value, width) for value, width in zip(values, widths, strict=True) if value),
                default=1,
            )
            sheet.row_dimensions[row].height = 15 * min(lines, 27)
            row += 1

    statuses = ",".join(label for _, label in ItemStatus.choices)
    validation = DataValidation(type="list", formula1=f'"{statuses}"', allow_blank=True)
    validation.error = "Выберите исполнение из списка."
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(f"F{first_data_row}:F{max(row, first_data_row + 200)}")

    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    workbook.properties.creator = "«Наставник»"
    workbook.properties.title = _clean(roadmap.title)[:250]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _docx_cell(cell, text: str, *, bold: bool = False, center: bool = False, width=None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(_clean(text))
    run.bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if width is not None:
        cell.width = width


#: Lines to fill in by hand in a stamp whose order is not registered in the system.
BLANK_ORDER = "от ____________ № _____"
BLANK_ISSUER = "приказом ______________________________"


@dataclass(frozen=True)
class Stamp:
    """The marks above a roadmap's title (the stamps of approval and of agreement of ГОСТ Р
    7.0.97-2016): ``approval`` —
    the lines of «УТВЕРЖДЕНА…» (or of «ПРОЕКТ» before the roadmap is approved), ``agreement`` —
    the lines of «СОГЛАСОВАНА…» (empty when there is nothing to say); ``order`` — the registered
    order that approved it (``documents.Document``), or ``None``."""

    approval: tuple[str, ...]
    agreement: tuple[str, ...] = ()
    order: object = None


def _participle(title: str, feminine: str) -> str:
    """«УТВЕРЖДЕНА» agreed with the first noun of ``title`` («Дорожная карта» → «УТВЕРЖДЕНА»,
    «План мероприятий» → «УТВЕРЖДЕН», «Мероприятия…» → «УТВЕРЖДЕНЫ»); ``feminine`` is the word
    in the feminine («УТВЕРЖДЕНА», «СОГЛАСОВАНА»)."""
    from nastavnik.core.language import _morph

    stem = feminine[:-1]
    for word in re.findall(r"[А-Яа-яЁё]+", title or "")[:4]:
        parse = next((p for p in _morph().parse(word) if "NOUN" in p.tag and "nomn" in p.tag), None)
        if parse is None:
            continue
        if "plur" in parse.tag:
            return f"{stem}Ы"
        return {"masc": stem, "neut": f"{stem}О"}.get(parse.tag.gender, feminine)
    return feminine


def approving_order(roadmap):
    """The registered order of the organization that approved ``roadmap`` by appending it: the
    latest order on the implementation of the target model (``documents.Document`` of kind
    ``order_implementation`` with a number) dated no earlier than the roadmap's approval whose
    appendix is this roadmap (``documents.specs.orders.implementation_roadmap`` of the order's
    period, seed 002 §6, §10). ``None`` for a roadmap not approved, not an organization's, or
    not yet appended to a registered order. A few queries."""
    from nastavnik.documents.choices import DocumentKind
    from nastavnik.documents.models import Document
    from nastavnik.documents.specs.common import parse_date
    from nastavnik.documents.specs.orders.implementation import implementation_roadmap

    if roadmap.status != RoadmapStatus.APPROVED or roadmap.level != Level.ORGANIZATION:
        return None
    orders = Document.objects.filter(
        organization_id=roadmap.owner_id, kind=DocumentKind.ORDER_IMPLEMENTATION
    ).exclude(number="")
    if roadmap.approved_at is not None:
        orders = orders.filter(date__gte=timezone.localdate(roadmap.approved_at))
    for order in orders.order_by("-date", "-pk")[:10]:
        params = order.params or {}
        starts_on, ends_on = parse_date(params.get("starts_on")), parse_date(params.get("ends_on"))
        if starts_on is None or ends_on is None:
            continue
        appended = implementation_roadmap(roadmap.owner, starts_on, ends_on)
        if appended is not None and appended.pk == roadmap.pk:
            return order
    return None


def roadmap_stamp(roadmap) -> Stamp:
    """The marks of ``roadmap`` as the printed roadmap carries them.

    - Before approval: «ПРОЕКТ».
    - An organization's approved roadmap: «УТВЕРЖДЕНА / приказом <the head's title in the
      genitive> / <the organization's short name in the genitive> / от <date> № <number>» from
      :func:`approving_order` (lines to fill in by hand while no order appends it), and
      «СОГЛАСОВАНА / с <the body it was agreed with> / <date of approval>» (seed 002 §6: the
      municipality agrees the organizations' roadmaps; the body as
      ``documents.specs.orders.roadmap_approver`` names it in the implementation order).
    - A municipality's or the region's approved roadmap: «УТВЕРЖДЕНА» with the lines of the
      approving act to fill in (its order is not kept in the system).

    The participles agree with the title («План мероприятий» — «УТВЕРЖДЕН»)."""
    from nastavnik.core.language import date_short

    if roadmap.status != RoadmapStatus.APPROVED:
        return Stamp(approval=("ПРОЕКТ",))
    approved = _participle(roadmap.title, "УТВЕРЖДЕНА")
    if roadmap.level != Level.ORGANIZATION:
        return Stamp(approval=(approved, BLANK_ISSUER, BLANK_ORDER))

    from nastavnik.documents.specs.common import organization_context
    from nastavnik.documents.specs.orders.implementation import roadmap_approver

    organization = roadmap.owner
    context = organization_context(organization)
    head = context["head"]
    # The head's title as in the staff schedule («директора», «заведующего»), else the title of
    # the kind of organization when no head is known.
    title = head.position if head is not None and head.position.text else context["org"]["head_title"]
    order = approving_order(roadmap)
    approval = (
        approved,
        f"приказом {title.gen}",
        context["org"]["short"].gen,
        f"от {date_short(order.date)} № {order.number}" if order is not None else BLANK_ORDER,
    )
    agreement: tuple[str, ...] = ()
    if roadmap.approved_at is not None:
        agreement = (
            _participle(roadmap.title, "СОГЛАСОВАНА"),
            f"с {roadmap_approver(roadmap)}",
            date_short(timezone.localdate(roadmap.approved_at)),
        )
    return Stamp(approval=approval, agreement=agreement, order=order)


def _stamp_table(document, stamp: Stamp, width) -> None:
    """The stamp as a borderless row over the page's width: «СОГЛАСОВАНА» on the left,
    «УТВЕРЖДЕНА» (or «ПРОЕКТ») on the right, kept on one page with the title below it."""
    from docx.shared import Cm

    from nastavnik.documents.builder import keep_together

    side = Cm(8.5)
    table = document.add_table(rows=1, cols=3)
    table.autofit = False
    widths = (side, width - 2 * side, side)
    for column, cell_width in zip(table.columns, widths, strict=True):
        column.width = cell_width
    cells = table.rows[0].cells
    for cell, cell_width in zip(cells, widths, strict=True):
        cell.width = cell_width
    for cell, lines in ((cells[0], stamp.agreement), (cells[2], stamp.approval)):
        for index, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.add_run(_clean(line))
    keep_together(table)
    for cell in cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def roadmap_docx(roadmap) -> bytes:
    """The roadmap as a DOCX document in the usual layout: A4 landscape, Times New Roman 12,
    page numbers from the second page; the stamp (:func:`roadmap_stamp`: «ПРОЕКТ» before
    approval, «УТВЕРЖДЕНА приказом … от … № …» and «СОГЛАСОВАНА с …» after it); the title
    (centred, bold), the owner's full name, «Период реализации: …» and «Основание: …» (when
    set; a citation of the regulation by its name, never a clause code), then the table «№ п/п |
    Мероприятие | Срок | Ответственный | Результат, вид документа» (seed 000 App. 2) with explicit
    widths wide enough that no word breaks, its header row repeated on every page, no row split
    across pages, and each section as one merged bold row «<number> <title>». Every text goes
    through the typographic pass (``core.typography.typeset_docx``). Read back by
    :func:`plan_read` (without execution and roles; the stamp is not read)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    from nastavnik.core.typography import typeset_docx
    from nastavnik.documents.builder import cant_split, page_numbers

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.top_margin, section.bottom_margin = Mm(15), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    style.paragraph_format.widow_control = True
    page_numbers(section)

    def heading(text: str, *, bold: bool = False) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run(_clean(text)).bold = bold

    widths = [Cm(width) for _, width in DOCX_COLUMNS]
    _stamp_table(document, roadmap_stamp(roadmap), sum(widths, Cm(0)))
    document.add_paragraph().paragraph_format.keep_with_next = True
    heading(roadmap.title, bold=True)
    heading(roadmap.owner.full_name)
    heading(f"Период реализации: {roadmap.period_label}")
    if roadmap.source:
        heading(f"Основание: {roadmap.source}")
    document.add_paragraph().paragraph_format.keep_with_next = True

    table = document.add_table(rows=1, cols=len(DOCX_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Word reads the cells' widths, LibreOffice the grid's: write both, with a fixed layout.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, (text, _), width in zip(table.rows[0].cells, DOCX_COLUMNS, widths, strict=True):
        _docx_cell(cell, text, bold=True, center=True, width=width)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)

    for part, items in _plan(roadmap):
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        merged = cells[0].merge(cells[-1])
        _docx_cell(merged, f"{part.number} {part.title}".strip(), bold=True)
        # A section's title stays on the page of its first activity.
        merged.paragraphs[0].paragraph_format.keep_with_next = True
        for item in items:
            values = (item.number, item.activity, item.period_text, item.responsible, item.result)
            cells = table.add_row().cells
            for index, (cell, value, width) in enumerate(zip(cells, values, widths, strict=True)):
                _docx_cell(cell, value, center=index in (0, 2), width=width)
    for row in table.rows:
        cant_split(row)

    typeset_docx(document)
    core = document.core_properties
    core.author = "«Наставник»"
    core.title = _clean(roadmap.title)[:250]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Import ----------------------------------------------------------------------------------------


@dataclass
class _Row:
    """One row of the file's table: ``number`` as a person sees it («Строка 12»), raw cell
    ``values`` and their number formats (XLSX)."""

    number: int
    values: list
    formats: list = field(default_factory=list)

    def value(self, index: int | None):
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def format(self, index: int | None) -> str:
        if index is None or index >= len(self.formats):
            return ""
        return self.formats[index] or ""

    def text(self, index: int | None) -> str:
        return _text(self.value(index), self.format(index))

    def texts(self) -> list[str]:
        return [_text(value, self.format(index)) for index, value in enumerate(self.values)]


@dataclass
class _Line:
    """A line of the header above the table: where it is (for messages) and its text."""

    where: str
    text: str


def _text(value, number_format: str = "") -> str:
    """A cell as text: strings stripped (line breaks kept, non-breaking spaces — of the
    typographic pass of an exported DOCX, or typed in Word — read as spaces); an integral number
    without «.0»; a number with a fixed count of decimals (format «0.00») as shown; a date as
    ДД.ММ.ГГГГ."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES).strip()
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, float):
        if match := _FIXED_DECIMALS_RE.match(number_format or ""):
            return f"{value:.{len(match[1])}f}"
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


#: Non-breaking and thin spaces, read as plain spaces.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower().replace("ё", "е")


#: (field, pattern) checked in this order: «Роли ответственных» is the roles, not the executors;
#: «Срок исполнения» is the period and «Ответственный за исполнение» the executors, not the status.
_HEADER_RULES = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("completed_on", r"дата (вы|ис)полнения"),
        ("roles", r"\bрол[иья]\w*\b"),
        ("units", r"ответствен\w* (организаци|подразделени)"),
        ("responsible", r"ответствен"),
        ("period", r"срок|период"),
        ("result", r"результат"),
        ("status", r"исполнени|статус"),
        ("activity", r"мероприят"),
        ("number", r"№|^(n|no|n п/п|п/п|номер|номер п/п)$"),
    )
)


def _field_of(header: str) -> str | None:
    """The field a column header names, by keywords: «№» → number, «мероприят» → activity,
    «срок»/«период» → period, «ответствен» → responsible, «результат» → result, «исполнение» →
    status, «дата выполнения» → completed_on, «роли» → roles; ``None`` for any other."""
    text = _norm(header)
    if not text:
        return None
    return next((name for name, pattern in _HEADER_RULES if pattern.search(text)), None)


def _columns(row: _Row) -> dict[str, int]:
    """Field → column index of a header row (the first column naming a field wins)."""
    columns: dict[str, int] = {}
    for index, text in enumerate(row.texts()):
        name = _field_of(text)
        if name and name not in columns:
            columns[name] = index
    return columns


def _header_error(partial: tuple[int, dict] | None, scope: str) -> str:
    needed = ", ".join(f"«{FIELD_LABELS[name]}»" for name in REQUIRED_FIELDS)
    message = f"Не найдена строка заголовков таблицы: нужны столбцы {needed} ({scope})."
    if partial is not None:
        number, columns = partial
        missing = ", ".join(f"«{FIELD_LABELS[name]}»" for name in REQUIRED_FIELDS if name not in columns)
        message += f" В строке {number} похожей на заголовок нет столбцов {missing}."
    return message


def _find_header(rows: list[_Row]) -> tuple[int, dict[str, int]] | tuple[None, tuple | None]:
    """``(position in rows, columns)`` of the header row among the first rows, or
    ``(None, partial)`` where ``partial`` is the best incomplete candidate."""
    partial = None
    for position, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns = _columns(row)
        found = [name for name in REQUIRED_FIELDS if name in columns]
        if len(found) == len(REQUIRED_FIELDS):
            return position, columns
        if len(found) >= 2 and partial is None:
            partial = (row.number, columns)
    return None, partial


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date_from_text(text: str) -> dt.date:
    match = _DATE_TEXT_RE.match(text.strip())
    if not match:
        raise ValueError(text)
    day, month, year = (int(part) for part in match.groups())
    return dt.date(year, month, day)


def _cell_date(value) -> dt.date | None:
    """A date from a date cell or text «ДД.ММ.ГГГГ»; ``None`` when empty.

    Raises:
        ValueError: anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _date_from_text(value)
    raise ValueError(str(value))


def _plan_period(text: str) -> tuple[dt.date, dt.date]:
    """The roadmap's period from «01.09.2026 – 30.06.2027», «2026–2027 гг.», «2026 год» or a
    month range («Сентябрь 2026 – июнь 2027»).

    Raises:
        ValueError: none of those.
    """
    if match := _PERIOD_DATES_RE.search(text):
        starts_on, ends_on = _date_from_text(match[1]), _date_from_text(match[2])
    elif match := _PERIOD_YEARS_RE.match(text.strip()):
        starts_on = dt.date(int(match[1]), 1, 1)
        ends_on = dt.date(int(match[2] or match[1]), 12, 31)
    else:
        period = period_parse(text)
        if period.kind == PeriodKind.RECURRING or period.starts_on is None:
            raise ValueError(text)
        starts_on, ends_on = period.starts_on, period.ends_on
    if ends_on < starts_on:
        raise ValueError(text)
    return starts_on, ends_on


#: A line of a stamp above a roadmap's title, not its title: «ПРОЕКТ», «УТВЕРЖДЕНА»,
#: «СОГЛАСОВАН», «приказом директора…», «от 07.09.2026 № 51-о», «Приложение 1 к приказу…».
_STAMP_LINE_RE = re.compile(
    r"^(?:ПРОЕКТ\b|УТВЕРЖД[ЕЁ]Н|СОГЛАСОВАН|(?:приказом|распоряжением|постановлением|решением)\b"
    r"|от\s+\S.{0,30}№|Приложение\b)"
)
_META_RE = re.compile(r"^(?P<key>[^:\n]{1,40}):\s*(?P<value>.*)$", re.S)


def _meta_key(text: str) -> tuple[str, str] | None:
    """``(key, value)`` of a header line «Период: …», «Основание: …», «Владелец: …», «Статус: …»."""
    match = _META_RE.match(text)
    if not match:
        return None
    key = _norm(match["key"])
    value = match["value"].strip()
    if key.startswith(("период", "срок реализации", "сроки реализации")):
        return "period", value
    if key.startswith("основани"):
        return "source", value
    if key.startswith(("владелец", "статус", "утвержд", "исполнитель")):
        return "info", value
    return None


class _Collector:
    def __init__(self):
        self.errors: list[str] = []

    def add(self, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(message)
        elif len(self.errors) == MAX_ERRORS:
            self.errors.append(f"Показаны первые {MAX_ERRORS} ошибок; исправьте их и загрузите файл снова.")

    @property
    def full(self) -> bool:
        return len(self.errors) > MAX_ERRORS


_STATUS_BY_LABEL = {_norm(label): value for value, label in ItemStatus.choices}


def _split_section(text: str) -> tuple[str, str]:
    """«I Нормативное…» → («I», «Нормативное…»); «1. Раздел» → («1.», «Раздел»); a text with no
    number in front → («», text)."""
    match = _SECTION_NUMBER_RE.match(text)
    if match and len(match["number"]) <= 16:
        return match["number"], match["title"].strip()
    return "", text


def _is_numbering_row(texts: list[str]) -> bool:
    """A row of column numbers «1 | 2 | 3 | 4 | 5» under the header of a printed table."""
    filled = [text for text in texts if text]
    return len(filled) >= 3 and filled == [str(n) for n in range(1, len(filled) + 1)]


def _parse(lines: list[_Line], rows: list[_Row], *, scope: str) -> ParsedPlan:
    """The plan from the header ``lines`` and the table ``rows`` (all of them, the header row
    among the first :data:`HEADER_SCAN_ROWS`)."""
    position, columns = _find_header(rows)
    if position is None:
        raise PlanFileError(_header_error(columns, scope))
    header = rows[position]
    lines = lines + [
        _Line(f"Строка {row.number}", " ".join(t for t in row.texts() if t)) for row in rows[:position]
    ]
    errors = _Collector()

    title, plan_period, source = "", None, ""
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if _STAMP_LINE_RE.match(text):
            continue  # a stamp above the title («УТВЕРЖДЕНА», «приказом …», «ПРОЕКТ»)
        meta = _meta_key(text)
        if meta is None:
            title = title or text
            continue
        key, value = meta
        if key == "source":
            source = value
        elif key == "period" and plan_period is None:
            try:
                plan_period = _plan_period(value)
            except ValueError:
                errors.add(
                    f"{line.where}: период дорожной карты «{value}» не понят: укажите его в виде "
                    "«01.09.2026 – 30.06.2027»."
                )
                plan_period = False
    if len(title) > 500:
        errors.add("Наименование дорожной карты длиннее 500 символов.")
    if len(source) > 500:
        errors.add("Основание дорожной карты длиннее 500 символов.")

    header_texts = [_norm(text) for text in header.texts()]
    sections: list[SectionData] = []
    seen_numbers: dict[str, int] = {}
    table_rows = 0
    today = timezone.localdate()
    has_roles = "roles" in columns
    for row in rows[position + 1 :]:
        if errors.full:
            break
        texts = row.texts()
        if not any(texts):
            continue
        if _is_numbering_row(texts) or [_norm(text) for text in texts] == header_texts:
            continue
        table_rows += 1
        if table_rows > MAX_ROWS:
            raise PlanFileError(f"В таблице больше {MAX_ROWS} строк: разделите дорожную карту на части.")
        where = f"Строка {row.number}"
        number = row.text(columns.get("number"))
        activity = row.text(columns["activity"])
        period_value = row.value(columns["period"])
        period_text = row.text(columns["period"])
        responsible = row.text(columns["responsible"])
        result = row.text(columns.get("result"))

        # A section: one text over the whole row (merged cells), or a title without the
        # period, the executors and the result.
        filled = [text for text in texts if text]
        if len(filled) > 1 and len(set(filled)) == 1:
            section_number, section_title = _split_section(filled[0])
        elif not (period_text or responsible or result) and activity:
            section_number, section_title = number, activity
        elif (
            not (period_text or responsible or result or activity)
            and number
            and not _NUMBER_LIKE_RE.match(number)
        ):
            section_number, section_title = _split_section(number)
        else:
            section_number = section_title = None
        if section_title is not None:
            if len(section_number) > 16:
                errors.add(f"{where}: номер раздела «{section_number}» длиннее 16 символов.")
            if len(section_title) > 1000:
                errors.add(f"{where}: наименование раздела длиннее 1000 символов.")
            sections.append(SectionData(number=section_number, title=section_title))
            continue

        if not activity:
            errors.add(f"{where}: не указано наименование мероприятия.")
        if len(number) > 16:
            errors.add(f"{where}: номер «{number}» длиннее 16 символов.")
        elif number:
            if number in seen_numbers:
                errors.add(f"{where}: номер «{number}» уже встречался в строке {seen_numbers[number]}.")
            else:
                seen_numbers[number] = row.number
        period = _row_period(period_value, period_text, where, errors)
        if not responsible:
            errors.add(f"{where}: не указан ответственный исполнитель.")
        elif len(responsible) > 1000:
            errors.add(f"{where}: ответственные исполнители — не больше 1000 символов.")

        status = ItemStatus.PLANNED
        status_text = row.text(columns.get("status"))
        if status_text:
            status = _STATUS_BY_LABEL.get(_norm(status_text))
            if status is None:
                known = ", ".join(f"«{label}»" for _, label in ItemStatus.choices)
                errors.add(
                    f"{where}: исполнение «{status_text}» не известно: укажите {known} или оставьте пустым."
                )
        completed_on = None
        raw_completed = row.value(columns.get("completed_on"))
        try:
            completed_on = _cell_date(raw_completed)
        except ValueError:
            shown = row.text(columns.get("completed_on"))
            errors.add(f"{where}: дата выполнения «{shown}» не распознана: укажите её в виде ДД.ММ.ГГГГ.")
        if completed_on is not None and status is not None:
            if status != ItemStatus.DONE:
                errors.add(
                    f"{where}: дата выполнения указывается только для выполненного мероприятия "
                    f"(исполнение «{ItemStatus(status).label}»)."
                )
            elif completed_on > today:
                errors.add(f"{where}: дата выполнения {completed_on:%d.%m.%Y} ещё не наступила.")
        roles = None
        if has_roles:
            try:
                roles = roles_parse(row.text(columns["roles"]))
            except ValueError as exc:
                errors.add(f"{where}: {exc}")
        units = [name.strip() for name in row.text(columns["units"]).split(";")] if "units" in columns else []
        if errors.errors:
            continue  # keep reading for more errors, build nothing
        if not sections:
            sections.append(SectionData(number="", title=DEFAULT_SECTION_TITLE))
        sections[-1].items.append(
            ItemData(
                number=number,
                activity=activity,
                period=period,
                responsible=responsible,
                result=result,
                status=status,
                completed_on=completed_on,
                roles=roles,
                units=[name for name in units if name],
            )
        )
    if errors.errors:
        raise PlanFileError(errors.errors)
    items = [item for section in sections for item in section.items]
    if not items:
        raise PlanFileError("В файле нет ни одного мероприятия: заполните таблицу под строкой заголовков.")
    if plan_period:
        starts_on, ends_on = plan_period
    else:
        dated = [item.period for item in items if item.period.kind != PeriodKind.RECURRING]
        if dated:
            first = min(p.starts_on or p.ends_on for p in dated)
            last = max(p.ends_on for p in dated)
            starts_on, ends_on = first.replace(day=1), _month_end(last.year, last.month)
        else:
            starts_on, ends_on = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    return ParsedPlan(
        title=title or DEFAULT_TITLE,
        starts_on=starts_on,
        ends_on=ends_on,
        source=source,
        sections=sections,
    )


def _row_period(value, text: str, where: str, errors: _Collector):
    """The period of an activity from its cell (a date cell is one day)."""
    if isinstance(value, dt.datetime | dt.date):
        text = f"{value:%d.%m.%Y}"
    try:
        period = period_parse(text)
    except ValueError as exc:
        errors.add(f"{where}: {exc}")
        return None
    if len(period.note) > 200:
        errors.add(f"{where}: уточнение срока — не больше 200 символов.")
    return period


def _read_bytes(file) -> bytes:
    if isinstance(file, bytes | bytearray | memoryview):
        data = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > MAX_BYTES:
            raise PlanFileError(_too_big())
        if hasattr(file, "seek"):
            try:
                file.seek(0)
            except (OSError, ValueError):
                pass
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PlanFileError(_too_big())
    return data


def _too_big() -> str:
    return f"Файл больше {MAX_BYTES // (1024 * 1024)} МБ: загрузите таблицу поменьше."


def _open_zip(data: bytes, kind: str, what: str) -> None:
    """Check that ``data`` is a ZIP archive of a sane unpacked size.

    Raises:
        PlanFileError: «Файл не читается как XLSX: …».
    """
    if not data:
        raise PlanFileError(f"Файл не читается как {kind}: он пуст.")
    if data[:4] == b"\xd0\xcf\x11\xe0":
        old = "XLS (Excel 97–2003)" if kind == "XLSX" else "DOC (Word 97–2003)"
        raise PlanFileError(f"Файл не читается как {kind}: это файл формата {old}, сохраните его как {kind}.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem = archive_problem(archive, len(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise PlanFileError(f"Файл не читается как {kind}: {what}.") from None
    if problem:
        raise PlanFileError(problem)


def _xlsx_read(data: bytes) -> ParsedPlan:
    import openpyxl

    what = "файл повреждён или это не книга Excel"
    _open_zip(data, "XLSX", what)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        logger.info("roadmap XLSX not readable: %r", exc)
        raise PlanFileError(f"Файл не читается как XLSX: {what}.") from None
    tables = []
    try:
        sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
        sheets.sort(key=lambda ws: ws.title != SHEET_TITLE)
        for sheet in sheets:
            rows = _sheet_rows(sheet)
            position, columns = _find_header(rows)
            tables.append((sheet.title, rows, position, columns))
            if position is not None:
                break
    except PlanFileError:
        raise
    except Exception as exc:  # a damaged part of the archive shows up only when read
        logger.info("roadmap XLSX damaged: %r", exc)
        raise PlanFileError(f"Файл не читается как XLSX: {what}.") from None
    finally:
        workbook.close()
    if not tables:
        raise PlanFileError(f"Файл не читается как XLSX: {what}.")
    title, rows, position, columns = tables[-1]
    if position is not None:
        return _parse([], rows, scope=f"лист «{title}»")
    title, _, _, partial = next((table for table in tables if table[3]), tables[0])
    raise PlanFileError(_header_error(partial, f"лист «{title}», первые {HEADER_SCAN_ROWS} строк"))


def _sheet_rows(sheet) -> list[_Row]:
    sheet.reset_dimensions()  # the stored size may claim a million rows
    rows = []
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        if number > MAX_SHEET_ROWS:
            raise PlanFileError(f"В таблице больше {MAX_ROWS} строк: разделите дорожную карту на части.")
        values = [getattr(cell, "value", None) for cell in cells]
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
            continue
        formats = [getattr(cell, "number_format", "") or "" for cell in cells]
        rows.append(_Row(number, values, formats))
        if len(rows) > MAX_ROWS + HEADER_SCAN_ROWS:
            raise PlanFileError(f"В таблице больше {MAX_ROWS} строк: разделите дорожную карту на части.")
    return rows


def _docx_read(data: bytes) -> ParsedPlan:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    what = "файл повреждён или это не документ Word"
    _open_zip(data, "DOCX", what)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except Exception as exc:
        logger.info("roadmap DOCX not readable: %r", exc)
        raise PlanFileError(f"Файл не читается как DOCX: {what}.") from None
    lines: list[_Line] = []
    partial = None
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(_Line("В заголовке документа", _text(block.text)))
            continue
        if not isinstance(block, Table):
            continue
        if len(block.rows) > MAX_ROWS + HEADER_SCAN_ROWS:
            raise PlanFileError(f"В таблице больше {MAX_ROWS} строк: разделите дорожную карту на части.")
        rows = _table_rows(block)
        position, columns = _find_header(rows[:5])
        if position is None:
            partial = partial or columns
            continue
        return _parse(lines, rows, scope="первая строка таблицы")
    raise PlanFileError(_header_error(partial, "ни в одной таблице документа"))


def _table_rows(table) -> list[_Row]:
    rows = []
    for number, row in enumerate(table.rows, start=1):
        try:
            before = row.grid_cols_before
        except Exception:
            before = 0
        values = [None] * before + [cell.text for cell in row.cells]
        rows.append(_Row(number, values[:MAX_COLUMNS]))
    return rows


def plan_read(file, filename: str) -> ParsedPlan:
    """Read a roadmap from an XLSX workbook or a DOCX table (chosen by the extension of
    ``filename``); ``file`` is bytes or a file object (Django's ``UploadedFile``).

    The table is found by its header row (within the first 30 rows of a sheet, or the first DOCX
    table whose first rows hold one); columns are told by their headers in any order — «№»,
    «…мероприят…», «срок»/«период», «ответствен…», «результат», «исполнение», «дата выполнения»,
    «роли» — of which the activity, the period and the executors are required. Above the table:
    the title (the first line), «Период…: 01.09.2026 – 30.06.2027» and «Основание: …». A row with
    a text but no period, executors or result (or one merged over the row) opens a section.

    Raises:
        PlanFileError: every problem found (up to 50), each naming the row and the reason: an
            unsupported, damaged or too large file (10 МБ, 3000 rows); no header row; a period
            not understood; no activity or executors; an unknown status or role; a bad date or
            one given for an activity not done; a repeated number; no activities at all.
    """
    name = str(filename or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in ("xls", "doc"):
        modern = "XLSX" if extension == "xls" else "DOCX"
        raise PlanFileError(
            f"Файлы «.{extension}» (Office 97–2003) не поддерживаются: сохраните его как {modern}."
        )
    if extension not in ("xlsx", "docx"):
        shown = f"«.{extension}»" if extension else "без расширения"
        raise PlanFileError(
            f"Загрузите дорожную карту в формате XLSX или DOCX: файлы {shown} не поддерживаются."
        )
    data = _read_bytes(file)
    return _xlsx_read(data) if extension == "xlsx" else _docx_read(data)
