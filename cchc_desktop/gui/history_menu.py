"""A field's right-click menu with "Lịch sử..." at the end: what every figure and text field
adds, apart from the history dialog itself (gui/history_dialog.py), which is built only when
asked for, so that the forms do not load it, its form and its chart at start-up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu, QWidget

from cchc_desktop.i18n import _


def history_menu(edit: QWidget, show_history: Callable[[], None]) -> QMenu:
    """The edit's own context menu (cut, copy, paste...) with "Lịch sử..." at the end."""
    menu: QMenu = edit.createStandardContextMenu()  # type: ignore[attr-defined]
    menu.addSeparator()
    action = menu.addAction(_("Lịch sử..."))
    action.setObjectName("history")
    action.triggered.connect(lambda _checked=False: show_history())
    return menu


def add_history_menu(edit: QWidget, make_menu: Callable[[], QMenu]) -> None:
    """Show `make_menu()` on right-click instead of the edit's standard menu."""
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(position: QPoint) -> None:
        menu = make_menu()
        menu.exec(edit.mapToGlobal(position))
        menu.deleteLater()

    edit.customContextMenuRequested.connect(show)
