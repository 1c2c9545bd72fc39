"""The narrative's text box: bold, italic, lists, tables and footnotes, and a paste that keeps
what the report can print and says what it dropped.

Only the structure of domain/rich_text.py is kept (rich_document.py reads the box back), so a
paste from Word or LibreOffice brings bold, italics, lists and tables, and leaves images,
colours and fonts behind; text in the old Vietnamese fonts (.VnTime, VNI-Times) arrives in
Unicode instead of as "C¸c c¬ quan".
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QMimeData, Signal
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextLength,
    QTextListFormat,
    QTextTable,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from cchc_desktop.domain.legacy_text import LegacyEncoding, convert_pasted
from cchc_desktop.domain.rich_text import MAX_COLUMNS, MAX_TOTAL_TEXT, Cell, RichText, Table
from cchc_desktop.gui.forms.rich_document import (
    FOOTNOTE_MARK,
    FOOTNOTE_PROPERTY,
    WIDTHS_PROPERTY,
    Dropped,
    document_of,
    footnote_format,
    insert_table,
    mark_header_rows,
    read_pasted,
    run_format,
)
from cchc_desktop.i18n import N_, _

ENCODING_NAMES = {LegacyEncoding.TCVN3: "TCVN3 (ABC)", LegacyEncoding.VNI: "VNI",
                  LegacyEncoding.DECOMPOSED: N_("Unicode tổ hợp")}
# A clipboard larger than this is pasted as plain text: parsing megabytes of HTML would freeze
# the window, and the narrative could not hold it anyway.
MAX_PASTED_HTML = 5_000_000


class RichEdit(QTextEdit):
    """Emits `pasted` with a sentence for the clerk after every paste that changed something
    (a conversion, something dropped); an empty sentence when the paste was kept whole."""

    pasted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.last_conversion: LegacyEncoding | None = None
        self.last_dropped: Dropped | None = None

    # ------------------------------------------------------------------ keys
    def event(self, event: QEvent) -> bool:
        # Ctrl+B / Ctrl+I belong to the text while it has the focus, even where the window
        # has a shortcut of its own on them (Ctrl+I imports last period's file elsewhere).
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and _is_format_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_format_key(event):
            if self.isReadOnly():
                return
            if event.matches(QKeySequence.StandardKey.Bold):
                self.toggle_bold()
            else:
                self.toggle_italic()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ character formats
    def is_bold(self) -> bool:
        return self.currentCharFormat().fontWeight() >= QFont.Weight.DemiBold

    def toggle_bold(self) -> None:
        fmt = run_format()
        fmt.clearProperty(fmt.Property.FontItalic)
        fmt.setFontWeight(QFont.Weight.Normal if self.is_bold() else QFont.Weight.Bold)
        self.mergeCurrentCharFormat(fmt)

    def toggle_italic(self) -> None:
        fmt = run_format()
        fmt.clearProperty(fmt.Property.FontWeight)
        fmt.setFontItalic(not self.currentCharFormat().fontItalic())
        self.mergeCurrentCharFormat(fmt)

    # ------------------------------------------------------------------ lists
    def toggle_list(self, ordered: bool) -> None:
        """The selected paragraphs become a list of that kind, or plain paragraphs again."""
        style = QTextListFormat.Style.ListDecimal if ordered else QTextListFormat.Style.ListDisc
        cursor = self.textCursor()
        cursor.beginEditBlock()
        current = cursor.currentList()
        if current is not None and current.format().style() == style:
            document = self.document()
            first = document.findBlock(cursor.selectionStart())
            last = document.findBlock(cursor.selectionEnd())
            block = first
            while block.isValid():
                text_list = block.textList()
                if text_list is not None:
                    text_list.remove(block)
                    plain = block.blockFormat()
                    plain.setIndent(0)
                    QTextCursor(block).setBlockFormat(plain)
                if block == last:
                    break
                block = block.next()
        elif current is not None:
            list_format = current.format()
            list_format.setStyle(style)
            current.setFormat(list_format)
        else:
            cursor.createList(style)
        cursor.endEditBlock()

    # ------------------------------------------------------------------ tables
    def insert_new_table(self, rows: int, columns: int, header_rows: int = 1) -> None:
        cursor = self.textCursor()
        if cursor.currentTable() is not None:
            return      # tables are not nested in a report
        columns = max(1, min(columns, MAX_COLUMNS))
        empty = Table((1,) * columns, min(header_rows, rows),
                      tuple(tuple(Cell(()) for _ in range(columns)) for _ in range(rows)))
        insert_table(cursor, empty)

    def table_action(self, action: str) -> None:
        """One of: add_row, add_column, remove_row, remove_column, merge, split, header."""
        cursor = self.textCursor()
        table = cursor.currentTable()
        if table is None:
            return
        cell = table.cellAt(cursor)
        row, column = cell.row(), cell.column()
        if action == "add_row":
            table.insertRows(row + cell.rowSpan(), 1)
        elif action == "add_column" and table.columns() < MAX_COLUMNS:
            table.insertColumns(column + cell.columnSpan(), 1)
            _equal_columns(table)
        elif action == "remove_row" and table.rows() > 1:
            table.removeRows(row, 1)
        elif action == "remove_column" and table.columns() > 1:
            table.removeColumns(column, 1)
            _equal_columns(table)
        elif action == "merge":
            table.mergeCells(cursor)
        elif action == "split":
            table.splitCell(row, column, 1, 1)
        elif action == "header":
            fmt = table.format()
            fmt.setHeaderRowCount(0 if fmt.headerRowCount() > row else row + 1)
            table.setFormat(fmt)
        mark_header_rows(table)

    # ------------------------------------------------------------------ footnotes
    def footnote_at_cursor(self) -> str | None:
        """The text of the footnote just before or after the cursor, if there is one."""
        cursor = self.textCursor()
        for move in (QTextCursor.MoveOperation.Left, QTextCursor.MoveOperation.Right):
            probe = QTextCursor(cursor)
            probe.clearSelection()
            if move == QTextCursor.MoveOperation.Right:
                probe.movePosition(move)
            fmt = probe.charFormat()
            if fmt.hasProperty(FOOTNOTE_PROPERTY):
                return str(fmt.property(FOOTNOTE_PROPERTY))
        return None

    def insert_footnote(self, text: str) -> None:
        cursor = self.textCursor()
        existing = self.footnote_at_cursor()
        if existing is not None:
            self._select_footnote_mark(cursor)
        cursor.insertText(FOOTNOTE_MARK, footnote_format(text))
        cursor.setCharFormat(run_format())
        self.setTextCursor(cursor)
        self.setCurrentCharFormat(run_format())

    def _select_footnote_mark(self, cursor: QTextCursor) -> None:
        cursor.clearSelection()
        if cursor.charFormat().hasProperty(FOOTNOTE_PROPERTY):
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)

    # ------------------------------------------------------------------ paste
    def insertFromMimeData(self, source: QMimeData) -> None:
        self.last_conversion, self.last_dropped = None, None
        if source.hasHtml() and len(source.html()) <= MAX_PASTED_HTML:
            self._paste_html(source.html())
            return
        if not source.hasText():
            return      # an image alone: nothing the narrative can hold
        text, encoding = convert_pasted(source.text()[:MAX_TOTAL_TEXT])
        self.insertPlainText(text)
        self.last_conversion = encoding
        self.pasted.emit(_("Đã chuyển chữ dán vào từ mã {encoding} sang Unicode.").format(
            encoding=_(ENCODING_NAMES[encoding])) if encoding is not None else "")

    def _paste_html(self, html: str) -> None:
        pasted = QTextDocument()
        pasted.setHtml(html)
        narrative, dropped = read_pasted(pasted)
        # A report's table has its header row, repeated over page breaks; Word's clipboard
        # does not mark it, so the first row of a pasted table is taken as the header.
        narrative = _with_header_rows(narrative)
        self.last_dropped = dropped
        cursor = self.textCursor()
        if cursor.currentTable() is not None:
            # Inside a cell only the text goes: tables are not nested in a report.
            cursor.insertText(narrative.plain_text().replace("\n", " "), run_format())
        else:
            cursor.insertFragment(QTextDocumentFragment(document_of(narrative)))
        self.setTextCursor(cursor)
        self.pasted.emit(paste_summary(dropped))


def paste_summary(dropped: Dropped) -> str:
    """"Đã dán; bỏ 2 hình ảnh, màu chữ." — what a paste could not keep, in one sentence."""
    lost = []
    if dropped.images:
        lost.append(_("{n} hình ảnh").format(n=dropped.images))
    if dropped.colours:
        lost.append(_("màu chữ và màu nền"))
    if dropped.underline:
        lost.append(_("gạch chân"))
    parts = []
    if lost:
        parts.append(_("Đã dán chữ đậm, nghiêng, danh sách và bảng; bỏ {what} (báo cáo không "
                       "in được).").format(what=", ".join(lost)))
    if dropped.converted:
        parts.append(_("Chữ phông cũ (.VnTime, VNI) đã được chuyển sang Unicode."))
    return " ".join(parts)


def _equal_columns(table: QTextTable) -> None:
    """After a column is added or removed, the widths start again from equal columns."""
    columns = table.columns()
    fmt = table.format()
    fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 100 / columns)
                                   for _ in range(columns)])
    fmt.setProperty(WIDTHS_PROPERTY, ",".join("1" * columns))
    table.setFormat(fmt)


def _is_format_key(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Bold) or event.matches(
        QKeySequence.StandardKey.Italic)


def _with_header_rows(narrative: RichText) -> RichText:
    return RichText(tuple(replace(block, header_rows=1)
                          if isinstance(block, Table) and block.header_rows == 0
                          and len(block.rows) > 1 else block for block in narrative.blocks))
