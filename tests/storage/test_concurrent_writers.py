"""Many writers on one data file at once: they take turns or get a clear message, never a traceback."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from factories import sample_report
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError

from cchc_desktop.storage.database import ConflictingWriteError, Database
from cchc_desktop.storage.datafile import open_for_writing
from cchc_desktop.storage.instance_lock import AlreadyOpenError, InstanceLock, format_seconds
from cchc_desktop.storage.models import ReportRow, UnitRow
from cchc_desktop.storage.repository import ReportStore

WRITERS = 6


def _start(*args: str | Path, wait: str = "120") -> subprocess.Popen[str]:
    # A generous wait: six imports queue behind each other on a busy two-core machine.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "CCHC_DESKTOP_LOCK_WAIT": wait}
    return subprocess.Popen([sys.executable, "-m", "cchc_desktop", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=env)


def _finish(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    results = []
    for process in processes:
        _out, err = process.communicate(timeout=600)
        assert "Traceback" not in err, err
        results.append((process.returncode, err))
    return results


def _report_files(sample_path: Path, folder: Path, years: list[int]) -> list[Path]:
    base = json.loads(sample_path.read_text("utf-8"))
    files = []
    for index, year in enumerate(years):
        data = copy.deepcopy(base)
        data["period"]["year"] = year
        path = folder / f"bao-cao-{index}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        files.append(path)
    return files


def _check_file(db: Path) -> list[tuple[str, int]]:
    """The data file opens, is whole, and holds these reports."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        reports = connection.execute(
            "SELECT u.code, r.year FROM reports r JOIN units u ON u.id = r.unit_id "
            "ORDER BY r.year").fetchall()
    connection.close()
    with open_for_writing(db) as opened:
        assert ReportStore(opened.database).list_reports()
    return reports


def test_processes_creating_one_new_file_take_turns(sample_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "moi" / "cchc.sqlite3"
    years = [2020 + n for n in range(WRITERS)]
    files = _report_files(sample_path, tmp_path, years)
    results = _finish([_start("import", path, "--db", db) for path in files])
    assert [code for code, _err in results] == [0] * WRITERS, results
    assert [year for _code, year in _check_file(db)] == years
    assert not (db.parent / "cchc.sqlite3.lock").exists()


def test_the_same_report_replaced_by_many_at_once(sample_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "cchc.sqlite3"
    files = _report_files(sample_path, tmp_path, [2026] * WRITERS)
    results = _finish([_start("import", path, "--db", db, "--replace") for path in files])
    assert [code for code, _err in results] == [0] * WRITERS, results
    assert _check_file(db) == [("xa-my-an", 2026)]


def test_the_same_report_imported_twice_at_once(sample_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "cchc.sqlite3"
    results = _finish([_start("import", sample_path, "--db", db) for _ in range(2)])
    assert sorted(code for code, _err in results) == [0, 2], results
    [refused] = [err for code, err in results if code == 2]
    assert "Tệp dữ liệu đã có báo cáo Quý I năm 2026 của Ủy ban nhân dân xã Mỹ An" in refused
    assert "IntegrityError" not in refused
    assert _check_file(db) == [("xa-my-an", 2026)]


def test_a_command_waits_its_turn_then_gives_up_with_a_message(sample_path: Path,
                                                              tmp_path: Path) -> None:
    db = tmp_path / "cchc.sqlite3"
    held = InstanceLock(db)
    held.acquire()
    try:
        result = _finish([_start("import", sample_path, "--db", db, wait="1")])
    finally:
        held.release()
    [(code, err)] = result
    assert code == 3
    assert "chờ tối đa 1 giây" in err
    assert "đang được một chương trình CCHC Desktop khác ghi" in err
    assert f"PID {os.getpid()}" in err and "đã chờ 1 giây" in err
    assert not db.exists(), "a refused command creates nothing"


def test_a_wrong_wait_is_told(sample_path: Path, tmp_path: Path) -> None:
    [(code, err)] = _finish([_start("import", sample_path, "--db", tmp_path / "x.sqlite3",
                                    wait="nhanh")])
    assert code == 2
    assert "CCHC_DESKTOP_LOCK_WAIT phải là số giây chờ" in err


def test_the_lock_is_taken_when_the_holder_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    holder = InstanceLock(path)
    holder.acquire()
    told: list[int] = []
    timer = threading.Timer(0.3, holder.release)
    timer.start()
    waiter = InstanceLock(path)
    try:
        waiter.acquire(wait_seconds=60, on_wait=lambda owner: told.append(owner.pid))
        assert waiter.locked and not holder.locked
        assert told == [os.getpid()], "told once, with the holder's process"
        assert waiter.owner().pid == os.getpid()
    finally:
        timer.join()
        waiter.release()


def test_a_bounded_wait_ends_in_the_refusal(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    holder = InstanceLock(path)
    holder.acquire()
    try:
        start = time.monotonic()
        with pytest.raises(AlreadyOpenError, match="đã chờ 0,2 giây"):
            InstanceLock(path).acquire(wait_seconds=0.2)
        assert time.monotonic() - start >= 0.2
        with pytest.raises(AlreadyOpenError, match="Hãy dùng cửa sổ đang mở"):
            InstanceLock(path).acquire()          # the window: no wait
    finally:
        holder.release()


def test_seconds_are_written_the_vietnamese_way() -> None:
    assert [format_seconds(s) for s in (30, 30.0, 2.5, 0.25)] == ["30", "30", "2,5", "0,2"]


def test_a_unique_row_added_by_another_writer_is_a_clear_message(data_file: Path) -> None:
    first, second = Database.open(data_file), Database.open(data_file)
    try:
        with first.session() as session:
            session.add(UnitRow(code="xa-my-an", name="Xã Mỹ An", level="xa"))
        with pytest.raises(ConflictingWriteError, match="vừa được một chương trình khác ghi"), \
                second.session() as session:
            session.add(UnitRow(code="xa-binh-thanh", name="Xã Bình Thạnh", level="xa"))
            session.flush()
            session.add(UnitRow(code="xa-my-an", name="Xã Mỹ An", level="xa"))
        with second.session() as session:
            assert session.scalar(select(func.count()).select_from(UnitRow)) == 1, \
                "rolled back whole: nothing half-written"
    finally:
        first.close()
        second.close()


def test_another_constraint_failure_stays_a_bug(data_file: Path) -> None:
    database = Database.open(data_file)
    try:
        with pytest.raises(IntegrityError, match="CHECK"), database.session() as session:
            session.add(UnitRow(code="x", name="X", level=""))
    finally:
        database.close()


def test_a_report_saved_by_another_writer_mid_save(data_file: Path) -> None:
    """Two stores without the lock: the other one stores the same unit between our look and insert."""
    ours, theirs = ReportStore(Database.open(data_file)), ReportStore(Database.open(data_file))
    report = sample_report()

    def other_writer_first(*_args: object) -> None:
        theirs.save_report(report)

    event.listen(ours.database._sessions, "before_flush", other_writer_first, once=True)
    try:
        with pytest.raises(ConflictingWriteError, match="thử lại"):
            ours.save_report(report)
        assert len(ours.list_reports()) == 1
        with ours.database.session() as session:
            assert session.scalar(select(func.count()).select_from(ReportRow)) == 1
    finally:
        ours.database.close()
        theirs.database.close()
