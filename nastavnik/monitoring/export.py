"""The dashboard's numbers as XLSX (issue 14, Build 4: «the same numbers as XLSX»).

Two sheets, built from the same :class:`~nastavnik.monitoring.dashboard.Dashboard` the page
shows: «Показатели» — each indicator of the unit with its value, numerator and denominator (the
summed parts), the previous period's value and the regulation it comes from; «Сравнение» — one
row per unit below (municipality or organization), one column per indicator, the median row and
the mark of the figures worse than the median. Values are numbers, not text; text cells are
neutralized against formula injection (``core.export.neutralize_formula``).
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from nastavnik.core.export import XLSX_CONTENT_TYPE, export_filename, neutralize_formula

FIGURE_HEADERS = [
    "Показатель",
    "Значение",
    "Единица",
    "Числитель (что считается)",
    "Числитель",
    "Знаменатель (что считается)",
    "Знаменатель",
    "Значение за предыдущий период",
    "Изменение",
    "Основание",
]
UNIT_LABELS = {"percent": "%", "average": "средний балл", "ratio": "отношение", "count": "количество"}
WORSE_FILL = PatternFill("solid", fgColor="F8D7DA")


def _text(value) -> str:
    return neutralize_formula(str(value))


def _part(parts, index):
    """The part ``index`` as a number (an integer when whole), ``None`` when absent."""
    if not parts or len(parts) <= index:
        return None
    value = parts[index]
    return int(value) if float(value).is_integer() else float(value)


def figure_rows(board) -> list[list]:
    """The rows of the «Показатели» sheet, in :data:`FIGURE_HEADERS` order."""
    rows = []
    for card in board.cards:
        indicator = card.indicator
        parts = card.figure.parts
        rows.append(
            [
                _text(indicator.title),
                card.figure.value,
                UNIT_LABELS.get(indicator.unit, ""),
                _text(indicator.numerator),
                _part(parts, 0) if parts else 0,
                _text(indicator.denominator) if indicator.denominator else "",
                _part(parts, 1) if indicator.denominator else None,
                card.previous.value if card.previous else None,
                card.trend_label,
                _text(indicator.source),
            ]
        )
    return rows


def comparison_rows(board) -> tuple[list[str], list[list]]:
    """``(headers, rows)`` of the «Сравнение» sheet: the unit, its level, one value per
    indicator, then the number of figures worse than the median; the median row last."""
    headers = ["Единица", "Уровень", *[i.title for i in board.indicators], "Показателей хуже медианы"]
    rows = [
        [
            _text(row.unit.full_name),
            row.unit.get_level_display(),
            *[c.value for c in row.cells],
            row.worse_count,
        ]
        for row in board.rows
    ]
    if board.rows:
        rows.append(["Медиана", "", *[c.value for c in board.medians], None])
    return headers, rows


def _sheet(workbook, title: str, headers: list[str], rows: list[list], worse=None) -> None:
    ws = workbook.create_sheet(title=title)
    ws.append([_text(h) for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        ws.append(row)
        if worse:
            for c in worse(r - 2):
                ws.cell(row=r, column=c).fill = WORSE_FILL
    for index, header in enumerate(headers, start=1):
        widest = max([len(str(header)), *(len(str(row[index - 1] or "")) for row in rows[:200])])
        ws.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 10), 60)
    ws.freeze_panes = "B2"


def dashboard_xlsx(board) -> bytes:
    """The XLSX workbook of ``board`` (a ``dashboard.Dashboard``) as bytes: the sheets
    «Показатели» and, when the unit has units below it, «Сравнение» (the figures worse than the
    median are shaded)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "Показатели", FIGURE_HEADERS, figure_rows(board))
    ws = workbook["Показатели"]
    ws.insert_rows(1, 2)
    ws["A1"] = _text(f"{board.unit.full_name} — {board.period.label}")
    ws["A1"].font = Font(bold=True)
    ws["A2"] = _text(f"Предыдущий период: {board.period.previous().label}")
    ws.freeze_panes = "B4"
    if board.rows:
        headers, rows = comparison_rows(board)

        def worse(index: int) -> list[int]:
            if index >= len(board.rows):
                return []
            return [3 + i for i, c in enumerate(board.rows[index].cells) if c.worse]

        _sheet(workbook, "Сравнение", headers, rows, worse)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def dashboard_xlsx_response(board) -> HttpResponse:
    """An attachment response with :func:`dashboard_xlsx`; the file is named
    ``monitoring-<unit id>-<period>-<local date>.xlsx``."""
    response = HttpResponse(dashboard_xlsx(board), content_type=XLSX_CONTENT_TYPE)
    stem = f"monitoring-{board.unit.pk}-{board.period.key.replace('..', '_')}"
    response["Content-Disposition"] = content_disposition_header(True, export_filename(stem))
    response["Cache-Control"] = "no-store"
    return response
