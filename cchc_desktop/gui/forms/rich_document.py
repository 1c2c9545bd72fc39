"""A narrative's structure (domain/rich_text.py) shown in a QTextDocument, and read back.

The editor holds what the structure can say and nothing more: bold and italic runs, flat
lists, tables with header rows, column widths and merged cells, and footnotes. A footnote is
one marker character whose format carries the footnote's text, so it moves, copies and is
deleted with the text around it. Whatever else a document holds (a pasted image, colours,
fonts, underlining) is not read back; `dropped` names it so that a paste can say so.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextLength,
    QTextListFormat,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)

from cchc_desktop.domain.legacy_text import convert_run
from cchc_desktop.domain.rich_text import (
    Block,
    Cell,
    Footnote,
    Inline,
    ListBlock,
    Paragraph,
    RichText,
    Run,
    Table,
    merge_runs,
)
from cchc_desktop.gui.style import colour

# The footnote's text, kept in the marker's character format.
FOOTNOTE_PROPERTY = int(QTextFormat.Property.UserProperty) + 17
FOOTNOTE_MARK = "*"
# The table's relative widths as stored ("1,3,2"): Qt keeps percentages, which would round.
WIDTHS_PROPERTY = int(QTextFormat.Property.UserProperty) + 18
_ORDERED = {QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
            QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
            QTextListFormat.Style.ListUpperRoman}
_OBJECT = "\ufffc"          # an image or other object in the text
_LINE_BREAKS = "\u2028\u2029\n\r\v"


# ---------------------------------------------------------------------- structure -> document

def run_format(bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(italic)
    return fmt


def footnote_format(text: str) -> QTextCharFormat:
    fmt = run_format()
    fmt.setProperty(FOOTNOTE_PROPERTY, text)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    fmt.setForeground(QBrush(colour("accent")))
    fmt.setToolTip(text)
    return fmt


def insert_inlines(cursor: QTextCursor, content: tuple[Inline, ...]) -> None:
    for inline in content:
        if isinstance(inline, Footnote):
            cursor.insertText(FOOTNOTE_MARK, footnote_format(inline.text))
        else:
            cursor.insertText(inline.text, run_format(inline.bold, inline.italic))
    # What is typed next starts plain, not as a footnote marker or in the last run's style.
    cursor.setCharFormat(run_format())


def table_format(table: Table) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(table.header_rows)
    total = sum(table.widths) or 1
    fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 100 * w / total)
                                   for w in table.widths])
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setProperty(WIDTHS_PROPERTY, ",".join(str(w) for w in table.widths))
    fmt.setBorder(1)
    fmt.setBorderCollapse(True)
    fmt.setCellSpacing(0)
    fmt.setCellPadding(3)
    return fmt


def mark_header_rows(table: QTextTable) -> None:
    """Header rows shaded, so that the clerk sees which rows repeat over a page break."""
    headers = table.format().headerRowCount()
    for row in range(table.rows()):
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            fmt = QTextTableCellFormat()
            fmt.setBackground(QBrush(colour("table_header_background")) if row < headers else QBrush())
            cell.setFormat(fmt)


def insert_table(cursor: QTextCursor, table: Table) -> QTextTable:
    rows = max(1, len(table.rows))
    qt_table = cursor.insertTable(rows, table.columns, table_format(table))
    for r, c, cell in table.spans():
        if cell.rowspan > 1 or cell.colspan > 1:
            qt_table.mergeCells(r, c, cell.rowspan, cell.colspan)
    for r, c, cell in table.spans():
        insert_inlines(qt_table.cellAt(r, c).firstCursorPosition(), cell.content)
    mark_header_rows(qt_table)
    return qt_table


def fill(document: QTextDocument, narrative: RichText) -> None:
    """Replace the document's content with the narrative."""
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    at_empty_block = True      # the document starts with one empty block, a table ends with one
    for block in narrative.blocks:
        if isinstance(block, Table):
            if not at_empty_block:
                cursor.insertBlock(QTextBlockFormat(), run_format())
            insert_table(cursor, block)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            at_empty_block = True
            continue
        items = block.items if isinstance(block, ListBlock) else (block.content,)
        text_list = None
        for item in items:
            if not at_empty_block:
                cursor.insertBlock(QTextBlockFormat(), run_format())
            at_empty_block = False
            if isinstance(block, ListBlock):
                if text_list is None:
                    style = (QTextListFormat.Style.ListDecimal if block.ordered
                             else QTextListFormat.Style.ListDisc)
                    text_list = cursor.createList(style)
                else:
                    text_list.add(cursor.block())
            insert_inlines(cursor, item)
    cursor.endEditBlock()


def document_of(narrative: RichText) -> QTextDocument:
    document = QTextDocument()
    fill(document, narrative)
    return document


# ---------------------------------------------------------------------- document -> structure

@dataclass
class Dropped:
    """What a document held that the narrative's structure cannot: counted for the clerk."""

    images: int = 0
    colours: bool = False
    underline: bool = False
    fonts: set[str] = field(default_factory=set)
    converted: bool = False       # runs in .VnTime or VNI fonts turned into Unicode

    def any_lost(self) -> bool:
        return bool(self.images or self.colours or self.underline)


