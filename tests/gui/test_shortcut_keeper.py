"""Ctrl+E exports even from a figure: on X11 a line edit claims it as "end of line" (the
platform's key bindings, absent from the offscreen platform), so the window refuses a line
edit's override of its export shortcuts — and only of those."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit

from cchc_desktop.gui.shortcut_keeper import ShortcutKeeper


def override(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)


def test_a_line_edit_may_not_claim_the_export_shortcuts_but_keeps_its_own(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit, label = QLineEdit(), QLabel()
    qtbot.addWidget(edit)
    qtbot.addWidget(label)
    pdf, xlsx = QAction("pdf"), QAction("xlsx")
    pdf.setShortcut(QKeySequence("Ctrl+E"))
    xlsx.setShortcut(QKeySequence("Ctrl+Shift+E"))
    keeper = ShortcutKeeper((pdf, xlsx))
    ctrl = Qt.KeyboardModifier.ControlModifier
    assert keeper.claims(edit, override(Qt.Key.Key_E, ctrl))
    assert keeper.claims(edit, override(Qt.Key.Key_E, ctrl | Qt.KeyboardModifier.ShiftModifier))
    assert not keeper.claims(edit, override(Qt.Key.Key_Z, ctrl)), "undo in the field stays the field's"
    assert not keeper.claims(edit, override(Qt.Key.Key_A, ctrl))
    assert not keeper.claims(label, override(Qt.Key.Key_E, ctrl)), "only line edits are watched"
    pressed = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_E, ctrl)
    assert not keeper.claims(edit, pressed), "only the override, never the key itself"


def test_the_window_installs_it_for_its_export_actions(window) -> None:  # type: ignore[no-untyped-def]
    assert window.shortcut_keeper.keys == {"Ctrl+E", "Ctrl+Shift+E"}
