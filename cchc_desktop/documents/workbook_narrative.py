"""The workbook's "Nội dung báo cáo" sheet: each section's narrative as the report prints it.

A reviewer at the province reads the annex in Excel as often as the PDF, and copies from it:
the sheet keeps bold and italic (as rich text in the cell), lists with their bullets or
numbers, tables as real cells (merged where the report merges them, header rows bold and
shaded), and explanatory footnotes numbered through the sheet ("[1]") and listed under
"Chú thích" at its end. The sheet is for reading only: the workbook's import reads figures
from the area sheets and the hidden data, never from here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.documents.text import nfc, vi_upper
from cchc_desktop.documents.workbook_cells import clean_text
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.rich_text import Footnote, Inline, ListBlock, Paragraph, RichText, Run, Table
from cchc_desktop.domain.template import Section
from cchc_desktop.i18n import Language

SHEET_WIDTH = 110           # characters across the sheet, as the area sheets are wide
MIN_COLUMNS = 4
CHARACTERS_PER_LINE = 1.15  # Times New Roman 12 in a column of width w holds about w*1.15
LINE_HEIGHT = 16.0

_THIN = Side(style="thin", color="000000")
CELL_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CELL_HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
_TEXT = Alignment(wrap_text=True, vertical="top")
CELL_HEADER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def sections_with_narrative(context: ReportContext) -> list[tuple[Section, int, RichText]]:
    """(section, depth, narrative) of every section that has text, in the template's order."""
    out = []
    for section, depth in context.template.walk():
        narrative = context.report.narrative(section.id)
        if section.narrative and not narrative.is_empty():
            out.append((section, depth, narrative))
    return out


def heading(section: Section, depth: int, language: Language) -> str:
    """As the PDF numbers it: "I. CÔNG TÁC...", "1. Cải cách...", "a) ..."."""
    title = nfc(section.title.render(language))
    if depth == 0:
        return f"{section.number}. {vi_upper(title)}"
    return f"{section.number}. {title}" if depth == 1 else f"{section.number}) {title}"


