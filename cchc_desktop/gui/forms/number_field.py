"""A figure typed in the user's number format, checked as it is typed.

The text is parsed with the Vietnamese conventions ("1.234,5"); letters, negative
numbers, too many decimals or a value the indicator cannot take get a message under
the field and are not stored. A valid value goes to the report as one undoable edit.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QSizePolicy, QVBoxLayout, QWidget

from cchc_desktop.domain.formatting import NumberParseError, format_number, parse_number
from cchc_desktop.domain.template import Indicator
from cchc_desktop.domain.values import value_problem
from cchc_desktop.gui.commands import SetValueCommand, push
from cchc_desktop.gui.forms.keys import defer_undo_keys
from cchc_desktop.gui.history_dialog import add_history_menu, history_menu
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _

ERROR_STYLE = "color: #b00020;"
INVALID_EDIT = "QLineEdit { border: 1px solid #b00020; background: #fff4f4; }"


class NumberField(QWidget):
    """The line edit of one entered indicator, with the message line under it."""

    def __init__(self, indicator: Indicator, session: ReportSession, parent: QWidget | None = None,
                 *, hint: str = "") -> None:
        super().__init__(parent)
        self.indicator = indicator
        self.session = session
        self.setObjectName(f"field:{indicator.code}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.edit = QLineEdit(self)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setMinimumWidth(96)
        self.edit.setMaximumWidth(150)
        self.edit.setAccessibleName(indicator.full_label)
        self.edit.setToolTip(str(indicator.help) or indicator.full_label)
        self.edit.setPlaceholderText("")
        defer_undo_keys(self.edit)
        add_history_menu(self.edit, self.context_menu)
        layout.addWidget(self.edit)
        self.hint = QLabel(hint, self)
        self.hint.setObjectName("comparison")
        self.hint.setStyleSheet("color: #5f6368; font-size: 8pt;")
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message.hide()
        layout.addWidget(self.message)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        session.value_changed.connect(self._value_changed)
        self.show_value()
        self.set_read_only(session.locked)

    # ------------------------------------------------------------------ model -> widget
    def show_value(self) -> None:
        value = self.session.value(self.indicator.code)
        if self._current() != value or not self.edit.text().strip():
            self.edit.setText(self._format(value))
        self._set_problem(None)

    def _value_changed(self, code: str) -> None:
        if code == self.indicator.code:
            self.show_value()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    # ------------------------------------------------------------------ widget -> model
    def _format(self, value: Decimal | None) -> str:
        return format_number(value, self.indicator.decimals)

    def _current(self) -> Decimal | None:
        try:
            return parse_number(self.edit.text(), max_decimals=self.indicator.decimals)
        except NumberParseError:
            return None

    def parse(self, text: str) -> tuple[Decimal | None, str | None]:
        """The value typed, or the sentence saying why it cannot be stored."""
        try:
            value = parse_number(text, max_decimals=self.indicator.decimals)
        except NumberParseError as exc:
            return None, str(exc)
        if value is not None and (problem := value_problem(self.indicator, value)):
            return None, _("Giá trị {problem}.").format(problem=problem)
        return value, None

    def _typed(self, text: str) -> None:
        value, problem = self.parse(text)
        self._set_problem(problem)
        if problem is None and value != self.session.value(self.indicator.code):
            push(self.session, SetValueCommand(self.session, self.indicator.code, value))

    def _tidy(self) -> None:
        """Show the stored value in the user's format once the clerk leaves the field."""
        if self.message.isHidden():
            text = self._format(self.session.value(self.indicator.code))
            if text != self.edit.text():
                self.edit.setText(text)

    def _set_problem(self, problem: str | None) -> None:
        self.message.setText(problem or "")
        self.message.setVisible(problem is not None)
        self.edit.setStyleSheet(INVALID_EDIT if problem else "")

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()

    def context_menu(self) -> QMenu:
        """Right-click: the usual edit menu and "Lịch sử..." of this figure."""
        return history_menu(self.edit, lambda: self.session.history_requested.emit(
            "value", self.indicator.code))
