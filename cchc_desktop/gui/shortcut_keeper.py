"""The window's shortcuts reach the window even from a figure's field.

On X11 a line edit claims Ctrl+E (and other Emacs-style keys) for itself through Qt's
platform key bindings ("end of line"), so Ctrl+E in a figure did not export: the clerk
pressed it for nothing and went by the menu. The window's own commands come first: a
shortcut override for one of them, from a line edit, is refused before the edit sees it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit


class ShortcutKeeper(QObject):
    def __init__(self, actions: Iterable[QAction], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keys = {shortcut.toString() for action in actions for shortcut in action.shortcuts()
                     if not shortcut.isEmpty()}

    def claims(self, watched: QObject, event: QEvent) -> bool:
        """True for a line edit's override of one of the window's shortcuts."""
        if event.type() is not QEvent.Type.ShortcutOverride or not isinstance(watched, QLineEdit):
            return False
        assert isinstance(event, QKeyEvent)
        pressed = QKeySequence(event.keyCombination()).toString()
        return pressed in self.keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.claims(watched, event):
            event.ignore()      # the line edit does not take it: the shortcut fires
            return True
        return False
