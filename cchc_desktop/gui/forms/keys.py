"""Keyboard plumbing shared by the form widgets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class _DeferUndoKeys(QObject):
    """Let Ctrl+Z / Ctrl+Y reach the window's undo stack instead of the widget's own.

    Text widgets keep a private undo history that knows nothing of other fields or of
    the data file; the window's stack undoes across fields and saves the result.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and isinstance(event, QKeyEvent) \
                and any(event.matches(key) for key in _UNDO_KEYS):
            # Not accepting the override lets the window's shortcut fire.
            event.ignore()
            return event.type() == QEvent.Type.ShortcutOverride
        return False


_filter: _DeferUndoKeys | None = None


def defer_undo_keys(widget: QWidget) -> None:
    global _filter
    if _filter is None:
        _filter = _DeferUndoKeys()
    widget.installEventFilter(_filter)
