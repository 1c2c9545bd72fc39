"""Restore points: made with the backup API, listed with their reason, rotated, restored."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

from factories import sample_report

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage.backups import create_backup, list_backups, restore_backup, rotate
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore


def _store(data_file: Path) -> tuple[ReportStore, int]:
    store = ReportStore(Database.open(data_file))
    store.save_own_unit(OwnUnit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa"))
    return store, store.save_report(sample_report())


def test_backup_is_a_consistent_copy_while_the_file_is_open(data_file: Path) -> None:
    store, report_id = _store(data_file)
    info = create_backup(data_file, "Khởi động")
    # Written after the snapshot: must not be in it.
    store.set_value(report_id, "cddh.kh.tong", Decimal(99))
    with sqlite3.connect(info.path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT value FROM report_values WHERE code='cddh.kh.tong'"
                            ).fetchone() == ("66",)
    [listed] = list_backups(data_file)
    assert listed.reason == "Khởi động"
    assert listed.reports == [{"key": "2026-Q1", "period": "Quý I năm 2026", "status": "Dự thảo"}]


def test_restore_takes_a_backup_of_the_current_state_first(data_file: Path) -> None:
    store, report_id = _store(data_file)
    before = create_backup(data_file, "Trước khi nhập")
    store.set_value(report_id, "cddh.kh.tong", Decimal(99))
    store.set_value(report_id, "cddh.kh.chua_thuc_hien", Decimal(4 + 33))  # the parts sum again
    store.set_status(report_id, ReportStatus.FINAL)
    store.database.close()
    safety = restore_backup(data_file, before)
    reopened = ReportStore(Database.open(data_file))
    report = reopened.load_report(report_id)
    assert report.values["cddh.kh.tong"] == 66 and report.status is ReportStatus.DRAFT
    with sqlite3.connect(safety.path) as copy:
        assert copy.execute("SELECT value FROM report_values WHERE code='cddh.kh.tong'"
                            ).fetchone() == ("99",)


def test_rotation_keeps_the_newest_and_one_per_period(data_file: Path) -> None:
    store, report_id = _store(data_file)
    start = dt.datetime(2026, 3, 1, 8, 0)
    create_backup(data_file, "Quý I", now=start)
    store.delete_report(report_id)
    store.create_report(2026, "H1")
    for minute in range(1, 26):
        create_backup(data_file, f"Sửa {minute}", now=start + dt.timedelta(minutes=minute))
    backups = list_backups(data_file)
    assert len(backups) == 21
    assert backups[-1].reason == "Quý I"          # the only restore point of Quý I survives
    assert backups[0].reason == "Sửa 25"
    assert rotate(data_file) == []
