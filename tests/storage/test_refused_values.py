"""Below the window: the data file refuses a figure its indicator cannot take, and keeps the old one.

The form never sends such a value (gui/forms/number_field.py), but imports, the command
line and any future screen go through the same store, so the rule lives here too.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from factories import sample_report, template

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.values import value_problem
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore

COUNT = "cddh.kh.tong"          # 66 in the sample
MONEY = "tcc.dtc.giai_ngan"     # triệu đồng, 3 decimals
PERCENT = "cddh.hai_long"
RATE = "cddh.kh.ty_le_hoan_thanh"

REFUSED = [
    (COUNT, "1234.5", "phải là số nguyên"),
    (COUNT, "1.2340", "phải là số nguyên"),
    (COUNT, "-2", "không được âm"),
    (COUNT, "NaN", "không phải là số"),
    (COUNT, "Infinity", "không phải là số"),
    (MONEY, "2987.4551", "có quá 3 chữ số thập phân"),
    (MONEY, "-0.001", "không được âm"),
    (PERCENT, "100.5", "không vượt quá 100"),
    (PERCENT, "88.654", "có quá 2 chữ số thập phân"),
    (RATE, "50", "tính tự động"),
]


@pytest.mark.parametrize(("code", "text", "reason"), REFUSED)
def test_the_domain_says_why_a_value_is_refused(code: str, text: str, reason: str) -> None:
    problem = value_problem(template().indicators[code], Decimal(text))
    assert problem is not None and reason in problem


@pytest.mark.parametrize(("code", "text"), [
    (COUNT, "1234"), (COUNT, "1234.000"), (COUNT, "0"), (MONEY, "2987.455"), (MONEY, "0.5"),
    (PERCENT, "100"), (PERCENT, "88.65")])
def test_the_domain_takes_what_fits(code: str, text: str) -> None:
    assert value_problem(template().indicators[code], Decimal(text)) is None


@pytest.mark.parametrize(("code", "text", "reason"), REFUSED)
def test_the_store_refuses_and_keeps_the_saved_value(data_file: Path, code: str, text: str,
                                                     reason: str) -> None:
    store = ReportStore(Database.open(data_file))
    report_id = store.save_report(sample_report())
    before = store.load_report(report_id).values.get(code)
    history = len(store.history(report_id))
    with pytest.raises(ReportError, match=reason):
        store.set_value(report_id, code, Decimal(text))
    store.database.close()
    # Read back from the file itself, through a fresh connection.
    again = ReportStore(Database.open(data_file))
    assert again.load_report(report_id).values.get(code) == before
    assert len(again.history(report_id)) == history, "a refused value leaves no history row"
    again.database.close()


def test_a_whole_report_with_one_refused_value_is_not_saved_at_all(data_file: Path) -> None:
    store = ReportStore(Database.open(data_file))
    report = sample_report()
    report.values[COUNT] = Decimal("1234.5")
    with pytest.raises(ReportError, match="phải là số nguyên"):
        store.save_report(report)
    assert store.list_reports() == []
    store.database.close()
