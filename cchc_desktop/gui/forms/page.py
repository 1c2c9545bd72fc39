"""A scrollable page of the form: a section's figures, lists and narrative."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from cchc_desktop.gui.forms.list_tables import ListTable
from cchc_desktop.gui.forms.narrative import NarrativeEditor
from cchc_desktop.gui.forms.number_field import NumberField
from cchc_desktop.gui.style import set_tone


class SectionPage(QScrollArea):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"page:{key}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget(self)
        self.body.setObjectName("pageBody")
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(18, 14, 18, 18)
        self.layout_.setSpacing(12)
        self.setWidget(self.body)
        self.fields: dict[str, QWidget] = {}
        self.narratives: list[NarrativeEditor] = []
        self.lists: list[ListTable] = []

    def add(self, widget: QWidget) -> None:
        self.layout_.addWidget(widget)

    def add_heading(self, text: str, level: int = 0) -> QLabel:
        label = QLabel(text, self.body)
        label.setWordWrap(True)
        set_tone(label, "page-title" if level == 0 else "section-title")
        self.add(label)
        return label

    def add_help(self, text: str) -> None:
        if text:
            label = QLabel(text, self.body)
            label.setWordWrap(True)
            set_tone(label, "muted")
            self.add(label)

    def finish(self) -> None:
        self.layout_.addStretch(1)

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.fields.values():
            if isinstance(widget, NumberField):
                widget.set_read_only(read_only)
        for editor in self.narratives:
            editor.set_read_only(read_only)
        for table in self.lists:
            table.set_read_only(read_only)

    def focus_code(self, code: str) -> bool:
        """Put the cursor in the field of `code` (scrolling to it); False if not on this page."""
        widget = self.fields.get(code)
        if widget is None:
            return False
        self.ensureWidgetVisible(widget, 40, 80)
        if isinstance(widget, NumberField):
            widget.focus()
        else:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def focus_field(self, key: str) -> bool:
        """The cursor to a field being corrected: an indicator's field or a cell of a list."""
        if self.focus_code(key):
            return True
        for table in self.lists:
            if table.focus_cell(key):
                self.ensureWidgetVisible(table, 40, 80)
                return True
        return False

    def focus_narrative(self) -> bool:
        if not self.narratives:
            return False
        self.ensureWidgetVisible(self.narratives[0])
        self.narratives[0].edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
