"""Export of a filtered list to XLSX (issue 3, item 5), with formula injection neutralized.

A list view (``core.views.ScopedListView``) declares ``export_columns``; ``?export=xlsx`` with
the current filters answers :func:`xlsx_response` built from the same scoped, filtered
queryset the page shows (the whole list, not one page), so an export never holds a row the
list would not.

Formula injection (OWASP «CSV Injection»): a text cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return could be taken for a formula by Excel or LibreOffice when
re-saved or converted. Such text is written with a leading apostrophe and always as a text
cell (``data_type == "s"``), never as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: First characters that make a spreadsheet treat text as a formula (OWASP CSV Injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
#: Column widths, in characters, are fitted to the header and the first rows, within these bounds.
MIN_WIDTH, MAX_WIDTH, WIDTH_SAMPLE_ROWS = 8, 60, 500

Accessor = Callable[[object], object] | str


@dataclass(frozen=True)
class ExportColumn:
    """One column of an export: a Russian ``header`` and how to get the value from a row —
    a callable ``row -> value`` or a dotted attribute path (``"position.name"``; a callable
    found at the end, such as ``get_sex_display``, is called)."""

    header: str
    accessor: Accessor

    def value(self, row) -> object:
        if callable(self.accessor):
            return self.accessor(row)
        value = row
        for part in self.accessor.split("."):
            if value is None:
                return None
            value = getattr(value, part)
        return value() if callable(value) else value


def as_columns(columns: Iterable[ExportColumn | tuple[str, Accessor]]) -> list[ExportColumn]:
    """Normalize ``[(header, accessor)]`` pairs (as declared on views) to ``ExportColumn``."""
    return [c if isinstance(c, ExportColumn) else ExportColumn(*c) for c in columns]


def neutralize_formula(text: str) -> str:
    """Text safe for a spreadsheet cell: a leading apostrophe before a formula trigger
    (``=``, ``+``, ``-``, ``@``, tab, CR); characters XML cannot hold are dropped."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _cell_value(value) -> object:
    """A value openpyxl writes as data, never as a formula: numbers and dates stay typed,
    everything else becomes neutralized text; ``None`` stays empty."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        value = "; ".join(str(v) for v in value if v not in (None, ""))
    return neutralize_formula(str(value))


def _make_cell(ws, value) -> object:
    """What to append for ``value``: plain values as they are (openpyxl writes a string that
    does not start with ``=`` as text), a styled cell for dates and for strings openpyxl would
    otherwise take for an error code such as ``#N/A``."""
    value = _cell_value(value)
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
        return cell
    if isinstance(value, str) and value in ERROR_CODES:
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def xlsx_bytes(
    *, headers: Sequence[str], rows: Iterable[Sequence[object]], sheet_title: str = "Список"
) -> bytes:
    """Build an XLSX workbook (one sheet) and return its bytes.

    ``rows``: an iterable of value sequences in the order of ``headers`` (consumed once,
    streamed into a write-only workbook; fine up to tens of thousands of rows). The header is
    bold, frozen and carries an autofilter; dates are real dates (``DD.MM.YYYY``); text is
    neutralized against formula injection and stored as text.
    """
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(title=neutralize_formula(sheet_title)[:31] or "Список")
    rows = iter(rows)
    sample = [list(row) for row in islice(rows, WIDTH_SAMPLE_ROWS)]
    for index, header in enumerate(headers, start=1):
        widest = max([_width(header), *(_width(_cell_value(row[index - 1])) for row in sample)])
        ws.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=neutralize_formula(str(header)))
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    count = 0
    for row in sample:
        ws.append([_make_cell(ws, v) for v in row])
        count += 1
    for row in rows:
        ws.append([_make_cell(ws, v) for v in row])
        count += 1
    if headers:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(stem: str, *, today: dt.date | None = None) -> str:
    """``"<stem>-YYYY-MM-DD.xlsx"`` with today's local date, e.g. ``pedagogi-2026-11-21.xlsx``."""
    today = today or timezone.localdate()
    return f"{stem}-{today:%Y-%m-%d}.xlsx"


def xlsx_response(
    *,
    columns: Iterable[ExportColumn | tuple[str, Accessor]],
    objects: Iterable,
    filename_stem: str,
    sheet_title: str = "Список",
) -> HttpResponse:
    """An attachment response with the XLSX of ``objects`` in ``columns``.

    ``objects``: an iterable of rows (a queryset's ``iterator()``), consumed once.
    ``filename_stem`` may be Cyrillic: the ``Content-Disposition`` then takes the RFC 5987
    ``filename*=utf-8''…`` form. The response is not cached (personal data).
    """
    columns = as_columns(columns)
    content = xlsx_bytes(
        headers=[c.header for c in columns],
        rows=([c.value(obj) for c in columns] for obj in objects),
        sheet_title=sheet_title,
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, export_filename(filename_stem))
    response["Cache-Control"] = "no-store"
    return response
