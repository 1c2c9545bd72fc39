"""Nothing outside the number domain is stored, and a data file already holding it still opens.

The domain refuses it (repository `_check_values`), the data file refuses it too (triggers
of migration 0006), and a value an older version or another tool wrote comes back as an
error finding naming the field, never as a crash of every view of the report.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from factories import DATA, sample_report, template

from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.values import UNREADABLE_RULE
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.models import DecimalText
from cchc_desktop.storage.repository import ReportStore

COUNT = "cddh.kh.tong"
MONEY = "tcc.dtc.giai_ngan"
RATE = "cddh.kh.ty_le_hoan_thanh"


@pytest.mark.parametrize(("change", "said"), [
    (lambda r: replace(r, targets={RATE: Decimal("NaN")}), "không phải là số hữu hạn"),
    (lambda r: replace(r, targets={RATE: Decimal("1e400")}), "quá lớn"),
    (lambda r: replace(r, targets={RATE: Decimal("-5")}), "không được âm"),
    (lambda r: replace(r, targets={RATE: Decimal("100.5")}), "không vượt quá 100"),
    (lambda r: replace(r, revision=10 ** 20), "9999"),
    (lambda r: replace(r, revision=-1), "9999"),
    (lambda r: replace(r, values={**r.values, COUNT: Decimal("1e999999999")}), "quá lớn"),
    (lambda r: replace(r, values={**r.values, COUNT: Decimal("1234567890123456")}), "quá lớn"),
], ids=["target-nan", "target-1e400", "target-negative", "target-over-100", "revision-10e20",
        "revision-negative", "value-exponent", "value-16-digits"])
def test_the_store_refuses_what_is_outside_the_domain(data_file: Path, change, said: str) -> None:
    store = ReportStore(Database.open(data_file))
    start = time.monotonic()
    with pytest.raises(ReportError, match=said):
        store.save_report(change(sample_report()))
    assert time.monotonic() - start < 2
    assert store.list_reports() == []


def test_the_store_puts_texts_in_nfc_and_refuses_hidden_characters_in_names(data_file: Path) -> None:
    store = ReportStore(Database.open(data_file))
    report = sample_report()
    decomposed = replace(report, unit=replace(report.unit, name="Xa\u0303 My\u0303 An"))
    report_id = store.save_report(decomposed)
    assert store.load_report(report_id).unit.name == "Xã Mỹ An"
    hidden = replace(report, unit=replace(report.unit, name="Xã Mỹ An\u200b"))
    with pytest.raises(ReportError, match=r"tên đơn vị.*U\+200B"):
        store.save_report(hidden)
    first = next(iter(report.texts))
    store.set_text(report_id, first, "Một\u0000\u202e dòng\nhai")
    assert store.load_report(report_id).texts[first] == "Một dòng\nhai"


@pytest.mark.parametrize(("table", "column", "raw"), [
    ("report_values", "value", "NaN"), ("report_values", "value", "1e999999999"),
    ("report_values", "value", "-1"), ("report_values", "value", "1.2.3"),
    ("report_values", "value", "9" * 30), ("report_values", "value", "Infinity"),
    ("report_targets", "value", "NaN"), ("report_targets", "value", "150"),
    ("report_targets", "value", "1e2"),
])
def test_the_data_file_itself_refuses_a_value_outside_the_domain(data_file: Path, table: str,
                                                                 column: str, raw: str) -> None:
    store = ReportStore(Database.open(data_file))
    report_id = store.save_report(replace(sample_report(), targets={RATE: Decimal(90)}))
    store.database.close()
    with sqlite3.connect(data_file) as connection:
        code = COUNT if table == "report_values" else RATE
        with pytest.raises(sqlite3.IntegrityError, match="out of bounds"):
            connection.execute(f"UPDATE {table} SET {column} = ? WHERE report_id = ? AND code = ?",
                               (raw, report_id, code))
        with pytest.raises(sqlite3.IntegrityError, match="out of bounds"):
            connection.execute(f"INSERT INTO {table} (report_id, code, {column}) VALUES (?, ?, ?)",
                               (report_id, "ma.khac", raw))


@pytest.mark.parametrize("revision", [1e20, -1, 10000, 1.5, "hai"])
def test_the_data_file_itself_refuses_a_revision_out_of_range(data_file: Path, revision: object) -> None:
    store = ReportStore(Database.open(data_file))
    report_id = store.save_report(sample_report())
    store.database.close()
    with sqlite3.connect(data_file) as connection, \
            pytest.raises(sqlite3.IntegrityError, match="out of range"):
        connection.execute("UPDATE reports SET revision = ? WHERE id = ?", (revision, report_id))


def test_decimal_text_never_formats_a_huge_exponent() -> None:
    column = DecimalText()
    start = time.monotonic()
    with pytest.raises(ValueError, match="out of bounds"):
        column.process_bind_param(Decimal("1e999999999"), None)  # type: ignore[arg-type]
    for stored in ("NaN", "1e999999999", "not a number", "9" * 5000, "1_0"):
        value = column.process_result_value(stored, None)  # type: ignore[arg-type]
        assert value is not None
    assert column.process_result_value("2987.455", None) == Decimal("2987.455")  # type: ignore[arg-type]
    assert time.monotonic() - start < 2


def _old_file_with_bad_values(tmp_path: Path) -> Path:
    """The data file of the previous version, where that version let bad values in."""
    path = tmp_path / "cu.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0005.sqlite3", path)
    with sqlite3.connect(path) as connection:
        [(report_id,)] = connection.execute("SELECT id FROM reports").fetchall()
        connection.execute("UPDATE report_values SET value = '1e999999999' WHERE code = ?", (COUNT,))
        connection.execute("UPDATE report_values SET value = 'không phải số' WHERE code = ?", (MONEY,))
        connection.execute("INSERT INTO report_targets (report_id, code, value) VALUES (?, ?, 'NaN')",
                           (report_id, RATE))
        connection.execute("UPDATE reports SET revision = 1e20")
    return path


def test_a_file_already_holding_bad_values_opens_and_shows_them_as_errors(tmp_path: Path) -> None:
    path = _old_file_with_bad_values(tmp_path)
    start = time.monotonic()
    store = ReportStore(Database.open(path))
    [summary] = store.list_reports()
    report = store.load_report(summary.id)
    assert COUNT not in report.values and MONEY not in report.values
    assert RATE not in report.targets and report.revision == 0
    assert report.values["cddh.kh.hoan_thanh"] == Decimal(43)
    findings = build_context(report, template()).findings
    unreadable = [f for f in findings if f.rule == UNREADABLE_RULE]
    messages = "\n".join(f.message for f in unreadable)
    assert len(unreadable) == 4, messages
    assert f"({COUNT}): giá trị lưu trong tệp dữ liệu '1E+999999999' quá lớn" in messages
    assert f"({MONEY}): giá trị lưu trong tệp dữ liệu 'NaN'" in messages
    assert "Mục tiêu của" in messages and f"({RATE})" in messages
    assert "Lần gửi (revision)" in messages
    assert {f.codes for f in unreadable} >= {(COUNT,), (MONEY,), (RATE,), ()}
    # Saving the report again drops the unusable rows, with their old text in the history.
    store.save_report(replace(report, revision=1))
    again = store.load_report(summary.id)
    assert again.unreadable == [] and again.revision == 1
    assert [c.old for c in store.history(summary.id, COUNT)][-1] == "1E+999999999"
    assert time.monotonic() - start < 5
