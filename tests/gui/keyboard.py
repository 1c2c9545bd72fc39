"""The clerk without a mouse: keys sent where the focus is, as the keyboard would send them.

Shared by tests/gui/test_keyboard_path.py and scripts/measure_path.py (which counts them).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

Key = Qt.Key
NO = Qt.KeyboardModifier.NoModifier


def target() -> QWidget:
    """Where a key goes: the open menu, else the focused widget, else the modal dialog."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup
    focus = QApplication.focusWidget()
    modal = QApplication.activeModalWidget()
    if modal is not None and (focus is None or focus.window() is not modal):
        # A dialog just opened whose window the platform has not activated yet.
        inner = modal.focusWidget()
        return inner if inner is not None else modal
    if focus is not None:
        return focus
    # A dialog just closed: the platform gives the keys back to the window it was over.
    window = QApplication.activeWindow() or next(
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow())
    return window.focusWidget() or window


class Keyboard:
    """Counts the keys pressed (commands) apart from the text typed (the figures, the names)."""

    def __init__(self, log: Callable[[str], None] | None = None) -> None:
        self.presses = 0
        self.typed = 0
        self.steps: list[tuple[str, int]] = []
        self._step_start = 0
        self._log = log

    def press(self, key: Key, modifiers: Qt.KeyboardModifier = NO, times: int = 1) -> None:
        for _ in range(times):
            widget = target()
            if QApplication.activeWindow() is None and QApplication.activePopupWidget() is None:
                # The offscreen platform does not give the window back its activation when a
                # dialog closes, as a desktop does; without it no shortcut of the window fires.
                widget.window().activateWindow()
                QApplication.processEvents()
            QTest.keyClick(widget, key, modifiers)
            self.presses += 1
            QApplication.processEvents()

    def type(self, text: str) -> None:
        """Text key by key (QTest.keyClicks knows only ASCII, and clerks type Vietnamese)."""
        for char in text:
            widget = target()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Key.Key_unknown, NO, char))
            self.typed += 1
        QApplication.processEvents()

    def tab_to(self, found: Callable[[QWidget], bool], limit: int = 40, back: bool = False) -> QWidget:
        """Tab (or Shift+Tab) until the focus is on the widget `found` accepts."""
        for _ in range(limit):
            if found(target()):
                return target()
            self.press(Key.Key_Backtab if back else Key.Key_Tab)
        raise AssertionError(f"not reached by Tab; the focus is on {describe(target())}")

    def step(self, name: str) -> None:
        """Close the step begun since the last one: its name and the keys it took."""
        self.steps.append((name, self.presses - self._step_start))
        self._step_start = self.presses
        if self._log is not None:
            self._log(f"{name}: {self.steps[-1][1]}")


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    text = getattr(widget, "text", None)
    label = text() if callable(text) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {label!r}"


def when_dialog(act: Callable[[], None], *, title: str = "", wait_ms: int = 5000) -> None:
    """Answer the next modal dialog (its title containing `title`) by keys, once it is open.

    The key that opens a modal dialog does not return until the dialog closes: the answer is
    scheduled before it, and runs inside the dialog's own event loop.
    """
    from PySide6.QtCore import QDeadlineTimer, QTimer

    before = QApplication.activeModalWidget()
    deadline = QDeadlineTimer(wait_ms)

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not before and title in modal.windowTitle() \
                and modal.isVisible():
            act()
        elif deadline.hasExpired():
            raise AssertionError(f"no dialog {title!r} opened")
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
