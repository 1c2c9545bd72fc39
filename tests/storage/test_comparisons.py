"""comparisons: another report's figures kept beside a report ('previous', 'last_year')."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from factories import sample_report

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.lifecycle import ReportLockedError
from cchc_desktop.domain.periods import Period
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


@pytest.fixture
def store(data_file: Path) -> ReportStore:
    return ReportStore(Database.open(data_file))


def test_a_column_is_kept_with_its_label_and_decimal_figures(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.set_comparison(report_id, "last_year", "Năm 2025",
                         {"cddh.kh.tong": Decimal(60), "tcc.dtc.giai_ngan": Decimal("0.1")})
    store.database.close()
    again = ReportStore(Database.open(store.database.path))
    label, values = again.comparison(report_id, "last_year") or ("", {})
    assert label == "Năm 2025"
    assert values == {"cddh.kh.tong": Decimal(60), "tcc.dtc.giai_ngan": Decimal("0.1")}
    assert isinstance(values["tcc.dtc.giai_ngan"], Decimal)


def test_a_kind_never_set_has_no_column_and_kinds_are_apart(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    assert store.comparison(report_id, "previous") is None
    store.set_comparison(report_id, "previous", "Quý IV/2025", {"cddh.kh.tong": Decimal(1)})
    assert store.comparison(report_id, "last_year") is None
    assert store.comparison(report_id, "previous") == ("Quý IV/2025", {"cddh.kh.tong": 1})


def test_setting_a_column_again_replaces_it_whole(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.set_comparison(report_id, "previous", "Quý IV/2025",
                         {"cddh.kh.tong": Decimal(1), "cddh.kh.hoan_thanh": Decimal(2)})
    store.set_comparison(report_id, "previous", "Quý III/2025", {"cddh.kh.tong": Decimal(3)})
    assert store.comparison(report_id, "previous") == ("Quý III/2025", {"cddh.kh.tong": 3})
    store.set_comparison(report_id, "previous", "Trống", {})
    assert store.comparison(report_id, "previous") is None


def test_each_report_has_its_own_columns(store: ReportStore) -> None:
    first = store.save_report(sample_report())
    other = store.save_report(replace(sample_report(), period=Period.default(2025, "Q1")))
    store.set_comparison(first, "previous", "Quý IV/2025", {"cddh.kh.tong": Decimal(1)})
    assert store.comparison(other, "previous") is None


def test_a_column_set_is_in_the_history(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.set_comparison(report_id, "last_year", "Năm 2025", {"cddh.kh.tong": Decimal(1)})
    [change] = [c for c in store.history(report_id) if c.entity == "comparison"]
    assert (change.key, change.new) == ("last_year", "Năm 2025")


def test_a_locked_or_missing_report_takes_no_column(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    with sqlite3.connect(store.database.path) as connection:
        connection.execute("UPDATE reports SET status = 'final' WHERE id = ?", (report_id,))
    with pytest.raises(ReportLockedError):
        store.set_comparison(report_id, "previous", "Quý IV/2025", {"cddh.kh.tong": Decimal(1)})
    assert store.comparison(report_id, "previous") is None
    with pytest.raises(ReportError, match="số 99"):
        store.set_comparison(99, "previous", "x", {})
