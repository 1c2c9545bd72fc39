"""storage/models.py: the tables of the data file; a figure kept as plain decimal text (never a
float), a report's parts going with it, and the constraints that refuse an impossible row.

Beside tests/storage/test_migrations.py (the migrations build these tables),
tests/storage/test_bounded_values.py (the triggers on figures) and tests/storage/test_rows.py
(report <-> rows): here what the classes themselves promise on a real data file.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report
from sqlalchemy import delete, select
from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy.dialects import sqlite as sqlite_dialects

from cchc_desktop.domain.report import Task
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.models import (
    DecimalText,
    ReportRow,
    TextRow,
    UnitRow,
    ValueRow,
    utcnow,
)
from cchc_desktop.storage.repository import ReportStore

DIALECT = sqlite_dialects.dialect()     # the dialect DecimalText is handed on a data file


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file with one report (a figure, a text, two tasks), made once."""
    path = tmp_path_factory.mktemp("models") / "one-report.sqlite3"
    store = ReportStore(Database.open(path))
    store.save_report(make_report({"tcc.dtc.giai_ngan": "2987.455"}, texts={"cddh": "Đoạn."},
                                  tasks=[Task("Rà soát"), Task("Số hóa")]))
    store.database.close()
    return path


@pytest.fixture
def database(migrated: Path, data_file: Path) -> Database:
    shutil.copy(migrated, data_file)
    return Database.open(data_file)


def _raw(path: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(query).fetchall()
    connection.close()
    return rows


@pytest.mark.parametrize(("value", "stored"), [
    ("2987.455", "2987.455"), ("1E+3", "1000"), ("0.10", "0.1"), ("-0", "0"),
    # a comparison column's computed sum may pass an entered figure's 15 digits
    ("12345678901234567890123456789.5", "12345678901234567890123456789.5"),
])
def test_a_figure_is_written_as_plain_decimal_text(value: str, stored: str) -> None:
    assert DecimalText().process_bind_param(Decimal(value), DIALECT) == stored


@pytest.mark.parametrize("value", ["1E+31", "1E-41", "Infinity", "NaN"])
def test_a_figure_past_any_bound_is_refused_not_written_out(value: str) -> None:
    with pytest.raises(ValueError, match="value out of bounds"):
        DecimalText().process_bind_param(Decimal(value), DIALECT)


def test_reading_never_raises_on_what_another_tool_wrote(database: Database) -> None:
    kind = DecimalText()
    assert kind.process_result_value("2987.455", DIALECT) == Decimal("2987.455")
    assert kind.process_result_value(None, DIALECT) is None
    assert kind.process_result_value("mười hai", DIALECT).is_nan()  # type: ignore[union-attr]
    assert _raw(database.path, "SELECT value, typeof(value) FROM report_values") == [
        ("2987.455", "text")]
    with database.session() as session:
        [row] = session.scalars(select(ValueRow))
        assert row.value == Decimal("2987.455") and isinstance(row.value, Decimal)


def test_a_deleted_report_takes_its_parts_and_its_unit_stays(database: Database) -> None:
    with database.session() as session:
        report = session.scalars(select(ReportRow)).one()
        assert [t.text for t in report.tasks] == ["Rà soát", "Số hóa"]
        session.delete(report)
    for table in ("report_values", "report_texts", "report_tasks", "reports"):
        assert _raw(database.path, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert _raw(database.path, "SELECT code FROM units") == [("xa-thu",)]


def test_a_unit_with_reports_cannot_be_deleted(database: Database) -> None:
    with pytest.raises(sqlalchemy_exc.IntegrityError, match="FOREIGN KEY"), \
            database.session() as session:
        session.execute(delete(UnitRow))
    assert _raw(database.path, "SELECT count(*) FROM reports") == [(1,)]


@pytest.mark.parametrize(("column", "value", "refusal"), [
    ("status", "sent", "CHECK constraint failed: ck_reports_status_known"),
    ("kind", "Q2", "CHECK constraint failed: ck_reports_kind_known"),
    ("precision", 3, "CHECK constraint failed: ck_reports_precision_range"),
    ("end", dt.date(2025, 1, 1), "CHECK constraint failed: ck_reports_period_ordered"),
    ("revision", -1, "reports.revision out of range"),      # migration 0006's trigger, first
])
def test_an_impossible_report_row_is_refused(database: Database, column: str, value: object,
                                             refusal: str) -> None:
    with pytest.raises(sqlalchemy_exc.IntegrityError, match=refusal), \
            database.session() as session:
        setattr(session.scalars(select(ReportRow)).one(), column, value)
    assert _raw(database.path, 'SELECT status, kind, precision, revision, "end" FROM reports'
                ) == [("draft", "Q1", 2, 0, "2026-03-14")]


def test_times_are_naive_utc_and_a_text_row_does_not_show_its_text() -> None:
    now = utcnow()
    assert now.tzinfo is None
    assert abs(now - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(seconds=5)
    row = TextRow(report_id=1, section_id="cddh", text="Nội dung riêng của báo cáo")
    assert repr(row) == "TextRow(1, 'cddh', 26 chars)"

