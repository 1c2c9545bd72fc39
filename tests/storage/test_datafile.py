"""The one door for writing a data file: what it refuses untouched, what it upgrades and marks."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from factories import DATA, sample_report

from cchc_desktop.storage.backups import list_backups
from cchc_desktop.storage.database import DataFileError, head_revision
from cchc_desktop.storage.datafile import (
    APPLICATION_ID,
    FileKind,
    look_at,
    open_for_writing,
    schema_generation,
)
from cchc_desktop.storage.instance_lock import AlreadyOpenError
from cchc_desktop.storage.repository import ReportStore


def _marks(path: Path) -> tuple[int, int]:
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        return (connection.execute("PRAGMA application_id").fetchone()[0],
                connection.execute("PRAGMA user_version").fetchone()[0])


def test_a_new_file_is_created_marked_as_a_cchc_data_file(tmp_path: Path) -> None:
    path = tmp_path / "moi.sqlite3"
    with open_for_writing(path) as opened:
        ReportStore(opened.database).save_report(sample_report())
    assert _marks(path) == (APPLICATION_ID, schema_generation())
    # The header bytes carry the marks (the WAL was folded back): readable without SQLite.
    header = path.read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID
    assert look_at(path).kind is FileKind.CURRENT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["moi.sqlite3"], "no lock, WAL left"


def test_another_programs_sqlite_file_is_refused_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "danh-ba.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('An')")
    before = path.read_bytes()
    with pytest.raises(DataFileError, match="không phải tệp dữ liệu CCHC Desktop"):
        open_for_writing(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["danh-ba.sqlite3"]


def test_a_file_with_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "khac.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA application_id = 1234")
        # Tables that look like ours do not make it ours.
        for table in ("alembic_version", "reports", "units", "report_values"):
            connection.execute(f"CREATE TABLE {table} (x)")
    before = path.read_bytes()
    assert look_at(path).kind is FileKind.FOREIGN
    with pytest.raises(DataFileError):
        open_for_writing(path)
    assert path.read_bytes() == before


def test_a_file_of_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "moi-hon.sqlite3"
    open_for_writing(path).close()
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(f"PRAGMA user_version = {schema_generation() + 1}")
    before = path.read_bytes()
    with pytest.raises(DataFileError, match="phiên bản CCHC Desktop mới hơn"):
        open_for_writing(path)
    assert path.read_bytes() == before


def test_an_older_file_gets_a_restore_point_then_the_upgrade_then_the_marks(tmp_path: Path) -> None:
    path = tmp_path / "cu.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0001.sqlite3", path)
    assert look_at(path).kind is FileKind.OLDER
    open_for_writing(path).close()
    [backup] = list_backups(path)
    assert backup.reason == "Trước khi nâng cấp tệp dữ liệu"
    with contextlib.closing(sqlite3.connect(backup.path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert connection.execute("PRAGMA application_id").fetchone() == (0,)
    assert look_at(path).kind is FileKind.CURRENT
    assert look_at(path).revision == head_revision()
    assert _marks(path) == (APPLICATION_ID, schema_generation())


@pytest.mark.parametrize("make", ["folder", "fifo", "dangling link"])
def test_what_is_not_a_regular_file_is_refused_with_a_message(tmp_path: Path, make: str) -> None:
    path = tmp_path / "du-lieu.sqlite3"
    if make == "folder":
        path.mkdir()
    elif make == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(tmp_path / "khong-co.sqlite3")
    with pytest.raises(DataFileError):
        open_for_writing(path)


def test_a_second_writer_is_refused_until_the_first_closes(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    first = open_for_writing(path)
    try:
        with pytest.raises(AlreadyOpenError, match="CCHC Desktop đang mở tệp dữ liệu này"):
            open_for_writing(path)
    finally:
        first.close()
    open_for_writing(path).close()


def test_random_bytes_behind_a_sqlite_header_are_refused_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "hong.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4080))
    before = path.read_bytes()
    with pytest.raises(DataFileError):
        open_for_writing(path)
    assert path.read_bytes() == before