class NarrativeSheet:
    def __init__(self, ws: Worksheet, context: ReportContext, language: Language,
                 font_name: str, first_row: int = 1) -> None:
        self.ws = ws
        self.context = context
        self.language = language
        self.font_name = font_name
        self.row = first_row
        self.notes: list[str] = []
        self.sections = sections_with_narrative(context)
        widest = max((t.columns for _section, _depth, n in self.sections for t in n.tables()), default=1)
        self.columns = max(MIN_COLUMNS, widest)

    # ------------------------------------------------------------------ cells
    def _font(self, *, bold: bool = False, italic: bool = False) -> Font:
        return Font(name=self.font_name, size=12, bold=bold, italic=italic)

    def _inline_font(self, *, bold: bool = False, italic: bool = False,
                     superscript: bool = False) -> InlineFont:
        return InlineFont(rFont=self.font_name, sz=12, b=bold or None, i=italic or None,
                          vertAlign="superscript" if superscript else None)

    def rich(self, content: Sequence[Inline], prefix: str = "") -> CellRichText:
        """Runs as rich text; a footnote as its number "[n]", the text kept for the end."""
        parts: list[str | TextBlock] = []
        if prefix:
            parts.append(TextBlock(self._inline_font(), nfc(prefix)))
        for inline in content:
            if isinstance(inline, Footnote):
                self.notes.append(inline.text)
                parts.append(TextBlock(self._inline_font(superscript=True), f"[{len(self.notes)}]"))
            elif isinstance(inline, Run) and inline.text:
                parts.append(TextBlock(self._inline_font(bold=inline.bold, italic=inline.italic),
                                       _clean(inline.text)))
        return CellRichText(parts)

    def _line(self, value: CellRichText | str, *, font: Font | None = None,
              indent: int = 0) -> None:
        """One row merged across the sheet, tall enough for its wrapped text."""
        ws = self.ws
        ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=self.columns)
        cell = ws.cell(row=self.row, column=1)
        cell.value = value if isinstance(value, CellRichText) else _clean(value)
        if font is not None:
            cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top", indent=indent)
        ws.row_dimensions[self.row].height = _height(str(value), SHEET_WIDTH - 2 * indent)
        self.row += 1

    # ------------------------------------------------------------------ blocks
    def paragraph(self, block: Paragraph) -> None:
        self._line(self.rich(block.content))

    def list_block(self, block: ListBlock) -> None:
        for number, item in enumerate(block.items, start=1):
            self._line(self.rich(item, f"{number}. " if block.ordered else "- "), indent=1)

    def table(self, table: Table) -> None:
        ws, top = self.ws, self.row
        width_of = _column_widths(table.widths, self.columns)
        for row_index, column_index, cell in table.spans():
            first_column = sum(width_of[:column_index]) + 1
            last_column = sum(width_of[:column_index + cell.colspan])
            last_row = top + row_index + cell.rowspan - 1
            if (first_column, top + row_index) != (last_column, last_row):
                ws.merge_cells(start_row=top + row_index, start_column=first_column,
                               end_row=last_row, end_column=last_column)
            target = ws.cell(row=top + row_index, column=first_column)
            header = row_index < table.header_rows
            target.value = self.rich(tuple(Run(i.text, bold=True) if header and isinstance(i, Run)
                                           else i for i in cell.content))
            target.alignment = CELL_HEADER if header else _TEXT
            if header:
                target.fill = CELL_HEADER_FILL
            for r in range(top + row_index, last_row + 1):
                for c in range(first_column, last_column + 1):
                    ws.cell(row=r, column=c).border = CELL_BORDER
        for row_index, cells in enumerate(table.rows):
            longest = max((len(_text_of(c.content)) / max(1, c.colspan) for c in cells), default=0)
            share = SHEET_WIDTH / max(1, table.columns)
            ws.row_dimensions[top + row_index].height = _height("x" * int(longest), share)
        self.row = top + len(table.rows)
        self.row += 1      # a blank row after the table, as a paragraph break

    def narrative(self, narrative: RichText) -> None:
        for block in narrative.blocks:
            if isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, ListBlock):
                self.list_block(block)
            elif isinstance(block, Table):
                self.table(block)

    # ------------------------------------------------------------------ the sheet
    def write(self) -> None:
        gettext = self.language.gettext
        for section, depth, narrative in self.sections:
            self.row += 1
            self._line(heading(section, depth, self.language),
                       font=self._font(bold=depth < 2, italic=depth >= 2))
            self.narrative(narrative)
        if self.notes:
            self.row += 1
            self._line(gettext("Chú thích"), font=self._font(bold=True, italic=True))
            for number, note in enumerate(self.notes, start=1):
                self._line(f"[{number}] {note}", font=self._font())
        for column in range(1, self.columns + 1):
            self.ws.column_dimensions[get_column_letter(column)].width = SHEET_WIDTH / self.columns


def _column_widths(widths: Sequence[int], columns: int) -> list[int]:
    """How many sheet columns each table column spans: the table's relative widths shared out
    over the sheet's columns, at least one each (largest remainders first)."""
    count = len(widths)
    spare = columns - count
    total = sum(widths) or count
    shares = [spare * w / total for w in widths]
    extra = [math.floor(s) for s in shares]
    left = spare - sum(extra)
    for index in sorted(range(count), key=lambda i: shares[i] - extra[i], reverse=True)[:left]:
        extra[index] += 1
    return [1 + e for e in extra]


def _text_of(content: Iterable[Inline]) -> str:
    return "".join(i.text for i in content if isinstance(i, Run))


def _height(text: str, width: float) -> float:
    lines = sum(max(1, math.ceil(len(part) / (width * CHARACTERS_PER_LINE)))
                for part in text.split("\n"))
    return LINE_HEIGHT * min(lines, 25)


def _clean(text: str) -> str:
    return clean_text(text)   # the workbooks' one cleaning of cell text
