"""A consolidating unit's own figures: in a table of their own since migration 0008, moved
there from the comparison rows of the files the previous version made, with nothing lost."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from factories import DATA, template

from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import Report, SubmissionStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.imports.subordinates import consolidate_submissions
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore, StoredSubmission

ONLINE = "tthc.hs.xa.moi_truc_tuyen"
SURVEY = "cddh.hai_long"      # not summed: only the unit's own figure counts
MY_THUAN = Unit("ap-my-thuan", "Ấp Mỹ Thuận", "xa", "Ủy ban nhân dân xã Mỹ An")
MY_HOA = Unit("ap-my-hoa", "Ấp Mỹ Hòa", "xa", "Ủy ban nhân dân xã Mỹ An")


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    """The data file schema 0007 made (scripts/make_old_datafile.py): 6 tháng 2026 consolidated
    from two hamlets over the unit's own figures, Năm 2026 from one hamlet with none."""
    path = tmp_path / "schema-0007.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0007.sqlite3", path)
    return path


def _ids(store: ReportStore) -> tuple[int, int, int]:
    found = [store.find_report_id("xa-my-an", 2026, kind) for kind in ("Q1", "H1", "Y")]
    assert None not in found
    return found[0] or 0, found[1] or 0, found[2] or 0


def _hamlet(unit: Unit, kind: str, online: int, revision: int) -> StoredSubmission:
    period = Period.default(2026, kind)
    report = Report(template_ref=template().ref, unit=unit, period=period, revision=revision,
                    values={ONLINE: Decimal(online)})
    return StoredSubmission(None, report, dt.datetime.combine(period.deadline, dt.time(8)),
                            f"{unit.code}-r{revision}.json", f"{revision}{online:063d}")


def test_opening_a_0007_file_moves_the_own_figures_and_keeps_everything(old_file: Path) -> None:
    with sqlite3.connect(old_file) as connection:
        before = {row[0]: row[1:] for row in connection.execute(
            "SELECT code, kind, value FROM report_comparisons WHERE kind = 'own_level'")}
    assert before == {ONLINE: ("own_level", "7"), SURVEY: ("own_level", "91.5")}
    store = ReportStore(Database.open(old_file))
    q1, h1, year = _ids(store)
    assert store.own_figures(h1) == {ONLINE: Decimal(7), SURVEY: Decimal("91.5")}
    assert store.own_figures(year) == {}, "consolidated before, with no own figures"
    assert store.own_figures(q1) is None, "never consolidated"
    assert store.comparison(h1, "own_level") is None
    consolidated = store.load_report(h1)
    assert consolidated.values[ONLINE] == 147 and consolidated.values[SURVEY] == Decimal("91.5")
    assert [(s.code, s.status) for s in consolidated.subunits] == [
        ("ap-my-thuan", SubmissionStatus.ON_TIME), ("ap-my-hoa", SubmissionStatus.ON_TIME)]
    assert store.load_report(year).values[ONLINE] == 210
    assert [s.report.values[ONLINE] for s in store.subordinate_reports(2026, "H1")] == [100, 40]
    assert [c.new for c in store.history(q1, "cddh.kh.hoan_thanh")] == ["43"]


def test_consolidating_an_upgraded_report_again_sums_again(old_file: Path) -> None:
    store = ReportStore(Database.open(old_file))
    _q1, h1, year = _ids(store)
    consolidate_submissions(store, h1, [_hamlet(MY_THUAN, "H1", 120, revision=1)])
    values = store.load_report(h1).values
    assert values[ONLINE] == 7 + 120 + 40, "the own figure once, the new revision instead of the old"
    assert values[SURVEY] == Decimal("91.5")
    # Năm 2026 had no own figures: its sums are not taken for the unit's own this time.
    consolidate_submissions(store, year, [_hamlet(MY_HOA, "Y", 30, revision=0)])
    assert store.load_report(year).values[ONLINE] == 210 + 30
    assert store.own_figures(year) == {}


def test_the_first_consolidation_takes_the_typed_figures_as_the_units_own(old_file: Path) -> None:
    store = ReportStore(Database.open(old_file))
    q3 = store.create_report(2026, "Q3")
    store.set_value(q3, ONLINE, Decimal(5))
    consolidate_submissions(store, q3, [_hamlet(MY_HOA, "Q3", 11, revision=0)])
    assert store.own_figures(q3) == {ONLINE: Decimal(5)}
    assert store.load_report(q3).values[ONLINE] == 16
    consolidate_submissions(store, q3, [_hamlet(MY_THUAN, "Q3", 4, revision=0)])
    assert store.load_report(q3).values[ONLINE] == 20
    [first, second] = store.history(q3, "consolidation")
    assert (first.new, second.new) == ("1", "2")


def test_downgrading_puts_the_own_figures_back_where_0007_reads_them(old_file: Path) -> None:
    database = Database.open(old_file)
    store = ReportStore(database)
    _q1, h1, year = _ids(store)
    database.downgrade("0007")
    with sqlite3.connect(old_file) as connection:
        rows = sorted(connection.execute("SELECT report_id, kind, code, label, value "
                                         "FROM report_comparisons"))
        columns = {row[1] for row in connection.execute("PRAGMA table_info(reports)")}
    assert rows == [(h1, "own_level", SURVEY, "Số liệu của chính đơn vị", "91.5"),
                    (h1, "own_level", ONLINE, "Số liệu của chính đơn vị", "7")]
    assert "consolidated_at" not in columns
    database.upgrade()
    assert store.own_figures(h1) == {ONLINE: Decimal(7), SURVEY: Decimal("91.5")}
    assert store.own_figures(year) == {}


def test_the_data_file_refuses_an_own_figure_outside_the_number_domain(old_file: Path) -> None:
    store = ReportStore(Database.open(old_file))
    _q1, h1, _year = _ids(store)
    store.database.close()
    with sqlite3.connect(old_file) as connection, \
            pytest.raises(sqlite3.IntegrityError, match="out of bounds"):
        connection.execute("UPDATE report_own_values SET value = 'NaN' WHERE report_id = ?", (h1,))
