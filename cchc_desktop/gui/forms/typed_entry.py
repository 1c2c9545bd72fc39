"""One entry of a typed figure, as both kinds of figure field keep it (forms/number_field.py
for an indicator, forms/extra_figures.py for a unit's own figure).

An entry starts at the first keystroke and ends with Enter or leaving the field: it remembers
the value the field held when it began (a refused text brings the figure back to it), Esc gives
the entry up and shows the saved value again, and its end seals the undo step so that the next
entry is a step of its own.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from cchc_desktop.gui.session import ReportSession


class TypedEntry(QWidget):
    """A field's entry: subclasses give the saved value, how it is shown, and how a value is
    committed; they set `session`, `edit` and `_entry = None` and install the event filter."""

    session: ReportSession
    edit: QLineEdit
    _entry: tuple[int, Decimal | None] | None

    def _add_edit(self, label: str) -> QVBoxLayout:
        """The field's box: a right-aligned figure entry of one width for every figure field,
        named `label` for screen readers; returns the layout the reason line goes under."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.edit = QLineEdit(self)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setMinimumWidth(96)
        self.edit.setMaximumWidth(150)
        self.edit.setAccessibleName(label)
        return layout

    def saved_value(self) -> Decimal | None:
        raise NotImplementedError

    def shown(self, value: Decimal | None) -> str:
        """The value as the field shows it once the entry ends."""
        raise NotImplementedError

    def is_refused(self) -> bool:
        raise NotImplementedError

    def show_value(self) -> None:
        raise NotImplementedError

    def _commit(self, value: Decimal | None) -> None:
        raise NotImplementedError

    def entry_value(self) -> Decimal | None:
        """The value as it was when the clerk began typing this entry (the saved value)."""
        generation = self.session.edit_generation
        if self._entry is None or self._entry[0] != generation:
            self._entry = (generation, self.saved_value())
        return self._entry[1]

    def restore(self) -> None:
        """Esc: give up what was typed in this entry and show the saved value again."""
        if self._entry is not None and self._entry[0] == self.session.edit_generation:
            self._commit(self._entry[1])
        self.show_value()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape and not self.edit.isReadOnly() \
                and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and self._restorable():
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()   # the field takes Esc before any window shortcut
                return False
            self.restore()
            return True
        return super().eventFilter(watched, event)

    def _restorable(self) -> bool:
        """Something to give up: a refused text, a text not yet the saved figure's, or an entry
        that changed the figure ("1.234" typed reads as the saved 1.234 yet is this entry's)."""
        changed = (self._entry is not None and self._entry[0] == self.session.edit_generation
                   and self._entry[1] != self.saved_value())
        return changed or self.is_refused() or self.edit.text() != self.shown(self.saved_value())

    def _tidy(self) -> None:
        """Enter or leaving the field ends the entry: show the value in the user's format.

        A refused text stays, so the clerk sees what was typed and why it is not saved.
        """
        if self.is_refused():
            return
        text = self.shown(self.saved_value())
        if text != self.edit.text():
            self.edit.setText(text)
        if self._entry is not None and self._entry[0] == self.session.edit_generation:
            # Enter: what follows is a new entry (and a new undo step).
            self.session.seal_edits()
        self._entry = None
