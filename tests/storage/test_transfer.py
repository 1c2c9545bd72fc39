"""storage/transfer.py: an office's data moved to a new data file (migrate-db) row for row, all
of it or nothing: a target that has data, is the source, or is held by another writer is
refused untouched, and a copy that fails half way leaves no file behind.

Beside tests/server/test_migrate_db.py, which moves a data file to a PostgreSQL server and
back through the command: here file to file, without a server.
"""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.datafile import FileKind, look_at
from cchc_desktop.storage.instance_lock import AlreadyOpenError, InstanceLock
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from cchc_desktop.storage.transfer import TransferError, migrate, stored_tables


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file with a unit, a subordinate pointing at it, two reports and their history."""
    path = tmp_path_factory.mktemp("transfer") / "office.sqlite3"
    store = ReportStore(Database.open(path))
    store.save_own_unit(OwnUnit("xa-thu", "Ủy ban nhân dân xã Thử", "xa"))
    store.set_subordinate_units([Unit("thon-1", "Thôn Một", "thon", "Ủy ban nhân dân xã Thử")])
    q1 = store.save_report(make_report({"tcc.dtc.giai_ngan": "2987.456", "cddh.kh.tong": 10},
                                       texts={"cddh": "Đã rà soát 12 thủ tục."}))
    store.save_report(make_report({"cddh.kh.tong": 12}, kind="H1"))
    store.set_status(q1, ReportStatus.FINAL)
    store.set_setting("ngon_ngu", "vi")
    store.database.close()
    return path


@pytest.fixture
def source(office: Path, tmp_path: Path) -> Path:
    path = tmp_path / "nguon" / "cchc.sqlite3"
    path.parent.mkdir()
    shutil.copy(office, path)
    return path


def _raw(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table as SQLite keeps it: text, numbers and bytes, no conversion."""
    with sqlite3.connect(path) as connection:
        rows = {table.name: connection.execute(
            f'SELECT * FROM "{table.name}" ORDER BY '
            f'{", ".join(c.name for c in table.primary_key)}').fetchall()
            for table in stored_tables()}
    connection.close()
    return rows


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".migrate-" in p.name or p.suffix == ".lock")


def test_a_new_file_gets_every_row_as_it_was_stored(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "dich" / "cchc-moi.sqlite3"
    before = _raw(source)
    summary = migrate(source, target)
    assert _raw(target) == _raw(source)
    assert summary.source == str(source) and summary.target == str(target)
    assert summary.rows["units"] == 2 and summary.rows["reports"] == 2
    assert list(summary.rows).index("units") < list(summary.rows).index("reports")
    assert summary.total == sum(len(rows) for rows in _raw(source).values())
    assert look_at(target).kind is FileKind.CURRENT
    assert _leftovers(target.parent) == [] and _leftovers(source.parent) == []
    assert _raw(source) == before, "the source is only read"
    copied = ReportStore(Database.open(target))
    report_id = copied.find_report_id("xa-thu", 2026, "Q1")
    assert report_id is not None
    report = copied.load_report(report_id)
    assert report.values["tcc.dtc.giai_ngan"] == Decimal("2987.456")
    assert report.status is ReportStatus.FINAL
    assert [u.code for u in copied.subordinate_units()] == ["thon-1"]
    copied.database.close()


def test_the_same_place_or_a_missing_source_is_refused(source: Path, tmp_path: Path) -> None:
    with pytest.raises(TransferError, match=r"^Nguồn và đích là cùng một nơi"):
        migrate(source, source.parent / ".." / "nguon" / "cchc.sqlite3")
    missing = tmp_path / "khong-co.sqlite3"
    with pytest.raises(TransferError) as caught:
        migrate(missing, tmp_path / "dich.sqlite3")
    assert caught.value.message == f"Không có tệp dữ liệu {missing} để chuyển."
    assert not (tmp_path / "dich.sqlite3").exists() and not missing.exists()


def test_a_target_that_has_data_is_left_as_it_was(source: Path, office: Path,
                                                   tmp_path: Path) -> None:
    target = tmp_path / "co-du-lieu.sqlite3"
    shutil.copy(office, target)
    before = target.read_bytes()
    with pytest.raises(TransferError, match="đã có dữ liệu; migrate-db chỉ chép vào một tệp"):
        migrate(source, target)
    assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_a_target_held_by_another_writer_is_not_made(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "dang-mo.sqlite3"
    with InstanceLock(target), pytest.raises(AlreadyOpenError, match="CCHC Desktop đang mở"):
        migrate(source, target)
    assert not target.exists()
    with InstanceLock(source), pytest.raises(AlreadyOpenError):
        migrate(source, target)
    assert not target.exists()


def test_a_copy_that_fails_half_way_leaves_no_file(source: Path, tmp_path: Path) -> None:
    # A history line of a report that is not there (written by a tool with foreign keys
    # off): the target, which checks them, refuses the row after the others went in.
    with sqlite3.connect(source) as connection:
        connection.execute("INSERT INTO change_log (report_id, user, entity, key, reason, at) "
                           "VALUES (999, 'x', 'value', 'k', '', '2026-01-01 00:00:00')")
    connection.close()
    target = tmp_path / "dich.sqlite3"
    with pytest.raises(TransferError) as caught:
        migrate(source, target)
    assert caught.value.message == (
        "Không chuyển được dữ liệu: FOREIGN KEY constraint failed. Đích không bị thay đổi.")
    assert not target.exists()
    assert _leftovers(tmp_path) == []
