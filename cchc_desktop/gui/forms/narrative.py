"""The narrative text of a section: paragraphs, bullet lists and cited documents.

The text is stored as plain text: paragraphs separated by blank lines, bullet lines
starting with "- ", and citations written ^[Kế hoạch số 20/KH-UBND ngày 06/02/2023],
which the printed report turns into footnotes. Each keystroke is an undoable edit of
the section's text, merged until the focus moves.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.template import Section
from cchc_desktop.gui.commands import SetTextCommand, push
from cchc_desktop.gui.forms.keys import defer_undo_keys
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _

CITATION = re.compile(r"\^\[[^\]\n]*\]")
BULLET = "- "


def citation(text: str) -> str:
    return f"^[{text.strip()}]"


class _Highlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.cited = QTextCharFormat()
        self.cited.setForeground(QColor("#0b5394"))
        self.cited.setFontItalic(True)
        self.bullet = QTextCharFormat()
        self.bullet.setFontWeight(QFont.Weight.Bold)

    def highlightBlock(self, text: str) -> None:
        if text.startswith(BULLET):
            self.setFormat(0, 1, self.bullet)
        for match in CITATION.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.cited)


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
        caption.setStyleSheet("font-weight: bold;")
        tools.addWidget(caption)
        tools.addStretch(1)
        self.bullet_button = QPushButton(_("Gạch đầu dòng"), self)
        self.bullet_button.setToolTip(_("Thêm hoặc bỏ dấu gạch đầu dòng ở các dòng đang chọn"))
        self.bullet_button.clicked.connect(self.toggle_bullets)
        self.cite_button = QPushButton(_("Trích dẫn văn bản..."), self)
        self.cite_button.setToolTip(_("Chèn trích dẫn văn bản; khi in sẽ thành chú thích cuối trang"))
        self.cite_button.clicked.connect(self.ask_citation)
        for button in (self.bullet_button, self.cite_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tools.addWidget(button)
        layout.addLayout(tools)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("narrative")
        self.edit.setUndoRedoEnabled(False)  # the window's undo stack handles it
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(150)
        self.edit.setPlaceholderText(_("Viết nội dung mục này. Dòng bắt đầu bằng \"- \" là gạch đầu "
                                       "dòng; ^[Kế hoạch số 20/KH-UBND ngày 06/02/2023] là trích "
                                       "dẫn văn bản, in thành chú thích."))
        self.edit.setAccessibleName(str(section.title))
        defer_undo_keys(self.edit)
        self._highlighter = _Highlighter(self.edit.document())
        layout.addWidget(self.edit)
        self.show_text()
        self.edit.textChanged.connect(self._typed)
        session.text_changed.connect(self._text_changed)
        self.set_read_only(session.locked)

    # ------------------------------------------------------------------ model <-> widget
    def show_text(self) -> None:
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
        choices = []
        for document in self.session.report.documents:
            when = _(" ngày {date}").format(date=short_date(document.date)) if document.date else ""
            choices.append(_("Văn bản số {number}{when} về {subject}").format(
                number=document.number, when=when, subject=document.subject[:1].lower()
                + document.subject[1:]))
        return choices

    def ask_citation(self) -> None:
        text, ok = QInputDialog.getItem(
            self, _("Trích dẫn văn bản"),
            _("Chọn văn bản đã ban hành, hoặc gõ trích dẫn (số, ký hiệu, ngày):"),
            self.citation_choices() or [""], 0, True)
        if ok and text.strip():
            self.insert(citation(text))
