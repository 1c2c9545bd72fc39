"""gui/history_menu.py: a field's right-click menu is its own standard one (cut, copy, paste...)
with "Lịch sử..." at the end, which calls for the history only when chosen. Beside
tests/gui/test_history.py, which opens a figure's and a narrative's history from the real form."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit

from cchc_desktop.gui.history_menu import add_history_menu, history_menu


def test_the_standard_menu_with_history_at_the_end(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = QLineEdit("1.234")
    qtbot.addWidget(edit)
    menu = history_menu(edit, lambda: None)
    actions = menu.actions()
    assert actions[-1].text() == "Lịch sử..."
    assert actions[-1].objectName() == "history"
    assert actions[-2].isSeparator()
    standard = edit.createStandardContextMenu()
    assert [a.text() for a in actions[:-2]] == [a.text() for a in standard.actions()]
    assert len(actions) > 5        # undo, redo, cut, copy, paste... are kept


def test_history_is_asked_for_only_when_chosen(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = QPlainTextEdit("Ủy ban nhân dân xã ban hành kế hoạch.")
    qtbot.addWidget(edit)
    asked: list[str] = []
    menu = history_menu(edit, lambda: asked.append("cddh"))
    assert asked == []
    [history] = [a for a in menu.actions() if a.objectName() == "history"]
    history.trigger()
    assert asked == ["cddh"]


def test_right_click_shows_the_made_menu_and_chooses_history(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = QLineEdit("42")
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    asked: list[str] = []
    made: list[QMenu] = []

    def make() -> QMenu:
        menu = history_menu(edit, lambda: asked.append("lịch sử"))
        made.append(menu)
        return menu

    add_history_menu(edit, make)
    assert edit.contextMenuPolicy() is Qt.ContextMenuPolicy.CustomContextMenu

    def choose_last() -> None:
        popup = QApplication.activePopupWidget()
        assert popup is made[0]
        qtbot.keyClick(popup, Qt.Key.Key_Up)       # from the top, up wraps to the last entry
        qtbot.keyClick(popup, Qt.Key.Key_Return)

    QTimer.singleShot(50, choose_last)
    edit.customContextMenuRequested.emit(QPoint(5, 5))   # returns once the menu is closed
    assert asked == ["lịch sử"]
    assert len(made) == 1          # made afresh on each right-click, not once for all
