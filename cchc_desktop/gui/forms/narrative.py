"""The narrative text of a section: paragraphs, bullet lists and cited documents.

The text is stored as plain text, as the printed report reads it: paragraphs separated
by blank lines, bullet lines starting with "- ", and documents cited by type, number and
date ("Kế hoạch số 20/KH-UBND ngày 06/01/2026"), which the PDF turns into footnotes.
Citations are highlighted as the clerk types, so a miswritten one stands out. Each
keystroke is an undoable edit of the section's text, merged until the focus moves.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.legacy_text import LegacyEncoding, convert_pasted
from cchc_desktop.domain.report import IssuedDocument
from cchc_desktop.domain.template import Section
from cchc_desktop.gui.commands import SetTextCommand, push
from cchc_desktop.gui.forms.keys import defer_undo_keys
from cchc_desktop.gui.history_dialog import add_history_menu, history_menu
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


_ENCODING_NAMES = {LegacyEncoding.TCVN3: "TCVN3 (ABC)", LegacyEncoding.VNI: "VNI",
                   LegacyEncoding.DECOMPOSED: N_("Unicode tổ hợp")}


class PastingEdit(QPlainTextEdit):
    """A text box whose paste turns text of the old Vietnamese encodings (TCVN3, VNI) and
    decomposed Unicode into Unicode NFC, and says so: texts copied from old documents made
    with .VnTime or VNI fonts would otherwise arrive as "C¸c c¬ quan"."""

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not source.hasText():
            super().insertFromMimeData(source)
            return
        text, encoding = convert_pasted(source.text())
        self.insertPlainText(text)
        if encoding is not None:
            self.last_conversion = encoding
            QToolTip.showText(self.mapToGlobal(self.cursorRect().bottomLeft()),
                              _("Đã chuyển chữ dán vào từ mã {encoding} sang Unicode.").format(
                                  encoding=_(_ENCODING_NAMES[encoding])), self)

    last_conversion: LegacyEncoding | None = None


class NarrativeEditor(QWidget):
    def __init__(self, section: Section, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.session = session
        self.setObjectName(f"narrative:{section.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        caption = QLabel(_("Nội dung báo cáo"), self)
        set_tone(caption, "caption")
        caption.setWordWrap(True)   # beside the buttons on a narrow page (a laptop at 125%)
        tools.addWidget(caption, 1)
        self.bullet_button = QPushButton(_("Gạch đầu dòng"), self)
        self.bullet_button.setToolTip(_("Thêm hoặc bỏ dấu gạch đầu dòng ở các dòng đang chọn"))
        self.bullet_button.clicked.connect(self.toggle_bullets)
        self.cite_button = QPushButton(_("Trích dẫn văn bản..."), self)
        self.cite_button.setToolTip(_("Chèn tên văn bản đã ban hành; khi in thành chú thích cuối trang"))
        self.cite_button.clicked.connect(self.ask_citation)
        for button in (self.bullet_button, self.cite_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tools.addWidget(button)
        layout.addLayout(tools)
        self.edit = PastingEdit(self)
        self.edit.setObjectName("narrative")
        self.edit.setUndoRedoEnabled(False)  # the window's undo stack handles it
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(150)
        self.edit.setPlaceholderText(_("Viết nội dung mục này. Dòng bắt đầu bằng \"- \" là gạch đầu "
                                       "dòng; văn bản trích dẫn (\u201cKế hoạch số 20/KH-UBND ngày "
                                       "06/01/2026\u201d) được in thành chú thích cuối trang."))
        self.edit.setAccessibleName(str(section.title))
        defer_undo_keys(self.edit)
        add_history_menu(self.edit, self.context_menu)
        self._highlighter = _Highlighter(self.edit.document())
        # Shown while the section holds a formatted narrative (from a file or a Word report):
        # this box shows its plain text, and a change here makes the section plain text.
        self.formatted_note = QLabel(_("Mục này có định dạng (chữ đậm, nghiêng, bảng hoặc chú "
                                       "thích) được in trong báo cáo; ô dưới đây chỉ hiện chữ. "
                                       "Sửa ở đây thì mục trở thành chữ thường, bỏ định dạng."), self)
        self.formatted_note.setObjectName("formatted_note")
        self.formatted_note.setWordWrap(True)
        set_tone(self.formatted_note, "warning")
        layout.addWidget(self.formatted_note)
        layout.addWidget(self.edit)
        self.show_text()
        self.edit.textChanged.connect(self._typed)
        session.text_changed.connect(self._text_changed)
        self.set_read_only(session.locked)

    # ------------------------------------------------------------------ model <-> widget
    def show_text(self) -> None:
        self.formatted_note.setVisible(self.section.id in self.session.report.rich)
        text = self.session.report.texts.get(self.section.id, "")
        if text == self.edit.toPlainText():
            return
        position = self.edit.textCursor().position()
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)
        cursor = self.edit.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.edit.setTextCursor(cursor)

    def _text_changed(self, section_id: str) -> None:
        if section_id == self.section.id:
            self.show_text()

    def _typed(self) -> None:
        text = self.edit.toPlainText()
        if text != self.session.report.texts.get(self.section.id, ""):
            push(self.session, SetTextCommand(self.session, self.section.id, text))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.bullet_button.setEnabled(not read_only)
        self.cite_button.setEnabled(not read_only)

    def context_menu(self) -> QMenu:
        """Right-click: the usual edit menu and "Lịch sử..." of this section's text."""
        return history_menu(self.edit, lambda: self.session.history_requested.emit(
            "text", self.section.id))

    # ------------------------------------------------------------------ editing helpers
    def insert(self, text: str) -> None:
        """Insert at the cursor (the calculator's result, a citation)."""
        self.edit.insertPlainText(text)
        self.edit.setFocus()

    def toggle_bullets(self) -> None:
        cursor = self.edit.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        document = self.edit.document()
        first, last = document.findBlock(start), document.findBlock(end)
        blocks = [first]
        while blocks[-1] != last and blocks[-1].next().isValid():
            blocks.append(blocks[-1].next())
        remove = all(block.text().startswith(BULLET) for block in blocks)
        edit = QTextCursor(document)
        edit.beginEditBlock()
        for block in blocks:
            edit.setPosition(block.position())
            if remove:
                edit.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor,
                                  len(BULLET))
                edit.removeSelectedText()
            elif block.text().strip():
                edit.insertText(BULLET)
        edit.endEditBlock()

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
