"""consolidations: what a consolidation keeps in the data file.

The units' reports as they arrived (when, from which file), the consolidated report and
the unit's own figures apart from the sums, in one transaction: together or not at all.
The sums themselves are imports/subordinates.py's (tests/imports).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, template

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.lifecycle import ReportLockedError
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import Report, ReportStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore, StoredSubmission

TOTAL, DONE = "cddh.kh.tong", "cddh.kh.hoan_thanh"
COMMUNE = Unit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa", "Ủy ban nhân dân huyện Thử")
MY_THUAN = Unit("ap-my-thuan", "Ấp Mỹ Thuận", "xa", COMMUNE.name)
MY_HOA = Unit("ap-my-hoa", "Ấp Mỹ Hòa", "xa", COMMUNE.name)


def _submission(unit: Unit, total: int, *, revision: int = 0, done: int = 0,
                status: ReportStatus = ReportStatus.DRAFT, kind: str = "Q1") -> StoredSubmission:
    period = Period.default(2026, kind)
    report = Report(template_ref=template().ref, unit=unit, period=period, revision=revision,
                    status=status, values={TOTAL: Decimal(total), DONE: Decimal(done)})
    return StoredSubmission(None, report, dt.datetime.combine(period.deadline, dt.time(8)),
                            f"{unit.code}-r{revision}.json", f"{revision:02d}{total:062d}")


@pytest.fixture
def store(data_file: Path) -> ReportStore:
    store = ReportStore(Database.open(data_file))
    store.save_own_unit(OwnUnit(COMMUNE.code, COMMUNE.name, COMMUNE.level, parent=COMMUNE.parent))
    store.set_subordinate_units([MY_THUAN, MY_HOA])
    return store


@pytest.fixture
def consolidated(store: ReportStore) -> int:
    return store.save_report(make_report(unit=COMMUNE))


def _consolidate(store: ReportStore, report_id: int, incoming: list[StoredSubmission],
                 own: dict[str, Decimal] | None = None) -> None:
    total = sum((s.report.values[TOTAL] for s in incoming), Decimal(0)) + sum(
        (own or {}).values(), Decimal(0))
    store.save_consolidation(report_id, make_report({TOTAL: total}, unit=COMMUNE), incoming,
                             own or {}, summed=len(incoming))


def test_the_units_reports_are_kept_as_they_arrived_in_the_units_order(
        store: ReportStore, consolidated: int) -> None:
    hoa, thuan = _submission(MY_HOA, 4), _submission(MY_THUAN, 6)
    _consolidate(store, consolidated, [hoa, thuan])
    kept = store.subordinate_reports(2026, "Q1")
    assert [s.report.unit.code for s in kept] == ["ap-my-thuan", "ap-my-hoa"]
    assert [s.report.values[TOTAL] for s in kept] == [6, 4]
    assert [(s.received_at, s.source_name, s.source_sha256) for s in kept] == [
        (thuan.received_at, thuan.source_name, thuan.source_sha256),
        (hoa.received_at, hoa.source_name, hoa.source_sha256)]
    assert all(s.report_id for s in kept)
    assert store.load_report(consolidated).values[TOTAL] == 10
    assert store.subordinate_reports(2026, "H1") == []


def test_the_own_figures_are_kept_apart_and_none_before_a_consolidation(
        store: ReportStore, consolidated: int) -> None:
    assert store.own_figures(consolidated) is None
    _consolidate(store, consolidated, [_submission(MY_THUAN, 6)], own={TOTAL: Decimal(3)})
    assert store.own_figures(consolidated) == {TOTAL: Decimal(3)}
    _consolidate(store, consolidated, [_submission(MY_THUAN, 6)])
    assert store.own_figures(consolidated) == {}, "consolidated, with no own figures this time"
    assert store.own_figures(consolidated + 100) is None


def test_a_new_revision_replaces_its_units_row_and_says_so_in_the_history(
        store: ReportStore, consolidated: int) -> None:
    _consolidate(store, consolidated, [_submission(MY_THUAN, 6)])
    [first] = store.subordinate_reports(2026, "Q1")
    _consolidate(store, consolidated, [_submission(MY_THUAN, 8, revision=1)])
    [again] = store.subordinate_reports(2026, "Q1")
    assert again.report_id == first.report_id
    assert (again.report.revision, again.report.values[TOTAL]) == (1, 8)
    assert again.source_name == "ap-my-thuan-r1.json"
    assert again.report_id is not None
    changes = store.history(again.report_id, TOTAL)
    assert [(c.old, c.new, c.reason) for c in changes][-1] == ("6", "8",
                                                               "Nhận tệp ap-my-thuan-r1.json")


def test_the_same_unit_twice_in_one_consolidation_keeps_the_later_file(
        store: ReportStore, consolidated: int) -> None:
    _consolidate(store, consolidated, [_submission(MY_THUAN, 6),
                                       _submission(MY_HOA, 2),
                                       _submission(MY_THUAN, 7, revision=1)])
    kept = store.subordinate_reports(2026, "Q1")
    assert [(s.report.unit.code, s.report.values[TOTAL]) for s in kept] == [
        ("ap-my-thuan", 7), ("ap-my-hoa", 2)]


def test_a_final_file_with_an_error_is_kept_as_a_draft_saying_why(
        store: ReportStore, consolidated: int) -> None:
    wrong = _submission(MY_THUAN, 1, done=5, status=ReportStatus.FINAL)
    right = _submission(MY_HOA, 5, done=5, status=ReportStatus.FINAL)
    _consolidate(store, consolidated, [wrong, right])
    thuan, hoa = store.subordinate_reports(2026, "Q1")
    assert (thuan.report.status, hoa.report.status) == (ReportStatus.DRAFT, ReportStatus.FINAL)
    assert thuan.report_id is not None
    [change] = [c for c in store.history(thuan.report_id) if c.entity == "status"]
    assert (change.old, change.new) == ("final", "draft")
    assert change.reason == "Báo cáo còn lỗi nên được lưu ở trạng thái dự thảo"


def test_a_file_with_a_value_outside_the_template_stores_nothing_at_all(
        store: ReportStore, consolidated: int) -> None:
    good = _submission(MY_THUAN, 6)
    bad = _submission(MY_HOA, 2)
    bad.report.values["zz.khong_co"] = Decimal(1)
    with pytest.raises(ReportError, match=r"zz\.khong_co"):
        _consolidate(store, consolidated, [good, bad])
    assert store.subordinate_reports(2026, "Q1") == []
    assert store.own_figures(consolidated) is None
    assert TOTAL not in store.load_report(consolidated).values


def test_a_locked_consolidated_report_stores_nothing(
        store: ReportStore, consolidated: int) -> None:
    with sqlite3.connect(store.database.path) as connection:
        connection.execute("UPDATE reports SET status = 'final' WHERE id = ?", (consolidated,))
    with pytest.raises(ReportLockedError):
        _consolidate(store, consolidated, [_submission(MY_THUAN, 6)])
    assert store.subordinate_reports(2026, "Q1") == []


def test_a_unit_no_longer_subordinate_is_left_out_only_when_asked(
        store: ReportStore, consolidated: int) -> None:
    _consolidate(store, consolidated, [_submission(MY_THUAN, 6), _submission(MY_HOA, 2)])
    store.set_subordinate_units([MY_THUAN])
    assert [s.report.unit.code for s in store.subordinate_reports(2026, "Q1")] == [
        "ap-my-thuan", "ap-my-hoa"]
    assert [s.report.unit.code for s in
            store.subordinate_reports(2026, "Q1", include_inactive=False)] == ["ap-my-thuan"]


def test_a_file_without_its_own_unit_has_no_subordinate_reports(data_file: Path) -> None:
    assert ReportStore(Database.open(data_file)).subordinate_reports(2026, "Q1") == []
