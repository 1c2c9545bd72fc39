"""A figure typed in the user's number format, checked as it is typed.

The field holds what it shows. The text is parsed with the Vietnamese conventions
("1.234,5") at every keystroke:

* a valid text is the figure: the report takes it at once, so totals, rates and
  findings follow the typing, and it reaches the data file like every edit (autosave);
* a refused text (letters, a negative number, a decimal in a whole-number field, too
  many decimals, a percentage above 100) holds nothing new: the figure goes back to the
  value it had when the clerk began this entry (entered the field), in the report and in
  the data file, so "1.234,5" typed key by key never leaves 1.234 behind. The field keeps
  the refused text, marked, with the reason under it, also after the focus moves on; the
  session lists it as being corrected (the findings panel shows it) until the text is
  valid again or Esc brings back the saved value.

A figure named by an error finding (received < resolved) has the same marked look, with
the finding's sentence in its tooltip, until the finding goes away.

The keystrokes of one entry merge into one undo step; an entry that ends refused leaves
no step at all (its step is made obsolete when the figure goes back).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QWidget

from cchc_desktop.domain.evidence import TargetKind
from cchc_desktop.domain.findings import Finding
from cchc_desktop.domain.formatting import NumberParseError
from cchc_desktop.domain.template import Indicator
from cchc_desktop.gui.commands import SetValueCommand, push
from cchc_desktop.gui.forms.evidence_button import EvidenceButton
from cchc_desktop.gui.forms.field_findings import errors_naming, errors_tooltip
from cchc_desktop.gui.forms.keys import defer_undo_keys
from cchc_desktop.gui.forms.typed_entry import TypedEntry
from cchc_desktop.gui.history_menu import add_history_menu, history_menu
from cchc_desktop.gui.session import Correction, ReportSession
from cchc_desktop.gui.style import set_flag, set_tone
from cchc_desktop.i18n import _

EVIDENCE_SPACING = 2   # px between the line edit and its evidence button


class NumberField(TypedEntry):
    """The line edit of one entered indicator, with the message line under it."""

    def __init__(self, indicator: Indicator, session: ReportSession, parent: QWidget | None = None,
                 *, hint: str = "") -> None:
        super().__init__(parent)
        self.indicator = indicator
        self.session = session
        self.setObjectName(f"field:{indicator.code}")
        layout = self._add_edit(indicator.full_label)
        self.usual_tooltip = str(indicator.help) or indicator.full_label
        self.edit.setToolTip(self.usual_tooltip)
        self.edit.setPlaceholderText("")
        defer_undo_keys(self.edit)
        add_history_menu(self.edit, self.context_menu)
        row = QHBoxLayout()
        row.setSpacing(EVIDENCE_SPACING)
        row.addWidget(self.edit)
        # The documents proving the figure, beside it (gui/forms/evidence_button.py): an icon
        # and the count, so the page still fits a laptop at 125% between the docks.
        self.evidence = EvidenceButton(session, TargetKind.INDICATOR, indicator.code,
                                       lambda: indicator.full_label, self)
        row.addWidget(self.evidence)
        layout.addLayout(row)
        self.hint = QLabel(hint, self)
        self.hint.setObjectName("comparison")
        set_tone(self.hint, "hint")
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        set_tone(self.message, "error")
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message.hide()
        layout.addWidget(self.message)
        # The figure when the clerk began the current entry: (edit generation, value).
        self._entry: tuple[int, Decimal | None] | None = None
        self._committing = False   # our own edit is going to the report: keep the text shown
        self._problem: str | None = None       # why the text shown is refused
        self.errors: tuple[Finding, ...] = ()  # the error findings naming this figure
        self.edit.installEventFilter(self)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        session.value_changed.connect(self._value_changed)
        session.context_changed.connect(self._show_errors)
        pending = session.correction(indicator.code)
        problem = self.parse(pending.text)[1] if pending is not None else None
        if pending is not None and problem is not None:
            # The form was rebuilt (language changed) while this field was being corrected.
            self.edit.setText(pending.text)
            self._refused(pending.text, problem)
        else:
            self.show_value()
        self.set_read_only(session.locked)
        self._show_errors()

    # ------------------------------------------------------------------ model -> widget
    def show_value(self) -> None:
        """Show the report's figure; a refused text shown until now is given up."""
        value = self.session.value(self.indicator.code)
        if self.is_refused() or self._current() != value or not self.edit.text().strip():
            self.edit.setText(self._format(value))
        self._entry = None
        self._set_problem(None)
        self.session.clear_correction(self.indicator.code)

    def _value_changed(self, code: str) -> None:
        # Undo, redo, an import or the carry-over changed the figure: show it. Our own
        # edits while typing leave the text as typed.
        if code == self.indicator.code and not self._committing:
            self.show_value()

    def is_refused(self) -> bool:
        """True while the field shows a text that is not saved (the message says why)."""
        return self.session.correction(self.indicator.code) is not None

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    # ------------------------------------------------------------------ widget -> model
    def _format(self, value: Decimal | None) -> str:
        return self.indicator.field_kind.edit_text(self.indicator, value)

    def _current(self) -> Decimal | None:
        try:
            return self.indicator.field_kind.parse(self.indicator, self.edit.text())
        except NumberParseError:
            return None

    def saved_value(self) -> Decimal | None:
        return self.session.value(self.indicator.code)

    def shown(self, value: Decimal | None) -> str:
        return self._format(value)

    def parse(self, text: str) -> tuple[Decimal | None, str | None]:
        """The value typed, or the sentence saying why it cannot be stored."""
        kind = self.indicator.field_kind
        try:
            value = kind.parse(self.indicator, text)
        except NumberParseError as exc:
            return None, str(exc)
        if value is not None and (problem := kind.problem(self.indicator, value)):
            return None, _("Giá trị {problem}.").format(problem=problem)
        return value, None

    def _typed(self, text: str) -> None:
        start = self.entry_value()
        value, problem = self.parse(text)
        if problem is None:
            self._commit(value)
            self._set_problem(None)
            self.session.clear_correction(self.indicator.code)
        else:
            # A refused text holds nothing: the figure goes back to where this entry began.
            self._commit(start)
            self._refused(text, problem)

    def _commit(self, value: Decimal | None) -> None:
        if value == self.session.value(self.indicator.code):
            return
        self._committing = True
        try:
            push(self.session, SetValueCommand(self.session, self.indicator.code, value))
        finally:
            self._committing = False

    def _refused(self, text: str, problem: str) -> None:
        self._set_problem(problem)
        self.session.set_correction(Correction(
            self.indicator.code, self.indicator.full_label, text.strip(), problem,
            self.indicator.section_id))

    def _set_problem(self, problem: str | None) -> None:
        if problem == self._problem:
            return
        self._problem = problem
        self.message.setText(problem or "")
        self.message.setVisible(problem is not None)
        self._mark()

    def _show_errors(self) -> None:
        # Called for every field after each recomputation: a lookup, and work only when
        # this figure's errors changed.
        errors = errors_naming(self.session, self.indicator.code)
        if errors == self.errors:
            return
        self.errors = errors
        self.edit.setToolTip(errors_tooltip(errors, self.usual_tooltip))
        self._mark()

    def _mark(self) -> None:
        invalid = self._problem is not None or bool(self.errors)
        if (self.edit.property("invalid") == "true") != invalid:   # restyling costs a polish
            set_flag(self.edit, "invalid", invalid)

    def evidence_room(self) -> int:
        """The width the evidence button takes beside the line edit."""
        return self.evidence.sizeHint().width() + EVIDENCE_SPACING

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()

    def context_menu(self) -> QMenu:
        """Right-click: the usual edit menu, "Lịch sử..." of this figure and its evidence (the
        keyboard's way to the evidence button, which takes no Tab stop)."""
        menu = history_menu(self.edit, lambda: self.session.history_requested.emit(
            "value", self.indicator.code))
        action = menu.addAction(_("Tài liệu kiểm chứng..."))
        action.setObjectName("evidence")
        action.triggered.connect(lambda _checked=False: self.evidence.open_dialog())
        return menu
