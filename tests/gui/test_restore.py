"""Restore points from the window: at start-up, before status changes, and Tệp > Khôi phục..."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui import app as gui_app
from cchc_desktop.gui.restore_dialog import RestoreDialog
from cchc_desktop.storage.backups import create_backup, list_backups
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from tests.gui.conftest import commune_unit
from tests.gui.helpers import field, type_into, wait_saved

STAMP = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$")


def test_every_status_change_takes_a_restore_point_first(qtbot, window, new_report, db_path,
                                                         monkeypatch) -> None:
    session = window.session
    session.set_status(ReportStatus.FINAL)
    assert window.mark_submitted()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sửa số liệu", True))
    assert window.unlock()
    session.set_status(ReportStatus.DRAFT)  # already a draft: nothing changes, no copy

    backups = list_backups(db_path)
    assert [(b.reason, [r["status"] for r in b.reports]) for b in backups] == [
        ("Trước khi mở lại báo cáo — Quý I năm 2026", ["Đã gửi"]),
        ("Trước khi đánh dấu đã gửi — Quý I năm 2026", ["Hoàn thành"]),
        ("Trước khi đánh dấu hoàn thành — Quý I năm 2026", ["Dự thảo"]),
    ]


def test_a_status_change_waits_for_its_restore_point(qtbot, window, new_report, store,
                                                     monkeypatch) -> None:
    from cchc_desktop.domain.errors import KnownError

    def full_disk(*_a: object, **_k: object) -> None:
        raise KnownError("Không tạo được bản sao lưu: ổ đĩa đã đầy.")

    shown: list[str] = []
    window.session.set_status(ReportStatus.FINAL)
    monkeypatch.setattr("cchc_desktop.storage.backups.create_backup", full_disk)
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a, **k: shown.append(text))
    assert window.mark_submitted() is None
    assert shown == ["Không tạo được bản sao lưu: ổ đĩa đã đầy."]
    assert store.load_report(window.session.report_id).status is ReportStatus.FINAL


def _restore_with(monkeypatch, pick, *, confirm: bool = True) -> list[RestoreDialog]:  # type: ignore[no-untyped-def]
    """Answer the restore dialog: select the row `pick` chooses and press Khôi phục."""
    dialogs: list[RestoreDialog] = []

    def exec_(dialog: RestoreDialog) -> int:
        dialogs.append(dialog)
        dialog.select(pick(dialog.backups))
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", exec_)
    answer = QMessageBox.StandardButton.Yes if confirm else QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answer)
    return dialogs


def test_restore_from_the_file_menu(qtbot, window, new_report, db_path, monkeypatch) -> None:
    assert window.ui.act_restore in window.ui.menu_file.actions()
    assert window.ui.act_restore.text() == "Khôi phục..."
    type_into(qtbot, field(window, "cddh.kh.tong"), "66")
    wait_saved(qtbot, window)
    create_backup(db_path, "Mốc thử")
    type_into(qtbot, field(window, "cddh.kh.tong"), "67")  # saved by the restore itself
    report_id = window.session.report_id

    informed: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text, *a, **k: informed.append(text))
    dialogs = _restore_with(monkeypatch, lambda backups: next(b for b in backups
                                                              if b.reason == "Mốc thử"))
    assert window.restore_data()

    [dialog] = dialogs
    assert dialog.table.item(0, 1).text() == "Mốc thử"
    assert STAMP.match(dialog.table.item(0, 0).text())
    assert dialog.table.item(0, 2).text() == "Quý I năm 2026: Dự thảo"
    # The window is back on the same report, as it was at the restore point.
    assert window.session is not None and window.session.report_id == report_id
    assert window.session.value("cddh.kh.tong") == 66
    assert field(window, "cddh.kh.tong").edit.text() == "66"
    assert window.store.load_report(report_id).values["cddh.kh.tong"] == 66
    [message] = informed
    assert "Đã khôi phục dữ liệu về thời điểm" in message and "(Mốc thử)" in message
    assert "Trạng thái ngay trước khi khôi phục đã được lưu thành điểm khôi phục" in message

    # ...and the restore can be undone from the restore point it made first.
    newest = list_backups(db_path)[0]
    assert newest.reason == "Trước khi khôi phục"
    _restore_with(monkeypatch, lambda backups: newest)
    assert window.restore_data()
    assert window.session.value("cddh.kh.tong") == 67
    type_into(qtbot, field(window, "cddh.kh.tong"), "68")
    wait_saved(qtbot, window)
    assert window.store.load_report(report_id).values["cddh.kh.tong"] == 68, \
        "the reopened file takes edits"


def test_restore_needs_a_yes(qtbot, window, new_report, db_path, monkeypatch) -> None:
    type_into(qtbot, field(window, "cddh.kh.tong"), "66")
    wait_saved(qtbot, window)
    create_backup(db_path, "Mốc thử")
    type_into(qtbot, field(window, "cddh.kh.tong"), "67")
    wait_saved(qtbot, window)
    dialogs = _restore_with(monkeypatch, lambda backups: backups[0], confirm=False)
    assert not window.restore_data()
    assert dialogs[0].chosen is None
    assert window.session.value("cddh.kh.tong") == 67
    assert [b.reason for b in list_backups(db_path)] == ["Mốc thử"]


def test_a_restore_point_at_start_up(qtbot, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "cchc.sqlite3"
    database = Database.open(path)
    ReportStore(database).save_own_unit(commune_unit())
    database.close()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown_before_copy: list[bool] = []

    def fake_exec(_app: QApplication) -> int:
        [window] = [w for w in QApplication.topLevelWidgets()
                    if w.objectName() == "mainWindow" and w.isVisible()]
        shown_before_copy.append(list_backups(path) == [])
        # The description is written just after the copy.
        qtbot.waitUntil(lambda: [b.reason for b in list_backups(path)] == ["Khi mở ứng dụng"],
                        timeout=5000)
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert gui_app.run(db_path=path) == 0
    assert shown_before_copy == [True], "the copy is made after the window is shown"
    [backup] = list_backups(path)
    assert backup.reports == [], "no report yet, but the unit is in the copy"


@pytest.mark.parametrize("count", [0, 2])
def test_the_restore_dialog_lists_newest_first(qtbot, tmp_path: Path, count: int) -> None:
    import datetime as dt

    path = tmp_path / "cchc.sqlite3"
    database = Database.open(path)
    ReportStore(database).save_own_unit(commune_unit())
    database.close()
    for index in range(count):
        create_backup(path, f"Mốc {index}", now=dt.datetime(2026, 3, 16, 9, 5, index))
    dialog = RestoreDialog(list_backups(path))
    qtbot.addWidget(dialog)
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == [
        f"16/03/2026 09:05:0{i}" for i in reversed(range(count))]
    assert dialog.restore_button.isEnabled() == bool(count)
    assert dialog.empty.isVisibleTo(dialog) == (count == 0)
