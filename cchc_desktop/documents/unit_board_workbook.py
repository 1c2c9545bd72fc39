"""The workbook of the board of the units' main rates (domain/unit_board.py): one sheet, a
row per unit and the sum row, each rate as its percentage (a number, shown '92,52%' by the
same number format as the report's workbook) with its numerator and denominator beside it,
so that the reader can check the sum row: Σ numerators / Σ denominators, not a mean.

In the document's language (Vietnamese), whatever the window speaks; the cells, fonts and
page set-up are documents/workbook.py's.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.documents.language import DOCUMENT_LANGUAGE
from cchc_desktop.documents.sheet_names import sheet_name
from cchc_desktop.documents.text import nfc, vi_upper
from cchc_desktop.documents.trend_charts import value_text
from cchc_desktop.documents.unit_board_pdf import TITLE, board_subject
from cchc_desktop.documents.workbook_cells import (
    CELL_BORDER,
    CELL_HEADER,
    CELL_HEADER_FILL,
    CELL_RIGHT,
    CELL_WRAP_TOP,
    FONT_NAME,
    page_setup_for_print,
    set_text,
)
from cchc_desktop.domain.formatting import spreadsheet_format
from cchc_desktop.domain.trends import PERCENT
from cchc_desktop.domain.unit_board import BELOW_WORDS, MISSING, BoardLine, UnitBoard
from cchc_desktop.fileio import atomic_write_bytes
from cchc_desktop.i18n import N_, Language

SHEET = N_("Tỷ lệ các đơn vị")
HEAD_ROW = 5                     # the rates' labels; their three columns on the row below
FIGURE_FORMAT = spreadsheet_format(3)   # numerators and denominators: '2.987,455'
WHOLE_FORMAT = spreadsheet_format(0)    # and a whole one (a count of records): '1.421'


def build_board_workbook(board: UnitBoard, *, precision: int = 2,
                         language: Language = DOCUMENT_LANGUAGE) -> Workbook:
    gettext = language.gettext
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet_name(gettext(SHEET), set())
    font, bold = Font(name=FONT_NAME, size=12), Font(name=FONT_NAME, size=12, bold=True)
    width = 2 + 3 * len(board.columns) + 1
    titles = [(vi_upper(board.unit.name), bold),
              (vi_upper(gettext(TITLE)), Font(name=FONT_NAME, size=13, bold=True)),
              (board_subject(board, language), Font(name=FONT_NAME, size=12, italic=True))]
    for row, (text, title_font) in enumerate(titles, start=1):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = set_text(ws.cell(row=row, column=1), text)
        cell.font = title_font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def head(row: int, column: int, text: str, span: int = 1, rows: int = 1) -> None:
        if span > 1 or rows > 1:
            ws.merge_cells(start_row=row, start_column=column, end_row=row + rows - 1,
                           end_column=column + span - 1)
        for r in range(row, row + rows):
            for c in range(column, column + span):
                ws.cell(row=r, column=c).border = CELL_BORDER
                ws.cell(row=r, column=c).fill = CELL_HEADER_FILL
        cell = set_text(ws.cell(row=row, column=column), text)
        cell.font, cell.alignment = bold, CELL_HEADER

    head(HEAD_ROW, 1, gettext("STT"), rows=2)
    head(HEAD_ROW, 2, gettext("Đơn vị"), rows=2)
    for n, column in enumerate(board.columns):
        first = 3 + 3 * n
        label = column.label(language)
        if column.target is not None:
            label += " " + gettext("(chỉ tiêu {value})").format(
                value=value_text(column.target, PERCENT, language.locale, precision))
        head(HEAD_ROW, first, label, span=3)
        for offset, text in enumerate((gettext("Tỷ lệ"), gettext("Tử số"), gettext("Mẫu số"))):
            head(HEAD_ROW + 1, first + offset, text)
    head(HEAD_ROW, width, gettext("Ghi chú"), rows=2)
    ws.row_dimensions[HEAD_ROW].height = 48
    sizes = [(1, 6), (2, 34)] + [(3 + i, 12) for i in range(3 * len(board.columns))] + [(width, 30)]
    for index, size in sizes:
        ws.column_dimensions[get_column_letter(index)].width = size

    row = HEAD_ROW + 2
    for number, line in enumerate(board.lines, start=1):
        _line_row(ws, row, number, line, board, language, precision, font)
        row += 1
    _line_row(ws, row, None, board.total, board, language, precision, bold)
    ws.freeze_panes = ws.cell(row=HEAD_ROW + 2, column=3)
    page_setup_for_print(ws, True, f"{HEAD_ROW}:{HEAD_ROW + 1}")
    return wb


def _line_row(ws: Worksheet, row: int, number: int | None, line: BoardLine, board: UnitBoard,
              language: Language, precision: int, font: Font) -> None:
    gettext = language.gettext
    cells: list[tuple[object, str | None]] = [(Decimal(number) if number else "", "0"),
                                              (line.name(language), None)]
    for column in board.columns:
        rate = line.rates[column.code].rate
        value = rate.value if rate is not None else None
        cells.append((value if value is not None else MISSING,
                      spreadsheet_format(rate.precision, percent=True) if rate is not None else None))
        for figure in (rate.numerator if rate else None, rate.denominator if rate else None):
            whole = figure is not None and figure == figure.to_integral_value()
            cells.append((figure if figure is not None else "",
                          WHOLE_FORMAT if whole else FIGURE_FORMAT))
    if line.below_target:
        note = gettext(BELOW_WORDS) + ": " + "; ".join(board.column(code).label(language)
                                                      for code in line.below_codes)
    else:
        note = "" if line.has_report else gettext("Chưa gửi báo cáo")
    cells.append((note, None))
    for index, (content, number_format) in enumerate(cells, start=1):
        cell = ws.cell(row=row, column=index)
        if isinstance(content, Decimal):
            cell.value = content
            cell.number_format = number_format or "General"
            cell.alignment = CELL_RIGHT
        else:
            set_text(cell, nfc(str(content)))
            cell.alignment = CELL_RIGHT if content == MISSING else CELL_WRAP_TOP
        cell.font = font
        cell.border = CELL_BORDER


def write_board_workbook(board: UnitBoard, path: Path, *, precision: int = 2,
                         language: Language = DOCUMENT_LANGUAGE) -> None:
    """Write the board's workbook to `path` (atomically)."""
    buffer = io.BytesIO()
    build_board_workbook(board, precision=precision, language=language).save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())
