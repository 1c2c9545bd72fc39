"""failures.py promises one table of the clerk's Vietnamese reasons for the OS's and SQLite's
own (English) errors, each a clause saying what to do; unknown conditions are named by their
code, never hidden. Beside tests/test_hostile_files.py and tests/storage/, which meet these
reasons through whole commands, this file asks the functions directly, with real errors
raised by the OS and by SQLite."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy

from cchc_desktop.failures import is_damaged_database, os_reason, sqlite_code, sqlite_reason
from cchc_desktop.i18n import set_language

FULL = "ổ đĩa đã đầy; hãy xóa bớt tệp hoặc chọn ổ đĩa khác"
LOCKED = ("tệp dữ liệu đang bị chương trình khác khóa; hãy đóng chương trình đó (hoặc cửa sổ "
          "CCHC Desktop khác) rồi thử lại")
NOT_A_DATABASE = "tệp không phải tệp dữ liệu hoặc đã bị hỏng; hãy khôi phục một bản sao lưu"


def _raised(action: object) -> BaseException:
    try:
        action()  # type: ignore[operator]
    except BaseException as exc:
        return exc
    raise AssertionError("nothing was raised")


def test_real_os_errors_get_the_clerks_reason(tmp_path: Path) -> None:
    missing = _raised(lambda: (tmp_path / "usb" / "bao-cao.json").read_bytes())
    assert isinstance(missing, OSError)
    assert os_reason(missing) == ("không tìm thấy tệp hoặc thư mục (đường dẫn sai, hoặc USB đã "
                                  "rút ra?); hãy kiểm tra lại đường dẫn")
    folder = _raised(lambda: open(tmp_path, "rb"))  # noqa: SIM115 never opened
    assert isinstance(folder, OSError)
    assert os_reason(folder) == "đây là một thư mục, không phải tệp; hãy chọn một tệp"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == FULL


def test_an_unknown_os_error_is_named_by_its_code_and_a_windows_sharing_violation_is_busy() -> None:
    assert os_reason(OSError(errno.ECONNRESET, "Connection reset by peer")) == (
        "lỗi hệ thống (ECONNRESET); hãy thử lại hoặc chọn thư mục khác")
    assert os_reason(OSError(None, "no code")) == (
        "lỗi hệ thống (?); hãy thử lại hoặc chọn thư mục khác")
    sharing = OSError(errno.EINVAL, "The process cannot access the file")
    sharing.winerror = 32  # type: ignore[attr-defined]  # as Windows sets it
    assert os_reason(sharing) == ("tệp đang được chương trình khác dùng; hãy đóng chương trình đó "
                                  "rồi thử lại")


def test_a_file_that_is_no_database_is_damaged_through_sqlite_and_sqlalchemy(tmp_path: Path
                                                                             ) -> None:
    path = tmp_path / "bang-tinh.sqlite3"
    path.write_bytes(b"PK\x03\x04 not a database, a zip" * 100)
    direct = _raised(lambda: sqlite3.connect(path).execute("SELECT * FROM sqlite_master"))
    assert sqlite_code(direct) == 26
    assert sqlite_reason(direct) == NOT_A_DATABASE
    assert is_damaged_database(direct)
    engine = sqlalchemy.create_engine(f"sqlite:///{path}")
    try:
        wrapped = _raised(lambda: engine.connect().execute(sqlalchemy.text("SELECT 1 FROM x")))
    finally:
        engine.dispose()
    assert isinstance(wrapped, sqlalchemy.exc.DatabaseError)
    assert sqlite_code(wrapped) == 26 and is_damaged_database(wrapped)


def test_a_file_locked_by_another_writer_is_busy_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    try:
        busy = _raised(lambda: other.execute("SELECT * FROM t"))
    finally:
        other.close()
        holder.close()
    assert sqlite_code(busy) == 5
    assert sqlite_reason(busy) == LOCKED
    assert not is_damaged_database(busy)


@pytest.mark.parametrize(("message", "code"), [
    ("attempt to write a readonly database", 8), ("database disk image is malformed", 11),
    ("database or disk is full", 13), ("unable to open database file", 14),
])
def test_an_error_raised_without_a_code_is_known_by_its_text(message: str, code: int) -> None:
    assert sqlite_code(sqlite3.OperationalError(message)) == code


def test_other_errors_are_not_sqlites() -> None:
    assert sqlite_code(ValueError("database is locked")) is None
    assert sqlite_reason(sqlite3.OperationalError("no such table: reports")) is None
    assert not is_damaged_database(RuntimeError("malformed"))


def test_the_reasons_speak_english_when_asked() -> None:
    set_language("en")
    assert os_reason(OSError(errno.ENOSPC, "full")) == (
        "the drive is full; delete some files or choose another drive")
    assert sqlite_reason(sqlite3.OperationalError("database is locked")) == (
        "the data file is locked by another program; close that program (or the other CCHC "
        "Desktop window) and try again")
