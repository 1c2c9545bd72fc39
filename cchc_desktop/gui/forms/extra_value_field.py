"""The value field of one Số liệu bổ sung row (gui/forms/extra_figures.py lays the rows out).

Typed as the indicators' are ("1.234,5", checked at every keystroke): a valid text is the value
at once, through the session as an undoable command; a refused text is kept in the field with
the reason under it, nothing saved, and listed as being corrected until corrected or given up.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QWidget

from cchc_desktop.domain.extra_figure_rows import ENTERED_DECIMALS
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.formatting import NumberParseError, format_number, parse_number
from cchc_desktop.domain.number_domain import number_problem
from cchc_desktop.gui.commands import SetExtraFiguresCommand, push
from cchc_desktop.gui.forms.keys import defer_undo_keys
from cchc_desktop.gui.forms.typed_entry import TypedEntry
from cchc_desktop.gui.history_menu import add_history_menu, history_menu
from cchc_desktop.gui.session import Correction, ReportSession
from cchc_desktop.gui.style import set_flag, set_tone
from cchc_desktop.i18n import _

CORRECTION_PREFIX = "extra/"   # a correction's key: "extra/<figure key>"


def parse_extra(text: str) -> tuple[Decimal | None, str | None]:
    """The value typed for an extra figure, or why it cannot be stored: the indicators'
    Vietnamese format and checks, up to the places the documents print (ENTERED_DECIMALS)."""
    try:
        value = parse_number(text, max_decimals=ENTERED_DECIMALS)
    except NumberParseError as exc:
        return None, str(exc)
    if value is not None and (problem := number_problem(value)):
        return None, _("Giá trị {problem}.").format(problem=problem)
    return value, None


class ExtraValueField(TypedEntry):
    """The line edit of one extra figure's value, with the message line under it.

    As NumberField: a valid text is the value at once; a refused one brings the value back
    to where the entry began, stays shown with the reason and is listed as being corrected."""

    def __init__(self, session: ReportSession, figure: ExtraFigure,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.section_id = figure.section_id
        self.key = figure.key
        self.label = figure.label
        self.setObjectName(f"extra:{figure.key}")
        layout = self._add_edit(figure.label)
        self.edit.setToolTip(figure.label)
        defer_undo_keys(self.edit)
        add_history_menu(self.edit, self.context_menu)
        layout.addWidget(self.edit)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        set_tone(self.message, "error")
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message.hide()
        layout.addWidget(self.message)
        self._entry: tuple[int, Decimal | None] | None = None
        self.committing = False
        self.edit.installEventFilter(self)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        pending = session.correction(self.correction_key)
        if pending is not None and parse_extra(pending.text)[1] is not None:
            # The section's rows were built again (undo, language) while this was corrected.
            self.edit.setText(pending.text)
            self._refused(pending.text, parse_extra(pending.text)[1] or "")
        else:
            self.show_value()
        self.set_read_only(session.locked)

    @property
    def correction_key(self) -> str:
        return CORRECTION_PREFIX + self.key

    def value(self) -> Decimal | None:
        figure = next((f for f in self.session.extra_figures(self.section_id) if f.key == self.key),
                      None)
        return figure.value if figure is not None else None

    def show_value(self) -> None:
        """The saved value; a refused text shown until now is given up."""
        value = self.value()
        if self.is_refused() or parse_extra(self.edit.text())[0] != value \
                or not self.edit.text().strip():
            self.edit.setText(format_number(value, ENTERED_DECIMALS))
        self._entry = None
        self._show_problem(None)
        self.session.clear_correction(self.correction_key)

    def is_refused(self) -> bool:
        return self.session.correction(self.correction_key) is not None

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def saved_value(self) -> Decimal | None:
        return self.value()

    def shown(self, value: Decimal | None) -> str:
        return format_number(value, ENTERED_DECIMALS)

    def _typed(self, text: str) -> None:
        start = self.entry_value()
        value, problem = parse_extra(text)
        if problem is None:
            self._commit(value)
            self._show_problem(None)
            self.session.clear_correction(self.correction_key)
        else:
            self._commit(start)
            self._refused(text, problem)

    def _commit(self, value: Decimal | None) -> None:
        figures = self.session.extra_figures(self.section_id)
        if value == self.value():
            return
        changed = [replace(f, value=value) if f.key == self.key else f for f in figures]
        self.committing = True
        try:
            push(self.session, SetExtraFiguresCommand(self.session, self.section_id, changed))
        finally:
            self.committing = False

    def _refused(self, text: str, problem: str) -> None:
        self._show_problem(problem)
        self.session.set_correction(Correction(self.correction_key, self.label, text.strip(),
                                               problem, self.section_id))

    def _show_problem(self, problem: str | None) -> None:
        self.message.setText(problem or "")
        self.message.setVisible(problem is not None)
        if (self.edit.property("invalid") == "true") != (problem is not None):
            set_flag(self.edit, "invalid", problem is not None)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()

    def context_menu(self) -> QMenu:
        """Right-click: the usual edit menu and "Lịch sử..." of this figure."""
        return history_menu(self.edit, lambda: self.session.history_requested.emit(
            "extra", self.key))
