"""Full disks, read-only folders, locked files, pulled USB sticks: edits are kept and saved later.

A failed autosave gives one message (not one per keystroke), the status bar says
"Chưa lưu được — sẽ thử lại", the edits stay in memory and are written again every few
seconds and whenever the clerk types, until the status bar says saved again.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy.exc import OperationalError as SAOperationalError

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui import app as gui_app
from cchc_desktop.storage.database import Database, DataFileError
from tests.gui.helpers import field, type_into, type_text

RETRYING = "Chưa lưu được — sẽ thử lại"
DISK_FULL = sqlite3.OperationalError("database or disk is full")


@pytest.fixture
def warnings(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: shown.append(text))
    return shown


def failing_first(monkeypatch, store, name: str, error: BaseException, times: int) -> list[int]:  # type: ignore[no-untyped-def]
    """Make store.<name> raise `error` for its first `times` calls; returns the call counter."""
    real = getattr(store, name)
    calls = [0]

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        if calls[0] <= times:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(store, name, flaky)
    return calls


@pytest.mark.parametrize(("error", "said"), [
    (DISK_FULL, "ổ đĩa đã đầy"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "chỉ cho phép đọc"),
    (sqlite3.OperationalError("database is locked"), "chương trình khác khóa"),
    (sqlite3.OperationalError("disk I/O error"), "USB đã rút ra?"),
    (SAOperationalError("UPDATE report_values", {}, DISK_FULL), "ổ đĩa đã đầy"),
    (KnownError("Không ghi được tệp cchc.sqlite3: ổ đĩa chỉ cho phép đọc."), "chỉ cho phép đọc"),
], ids=["disk-full", "read-only", "locked", "usb-removed", "sqlalchemy-wrapped", "known-error"])
def test_a_failed_autosave_keeps_the_edit_and_retries(qtbot, window, new_report, store, warnings,
                                                      monkeypatch, error, said) -> None:
    calls = failing_first(monkeypatch, store, "set_value", error, times=3)
    session = window.session
    report_id = session.report_id
    widget = field(window, "cddh.kh.tong")

    type_into(qtbot, widget, "66")
    qtbot.waitUntil(lambda: session.saver.failing, timeout=3000)
    assert window.ui.statusbar.save_label.text() == RETRYING
    assert len(warnings) == 1 and said in warnings[0]
    assert "sẽ được lưu tự động" in warnings[0]
    assert session.value("cddh.kh.tong") == 66, "the edit stays in memory"
    assert store.load_report(report_id).values.get("cddh.kh.tong") is None

    # Typing again retries at once; still failing: no second message.
    type_into(qtbot, widget, "67")
    qtbot.waitUntil(lambda: calls[0] >= 2, timeout=3000)
    assert len(warnings) == 1 and window.ui.statusbar.save_label.text() == RETRYING

    # The periodic retry goes on until the disk takes the write.
    session.saver._retry.setInterval(50)
    qtbot.waitUntil(lambda: not session.saver.pending, timeout=5000)
    assert calls[0] == 4
    assert not session.saver.failing
    assert window.ui.statusbar.save_label.text().startswith("Đã lưu lúc ")
    assert store.load_report(report_id).values["cddh.kh.tong"] == 67
    assert len(warnings) == 1
    assert [c.new for c in store.history(report_id, "cddh.kh.tong")] == ["67"]


def test_narrative_edits_wait_for_the_disk_too(qtbot, window, new_report, store, warnings,
                                               monkeypatch) -> None:
    calls = failing_first(monkeypatch, store, "set_text", DISK_FULL, times=2)
    window.show_page("cddh")
    editor = window.current_page().narratives[0]
    type_text(editor.edit, "Ban hành kế hoạch")
    qtbot.waitUntil(lambda: window.session.saver.failing, timeout=3000)
    type_text(editor.edit, " năm 2026.")
    window.session.saver._retry.setInterval(50)
    qtbot.waitUntil(lambda: not window.session.saver.pending, timeout=5000)
    assert calls[0] >= 3 and len(warnings) == 1
    assert store.load_report(window.session.report_id).texts["cddh"] == \
        "Ban hành kế hoạch năm 2026."


def test_a_file_locked_by_another_program(qtbot, window, new_report, store, db_path, warnings) -> None:
    """A real lock: another program holds a write transaction longer than the busy timeout."""
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        type_into(qtbot, field(window, "cddh.kh.tong"), "66")
        qtbot.waitUntil(lambda: window.session.saver.failing, timeout=12000)
        assert window.ui.statusbar.save_label.text() == RETRYING
        assert len(warnings) == 1 and "chương trình khác khóa" in warnings[0]
    finally:
        other.execute("ROLLBACK")
        other.close()
    window.session.saver._retry.setInterval(50)
    qtbot.waitUntil(lambda: not window.session.saver.pending, timeout=12000)
    assert window.ui.statusbar.save_label.text().startswith("Đã lưu lúc ")
    assert store.load_report(window.session.report_id).values["cddh.kh.tong"] == 66


def test_the_status_does_not_change_over_unsaved_edits(qtbot, window, new_report, store, warnings,
                                                       monkeypatch) -> None:
    failing_first(monkeypatch, store, "set_value", DISK_FULL, times=100)
    type_into(qtbot, field(window, "cddh.kh.tong"), "66")
    qtbot.waitUntil(lambda: window.session.saver.failing, timeout=3000)
    window.session.report.status = ReportStatus.FINAL  # as if marked final before the failure
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sửa lại số liệu", True))
    window.reopen()
    assert len(warnings) == 2 and "chưa đổi trạng thái" in warnings[1]
    assert store.load_report(window.session.report_id).status is ReportStatus.DRAFT
    monkeypatch.undo()  # let the session write before the window closes


def test_another_report_does_not_open_over_unsaved_edits(qtbot, window, new_report, store,
                                                         warnings, monkeypatch) -> None:
    failing_first(monkeypatch, store, "set_value", DISK_FULL, times=2)
    other = store.create_report(2026, "H1")
    report_id = window.session.report_id
    type_into(qtbot, field(window, "cddh.kh.tong"), "66")
    qtbot.waitUntil(lambda: window.session.saver.failing, timeout=3000)
    window.open_report(other)
    assert window.session.report_id == report_id, "the report with unsaved edits stays open"
    assert len(warnings) == 2 and "chưa mở báo cáo khác" in warnings[1]
    window.open_report(other)  # the disk takes the write now
    assert window.session.report_id == other
    assert store.load_report(report_id).values["cddh.kh.tong"] == 66


# ---------------------------------------------------------------------- at start-up
@pytest.fixture
def critical(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    return shown


def _permissions_are_enforced(folder: Path) -> bool:
    folder.mkdir()
    folder.chmod(0o500)
    try:
        (folder / "probe").write_text("")
    except PermissionError:
        return True
    finally:
        folder.chmod(0o700)
    (folder / "probe").unlink()
    return False


def test_a_read_only_data_folder_at_start_up(tmp_path: Path, critical) -> None:
    if not _permissions_are_enforced(tmp_path / "probe"):
        pytest.skip("root ignores folder permissions (covered by the monkeypatched test below; "
                    "run under setpriv --bounding-set=-dac_override to see it)")
    folder = tmp_path / "chi-doc"
    path = folder / "cchc.sqlite3"
    Database.open(path).close()
    before = path.read_bytes()
    folder.chmod(0o500)
    try:
        assert gui_app.run(db_path=path) == 2
    finally:
        folder.chmod(0o700)
    assert len(critical) == 1 and "Không ghi được vào thư mục" in critical[0]
    assert path.read_bytes() == before


def test_a_read_only_data_file_at_start_up(tmp_path: Path, critical) -> None:
    if not _permissions_are_enforced(tmp_path / "probe"):
        pytest.skip("root ignores file permissions")
    path = tmp_path / "cchc.sqlite3"
    Database.open(path).close()
    path.chmod(0o400)
    before = path.read_bytes()
    assert gui_app.run(db_path=path) == 2
    assert len(critical) == 1 and "chỉ cho phép đọc" in critical[0]
    assert path.read_bytes() == before


def test_a_data_file_that_cannot_be_opened_at_start_up(tmp_path: Path, critical,
                                                       monkeypatch) -> None:
    """What a read-only folder, a full disk or a locked file look like to run(), also as root."""
    def refuse(_path: Path, **_kwargs: object) -> Database:
        raise DataFileError("Không mở được tệp dữ liệu cchc.sqlite3: attempt to write a "
                            "readonly database")

    monkeypatch.setattr(Database, "open", staticmethod(refuse))
    path = tmp_path / "cchc.sqlite3"
    assert gui_app.run(db_path=path) == 2
    assert critical == ["Không mở được tệp dữ liệu cchc.sqlite3: attempt to write a "
                        "readonly database"]
    assert not path.exists()
    assert not (tmp_path / "cchc.sqlite3.lock").exists(), "the lock is released"


def test_a_data_folder_that_cannot_be_made(tmp_path: Path, critical) -> None:
    """The folder's place is taken by a file (or a drive is gone): message, code 2."""
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("một tệp, không phải thư mục")
    assert gui_app.run(db_path=blocker / "cchc.sqlite3") == 2
    assert len(critical) == 1 and "Không tạo được thư mục dữ liệu" in critical[0]
    assert blocker.read_text() == "một tệp, không phải thư mục"
