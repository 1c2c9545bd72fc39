"""storage/database.py: a data file opened with its pragmas and migrated, what is not one (or
is a newer one) refused untouched, and a session that commits whole or not at all, its
failures told in the clerk's words.

Beside tests/storage/test_wal.py (checkpoint and the WAL's size), tests/storage/test_datafile.py
(the marks and the instance lock of storage/datafile.py, which opens through Database.open)
and tests/storage/test_migrations.py (the migrations themselves).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy import text

from cchc_desktop.storage.database import (
    HEAD_REVISION,
    ConflictingWriteError,
    Database,
    DataFileError,
)
from cchc_desktop.storage.errors import StorageWriteError
from cchc_desktop.storage.models import SettingRow, UnitRow


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty data file at the current schema, made once: each test works on a copy."""
    path = tmp_path_factory.mktemp("database") / "empty.sqlite3"
    Database.open(path).close()
    return path


@pytest.fixture
def database(migrated: Path, data_file: Path) -> Database:
    shutil.copy(migrated, data_file)
    return Database.open(data_file)


def _settings(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT key, value FROM settings ORDER BY key").fetchall()


def test_a_new_file_is_created_in_new_folders_at_the_head_revision(tmp_path: Path) -> None:
    path = tmp_path / "Dữ liệu" / "năm 2026" / "cchc.sqlite3"
    database = Database.open(path)
    assert database.current_revision() == HEAD_REVISION
    assert database.label == str(path) and database.path == path and not database.is_server
    with database.engine.connect() as connection:
        pragmas = [connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                   for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")]
    assert pragmas == [1, "wal", 1, 5000]      # synchronous 1: NORMAL
    database.close()


def test_a_file_that_is_not_sqlite_is_refused_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.sqlite3"
    path.write_bytes(b"PK\x03\x04 a workbook, not a data file")
    with pytest.raises(DataFileError, match=r"^Tệp bao-cao\.sqlite3 không phải tệp dữ liệu"):
        Database.open(path)
    assert path.read_bytes() == b"PK\x03\x04 a workbook, not a data file"
    damaged = tmp_path / "hong.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 4080)
    with pytest.raises(DataFileError, match=r"^Tệp dữ liệu hong\.sqlite3 bị hỏng"):
        Database.open(damaged)
    assert damaged.read_bytes() == b"SQLite format 3\x00" + b"\xa5" * 4080


@pytest.mark.parametrize(("versions", "message"), [
    (["9999"], "được tạo bởi phiên bản CCHC Desktop mới hơn"),
    (["0013", HEAD_REVISION], "có nhiều phiên bản lược đồ cùng lúc"),
])
def test_a_file_of_an_unknown_schema_is_refused_untouched(
        migrated: Path, data_file: Path, versions: list[str], message: str) -> None:
    shutil.copy(migrated, data_file)
    with sqlite3.connect(data_file) as connection:
        connection.execute("DELETE FROM alembic_version")
        connection.executemany("INSERT INTO alembic_version VALUES (?)", [(v,) for v in versions])
    connection.close()
    before = data_file.read_bytes()
    with pytest.raises(DataFileError, match=message) as caught:
        Database.open(data_file)
    assert "cchc.sqlite3" in caught.value.message
    assert data_file.read_bytes() == before


def test_a_data_folder_that_cannot_be_made_is_told_in_vietnamese(tmp_path: Path) -> None:
    (tmp_path / "tep").write_text("một tệp, không phải thư mục", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        Database.open(tmp_path / "tep" / "cchc.sqlite3")
    assert caught.value.message == (f"Không tạo được thư mục dữ liệu {tmp_path / 'tep'}: đã có "
                                    "tệp hoặc thư mục cùng tên; hãy đổi tên.")


def test_a_session_that_raises_writes_nothing(database: Database) -> None:
    with pytest.raises(ValueError, match="giữa chừng"), database.session() as session:
        session.add(SettingRow(key="ngon_ngu", value="vi"))
        session.flush()
        raise ValueError("lỗi giữa chừng")
    with database.session() as session:
        session.add(SettingRow(key="thu_muc", value="D:\\Báo cáo"))
    assert _settings(database.path) == [("thu_muc", "D:\\Báo cáo")]
    assert database.commits >= 1


def test_a_row_already_there_is_a_conflicting_write_and_a_bug_stays_a_bug(
        database: Database) -> None:
    with database.session() as session:
        session.add(SettingRow(key="ngon_ngu", value="vi"))
    with pytest.raises(ConflictingWriteError) as caught, database.session() as session:
        session.add(SettingRow(key="thu_muc", value="C:\\"))
        session.add(SettingRow(key="ngon_ngu", value="en"))
    assert caught.value.message.startswith("Không lưu được vì dữ liệu này vừa được một chương "
                                           "trình khác ghi vào tệp dữ liệu cùng lúc")
    assert "Không có gì bị ghi dở" in caught.value.message
    with pytest.raises(sqlalchemy_exc.IntegrityError), database.session() as session:
        session.add(UnitRow(code="xa-thu", name="Xã Thử", level=""))    # CHECK: the app's bug
    assert _settings(database.path) == [("ngon_ngu", "vi")]


def test_a_file_locked_by_another_program_is_a_storage_write_error(database: Database) -> None:
    other = sqlite3.connect(database.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")          # another program holds the write lock
    try:
        with pytest.raises(StorageWriteError) as caught, database.session() as session:
            session.execute(text("PRAGMA busy_timeout=0"))    # not the 5 s the app waits
            session.add(SettingRow(key="ngon_ngu", value="vi"))
        assert caught.value.message.startswith(
            "Không ghi được vào tệp dữ liệu: tệp dữ liệu đang bị chương trình khác khóa")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _settings(database.path) == []


def test_edits_together_are_one_transaction_and_do_not_nest(database: Database) -> None:
    with pytest.raises(ConflictingWriteError), database.together():
        with database.session() as session:
            session.add(SettingRow(key="a", value="1"))
        with database.session() as session:      # joins the block: not committed on its own
            session.add(SettingRow(key="b", value="2"))
        with database.session() as session:
            session.add(SettingRow(key="a", value="3"))
    assert _settings(database.path) == []
    with database.together() as outer:
        with database.session() as session:
            assert session is outer
            session.add(SettingRow(key="b", value="2"))
        with pytest.raises(RuntimeError, match="do not nest"), database.together():
            pass
    assert _settings(database.path) == [("b", "2")]
