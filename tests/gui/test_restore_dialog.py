"""gui/restore_dialog.py: Tệp > Khôi phục... lists the restore points as given (newest first),
each with its time, its reason and the reports' states, and restores only after a "Có" to a
question naming the time and the reason; "Không" or Esc leaves nothing chosen.

Beside tests/gui/test_restore.py, which takes real restore points from the window and puts
them back (and checks the empty list); here the dialog alone, driven by clicks and keys.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTableWidgetItem

from cchc_desktop.gui.restore_dialog import RestoreDialog, stamp, states_text
from cchc_desktop.storage.backups import BackupInfo

MORNING = BackupInfo(Path("sao-luu/2.sqlite3"), dt.datetime(2026, 3, 16, 9, 5, 7),
                     "Trước khi đánh dấu hoàn thành — Quý I năm 2026",
                     [{"period": "Quý I năm 2026", "status": "Dự thảo"},
                      {"period": "Năm 2025", "status": "Đã gửi"}])
START = BackupInfo(Path("sao-luu/1.sqlite3"), dt.datetime(2026, 3, 16, 7, 30, 0),
                   "Khi mở ứng dụng", [])


def answer_question(qtbot, button: QMessageBox.StandardButton) -> list[str]:  # type: ignore[no-untyped-def]
    """Click `button` of the next question box as the clerk does; its text is recorded."""
    asked: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        asked.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)
    return asked


def cell(dialog: RestoreDialog, row: int, column: int) -> QTableWidgetItem:
    item = dialog.table.item(row, column)
    assert item is not None
    return item


def shown(qtbot, backups: list[BackupInfo]) -> RestoreDialog:  # type: ignore[no-untyped-def]
    dialog = RestoreDialog(backups)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_each_point_shows_its_time_reason_and_the_reports_states(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, [MORNING, START])
    rows = [[cell(dialog, r, c).text() for c in range(3)] for r in range(2)]
    assert rows == [
        ["16/03/2026 09:05:07", "Trước khi đánh dấu hoàn thành — Quý I năm 2026",
         "Quý I năm 2026: Dự thảo; Năm 2025: Đã gửi"],
        ["16/03/2026 07:30:00", "Khi mở ứng dụng", ""]]
    assert cell(dialog, 0, 2).toolTip() == "Quý I năm 2026: Dự thảo; Năm 2025: Đã gửi"
    assert dialog.selected() is MORNING, "the newest is chosen to start with"
    assert dialog.empty.isHidden()
    assert (stamp(START), states_text(START)) == ("16/03/2026 07:30:00", "")


def test_a_double_click_asks_and_a_yes_chooses_the_point(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, [MORNING, START])
    asked = answer_question(qtbot, QMessageBox.StandardButton.Yes)
    at = dialog.table.visualItemRect(cell(dialog, 1, 1)).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert dialog.selected() is START
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert asked == ["Đưa toàn bộ dữ liệu về thời điểm 16/03/2026 07:30:00 (Khi mở ứng dụng)?\n\n"
                     "Mọi thay đổi sau thời điểm đó sẽ không còn trong dữ liệu. Trạng thái hiện "
                     "tại sẽ được lưu thành một điểm khôi phục trước, nên có thể quay lại."]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen is START


def test_no_to_the_question_keeps_the_dialog_open_with_nothing_chosen(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, [MORNING, START])
    answer_question(qtbot, QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen is None and dialog.isVisible()
    dialog.select(START)
    assert dialog.selected() is START
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.chosen is None


def test_without_a_selection_restore_is_off_and_asks_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, [MORNING])
    assert dialog.restore_button.text() == "Khôi phục"
    dialog.table.clearSelection()
    assert not dialog.restore_button.isEnabled()
    assert dialog.confirm() is False                 # no question box: it would block here
    assert dialog.chosen is None
