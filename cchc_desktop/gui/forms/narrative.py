"""The narrative of a section: paragraphs with bold and italics, lists, tables, footnotes and
cited documents.

The box holds the structure of domain/rich_text.py (rich_document.py maps it both ways), so
what the clerk sees is what is saved and printed. Documents cited by type, number and date
("Kế hoạch số 20/KH-UBND ngày 06/01/2026") are highlighted as the clerk types, so a
miswritten one stands out; the PDF turns them into footnotes. Each keystroke or format
change is an undoable edit of the section's narrative, merged until the focus moves.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.report import IssuedDocument
from cchc_desktop.domain.rich_text import RichText
from cchc_desktop.domain.template import Section
from cchc_desktop.exchange.text_limits import length_problem
from cchc_desktop.gui.commands import SetNarrativeCommand, push
from cchc_desktop.gui.designer.ui_table_dialog import Ui_TableDialog
from cchc_desktop.gui.flow_layout import FlowLayout, fixed_size_policy
from cchc_desktop.gui.forms.keys import defer_undo_keys
from cchc_desktop.gui.forms.rich_document import fill, read
from cchc_desktop.gui.forms.rich_edit import RichEdit
from cchc_desktop.gui.history_menu import add_history_menu, history_menu
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.style import colour, set_tone
from cchc_desktop.i18n import N_, _

try:
    # The PDF's own rule for what counts as a citation, so that the highlight tells the truth.
    from cchc_desktop.documents.narrative import _CITATION as CITATION
except ImportError:  # documents not installed: a close approximation
    CITATION = re.compile(r"(Kế hoạch|Quyết định|Công văn|Thông báo|Tờ trình|Báo cáo|Chương trình"
                          r"|Chỉ thị|Nghị quyết|Nghị định|Thông tư|Hướng dẫn|Văn bản|Luật)"
                          r"\s+số\s+\d+[\w/.\-]*\w(?:\s+ngày\s+\d{1,2}/\d{1,2}/\d{4})?",
                          re.IGNORECASE)
BULLET = "- "
# Document type codes of Decree 30/2020 (Appendix III) as the type words a citation starts with.
TYPE_WORDS = {"KH": "Kế hoạch", "QĐ": "Quyết định", "BC": "Báo cáo", "TB": "Thông báo",
              "TTr": "Tờ trình", "CTr": "Chương trình", "CT": "Chỉ thị", "NQ": "Nghị quyết",
              "HD": "Hướng dẫn"}


def citation(document: IssuedDocument) -> str:
    """'Kế hoạch số 20/KH-UBND ngày 06/01/2026'; a letter without type code is a Công văn."""
    symbol = document.number.partition("/")[2]
    code = symbol.partition("-")[0]
    kind = TYPE_WORDS.get(code, "Công văn" if "-" in symbol else "Văn bản")
    text = f"{kind} số {document.number.strip()}"
    if document.date:
        text += f" ngày {short_date(document.date)}"
    return text


class _Highlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.cited = QTextCharFormat()
        self.cited.setForeground(colour("accent"))
        self.cited.setFontItalic(True)
        self.bullet = QTextCharFormat()
        self.bullet.setFontWeight(QFont.Weight.Bold)

    def highlightBlock(self, text: str) -> None:
        if text.startswith(BULLET):
            self.setFormat(0, 1, self.bullet)
        for match in CITATION.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.cited)


class TableDialog(QDialog):
    """Chèn bảng: rows, columns and whether the first row is the header."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_TableDialog()
        self.ui.setupUi(self)


# (object name, label, table action) of the table menu's entries.
TABLE_ACTIONS = (("add_row", N_("Thêm dòng"), "add_row"),
                 ("add_column", N_("Thêm cột"), "add_column"),
                 ("remove_row", N_("Xóa dòng"), "remove_row"),
                 ("remove_column", N_("Xóa cột"), "remove_column"),
                 ("merge", N_("Gộp các ô đã chọn"), "merge"),
                 ("split", N_("Tách ô"), "split"),
                 ("header", N_("Đến dòng này là dòng tiêu đề / bỏ dòng tiêu đề"), "header"))


