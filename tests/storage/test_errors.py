"""storage/errors.py: the failures of the data file (or of the server) the clerk can act on,
each told as a Vietnamese sentence; any other failure stays a bug (None), for the crash report.

Beside tests/storage/test_database.py (a locked file through a real session),
tests/gui/test_autosave.py (the window showing these sentences) and
tests/server/test_server_roles.py (the server's real refusals).
"""

from __future__ import annotations

import errno
import sqlite3
from types import ModuleType

import pytest
from sqlalchemy import exc as sqlalchemy_exc

from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.storage.errors import (
    PrivilegeError,
    StorageWriteError,
    privilege_error,
    storage_error,
)


@pytest.fixture
def pg() -> ModuleType:
    """psycopg, whose errors a server raises (installed with the server's tests)."""
    module: ModuleType = pytest.importorskip("psycopg")
    return module


def _sqlite_error(statement: str) -> sqlite3.Error:
    """The error SQLite itself raises for `statement` on an empty database."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(statement)
    except sqlite3.Error as exc:
        return exc
    finally:
        connection.close()
    raise AssertionError(f"{statement} did not fail")


def test_a_known_error_is_kept_and_a_foreign_exception_is_a_bug() -> None:
    refused = ReportError("cddh.kh.tong: không được âm")
    assert storage_error(refused) is refused
    assert storage_error(ValueError("no")) is None
    assert storage_error(sqlalchemy_exc.OperationalError("SELECT 1", {}, ValueError("x"))) is None


def test_a_full_disk_or_a_vanished_stick_is_told_with_the_file_or_without() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/media/usb/cchc.sqlite3")
    told = storage_error(full)
    assert isinstance(told, StorageWriteError)
    assert told.message == ("Không ghi được tệp cchc.sqlite3: ổ đĩa đã đầy; hãy xóa bớt tệp "
                            "hoặc chọn ổ đĩa khác.")
    gone = storage_error(OSError(errno.EIO, "Input/output error"))
    assert gone is not None and gone.message == (
        "Không ghi được vào tệp dữ liệu: lỗi đọc ghi ổ đĩa (USB đã rút ra?); hãy cắm lại rồi "
        "thử lại.")


def test_sqlites_english_is_turned_into_the_clerks_sentence() -> None:
    wrapped = sqlalchemy_exc.OperationalError(
        "INSERT ...", {}, sqlite3.OperationalError("attempt to write a readonly database"))
    told = storage_error(wrapped, strict=True)
    assert told is not None and told.message.startswith(
        "Không ghi được vào tệp dữ liệu: tệp hoặc thư mục dữ liệu chỉ cho phép đọc")
    full = storage_error(sqlite3.OperationalError("database or disk is full"))
    assert full is not None and "ổ đĩa đã đầy" in full.message


def test_an_unknown_sqlite_error_is_a_bug_when_strict() -> None:
    missing_table = _sqlite_error("SELECT * FROM khong_co_bang")
    assert storage_error(missing_table, strict=True) is None
    loose = storage_error(missing_table)
    assert loose is not None and loose.message == (
        "Không ghi được vào tệp dữ liệu: lỗi của SQLite (no such table: khong_co_bang).")


def test_a_lost_server_is_told_without_its_password(pg: ModuleType) -> None:
    lost = pg.OperationalError(
        "connection to server at \"10.0.0.5\" failed:\n  server closed the connection "
        "(postgresql://cchc:mat-khau@10.0.0.5/cchc)")
    told = storage_error(sqlalchemy_exc.OperationalError("SELECT 1", {}, lost))
    assert told is not None
    assert told.message.startswith("Mất kết nối tới máy chủ dữ liệu (connection to server at "
                                   "\"10.0.0.5\" failed: server closed the connection")
    assert "mat-khau" not in told.message and "***" in told.message
    assert told.message.endswith("thay đổi vừa rồi chưa được lưu. Hãy kiểm tra mạng và máy "
                                 "chủ rồi thử lại.")
    shutdown = storage_error(sqlalchemy_exc.OperationalError(
        "SELECT 1", {}, pg.errors.AdminShutdown("terminating connection")))
    assert shutdown is not None and shutdown.message.startswith("Mất kết nối tới máy chủ")
    # A query the server refused for its own reasons (a deadlock: 40P01) is no lost line.
    assert storage_error(sqlalchemy_exc.OperationalError(
        "UPDATE reports", {}, pg.errors.DeadlockDetected("deadlock detected"))) is None


@pytest.mark.parametrize(("statement", "detail", "told"), [
    ("SELECT * FROM reports", "permission denied for table reports",
     "không có quyền xem dữ liệu CCHC Desktop: cần một vai trò Xem (cchc_viewer)"),
    ("  with x as (select 1) select * from x", "permission denied for table units",
     "không có quyền xem dữ liệu CCHC Desktop"),
    ("INSERT INTO values ...", "permission denied for table values",
     "không có quyền ghi dữ liệu này: cần vai trò Chuyên viên (cchc_clerk)"),
    ("UPDATE reports SET status = 'final'",
     "cchc-desktop: status change needs cchc_leader (report 3)",
     "không có quyền đổi trạng thái báo cáo (hoàn thành, đã gửi, mở lại, xóa báo cáo đã hoàn "
     "thành): cần vai trò Lãnh đạo (cchc_leader)"),
])
def test_what_the_servers_roles_refuse_is_named_with_the_role_needed(
        pg: ModuleType, statement: str, detail: str, told: str) -> None:
    refused = sqlalchemy_exc.ProgrammingError(statement, {},
                                              pg.errors.InsufficientPrivilege(detail))
    error = privilege_error(refused, "nv_lan")
    assert isinstance(error, PrivilegeError) and isinstance(error, KnownError)
    assert error.message.startswith(f"Tài khoản máy chủ nv_lan {told}")


def test_another_programming_error_is_no_privilege_error(pg: ModuleType) -> None:
    undefined = sqlalchemy_exc.ProgrammingError(
        "SELECT * FROM x", {}, pg.errors.UndefinedTable("relation \"x\" does not exist"))
    assert privilege_error(undefined, "nv_lan") is None
    assert privilege_error(ValueError("x"), "nv_lan") is None
