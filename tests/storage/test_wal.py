"""The data file's WAL stays small: cut back after each fold, emptied by an idle checkpoint."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cchc_desktop.storage.database import JOURNAL_SIZE_LIMIT, Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore


def _writes(store: ReportStore, count: int) -> None:
    for index in range(count):
        store.set_setting("probe", "x" * 2000 + str(index))


def test_every_connection_limits_the_wal(tmp_path: Path) -> None:
    database = Database.open(tmp_path / "cchc.sqlite3")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_size_limit").scalar() == JOURNAL_SIZE_LIMIT
    database.close()


def test_a_checkpoint_empties_the_wal_and_keeps_every_commit(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    database = Database.open(path)
    store = ReportStore(database)
    store.save_own_unit(OwnUnit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa"))
    before = database.commits
    _writes(store, 200)
    assert database.commits >= before + 200
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0
    assert database.checkpoint()
    assert wal.stat().st_size == 0
    # The file alone has everything (read as a copy would be, without the WAL).
    with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as copy:
        assert copy.execute("SELECT count(*) FROM units").fetchone() == (1,)
    copy.close()
    database.close()


def test_a_reader_holds_the_wal_back_without_harm(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    database = Database.open(path)
    store = ReportStore(database)
    _writes(store, 50)
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
    _writes(store, 50)
    assert not database.checkpoint(), "a reader in the middle of a read: tried again later"
    reader.rollback()
    reader.close()
    assert database.checkpoint()
    assert store.setting("probe").endswith("49")
    database.close()
