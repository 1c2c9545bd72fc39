"""gui/forms/keys.py promises: Ctrl+Z and Ctrl+Y (and the platform's redo) typed in a form's
text widget reach the window's undo, which knows every field and the data file, instead of
the widget's own private history; every other key is left to the widget.

Beside tests/gui/test_shortcut_keeper.py and test_keyboard_path.py (the window's keys in a
whole window): here a line edit is watched alone, beside one that is not.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from cchc_desktop.gui.forms.keys import defer_undo_keys
from tests.gui.helpers import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def override_taken(edit: QLineEdit, key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> bool:
    """Whether the widget claims the key before the window's shortcuts see it."""
    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
    event.ignore()
    QApplication.sendEvent(edit, event)
    return event.isAccepted()


@pytest.fixture
def pair(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QLineEdit]:
    window = QWidget()
    layout = QVBoxLayout(window)
    deferred, plain = QLineEdit(window), QLineEdit(window)
    layout.addWidget(deferred)
    layout.addWidget(plain)
    defer_undo_keys(deferred)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, deferred, plain


def test_undo_and_redo_keys_are_left_to_the_window(pair: tuple[QWidget, QLineEdit, QLineEdit]) -> None:
    _window, deferred, plain = pair
    for edit in (deferred, plain):
        type_text(edit, "1.234")
    assert override_taken(plain, Qt.Key.Key_Z)               # a line edit keeps Ctrl+Z itself
    assert not override_taken(deferred, Qt.Key.Key_Z)
    # The platform's redo, Ctrl+Y or Ctrl+Shift+Z (PySide6's stubs lack QKeySequence[i]).
    redo = QKeySequence(QKeySequence.StandardKey.Redo)[0]  # type: ignore[index]
    assert override_taken(plain, redo.key(), redo.keyboardModifiers())
    assert not override_taken(deferred, redo.key(), redo.keyboardModifiers())


def test_other_keys_reach_the_widget(pair: tuple[QWidget, QLineEdit, QLineEdit]) -> None:
    _window, deferred, plain = pair
    type_text(deferred, "Mỹ An")
    assert override_taken(deferred, Qt.Key.Key_A) == override_taken(plain, Qt.Key.Key_A)
    QTest.keyClick(deferred, Qt.Key.Key_Backspace)
    QTest.keyClick(deferred, Qt.Key.Key_A, CTRL)             # select all, then type over it
    type_text(deferred, "Tân Mỹ")
    assert deferred.text() == "Tân Mỹ"


def test_the_windows_shortcut_takes_ctrl_z_typed_in_the_field(
        qtbot: QtBot, pair: tuple[QWidget, QLineEdit, QLineEdit]) -> None:
    window, deferred, plain = pair
    undone: list[bool] = []
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: undone.append(True))
    window.activateWindow()
    qtbot.waitActive(window)
    type_text(deferred, "42")
    QTest.keyClick(deferred, Qt.Key.Key_Z, CTRL)
    assert undone == [True]
    assert deferred.text() == "42"                            # its own history left alone
    type_text(plain, "42")
    QTest.keyClick(plain, Qt.Key.Key_Z, CTRL)
    assert undone == [True] and plain.text() == ""            # unwatched: the edit undid itself
