"""The window answers while its data file opens, and empties the WAL once the edits are written."""

from __future__ import annotations

import itertools
import sys
import time
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cchc_desktop.gui import app as gui_app
from cchc_desktop.gui import opening
from cchc_desktop.gui.wal_keeper import WalKeeper
from cchc_desktop.storage.database import Database, DataFileError
from cchc_desktop.storage.instance_lock import InstanceLock
from cchc_desktop.storage.repository import ReportStore
from tests.gui.conftest import commune_unit

SLOW_SECONDS = 0.8


def _data_file(path: Path) -> None:
    database = Database.open(path)
    ReportStore(database).save_own_unit(commune_unit())
    database.close()


def _main_window():  # type: ignore[no-untyped-def]
    # The one this run shows: an earlier test in the same worker may leave a hidden one behind.
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]
    visible = [w for w in found if w.isVisible()]
    return (visible or found or [None])[-1]


def test_the_window_answers_while_a_slow_data_file_opens(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "cchc.sqlite3"
    _data_file(path)
    real_open = opening.open_data_file
    opened_on: list[bool] = []

    def slow_open(file: Path, lock: InstanceLock) -> Database:
        # A file on a slow network share, or held for a moment by a backup program.
        time.sleep(SLOW_SECONDS)
        opened_on.append(QApplication.instance().thread().isCurrentThread())  # type: ignore[union-attr]
        return real_open(file, lock)

    monkeypatch.setattr(opening, "open_data_file", slow_open)
    ticks: list[tuple[float, str, bool]] = []

    def tick() -> None:
        window = _main_window()
        if window is not None and window.isVisible():
            ticks.append((time.monotonic(), window.start_page.unit_line.text(),
                          window.controller.file_open))

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    seen: dict[str, object] = {}

    def fake_exec(_app: QApplication) -> int:
        window = _main_window()
        seen["title"] = window.start_page.unit_line.text()
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    started = time.monotonic()
    try:
        assert gui_app.run(db_path=path) == 0
    finally:
        timer.stop()
    assert time.monotonic() - started >= SLOW_SECONDS
    assert opened_on == [False], "the file was opened off the GUI thread"
    opening_ticks = [t for t, text, is_open in ticks if not is_open]
    assert len(opening_ticks) >= 10, "the window's timers ran while the file was opening"
    gaps = [b - a for a, b in itertools.pairwise(opening_ticks)]
    assert max(gaps) < 0.3, "no freeze while the file opens"
    assert {text for _t, text, is_open in ticks if not is_open} == {"Đang mở tệp dữ liệu..."}
    assert seen["title"] == "<b>Ủy ban nhân dân xã Mỹ An</b> — Ủy ban nhân dân tỉnh Đồng Tháp"


def test_a_refusal_from_the_worker_is_shown_and_the_lock_released(tmp_path: Path,
                                                                  monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def refuse(file: Path, lock: InstanceLock) -> Database:
        time.sleep(0.2)
        raise DataFileError("Không mở được tệp dữ liệu cchc.sqlite3: disk I/O error.")

    monkeypatch.setattr(opening, "open_data_file", refuse)
    path = tmp_path / "cchc.sqlite3"
    assert gui_app.run(db_path=path) == 2
    assert shown == ["Không mở được tệp dữ liệu cchc.sqlite3: disk I/O error."]
    again = InstanceLock(path)
    again.acquire()
    again.release()


def test_the_wal_is_emptied_once_the_edits_are_written(qtbot, tmp_path: Path, monkeypatch) -> None:
    from cchc_desktop.exchange.json_format import read_report
    from tests.gui.conftest import SAMPLE, make_window

    monkeypatch.setattr(WalKeeper, "QUIET_MS", 100)
    path = tmp_path / "cchc.sqlite3"
    database = Database.open(path)
    store = ReportStore(database)
    store.save_own_unit(commune_unit())
    report_id = store.save_report(read_report(SAMPLE)[0])
    window = make_window(qtbot, store)
    keeper = WalKeeper(window.controller, window)
    window.open_report(report_id)
    wal = path.with_name(path.name + "-wal")
    figures = list(window.session.report.values.items())[:10]
    for edit in range(60):
        code, value = figures[edit % len(figures)]
        window.session.set_value(code, None if edit % 2 else Decimal(value))
        assert window.session.saver.flush()
    assert wal.stat().st_size > 100_000, "the edits went to the WAL"
    qtbot.waitUntil(lambda: wal.stat().st_size == 0, timeout=5000)
    # Nothing lost: a reader of the file alone (as a copy taken by hand) sees the last edit.
    reopened = ReportStore(Database.open(path, upgrade=False))
    assert reopened.load_report(report_id).values == window.session.report.values
    reopened.database.close()
    keeper.stop()
    window.close_report()
    database.close()
