"""Known errors get a friendly message; bugs get the crash dialog with the traceback."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui import errors
from cchc_desktop.gui.worker import run_in_background


def test_a_known_error_in_an_action_is_a_message(window, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))

    @errors.guarded
    def action(_window) -> None:  # type: ignore[no-untyped-def]
        raise KnownError("Tệp đang được mở ở chương trình khác.")

    action(window)
    assert shown == ["Tệp đang được mở ở chương trình khác."]


def test_a_bug_opens_the_crash_dialog_with_the_traceback(qtbot, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(errors.CrashDialog, "exec", lambda dialog: shown.append(dialog.details) or 0)
    monkeypatch.setattr(sys, "excepthook", lambda *args: None)
    errors.install_excepthook()
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    assert "ZeroDivisionError: division by zero" in shown[0]
    assert "test_a_bug_opens_the_crash_dialog" in shown[0]


def test_background_failures_come_back_to_the_gui_thread(qtbot) -> None:
    results: list[object] = []

    def task(progress):  # type: ignore[no-untyped-def]
        progress(1, 2)
        raise KnownError("Không ghi được tệp.")

    with qtbot.waitSignal(run_in_background(task, on_success=results.append,
                                            on_failure=results.append).finished, timeout=5000):
        pass
    assert len(results) == 1 and isinstance(results[0], KnownError)
