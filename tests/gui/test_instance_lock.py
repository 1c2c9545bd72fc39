"""Two windows on one data file: the second instance is refused and leaves the file alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from cchc_desktop.gui import app as gui_app
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.instance_lock import AlreadyOpenError, InstanceLock, lock_path
from cchc_desktop.storage.repository import ReportStore
from tests.gui.conftest import commune_unit


def _data_file(path: Path) -> bytes:
    database = Database.open(path)
    ReportStore(database).save_own_unit(commune_unit())
    database.close()
    return path.read_bytes()


def _close_window_exec(seen: list[str] | None = None):  # type: ignore[no-untyped-def]
    def fake_exec(_app: QApplication) -> int:
        QApplication.processEvents()
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow":
                if seen is not None:
                    seen.append(widget.windowTitle())
                widget.close()
                widget.deleteLater()
        return 0
    return fake_exec


@pytest.fixture
def shown(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a, **k: messages.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    return messages


def test_a_second_instance_on_the_same_file_is_refused(tmp_path: Path, shown) -> None:
    path = tmp_path / "du-lieu" / "cchc.sqlite3"
    before = _data_file(path)
    first = InstanceLock(path)
    first.acquire()
    try:
        assert gui_app.run(db_path=path) == 3
    finally:
        first.release()
    assert len(shown) == 1
    assert shown[0].startswith("CCHC Desktop đang mở tệp dữ liệu này (máy ")
    assert f"PID {os.getpid()}" in shown[0] and "Hãy dùng cửa sổ đang mở." in shown[0]
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["cchc.sqlite3"], \
        "no WAL, no restore point, no lock left behind"


def test_a_refused_instance_does_not_create_a_missing_file(tmp_path: Path, shown) -> None:
    path = tmp_path / "moi.sqlite3"
    first = InstanceLock(path)
    first.acquire()
    try:
        assert gui_app.run(db_path=path) == 3
    finally:
        first.release()
    assert not path.exists()


def test_the_lock_is_per_file_and_released_on_exit(tmp_path: Path, shown, monkeypatch) -> None:
    path = tmp_path / "cchc.sqlite3"
    _data_file(path)
    other = InstanceLock(tmp_path / "khac.sqlite3")
    other.acquire()
    held_during_run: list[bool] = []

    def fake_exec(app: QApplication) -> int:
        probe = InstanceLock(path)
        with pytest.raises(AlreadyOpenError):
            probe.acquire()
        held_during_run.append(True)
        return _close_window_exec()(app)

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    try:
        assert gui_app.run(db_path=path) == 0
    finally:
        other.release()
    assert held_during_run == [True] and shown == []
    assert not lock_path(path).exists()
    again = InstanceLock(path)
    again.acquire()
    again.release()


def test_a_stale_lock_of_a_killed_app_is_taken_over(tmp_path: Path, shown, monkeypatch) -> None:
    path = tmp_path / "cchc.sqlite3"
    _data_file(path)
    # An app that took the lock and died without releasing it (killed, power cut).
    script = ("import os, sys\nfrom pathlib import Path\n"
              "from cchc_desktop.storage.instance_lock import InstanceLock\n"
              "lock = InstanceLock(Path(sys.argv[1])); lock.acquire()\n"
              "print(os.getpid(), flush=True)\nos._exit(0)\n")
    dead = subprocess.run([sys.executable, "-c", script, str(path)], check=True,
                          capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    assert lock_path(path).exists(), "left behind by the killed app"
    assert InstanceLock(path).owner().pid == dead_pid

    titles: list[str] = []
    monkeypatch.setattr(QApplication, "exec", _close_window_exec(titles))
    assert gui_app.run(db_path=path) == 0
    assert shown == [] and "CCHC Desktop" in titles, "the window opened"
    assert not lock_path(path).exists()


def test_an_old_but_live_lock_is_not_stale(tmp_path: Path) -> None:
    """The app keeps its lock for days: age alone never makes it stale."""
    path = tmp_path / "cchc.sqlite3"
    first = InstanceLock(path)
    first.acquire()
    old = 1_000_000_000  # 2001
    os.utime(lock_path(path), (old, old))
    try:
        with pytest.raises(AlreadyOpenError):
            InstanceLock(path).acquire()
    finally:
        first.release()
