"""gui/report_controller.py: the data file and the open report for the window, without a
widget: what the start page and the tree read, opening and closing reports with signals, the
check before marking final, restore points put back, and a switch to other data.

Beside tests/gui/test_restore.py (Tệp > Khôi phục... through the window, the report reopened
with its old figures), test_store_access.py (only the controller and the session reach the
store), test_collector.py (the open report frozen out of the collector) and
test_window_on_server.py (the same on a PostgreSQL server). Here the controller alone on a real
SQLite data file.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.session import Correction, ReportSession
from cchc_desktop.storage.backups import create_backup, list_backups
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.instance_lock import AlreadyOpenError, InstanceLock
from cchc_desktop.storage.repository import OwnUnit, ReportStore


class Heard:
    """What the controller said with its signals, in order."""

    def __init__(self, controller: ReportController) -> None:
        self.said: list[str] = []
        self.closed: list[ReportSession] = []
        controller.store_changed.connect(lambda: self.said.append("store"))
        controller.report_opened.connect(lambda: self.said.append("opened"))
        controller.report_closed.connect(self._closed)

    def _closed(self, session: ReportSession) -> None:
        self.said.append("closed")
        self.closed.append(session)


def test_before_the_data_file_opens_everything_reads_empty() -> None:
    controller = ReportController()
    assert not controller.file_open and not controller.on_server
    assert controller.own_unit() is None and controller.reports() == []
    assert controller.subordinate_units() == [] and controller.find_report("xa-my-an", 2026, "Q1") is None
    reports, template_for = controller.unit_reports("xa-my-an")
    assert reports == [] and template_for("cchc-2021@1").id == "cchc-2021"
    assert not controller.is_own_unit("xa-my-an") and not controller.consolidates()
    assert controller.mail_outbox() is None and controller.trust() is None
    assert controller.presence() is None and controller.missing_server_tools() is None
    assert controller.restore_points() == []
    assert controller.flush() and controller.close(), "no report: nothing to write"


def test_the_data_file_once_open_lists_the_units_reports(store: ReportStore, commune: OwnUnit) -> None:
    controller = ReportController()
    heard = Heard(controller)
    controller.set_store(store)
    assert heard.said == ["store"] and controller.file_open
    assert controller.is_own_unit("xa-my-an") and not controller.is_own_unit("xa-tan-my")
    report_id = controller.create_report(2026, "H1")
    assert controller.find_report("xa-my-an", 2026, "H1") == report_id
    assert controller.find_report("xa-my-an", 2026, "Q1") is None
    [summary] = controller.reports()
    assert (summary.period.label, summary.status.label, summary.unit_name) == (
        "6 tháng năm 2026", "Dự thảo", "Ủy ban nhân dân xã Mỹ An")
    assert controller.reports(year=2025) == []
    reports, _template_for = controller.unit_reports("xa-my-an")
    assert [r.period.key for r in reports] == ["2026-H1"]
    assert controller.unit_reports("")[0] == [], "no unit, no trend"
    controller.ensure_may_write()       # a data file: the clerk writes


def test_opening_a_report_closes_the_one_open_and_says_both(store: ReportStore, commune: OwnUnit,
                                                            sample_report_id: int) -> None:
    controller = ReportController(store)
    heard = Heard(controller)
    first = controller.open(sample_report_id)
    assert controller.session is first and first.report.period.label == "Quý I năm 2026"
    first.set_value("cddh.kh.tong", Decimal(66))       # not yet written: the saver waits
    assert first.saver.pending
    second = controller.open(controller.create_report(2026, "Q3"))
    assert heard.said == ["opened", "closed", "opened"] and heard.closed == [first]
    assert store.load_report(sample_report_id).values["cddh.kh.tong"] == 66, \
        "the first report's edit was written as it closed"
    assert controller.close() and controller.session is None
    assert heard.closed == [first, second]
    assert controller.close(), "closing twice is nothing"
    assert heard.said.count("closed") == 2


def test_consolidating_needs_the_own_units_report_and_subordinate_units(
        store: ReportStore, commune: OwnUnit, sample_report_id: int) -> None:
    controller = ReportController(store)
    controller.open(sample_report_id)
    assert not controller.consolidates(), "no subordinate unit yet"
    store.set_subordinate_units([Unit("ap-1", "Ấp Mỹ Hòa", "thon", "Ủy ban nhân dân xã Mỹ An")])
    assert [u.name for u in controller.subordinate_units()] == ["Ấp Mỹ Hòa"]
    assert controller.consolidates()
    assert controller.consolidation().report_id == sample_report_id
    controller.close()
    assert not controller.consolidates(), "no report open"


def test_the_check_before_final_counts_refused_texts_and_errors(
        store: ReportStore, commune: OwnUnit, sample_report_id: int) -> None:
    controller = ReportController(store)
    session = controller.open(controller.create_report(2026, "Q3"))
    errors, readiness = controller.final_check()
    assert errors == [] and not readiness.complete, "nothing wrong, much missing"
    for code, value in {"cddh.kh.tong": 70, "cddh.kh.hoan_thanh": 42,
                        "cddh.kh.dang_thuc_hien": 20, "cddh.kh.chua_thuc_hien": 4}.items():
        session.set_value(code, Decimal(value))
    session.set_correction(Correction("cddh.giao.tong", "Tổng số nhiệm vụ được giao", "1.234,5",
                                      "Chỉ nhập số nguyên.", "cddh"))
    errors, _readiness = controller.final_check()
    assert not session.saver.pending, "the edits were written before the check"
    assert errors[0] == ("Đang sửa: Tổng số nhiệm vụ được giao – “1.234,5” chưa được lưu (Chỉ nhập "
                         "số nguyên.)"), "a refused text first"
    assert len(errors) == 2 and errors[1].startswith(
        "Tổng số nhiệm vụ trong kế hoạch CCHC năm (70) khác tổng")
    with pytest.raises(KnownError, match="Báo cáo còn 1 lỗi phải sửa"):
        controller.set_status(ReportStatus.FINAL)     # the store refuses it too
    session.set_value("cddh.kh.tong", Decimal(66))
    session.clear_correction("cddh.giao.tong")
    assert controller.final_check()[0] == []
    controller.set_status(ReportStatus.FINAL)
    assert store.load_report(session.report_id).status is ReportStatus.FINAL
    controller.close()


def test_a_restore_point_put_back_opens_the_file_and_the_report_again(
        store: ReportStore, commune: OwnUnit, sample_report_id: int, db_path: Path) -> None:
    controller = ReportController(store)
    heard = Heard(controller)
    session = controller.open(sample_report_id)
    session.set_value("cddh.kh.tong", Decimal(66))
    assert controller.flush()
    chosen = create_backup(db_path, "Mốc trước khi sửa")
    session.set_value("cddh.kh.tong", Decimal(67))
    assert [b.reason for b in controller.restore_points()] == ["Mốc trước khi sửa"]
    safety = controller.restore(chosen)
    try:
        assert safety.reason == "Trước khi khôi phục"
        assert [b.reason for b in list_backups(db_path)] == ["Trước khi khôi phục", "Mốc trước khi sửa"]
        assert heard.said == ["opened", "closed", "store", "opened"]
        assert controller.store is not store, "a fresh store on the file put back"
        assert controller.session is not None and controller.session.report_id == sample_report_id
        assert controller.session.value("cddh.kh.tong") == 66
        assert controller.data_lock is not None, "the lock a window made without one takes"
        with pytest.raises(AlreadyOpenError):
            InstanceLock(db_path).acquire()
        assert controller.store is not None
        assert controller.store.load_report(sample_report_id).values["cddh.kh.tong"] == 66
    finally:
        controller.close()
        controller.release()
    again = InstanceLock(db_path)
    again.acquire()                            # given back: it can be taken again
    again.release()


def test_switching_to_other_data_closes_the_old_file_and_gives_its_lock_back(
        store: ReportStore, commune: OwnUnit, sample_report_id: int, db_path: Path,
        tmp_path: Path) -> None:
    controller = ReportController(store)
    lock = InstanceLock(db_path)
    lock.acquire()
    controller.data_lock = lock
    heard = Heard(controller)
    controller.open(sample_report_id)
    other = ReportStore(Database.open(tmp_path / "may-chu.sqlite3"))
    try:
        assert controller.switch_to(other)
        assert heard.said == ["opened", "closed", "store"]
        assert controller.store is other and controller.session is None
        assert controller.data_lock is None and controller.own_unit() is None
        again = InstanceLock(db_path)
        again.acquire()                        # given back: it can be taken again
        again.release()
    finally:
        other.database.close()
