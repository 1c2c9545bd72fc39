"""gui/wal_keeper.py: once no commit has come for a quiet tick, the data file's WAL is folded back
whole and emptied, the data file alone then holding every edit; a reader holding it back is
waited for, and a tick with no store or nothing new does nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.wal_keeper import WalKeeper
from cchc_desktop.storage.repository import ReportStore
from tests.gui.conftest import commune_unit


def wal(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-wal")


def wal_size(db_path: Path) -> int:
    return wal(db_path).stat().st_size if wal(db_path).exists() else 0


def write(store: ReportStore, name: str) -> None:
    unit = commune_unit()
    store.save_own_unit(type(unit)(**{**unit.__dict__, "signer_name": name}))


def names_in_file_alone(db_path: Path, tmp_path: Path) -> str:
    """The signer's name as a copy of the data file taken without its -wal reads it."""
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(db_path.read_bytes())
    with sqlite3.connect(copy) as connection:
        return "\n".join(str(row) for row in connection.execute("SELECT * FROM units"))


def keeper_for(qtbot, store: ReportStore) -> WalKeeper:  # type: ignore[no-untyped-def]
    keeper = WalKeeper(ReportController(store))
    keeper.stop()   # the test ticks by hand
    return keeper


def test_a_quiet_tick_empties_the_wal_into_the_data_file(qtbot, store, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    keeper = keeper_for(qtbot, store)
    write(store, "Nguyễn Văn Quiet")
    assert wal_size(db_path) > 0
    keeper.tick()                      # written since the last tick: wait
    assert wal_size(db_path) > 0
    keeper.tick()                      # quiet now: fold back
    assert wal_size(db_path) == 0
    assert "Nguyễn Văn Quiet" in names_in_file_alone(db_path, tmp_path)


def test_a_commit_between_ticks_puts_the_fold_off(qtbot, store, db_path) -> None:  # type: ignore[no-untyped-def]
    keeper = keeper_for(qtbot, store)
    write(store, "Một")
    keeper.tick()
    write(store, "Hai")               # the clerk still typing
    keeper.tick()
    assert wal_size(db_path) > 0
    keeper.tick()
    assert wal_size(db_path) == 0


def test_a_reader_holding_the_wal_is_waited_for(qtbot, store, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    keeper = keeper_for(qtbot, store)
    write(store, "Đang đọc")
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM units").fetchone()   # another window's look
    keeper.tick()
    keeper.tick()
    assert wal_size(db_path) > 0       # not folded under the reader
    reader.execute("COMMIT")
    reader.close()
    keeper.tick()                      # the next quiet tick tries again
    assert wal_size(db_path) == 0
    assert "Đang đọc" in names_in_file_alone(db_path, tmp_path)


def test_nothing_new_is_not_folded_twice(qtbot, store, db_path) -> None:  # type: ignore[no-untyped-def]
    keeper = keeper_for(qtbot, store)
    write(store, "Một")
    keeper.tick()
    keeper.tick()
    folded = keeper._folded
    assert folded == (id(store.database), store.database.commits)
    calls: list[bool] = []
    original = store.database.checkpoint
    store.database.checkpoint = lambda: calls.append(True) or original()  # type: ignore[method-assign]
    keeper.tick()
    assert calls == []


def test_no_store_is_no_work(qtbot) -> None:  # type: ignore[no-untyped-def]
    keeper = WalKeeper(ReportController())
    keeper.stop()
    keeper.tick()                      # no data file opened yet: nothing to fold, no crash
    assert keeper._seen is None


def test_it_ticks_by_itself_once_a_second(qtbot, store, db_path) -> None:  # type: ignore[no-untyped-def]
    keeper = WalKeeper(ReportController(store))
    assert keeper._timer.isActive() and keeper._timer.interval() == WalKeeper.QUIET_MS
    write(store, "Tự động")
    qtbot.waitUntil(lambda: wal_size(db_path) == 0, timeout=4 * WalKeeper.QUIET_MS)
    keeper.stop()
    assert not keeper._timer.isActive()
