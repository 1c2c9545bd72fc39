"""The cell styles, text cells and print setup every workbook of the app shares: the report's
annex (documents/workbook.py), the province's board (unit_board_workbook.py) and the
self-assessment (par_report_workbook.py), so that they look like one office's documents.

Every text cell is written as text: a value that begins with = + - @ is never a formula.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.documents.text import nfc

FONT_NAME = "Times New Roman"
_FORMULA_START = ("=", "+", "-", "@")

_THIN = Side(style="thin", color="000000")
CELL_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CELL_HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
CELL_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CELL_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
CELL_RIGHT = Alignment(horizontal="right", vertical="top")
CELL_HEADER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def clean_text(value: object) -> str:
    """NFC text without the control characters an .xlsx cannot hold."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", nfc(value)))


def set_text(cell: Cell, value: object) -> Cell:
    """Store `value` as text, never as a formula ('=1+1' stays the three characters)."""
    text = clean_text(value)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True
    return cell


def page_setup_for_print(ws: Worksheet, landscape: bool, title_rows: str | None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = 0.6
    ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT_NAME