@dataclass
class _Reader:
    convert_legacy: bool = False
    dropped: Dropped = field(default_factory=Dropped)

    def fragments(self, block: QTextBlock) -> Iterator[tuple[str, QTextCharFormat]]:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                yield fragment.text(), fragment.charFormat()
            it += 1

    def inlines(self, block: QTextBlock) -> list[Inline]:
        out: list[Inline] = []
        for text, fmt in self.fragments(block):
            if fmt.isImageFormat():
                self.dropped.images += text.count(_OBJECT) or 1
                continue
            if fmt.hasProperty(FOOTNOTE_PROPERTY):
                note = str(fmt.property(FOOTNOTE_PROPERTY))
                out.extend(Footnote(note) for char in text if char == FOOTNOTE_MARK)
                text = "".join(char for char in text if char != FOOTNOTE_MARK)
                if not text:
                    continue
            self._note_losses(fmt)
            text = text.replace(_OBJECT, "")
            for char in _LINE_BREAKS:
                text = text.replace(char, " ")
            if self.convert_legacy:
                # fontFamily() crashes PySide 6.8 on a pasted format; the font's list does not.
                families = fmt.font().families()
                font = families[0] if families else ""
                converted = convert_run(text, font)
                self.dropped.converted |= converted != text
                text = converted
            out.append(Run(text, fmt.fontWeight() >= QFont.Weight.DemiBold, fmt.fontItalic()))
        return out

    def _note_losses(self, fmt: QTextCharFormat) -> None:
        if fmt.hasProperty(QTextFormat.Property.ForegroundBrush):
            brush = fmt.foreground()
            plain = brush.color().name() == QColor(Qt.GlobalColor.black).name()   # text as typed
            if brush.style() != brush.style().NoBrush and not plain:
                self.dropped.colours = True
        if fmt.hasProperty(QTextFormat.Property.BackgroundBrush) \
                and fmt.background().style() != fmt.background().style().NoBrush:
            self.dropped.colours = True
        if fmt.fontUnderline():
            self.dropped.underline = True

    def content(self, blocks: list[QTextBlock]) -> tuple[Inline, ...]:
        """The runs of several blocks as one cell or item: lines apart by a space."""
        out: list[Inline] = []
        for block in blocks:
            inlines = self.inlines(block)
            if out and inlines:
                out.append(Run(" "))
            out.extend(inlines)
        return _trimmed(merge_runs(out))

    def table(self, table: QTextTable) -> Table:
        rows: list[tuple[Cell, ...]] = []
        for r in range(table.rows()):
            row: list[Cell] = []
            for c in range(table.columns()):
                cell = table.cellAt(r, c)
                if cell.row() != r or cell.column() != c:
                    continue       # covered by a merged cell
                blocks = list(_blocks_between(cell.firstCursorPosition().block(),
                                              cell.lastPosition()))
                row.append(Cell(self.content(blocks), cell.columnSpan(), cell.rowSpan()))
            rows.append(tuple(row))
        fmt = table.format()
        return Table(_widths(fmt, table.columns()), min(fmt.headerRowCount(), table.rows()),
                     tuple(rows))

    def read(self, document: QTextDocument) -> RichText:
        blocks: list[Block] = []
        list_items: list[tuple[Inline, ...]] = []
        current_list = None
        ordered = False

        def flush_list() -> None:
            nonlocal current_list
            if list_items:
                blocks.append(ListBlock(ordered, tuple(list_items)))
                list_items.clear()
            current_list = None

        block = document.begin()
        while block.isValid():
            table = _outer_table(block, document.rootFrame())
            if table is not None:
                flush_list()
                blocks.append(self.table(table))
                end = table.lastPosition()
                while block.isValid() and block.position() <= end:
                    block = block.next()
                continue
            content = self.content([block])
            text_list = block.textList()
            if text_list is not None:
                if current_list is None or text_list != current_list:
                    flush_list()
                    current_list = text_list
                    ordered = text_list.format().style() in _ORDERED
                if content:
                    list_items.append(content)
            else:
                flush_list()
                if content:
                    blocks.append(Paragraph(content))
            block = block.next()
        flush_list()
        return RichText(tuple(blocks))


def read(document: QTextDocument) -> RichText:
    """The narrative a document shows (what the editor saves)."""
    return _Reader().read(document)


def read_pasted(document: QTextDocument) -> tuple[RichText, Dropped]:
    """A pasted document as a narrative, its old-font runs in Unicode, with what was dropped."""
    reader = _Reader(convert_legacy=True)
    return reader.read(document), reader.dropped


def _outer_table(block: QTextBlock, root: QTextFrame) -> QTextTable | None:
    frame = QTextCursor(block).currentFrame()
    outer = None
    while frame is not None and frame != root:
        if isinstance(frame, QTextTable):
            outer = frame
        frame = frame.parentFrame()
    return outer


def _blocks_between(first: QTextBlock, last_position: int) -> Iterator[QTextBlock]:
    block = first
    while block.isValid() and block.position() <= last_position:
        yield block
        block = block.next()


def _widths(fmt: QTextTableFormat, columns: int) -> tuple[int, ...]:
    """The stored relative widths while the columns are those they were stored for, else
    from the table's constraints (a pasted table); equal columns when it has none."""
    stored = str(fmt.property(WIDTHS_PROPERTY) or "").split(",")
    if len(stored) == columns and all(w.isdigit() and int(w) > 0 for w in stored):
        return tuple(int(w) for w in stored)
    constraints = fmt.columnWidthConstraints()
    values = [c.rawValue() for c in constraints
              if c.type() != QTextLength.Type.VariableLength]
    if len(constraints) != columns or len(values) != columns or min(values, default=0) <= 0:
        return (1,) * columns
    total = sum(values)
    percents = [max(1, round(v * 100 / total)) for v in values]
    common = math.gcd(*percents)
    return tuple(p // common for p in percents)


def _trimmed(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Without the spaces at either end: a paragraph's stored text starts with a word."""
    items = list(content)
    if items and isinstance(items[0], Run):
        items[0] = Run(items[0].text.lstrip(), items[0].bold, items[0].italic)
    if items and isinstance(items[-1], Run):
        items[-1] = Run(items[-1].text.rstrip(), items[-1].bold, items[-1].italic)
    return merge_runs(items)
