"""A scrollable page of the form: a section's figures, lists and narrative."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from cchc_desktop.gui.forms.number_field import NumberField
from cchc_desktop.gui.style import set_tone

if TYPE_CHECKING:   # the page holds them; the builder (gui/forms/builder.py) makes them, after start-up
    from cchc_desktop.gui.forms.extra_figures import ExtraFiguresGroup
    from cchc_desktop.gui.forms.list_tables import ListTable
    from cchc_desktop.gui.forms.narrative import NarrativeEditor


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
        # The page's blocks of figures by group id, and their fields' codes in the order shown.
        self.groups: dict[str, QWidget] = {}
        self.group_codes: dict[str, list[str]] = {}
        self.narratives: list[NarrativeEditor] = []
        self.lists: list[ListTable] = []
        self.extras: list[ExtraFiguresGroup] = []   # the section's Số liệu bổ sung

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
        for group in self.extras:
            group.set_read_only(read_only)

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

    def enter(self, group: str = "") -> bool:
        """The cursor where the clerk starts typing: the first field left empty of the page (or of
        `group`, scrolled to the top), else its first field, else its first text or input.

        What choosing a page or a group in the tree does: the clerk types at once, no Tab through
        the figures already there (carried over, or typed last time).
        """
        box = self.groups.get(group)
        if box is not None:
            self.verticalScrollBar().setValue(max(0, box.mapTo(self.body, QPoint(0, 0)).y() - 8))
            codes = self.group_codes[group]
        else:
            codes = list(self.fields)
        editable = [code for code in codes if isinstance(self.fields[code], NumberField)
                    and not self.fields[code].edit.isReadOnly()]   # type: ignore[attr-defined]
        empty = [code for code in editable if not self.fields[code].edit.text().strip()]  # type: ignore[attr-defined]
        if editable:
            return self.focus_code((empty or editable)[0])
        if box is None and self.focus_narrative():
            return True
        return self._focus_first_input(box or self.body)

    def _focus_first_input(self, inside: QWidget) -> bool:
        widget = inside.nextInFocusChain()
        while widget is not None and widget is not inside:
            if inside.isAncestorOf(widget) and widget.isVisibleTo(inside) and widget.isEnabled() \
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                self.ensureWidgetVisible(widget, 40, 80)
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            widget = widget.nextInFocusChain()
        return False

    def focus_field(self, key: str) -> bool:
        """The cursor to a field being corrected: an indicator's field or a cell of a list."""
        if self.focus_code(key):
            return True
        for table in self.lists:
            if table.focus_cell(key):
                self.ensureWidgetVisible(table, 40, 80)
                return True
        for group in self.extras:
            if group.focus_field(key):
                self.ensureWidgetVisible(group, 40, 80)
                return True
        return False

    def focus_narrative(self) -> bool:
        if not self.narratives:
            return False
        self.ensureWidgetVisible(self.narratives[0])
        self.narratives[0].edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
