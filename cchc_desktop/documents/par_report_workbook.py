"""The workbook of the PAR-index self-assessment report: the summary table, in Vietnamese.

One sheet "Tự đánh giá" with the table the PDF prints (Mã, Lĩnh vực/tiêu chí, Điểm tối đa,
Điểm tự chấm, Tài liệu kiểm chứng, Giải trình) and a second "Chưa có TLKC" with the scored
criteria lacking evidence. Points are numbers; the total row is a formula over the field
rows (=SUM of their cells), so a reader who changes a point sees the total follow, and its
cached value is left to Excel: the scored total is written beside it as a number too, for a
reader (or a test) that does not compute formulas. Texts go in as text, never as formulas
(workbook_cells.set_text).
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.documents.language import DOCUMENT_LANGUAGE
from cchc_desktop.documents.par_report_pdf import TABLE_HEADERS, points_text
from cchc_desktop.documents.text import vi_upper
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
from cchc_desktop.domain.par_report import FIELD, ParReport
from cchc_desktop.fileio import atomic_write_bytes
from cchc_desktop.i18n import N_, Language

WIDTHS = (8, 52, 11, 11, 13, 44)
HEADER_ROW = 4
POINTS_FORMAT = spreadsheet_format(2)


def _titles(ws: Worksheet, document: ParReport, language: Language) -> None:
    lines = [(vi_upper(document.letterhead.unit.name), Font(name=FONT_NAME, size=12, bold=True)),
             (language.gettext("BẢNG TỔNG HỢP {title}").format(title=vi_upper(document.title)),
              Font(name=FONT_NAME, size=13, bold=True)),
             (language.gettext("Tổng điểm: {total}/{maximum} điểm, đạt {share}").format(
                 total=points_text(document.total, language),
                 maximum=points_text(document.maximum, language),
                 share=document.share_text(language.locale)),
              Font(name=FONT_NAME, size=12, italic=True))]
    for row, (text, font) in enumerate(lines, start=1):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(WIDTHS))
        cell = set_text(ws.cell(row=row, column=1), text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[2].height = 33


def _header(ws: Worksheet, row: int, headers: tuple[str, ...], language: Language) -> None:
    bold = Font(name=FONT_NAME, size=12, bold=True)
    for column, (text, width) in enumerate(zip(headers, WIDTHS, strict=False), start=1):
        cell = set_text(ws.cell(row=row, column=column), language.gettext(text))
        cell.font, cell.alignment, cell.border, cell.fill = bold, CELL_HEADER, CELL_BORDER, CELL_HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    ws.row_dimensions[row].height = 32
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def summary_sheet(ws: Worksheet, document: ParReport, language: Language) -> None:
    _titles(ws, document, language)
    _header(ws, HEADER_ROW, TABLE_HEADERS, language)
    font = Font(name=FONT_NAME, size=12)
    bold = Font(name=FONT_NAME, size=12, bold=True)
    italic = Font(name=FONT_NAME, size=12, italic=True)
    row = HEADER_ROW
    field_rows: list[int] = []
    for item in document.rows:
        row += 1
        style = bold if item.level == FIELD else (font if item.level == 1 else italic)
        if item.level == FIELD:
            field_rows.append(row)
        cells = [set_text(ws.cell(row=row, column=1), item.code),
                 set_text(ws.cell(row=row, column=2), item.title)]
        for column, value in ((3, item.max_points), (4, item.points)):
            cell = ws.cell(row=row, column=column, value=None if value is None else float(value))
            cell.number_format, cell.alignment = POINTS_FORMAT, CELL_RIGHT
            cells.append(cell)
        evidence = ws.cell(row=row, column=5, value=item.evidence)
        evidence.alignment = Alignment(horizontal="center", vertical="top")
        cells += [evidence, set_text(ws.cell(row=row, column=6), item.explanation)]
        for cell in cells:
            cell.font, cell.border = style, CELL_BORDER
            if cell.column in (1, 2, 6):
                cell.alignment = CELL_WRAP_TOP
    row += 1
    total_cells = [set_text(ws.cell(row=row, column=2), language.gettext("Tổng cộng"))]
    for column, letter in ((3, "C"), (4, "D")):
        formula = "=" + "+".join(f"{letter}{r}" for r in field_rows) if field_rows else 0
        cell = ws.cell(row=row, column=column, value=formula)
        cell.number_format, cell.alignment = POINTS_FORMAT, CELL_RIGHT
        total_cells.append(cell)
    share = set_text(ws.cell(row=row, column=5), document.share_text(language.locale))
    share.alignment = Alignment(horizontal="center", vertical="top")
    total_cells += [ws.cell(row=row, column=1), share, ws.cell(row=row, column=6)]
    for cell in total_cells:
        cell.font, cell.border = bold, CELL_BORDER
    # The scored figures as numbers too (a formula's value is only known once Excel computes it).
    row += 2
    label = set_text(ws.cell(row=row, column=2), language.gettext("Tổng điểm tự chấm (giá trị)"))
    label.font = italic
    value = ws.cell(row=row, column=4, value=float(document.total))
    value.number_format, value.font = POINTS_FORMAT, italic
    page_setup_for_print(ws, False, f"{HEADER_ROW}:{HEADER_ROW}")


def missing_sheet(ws: Worksheet, document: ParReport, language: Language) -> None:
    headers = (N_("Mã"), N_("Tiêu chí"), N_("Điểm tự chấm"), N_("Giải trình"))
    widths = (8, 52, 12, 60)
    bold = Font(name=FONT_NAME, size=12, bold=True)
    font = Font(name=FONT_NAME, size=12)
    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = set_text(ws.cell(row=1, column=column), language.gettext(text))
        cell.font, cell.alignment, cell.border, cell.fill = bold, CELL_HEADER, CELL_BORDER, CELL_HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    for row, item in enumerate(document.missing, start=2):
        cells = [set_text(ws.cell(row=row, column=1), item.code),
                 set_text(ws.cell(row=row, column=2), item.title),
                 ws.cell(row=row, column=3, value=float(item.points)),
                 set_text(ws.cell(row=row, column=4), item.explanation)]
        cells[2].number_format = POINTS_FORMAT
        for cell in cells:
            cell.font, cell.border = font, CELL_BORDER
            if cell.column != 3:
                cell.alignment = CELL_WRAP_TOP
    page_setup_for_print(ws, False, "1:1")


def build_par_report_workbook(document: ParReport, *,
                              language: Language = DOCUMENT_LANGUAGE) -> Workbook:
    wb = Workbook()
    summary = wb.active
    summary.title = language.gettext("Tự đánh giá")
    summary_sheet(summary, document, language)
    missing_sheet(wb.create_sheet(language.gettext("Chưa có TLKC")), document, language)
    return wb


def write_par_report_workbook(document: ParReport, path: Path, *,
                              language: Language = DOCUMENT_LANGUAGE) -> None:
    """Write the workbook to `path` (atomically)."""
    buffer = io.BytesIO()
    build_par_report_workbook(document, language=language).save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())