class NarrativeEditor(QWidget):
    def __init__(self, section: Section, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.session = session
        self._pushing = False
        self.setObjectName(f"narrative:{section.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("Nội dung báo cáo"), self)
        set_tone(caption, "caption")
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.edit = RichEdit(self)
        # A row of its own that wraps: on a narrow page or at 125 % the last tools go onto a
        # second line, instead of hiding behind a tool bar's » or widening the page.
        self.toolbar = QWidget(self)
        self.toolbar.setObjectName("narrative_tools")
        self.toolbar.setSizePolicy(fixed_size_policy())
        self._tools = FlowLayout(self.toolbar, spacing=2)
        self.bold_button = self._tool(_("Đậm"), _("Chữ đậm (Ctrl+B)"), self.edit.toggle_bold)
        set_tone(self.bold_button, "bold")
        self.italic_button = self._tool(_("Nghiêng"), _("Chữ nghiêng (Ctrl+I)"),
                                        self.edit.toggle_italic)
        set_tone(self.italic_button, "italic")
        self.bullet_button = self._tool(_("Gạch đầu dòng"),
                                        _("Thêm hoặc bỏ gạch đầu dòng ở các đoạn đang chọn"),
                                        lambda: self.edit.toggle_list(ordered=False))
        self.numbered_button = self._tool(_("Đánh số"),
                                          _("Thêm hoặc bỏ đánh số 1, 2, 3 ở các đoạn đang chọn"),
                                          lambda: self.edit.toggle_list(ordered=True))
        self.table_button = self._tool(_("Bảng..."), _("Chèn bảng; nhấn chuột phải trong bảng để "
                                                       "thêm, xóa, gộp ô"), self.ask_table)
        self.footnote_button = self._tool(_("Chú thích..."),
                                          _("Chèn chú thích cuối trang tại con trỏ (danh sách "
                                            "đơn vị, số liệu chi tiết...)"), self.ask_footnote)
        self.cite_button = self._tool(_("Trích dẫn văn bản..."),
                                      _("Chèn tên văn bản đã ban hành; khi in thành chú thích "
                                        "cuối trang"), self.ask_citation)
        layout.addWidget(self.toolbar)
        self.edit.setObjectName("narrative")
        self.edit.setUndoRedoEnabled(False)  # the window's undo stack handles it
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(150)
        self.edit.setPlaceholderText(_("Viết nội dung mục này. Văn bản trích dẫn (\u201cKế hoạch "
                                       "số 20/KH-UBND ngày 06/01/2026\u201d) được in thành chú "
                                       "thích cuối trang; dán từ Word giữ chữ đậm, nghiêng, danh "
                                       "sách và bảng."))
        self.edit.setAccessibleName(str(section.title))
        defer_undo_keys(self.edit)
        add_history_menu(self.edit, self.context_menu)
        self._highlighter = _Highlighter(self.edit.document())
        # What the last paste could not keep (images, colours) or converted (old fonts).
        self.paste_note = QLabel(self)
        self.paste_note.setObjectName("paste_note")
        self.paste_note.setWordWrap(True)
        set_tone(self.paste_note, "warning")
        self.paste_note.hide()
        # Why what the box holds is not saved: longer than the exchange format keeps.
        self.length_note = QLabel(self)
        self.length_note.setObjectName("length_note")
        self.length_note.setWordWrap(True)
        set_tone(self.length_note, "warning")
        self.length_note.hide()
        self.edit.pasted.connect(self._pasted)
        layout.addWidget(self.edit)
        layout.addWidget(self.paste_note)
        layout.addWidget(self.length_note)
        self.show_text()
        self.edit.textChanged.connect(self._typed)
        session.text_changed.connect(self._text_changed)
        self.set_read_only(session.locked)

    def _tool(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self.toolbar)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("."))
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        self._tools.addWidget(button)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # the text keeps the cursor
        return button

    def buttons(self) -> tuple[QToolButton, ...]:
        return (self.bold_button, self.italic_button, self.bullet_button, self.numbered_button,
                self.table_button, self.footnote_button, self.cite_button)

    # ------------------------------------------------------------------ model <-> widget
    def narrative(self) -> RichText:
        """What the box shows, as the structure that is saved."""
        return read(self.edit.document())

    def show_text(self) -> None:
        if self._pushing:
            return      # the change came from this box: it already shows it
        narrative = self.session.report.narrative(self.section.id)
        if narrative == self.narrative():
            return
        position = self.edit.textCursor().position()
        self.edit.blockSignals(True)
        fill(self.edit.document(), narrative)
        self.edit.blockSignals(False)
        self.length_note.hide()     # the box shows the report's text: a saved one fits
        cursor = self.edit.textCursor()
        cursor.setPosition(min(position, self.edit.document().characterCount() - 1))
        self.edit.setTextCursor(cursor)

    def _text_changed(self, section_id: str) -> None:
        if section_id == self.section.id:
            self.show_text()

    def _typed(self) -> None:
        narrative = self.narrative()
        # A text longer than the format keeps is not queued: storage would refuse it and hold
        # every later save back. The box keeps it and says why, until it is short enough.
        problem = length_problem("text", narrative.plain_text())
        self.length_note.setText(problem or "")
        self.length_note.setVisible(problem is not None)
        if problem is not None or narrative == self.session.report.narrative(self.section.id):
            return
        self._pushing = True
        try:
            push(self.session, SetNarrativeCommand(self.session, self.section.id, narrative))
        finally:
            self._pushing = False

    def _pasted(self, summary: str) -> None:
        self.paste_note.setText(summary)
        self.paste_note.setVisible(bool(summary))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        for button in self.buttons():
            button.setEnabled(not read_only)

    def context_menu(self) -> QMenu:
        """Right-click: the usual edit menu, the table's entries inside a table, the footnote's
        on a footnote, and "Lịch sử..." of this section's text."""
        menu = history_menu(self.edit, lambda: self.session.history_requested.emit(
            "text", self.section.id))
        if self.edit.isReadOnly():
            return menu
        added: list[QAction] = []
        if self.edit.footnote_at_cursor() is not None:
            action = QAction(_("Sửa chú thích..."), menu)
            action.setObjectName("edit_footnote")
            action.triggered.connect(self.ask_footnote)
            added.append(action)
        if self.edit.textCursor().currentTable() is not None:
            for name, label, table_action in TABLE_ACTIONS:
                action = QAction(_(label), menu)
                action.setObjectName(name)
                action.triggered.connect(lambda _checked=False, a=table_action:
                                         self.edit.table_action(a))
                added.append(action)
        if added:
            first = menu.actions()[0]
            menu.insertActions(first, added)
            menu.insertSeparator(first)
        return menu

    # ------------------------------------------------------------------ editing helpers
    def insert(self, text: str) -> None:
        """Insert at the cursor (the calculator's result, a citation)."""
        self.edit.insertPlainText(text)
        self.edit.setFocus()

    def ask_table(self) -> None:
        dialog = TableDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.edit.insert_new_table(dialog.ui.rows.value(), dialog.ui.columns.value(),
                                       1 if dialog.ui.headerRow.isChecked() else 0)
            self.edit.setFocus()

    def ask_footnote(self) -> None:
        current = self.edit.footnote_at_cursor() or ""
        text, ok = QInputDialog.getMultiLineText(
            self, _("Chú thích"), _("Nội dung chú thích (in ở cuối trang, đánh số liên tục):"),
            current)
        if ok and text.strip():
            self.edit.insert_footnote(" ".join(text.split()))
            self.edit.setFocus()

    def citation_choices(self) -> list[str]:
        return [citation(document) for document in self.session.report.documents]

    def ask_citation(self) -> None:
        text, ok = QInputDialog.getItem(
            self, _("Trích dẫn văn bản"),
            _("Chọn văn bản đã ban hành, hoặc gõ: loại văn bản, số, ngày\n(ví dụ: Kế hoạch số "
              "20/KH-UBND ngày 06/01/2026):"),
            self.citation_choices() or [""], 0, True)
        if ok and text.strip():
            self.insert(text.strip())
